/*
 * Event channels, the 2-level ABI (see xen/event.h).
 *
 * Delivery of a port (Xen's semantics, public/xen.h "event channel" comments):
 *   1. set its pending bit in shared_info; stop if it was already set;
 *   2. stop if the port is masked;
 *   3. set bit port/64 in the notified vCPU's evtchn_pending_sel;
 *   4. if that bit was newly set, set evtchn_upcall_pending and kick the vCPU.
 * The upcall itself is injected on the vCPU's next return to the guest, unless
 * its evtchn_upcall_mask is set.  Unmasking a pending port redoes steps 3-4.
 *
 * Ports live in buckets of 128, allocated on first use; port 0 is never valid.
 * Each domain's ports are guarded by its event_lock; operations on two domains
 * (interdomain binding) take both locks in domain-id order.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/keyhandler.h>
#include <asm/guest_access.h>
#include <asm/domain.h>
#include <asm/pirq.h>

/* lookup_dom()'s answer when the caller may not name another domain. */
#define ERR_PTR_EPERM ((struct domain *)-1L)

static bool virq_is_global(unsigned int virq)
{
    switch ( virq )
    {
    case VIRQ_TIMER:
    case VIRQ_DEBUG:
    case VIRQ_XENOPROF:
    case VIRQ_XENPMU:
        return false;
    }
    return true;
}

static struct evtchn *evtchn_from_port(const struct domain *d, evtchn_port_t port)
{
    struct evtchn *b;

    if ( port >= d->max_evtchns || port >= EVTCHN_2L_NR_CHANNELS )
        return NULL;
    b = d->evtchn_bucket[port / EVTCHNS_PER_BUCKET];
    return b ? &b[port % EVTCHNS_PER_BUCKET] : NULL;
}

static bool port_is_valid(const struct domain *d, evtchn_port_t port)
{
    const struct evtchn *chn = evtchn_from_port(d, port);

    return port && chn && chn->state != ECS_FREE;
}

/* The lowest free port, its bucket allocated if need be; -ENOSPC if none. */
static int get_free_port(struct domain *d)
{
    evtchn_port_t port;

    if ( d->is_dying )
        return -EINVAL;                 /* as Xen: being torn down */

    for ( port = 1; port < d->max_evtchns && port < EVTCHN_2L_NR_CHANNELS; port++ )
    {
        struct evtchn **b = &d->evtchn_bucket[port / EVTCHNS_PER_BUCKET];

        if ( !*b )
        {
            *b = xzalloc_array(struct evtchn, EVTCHNS_PER_BUCKET);
            if ( !*b )
                return -ENOMEM;
        }
        if ( (*b)[port % EVTCHNS_PER_BUCKET].state == ECS_FREE )
            return port;
    }
    return -ENOSPC;
}

int evtchn_init(struct domain *d, unsigned int max_ports)
{
    d->max_evtchns = min_t(unsigned int, max_ports, EVTCHN_2L_NR_CHANNELS);
    return 0;
}

static shared_info_t *shinfo(struct domain *d)
{
    return d->arch.pv.shared_info;
}

/* ---------------------------------------------------------------- delivery */

void vcpu_kick(struct vcpu *v)
{
    if ( test_bit(_VPF_blocked, &v->pause_flags) )
        vcpu_unblock(v);
    else if ( v->is_running && v != current )
        smp_send_event_check_cpu(v->processor);
}

void vcpu_mark_events_pending(struct vcpu *v)
{
    vcpu_info_t *vi = v->arch.pv.vcpu_info;

    if ( !__atomic_exchange_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST) )
        vcpu_kick(v);
}

bool local_events_need_delivery(struct vcpu *v)
{
    vcpu_info_t *vi = v->arch.pv.vcpu_info;

    return vi->evtchn_upcall_pending && !vi->evtchn_upcall_mask;
}

bool evtchn_port_is_pending(struct domain *d, evtchn_port_t port)
{
    return port_is_valid(d, port) && test_bit(port, (unsigned long *)shinfo(d)->evtchn_pending);
}

static void wake_pollers(struct domain *d)
{
    struct vcpu *v;

    for_each_vcpu ( d, v )
        if ( v->polling )
            vcpu_unblock(v);
}

