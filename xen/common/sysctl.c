/*
 * sysctl: the toolstack's operations on the whole host (public/sysctl.h),
 * with Xen 4.17's interface and semantics: the console ring ("xl dmesg"),
 * physical CPUs and memory, the list of domains, the CPU pool, scheduler
 * settings, debug keys.  Checks in Xen's order: the structure (-EFAULT), the
 * interface version (-EACCES), the caller's privilege (-EPERM), then the
 * operation under the sysctl lock.  The x86 ones are in arch/x86/sysctl.c;
 * docs/hypervisor/domctl.md lists what is answered how.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/conring.h>
#include <xen/console.h>
#include <xen/domain.h>
#include <xen/keyhandler.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/xenctl_bitmap.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/sysctl.h>
#include <public/sysctl.h>

/* Xen's sched_ratelimit_us and vcpu_migration_delay: kept, not acted on. */
static unsigned int credit_ratelimit_us, credit_migr_delay_us;

/* "xl dmesg" (-c: clear what was read). */
static long readconsole(struct xen_sysctl_readconsole *rc)
{
    char kbuf[256];
    u64 cons, prod, size, c;
    u32 sofar = 0;

    console_ring_bounds(&cons, &prod, &size);
    c = conring_read_start(conring_first(cons, prod, size), prod, rc->incremental, rc->index);
    while ( c < prod && sofar < rc->count )
    {
        u64 left = min_t(u64, prod - c, rc->count - sofar);
        size_t want = min_t(u64, left, sizeof(kbuf));
        size_t at = c, got = console_ring_read(kbuf, want, &at);

        if ( !got )
            break;
        if ( raw_copy_to_guest(rc->buffer.p + sofar, kbuf, got) )
            return -EFAULT;
        sofar += got;
        c = at;
    }
    if ( rc->clear )
        console_ring_clear(conring_clear_to(c, prod, size));
    rc->count = sofar;
    rc->index = (u32)c;
    return 0;
}

static long getdomaininfolist(struct xen_sysctl_getdomaininfolist *l)
{
    struct xen_domctl_getdomaininfo info;
    struct domain *d;
    u32 n = 0;
    long ret = 0;

    read_lock(&domlist_lock);
    for_each_domain ( d )
    {
        if ( d->domain_id < l->first_domain )
            continue;
        if ( n == l->max_domains )
            break;
        getdomaininfo(d, &info);
        if ( copy_to_guest_offset(l->buffer, n, &info, 1) )
        {
            ret = -EFAULT;
            break;
        }
        n++;
    }
    read_unlock(&domlist_lock);
    if ( !ret )
        l->num_domains = n;
    return ret;
}

static void physinfo(struct xen_sysctl_physinfo *pi)
{
    memset(pi, 0, sizeof(*pi));
    pi->nr_cpus = num_online_cpus();
    pi->max_cpu_id = nr_cpu_ids - 1;
    pi->nr_nodes = 1;
    pi->max_node_id = 63;               /* Xen's MAX_NUMNODES - 1 */
    pi->cpu_khz = cpu_khz;
    pi->total_pages = total_pages;
    /* As Xen: what is free, and of that what domains claimed. */
    pi->free_pages = avail_heap_pages();
    pi->outstanding_pages = total_outstanding_claims();
    pi->scrub_pages = 0;
    pi->max_mfn = max_page - 1;
    pi->capabilities = XEN_SYSCTL_PHYSCAP_gnttab_v1;
    arch_do_physinfo(pi);
}

static long getcpuinfo(struct xen_sysctl_getcpuinfo *ci)
{
    struct xen_sysctl_cpuinfo info = { 0 };
    u32 i, nr = min_t(u32, ci->max_cpus, nr_cpu_ids);

    for ( i = 0; i < nr; i++ )
    {
        info.idletime = cpu_online(i) ? get_cpu_idle_time(i) : 0;
        if ( copy_to_guest_offset(ci->info, i, &info, 1) )
            return -EFAULT;
    }
    ci->nr_cpus = i;
    return 0;
}

