/*
 * daemon.h: the daemon's connections, transports and persistence.
 */
#ifndef XENSTORE_DAEMON_DAEMON_H
#define XENSTORE_DAEMON_DAEMON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "xs_core.h"
#include "domain_map.h"

enum conn_kind
{
    CONN_SOCKET,
    CONN_RING
};

/* One client: a Unix socket or a domain's shared ring. */
struct connection
{
    struct connection *next;
    struct connection *prev;
    struct connection *dirty_next;  /* on the list of pending output */
    bool dirty;
    bool dead;                      /* close at the end of this iteration */
    enum conn_kind kind;
    int fd;                         /* socket; -1 for a ring */
    uint32_t ep_events;             /* events registered with epoll */
    struct xs_conn *core;
    unsigned int domid;

    /* Input: header then body of the message being received. */
    struct xsd_sockmsg hdr;
    size_t in_used;
    char in[XENSTORE_PAYLOAD_MAX + 1];
    struct xs_buf inq;              /* received, not yet framed (blocked) */
    size_t inq_off;

    /* Output: bytes queued and not yet written. */
    struct xs_buf out;
    size_t out_off;
    unsigned int out_replies;       /* replies queued since the queue drained */

    /* Ring connections. */
    void *page;
    unsigned int local_port;
    bool ring_error;
};

/* Global daemon state. */
struct xsd
{
    struct xs_store *store;
    struct xs_core_ops ops;
    int epfd;
    int listen_fd;
    struct connection *conns;
    struct connection *dirty;
    struct dmap *dmap;
    FILE *trace;
    char *trace_path;
    bool verbose;
    bool pending_input;             /* a blocked client may go on now */

    /* Persistence (persist.c). */
    char *db_path;
    int db_fd;
    size_t db_size;                 /* bytes in the file */
    size_t snapshot_size;           /* bytes of its initial snapshot */
    bool fsync_commits;
    unsigned long flushes;
};

extern struct xsd xsd;

/* Tags placed in epoll data. */
enum ep_tag
{
    EP_LISTEN = 1,
    EP_CONN,
    EP_EVTCHN
};

/* conn.c */
struct connection *conn_new(enum conn_kind kind, int fd, unsigned int domid);
void conn_free(struct connection *c);
void conn_mark_dirty(struct connection *c);
bool conn_input_blocked(const struct connection *c);
int conn_deliver(struct connection *c, const char *data, size_t len,
                 size_t *used);
void conn_send(void *ctx, void *owner, const struct xsd_sockmsg *hdr,
               const void *body, bool is_event);
void trace_msg(const struct connection *c, bool in,
               const struct xsd_sockmsg *hdr, const char *body);
void xsd_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void conn_flush_all(void);

/* socket.c */
int socket_listen(const char *path);
void socket_accept(int lfd);
void socket_readable(struct connection *c);
void socket_flush(struct connection *c);
void socket_update_events(struct connection *c);
void socket_drain_queued(struct connection *c);

/* ring.c */
int ring_introduce(void *ctx, unsigned int domid, uint64_t mfn,
                   unsigned int port, struct xs_conn **conn);
int ring_rebind(void *ctx, void *owner, unsigned int port);
void ring_release(void *ctx, void *owner);
void ring_events(void);
void ring_poll(struct connection *c);
void ring_flush(struct connection *c);
int ring_attach_dom0(void);

/* persist.c */
int persist_open(const char *path, bool fsync_commits, bool strict);
int persist_flush(void);
int persist_compact(void);

#endif /* XENSTORE_DAEMON_DAEMON_H */
