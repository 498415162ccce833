/*
 * The credit scheduler (Xen's "credit1"): proportional share with weights and caps.
 *
 * Each CPU has a run queue ordered by priority: BOOST (a vCPU just woken from
 * blocking), UNDER (has credit left), OVER (spent its credit), IDLE.  Every 30 ms
 * the master CPU hands out credits to the vCPUs that ran (credit_acct.c); running
 * burns them.  A vCPU runs for at most a time slice (30 ms, sched_credit_tslice_ms=)
 * before the next one in its queue gets a turn.  A CPU with nothing at UNDER or
 * better steals from the busiest other queue before going idle.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/errno.h>
#include <xen/list.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched-if.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <asm/apic.h>
#include "credit_acct.h"

static unsigned int opt_tslice_ms = CSCHED_DEFAULT_TSLICE_MS;
integer_param("sched_credit_tslice_ms", opt_tslice_ms);

#define CSCHED_FLAG_PARKED  0x1
#define CSCHED_FLAG_YIELD   0x2

struct csched_vcpu {
    struct list_head runq_elem;         /* on its CPU's run queue, if queued */
    struct list_head active_elem;       /* on its domain's active list, if earning */
    struct vcpu *vcpu;
    struct csched_dom *sdom;            /* NULL for idle vCPUs */
    int credit;
    int pri;
    unsigned int flags;
    s_time_t start_time;                /* when it last started running */
};

struct csched_dom {
    struct list_head active_vcpus;
    struct list_head active_elem;       /* on the active-domain list */
    unsigned int nr_active;
    struct domain *dom;
    unsigned int weight;
    unsigned int cap;
};

struct csched_pcpu {
    struct list_head runq;
    struct timer ticker;
    unsigned int tick;
};

/* Global state, guarded by acct_lock (always taken after any per-CPU lock). */
static DEFINE_SPINLOCK(acct_lock);
static LIST_HEAD(active_doms);
static int credit_balance;
static struct timer master_ticker;
static unsigned int master_cpu;
static s_time_t tick_period;

static struct csched_pcpu pcpu_data[NR_CPUS];

#define CSCHED_VCPU(v)  ((struct csched_vcpu *)(v)->sched_priv)
#define CSCHED_DOM(d)   ((struct csched_dom *)(d)->sched_priv)
#define RUNQ(cpu)       (&pcpu_data[cpu].runq)

static bool on_runq(const struct csched_vcpu *svc)
{
    return !list_empty(&svc->runq_elem);
}

/* Insert by priority; FIFO among equals. */
static void runq_insert(unsigned int cpu, struct csched_vcpu *svc)
{
    struct list_head *iter;

    ASSERT(!on_runq(svc));
    list_for_each ( iter, RUNQ(cpu) )
    {
        struct csched_vcpu *o = list_entry(iter, struct csched_vcpu, runq_elem);

        if ( svc->pri > o->pri )
            break;
    }
    __list_add(&svc->runq_elem, iter->prev, iter);
}

static void runq_remove(struct csched_vcpu *svc)
{
    if ( on_runq(svc) )
        list_del(&svc->runq_elem);
}

/* Start earning credit (called when a vCPU runs while inactive). */
static void acct_start(struct csched_vcpu *svc)
{
    struct csched_dom *sdom = svc->sdom;
    unsigned long flags;

    if ( !sdom )
        return;
    spin_lock_irqsave(&acct_lock, flags);
    if ( list_empty(&svc->active_elem) )
    {
        list_add(&svc->active_elem, &sdom->active_vcpus);
        if ( sdom->nr_active++ == 0 )
            list_add(&sdom->active_elem, &active_doms);
    }
    spin_unlock_irqrestore(&acct_lock, flags);
}

static void acct_stop_locked(struct csched_vcpu *svc)
{
    struct csched_dom *sdom = svc->sdom;

    if ( list_empty(&svc->active_elem) )
        return;
    list_del(&svc->active_elem);
    if ( --sdom->nr_active == 0 )
        list_del(&sdom->active_elem);
}

