/*
 * domctl: the toolstack's operations on one domain (public/domctl.h), with
 * Xen 4.17's interface and semantics.
 *
 * Every call is checked in Xen's order: the structure copied (-EFAULT), the
 * interface version (-EACCES), the target domain looked up (-ESRCH; not for
 * createdomain, and getdomaininfo takes the next domain up), the caller's
 * privilege (-EPERM: only a privileged domain, as Xen's default XSM policy;
 * the xenstore domain may also read domain information), then the operation
 * under the domctl lock, which is only tried: a busy lock makes the caller
 * re-issue the hypercall.  Operations that pause the target refuse to act on
 * the caller itself.  Architecture operations are in arch/x86/domctl.c; what
 * is answered how is listed in docs/hypervisor/domctl.md.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/domain.h>
#include <xen/event.h>
#include <xen/guest_time.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/xenctl_bitmap.h>
#include <asm/cpufeature.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/pv/domain.h>
#include <public/domctl.h>

static DEFINE_SPINLOCK(domctl_lock);
static struct domid_picker domid_rover;

/* Physical address width, and the one Xen reports as gpaddr_bits (CPUID 0x80000008). */
static unsigned int paddr_bits(void)
{
    unsigned int bits = boot_cpu_data.ext8_eax & 0xff;

    return bits ? bits : 36;
}

static unsigned int hap_paddr_bits(void)
{
    unsigned int bits = (boot_cpu_data.ext8_eax >> 16) & 0xff;

    return bits ? bits : paddr_bits();
}

/* Highest NUMA node number + 1 in Xen's node bitmaps; we have node 0 only. */
#define MAX_NUMNODES 64

static bool is_free_domid(domid_t dom)
{
    struct domain *d;

    if ( dom >= DOMID_FIRST_RESERVED )
        return false;
    d = get_domain_by_id(dom);
    if ( !d )
        return true;
    put_domain(d);
    return false;
}

/*
 * Xen's default XSM policy for domctl: the control domain may do anything;
 * the xenstore domain may also read domain information.
 */
static bool domctl_permitted(const struct domain *curr, unsigned int cmd)
{
    if ( curr->is_privileged )
        return true;
    return cmd == XEN_DOMCTL_getdomaininfo && (curr->options & XEN_DOMCTL_CDF_xs_domain);
}

void getdomaininfo(struct domain *d, struct xen_domctl_getdomaininfo *info)
{
    unsigned int flags = XEN_DOMINF_blocked;
    struct vcpu *v;
    u64 cpu_time = 0;

    memset(info, 0, sizeof(*info));
    info->domain = d->domain_id;
    info->max_vcpu_id = XEN_INVALID_MAX_VCPU_ID;
    /* Blocked only if every online vCPU is; running if any is. */
    for_each_vcpu ( d, v )
    {
        s_time_t t = v->runstate.time[RUNSTATE_running];

        if ( v->runstate.state == RUNSTATE_running )
            t += NOW() - v->runstate.state_entry_time;
        cpu_time += t > 0 ? t : 0;
        info->max_vcpu_id = v->vcpu_id;
        if ( !test_bit(_VPF_down, &v->pause_flags) )
        {
            if ( !test_bit(_VPF_blocked, &v->pause_flags) )
                flags &= ~XEN_DOMINF_blocked;
            if ( v->is_running )
                flags |= XEN_DOMINF_running;
            info->nr_online_vcpus++;
        }
    }
    info->cpu_time = cpu_time;
    /* As Xen: the shutdown code is shifted in even when it is all ones. */
    info->flags = (info->nr_online_vcpus ? flags : 0) |
                  (d->is_dying == DOMDYING_dead ? XEN_DOMINF_dying : 0) |
                  (d->is_shut_down ? XEN_DOMINF_shutdown : 0) |
                  (d->controller_pause_count > 0 ? XEN_DOMINF_paused : 0) |
                  (d->debugger_attached ? XEN_DOMINF_debugged : 0) |
                  ((d->options & XEN_DOMCTL_CDF_xs_domain) ? XEN_DOMINF_xs_domain : 0) |
                  (d->shutdown_code << XEN_DOMINF_shutdownshift);
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    info->outstanding_pages = d->outstanding_pages;
    /* A PV domain's "GMFN" of shared_info is its machine frame. */
    info->shared_info_frame = virt_to_mfn(d->arch.pv.shared_info);
    info->ssidref = 0;                  /* no XSM */
    memcpy(info->handle, d->handle, sizeof(info->handle));
    info->cpupool = 0;
    /* As Xen's arch_get_domain_info: the PIT is emulated for a PV domain 0. */
    info->arch_config.emulation_flags = d->is_privileged ? XEN_X86_EMU_PIT : 0;
    info->gpaddr_bits = hap_paddr_bits();
}

