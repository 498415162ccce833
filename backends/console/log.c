/*
 * log.c: the log files of --log=guest|hv|all, under --log-dir
 * (/var/log/xen/console by default): guest-NAME.log per guest and
 * hypervisor.log, optionally time-stamped per line (--timestamp).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "console.h"

int log_open(const char *dir, const char *name)
{
    char path[512];

    mkdir(dir, 0755);
    if ( snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path) )
        return -1;
    return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

/* Write everything, ignoring what cannot be written (a full disk must not
 * stop the consoles). */
static void put(int fd, const char *data, size_t len)
{
    ssize_t n;

    while ( len )
    {
        n = write(fd, data, len);
        if ( n < 0 && errno == EINTR )
            continue;
        if ( n <= 0 )
            return;
        data += n;
        len -= n;
    }
}

void log_write(int fd, const char *data, size_t len, bool stamp,
               bool *at_line_start)
{
    const char *nl;
    char ts[64];
    struct tm tm;
    time_t now;
    size_t n;

    if ( fd < 0 )
        return;
    if ( !stamp )
    {
        put(fd, data, len);
        return;
    }
    while ( len )
    {
        if ( *at_line_start )
        {
            now = time(NULL);
            localtime_r(&now, &tm);
            n = strftime(ts, sizeof(ts), "[%Y-%m-%d %H:%M:%S] ", &tm);
            put(fd, ts, n);
            *at_line_start = false;
        }
        nl = memchr(data, '\n', len);
        n = nl ? (size_t)(nl - data) + 1 : len;
        put(fd, data, n);
        if ( nl )
            *at_line_start = true;
        data += n;
        len -= n;
    }
}
