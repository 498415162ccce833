/*
 * conn.c: transport-independent connection handling: framing of incoming
 * messages, the output queue with its back-pressure, and the trace log.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"

/*
 * Stop reading a client's requests while this much output waits for it: a
 * client that never reads its replies cannot make the daemon grow.
 */
#define OUT_BLOCK_BYTES (256 * 1024)
/* Past this much queued output, watch events are dropped (and counted). */
#define OUT_EVENT_LIMIT (4 * 1024 * 1024)

static const char *const type_names[XS_TYPE_COUNT] = {
    [XS_CONTROL] = "CONTROL",
    [XS_DIRECTORY] = "DIRECTORY",
    [XS_READ] = "READ",
    [XS_GET_PERMS] = "GET_PERMS",
    [XS_WATCH] = "WATCH",
    [XS_UNWATCH] = "UNWATCH",
    [XS_TRANSACTION_START] = "TRANSACTION_START",
    [XS_TRANSACTION_END] = "TRANSACTION_END",
    [XS_INTRODUCE] = "INTRODUCE",
    [XS_RELEASE] = "RELEASE",
    [XS_GET_DOMAIN_PATH] = "GET_DOMAIN_PATH",
    [XS_WRITE] = "WRITE",
    [XS_MKDIR] = "MKDIR",
    [XS_RM] = "RM",
    [XS_SET_PERMS] = "SET_PERMS",
    [XS_WATCH_EVENT] = "WATCH_EVENT",
    [XS_ERROR] = "ERROR",
    [XS_IS_DOMAIN_INTRODUCED] = "IS_DOMAIN_INTRODUCED",
    [XS_RESUME] = "RESUME",
    [XS_SET_TARGET] = "SET_TARGET",
    [XS_RESET_WATCHES] = "RESET_WATCHES",
    [XS_DIRECTORY_PART] = "DIRECTORY_PART",
};

/* Write a line to the trace log (when open) and, if verbose, stderr. */
void xsd_log(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if ( xsd.trace )
    {
        fprintf(xsd.trace, "%s\n", msg);
        fflush(xsd.trace);
    }
    if ( xsd.verbose || !xsd.trace )
        fprintf(stderr, "xenstored: %s\n", msg);
}

/* Trace one message: direction, connection, type, printable payload. */
void trace_msg(const struct connection *c, bool in,
               const struct xsd_sockmsg *hdr, const char *body)
{
    char when[32], text[256];
    const char *name = hdr->type < XS_TYPE_COUNT && type_names[hdr->type]
                           ? type_names[hdr->type]
                           : "UNKNOWN";
    time_t now = time(NULL);
    struct tm tm;
    size_t i, n = hdr->len < sizeof(text) - 1 ? hdr->len : sizeof(text) - 1;

    if ( !xsd.trace )
        return;
    for ( i = 0; i < n; i++ )
        text[i] = body[i] == '\0' ? ' '
                  : (body[i] < ' ' || body[i] > '~') ? '.' : body[i];
    text[n] = '\0';
    localtime_r(&now, &tm);
    strftime(when, sizeof(when), "%Y%m%d %H:%M:%S", &tm);
    fprintf(xsd.trace, "%s %p %s %s (%s)\n", in ? "IN " : "OUT", (void *)c,
            when, name, text);
}

/* A new connection of domain domid over fd (-1 for rings). */
struct connection *conn_new(enum conn_kind kind, int fd, unsigned int domid)
{
    struct connection *c = calloc(1, sizeof(*c));

    if ( !c )
        return NULL;
    c->kind = kind;
    c->fd = fd;
    c->domid = domid;
    c->core = xs_conn_create(xsd.store, domid, c);
    if ( !c->core )
    {
        free(c);
        return NULL;
    }
    c->next = xsd.conns;
    if ( xsd.conns )
        xsd.conns->prev = c;
    xsd.conns = c;
    return c;
}