/* One node (0) holding every CPU and all memory; distance to itself 10. */
static long numainfo(struct xen_sysctl_numainfo *ni, bool *copyback)
{
    struct xen_sysctl_meminfo mi = {
        .memsize = (u64)total_pages << PAGE_SHIFT,
        .memfree = (u64)avail_heap_pages() << PAGE_SHIFT,
    };
    u32 dist = 10, n = 1;

    if ( !guest_handle_is_null(ni->meminfo) || !guest_handle_is_null(ni->distance) )
    {
        n = min_t(u32, n, ni->num_nodes);
        if ( n && !guest_handle_is_null(ni->meminfo) && copy_to_guest(ni->meminfo, &mi, 1) )
            return -EFAULT;
        if ( n && !guest_handle_is_null(ni->distance) && copy_to_guest(ni->distance, &dist, 1) )
            return -EFAULT;
    }
    *copyback = ni->num_nodes != n;
    ni->num_nodes = n;
    return 0;
}

static long cputopoinfo(struct xen_sysctl_cputopoinfo *ti, bool *copyback)
{
    u32 i, n = nr_cpu_ids;

    if ( !guest_handle_is_null(ti->cputopo) )
    {
        n = min(n, ti->num_cpus);
        for ( i = 0; i < n; i++ )
        {
            struct xen_sysctl_cputopo t = {
                XEN_INVALID_CORE_ID, XEN_INVALID_SOCKET_ID, XEN_INVALID_NODE_ID
            };

            if ( cpumask_test_cpu(i, &cpu_present_map) || cpu_online(i) )
            {
                arch_cpu_topology(i, &t.core, &t.socket);
                t.node = 0;
            }
            if ( copy_to_guest_offset(ti->cputopo, i, &t, 1) )
                return -EFAULT;
        }
    }
    *copyback = ti->num_cpus != n;
    ti->num_cpus = n;
    return 0;
}

/* CPU pool 0, which holds every CPU and domain: the one pool there is. */
static long cpupool_op(struct xen_sysctl_cpupool_op *cp)
{
    struct domain *d;
    u32 n = 0;

    switch ( cp->op )
    {
    case XEN_SYSCTL_CPUPOOL_OP_INFO:
        /* The first pool with an id at or above the one asked for. */
        if ( cp->cpupool_id > 0 )
            return -ENOENT;
        read_lock(&domlist_lock);
        for_each_domain ( d )
            if ( d->is_dying != DOMDYING_dead )
                n++;
        read_unlock(&domlist_lock);
        cp->cpupool_id = 0;
        cp->sched_id = scheduler_id();
        cp->n_dom = n;
        return cpumask_to_xenctl_bitmap(&cp->cpumap, &cpu_online_map);

    case XEN_SYSCTL_CPUPOOL_OP_FREEINFO:
    {
        cpumask_t none;

        cpumask_clear(&none);
        return cpumask_to_xenctl_bitmap(&cp->cpumap, &none);
    }

    case XEN_SYSCTL_CPUPOOL_OP_DESTROY:
    case XEN_SYSCTL_CPUPOOL_OP_ADDCPU:
    case XEN_SYSCTL_CPUPOOL_OP_RMCPU:
    case XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN:
        if ( cp->cpupool_id != 0 )
            return -ENOENT;
        /* fall through */
    case XEN_SYSCTL_CPUPOOL_OP_CREATE:
        return -EOPNOTSUPP;             /* one pool only */
    }
    return -ENOSYS;
}

/* XEN_SYSCTL_scheduler_op: the credit scheduler's global parameters. */
static long scheduler_op(struct xen_sysctl_scheduler_op *so)
{
    struct xen_sysctl_credit_schedule *p = &so->u.sched_credit;
    unsigned int tslice;
    long ret;

    if ( so->cmd != XEN_SYSCTL_SCHEDOP_putinfo && so->cmd != XEN_SYSCTL_SCHEDOP_getinfo )
        return -EINVAL;
    if ( so->cpupool_id != 0 )
        return -ESRCH;
    if ( so->sched_id != scheduler_id() )
        return -EINVAL;
    if ( so->cmd == XEN_SYSCTL_SCHEDOP_putinfo )
    {
        /* Xen's ranges for the time slice, rate limit and migration delay. */
        if ( p->tslice_ms > XEN_SYSCTL_CSCHED_TSLICE_MAX ||
             p->tslice_ms < XEN_SYSCTL_CSCHED_TSLICE_MIN ||
             (p->ratelimit_us && (p->ratelimit_us > XEN_SYSCTL_SCHED_RATELIMIT_MAX ||
                                  p->ratelimit_us < XEN_SYSCTL_SCHED_RATELIMIT_MIN)) ||
             (u64)p->ratelimit_us * 1000 > (u64)p->tslice_ms * 1000000 ||
             p->vcpu_migr_delay_us > XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US )
            return -EINVAL;
        tslice = p->tslice_ms;
        ret = sched_credit_tslice(&tslice, true);
        if ( ret )
            return ret;
        credit_ratelimit_us = p->ratelimit_us;
        credit_migr_delay_us = p->vcpu_migr_delay_us;
    }
    sched_credit_tslice(&tslice, false);
    p->tslice_ms = tslice;
    p->ratelimit_us = credit_ratelimit_us;
    p->vcpu_migr_delay_us = credit_migr_delay_us;
    return 0;
}

