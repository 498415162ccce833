/*
 * xs_lib.c: helpers of libxenstore that need no connection: socket paths,
 * permission strings, subpaths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xenstore.h"

#define API __attribute__((visibility("default")))

API const char *xs_daemon_rundir(void)
{
    const char *s = getenv("XENSTORED_RUNDIR");

    return s ? s : "/run/xenstored";
}

API const char *xs_daemon_socket(void)
{
    static char buf[4096];
    const char *s = getenv("XENSTORED_PATH");

    if ( s )
        return s;
    snprintf(buf, sizeof(buf), "%s/socket", xs_daemon_rundir());
    return buf;
}

API const char *xs_daemon_socket_ro(void)
{
    return xs_daemon_socket();
}

API bool xs_write_all(int fd, const void *data, unsigned int len)
{
    const char *p = data;

    while ( len )
    {
        ssize_t n = write(fd, p, len);

        if ( n < 0 && errno == EINTR )
            continue;
        if ( n <= 0 )
            return false;
        p += n;
        len -= n;
    }
    return true;
}

API bool xs_strings_to_perms(struct xs_permissions *perms, unsigned int num,
                             const char *strings)
{
    const char *p = strings;
    unsigned int i;

    for ( i = 0; i < num; i++, p += strlen(p) + 1 )
    {
        char *end;

        switch ( *p )
        {
        case 'n': perms[i].perms = XS_PERM_NONE; break;
        case 'r': perms[i].perms = XS_PERM_READ; break;
        case 'w': perms[i].perms = XS_PERM_WRITE; break;
        case 'b': perms[i].perms = XS_PERM_READ | XS_PERM_WRITE; break;
        default:
            errno = EINVAL;
            return false;
        }
        perms[i].id = strtoul(p + 1, &end, 10);
        if ( end == p + 1 || *end )
        {
            errno = EINVAL;
            return false;
        }
    }
    return true;
}

API bool xs_path_is_subpath(const char *parent, const char *child)
{
    size_t len = strlen(parent);

    if ( len == 0 || strncmp(parent, child, len) )
        return false;
    if ( parent[len - 1] == '/' )
        return true;
    return child[len] == '/' || child[len] == '\0';
}
