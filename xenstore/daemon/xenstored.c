/*
 * xenstored.c: the xenstore daemon: options (Xen 4.17's, plus journal and
 * test-transport ones), start-up, and the main loop.
 *
 * Each turn of the loop handles every request that arrived, then writes the
 * journal records those requests produced, then sends the replies: no client
 * hears of a change before it is in the journal.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"

struct xsd xsd = { .db_fd = -1, .epfd = -1, .listen_fd = -1 };

static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t reopen_log;

static void on_signal(int sig)
{
    if ( sig == SIGHUP )
        reopen_log = 1;
    else
        stop_signal = sig;
}

static void usage(FILE *f)
{
    fprintf(f,
"Usage: xenstored [options]\n"
"\n"
"The xenstore daemon.  Clients of dom0 connect to the Unix socket\n"
"$XENSTORED_PATH (default /run/xenstored/socket); domains through their\n"
"shared ring once the toolstack introduces them.\n"
"\n"
"  -D, --no-domain-init    do not open the Xen devices nor serve dom0's ring\n"
"                          (runs on a plain host),\n"
"  -F, --pid-file <file>   write the daemon's pid to <file>,\n"
"  -H, --help              print this text,\n"
"  -N, --no-fork           stay in the foreground,\n"
"  -P, --output-pid        print the daemon's pid on stdout,\n"
"  -T, --trace-file <file> log every message to <file>,\n"
"  -E, --entry-nb <nb>     limit the number of nodes per domain,\n"
"  -S, --entry-size <size> limit the size of a node,\n"
"  -W, --watch-nb <nb>     limit the number of watches per domain,\n"
"  -t, --transaction <nb>  limit the open transactions per domain,\n"
"  -A, --perm-nb <nb>      limit the permission entries per node,\n"
"  -M, --path-max <chars>  limit the length of a node path,\n"
"  -Q, --quota <what>=<nb> set a quota: nodes, watches, transactions,\n"
"                          outstanding, transaction-nodes, memory,\n"
"                          node-size, path-max, permissions,\n"
"  -q, --quota-soft <what>=<nb> set a soft quota (memory): a warning only,\n"
"  -w, --timeout <what>=<seconds> accepted for compatibility (watch-event),\n"
"  -R, --no-recovery       refuse to start from a damaged journal,\n"
"  -I, --internal-db [on|off] accepted for compatibility (always in memory),\n"
"  -K, --keep-orphans      give a released domain's nodes to dom0 instead of\n"
"                          deleting them,\n"
"  -V, --verbose           log to stderr as well,\n"
"  -J, --journal <file>    journal file (default\n"
"                          $XENSTORED_ROOTDIR/xenstore.journal, rootdir\n"
"                          /var/lib/xenstored),\n"
"      --no-journal        keep nothing across restarts,\n"
"      --fsync             fdatasync the journal before replying (survives\n"
"                          power loss; without it a commit survives a kill\n"
"                          of the daemon),\n"
"      --test-ring-dir <dir> serve domain rings from files in <dir> (tests).\n");
}

static int parse_nb(const char *arg, const char *what)
{
    char *end;
    long v = strtol(arg, &end, 10);

    if ( !*arg || *end || v < 0 || v > 0x7fffffff )
    {
        fprintf(stderr, "xenstored: invalid value \"%s\" for %s\n", arg, what);
        exit(1);
    }
    return v;
}

/* "-Q what=nb" and "-q what=nb". */
static void parse_quota(const char *arg, bool soft, int *cmdline)
{
    char name[64];
    const char *eq = strchr(arg, '=');
    int q;

    if ( !eq || eq == arg || (size_t)(eq - arg) >= sizeof(name) )
    {
        fprintf(stderr, "xenstored: quotas must be specified via <what>=<nb>\n");
        exit(1);
    }
    memcpy(name, arg, eq - arg);
    name[eq - arg] = '\0';
    q = xs_quota_lookup(name, soft);
    if ( q < 0 )
    {
        fprintf(stderr, "xenstored: unknown quota \"%s\"\n", name);
        exit(1);
    }
    cmdline[q] = parse_nb(eq + 1, name);
}

