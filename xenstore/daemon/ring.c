/*
 * ring.c: the shared-ring transport to other domains (Xen's
 * docs/misc/xenstore-ring.txt).  The page comes from the domain-mapping
 * layer; each index is read once per pass, data is copied out before the
 * consumer index is published and in before the producer index is, and an
 * index that moved by more than the ring size marks the ring broken.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"

#define RING_BATCH XENSTORE_RING_SIZE

static struct xenstore_domain_interface *intf(struct connection *c)
{
    return c->page;
}

static XENSTORE_RING_IDX read_idx(const XENSTORE_RING_IDX *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void write_idx(XENSTORE_RING_IDX *p, XENSTORE_RING_IDX v)
{
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static void ring_fail(struct connection *c, uint32_t err)
{
    struct xenstore_domain_interface *i = intf(c);

    xsd_log("domain %u: ring error %u, connection stopped", c->domid, err);
    __atomic_store_n(&i->error, err, __ATOMIC_RELEASE);
    c->ring_error = true;
    xsd.dmap->ops->notify(xsd.dmap, c->local_port);
}

/* The domain asked for a reset (connection == XENSTORE_RECONNECT). */
static void ring_reconnect(struct connection *c)
{
    struct xenstore_domain_interface *i = intf(c);

    xsd_log("domain %u: ring reconnect", c->domid);
    /* Forget watches, transactions and everything in flight. */
    xs_conn_reset(c->core);
    xs_buf_reset(&c->out);
    c->out_off = 0;
    c->out_replies = 0;
    c->in_used = 0;
    c->ring_error = false;
    i->req_cons = i->req_prod = 0;
    i->rsp_cons = i->rsp_prod = 0;
    i->error = XENSTORE_ERROR_NONE;
    __atomic_store_n(&i->connection, XENSTORE_CONNECTED, __ATOMIC_RELEASE);
    xsd.dmap->ops->notify(xsd.dmap, c->local_port);
}

/* Read and handle the requests waiting in c's ring. */
void ring_poll(struct connection *c)
{
    struct xenstore_domain_interface *i = intf(c);
    bool consumed = false;

    if ( c->dead || c->ring_error )
        return;
    if ( __atomic_load_n(&i->connection, __ATOMIC_ACQUIRE) ==
         XENSTORE_RECONNECT )
    {
        ring_reconnect(c);
        return;
    }
    while ( !conn_input_blocked(c) )
    {
        XENSTORE_RING_IDX cons = i->req_cons, prod = read_idx(&i->req_prod);
        char buf[RING_BATCH];
        size_t avail, n, first, used;

        if ( prod - cons > XENSTORE_RING_SIZE )
        {
            ring_fail(c, XENSTORE_ERROR_RINGIDX);
            break;
        }
        avail = prod - cons;
        if ( !avail )
            break;
        n = avail < sizeof(buf) ? avail : sizeof(buf);
        first = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(cons);
        if ( first > n )
            first = n;
        memcpy(buf, i->req + MASK_XENSTORE_IDX(cons), first);
        memcpy(buf + first, i->req, n - first);
        if ( conn_deliver(c, buf, n, &used) )
        {
            write_idx(&i->req_cons, cons + used);
            ring_fail(c, XENSTORE_ERROR_PROTO);
            break;
        }
        write_idx(&i->req_cons, cons + used);
        consumed |= used > 0;
        if ( used < n )
            break;
    }
    if ( consumed )
        xsd.dmap->ops->notify(xsd.dmap, c->local_port);
    conn_mark_dirty(c);
}

/* Copy queued replies and events into the response ring. */
void ring_flush(struct connection *c)
{
    struct xenstore_domain_interface *i = intf(c);
    bool wrote = false;

    if ( c->dead || c->ring_error )
        return;
    while ( c->out_off < c->out.len )
    {
        XENSTORE_RING_IDX prod = i->rsp_prod, cons = read_idx(&i->rsp_cons);
        size_t space, n, first;

        if ( prod - cons > XENSTORE_RING_SIZE )
        {
            ring_fail(c, XENSTORE_ERROR_RINGIDX);
            return;
        }
        space = XENSTORE_RING_SIZE - (prod - cons);
        if ( !space )
            break;
        n = c->out.len - c->out_off;
        if ( n > space )
            n = space;
        first = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(prod);
        if ( first > n )
            first = n;
        memcpy(i->rsp + MASK_XENSTORE_IDX(prod), c->out.data + c->out_off,
               first);
        memcpy(i->rsp, c->out.data + c->out_off + first, n - first);
        write_idx(&i->rsp_prod, prod + n);
        c->out_off += n;
        wrote = true;
    }
    if ( c->out_off == c->out.len )
    {
        bool was_blocked = conn_input_blocked(c);

        xs_buf_reset(&c->out);
        c->out_off = 0;
        c->out_replies = 0;
        if ( was_blocked )
            xsd.pending_input = true;
    }
    if ( wrote )
        xsd.dmap->ops->notify(xsd.dmap, c->local_port);
}

