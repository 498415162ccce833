/*
 * vcpu_op: bringing vCPUs up and down, their timers, and the guest areas the
 * hypervisor keeps up to date for them (runstate, vcpu_info, time).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_time.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <asm/domain.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/apic.h>
#include <asm/pv/domain.h>


/*
 * Move v's vcpu_info into a page of the guest's (VCPUOP_register_vcpu_info).  The
 * current contents move along; every selector bit is set so the guest rescans.
 */
static long register_vcpu_info(struct vcpu *v, const struct vcpu_register_vcpu_info *info)
{
    struct domain *d = v->domain;
    struct page_info *pg;
    vcpu_info_t *new_vi;

    if ( info->rsvd )
        return -EINVAL;
    if ( info->offset > PAGE_SIZE - sizeof(vcpu_info_t) )
        return -ENXIO;                          /* Xen's answer: crosses the page end */
    if ( v->arch.pv.vcpu_info_mfn )
        return -EINVAL;                         /* only once */
    if ( !mfn_valid(info->mfn) )
        return -EINVAL;
    pg = mfn_to_page(info->mfn);
    if ( get_page_and_type(pg, d, PGT_writable_page) )
        return -EINVAL;

    new_vi = (vcpu_info_t *)((char *)page_to_virt(pg) + info->offset);
    memcpy(new_vi, v->arch.pv.vcpu_info, sizeof(*new_vi));
    v->arch.pv.vcpu_info = new_vi;
    v->arch.pv.vcpu_info_mfn = info->mfn;
    smp_wmb();
    new_vi->evtchn_pending_sel = ~0UL;
    vcpu_mark_events_pending(v);
    return 0;
}

long do_vcpu_op(int cmd, unsigned int vcpuid, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct domain *d = current->domain;
    struct vcpu *v;
    long rc = 0;

    if ( vcpuid >= d->max_vcpus || !(v = d->vcpu[vcpuid]) )
        return -ENOENT;

    switch ( cmd )
    {
    case VCPUOP_initialise:
    {
        vcpu_guest_context_t *ctxt;

        if ( v->is_initialised )
            return -EEXIST;
        ctxt = xmalloc(vcpu_guest_context_t);
        if ( !ctxt )
            return -ENOMEM;
        if ( raw_copy_from_guest(ctxt, arg.p, sizeof(*ctxt)) )
            rc = -EFAULT;
        else
            rc = arch_set_info_guest(v, ctxt);
        xfree(ctxt);
        return rc;
    }

    case VCPUOP_up:
        if ( !v->is_initialised )
            return -EINVAL;
        if ( test_and_clear_bit(_VPF_down, &v->pause_flags) )
            vcpu_wake(v);
        return 0;

    case VCPUOP_down:
        if ( !test_and_set_bit(_VPF_down, &v->pause_flags) )
            vcpu_sleep_nosync(v);
        return 0;

    case VCPUOP_is_up:
        return !test_bit(_VPF_down, &v->pause_flags);

    case VCPUOP_get_runstate_info:
    {
        struct vcpu_runstate_info info;
        unsigned int i;

        info.state = v->runstate.state;
        info.state_entry_time = v->runstate.state_entry_time;
        for ( i = 0; i < 4; i++ )
            info.time[i] = v->runstate.time[i];
        return raw_copy_to_guest(arg.p, &info, sizeof(info)) ? -EFAULT : 0;
    }

    case VCPUOP_register_runstate_memory_area:
    {
        struct vcpu_register_runstate_memory_area area;

        if ( raw_copy_from_guest(&area, arg.p, sizeof(area)) )
            return -EFAULT;
        if ( !guest_range_ok((unsigned long)area.addr.v, sizeof(struct vcpu_runstate_info)) )
            return -EINVAL;
        v->arch.pv.runstate_guest = (unsigned long)area.addr.v;
        update_runstate_area(v);
        return 0;
    }

    case VCPUOP_register_vcpu_time_memory_area:
    {
        struct vcpu_register_time_memory_area area;

        if ( raw_copy_from_guest(&area, arg.p, sizeof(area)) )
            return -EFAULT;
        if ( !guest_range_ok((unsigned long)area.addr.v, sizeof(struct vcpu_time_info)) )
            return -EINVAL;
        v->arch.pv.time_info_guest = (unsigned long)area.addr.v;
        update_vcpu_system_time(v);
        return 0;
    }

    case VCPUOP_set_periodic_timer:
    {
        struct vcpu_set_periodic_timer p;

        if ( raw_copy_from_guest(&p, arg.p, sizeof(p)) )
            return -EFAULT;
        if ( p.period_ns < MILLISECS(1) || p.period_ns > STIME_MAX )
            return -EINVAL;
        vcpu_set_periodic_timer(v, p.period_ns);
        return 0;
    }

    case VCPUOP_stop_periodic_timer:
        vcpu_set_periodic_timer(v, 0);
        return 0;

    case VCPUOP_set_singleshot_timer:
    {
        struct vcpu_set_singleshot_timer t;

        if ( v != current )
            return -EINVAL;
        if ( raw_copy_from_guest(&t, arg.p, sizeof(t)) )
            return -EFAULT;
        /*
         * VCPU_SSHOTTMR_future is ignored, as in Xen 4.17 (commit 19c6cbd90965):
         * Linux sets it and then hangs on -ETIME when its deadline has just
         * passed; a past deadline simply fires at once.
         */
        vcpu_set_singleshot_timer(v, t.timeout_abs_ns);
        return 0;
    }

    case VCPUOP_stop_singleshot_timer:
        if ( v != current )
            return -EINVAL;
        stop_timer(&v->singleshot_timer);
        return 0;

    case VCPUOP_register_vcpu_info:
    {
        struct vcpu_register_vcpu_info info;

        if ( raw_copy_from_guest(&info, arg.p, sizeof(info)) )
            return -EFAULT;
        spin_lock(&d->arch.pv.mmu_lock);
        rc = register_vcpu_info(v, &info);
        spin_unlock(&d->arch.pv.mmu_lock);
        return rc;
    }

    case VCPUOP_send_nmi:
        if ( !guest_handle_is_null(arg) )
            return -EINVAL;
        /* A flag of its own: the sender may run on another CPU than v, whose
         * pending-trap slot only v itself may touch. */
        if ( v->arch.pv.trap_ctxt[2].address &&
             !__atomic_exchange_n(&v->arch.pv.nmi_pending, true, __ATOMIC_SEQ_CST) )
            vcpu_kick(v);
        return 0;

    case VCPUOP_get_physid:
    {
        struct vcpu_get_physid phys;

        if ( !d->is_privileged )
            return -EINVAL;
        if ( vcpuid >= NR_CPUS || x86_cpu_to_apicid[vcpuid] == BAD_APICID )
            return -EINVAL;
        phys.phys_id = x86_cpu_to_apicid[vcpuid];
        return raw_copy_to_guest(arg.p, &phys, sizeof(phys)) ? -EFAULT : 0;
    }
    }
    return -ENOSYS;
}
