/*
 * The scheduler core: per-CPU scheduling state and locks, vCPU sleep/wake, and
 * schedule() itself (SCHEDULE_SOFTIRQ), which asks the policy (sched=, credit by
 * default) what to run and switches to it.
 */
#include <xen/lib.h>
#include <asm/setup.h>
#include <xen/init.h>
#include <xen/errno.h>
#include <xen/keyhandler.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched-if.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <asm/processor.h>

struct sched_resource sched_res[NR_CPUS];

static char opt_sched[16] = "credit";
string_param("sched", opt_sched);

static const struct scheduler *const schedulers[] = {
    &sched_credit_def,
};
static const struct scheduler *ops;

const char *scheduler_name(void)
{
    return ops ? ops->name : "none";
}

bool vcpu_runnable(const struct vcpu *v)
{
    return !(v->pause_flags & (VPF_blocked | VPF_down | VPF_parked)) &&
           !atomic_read(&v->pause_count) && !atomic_read(&v->domain->pause_count);
}

static void runstate_change(struct vcpu *v, int new_state, s_time_t now)
{
    s_time_t delta = now - v->runstate.state_entry_time;

    if ( delta > 0 )
        v->runstate.time[v->runstate.state & 3] += delta;
    v->runstate.state = new_state;
    v->runstate.state_entry_time = now;
}

int sched_init_vcpu(struct vcpu *v, unsigned int processor)
{
    v->processor = processor;
    v->sched_priv = ops->alloc_vdata(v);
    if ( !v->sched_priv )
        return -ENOMEM;
    if ( is_idle_vcpu(v) )
    {
        sched_res[processor].curr = v;
        v->is_running = true;
    }
    else
        ops->insert_vcpu(v);
    return 0;
}

void sched_destroy_vcpu(struct vcpu *v)
{
    unsigned long flags;
    spinlock_t *lock;

    lock = vcpu_schedule_lock_irqsave(v, &flags);
    ops->remove_vcpu(v);
    spin_unlock_irqrestore(lock, flags);
    ops->free_vdata(v->sched_priv);
    v->sched_priv = NULL;
}

int sched_init_domain(struct domain *d)
{
    d->sched_priv = ops->alloc_domdata(d);
    return d->sched_priv ? 0 : -ENOMEM;
}

void sched_destroy_domain(struct domain *d)
{
    ops->free_domdata(d->sched_priv);
    d->sched_priv = NULL;
}

void vcpu_wake(struct vcpu *v)
{
    unsigned long flags;
    spinlock_t *lock = vcpu_schedule_lock_irqsave(v, &flags);

    if ( vcpu_runnable(v) )
    {
        if ( v->runstate.state >= RUNSTATE_blocked )
            runstate_change(v, RUNSTATE_runnable, NOW());
        ops->wake(v);
    }
    else if ( !(v->pause_flags & VPF_blocked) && v->runstate.state == RUNSTATE_blocked )
        runstate_change(v, RUNSTATE_offline, NOW());
    spin_unlock_irqrestore(lock, flags);
}

void vcpu_sleep_nosync(struct vcpu *v)
{
    unsigned long flags;
    spinlock_t *lock = vcpu_schedule_lock_irqsave(v, &flags);

    if ( !vcpu_runnable(v) )
    {
        if ( v->runstate.state == RUNSTATE_runnable )
            runstate_change(v, (v->pause_flags & VPF_blocked) ? RUNSTATE_blocked
                                                               : RUNSTATE_offline, NOW());
        ops->sleep(v);
    }
    spin_unlock_irqrestore(lock, flags);
}

void vcpu_sleep_sync(struct vcpu *v)
{
    vcpu_sleep_nosync(v);
    /* Wait until its state is off its CPU (bounded only by that CPU rescheduling). */
    while ( !vcpu_runnable(v) && READ_ONCE(v->is_running) )
        cpu_relax();
}

void vcpu_block(void)
{
    struct vcpu *v = current;

    set_bit(_VPF_blocked, &v->pause_flags);
    raise_softirq(SCHEDULE_SOFTIRQ);
}

void vcpu_yield(void)
{
    struct vcpu *v = current;
    unsigned long flags;
    spinlock_t *lock = vcpu_schedule_lock_irqsave(v, &flags);

    ops->yield(v);
    spin_unlock_irqrestore(lock, flags);
    raise_softirq(SCHEDULE_SOFTIRQ);
}

static void s_timer_fn(void *unused)
{
    raise_softirq(SCHEDULE_SOFTIRQ);
}

/* SCHEDULE_SOFTIRQ: pick the next vCPU for this CPU and switch to it. */
static void schedule(void)
{
    unsigned int cpu = smp_processor_id();
    struct sched_resource *sr = &sched_res[cpu];
    struct vcpu *prev = current, *next;
    struct task_slice slice;
    s_time_t now;

    spin_lock_irq(&sr->lock);
    now = NOW();
    stop_timer(&sr->s_timer);
    slice = ops->do_schedule(now, cpu);
    next = slice.task;
    if ( slice.time >= 0 )
        set_timer(&sr->s_timer, now + slice.time);

    if ( next == prev )
    {
        spin_unlock_irq(&sr->lock);
        continue_running(prev);
        return;
    }

    runstate_change(prev, vcpu_runnable(prev) ? RUNSTATE_runnable :
                    (prev->pause_flags & VPF_blocked) ? RUNSTATE_blocked : RUNSTATE_offline,
                    now);
    runstate_change(next, RUNSTATE_running, now);
    next->processor = cpu;
    next->is_running = true;
    sr->curr = next;
    sr->nr_switches++;
    /*
     * Interrupts stay off until the switch has loaded next's page tables and
     * descriptor tables together: an interrupt between the two would find a GDT
     * that the new page tables do not map.  context_switch() turns them back on.
     */
    spin_unlock(&sr->lock);

    context_switch(prev, next);
}