static void set_pending(struct domain *d, evtchn_port_t port, struct vcpu *v)
{
    shared_info_t *s = shinfo(d);
    vcpu_info_t *vi;

    if ( !s || test_and_set_bit(port, (unsigned long *)s->evtchn_pending) )
        return;
    if ( d->nr_polling )
        wake_pollers(d);
    if ( test_bit(port, (unsigned long *)s->evtchn_mask) )
        return;
    vi = v->arch.pv.vcpu_info;
    if ( !test_and_set_bit(port / BITS_PER_LONG, (unsigned long *)&vi->evtchn_pending_sel) )
        vcpu_mark_events_pending(v);
}

void evtchn_port_set_pending(struct domain *d, evtchn_port_t port)
{
    struct evtchn *chn = evtchn_from_port(d, port);
    struct vcpu *v;

    if ( !chn || chn->notify_vcpu_id >= d->max_vcpus || !(v = d->vcpu[chn->notify_vcpu_id]) )
        return;
    set_pending(d, port, v);
}

void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq)
{
    struct domain *d = v->domain;
    unsigned long flags;
    u32 port;

    spin_lock_irqsave(&d->event_lock, flags);
    port = v->virq_to_evtchn[virq];
    if ( port )
        set_pending(d, port, v);
    spin_unlock_irqrestore(&d->event_lock, flags);
}

void send_guest_global_virq(struct domain *d, unsigned int virq)
{
    struct vcpu *v0;
    unsigned long flags;
    u32 port;

    if ( !d || !d->vcpu || !(v0 = d->vcpu[0]) )
        return;
    spin_lock_irqsave(&d->event_lock, flags);
    port = v0->virq_to_evtchn[virq];
    if ( port )
        evtchn_port_set_pending(d, port);
    spin_unlock_irqrestore(&d->event_lock, flags);
}

bool send_guest_pirq(struct domain *d, unsigned int pirq)
{
    evtchn_port_t port;
    unsigned long flags;

    spin_lock_irqsave(&d->event_lock, flags);
    port = pirq_to_evtchn(d, pirq);
    if ( port )
        evtchn_port_set_pending(d, port);
    spin_unlock_irqrestore(&d->event_lock, flags);
    return port != 0;
}

/* ---------------------------------------------------------------- operations */

static void lock_two(struct domain *a, struct domain *b, unsigned long *flags)
{
    local_irq_save(*flags);
    if ( a == b )
        spin_lock(&a->event_lock);
    else if ( a->domain_id < b->domain_id )
    {
        spin_lock(&a->event_lock);
        spin_lock(&b->event_lock);
    }
    else
    {
        spin_lock(&b->event_lock);
        spin_lock(&a->event_lock);
    }
}

static void unlock_two(struct domain *a, struct domain *b, unsigned long flags)
{
    spin_unlock(&a->event_lock);
    if ( a != b )
        spin_unlock(&b->event_lock);
    local_irq_restore(flags);
}