/* XEN_DOMCTL_getdomaininfo: d, or with none the next domain up from 'dom'. */
static long domctl_getdomaininfo(struct xen_domctl *op, struct domain *d)
{
    long ret = 0;

    if ( d )
    {
        getdomaininfo(d, &op->u.getdomaininfo);
        op->domain = op->u.getdomaininfo.domain;
        return 0;
    }
    if ( op->domain >= DOMID_FIRST_RESERVED )
        return -EINVAL;
    read_lock(&domlist_lock);
    for_each_domain ( d )
        if ( d->domain_id >= op->domain )
            break;
    if ( d )
    {
        getdomaininfo(d, &op->u.getdomaininfo);
        op->domain = op->u.getdomaininfo.domain;
    }
    else
        ret = -ESRCH;
    read_unlock(&domlist_lock);
    return ret;
}

static long domctl_createdomain(struct xen_domctl *op)
{
    domid_t dom = op->domain;
    struct domain *d;
    int err;

    if ( dom > 0 && dom < DOMID_FIRST_RESERVED )
    {
        if ( !is_free_domid(dom) )
            return -EEXIST;
    }
    else if ( (err = domid_pick(&domid_rover, is_free_domid, &dom)) )
        return err;
    d = domain_create(dom, &op->u.createdomain, false, &err);
    if ( !d )
        return err;
    op->domain = dom;
    /* As Xen's arch_sanitise_domain_config: meaningful for HVM only, so set. */
    op->u.createdomain.flags |= XEN_DOMCTL_CDF_oos_off;
    printk(XENLOG_G_INFO "Domain %u created by domain %u (%u vCPUs)\n", dom,
           current->domain->domain_id, d->max_vcpus);
    return 0;
}

/* XEN_DOMCTL_max_vcpus: create the vCPUs createdomain made room for. */
static long domctl_max_vcpus(struct domain *d, unsigned int max)
{
    unsigned int i;
    long ret = 0;

    if ( d == current->domain || max != d->max_vcpus )
        return -EINVAL;
    domain_pause(d);
    for ( i = 0; i < max && !ret; i++ )
        if ( !d->vcpu[i] && !vcpu_create(d, i) )
            ret = -ENOMEM;
    domain_unpause(d);
    return ret;
}

static long domctl_setvcpucontext(struct domain *d, struct xen_domctl_vcpucontext *vc)
{
    vcpu_guest_context_t *c;
    struct vcpu *v;
    long ret;

    if ( d == current->domain || vc->vcpu >= d->max_vcpus || !(v = d->vcpu[vc->vcpu]) )
        return -EINVAL;
    if ( guest_handle_is_null(vc->ctxt) )
    {
        domain_pause(d);
        ret = pv_vcpu_reset(v);
        domain_unpause(d);
        return ret;
    }
    c = xmalloc(vcpu_guest_context_t);
    if ( !c )
        return -ENOMEM;
    ret = copy_from_guest(c, vc->ctxt, 1) ? -EFAULT : 0;
    if ( !ret )
    {
        domain_pause(d);
        ret = arch_set_info_guest(v, c);
        /* As Xen: VGCF_online says whether the vCPU is up once unpaused. */
        if ( !ret && (c->flags & VGCF_online) )
            clear_bit(_VPF_down, &v->pause_flags);
        else if ( !ret )
            set_bit(_VPF_down, &v->pause_flags);
        domain_unpause(d);
    }
    xfree(c);
    return ret;
}