/* Called by the architecture once prev's state is saved and it may run elsewhere. */
void sched_context_saved(struct vcpu *prev)
{
    smp_wmb();
    prev->is_running = false;
    if ( vcpu_runnable(prev) )
        vcpu_wake(prev);
}

/*
 * XEN_DOMCTL_setvcpuaffinity (hard): v runs only on CPUs of 'mask'.  The mask is
 * kept as given; it must contain an online CPU (else -EINVAL, as Xen).  The
 * vCPU is paused meanwhile, so it is neither running nor queued, and moves to
 * a CPU of the mask if its own is not one.  The caller is not v.
 */
int vcpu_set_hard_affinity(struct vcpu *v, const cpumask_t *mask)
{
    cpumask_t online;
    unsigned long flags;
    spinlock_t *lock;

    cpumask_and(&online, mask, &cpu_online_map);
    if ( cpumask_empty(&online) )
        return -EINVAL;
    vcpu_pause(v);
    lock = vcpu_schedule_lock_irqsave(v, &flags);
    cpumask_copy(&v->cpu_hard_affinity, mask);
    if ( !cpumask_test_cpu(v->processor, &online) )
        v->processor = cpumask_first(&online);
    spin_unlock_irqrestore(lock, flags);
    vcpu_unpause(v);
    return 0;
}

/* The soft affinity is recorded (credit does not prefer CPUs by it). */
int vcpu_set_soft_affinity(struct vcpu *v, const cpumask_t *mask)
{
    unsigned long flags;
    spinlock_t *lock = vcpu_schedule_lock_irqsave(v, &flags);

    cpumask_copy(&v->cpu_soft_affinity, mask);
    spin_unlock_irqrestore(lock, flags);
    return 0;
}

/* XEN_SYSCTL_sched_id / XEN_DOMCTL_scheduler_op: the scheduler's XEN_SCHEDULER_* id. */
unsigned int scheduler_id(void)
{
    return 5;                           /* XEN_SCHEDULER_CREDIT: the only one */
}

/* The time a CPU spent idle (XEN_SYSCTL_getcpuinfo), in ns. */
u64 get_cpu_idle_time(unsigned int cpu)
{
    struct vcpu *v = cpu < NR_CPUS ? idle_vcpu[cpu] : NULL;
    s_time_t t;

    if ( !v )
        return 0;
    t = v->runstate.time[RUNSTATE_running];
    if ( v->runstate.state == RUNSTATE_running )
        t += NOW() - v->runstate.state_entry_time;
    return t > 0 ? t : 0;
}

int sched_credit_get(struct domain *d, unsigned int *weight, unsigned int *cap)
{
    return ops->adjust(d, weight, cap, false);
}

int sched_credit_set(struct domain *d, unsigned int weight, unsigned int cap)
{
    return ops->adjust(d, &weight, &cap, true);
}

static int sched_init_pcpu(unsigned int cpu)
{
    spin_lock_init(&sched_res[cpu].lock);
    init_timer(&sched_res[cpu].s_timer, s_timer_fn, NULL, cpu);
    return ops->init_pcpu(cpu);
}

/* Per-CPU scheduling state for a CPU just brought up. */
void sched_cpu_up(unsigned int cpu)
{
    if ( sched_init_pcpu(cpu) )
        panic("Scheduler: cannot set up CPU%u", cpu);
}

int __init scheduler_init(void)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(schedulers); i++ )
        if ( !strcmp(schedulers[i]->opt_name, opt_sched) )
            ops = schedulers[i];
    if ( !ops )
    {
        printk(XENLOG_ERR "Could not find scheduler: %s; using %s instead\n", opt_sched,
               sched_credit_def.opt_name);
        ops = &sched_credit_def;
    }
    printk("Using scheduler: %s (%s)\n", ops->name, ops->opt_name);
    open_softirq(SCHEDULE_SOFTIRQ, schedule);
    spin_lock_init(&sched_res[0].lock);
    init_timer(&sched_res[0].s_timer, s_timer_fn, NULL, 0);
    return ops->init();
}

void __init scheduler_start_bsp(void)
{
    if ( ops->init_pcpu(0) )
        panic("Scheduler: cannot set up CPU0");
}

void dump_runq(void)
{
    unsigned int cpu;
    s_time_t now = NOW();

    printk("Scheduler: %s (%s)\n", ops->name, ops->opt_name);
    printk("Now = %ld.%09ld s\n", (long)(now / 1000000000), (long)(now % 1000000000));
    ops->dump_settings();
    for_each_online_cpu ( cpu )
    {
        unsigned long flags;

        spin_lock_irqsave(&sched_res[cpu].lock, flags);
        ops->dump_cpu_state(cpu);
        spin_unlock_irqrestore(&sched_res[cpu].lock, flags);
    }
}

static void dump_sched(unsigned char key)
{
    printk("'%c' pressed -> dumping scheduler info\n", key);
    dump_runq();
}
KEYHANDLER('r', dump_sched, "dump run queues");