int evtchn_alloc_unbound_port(struct domain *d, domid_t remote, evtchn_port_t *port)
{
    unsigned long flags;
    int p;

    spin_lock_irqsave(&d->event_lock, flags);
    p = get_free_port(d);
    if ( p > 0 )
    {
        struct evtchn *chn = evtchn_from_port(d, p);

        chn->state = ECS_UNBOUND;
        chn->notify_vcpu_id = 0;
        chn->u.unbound_remote = remote;
        *port = p;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return p > 0 ? 0 : p;
}

static struct domain *lookup_dom(domid_t dom, bool need_privilege)
{
    struct domain *curr = current->domain;

    if ( dom == DOMID_SELF || dom == curr->domain_id )
    {
        atomic_inc(&curr->refcnt);
        return curr;
    }
    if ( need_privilege && !curr->is_privileged )
        return ERR_PTR_EPERM;
    return get_domain_by_id(dom);
}

static long evtchn_alloc_unbound(evtchn_alloc_unbound_t *a)
{
    struct domain *d = lookup_dom(a->dom, true);
    domid_t remote = a->remote_dom == DOMID_SELF ? current->domain->domain_id : a->remote_dom;
    long rc;

    if ( d == ERR_PTR_EPERM )
        return -EPERM;
    if ( !d )
        return -ESRCH;
    rc = evtchn_alloc_unbound_port(d, remote, &a->port);
    put_domain(d);
    return rc;
}

static long evtchn_bind_interdomain(evtchn_bind_interdomain_t *b)
{
    struct domain *ld = current->domain, *rd;
    struct evtchn *lchn, *rchn;
    unsigned long flags;
    long rc = 0;
    int lport;

    rd = lookup_dom(b->remote_dom, false);
    if ( !rd || rd == ERR_PTR_EPERM )
        return -ESRCH;
    lock_two(ld, rd, &flags);
    rchn = evtchn_from_port(rd, b->remote_port);
    if ( !b->remote_port || !rchn || rchn->state != ECS_UNBOUND ||
         rchn->u.unbound_remote != ld->domain_id )
    {
        rc = -EINVAL;
        goto out;
    }
    lport = get_free_port(ld);
    if ( lport < 0 )
    {
        rc = lport;
        goto out;
    }
    lchn = evtchn_from_port(ld, lport);
    lchn->state = ECS_INTERDOMAIN;
    lchn->notify_vcpu_id = 0;
    lchn->u.interdomain.dom = rd;
    lchn->u.interdomain.port = b->remote_port;
    rchn->state = ECS_INTERDOMAIN;
    rchn->u.interdomain.dom = ld;
    rchn->u.interdomain.port = lport;
    b->local_port = lport;
    /* The binding itself is an event for the local end (as Xen does). */
    evtchn_port_set_pending(ld, lport);
 out:
    unlock_two(ld, rd, flags);
    put_domain(rd);
    return rc;
}

static long evtchn_bind_virq(evtchn_bind_virq_t *b)
{
    struct domain *d = current->domain;
    struct vcpu *v;
    unsigned long flags;
    int port;

    if ( b->virq >= NR_VIRQS )
        return -EINVAL;
    if ( virq_is_global(b->virq) && b->vcpu != 0 )
        return -EINVAL;
    if ( b->vcpu >= d->max_vcpus || !(v = d->vcpu[b->vcpu]) )
        return -ENOENT;
    spin_lock_irqsave(&d->event_lock, flags);
    if ( v->virq_to_evtchn[b->virq] )
    {
        spin_unlock_irqrestore(&d->event_lock, flags);
        return -EEXIST;
    }
    port = get_free_port(d);
    if ( port > 0 )
    {
        struct evtchn *chn = evtchn_from_port(d, port);

        chn->state = ECS_VIRQ;
        chn->notify_vcpu_id = b->vcpu;
        chn->u.virq = b->virq;
        v->virq_to_evtchn[b->virq] = port;
        b->port = port;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return port > 0 ? 0 : port;
}

static long evtchn_bind_ipi(evtchn_bind_ipi_t *b)
{
    struct domain *d = current->domain;
    unsigned long flags;
    int port;

    if ( b->vcpu >= d->max_vcpus || !d->vcpu[b->vcpu] )
        return -ENOENT;
    spin_lock_irqsave(&d->event_lock, flags);
    port = get_free_port(d);
    if ( port > 0 )
    {
        struct evtchn *chn = evtchn_from_port(d, port);

        chn->state = ECS_IPI;
        chn->notify_vcpu_id = b->vcpu;
        b->port = port;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return port > 0 ? 0 : port;
}

/*
 * Bind a PIRQ the domain has mapped (physdev_op) to a new port.  The PIRQ table
 * (arch/x86/pirq.c) checks it and records the port; Xen's errors: -EINVAL (out of
 * range or unmapped), -EEXIST (bound already), -EBUSY (the hypervisor's, or not
 * shareable), -ENOSPC (no port).
 */
static long evtchn_bind_pirq(evtchn_bind_pirq_t *b)
{
    struct domain *d = current->domain;
    unsigned long flags;
    int port, rc;

    spin_lock_irqsave(&d->event_lock, flags);
    if ( pirq_to_evtchn(d, b->pirq) )
    {
        rc = -EEXIST;
        goto out;
    }
    port = get_free_port(d);
    if ( port < 0 )
    {
        rc = port;
        goto out;
    }
    rc = pirq_guest_bind(d, b->pirq, port, b->flags & BIND_PIRQ__WILL_SHARE);
    if ( !rc )
    {
        struct evtchn *chn = evtchn_from_port(d, port);

        chn->state = ECS_PIRQ;
        chn->notify_vcpu_id = 0;
        chn->u.pirq = b->pirq;
        b->port = port;
    }
 out:
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

/* Close a port; the caller holds d's event lock (and, for interdomain, the peer's). */
static void close_port_locked(struct domain *d, evtchn_port_t port)
{
    struct evtchn *chn = evtchn_from_port(d, port);
    struct vcpu *v;

    switch ( chn->state )
    {
    case ECS_VIRQ:
        for_each_vcpu ( d, v )
            if ( v->virq_to_evtchn[chn->u.virq] == port )
                v->virq_to_evtchn[chn->u.virq] = 0;
        break;
    case ECS_PIRQ:
        pirq_guest_unbind(d, chn->u.pirq);
        break;
    case ECS_INTERDOMAIN:
    {
        /* The other end becomes unbound again, waiting for us. */
        struct evtchn *rchn = evtchn_from_port(chn->u.interdomain.dom,
                                               chn->u.interdomain.port);

        if ( rchn && rchn->state == ECS_INTERDOMAIN )
        {
            rchn->state = ECS_UNBOUND;
            rchn->u.unbound_remote = d->domain_id;
        }
        break;
    }
    }
    if ( shinfo(d) )
        clear_bit(port, (unsigned long *)shinfo(d)->evtchn_pending);
    memset(chn, 0, sizeof(*chn));
}

static long evtchn_close(struct domain *d, evtchn_port_t port)
{
    struct domain *peer = d;
    struct evtchn *chn;
    unsigned long flags;

    for ( ;; )
    {
        spin_lock_irqsave(&d->event_lock, flags);
        if ( !port_is_valid(d, port) )
        {
            spin_unlock_irqrestore(&d->event_lock, flags);
            return -EINVAL;
        }
        chn = evtchn_from_port(d, port);
        if ( chn->state == ECS_RESERVED )
        {
            spin_unlock_irqrestore(&d->event_lock, flags);
            return -EINVAL;
        }
        if ( chn->state != ECS_INTERDOMAIN )
            break;
        /* Need the peer's lock too, taken in order: drop ours and retry. */
        peer = chn->u.interdomain.dom;
        spin_unlock_irqrestore(&d->event_lock, flags);
        lock_two(d, peer, &flags);
        chn = evtchn_from_port(d, port);
        if ( port_is_valid(d, port) && chn->state == ECS_INTERDOMAIN &&
             chn->u.interdomain.dom == peer )
        {
            close_port_locked(d, port);
            unlock_two(d, peer, flags);
            return 0;
        }
        unlock_two(d, peer, flags);
    }
    close_port_locked(d, port);
    spin_unlock_irqrestore(&d->event_lock, flags);
    return 0;
}

static long evtchn_send(struct domain *d, evtchn_port_t port)
{
    struct evtchn *chn;
    unsigned long flags;
    long rc = 0;

    spin_lock_irqsave(&d->event_lock, flags);
    if ( !port_is_valid(d, port) )
    {
        spin_unlock_irqrestore(&d->event_lock, flags);
        return -EINVAL;
    }
    chn = evtchn_from_port(d, port);
    switch ( chn->state )
    {
    case ECS_INTERDOMAIN:
    {
        struct domain *rd = chn->u.interdomain.dom;
        evtchn_port_t rport = chn->u.interdomain.port;

        /* The peer's port array is stable while our end stays interdomain. */
        evtchn_port_set_pending(rd, rport);
        break;
    }
    case ECS_IPI:
        evtchn_port_set_pending(d, port);
        break;
    case ECS_UNBOUND:
        break;                  /* nobody listens yet: dropped, as Xen does */
    default:
        rc = -EINVAL;
        break;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

static long evtchn_status(evtchn_status_t *st)
{
    struct domain *d = lookup_dom(st->dom, true);
    struct evtchn *chn;
    unsigned long flags;
    long rc = 0;

    if ( d == ERR_PTR_EPERM )
        return -EPERM;
    if ( !d )
        return -ESRCH;
    spin_lock_irqsave(&d->event_lock, flags);
    chn = evtchn_from_port(d, st->port);
    if ( !chn || !st->port )
    {
        rc = -EINVAL;
        goto out;
    }
    st->vcpu = chn->notify_vcpu_id;
    switch ( chn->state )
    {
    case ECS_FREE:
    case ECS_RESERVED:
        st->status = EVTCHNSTAT_closed;
        break;
    case ECS_UNBOUND:
        st->status = EVTCHNSTAT_unbound;
        st->u.unbound.dom = chn->u.unbound_remote;
        break;
    case ECS_INTERDOMAIN:
        st->status = EVTCHNSTAT_interdomain;
        st->u.interdomain.dom = chn->u.interdomain.dom->domain_id;
        st->u.interdomain.port = chn->u.interdomain.port;
        break;
    case ECS_PIRQ:
        st->status = EVTCHNSTAT_pirq;
        st->u.pirq = chn->u.pirq;
        break;
    case ECS_VIRQ:
        st->status = EVTCHNSTAT_virq;
        st->u.virq = chn->u.virq;
        break;
    case ECS_IPI:
        st->status = EVTCHNSTAT_ipi;
        break;
    }
 out:
    spin_unlock_irqrestore(&d->event_lock, flags);
    put_domain(d);
    return rc;
}

static long evtchn_bind_vcpu(evtchn_port_t port, unsigned int vcpu_id)
{
    struct domain *d = current->domain;
    struct evtchn *chn;
    unsigned long flags;
    long rc = 0;

    if ( vcpu_id >= d->max_vcpus || !d->vcpu[vcpu_id] )
        return -ENOENT;
    spin_lock_irqsave(&d->event_lock, flags);
    if ( !port_is_valid(d, port) )
    {
        rc = -EINVAL;
        goto out;
    }
    chn = evtchn_from_port(d, port);
    switch ( chn->state )
    {
    case ECS_VIRQ:
        if ( !virq_is_global(chn->u.virq) )
        {
            rc = -EINVAL;
            break;
        }
        /* fall through */
    case ECS_UNBOUND:
    case ECS_INTERDOMAIN:
    case ECS_PIRQ:
        chn->notify_vcpu_id = vcpu_id;
        break;
    default:
        rc = -EINVAL;
        break;
    }
 out:
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

int evtchn_unmask_port(struct domain *d, evtchn_port_t port)
{
    shared_info_t *s = shinfo(d);
    struct evtchn *chn;
    struct vcpu *v;
    unsigned long flags;

    spin_lock_irqsave(&d->event_lock, flags);
    if ( !port_is_valid(d, port) )
    {
        spin_unlock_irqrestore(&d->event_lock, flags);
        return -EINVAL;
    }
    chn = evtchn_from_port(d, port);
    v = d->vcpu[chn->notify_vcpu_id];
    if ( test_and_clear_bit(port, (unsigned long *)s->evtchn_mask) &&
         test_bit(port, (unsigned long *)s->evtchn_pending) && v &&
         !test_and_set_bit(port / BITS_PER_LONG,
                           (unsigned long *)&v->arch.pv.vcpu_info->evtchn_pending_sel) )
        vcpu_mark_events_pending(v);
    spin_unlock_irqrestore(&d->event_lock, flags);
    return 0;
}

static long evtchn_reset(domid_t dom)
{
    struct domain *d = lookup_dom(dom, true);
    evtchn_port_t port;

    if ( d == ERR_PTR_EPERM )
        return -EPERM;
    if ( !d )
        return -ESRCH;
    for ( port = 1; port < d->max_evtchns; port++ )
        if ( port_is_valid(d, port) )
            evtchn_close(d, port);
    put_domain(d);
    return 0;
}

void evtchn_destroy(struct domain *d)
{
    unsigned int i;
    evtchn_port_t port;

    for ( port = 1; port < d->max_evtchns; port++ )
        if ( port_is_valid(d, port) )
            evtchn_close(d, port);
    /* Its PIRQ ports are closed: now give its physical IRQs back. */
    pirq_domain_destroy(d);
    for ( i = 0; i < NR_EVTCHN_BUCKETS; i++ )
    {
        unsigned long flags;
        struct evtchn *b;

        /* Senders look buckets up under event_lock: unhook first. */
        spin_lock_irqsave(&d->event_lock, flags);
        b = d->evtchn_bucket[i];
        d->evtchn_bucket[i] = NULL;
        spin_unlock_irqrestore(&d->event_lock, flags);
        xfree(b);
    }
}

#define COPY_OP(type, fn)                                                   \
    do {                                                                    \
        type op;                                                            \
        long rc;                                                            \
        if ( raw_copy_from_guest(&op, arg.p, sizeof(op)) )                  \
            return -EFAULT;                                                 \
        rc = fn;                                                            \
        if ( !rc && raw_copy_to_guest(arg.p, &op, sizeof(op)) )             \
            return -EFAULT;                                                 \
        return rc;                                                          \
    } while ( 0 )

long do_event_channel_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    switch ( cmd )
    {
    case EVTCHNOP_alloc_unbound:
        COPY_OP(evtchn_alloc_unbound_t, evtchn_alloc_unbound(&op));
    case EVTCHNOP_bind_interdomain:
        COPY_OP(evtchn_bind_interdomain_t, evtchn_bind_interdomain(&op));
    case EVTCHNOP_bind_virq:
        COPY_OP(evtchn_bind_virq_t, evtchn_bind_virq(&op));
    case EVTCHNOP_bind_ipi:
        COPY_OP(evtchn_bind_ipi_t, evtchn_bind_ipi(&op));
    case EVTCHNOP_bind_pirq:
        COPY_OP(evtchn_bind_pirq_t, evtchn_bind_pirq(&op));
    case EVTCHNOP_status:
        COPY_OP(evtchn_status_t, evtchn_status(&op));
    case EVTCHNOP_close:
    {
        evtchn_close_t op;

        if ( raw_copy_from_guest(&op, arg.p, sizeof(op)) )
            return -EFAULT;
        return evtchn_close(current->domain, op.port);
    }
    case EVTCHNOP_send:
    {
        evtchn_send_t op;

        if ( raw_copy_from_guest(&op, arg.p, sizeof(op)) )
            return -EFAULT;
        return evtchn_send(current->domain, op.port);
    }
    case EVTCHNOP_bind_vcpu:
    {
        struct evtchn_bind_vcpu op;

        if ( raw_copy_from_guest(&op, arg.p, sizeof(op)) )
            return -EFAULT;
        return evtchn_bind_vcpu(op.port, op.vcpu);
    }
    case EVTCHNOP_unmask:
    {
        struct evtchn_unmask op;

        if ( raw_copy_from_guest(&op, arg.p, sizeof(op)) )
            return -EFAULT;
        return evtchn_unmask_port(current->domain, op.port);
    }
    case EVTCHNOP_reset:
    {
        struct evtchn_reset op;

        if ( raw_copy_from_guest(&op, arg.p, sizeof(op)) )
            return -EFAULT;
        return evtchn_reset(op.dom);
    }
    case EVTCHNOP_init_control:
    case EVTCHNOP_expand_array:
    case EVTCHNOP_set_priority:
        return -ENOSYS;         /* no FIFO ABI: guests use the 2-level one */
    }
    return -ENOSYS;
}

void dump_evtchns(struct domain *d)
{
    static const char *const names[] = { "free", "reserved", "unbound", "interdomain",
                                         "pirq", "virq", "ipi" };
    shared_info_t *s = shinfo(d);
    evtchn_port_t port;

    printk("Event channel information for domain %u:\n", d->domain_id);
    for ( port = 1; port < d->max_evtchns; port++ )
    {
        struct evtchn *chn = evtchn_from_port(d, port);

        if ( !chn || chn->state == ECS_FREE )
            continue;
        printk("    %4u [%d/%d] vcpu %u %s", port,
               s ? test_bit(port, (unsigned long *)s->evtchn_pending) : 0,
               s ? test_bit(port, (unsigned long *)s->evtchn_mask) : 0,
               chn->notify_vcpu_id, names[chn->state]);
        if ( chn->state == ECS_VIRQ )
            printk(" virq %u", chn->u.virq);
        else if ( chn->state == ECS_INTERDOMAIN )
            printk(" -> d%u port %u", chn->u.interdomain.dom->domain_id,
                   chn->u.interdomain.port);
        else if ( chn->state == ECS_UNBOUND )
            printk(" for d%u", chn->u.unbound_remote);
        else if ( chn->state == ECS_PIRQ )
            printk(" pirq %u", chn->u.pirq);
        printk("\n");
    }
}

static void dump_all_evtchns(unsigned char key)
{
    struct domain *d;

    printk("'%c' pressed -> dumping event-channel info\n", key);
    read_lock(&domlist_lock);
    for_each_domain ( d )
        dump_evtchns(d);
    read_unlock(&domlist_lock);
}
KEYHANDLER('e', dump_all_evtchns, "dump evtchn info");
