/*
 * The x86 domctls (Xen 4.17's arch_do_domctl) for PV domains: I/O port
 * permissions, page-frame types for the PV builder and save, the hypercall
 * page, address size, TSC, extended state, CPU policy, and the answers Xen
 * gives a PV domain for HVM-only and shadow operations.  Unknown ones are
 * -ENOSYS, as in Xen.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/domain.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <asm/cpu_policy.h>
#include <asm/cpufeature.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/pv/mm.h>
#include <public/domctl.h>

#define MAX_IOPORTS 0x10000

/* XEN_DOMCTL_settscinfo modes. */
#define TSC_MODE_DEFAULT          0
#define TSC_MODE_ALWAYS_EMULATE   1
#define TSC_MODE_NEVER_EMULATE    2

static long ioport_permission(struct domain *d, struct xen_domctl_ioport_permission *p)
{
    struct domain *curr = current->domain;
    unsigned int fp = p->first_port, np = p->nr_ports;

    if ( fp + np <= fp || fp + np > MAX_IOPORTS )
        return -EINVAL;
    if ( !curr->arch.pv.io_privileged &&
         !rangeset_contains_range(&curr->ioport_caps, fp, fp + np - 1) )
        return -EPERM;
    return p->allow_access ? rangeset_add_range(&d->ioport_caps, fp, fp + np - 1)
                           : rangeset_remove_range(&d->ioport_caps, fp, fp + np - 1);
}

/* XEN_DOMCTL_PFINFO_* of one frame named by a PV domain's builder (an MFN). */
static u64 pfinfo_type(struct domain *d, unsigned long mfn)
{
    struct page_info *pg;
    unsigned long t;
    u64 type = XEN_DOMCTL_PFINFO_NOTAB;

    if ( !mfn_valid(mfn) || !get_page((pg = mfn_to_page(mfn)), d) )
        return XEN_DOMCTL_PFINFO_XTAB;
    if ( pg->count_info & PGC_xen_heap )
    {
        put_page(pg);
        return XEN_DOMCTL_PFINFO_XTAB;          /* shared_info and the like */
    }
    t = READ_ONCE(pg->type_info);
    switch ( t & PGT_type_mask )
    {
    case PGT_l1_page_table: type = XEN_DOMCTL_PFINFO_L1TAB; break;
    case PGT_l2_page_table: type = XEN_DOMCTL_PFINFO_L2TAB; break;
    case PGT_l3_page_table: type = XEN_DOMCTL_PFINFO_L3TAB; break;
    case PGT_l4_page_table: type = XEN_DOMCTL_PFINFO_L4TAB; break;
    }
    if ( t & PGT_pinned )
        type |= XEN_DOMCTL_PFINFO_LPINTAB;
    else if ( !(t & PGT_validated) )
        type = XEN_DOMCTL_PFINFO_NOTAB;
    put_page(pg);
    return type;
}

static long getpageframeinfo3(struct domain *d, struct xen_domctl_getpageframeinfo3 *g)
{
    unsigned int i;

    if ( g->num > 1024 )
        return -E2BIG;
    for ( i = 0; i < g->num; i++ )
    {
        xen_pfn_t mfn;
        u64 type;

        if ( copy_from_guest_offset(&mfn, g->array, i, 1) )
            return -EFAULT;
        type = pfinfo_type(d, mfn);
        if ( copy_to_guest_offset(g->array, i, &type, 1) )
            return -EFAULT;
    }
    return 0;
}

/* XEN_DOMCTL_hypercall_init: a PV domain names the frame by its MFN. */
static long hypercall_init(struct domain *d, unsigned long gmfn)
{
    struct page_info *pg;

    if ( !mfn_valid(gmfn) || !get_page((pg = mfn_to_page(gmfn)), d) )
        return -EINVAL;
    if ( get_page_type(pg, PGT_writable_page) )
    {
        put_page(pg);
        return -EPERM;                  /* a page table or descriptor page */
    }
    pv_write_hypercall_page(page_to_virt(pg));
    put_page_and_type(pg);
    return 0;
}

/*
 * XEN_DOMCTL_shadow_op on a PV domain, as Debian's Xen 4.17 answers it (built
 * without shadow paging): log-dirty mode cannot be enabled (-EOPNOTSUPP: no
 * live migration), every shadow operation is -EINVAL.
 */