static long domctl_getvcpucontext(struct domain *d, struct xen_domctl_vcpucontext *vc)
{
    vcpu_guest_context_t *c;
    struct vcpu *v;
    long ret = 0;

    if ( vc->vcpu >= d->max_vcpus || !(v = d->vcpu[vc->vcpu]) || v == current )
        return -EINVAL;
    if ( !v->is_initialised )
        return -ENODATA;
    c = xmalloc(vcpu_guest_context_t);
    if ( !c )
        return -ENOMEM;
    vcpu_pause(v);
    arch_get_info_guest(v, c);
    vcpu_unpause(v);
    if ( copy_to_guest(vc->ctxt, c, 1) )
        ret = -EFAULT;
    xfree(c);
    return ret;
}

static long domctl_getvcpuinfo(struct domain *d, struct xen_domctl_getvcpuinfo *vi)
{
    struct vcpu *v;
    s_time_t t;

    if ( vi->vcpu >= d->max_vcpus )
        return -EINVAL;
    if ( !(v = d->vcpu[vi->vcpu]) )
        return -ESRCH;
    t = v->runstate.time[RUNSTATE_running];
    if ( v->runstate.state == RUNSTATE_running )
        t += NOW() - v->runstate.state_entry_time;
    vi->online = !test_bit(_VPF_down, &v->pause_flags);
    vi->blocked = test_bit(_VPF_blocked, &v->pause_flags);
    vi->running = v->is_running;
    vi->cpu_time = t > 0 ? t : 0;
    vi->cpu = v->processor;
    return 0;
}

/*
 * XEN_DOMCTL_{set,get}vcpuaffinity, as Xen's vcpu_affinity_domctl: set returns
 * the effective masks (hard: with the online CPUs; soft: also with hard), and
 * a failed soft update undoes the hard one.
 */
static long domctl_vcpuaffinity(struct domain *d, unsigned int cmd,
                                struct xen_domctl_vcpuaffinity *va)
{
    cpumask_t mask, old_hard;
    struct vcpu *v;
    long ret = 0;

    if ( va->vcpu >= d->max_vcpus )
        return -EINVAL;
    if ( !(v = d->vcpu[va->vcpu]) )
        return -ESRCH;
    if ( !va->flags ||
         ((va->flags & XEN_VCPUAFFINITY_HARD) && guest_handle_is_null(va->cpumap_hard.bitmap)) ||
         ((va->flags & XEN_VCPUAFFINITY_SOFT) && guest_handle_is_null(va->cpumap_soft.bitmap)) )
        return -EINVAL;

    if ( cmd == XEN_DOMCTL_getvcpuaffinity )
    {
        if ( va->flags & XEN_VCPUAFFINITY_HARD )
            ret = cpumask_to_xenctl_bitmap(&va->cpumap_hard, &v->cpu_hard_affinity);
        if ( va->flags & XEN_VCPUAFFINITY_SOFT )
            ret = cpumask_to_xenctl_bitmap(&va->cpumap_soft, &v->cpu_soft_affinity);
        return ret;
    }

