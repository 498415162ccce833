/*
 * console.h: xenconsoled's pieces.  The daemon serves each guest's first
 * console: it maps the ring page the builder made (grant
 * GNTTAB_RESERVED_CONSOLE, else the frame in console/ring-ref), binds the
 * event channel in console/port, and joins the ring to a pty whose name it
 * records in console/tty for "xl console".  Optionally it logs what
 * guests and the hypervisor print.
 */
#ifndef BACKENDS_CONSOLE_CONSOLE_H
#define BACKENDS_CONSOLE_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The shared page (public/io/console.h): output ring 2048 bytes, input
 * ring 1024, then the four indexes. */
struct xencons_page {
    char in[1024];
    char out[2048];
    uint32_t in_cons, in_prod;
    uint32_t out_cons, out_prod;
};

/* ---- ring.c: the ring protocol, pure --------------------------------- */

/*
 * Take up to max bytes the guest wrote (out ring) into buf, advancing
 * out_cons.  Indexes are read once; a ring claiming more than its size is
 * corrupt: nothing is taken and *corrupt set.
 */
size_t ring_read_out(struct xencons_page *p, char *buf, size_t max,
                     bool *corrupt);
/* Bytes free in the guest's input ring (0 when corrupt). */
size_t ring_in_space(const struct xencons_page *p);
/* Put up to len bytes into the input ring; returns how many fitted. */
size_t ring_write_in(struct xencons_page *p, const char *buf, size_t len);

/* ---- buffer.c: output waiting for the pty, bounded ------------------- */

struct buffer {
    char *data;
    size_t len, cap;
    size_t limit;       /* most bytes kept */
    bool discard;       /* over the limit: drop the oldest (else refuse) */
    uint64_t dropped;   /* bytes dropped so far */
};

void buffer_init(struct buffer *b, size_t limit, bool discard);
void buffer_free(struct buffer *b);
/* Room for more under the limit (always with discard). */
size_t buffer_room(const struct buffer *b);
/* Append; with discard the oldest bytes go to keep at most limit.
 * Returns 0 or -ENOMEM. */
int buffer_append(struct buffer *b, const char *data, size_t len);
/* Forget the first n bytes (written out). */
void buffer_consume(struct buffer *b, size_t n);

/* ---- log.c ------------------------------------------------------------ */

/* Open (append) a log file under dir; -1 when it cannot be. */
int log_open(const char *dir, const char *name);
/* Write len bytes to fd, each line started with "[YYYY-mm-dd HH:MM:SS] "
 * when stamp; *at_line_start carries the state across calls. */
void log_write(int fd, const char *data, size_t len, bool stamp,
               bool *at_line_start);

/* ---- the daemon (daemon.c, domain.c) ------------------------------------ */

struct xc_interface;
struct xc_evtchn;
struct xc_gnttab;
struct xs_handle;

/* What the options asked for. */
struct options {
    bool log_guest, log_hv;
    bool stamp_guest, stamp_hv;
    bool discard;            /* --overflow-data=discard (default) */
    bool interactive, verbose;
    const char *log_dir;
    const char *pid_file;
};

/* One guest's console. */
struct domain {
    uint32_t domid;
    char conspath[64];       /* /local/domain/N/console */
    bool watched;            /* conspath is watched */
    bool connected;
    bool seen;               /* still listed by the hypervisor */
    struct xencons_page *page;
    bool by_grant;           /* mapped through gntdev (else foreign) */
    uint32_t remote_port;
    int local_port;          /* -1 when unbound */
    int master, slave;       /* the pty, -1 when none */
    char tty[64];
    struct buffer out;       /* guest output waiting for the pty */
    int log_fd;
    bool log_bol;            /* the log is at a line start */
    bool warned_corrupt;
    struct domain *next;
};

struct daemon {
    struct options opt;
    struct xc_interface *xch;
    struct xc_evtchn *xce;
    struct xc_gnttab *xgt;   /* NULL without gntdev */
    struct xs_handle *xsh;
    struct domain *domains;
    int virq_con_port;       /* VIRQ_CON, -1 when not bound */
    uint32_t hv_index;       /* where reading the hypervisor ring is */
    int hv_log_fd;
    bool hv_log_bol;
    volatile int reopen_logs; /* SIGHUP */
};

/* Messages: to syslog, and to stderr with -i. */
void say(struct daemon *dm, int prio, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Bring the list of domains up to date with the hypervisor's: new ones
 * are watched and connected when their console is ready, gone ones
 * cleaned up. */
void domains_refresh(struct daemon *dm);
/* A watch fired on a domain's console directory (token "dom<N>"). */
void domain_console_changed(struct daemon *dm, uint32_t domid);
/* An event channel port fired. */
void domain_port_fired(struct daemon *dm, int port);
/* Move guest output to its pty and pty input to its ring. */
void domain_flush_out(struct daemon *dm, struct domain *d);
void domain_read_pty(struct daemon *dm, struct domain *d);
/* Take what the guest wrote into its buffer (and log). */
void domain_take_output(struct daemon *dm, struct domain *d);
/* Forget every domain (at exit). */
void domains_free(struct daemon *dm);
/* Reopen the guest logs (SIGHUP). */
void domains_reopen_logs(struct daemon *dm);

#endif /* BACKENDS_CONSOLE_CONSOLE_H */