static long shadow_op(struct domain *d, struct xen_domctl_shadow_op *so)
{
    if ( d == current->domain )
        return -EINVAL;
    if ( d->is_dying )
        return 0;                       /* as Xen: ignored */
    if ( !d->vcpu[0] )
        return -EINVAL;
    switch ( so->op )
    {
    case XEN_DOMCTL_SHADOW_OP_ENABLE:
        if ( !(so->mode & XEN_DOMCTL_SHADOW_ENABLE_LOG_DIRTY) )
            return -EINVAL;
        /* fall through */
    case XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY:
        return -EOPNOTSUPP;
    case XEN_DOMCTL_SHADOW_OP_CLEAN:
    case XEN_DOMCTL_SHADOW_OP_PEEK:
        if ( so->mode & ~XEN_DOMCTL_SHADOW_LOGDIRTY_FINAL )
            return -EINVAL;
        return -EOPNOTSUPP;             /* never in log-dirty mode */
    }
    return -EINVAL;                     /* OFF, allocations, test mode: no shadow code */
}

/*
 * TSC: a PV guest reads the real TSC (no RDTSC emulation), so "never emulate"
 * and the default (which Xen resolves to native on a host with a safe TSC)
 * are offered, "always emulate" is not.
 */
static long tscinfo(struct domain *d, unsigned int cmd, struct xen_domctl_tsc_info *t)
{
    if ( d == current->domain )
        return -EINVAL;
    if ( cmd == XEN_DOMCTL_gettscinfo )
    {
        t->tsc_mode = d->arch.tsc_mode;
        t->incarnation = d->arch.incarnation;
        t->pad = 0;
        if ( d->arch.tsc_mode == TSC_MODE_NEVER_EMULATE )
        {
            t->elapsed_nsec = 0;
            t->gtsc_khz = 0;
        }
        else
        {
            t->elapsed_nsec = NOW();
            t->gtsc_khz = cpu_khz;
        }
        return 0;
    }
    switch ( t->tsc_mode )
    {
    case TSC_MODE_DEFAULT:
    case TSC_MODE_NEVER_EMULATE:
        break;
    case TSC_MODE_ALWAYS_EMULATE:
        return -EOPNOTSUPP;
    default:
        return -EINVAL;
    }
    d->arch.tsc_mode = t->tsc_mode;
    d->arch.incarnation = t->incarnation + 1;
    return 0;
}

/*
 * XEN_DOMCTL_getvcpuextstate: XCR0, XCR0 accumulated, then the vCPU's XSAVE
 * image (standard format).  A query (size and mask zero, or no buffer) gets
 * the size and the host's mask.  Setting it is not offered.
 */
static long vcpuextstate(struct domain *d, unsigned int cmd, struct xen_domctl_vcpuextstate *e)
{
    u64 mask = cpu_has_xsave ? boot_cpu_data.xcr0 : 0;
    u64 hdr[2];
    u64 size = 2 * sizeof(u64) + (cpu_has_xsave ? boot_cpu_data.xstate_size : 0);
    struct vcpu *v;
    long ret = 0;

    if ( e->vcpu >= d->max_vcpus || !(v = d->vcpu[e->vcpu]) )
        return -ESRCH;
    if ( v == current )
        return -EINVAL;
    if ( cmd == XEN_DOMCTL_setvcpuextstate )
        return -EOPNOTSUPP;
    if ( (!e->size && !e->xfeature_mask) || guest_handle_is_null(e->buffer) )
    {
        e->xfeature_mask = mask;
        e->size = size;
        return 0;
    }
    if ( e->size < size || e->xfeature_mask != mask )
        return -EINVAL;
    vcpu_pause(v);
    hdr[0] = hdr[1] = v->arch.pv.xcr0 ? v->arch.pv.xcr0 : mask;
    if ( copy_to_guest(e->buffer, hdr, 2) ||
         (size > sizeof(hdr) &&
          raw_copy_to_guest(e->buffer.p + 2, v->arch.pv.fpu_area, size - sizeof(hdr))) )
        ret = -EFAULT;
    vcpu_unpause(v);
    if ( !ret )
        e->size = size;
    return ret;
}