    if ( v == current )
        return -EINVAL;                 /* it would have to pause itself */
    cpumask_copy(&old_hard, &v->cpu_hard_affinity);
    if ( va->flags & XEN_VCPUAFFINITY_HARD )
    {
        ret = xenctl_bitmap_to_cpumask(&mask, &va->cpumap_hard);
        if ( !ret )
            ret = vcpu_set_hard_affinity(v, &mask);
        if ( ret )
            return ret;
        cpumask_and(&mask, &cpu_online_map, &v->cpu_hard_affinity);
        ret = cpumask_to_xenctl_bitmap(&va->cpumap_hard, &mask);
    }
    if ( va->flags & XEN_VCPUAFFINITY_SOFT )
    {
        ret = xenctl_bitmap_to_cpumask(&mask, &va->cpumap_soft);
        if ( !ret )
            ret = vcpu_set_soft_affinity(v, &mask);
        if ( ret )
        {
            if ( va->flags & XEN_VCPUAFFINITY_HARD )
                vcpu_set_hard_affinity(v, &old_hard);
            return ret;
        }
        cpumask_and(&mask, &mask, &cpu_online_map);
        cpumask_and(&mask, &mask, &v->cpu_hard_affinity);
        ret = cpumask_to_xenctl_bitmap(&va->cpumap_soft, &mask);
    }
    return ret;
}

/* XEN_DOMCTL_scheduler_op for the credit scheduler (weight, cap per domain). */
static long domctl_scheduler_op(struct domain *d, struct xen_domctl_scheduler_op *so)
{
    unsigned int weight, cap;
    int ret;

    if ( so->sched_id != scheduler_id() )
        return -EINVAL;
    switch ( so->cmd )
    {
    case XEN_DOMCTL_SCHEDOP_getinfo:
        ret = sched_credit_get(d, &weight, &cap);
        if ( !ret )
        {
            so->u.credit.weight = weight;
            so->u.credit.cap = cap;
        }
        return ret;
    case XEN_DOMCTL_SCHEDOP_putinfo:
        /* Weight 0 and cap 0xffff leave the value as it is. */
        return sched_credit_set(d, so->u.credit.weight,
                                so->u.credit.cap == 0xffff ? ~0u : so->u.credit.cap);
    case XEN_DOMCTL_SCHEDOP_putvcpuinfo:
    case XEN_DOMCTL_SCHEDOP_getvcpuinfo:
        return -EINVAL;                 /* credit has no per-vCPU parameters */
    }
    return -EINVAL;
}

/* XEN_DOMCTL_setnodeaffinity: one node (0) exists; a mask without it is -EINVAL. */
static long domctl_nodeaffinity(struct xen_domctl *op)
{
    unsigned long nodes[MAX_NUMNODES / BITS_PER_LONG] = { 0 };
    long ret;

    if ( op->cmd == XEN_DOMCTL_getnodeaffinity )
    {
        nodes[0] = 1;
        return bitmap_to_xenctl_bitmap(&op->u.nodeaffinity.nodemap, nodes, MAX_NUMNODES);
    }
    ret = xenctl_bitmap_to_bitmap(nodes, &op->u.nodeaffinity.nodemap, MAX_NUMNODES);
    if ( !ret && !(nodes[0] & 1) )
        ret = -EINVAL;
    return ret;
}

static long domctl_set_target(struct domain *d, domid_t target)
{
    struct domain *e = get_domain_by_id(target);
    long ret;

    if ( !e )
        return -ESRCH;
    /* Only an HVM domain can have a device model: none here. */
    ret = d == e ? -EINVAL : -EOPNOTSUPP;
    put_domain(e);
    return ret;
}

/*
 * XEN_DOMCTL_memory_mapping: I/O memory into an HVM guest's physical map.
 * For a PV domain, as in Xen, only the checks: a wrapping or too wide range
 * is -EINVAL, frames the caller or the domain may not use -EPERM; then
 * nothing to do (a PV domain maps them itself, XEN_DOMCTL_iomem_permission).
 */
static long memory_mapping(struct domain *d, const struct xen_domctl_memory_mapping *mm)
{
    struct domain *curr = current->domain;
    unsigned long mfn = mm->first_mfn, last = mfn + mm->nr_mfns - 1;

    if ( last < mfn || ((mfn | last) >> (paddr_bits() - PAGE_SHIFT)) ||
         mm->first_gfn + mm->nr_mfns - 1 < mm->first_gfn )
        return -EINVAL;
    if ( (!curr->arch.pv.io_privileged &&
          !rangeset_contains_range(&curr->iomem_caps, mfn, last)) ||
         (!d->arch.pv.io_privileged && !rangeset_contains_range(&d->iomem_caps, mfn, last)) )
        return -EPERM;
    return 0;
}