/* Burn the credit of the running vCPU for the time since it started. */
static void burn_credits(struct csched_vcpu *svc, s_time_t now)
{
    s_time_t delta = now - svc->start_time;

    if ( delta <= 0 || !svc->sdom )
        return;
    svc->credit -= credit_burn(delta);
    svc->start_time = now;
}

/* Pick a CPU to wake up for svc: its own if idle, else any idle one it may use. */
static void tickle(unsigned int cpu, struct csched_vcpu *svc)
{
    struct vcpu *cur = sched_res[cpu].curr;
    unsigned int other;

    if ( is_idle_vcpu(cur) || svc->pri > CSCHED_VCPU(cur)->pri )
    {
        cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
        return;
    }
    for_each_online_cpu ( other )
        if ( other != cpu && is_idle_vcpu(sched_res[other].curr) &&
             cpumask_test_cpu(other, &svc->vcpu->cpu_hard_affinity) )
        {
            cpu_raise_softirq(other, SCHEDULE_SOFTIRQ);
            return;
        }
}

/* ----------------------------------------------------------- accounting */

static void csched_acct(void *unused)
{
    struct credit_dom_acct acct[64];
    struct csched_dom *sdoms[64];
    struct list_head *d_iter, *v_iter, *v_next;
    unsigned int nr = 0, i;
    unsigned long flags;

    spin_lock_irqsave(&acct_lock, flags);
    list_for_each ( d_iter, &active_doms )
    {
        struct csched_dom *sdom = list_entry(d_iter, struct csched_dom, active_elem);

        if ( nr == ARRAY_SIZE(acct) )
            break;
        sdoms[nr] = sdom;
        acct[nr].weight = sdom->weight;
        acct[nr].cap = sdom->cap;
        acct[nr].active_vcpus = sdom->nr_active;
        nr++;
    }
    credit_acct_shares(acct, nr, num_online_cpus(), &credit_balance);

    for ( i = 0; i < nr; i++ )
    {
        list_for_each_safe ( v_iter, v_next, &sdoms[i]->active_vcpus )
        {
            struct csched_vcpu *svc = list_entry(v_iter, struct csched_vcpu, active_elem);
            struct credit_vcpu_acct r = credit_acct_vcpu(svc->credit, acct[i].vcpu_credit,
                                                         sdoms[i]->cap != 0);

            svc->credit = r.credit;
            if ( svc->pri != CSCHED_PRI_TS_BOOST || r.pri == CSCHED_PRI_TS_OVER )
                svc->pri = r.pri;
            if ( r.park && !(svc->flags & CSCHED_FLAG_PARKED) )
            {
                svc->flags |= CSCHED_FLAG_PARKED;
                set_bit(_VPF_parked, &svc->vcpu->pause_flags);
                cpu_raise_softirq(svc->vcpu->processor, SCHEDULE_SOFTIRQ);
            }
            else if ( !r.park && (svc->flags & CSCHED_FLAG_PARKED) )
            {
                svc->flags &= ~CSCHED_FLAG_PARKED;
                clear_bit(_VPF_parked, &svc->vcpu->pause_flags);
                spin_unlock_irqrestore(&acct_lock, flags);
                vcpu_wake(svc->vcpu);
                spin_lock_irqsave(&acct_lock, flags);
            }
            if ( r.deactivate )
                acct_stop_locked(svc);
        }
    }
    spin_unlock_irqrestore(&acct_lock, flags);

    set_timer(&master_ticker, NOW() + tick_period * CSCHED_TICKS_PER_ACCT);
}