static void open_trace(void)
{
    if ( xsd.trace )
        fclose(xsd.trace);
    xsd.trace = NULL;
    if ( xsd.trace_path )
    {
        xsd.trace = fopen(xsd.trace_path, "a");
        if ( !xsd.trace )
            fprintf(stderr, "xenstored: cannot open trace file %s: %s\n",
                    xsd.trace_path, strerror(errno));
    }
}

/* ops->outstanding: replies queued for domid and not yet written. */
static long outstanding_cb(void *ctx, unsigned int domid)
{
    struct connection *c;
    long n = 0;

    (void)ctx;
    for ( c = xsd.conns; c; c = c->next )
        if ( c->domid == domid && !c->dead )
            n += c->out_replies;
    return n;
}

static void core_log_cb(void *ctx, const char *msg)
{
    (void)ctx;
    xsd_log("%s", msg);
}

/* ops->control: the daemon's own XS_CONTROL commands. */
static int control_cb(void *ctx, const char *cmd, char **argv,
                      unsigned int argc, struct xs_buf *reply)
{
    (void)ctx;
    if ( !strcmp(cmd, "log") )
    {
        if ( argc != 1 )
            return EINVAL;
        if ( !strcmp(argv[0], "on") )
            open_trace();
        else if ( !strcmp(argv[0], "off") )
        {
            if ( xsd.trace )
                fclose(xsd.trace);
            xsd.trace = NULL;
        }
        else
            return EINVAL;
    }
    else if ( !strcmp(cmd, "logfile") )
    {
        char *p;

        if ( argc != 1 || !(p = strdup(argv[0])) )
            return EINVAL;
        free(xsd.trace_path);
        xsd.trace_path = p;
        open_trace();
    }
    else if ( !strcmp(cmd, "print") )
    {
        if ( argc != 1 )
            return EINVAL;
        xsd_log("control: %s", argv[0]);
    }
    else if ( !strcmp(cmd, "compact") )
    {
        if ( persist_compact() )
            return EIO;
    }
    else
        return ENOSYS;
    return xs_buf_add(reply, "OK", 3);
}

static int mkdir_parents(const char *path)
{
    char buf[4096];
    char *p;

    if ( strlen(path) >= sizeof(buf) )
        return -1;
    strcpy(buf, path);
    for ( p = buf + 1; (p = strchr(p, '/')); p++ )
    {
        *p = '\0';
        if ( mkdir(buf, 0755) && errno != EEXIST )
            return -1;
        *p = '/';
    }
    return 0;
}

static void write_pidfile(const char *path)
{
    FILE *f = fopen(path, "w");

    if ( !f )
    {
        xsd_log("cannot write pid file %s: %s", path, strerror(errno));
        return;
    }
    fprintf(f, "%ld\n", (long)getpid());
    fclose(f);
}

static void main_loop(void)
{
    struct epoll_event evs[64];

    while ( !stop_signal )
    {
        int n = epoll_wait(xsd.epfd, evs, 64, xsd.pending_input ? 0 : -1);
        int i;

        if ( n < 0 && errno != EINTR )
        {
            xsd_log("epoll_wait: %s", strerror(errno));
            break;
        }
        if ( reopen_log )
        {
            reopen_log = 0;
            open_trace();
        }
        if ( xsd.pending_input )
        {
            struct connection *c;

            xsd.pending_input = false;
            for ( c = xsd.conns; c; c = c->next )
            {
                if ( c->dead )
                    continue;
                if ( c->kind == CONN_SOCKET )
                    socket_drain_queued(c);
                else
                    ring_poll(c);
            }
        }
        for ( i = 0; i < n; i++ )
        {
            uint64_t tag = evs[i].data.u64;

            if ( tag == EP_LISTEN )
                socket_accept(xsd.listen_fd);
            else if ( tag == EP_EVTCHN )
                ring_events();
            else
            {
                struct connection *c = evs[i].data.ptr;

                if ( evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR) )
                    socket_readable(c);
                if ( evs[i].events & EPOLLOUT )
                    conn_mark_dirty(c);
            }
        }
        persist_flush();
        conn_flush_all();
    }
}