/* One operation on d (NULL only for createdomain and getdomaininfo). */
static long domctl_op(struct xen_domctl *op, struct domain *d,
                      XEN_GUEST_HANDLE_PARAM(void) u_domctl, bool *copyback)
{
    struct domain *curr = current->domain;

    switch ( op->cmd )
    {
    case XEN_DOMCTL_createdomain:
        *copyback = true;
        return domctl_createdomain(op);

    case XEN_DOMCTL_destroydomain:
        return domain_kill(d);

    case XEN_DOMCTL_pausedomain:
        return d == curr ? -EINVAL : domain_pause_by_systemcontroller(d);

    case XEN_DOMCTL_unpausedomain:
        return domain_unpause_by_systemcontroller(d);

    case XEN_DOMCTL_resumedomain:
        if ( d == curr )
            return -EINVAL;
        domain_resume(d);
        return 0;

    case XEN_DOMCTL_getdomaininfo:
        *copyback = true;
        return domctl_getdomaininfo(op, d);

    case XEN_DOMCTL_max_vcpus:
        return domctl_max_vcpus(d, op->u.max_vcpus.max);

    case XEN_DOMCTL_max_mem:
        /*
         * As Xen, no check against what the domain has: it may be left above
         * its limit, and then gets nothing more until it is below.
         */
        spin_lock(&d->page_alloc_lock);
        d->max_pages = op->u.max_mem.max_memkb >> (PAGE_SHIFT - 10);
        spin_unlock(&d->page_alloc_lock);
        return 0;

    case XEN_DOMCTL_setvcpucontext:
        return domctl_setvcpucontext(d, &op->u.vcpucontext);

    case XEN_DOMCTL_getvcpucontext:
        *copyback = true;
        return domctl_getvcpucontext(d, &op->u.vcpucontext);

    case XEN_DOMCTL_getvcpuinfo:
    {
        long ret = domctl_getvcpuinfo(d, &op->u.getvcpuinfo);

        *copyback = !ret;
        return ret;
    }

    case XEN_DOMCTL_setvcpuaffinity:
    case XEN_DOMCTL_getvcpuaffinity:
        return domctl_vcpuaffinity(d, op->cmd, &op->u.vcpuaffinity);

    case XEN_DOMCTL_setnodeaffinity:
    case XEN_DOMCTL_getnodeaffinity:
        return domctl_nodeaffinity(op);

    case XEN_DOMCTL_scheduler_op:
        *copyback = true;
        return domctl_scheduler_op(d, &op->u.scheduler_op);

    case XEN_DOMCTL_setdomainhandle:
        memcpy(d->handle, op->u.setdomainhandle.handle, sizeof(d->handle));
        return 0;

    case XEN_DOMCTL_setdebugging:
        if ( d == curr )
            return -EINVAL;
        domain_pause(d);
        d->debugger_attached = !!op->u.setdebugging.enable;
        domain_unpause(d);
        return 0;

    case XEN_DOMCTL_irq_permission:
    {
        unsigned int pirq = op->u.irq_permission.pirq, irq;

        /* The caller names one of its own PIRQs; the IRQ behind it is recorded. */
        if ( pirq >= domain_nr_pirqs(curr) )
            return -EINVAL;
        irq = pirq_access_permitted(curr, pirq);
        if ( !irq )
            return -EPERM;
        return op->u.irq_permission.allow_access
               ? rangeset_add_range(&d->irq_caps, irq, irq)
               : rangeset_remove_range(&d->irq_caps, irq, irq);
    }

    case XEN_DOMCTL_iomem_permission:
    {
        unsigned long mfn = op->u.iomem_permission.first_mfn;
        unsigned long last = mfn + op->u.iomem_permission.nr_mfns - 1;

        if ( last < mfn )
            return -EINVAL;             /* wraps (or no frames) */
        if ( !curr->arch.pv.io_privileged && !rangeset_contains_range(&curr->iomem_caps, mfn, last) )
            return -EPERM;
        return op->u.iomem_permission.allow_access
               ? rangeset_add_range(&d->iomem_caps, mfn, last)
               : rangeset_remove_range(&d->iomem_caps, mfn, last);
    }

    case XEN_DOMCTL_settimeoffset:
        d->time_offset_seconds = op->u.settimeoffset.time_offset_seconds;
        update_domain_wallclock_time(d);
        return 0;

    case XEN_DOMCTL_set_target:
        return domctl_set_target(d, op->u.set_target.target);

    case XEN_DOMCTL_subscribe:
        d->suspend_evtchn = op->u.subscribe.port;
        return 0;

    case XEN_DOMCTL_set_virq_handler:
        return set_global_virq_handler(d, op->u.set_virq_handler.virq);

    case XEN_DOMCTL_get_paging_mempool_size:
    case XEN_DOMCTL_set_paging_mempool_size:
        return -EOPNOTSUPP;             /* PV: no paging pool (Xen's answer too) */

    case XEN_DOMCTL_memory_mapping:
        return memory_mapping(d, &op->u.memory_mapping);

    case XEN_DOMCTL_vmtrace_op:
        return -EINVAL;                 /* no trace buffers (vmtrace_size 0), as Xen */

    case XEN_DOMCTL_psr_cmt_op:
    case XEN_DOMCTL_psr_alloc:
        return -ENODEV;                 /* no PSR: Xen's answer without it */

    /* Known, but not offered here (see docs/hypervisor/domctl.md). */
    case XEN_DOMCTL_soft_reset:
    case XEN_DOMCTL_setvnumainfo:
    case XEN_DOMCTL_vm_event_op:
    case XEN_DOMCTL_monitor_op:
    case XEN_DOMCTL_mem_sharing_op:
    case XEN_DOMCTL_assign_device:
    case XEN_DOMCTL_deassign_device:
    case XEN_DOMCTL_test_assign_device:
    case XEN_DOMCTL_get_device_group:
    case XEN_DOMCTL_set_access_required:
        return -EOPNOTSUPP;
    }
    return arch_do_domctl(op, d, u_domctl, copyback);
}

