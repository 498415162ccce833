/*
 * Time for guests: each vCPU's vcpu_time_info (pvclock), the wall clock in
 * shared_info, the runstate area, and the guest's timers (VIRQ_TIMER).
 *
 * The hypervisor's clock and the guests' are the same TSC scale (xen/time.h), so a
 * time record written when a vCPU is scheduled stays exact for as long as it runs.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/guest_time.h>
#include <asm/domain.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/pv/mm.h>

/* Wall-clock offset: seconds and ns since the epoch at system time 0. */
static u64 wc_sec;
static u32 wc_nsec;

void time_set_wallclock_base(u64 sec, u32 nsec)
{
    wc_sec = sec;
    wc_nsec = nsec;
}

/* Copy the wall clock into d's shared_info (seqlock-style version, odd while writing). */
void update_domain_wallclock_time(struct domain *d)
{
    shared_info_t *s = d->arch.pv.shared_info;
    /* XEN_DOMCTL_settimeoffset moves this domain's wall clock. */
    u64 sec = wc_sec + d->time_offset_seconds;

    if ( !s )
        return;
    s->wc_version++;
    smp_wmb();
    s->wc_sec = (u32)sec;
    s->wc_sec_hi = (u32)(sec >> 32);
    s->wc_nsec = wc_nsec;
    smp_wmb();
    s->wc_version++;
}

/* XENPF_settime: the wall clock 'sec.nsec' corresponds to system time 'system_time'. */
void do_settime(u64 sec, u32 nsec, u64 system_time)
{
    u64 x = sec * 1000000000ULL + nsec - system_time;
    struct domain *d;

    wc_sec = x / 1000000000ULL;
    wc_nsec = x % 1000000000ULL;
    read_lock(&domlist_lock);
    for_each_domain ( d )
        update_domain_wallclock_time(d);
    read_unlock(&domlist_lock);
}

static void write_time_info(struct vcpu_time_info *t)
{
    u64 tsc;
    s_time_t now = get_s_time_and_tsc(&tsc);

    t->version++;               /* odd: update in progress */
    smp_wmb();
    t->tsc_timestamp = tsc;
    t->system_time = now;
    t->tsc_to_system_mul = tsc_scale.mul_frac;
    t->tsc_shift = tsc_scale.shift;
    t->flags = 0;
    smp_wmb();
    t->version++;
}

/* Refresh v's time record, in its vcpu_info and in a registered secondary area. */
void update_vcpu_system_time(struct vcpu *v)
{
    vcpu_info_t *vi = v->arch.pv.vcpu_info;

    if ( !vi )
        return;
    write_time_info(&vi->time);
    if ( v->arch.pv.time_info_guest && v == current )
    {
        struct vcpu_time_info t;

        memcpy(&t, &vi->time, sizeof(t));
        raw_copy_to_guest((void *)v->arch.pv.time_info_guest, &t, sizeof(t));
    }
}

/*
 * Write v's runstate into the guest area it registered.  Needs v's page tables
 * live (v == current, kernel mode for the address to be reachable).
 */
void update_runstate_area(struct vcpu *v)
{
    struct vcpu_runstate_info info;
    void *dst = (void *)v->arch.pv.runstate_guest;
    bool flag = v->domain->arch.pv.vm_assist & (1UL << VMASST_TYPE_runstate_update_flag);
    unsigned int i;

    bool user;

    /* The area is a guest-kernel address: reachable from the domain's own vCPUs,
     * through the kernel page tables (lent for the copy if user mode is on). */
    if ( !dst || v->domain != current->domain )
        return;
    user = !current->arch.pv.kernel_mode;
    if ( user && !current->arch.pv.guest_table )
        return;
    if ( user )
        write_cr3((paddr_t)current->arch.pv.guest_table << PAGE_SHIFT);
    info.state = v->runstate.state;
    info.state_entry_time = v->runstate.state_entry_time;
    for ( i = 0; i < 4; i++ )
        info.time[i] = v->runstate.time[i];
    if ( flag )
    {
        u64 t = info.state_entry_time | XEN_RUNSTATE_UPDATE;

        raw_copy_to_guest((char *)dst + offsetof(struct vcpu_runstate_info, state_entry_time),
                          &t, sizeof(t));
        smp_wmb();
    }
    raw_copy_to_guest(dst, &info, sizeof(info));
    if ( user )
        write_ptbase(current);
}

static void vcpu_singleshot_timer_fn(void *data)
{
    send_guest_vcpu_virq(data, VIRQ_TIMER);
}

static void vcpu_periodic_timer_fn(void *data)
{
    struct vcpu *v = data;

    send_guest_vcpu_virq(v, VIRQ_TIMER);
    if ( v->periodic_period )
        set_timer(&v->periodic_timer, NOW() + v->periodic_period);
}

void vcpu_timers_init(struct vcpu *v)
{
    init_timer(&v->singleshot_timer, vcpu_singleshot_timer_fn, v, v->processor);
    init_timer(&v->periodic_timer, vcpu_periodic_timer_fn, v, v->processor);
}

/* A guest timer at 'timeout' (absolute system time); the past means now. */
void vcpu_set_singleshot_timer(struct vcpu *v, s_time_t timeout)
{
    s_time_t now = NOW();

    set_timer(&v->singleshot_timer, timeout > now ? timeout : now);
}

void vcpu_set_periodic_timer(struct vcpu *v, s_time_t period)
{
    v->periodic_period = period;
    if ( period )
        set_timer(&v->periodic_timer, NOW() + period);
    else
        stop_timer(&v->periodic_timer);
}

long do_set_timer_op(s_time_t timeout)
{
    struct vcpu *v = current;

    s_time_t offset = timeout - NOW();

    if ( timeout == 0 )
    {
        stop_timer(&v->singleshot_timer);
        return 0;
    }
    /*
     * As Xen: a deadline more than 2^50 ns (about 13 days) ahead, or one
     * negative as a signed value, fires in 100 ms.  Old Linux kernels set such deadlines
     * through jiffies wrap-around or when they have no timer at all; firing at
     * once would spin them, never firing would hang them.
     */
    if ( timeout < 0 || (offset > 0 && (offset >> 50) != 0) )
        timeout = NOW() + MILLISECS(100);
    vcpu_set_singleshot_timer(v, timeout);
    return 0;
}