/* Per-CPU tick: the running vCPU is (or becomes) an earner; credits burn. */
static void csched_tick(void *data)
{
    unsigned int cpu = (unsigned long)data;
    struct vcpu *cur = sched_res[cpu].curr;
    unsigned long flags;

    pcpu_data[cpu].tick++;
    if ( !is_idle_vcpu(cur) )
    {
        struct csched_vcpu *svc = CSCHED_VCPU(cur);

        spin_lock_irqsave(&sched_res[cpu].lock, flags);
        burn_credits(svc, NOW());
        if ( svc->pri == CSCHED_PRI_TS_BOOST )
            svc->pri = CSCHED_PRI_TS_UNDER;     /* boost lasts at most one tick */
        if ( svc->credit < 0 )
            svc->pri = CSCHED_PRI_TS_OVER;
        spin_unlock_irqrestore(&sched_res[cpu].lock, flags);
        acct_start(svc);
        /* Someone better waiting?  Let schedule() decide. */
        if ( !list_empty(RUNQ(cpu)) &&
             list_first_entry(RUNQ(cpu), struct csched_vcpu, runq_elem)->pri > svc->pri )
            raise_softirq(SCHEDULE_SOFTIRQ);
    }
    set_timer(&pcpu_data[cpu].ticker, NOW() + tick_period);
}

/* ----------------------------------------------------------- policy hooks */

static int csched_init(void)
{
    if ( opt_tslice_ms < 1 || opt_tslice_ms > 1000 )
    {
        printk(XENLOG_WARNING "sched_credit_tslice_ms=%u out of range [1, 1000]; using %u\n",
               opt_tslice_ms, CSCHED_DEFAULT_TSLICE_MS);
        opt_tslice_ms = CSCHED_DEFAULT_TSLICE_MS;
    }
    tick_period = MILLISECS(opt_tslice_ms) / CSCHED_TICKS_PER_TSLICE;
    master_cpu = 0;
    init_timer(&master_ticker, csched_acct, NULL, master_cpu);
    set_timer(&master_ticker, NOW() + tick_period * CSCHED_TICKS_PER_ACCT);
    return 0;
}

static int csched_init_pcpu(unsigned int cpu)
{
    struct csched_pcpu *p = &pcpu_data[cpu];

    INIT_LIST_HEAD(&p->runq);
    init_timer(&p->ticker, csched_tick, (void *)(unsigned long)cpu, cpu);
    set_timer(&p->ticker, NOW() + tick_period);
    return 0;
}

static void *csched_alloc_vdata(struct vcpu *v)
{
    struct csched_vcpu *svc = xzalloc(struct csched_vcpu);

    if ( !svc )
        return NULL;
    INIT_LIST_HEAD(&svc->runq_elem);
    INIT_LIST_HEAD(&svc->active_elem);
    svc->vcpu = v;
    svc->sdom = is_idle_vcpu(v) ? NULL : v->domain->sched_priv;
    svc->pri = is_idle_vcpu(v) ? CSCHED_PRI_IDLE : CSCHED_PRI_TS_UNDER;
    return svc;
}

static void csched_free_vdata(void *priv)
{
    xfree(priv);
}

static void *csched_alloc_domdata(struct domain *d)
{
    struct csched_dom *sdom = xzalloc(struct csched_dom);

    if ( !sdom )
        return NULL;
    INIT_LIST_HEAD(&sdom->active_vcpus);
    INIT_LIST_HEAD(&sdom->active_elem);
    sdom->dom = d;
    sdom->weight = CSCHED_DEFAULT_WEIGHT;
    return sdom;
}

static void csched_free_domdata(void *priv)
{
    xfree(priv);
}

static void csched_insert_vcpu(struct vcpu *v)
{
    /* New vCPUs are down or paused; wake() queues them. */
}

static void csched_remove_vcpu(struct vcpu *v)
{
    struct csched_vcpu *svc = CSCHED_VCPU(v);
    unsigned long flags;

    runq_remove(svc);
    spin_lock_irqsave(&acct_lock, flags);
    if ( svc->sdom )
        acct_stop_locked(svc);
    spin_unlock_irqrestore(&acct_lock, flags);
}