enum
{
    OPT_NO_JOURNAL = 256,
    OPT_FSYNC,
    OPT_TEST_RING_DIR,
};

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "no-domain-init", 0, NULL, 'D' },
        { "entry-nb", 1, NULL, 'E' },
        { "pid-file", 1, NULL, 'F' },
        { "help", 0, NULL, 'H' },
        { "no-fork", 0, NULL, 'N' },
        { "output-pid", 0, NULL, 'P' },
        { "entry-size", 1, NULL, 'S' },
        { "trace-file", 1, NULL, 'T' },
        { "transaction", 1, NULL, 't' },
        { "perm-nb", 1, NULL, 'A' },
        { "path-max", 1, NULL, 'M' },
        { "quota", 1, NULL, 'Q' },
        { "quota-soft", 1, NULL, 'q' },
        { "timeout", 1, NULL, 'w' },
        { "no-recovery", 0, NULL, 'R' },
        { "internal-db", 2, NULL, 'I' },
        { "keep-orphans", 0, NULL, 'K' },
        { "verbose", 0, NULL, 'V' },
        { "watch-nb", 1, NULL, 'W' },
        { "journal", 1, NULL, 'J' },
        { "no-journal", 0, NULL, OPT_NO_JOURNAL },
        { "fsync", 0, NULL, OPT_FSYNC },
        { "test-ring-dir", 1, NULL, OPT_TEST_RING_DIR },
        { NULL, 0, NULL, 0 },
    };
    int cmdline_quota[XS_Q_COUNT];
    bool no_domain_init = false, no_fork = false, output_pid = false;
    bool keep_orphans = false, no_journal = false, fsync_commits = false;
    bool strict = false;
    const char *pidfile = NULL, *journal = NULL, *ring_dir = NULL;
    const char *sock_path, *env;
    char default_sock[4096], default_journal[4096];
    struct epoll_event ev;
    int opt, q, lfd;

    for ( q = 0; q < XS_Q_COUNT; q++ )
        cmdline_quota[q] = -1;
    while ( (opt = getopt_long(argc, argv, "DE:F:HI::KNPS:t:A:M:Q:q:T:RVW:w:J:U",
                               opts, NULL)) != -1 )
    {
        switch ( opt )
        {
        case 'D': no_domain_init = true; break;
        case 'E': cmdline_quota[XS_Q_NODES] = parse_nb(optarg, "-E"); break;
        case 'F': pidfile = optarg; break;
        case 'H': usage(stdout); return 0;
        case 'N': no_fork = true; break;
        case 'P': output_pid = true; break;
        case 'S': cmdline_quota[XS_Q_NODE_SIZE] = parse_nb(optarg, "-S"); break;
        case 'T': xsd.trace_path = strdup(optarg); break;
        case 't':
            cmdline_quota[XS_Q_TRANSACTIONS] = parse_nb(optarg, "-t");
            break;
        case 'A':
            cmdline_quota[XS_Q_PERMISSIONS] = parse_nb(optarg, "-A");
            break;
        case 'M': cmdline_quota[XS_Q_PATH_MAX] = parse_nb(optarg, "-M"); break;
        case 'Q': parse_quota(optarg, false, cmdline_quota); break;
        case 'q': parse_quota(optarg, true, cmdline_quota); break;
        case 'w':
            if ( strncmp(optarg, "watch-event=", 12) )
            {
                fprintf(stderr, "xenstored: unknown timeout \"%s\"\n", optarg);
                return 1;
            }
            parse_nb(optarg + 12, "watch-event");
            break;
        case 'R': strict = true; break;
        case 'I': break;
        case 'K': keep_orphans = true; break;
        case 'V': xsd.verbose = true; break;
        case 'W': cmdline_quota[XS_Q_WATCHES] = parse_nb(optarg, "-W"); break;
        case 'J': journal = optarg; break;
        case 'U':
            fprintf(stderr, "xenstored: live update is not supported\n");
            return 1;
        case OPT_NO_JOURNAL: no_journal = true; break;
        case OPT_FSYNC: fsync_commits = true; break;
        case OPT_TEST_RING_DIR: ring_dir = optarg; break;
        default: usage(stderr); return 1;
        }
    }
    if ( optind != argc )
    {
        fprintf(stderr, "xenstored: No arguments desired\n");
        return 1;
    }

    sock_path = getenv("XENSTORED_PATH");
    if ( !sock_path )
    {
        env = getenv("XENSTORED_RUNDIR");
        snprintf(default_sock, sizeof(default_sock), "%s/socket",
                 env ? env : "/run/xenstored");
        sock_path = default_sock;
    }
    if ( !journal && !no_journal )
    {
        env = getenv("XENSTORED_ROOTDIR");
        snprintf(default_journal, sizeof(default_journal),
                 "%s/xenstore.journal", env ? env : "/var/lib/xenstored");
        journal = default_journal;
    }

    signal(SIGPIPE, SIG_IGN);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGHUP, on_signal);
    open_trace();

    xsd.ops.send = conn_send;
    xsd.ops.introduce = ring_introduce;
    xsd.ops.rebind = ring_rebind;
    xsd.ops.release = ring_release;
    xsd.ops.log = core_log_cb;
    xsd.ops.control = control_cb;
    xsd.ops.outstanding = outstanding_cb;
    xsd.store = xs_store_create(&xsd.ops, NULL);
    xsd.epfd = epoll_create1(EPOLL_CLOEXEC);
    if ( !xsd.store || xsd.epfd < 0 )
    {
        fprintf(stderr, "xenstored: out of memory\n");
        return 1;
    }
    xs_store_keep_orphans(xsd.store, keep_orphans);

    if ( ring_dir )
        xsd.dmap = dmap_file_open(ring_dir);
    else if ( !no_domain_init )
        xsd.dmap = dmap_xen_open();
    if ( (ring_dir || !no_domain_init) && !xsd.dmap )
    {
        fprintf(stderr, "xenstored: cannot open %s: %s\n",
                ring_dir ? ring_dir : "/dev/xen/evtchn", strerror(errno));
        return 1;
    }
    if ( xsd.dmap )
    {
        ev.events = EPOLLIN;
        ev.data.u64 = EP_EVTCHN;
        epoll_ctl(xsd.epfd, EPOLL_CTL_ADD, xsd.dmap->ops->fd(xsd.dmap), &ev);
    }

    if ( journal )
    {
        if ( mkdir_parents(journal) ||
             persist_open(journal, fsync_commits, strict) )
            return 1;
    }
    for ( q = 0; q < XS_Q_COUNT; q++ )
        if ( cmdline_quota[q] >= 0 )
            xs_store_set_quota(xsd.store, q, cmdline_quota[q]);
    xs_store_restore_domains(xsd.store);
    if ( journal && persist_compact() )
        return 1;
    xs_store_journal_enable(xsd.store, journal != NULL);

    if ( mkdir_parents(sock_path) )
    {
        fprintf(stderr, "xenstored: cannot create the directory of %s\n",
                sock_path);
        return 1;
    }
    lfd = socket_listen(sock_path);
    if ( lfd < 0 )
        return 1;
    if ( !no_domain_init && !ring_dir && ring_attach_dom0() )
        xsd_log("no dom0 ring (/proc/xen/xsd_kva): serving the socket only");

    if ( !no_fork )
    {
        pid_t pid = fork();

        if ( pid < 0 )
            return 1;
        if ( pid > 0 )
        {
            if ( output_pid )
                printf("%ld\n", (long)pid);
            return 0;
        }
        setsid();
        if ( !freopen("/dev/null", "r", stdin) )
            return 1;
    }
    else if ( output_pid )
    {
        printf("%ld\n", (long)getpid());
        fflush(stdout);
    }
    if ( pidfile )
        write_pidfile(pidfile);

    xsd.listen_fd = lfd;
    main_loop();
    persist_flush();
    conn_flush_all();
    xsd_log("exiting on signal %d", (int)stop_signal);
    return 0;
}
