/*
 * daemon.c: see daemon.h.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"

const char *daemon_binary = "build/xenstored";

/* $XENSTORED_BINARY overrides the daemon (sanitizer builds, build dirs). */
static const char *binary(void)
{
    const char *b = getenv("XENSTORED_BINARY");

    return b && *b ? b : daemon_binary;
}

int daemon_prepare(struct daemon *d)
{
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

    memset(d, 0, sizeof(*d));
    snprintf(d->dir, sizeof(d->dir), "%s/xs-test-XXXXXX", tmp);
    if ( !mkdtemp(d->dir) )
        return -1;
    snprintf(d->sock, sizeof(d->sock), "%s/socket", d->dir);
    snprintf(d->journal, sizeof(d->journal), "%s/journal", d->dir);
    snprintf(d->rings, sizeof(d->rings), "%s/rings", d->dir);
    mkdir(d->rings, 0700);
    setenv("XENSTORED_PATH", d->sock, 1);
    return 0;
}

static bool can_connect(const char *path)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    bool ok;

    if ( strlen(path) >= sizeof(a.sun_path) )
    {
        if ( fd >= 0 )
            close(fd);
        return false;
    }
    memcpy(a.sun_path, path, strlen(path) + 1);
    ok = fd >= 0 && !connect(fd, (struct sockaddr *)&a, sizeof(a));
    if ( fd >= 0 )
        close(fd);
    return ok;
}

int daemon_start(struct daemon *d, const char *const *extra)
{
    const char *argv[32];
    int n = 0, i;

    unlink(d->sock);
    argv[n++] = binary();
    argv[n++] = "-D";
    argv[n++] = "-N";
    argv[n++] = "-J";
    argv[n++] = d->journal;
    argv[n++] = "--test-ring-dir";
    argv[n++] = d->rings;
    for ( i = 0; extra && extra[i] && n < 30; i++ )
        argv[n++] = extra[i];
    argv[n] = NULL;
    d->pid = fork();
    if ( d->pid < 0 )
        return -1;
    if ( !d->pid )
    {
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    for ( i = 0; i < 1000; i++ )
    {
        struct timespec ts = { 0, 10 * 1000 * 1000 };
        int st;

        if ( can_connect(d->sock) )
            return 0;
        if ( waitpid(d->pid, &st, WNOHANG) == d->pid )
        {
            d->pid = 0;
            return -1;
        }
        nanosleep(&ts, NULL);
    }
    daemon_stop(d, SIGKILL);
    return -1;
}

int daemon_stop(struct daemon *d, int sig)
{
    int st = -1;

    if ( d->pid <= 0 )
        return -1;
    kill(d->pid, sig);
    while ( waitpid(d->pid, &st, 0) < 0 && errno == EINTR )
        ;
    d->pid = 0;
    return st;
}

void daemon_cleanup(struct daemon *d)
{
    char cmd[400];

    if ( d->pid > 0 )
        daemon_stop(d, SIGKILL);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d->dir);
    if ( system(cmd) )
        fprintf(stderr, "could not remove %s\n", d->dir);
}