static long cpu_policy_op(struct domain *d, unsigned int cmd, struct xen_domctl_cpu_policy *p,
                          bool *copyback)
{
    long ret;

    if ( cmd == XEN_DOMCTL_get_cpu_policy )
    {
        ret = cpu_policy_copy_to_guest(CPU_POLICY_PV, d, p->leaves, &p->nr_leaves,
                                       p->msrs, &p->nr_msrs);
        *copyback = !ret;
        return ret;
    }
    if ( d == current->domain )
        return -EINVAL;
    domain_pause(d);
    if ( d->creation_finished )
        ret = -EEXIST;                  /* no changing it once the domain ran */
    else
    {
        ret = domain_cpu_policy_set(d, p->leaves, p->nr_leaves, p->msrs, p->nr_msrs,
                                    &p->err_leaf, &p->err_subleaf, &p->err_msr);
        *copyback = ret != 0;
    }
    domain_unpause(d);
    return ret;
}

long arch_do_domctl(struct xen_domctl *op, struct domain *d,
                    XEN_GUEST_HANDLE_PARAM(void) u_domctl, bool *copyback)
{
    switch ( op->cmd )
    {
    case XEN_DOMCTL_shadow_op:
        *copyback = true;
        return shadow_op(d, &op->u.shadow_op);

    case XEN_DOMCTL_ioport_permission:
        return ioport_permission(d, &op->u.ioport_permission);

    case XEN_DOMCTL_getpageframeinfo3:
        return getpageframeinfo3(d, &op->u.getpageframeinfo3);

    case XEN_DOMCTL_hypercall_init:
        return hypercall_init(d, op->u.hypercall_init.gmfn);

    case XEN_DOMCTL_sethvmcontext:
    case XEN_DOMCTL_gethvmcontext:
    case XEN_DOMCTL_gethvmcontext_partial:
    case XEN_DOMCTL_debug_op:
    case XEN_DOMCTL_bind_pt_irq:
    case XEN_DOMCTL_unbind_pt_irq:
    case XEN_DOMCTL_set_broken_page_p2m:
        /* HVM only: Xen's answer for a PV domain. */
        *copyback = op->cmd == XEN_DOMCTL_gethvmcontext;
        return -EINVAL;

    case XEN_DOMCTL_ioport_mapping:
        return -EOPNOTSUPP;             /* "ioport_map against non-HVM domain" */

    case XEN_DOMCTL_set_address_size:
        if ( op->u.address_size.size == 64 )
            return 0;
        /* 32-bit PV guests are not offered (Xen without CONFIG_PV32 says so too). */
        return op->u.address_size.size == 32 ? -EOPNOTSUPP : -EINVAL;

    case XEN_DOMCTL_get_address_size:
        op->u.address_size.size = 64;
        *copyback = true;
        return 0;

    case XEN_DOMCTL_sendtrigger:
    {
        unsigned int vcpu = op->u.sendtrigger.vcpu;

        if ( vcpu >= d->max_vcpus || !d->vcpu[vcpu] )
            return -ESRCH;
        switch ( op->u.sendtrigger.trigger )
        {
        case XEN_DOMCTL_SENDTRIGGER_NMI:
            return -EOPNOTSUPP;         /* no virtual NMIs for PV guests yet */
        case XEN_DOMCTL_SENDTRIGGER_POWER:
        case XEN_DOMCTL_SENDTRIGGER_SLEEP:
            return -EINVAL;             /* ACPI buttons: HVM only */
        }
        return -ENOSYS;
    }

    case XEN_DOMCTL_gettscinfo:
    case XEN_DOMCTL_settscinfo:
        *copyback = op->cmd == XEN_DOMCTL_gettscinfo;
        return tscinfo(d, op->cmd, &op->u.tsc_info);

    case XEN_DOMCTL_getvcpuextstate:
    case XEN_DOMCTL_setvcpuextstate:
    {
        long ret = vcpuextstate(d, op->cmd, &op->u.vcpuextstate);

        *copyback = !ret;
        return ret;
    }

    case XEN_DOMCTL_get_cpu_policy:
    case XEN_DOMCTL_set_cpu_policy:
        return cpu_policy_op(d, op->cmd, &op->u.cpu_policy, copyback);

    case XEN_DOMCTL_set_ext_vcpucontext:
    case XEN_DOMCTL_get_ext_vcpucontext:
    case XEN_DOMCTL_get_vcpu_msrs:
    case XEN_DOMCTL_set_vcpu_msrs:
        return -EOPNOTSUPP;             /* save/restore of PV guests: not yet */

    }
    /* Unknown, or absent from a release build of Xen (P2M audit, gdbsx). */
    return -ENOSYS;
}