static void csched_sleep(struct vcpu *v)
{
    struct csched_vcpu *svc = CSCHED_VCPU(v);

    if ( sched_res[v->processor].curr == v )
        cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
    else
        runq_remove(svc);
}

static void csched_wake(struct vcpu *v)
{
    struct csched_vcpu *svc = CSCHED_VCPU(v);

    if ( sched_res[v->processor].curr == v || on_runq(svc) )
        return;
    /* Boost a vCPU waking from an event wait, unless it already overspent. */
    if ( svc->pri == CSCHED_PRI_TS_UNDER && !(svc->flags & CSCHED_FLAG_PARKED) &&
         svc->credit >= 0 )
        svc->pri = CSCHED_PRI_TS_BOOST;
    runq_insert(v->processor, svc);
    tickle(v->processor, svc);
}

static void csched_yield(struct vcpu *v)
{
    CSCHED_VCPU(v)->flags |= CSCHED_FLAG_YIELD;
}

/* Take the best UNDER-or-better vCPU queued on another CPU that may run here. */
static struct csched_vcpu *steal_work(unsigned int cpu, int min_pri)
{
    unsigned int peer;

    for_each_online_cpu ( peer )
    {
        struct list_head *iter;

        if ( peer == cpu || !spin_trylock(&sched_res[peer].lock) )
            continue;
        list_for_each ( iter, RUNQ(peer) )
        {
            struct csched_vcpu *svc = list_entry(iter, struct csched_vcpu, runq_elem);

            if ( svc->pri <= min_pri )
                break;
            if ( !cpumask_test_cpu(cpu, &svc->vcpu->cpu_hard_affinity) ||
                 svc->vcpu->is_running )
                continue;
            runq_remove(svc);
            svc->vcpu->processor = cpu;
            spin_unlock(&sched_res[peer].lock);
            return svc;
        }
        spin_unlock(&sched_res[peer].lock);
    }
    return NULL;
}

static struct task_slice csched_schedule(s_time_t now, unsigned int cpu)
{
    struct vcpu *cur = sched_res[cpu].curr;
    struct csched_vcpu *scur = CSCHED_VCPU(cur), *snext;
    struct task_slice ret = { .migrated = false };

    if ( !is_idle_vcpu(cur) )
    {
        burn_credits(scur, now);
        if ( scur->credit < 0 && scur->pri > CSCHED_PRI_TS_OVER )
            scur->pri = CSCHED_PRI_TS_OVER;
        /* Still runnable: back in the queue, behind its equals if it yielded. */
        if ( vcpu_runnable(cur) )
        {
            if ( scur->flags & CSCHED_FLAG_YIELD )
                scur->pri = min(scur->pri, CSCHED_PRI_TS_OVER);
            runq_insert(cpu, scur);
        }
        scur->flags &= ~CSCHED_FLAG_YIELD;
    }

    snext = list_empty(RUNQ(cpu)) ? NULL
            : list_first_entry(RUNQ(cpu), struct csched_vcpu, runq_elem);
    if ( !snext || snext->pri < CSCHED_PRI_TS_UNDER )
    {
        struct csched_vcpu *stolen = steal_work(cpu, snext ? snext->pri : CSCHED_PRI_IDLE);

        if ( stolen )
        {
            snext = stolen;
            ret.migrated = true;
            runq_insert(cpu, snext);
        }
    }

    if ( snext )
    {
        runq_remove(snext);
        snext->start_time = now;
        ret.task = snext->vcpu;
        ret.time = MILLISECS(opt_tslice_ms);
    }
    else
    {
        ret.task = idle_vcpu[cpu];
        ret.time = -1;
    }
    return ret;
}

