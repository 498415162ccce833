/*
 * sched_op: yield, block, shutdown, poll, remote shutdown, watchdogs.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/domain.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/pv/traps.h>

void vcpu_unblock(struct vcpu *v)
{
    if ( v->polling )
    {
        v->polling = false;
        __atomic_fetch_sub(&v->domain->nr_polling, 1, __ATOMIC_SEQ_CST);
        stop_timer(&v->poll_timer);
    }
    if ( test_and_clear_bit(_VPF_blocked, &v->pause_flags) )
        vcpu_wake(v);
}

/*
 * SCHEDOP_block: enable event delivery and sleep until an event arrives; with one
 * already pending, return at once (the upcall follows on the way out).
 */
static long block_enable_events(struct vcpu *v)
{
    v->arch.pv.vcpu_info->evtchn_upcall_mask = 0;
    set_bit(_VPF_blocked, &v->pause_flags);
    smp_mb();
    if ( local_events_need_delivery(v) )
        clear_bit(_VPF_blocked, &v->pause_flags);
    else
        raise_softirq(SCHEDULE_SOFTIRQ);
    return 0;
}

static void poll_timer_fn(void *data)
{
    vcpu_unblock(data);
}

static long do_poll(struct vcpu *v, const struct sched_poll *sp)
{
    struct domain *d = v->domain;
    evtchn_port_t ports[128];
    unsigned int i;

    if ( sp->nr_ports > 128 )
        return -EINVAL;
    if ( raw_copy_from_guest(ports, sp->ports.p, sp->nr_ports * sizeof(ports[0])) )
        return -EFAULT;
    if ( !v->poll_timer.function )
        init_timer(&v->poll_timer, poll_timer_fn, v, v->processor);

    v->polling = true;
    __atomic_fetch_add(&d->nr_polling, 1, __ATOMIC_SEQ_CST);
    set_bit(_VPF_blocked, &v->pause_flags);
    smp_mb();
    for ( i = 0; i < sp->nr_ports; i++ )
    {
        if ( ports[i] >= d->max_evtchns )
        {
            vcpu_unblock(v);
            return -EINVAL;
        }
        if ( evtchn_port_is_pending(d, ports[i]) )
        {
            vcpu_unblock(v);
            return 0;
        }
    }
    if ( local_events_need_delivery(v) )
    {
        vcpu_unblock(v);
        return 0;
    }
    if ( sp->timeout )
        set_timer(&v->poll_timer, sp->timeout);
    raise_softirq(SCHEDULE_SOFTIRQ);
    return 0;
}

static void watchdog_fn(void *data)
{
    struct domain *d = data;

    printk(XENLOG_G_WARNING "Domain %u watchdog expired: shutting it down\n", d->domain_id);
    domain_shutdown(d, SHUTDOWN_watchdog);
}

/* SCHEDOP_watchdog, under the domain's lock: two vCPUs may race for a slot. */
static long domain_watchdog_locked(struct domain *d, u32 id, u32 timeout)
{
    unsigned int i;

    if ( d->is_dying )
        return -EINVAL;
    if ( id == 0 )
    {
        /* Allocate a new one and arm it. */
        for ( i = 0; i < 2; i++ )
            if ( !(d->watchdog_inuse & (1u << i)) )
                break;
        if ( i == 2 )
            return -ENOSPC;
        d->watchdog_inuse |= 1u << i;
        init_timer(&d->watchdog_timer[i], watchdog_fn, d, 0);
        set_timer(&d->watchdog_timer[i], NOW() + SECONDS(timeout));
        return i + 1;
    }
    i = id - 1;
    if ( !(d->watchdog_inuse & (1u << i)) )
        return -EINVAL;
    if ( timeout == 0 )
    {
        kill_timer(&d->watchdog_timer[i]);
        d->watchdog_inuse &= ~(1u << i);
        return 0;
    }
    set_timer(&d->watchdog_timer[i], NOW() + SECONDS(timeout));
    return 0;
}

static long domain_watchdog(struct domain *d, u32 id, u32 timeout)
{
    long rc;

    if ( id > 2 )
        return -EINVAL;
    spin_lock(&d->domain_lock);
    rc = domain_watchdog_locked(d, id, timeout);
    spin_unlock(&d->domain_lock);
    return rc;
}

/* Disarm every watchdog of d (it is being destroyed: none may fire on it). */
void domain_watchdog_kill(struct domain *d)
{
    unsigned int i;

    spin_lock(&d->domain_lock);
    for ( i = 0; i < 2; i++ )
        if ( d->watchdog_inuse & (1u << i) )
            kill_timer(&d->watchdog_timer[i]);
    d->watchdog_inuse = 0;
    spin_unlock(&d->domain_lock);
}

long do_sched_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;

    switch ( cmd )
    {
    case SCHEDOP_yield:
        vcpu_yield();
        return 0;

    case SCHEDOP_block:
        return block_enable_events(v);

    case SCHEDOP_shutdown:
    {
        struct sched_shutdown s;

        if ( raw_copy_from_guest(&s, arg.p, sizeof(s)) )
            return -EFAULT;
        if ( s.reason > SHUTDOWN_MAX )
            return -EINVAL;
        if ( s.reason == SHUTDOWN_crash )
        {
            /* Where the guest gave up: resolve with its System.map. */
            gprintk(XENLOG_G_ERR, "guest reports a crash (SCHEDOP_shutdown) from RIP %#lx\n",
                    (unsigned long)guest_cpu_user_regs()->rip);
            show_guest_stack(guest_cpu_user_regs());
        }
        domain_shutdown(d, s.reason);
        return 0;
    }

    case SCHEDOP_shutdown_code:
    {
        struct sched_shutdown s;

        if ( raw_copy_from_guest(&s, arg.p, sizeof(s)) )
            return -EFAULT;
        if ( s.reason > SHUTDOWN_MAX )
            return -EINVAL;
        /* As Xen: the first code given stands (domain_shutdown uses it). */
        cmpxchg(&d->shutdown_code, SHUTDOWN_CODE_INVALID, s.reason);
        return 0;
    }

    case SCHEDOP_poll:
    {
        struct sched_poll sp;

        if ( raw_copy_from_guest(&sp, arg.p, sizeof(sp)) )
            return -EFAULT;
        return do_poll(v, &sp);
    }

    case SCHEDOP_remote_shutdown:
    {
        struct sched_remote_shutdown rs;
        struct domain *t;

        if ( raw_copy_from_guest(&rs, arg.p, sizeof(rs)) )
            return -EFAULT;
        if ( !d->is_privileged )
            return -EPERM;
        if ( rs.reason > SHUTDOWN_MAX )
            return -EINVAL;
        if ( !(t = get_domain_by_id(rs.domain_id)) )
            return -ESRCH;
        domain_shutdown(t, rs.reason);
        put_domain(t);
        return 0;
    }

    case SCHEDOP_watchdog:
    {
        struct sched_watchdog w;

        if ( raw_copy_from_guest(&w, arg.p, sizeof(w)) )
            return -EFAULT;
        return domain_watchdog(d, w.id, w.timeout);
    }
    }
    return -ENOSYS;
}
