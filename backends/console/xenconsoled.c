/*
 * xenconsoled: the console daemon of dom0, with Xen 4.17's name and
 * options.  One loop polls the event channel device, xenstore's watch
 * pipe and every guest's pty:
 *   @introduceDomain / @releaseDomain   domains come and go
 *   /local/domain/N/console             a console becomes ready
 *   a guest's port                      it wrote output (or read input)
 *   a pty                               input for the guest, or room for
 *                                       its waiting output
 *   VIRQ_CON                            the hypervisor printed (--log=hv)
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xenstore.h>

#include "xc.h"
#include "console.h"

static volatile sig_atomic_t quit, hup;

static void on_signal(int sig)
{
    if ( sig == SIGHUP )
        hup = 1;
    else
        quit = 1;
}

void say(struct daemon *dm, int prio, const char *fmt, ...)
{
    va_list ap;

    if ( prio == LOG_INFO && !dm->opt.verbose )
        return;
    va_start(ap, fmt);
    vsyslog(prio, fmt, ap);
    va_end(ap);
    if ( dm->opt.interactive )
    {
        va_start(ap, fmt);
        fprintf(stderr, "xenconsoled: ");
        vfprintf(stderr, fmt, ap);
        fprintf(stderr, "\n");
        va_end(ap);
    }
}

static void usage(const char *name, FILE *f)
{
    fprintf(f, "Usage: %s [-h] [-V] [-v] [-i] [--log=none|guest|hv|all] "
            "[--log-dir=DIR] [--pid-file=PATH] [-t, "
            "--timestamp=none|guest|hv|all] [-o, "
            "--overflow-data=discard|keep]\n", name);
}

/* none|guest|hv|all into two flags; -1 when it is none of those. */
static int which(const char *s, bool *guest, bool *hv)
{
    *guest = !strcmp(s, "guest") || !strcmp(s, "all");
    *hv = !strcmp(s, "hv") || !strcmp(s, "all");
    return *guest || *hv || !strcmp(s, "none") ? 0 : -1;
}

static int parse_options(int argc, char **argv, struct options *o)
{
    static const struct option lopts[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { "verbose", no_argument, NULL, 'v' },
        { "interactive", no_argument, NULL, 'i' },
        { "log", required_argument, NULL, 'l' },
        { "log-dir", required_argument, NULL, 'r' },
        { "pid-file", required_argument, NULL, 'p' },
        { "timestamp", required_argument, NULL, 't' },
        { "overflow-data", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 }
    };
    int opt;

    memset(o, 0, sizeof(*o));
    o->discard = true;
    o->log_dir = "/var/log/xen/console";
    while ( (opt = getopt_long(argc, argv, "hVvit:o:", lopts, NULL)) != -1 )
    {
        switch ( opt )
        {
        case 'h':
            usage(argv[0], stdout);
            exit(0);
        case 'V':
            printf("%s - Xen Console Daemon 4.17-compatible\n", argv[0]);
            exit(0);
        case 'v':
            o->verbose = true;
            break;
        case 'i':
            o->interactive = true;
            break;
        case 'l':
            if ( which(optarg, &o->log_guest, &o->log_hv) )
            {
                fprintf(stderr, "%s: --log=%s: expected none, guest, hv or "
                        "all\n", argv[0], optarg);
                return -1;
            }
            break;
        case 'r':
            o->log_dir = optarg;
            break;
        case 'p':
            o->pid_file = optarg;
            break;
        case 't':
            if ( which(optarg, &o->stamp_guest, &o->stamp_hv) )
            {
                fprintf(stderr, "%s: --timestamp=%s: expected none, guest, hv "
                        "or all\n", argv[0], optarg);
                return -1;
            }
            break;
        case 'o':
            if ( strcmp(optarg, "discard") && strcmp(optarg, "keep") )
            {
                fprintf(stderr, "%s: --overflow-data=%s: expected discard or "
                        "keep\n", argv[0], optarg);
                return -1;
            }
            o->discard = !strcmp(optarg, "discard");
            break;
        default:
            usage(argv[0], stderr);
            return -1;
        }
    }
    if ( optind < argc )
    {
        fprintf(stderr, "%s: unexpected argument '%s'\n", argv[0],
                argv[optind]);
        usage(argv[0], stderr);
        return -1;
    }
    return 0;
}