/* ops->introduce: map domid's ring and start serving it. */
int ring_introduce(void *ctx, unsigned int domid, uint64_t mfn,
                   unsigned int port, struct xs_conn **conn)
{
    struct xenstore_domain_interface *page;
    struct connection *c;
    int lport;

    (void)ctx;
    if ( !xsd.dmap )
        return ENOSYS;
    page = xsd.dmap->ops->map_ring(xsd.dmap, domid, mfn);
    if ( !page )
        return EINVAL;
    lport = xsd.dmap->ops->bind(xsd.dmap, domid, port);
    if ( lport < 0 )
    {
        xsd.dmap->ops->unmap_ring(xsd.dmap, page);
        return EINVAL;
    }
    c = conn_new(CONN_RING, -1, domid);
    if ( !c )
    {
        xsd.dmap->ops->unbind(xsd.dmap, lport);
        xsd.dmap->ops->unmap_ring(xsd.dmap, page);
        return ENOMEM;
    }
    c->page = page;
    c->local_port = lport;
    page->server_features |= XENSTORE_SERVER_FEATURE_RECONNECTION |
                             XENSTORE_SERVER_FEATURE_ERROR;
    *conn = c->core;
    /* Requests may already wait (a restart): look at the ring soon. */
    xsd.pending_input = true;
    return 0;
}

/* ops->rebind: a second INTRODUCE gives the domain a new event channel. */
int ring_rebind(void *ctx, void *owner, unsigned int port)
{
    struct connection *c = owner;
    int lport;

    (void)ctx;
    lport = xsd.dmap->ops->bind(xsd.dmap, c->domid, port);
    if ( lport < 0 )
        return EINVAL;
    xsd.dmap->ops->unbind(xsd.dmap, c->local_port);
    c->local_port = lport;
    return 0;
}

/* ops->release: the core is dropping this domain's connection. */
void ring_release(void *ctx, void *owner)
{
    struct connection *c = owner;

    (void)ctx;
    if ( c->kind != CONN_RING )
        return;
    xsd.dmap->ops->unbind(xsd.dmap, c->local_port);
    xsd.dmap->ops->unmap_ring(xsd.dmap, c->page);
    c->page = NULL;
    c->core = NULL;         /* the core frees it */
    c->dead = true;
    conn_mark_dirty(c);
}

static struct connection *by_port(unsigned int port)
{
    struct connection *c;

    for ( c = xsd.conns; c; c = c->next )
        if ( c->kind == CONN_RING && !c->dead && c->local_port == port )
            return c;
    return NULL;
}

static void check_dead_domains(void)
{
    unsigned int domids[256], gone[256];
    int dead[256], n, k, j;

    if ( !xsd.dmap->ops->dead_domains )
        return;
    n = xs_store_domains(xsd.store, domids, 256);
    k = xsd.dmap->ops->dead_domains(xsd.dmap, domids, n, gone, dead, 256);
    for ( j = 0; j < k; j++ )
    {
        if ( dead[j] )
            xs_store_release(xsd.store, gone[j]);
        else
            xs_store_domain_gone(xsd.store, gone[j]);
    }
}

/* The event channel device is readable: serve the rings that kicked us. */
void ring_events(void)
{
    unsigned int ports[64];
    int n, k;

    n = xsd.dmap->ops->pending(xsd.dmap, ports, 64);
    for ( k = 0; k < n; k++ )
    {
        struct connection *c;

        if ( xsd.dmap->virq_port >= 0 &&
             ports[k] == (unsigned int)xsd.dmap->virq_port )
        {
            check_dead_domains();
            continue;
        }
        c = by_port(ports[k]);
        if ( c )
            ring_poll(c);
    }
}

/* Serve dom0's own kernel (xenbus) through its ring, when in dom0. */
int ring_attach_dom0(void)
{
    struct connection *c;
    unsigned int rport;
    void *page;
    int lport;

    if ( !xsd.dmap || !xsd.dmap->ops->dom0_ring )
        return -1;
    page = xsd.dmap->ops->dom0_ring(xsd.dmap, &rport);
    if ( !page )
        return -1;
    lport = xsd.dmap->ops->bind(xsd.dmap, 0, rport);
    if ( lport < 0 )
        return -1;
    c = conn_new(CONN_RING, -1, 0);
    if ( !c )
        return -1;
    c->page = page;
    c->local_port = lport;
    ((struct xenstore_domain_interface *)page)->server_features |=
        XENSTORE_SERVER_FEATURE_RECONNECTION | XENSTORE_SERVER_FEATURE_ERROR;
    xsd.pending_input = true;
    /*
     * Kick dom0's port once, as Xen's xenstored does when it introduces
     * dom0: Linux in dom0 (xenstore "local") waits for this first event
     * before it probes xenbus and runs its xenstore notifiers, such as
     * xen-balloon's watch on memory/target.
     */
    xsd.dmap->ops->notify(xsd.dmap, (unsigned int)lport);
    return 0;
}