static long debug_keys(struct xen_sysctl_debug_keys *dk)
{
    u32 i;
    char c;

    for ( i = 0; i < dk->nr_keys; i++ )
    {
        if ( copy_from_guest_offset(&c, dk->keys, i, 1) )
            return -EFAULT;
        handle_keypress(c, guest_cpu_user_regs());
    }
    return 0;
}

/* One operation; *copyback says whether the structure goes back on success. */
static long sysctl_op(struct xen_sysctl *op, XEN_GUEST_HANDLE_PARAM(void) u_sysctl,
                      bool *copyback, bool *copyback_err)
{
    switch ( op->cmd )
    {
    case XEN_SYSCTL_readconsole:
        return readconsole(&op->u.readconsole);
    case XEN_SYSCTL_sched_id:
        op->u.sched_id.sched_id = scheduler_id();
        return 0;
    case XEN_SYSCTL_getdomaininfolist:
        return getdomaininfolist(&op->u.getdomaininfolist);
    case XEN_SYSCTL_debug_keys:
        *copyback = false;
        return debug_keys(&op->u.debug_keys);
    case XEN_SYSCTL_getcpuinfo:
        return getcpuinfo(&op->u.getcpuinfo);
    case XEN_SYSCTL_physinfo:
        physinfo(&op->u.physinfo);
        return 0;
    case XEN_SYSCTL_numainfo:
        *copyback = false;
        return numainfo(&op->u.numainfo, copyback_err);
    case XEN_SYSCTL_cputopoinfo:
        *copyback = false;
        return cputopoinfo(&op->u.cputopoinfo, copyback_err);
    case XEN_SYSCTL_cpupool_op:
        return cpupool_op(&op->u.cpupool_op);
    case XEN_SYSCTL_scheduler_op:
        return scheduler_op(&op->u.scheduler_op);

    /* Known, but not offered here (see docs/hypervisor/domctl.md). */
    case XEN_SYSCTL_tbuf_op:
    case XEN_SYSCTL_availheap:
    case XEN_SYSCTL_get_pmstat:
    case XEN_SYSCTL_pm_op:
    case XEN_SYSCTL_page_offline_op:
    case XEN_SYSCTL_pcitopoinfo:
    case XEN_SYSCTL_coverage_op:        /* Xen without coverage: the same */
        return -EOPNOTSUPP;
    /* A release build of Xen has no perf counters, lock profiling or livepatch. */
    case XEN_SYSCTL_perfc_op:
    case XEN_SYSCTL_lockprof_op:
    case XEN_SYSCTL_livepatch_op:
        return -ENOSYS;
    }
    *copyback = false;
    return arch_do_sysctl(op, u_sysctl, copyback_err);
}

long do_sysctl(XEN_GUEST_HANDLE_PARAM(void) u_sysctl)
{
    static DEFINE_SPINLOCK(sysctl_lock);
    struct xen_sysctl op;
    bool copyback = true, copyback_err = false;
    long ret;

    if ( raw_copy_from_guest(&op, u_sysctl.p, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( !current->domain->is_privileged )
        return -EPERM;

    while ( !spin_trylock(&sysctl_lock) )
        if ( hypercall_preempt_check() )
            return hypercall_create_continuation(__HYPERVISOR_sysctl, "h", u_sysctl.p);
    ret = sysctl_op(&op, u_sysctl, &copyback, &copyback_err);
    spin_unlock(&sysctl_lock);

    /* Copied back on success; some operations also on failure (copyback_err). */
    if ( ((copyback && !ret) || copyback_err) &&
         raw_copy_to_guest(u_sysctl.p, &op, sizeof(op)) )
        ret = -EFAULT;
    return ret;
}
