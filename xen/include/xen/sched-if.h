/*
 * The interface between the scheduler core (common/sched/core.c) and a scheduling
 * policy (common/sched/credit.c).  Each CPU has a scheduler lock guarding its run
 * queue and the scheduling state of the vCPUs assigned to it.
 */
#ifndef XEN_SCHED_IF_H
#define XEN_SCHED_IF_H

#include <xen/sched.h>

struct sched_resource {
    spinlock_t lock;
    struct vcpu *curr;          /* running vCPU */
    void *sched_priv;           /* the policy's per-CPU data */
    struct timer s_timer;       /* end of the current time slice */
    unsigned long nr_switches;
};

extern struct sched_resource sched_res[NR_CPUS];

struct task_slice {
    struct vcpu *task;          /* what to run next */
    s_time_t time;              /* for how long (<0: until something else happens) */
    bool migrated;
};

struct scheduler {
    const char *name;           /* full name */
    const char *opt_name;       /* sched= value */
    int (*init)(void);
    int (*init_pcpu)(unsigned int cpu);
    void *(*alloc_vdata)(struct vcpu *v);
    void (*free_vdata)(void *priv);
    void *(*alloc_domdata)(struct domain *d);
    void (*free_domdata)(void *priv);
    void (*insert_vcpu)(struct vcpu *v);
    void (*remove_vcpu)(struct vcpu *v);
    void (*sleep)(struct vcpu *v);
    void (*wake)(struct vcpu *v);
    void (*yield)(struct vcpu *v);
    struct task_slice (*do_schedule)(s_time_t now, unsigned int cpu);
    int (*adjust)(struct domain *d, unsigned int *weight, unsigned int *cap, bool set);
    void (*dump_settings)(void);
    void (*dump_cpu_state)(unsigned int cpu);
};

extern const struct scheduler sched_credit_def;

static inline spinlock_t *vcpu_schedule_lock_irqsave(const struct vcpu *v, unsigned long *f)
{
    for ( ;; )
    {
        unsigned int cpu = READ_ONCE(v->processor);
        spinlock_t *l = &sched_res[cpu].lock;

        spin_lock_irqsave(l, *f);
        if ( v->processor == cpu )
            return l;
        spin_unlock_irqrestore(l, *f);
    }
}

#endif /* XEN_SCHED_IF_H */
