/*
 * xl console: this terminal joined to a domain's console, the pty that
 * xenconsoled records in /local/domain/N/console/tty, until Ctrl-] is
 * typed or the domain goes away (what Xen's xenconsole does for xl).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <xenstore.h>

#include "xl.h"
#include "xldom.h"

#define ESCAPE_CHAR 0x1d /* Ctrl-] */

/* Is domid gone (or going)? */
static int domain_gone(xldom_ctx *ctx, uint32_t domid)
{
    xc_dominfo_t info;
    int rc = xc_domain_getinfo(xldom_xc(ctx), domid, &info);

    return rc == -ESRCH || (!rc && info.dying);
}

/* The console's pty, waiting up to ~10 s for xenconsoled to record it. */
static char *console_tty(xldom_ctx *ctx, uint32_t domid)
{
    char path[64], *tty;
    struct timespec ts = { 0, 100 * 1000 * 1000 };
    int i;

    snprintf(path, sizeof(path), "/local/domain/%u/console/tty", domid);
    for ( i = 0; i < 100; i++ )
    {
        tty = xldom_xs_read(ctx, path);
        if ( tty && *tty )
            return tty;
        free(tty);
        if ( domain_gone(ctx, domid) )
            return NULL;
        nanosleep(&ts, NULL);
    }
    return NULL;
}

/* Copy everything of len bytes to fd; 0 or -1. */
static int write_all(int fd, const char *buf, size_t len)
{
    ssize_t n;

    while ( len )
    {
        n = write(fd, buf, len);
        if ( n < 0 && errno == EINTR )
            continue;
        if ( n < 0 && errno == EAGAIN )
        {
            struct pollfd p = { fd, POLLOUT, 0 };

            poll(&p, 1, 1000);
            continue;
        }
        if ( n <= 0 )
            return -1;
        buf += n;
        len -= n;
    }
    return 0;
}

/* See xl.h. */
int xl_console_attach(struct xldom_ctx *ctx, uint32_t domid, int quiet)
{
    struct xs_handle *xsh = xldom_xs(ctx);
    struct termios saved, raw;
    int raw_set = 0, fd, rc = 1, done = 0;
    struct pollfd p[3];
    char buf[4096], *tty, **ev, *esc;
    unsigned int nev;
    ssize_t n;

    tty = console_tty(ctx, domid);
    if ( !tty )
    {
        fprintf(stderr, "xl: console: domain %u has no console pty (is "
                "xenconsoled running?)\n", domid);
        return 1;
    }
    fd = open(tty, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if ( fd < 0 )
    {
        fprintf(stderr, "xl: console: %s: %s\n", tty, strerror(errno));
        free(tty);
        return 1;
    }
    free(tty);
    if ( !xs_watch(xsh, "@releaseDomain", "xl-console") )
    {
        fprintf(stderr, "xl: console: watching @releaseDomain: %s\n",
                strerror(errno));
        close(fd);
        return 1;
    }
    if ( isatty(STDIN_FILENO) && !tcgetattr(STDIN_FILENO, &saved) )
    {
        raw = saved;
        cfmakeraw(&raw);
        raw_set = !tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
    }
    (void)quiet;
    while ( !done )
    {
        p[0].fd = STDIN_FILENO;
        p[0].events = POLLIN;
        p[1].fd = fd;
        p[1].events = POLLIN;
        p[2].fd = xs_fileno(xsh);
        p[2].events = POLLIN;
        if ( poll(p, 3, 1000) < 0 && errno != EINTR )
            break;
        if ( p[0].revents & (POLLIN | POLLHUP) )
        {
            n = read(STDIN_FILENO, buf, sizeof(buf));
            if ( n <= 0 )
                break;
            esc = memchr(buf, ESCAPE_CHAR, n);
            if ( esc )
            {
                n = esc - buf;
                done = 1;
                rc = 0;
            }
            if ( n > 0 && write_all(fd, buf, n) )
                break;
        }
        if ( p[1].revents & POLLIN )
        {
            n = read(fd, buf, sizeof(buf));
            if ( n > 0 && write_all(STDOUT_FILENO, buf, n) )
                break;
        }
        if ( p[2].revents & POLLIN )
        {
            ev = xs_read_watch(xsh, &nev);
            free(ev);
        }
        /* The watch says a domain went; the timeout covers a missed one. */
        if ( domain_gone(ctx, domid) )
        {
            /* What the guest wrote last. */
            while ( (n = read(fd, buf, sizeof(buf))) > 0 )
                write_all(STDOUT_FILENO, buf, n);
            rc = 0;
            break;
        }
    }
    if ( raw_set )
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    xs_unwatch(xsh, "@releaseDomain", "xl-console");
    close(fd);
    return rc;
}

/* See xl.h: xl console [-t pv|serial|vuart] [-n NUM] <Domain>. */
int main_console(int argc, char **argv)
{
    const char *type = "pv";
    long num = 0;
    int opt, rc;
    xldom_ctx *ctx;
    uint32_t domid;
    char *end;

    while ( (opt = xl_getopt(argc, argv, "ht:n:", xl_long_opts, "console",
                             1)) != -1 )
    {
        if ( opt == 't' )
            type = optarg;
        else if ( opt == 'n' )
        {
            num = strtol(optarg, &end, 10);
            if ( end == optarg || *end || num < 0 )
            {
                fprintf(stderr, "xl: console: invalid console number '%s'\n",
                        optarg);
                return 1;
            }
        }
    }
    if ( strcmp(type, "pv") && strcmp(type, "serial") && strcmp(type, "vuart") )
    {
        fprintf(stderr, "console type supported are: pv, serial, vuart\n");
        return 2;
    }
    if ( !(ctx = xl_open("console")) )
        return 1;
    if ( xl_find_domain(ctx, argv[optind], &domid) )
    {
        xldom_close(ctx);
        return 1;
    }
    if ( strcmp(type, "pv") || num != 0 )
    {
        fprintf(stderr, "xl: console: only the first PV console (-t pv -n 0) "
                "exists for PV guests here\n");
        xldom_close(ctx);
        return 1;
    }
    if ( domid == 0 )
    {
        fprintf(stderr, "xl: console: domain 0's console is the hypervisor's "
                "(this terminal, or the serial line)\n");
        xldom_close(ctx);
        return 1;
    }
    rc = xl_console_attach(ctx, domid, 0);
    xldom_close(ctx);
    return rc;
}