static int csched_adjust(struct domain *d, unsigned int *weight, unsigned int *cap, bool set)
{
    struct csched_dom *sdom = CSCHED_DOM(d);
    unsigned long flags;

    if ( !set )
    {
        *weight = sdom->weight;
        *cap = sdom->cap;
        return 0;
    }
    /* As Xen's XEN_DOMCTL_SCHEDOP_putinfo: weight 0 and cap ~0 mean "unchanged". */
    if ( *weight && (*weight < 1 || *weight > CSCHED_MAX_WEIGHT) )
        return -EINVAL;
    if ( *cap != ~0u && *cap > 100 * num_online_cpus() )
        return -EINVAL;
    spin_lock_irqsave(&acct_lock, flags);
    if ( *weight )
        sdom->weight = *weight;
    if ( *cap != ~0u )
        sdom->cap = *cap;
    spin_unlock_irqrestore(&acct_lock, flags);
    return 0;
}

/*
 * XEN_SYSCTL_scheduler_op: read or change the time slice (1-1000 ms, the range
 * of sched_credit_tslice_ms=); ticks and accounting follow from the next tick.
 */
int sched_credit_tslice(unsigned int *ms, bool set)
{
    unsigned long flags;

    if ( !set )
    {
        *ms = opt_tslice_ms;
        return 0;
    }
    if ( *ms < 1 || *ms > 1000 )
        return -EINVAL;
    spin_lock_irqsave(&acct_lock, flags);
    opt_tslice_ms = *ms;
    tick_period = MILLISECS(opt_tslice_ms) / CSCHED_TICKS_PER_TSLICE;
    spin_unlock_irqrestore(&acct_lock, flags);
    return 0;
}

static void csched_dump_settings(void)
{
    printk("Scheduler: %s (credit)\n", sched_credit_def.name);
    printk("info:\n\tncpus              = %u\n\tmaster             = %u\n"
           "\tcredit balance     = %d\n\tdefault-weight     = %u\n"
           "\ttslice             = %ums\n\tticks per tslice   = %u\n"
           "\tcredits per tslice = %u\n", num_online_cpus(), master_cpu, credit_balance,
           CSCHED_DEFAULT_WEIGHT, opt_tslice_ms, CSCHED_TICKS_PER_TSLICE,
           CSCHED_CREDITS_PER_TSLICE);
}

static void dump_svc(const struct csched_vcpu *svc)
{
    printk("%pv pri=%d flags=%x credit=%d%s\n", svc->vcpu, svc->pri, svc->flags,
           svc->credit, svc->sdom ? "" : " (idle)");
}

static void csched_dump_cpu_state(unsigned int cpu)
{
    struct list_head *iter;
    unsigned int n = 0;

    printk("CPU[%02u] tick=%u, timer interrupts=%lu, nr_switches=%lu\n", cpu,
           pcpu_data[cpu].tick, apic_timer_irq_count(cpu), sched_res[cpu].nr_switches);
    printk("\trun: ");
    dump_svc(CSCHED_VCPU(sched_res[cpu].curr));
    list_for_each ( iter, RUNQ(cpu) )
    {
        printk("\t%3u: ", ++n);
        dump_svc(list_entry(iter, struct csched_vcpu, runq_elem));
    }
}

const struct scheduler sched_credit_def = {
    .name           = "SMP Credit Scheduler",
    .opt_name       = "credit",
    .init           = csched_init,
    .init_pcpu      = csched_init_pcpu,
    .alloc_vdata    = csched_alloc_vdata,
    .free_vdata     = csched_free_vdata,
    .alloc_domdata  = csched_alloc_domdata,
    .free_domdata   = csched_free_domdata,
    .insert_vcpu    = csched_insert_vcpu,
    .remove_vcpu    = csched_remove_vcpu,
    .sleep          = csched_sleep,
    .wake           = csched_wake,
    .yield          = csched_yield,
    .do_schedule    = csched_schedule,
    .adjust         = csched_adjust,
    .dump_settings  = csched_dump_settings,
    .dump_cpu_state = csched_dump_cpu_state,
};