/* Free a connection that is no longer on the dirty list. */
void conn_free(struct connection *c)
{
    if ( c->core )
        xs_conn_destroy(c->core);
    if ( c->fd >= 0 )
    {
        epoll_ctl(xsd.epfd, EPOLL_CTL_DEL, c->fd, NULL);
        close(c->fd);
    }
    if ( c->prev )
        c->prev->next = c->next;
    else
        xsd.conns = c->next;
    if ( c->next )
        c->next->prev = c->prev;
    xs_buf_free(&c->out);
    xs_buf_free(&c->inq);
    free(c);
}

void conn_mark_dirty(struct connection *c)
{
    if ( c->dirty )
        return;
    c->dirty = true;
    c->dirty_next = xsd.dirty;
    xsd.dirty = c;
}

static size_t out_pending(const struct connection *c)
{
    return c->out.len - c->out_off;
}

/*
 * Whether c must not send more requests for now: too much unread output, or
 * for an unprivileged domain its "outstanding" quota of unanswered requests.
 */
bool conn_input_blocked(const struct connection *c)
{
    if ( c->dead || c->ring_error )
        return true;
    if ( out_pending(c) > OUT_BLOCK_BYTES )
        return true;
    return c->kind == CONN_RING && c->domid &&
           c->out_replies >=
               (unsigned int)xs_store_quota(xsd.store, XS_Q_OUTSTANDING);
}

/* ops->send: queue a message for c. */
void conn_send(void *ctx, void *owner, const struct xsd_sockmsg *hdr,
               const void *body, bool is_event)
{
    struct connection *c = owner;

    (void)ctx;
    if ( c->dead )
        return;
    if ( is_event && out_pending(c) > OUT_EVENT_LIMIT )
    {
        xs_conn_note_dropped_event(c->core);
        return;
    }
    if ( xs_buf_reserve(&c->out, sizeof(*hdr) + hdr->len) )
    {
        c->dead = true;
        conn_mark_dirty(c);
        return;
    }
    xs_buf_add(&c->out, hdr, sizeof(*hdr));
    xs_buf_add(&c->out, body, hdr->len);
    if ( !is_event )
        c->out_replies++;
    trace_msg(c, false, hdr, body);
    conn_mark_dirty(c);
}

/*
 * Feed len received bytes to c's framing; complete messages are handled.
 * Stops early when c becomes blocked; *used tells how much was taken.
 * Returns 0, or -1 on a protocol violation (payload over the limit).
 */
int conn_deliver(struct connection *c, const char *data, size_t len,
                 size_t *used)
{
    size_t off = 0;

    while ( off < len && !conn_input_blocked(c) )
    {
        size_t need, take;

        if ( c->in_used < sizeof(c->hdr) )
        {
            need = sizeof(c->hdr) - c->in_used;
            take = need < len - off ? need : len - off;
            memcpy((char *)&c->hdr + c->in_used, data + off, take);
            c->in_used += take;
            off += take;
            if ( c->in_used < sizeof(c->hdr) )
                break;
            if ( c->hdr.len > XENSTORE_PAYLOAD_MAX )
            {
                *used = off;
                return -1;
            }
        }
        need = sizeof(c->hdr) + c->hdr.len - c->in_used;
        take = need < len - off ? need : len - off;
        memcpy(c->in + (c->in_used - sizeof(c->hdr)), data + off, take);
        c->in_used += take;
        off += take;
        if ( c->in_used == sizeof(c->hdr) + c->hdr.len )
        {
            struct xsd_sockmsg h = c->hdr;

            c->in[h.len] = '\0';
            c->in_used = 0;
            trace_msg(c, true, &h, c->in);
            xs_conn_request(c->core, &h, c->in);
        }
    }
    *used = off;
    return 0;
}

/* Write out everything queued (after the journal reached the disk). */
void conn_flush_all(void)
{
    while ( xsd.dirty )
    {
        struct connection *c = xsd.dirty;

        xsd.dirty = c->dirty_next;
        c->dirty = false;
        if ( !c->dead )
        {
            if ( c->kind == CONN_SOCKET )
                socket_flush(c);
            else
                ring_flush(c);
        }
        if ( c->dead )
            conn_free(c);
    }
}