long do_domctl(XEN_GUEST_HANDLE_PARAM(void) u_domctl)
{
    struct xen_domctl op;
    struct domain *d = NULL;
    bool copyback = false;
    long ret;

    if ( raw_copy_from_guest(&op, u_domctl.p, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_DOMCTL_INTERFACE_VERSION )
        return -EACCES;

    switch ( op.cmd )
    {
    case XEN_DOMCTL_createdomain:
        break;
    case XEN_DOMCTL_test_assign_device:
    case XEN_DOMCTL_vm_event_op:
        if ( op.domain == DOMID_INVALID )
            break;
        /* fall through */
    default:
        d = get_domain_by_id(op.domain);
        if ( !d && op.cmd != XEN_DOMCTL_getdomaininfo )
            return -ESRCH;
    }

    if ( !domctl_permitted(current->domain, op.cmd) )
    {
        ret = -EPERM;
        goto out;
    }
    if ( !spin_trylock(&domctl_lock) )
    {
        if ( d )
            put_domain(d);
        return hypercall_create_continuation(__HYPERVISOR_domctl, "h", u_domctl.p);
    }
    ret = domctl_op(&op, d, u_domctl, &copyback);
    spin_unlock(&domctl_lock);
    if ( ret == -ERESTART )
    {
        copyback = false;
        ret = hypercall_create_continuation(__HYPERVISOR_domctl, "h", u_domctl.p);
    }

 out:
    if ( d )
        put_domain(d);
    if ( copyback && raw_copy_to_guest(u_domctl.p, &op, sizeof(op)) )
        ret = -EFAULT;
    return ret;
}