/* Open the hypervisor's devices; print why and return -1 on failure. */
static int open_devices(struct daemon *dm)
{
    char *err = NULL;
    int rc;

    if ( (rc = xc_interface_open(&dm->xch, &err)) ||
         (rc = xc_evtchn_open(&dm->xce, &err)) )
    {
        fprintf(stderr, "xenconsoled: %s\n", err ? err : strerror(-rc));
        free(err);
        return -1;
    }
    /* Without gntdev the rings are mapped by frame. */
    if ( xc_gnttab_open(&dm->xgt, &err) )
    {
        dm->xgt = NULL;
        free(err);
    }
    return 0;
}

/*
 * Connect to xenstored and watch the domain list.  After daemonize():
 * libxenstore reads watch events in a thread, which a fork would lose.
 */
static int open_xenstore(struct daemon *dm)
{
    dm->xsh = xs_open(0);
    if ( !dm->xsh )
    {
        say(dm, LOG_ERR, "cannot connect to xenstored: %s", strerror(errno));
        return -1;
    }
    if ( !xs_watch(dm->xsh, "@introduceDomain", "domlist") ||
         !xs_watch(dm->xsh, "@releaseDomain", "domlist") )
    {
        say(dm, LOG_ERR, "cannot watch the domain list: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* The hypervisor's new console output into hypervisor.log. */
static void read_hv_console(struct daemon *dm)
{
    char buf[16384];
    unsigned int size, rounds;

    if ( dm->hv_log_fd < 0 )
        return;
    for ( rounds = 0; rounds < 1024; rounds++ )
    {
        size = sizeof(buf);
        if ( xc_readconsolering(dm->xch, buf, &size, 0, 1, &dm->hv_index) ||
             !size )
            break;
        log_write(dm->hv_log_fd, buf, size, dm->opt.stamp_hv,
                  &dm->hv_log_bol);
    }
}

static void open_hv_log(struct daemon *dm)
{
    int rc;

    dm->hv_log_fd = log_open(dm->opt.log_dir, "hypervisor.log");
    dm->hv_log_bol = true;
    if ( dm->hv_log_fd < 0 )
    {
        say(dm, LOG_WARNING, "cannot open %s/hypervisor.log: %s",
            dm->opt.log_dir, strerror(errno));
        return;
    }
    if ( dm->virq_con_port < 0 )
    {
        rc = xc_evtchn_bind_virq(dm->xce, XC_VIRQ_CON);
        dm->virq_con_port = rc < 0 ? -1 : rc;
    }
}

/* Handle the watch events that are queued. */
static void handle_watches(struct daemon *dm)
{
    char **ev;
    unsigned int n;
    unsigned long domid;
    int refresh = 0;

    while ( (ev = xs_check_watch(dm->xsh)) )
    {
        if ( !strcmp(ev[XS_WATCH_TOKEN], "domlist") )
            refresh = 1;
        else if ( sscanf(ev[XS_WATCH_TOKEN], "dom%lu", &domid) == 1 )
            domain_console_changed(dm, (uint32_t)domid);
        free(ev);
    }
    (void)n;
    if ( refresh )
        domains_refresh(dm);
}

/* Every fired port: the guests' and VIRQ_CON. */
static void handle_ports(struct daemon *dm)
{
    int port, rounds;

    for ( rounds = 0; rounds < 4096; rounds++ )
    {
        port = xc_evtchn_pending(dm->xce);
        if ( port < 0 )
            break;
        if ( port == dm->virq_con_port )
            read_hv_console(dm);
        else
            domain_port_fired(dm, port);
        xc_evtchn_unmask(dm->xce, (uint32_t)port);
    }
}

/* The main loop; returns when asked to stop. */
static void run(struct daemon *dm)
{
    struct pollfd *p = NULL;
    struct domain *d, **which_dom = NULL;
    unsigned int n, cap = 0, i;

    domains_refresh(dm);
    while ( !quit )
    {
        if ( hup )
        {
            hup = 0;
            domains_reopen_logs(dm);
            if ( dm->hv_log_fd >= 0 )
            {
                close(dm->hv_log_fd);
                open_hv_log(dm);
            }
        }
        n = 2;
        for ( d = dm->domains; d; d = d->next )
            n += d->connected;
        if ( n > cap )
        {
            free(p);
            free(which_dom);
            cap = n * 2;
            p = calloc(cap, sizeof(*p));
            which_dom = calloc(cap, sizeof(*which_dom));
            if ( !p || !which_dom )
            {
                say(dm, LOG_ERR, "out of memory");
                break;
            }
        }
        p[0].fd = xc_evtchn_fd(dm->xce);
        p[0].events = POLLIN;
        p[1].fd = xs_fileno(dm->xsh);
        p[1].events = POLLIN;
        n = 2;
        for ( d = dm->domains; d; d = d->next )
        {
            if ( !d->connected )
                continue;
            p[n].fd = d->master;
            p[n].events = (ring_in_space(d->page) ? POLLIN : 0) |
                          (d->out.len ? POLLOUT : 0);
            p[n].revents = 0;
            which_dom[n++] = d;
        }
        /* The timeout also picks up hypervisor output without VIRQ_CON. */
        if ( poll(p, n, dm->hv_log_fd >= 0 ? 1000 : -1) < 0 )
        {
            if ( errno == EINTR )
                continue;
            say(dm, LOG_ERR, "poll: %s", strerror(errno));
            break;
        }
        if ( p[0].revents & POLLIN )
            handle_ports(dm);
        if ( p[1].revents & POLLIN )
            handle_watches(dm);
        for ( i = 2; i < n; i++ )
        {
            d = which_dom[i];
            /* A watch may have dropped the domain in the meantime. */
            for ( struct domain *e = dm->domains; e; e = e->next )
                if ( e == d && d->connected )
                {
                    if ( p[i].revents & POLLIN )
                        domain_read_pty(dm, d);
                    if ( p[i].revents & POLLOUT )
                    {
                        domain_flush_out(dm, d);
                        /* Room again: take what the guest waited with. */
                        domain_take_output(dm, d);
                        domain_flush_out(dm, d);
                        xc_evtchn_notify(dm->xce, (uint32_t)d->local_port);
                    }
                    break;
                }
        }
        read_hv_console(dm);
    }
    free(p);
    free(which_dom);
}

/* Detach from the terminal (unless -i) and write the pid file. */
static int daemonize(struct daemon *dm)
{
    pid_t pid;
    int fd;

    if ( !dm->opt.interactive )
    {
        pid = fork();
        if ( pid < 0 )
            return -1;
        if ( pid > 0 )
            _exit(0);
        setsid();
        pid = fork();
        if ( pid < 0 )
            return -1;
        if ( pid > 0 )
            _exit(0);
        if ( chdir("/") )
            return -1;
        fd = open("/dev/null", O_RDWR);
        if ( fd >= 0 )
        {
            dup2(fd, STDIN_FILENO);
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            if ( fd > STDERR_FILENO )
                close(fd);
        }
    }
    if ( dm->opt.pid_file )
    {
        FILE *f = fopen(dm->opt.pid_file, "w");

        if ( !f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f) )
        {
            say(dm, LOG_ERR, "cannot write %s: %s", dm->opt.pid_file,
                strerror(errno));
            return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct daemon dm;
    struct sigaction sa;

    memset(&dm, 0, sizeof(dm));
    dm.virq_con_port = -1;
    dm.hv_log_fd = -1;
    if ( parse_options(argc, argv, &dm.opt) )
        return 2;
    openlog("xenconsoled", LOG_PID, LOG_DAEMON);
    if ( open_devices(&dm) )
        return 1;
    /* A daemon that cannot reach xenstored says so before detaching. */
    if ( !dm.opt.interactive )
    {
        struct xs_handle *probe = xs_open(0);

        if ( !probe )
        {
            fprintf(stderr, "xenconsoled: cannot connect to xenstored: %s\n",
                    strerror(errno));
            return 1;
        }
        xs_close(probe);
    }
    if ( daemonize(&dm) || open_xenstore(&dm) )
        return 1;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    if ( dm.opt.log_hv )
        open_hv_log(&dm);
    run(&dm);
    domains_free(&dm);
    if ( dm.hv_log_fd >= 0 )
        close(dm.hv_log_fd);
    xs_close(dm.xsh);
    xc_gnttab_close(dm.xgt);
    xc_evtchn_close(dm.xce);
    xc_interface_close(dm.xch);
    if ( dm.opt.pid_file )
        unlink(dm.opt.pid_file);
    return 0;
}
