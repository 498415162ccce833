/*
 * Domains and virtual CPUs.
 *
 * A domain is a guest (or the idle domain, whose vCPUs run the idle loop, one per
 * physical CPU).  The PV and HVM code fill in the arch parts (asm/domain.h); the
 * scheduler decides which vCPU each physical CPU runs (common/sched/).
 */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <xen/types.h>
#include <xen/atomic.h>
#include <xen/spinlock.h>
#include <xen/cpumask.h>
#include <xen/timer.h>
#include <xen/list.h>
#include <asm/domain.h>
#include <asm/current.h>
#include <asm/processor.h>

#include <public/xen.h>
#include <public/vcpu.h>
#include <public/event_channel.h>
#include <public/sched.h>

struct vcpu_runstate {
    int state;
    s_time_t state_entry_time;
    s_time_t time[4];           /* ns spent in each state */
};

/* Bits of vcpu->pause_flags: reasons a vCPU cannot run besides pause_count. */
#define _VPF_blocked  0         /* waiting for an event */
#define _VPF_down     1         /* not brought up (VCPUOP_up) or brought down */
#define _VPF_parked   2         /* the scheduler's cap parked it until refill */
#define VPF_blocked   (1UL << _VPF_blocked)
#define VPF_down      (1UL << _VPF_down)
#define VPF_parked    (1UL << _VPF_parked)

struct domain;

struct vcpu {
    unsigned int vcpu_id;
    unsigned int processor;     /* the CPU it runs on, or last ran on */
    struct domain *domain;
    struct vcpu *next_in_list;

    /* Scheduling; guarded by the scheduler lock of 'processor'. */
    void *sched_priv;
    bool is_running;            /* its state is loaded on 'processor' */
    unsigned long pause_flags;  /* VPF_* (atomic bit operations) */
    atomic_t pause_count;
    struct vcpu_runstate runstate;
    cpumask_t cpu_hard_affinity;
    cpumask_t cpu_soft_affinity;

    struct timer periodic_timer;
    struct timer singleshot_timer;
    s_time_t periodic_period;       /* 0: no periodic timer */
    struct timer poll_timer;        /* SCHEDOP_poll timeout */
    bool is_initialised;            /* has a context (builder or VCPUOP_initialise) */

    /* Event channels: the port each per-vCPU VIRQ is bound to (0: none). */
    u32 virq_to_evtchn[NR_VIRQS];
    /* SCHEDOP_poll: blocked until one of the domain's polled ports is pending. */
    bool polling;

    struct arch_vcpu arch;
};

struct domain {
    domid_t domain_id;
    unsigned int max_vcpus;
    struct vcpu **vcpu;         /* [max_vcpus], entries NULL until created */
    struct domain *next_in_list;

    atomic_t refcnt;
    atomic_t pause_count;
    bool is_privileged;         /* domain 0: may control other domains */
    bool is_dying;
    bool is_shutting_down;
    unsigned int shutdown_code;
    u8 handle[16];              /* the toolstack's UUID */

    /* Memory: guarded by page_alloc_lock. */
    spinlock_t page_alloc_lock;
    struct page_list_head page_list;
    unsigned long tot_pages;
    unsigned long max_pages;

    /* Scheduling parameters (credit: weight, cap). */
    void *sched_priv;

    /* Event channels (common/event_channel.c), guarded by event_lock. */
    spinlock_t event_lock;
    struct evtchn *evtchn_bucket[EVTCHN_2L_NR_CHANNELS / 128];
    unsigned int max_evtchns;
    unsigned int nr_polling;        /* vCPUs in SCHEDOP_poll */

    /* SCHEDOP_watchdog: up to two timers that shut the domain down on expiry. */
    struct timer watchdog_timer[2];
    unsigned int watchdog_inuse;    /* bitmap */

    struct grant_table *grant_table;
    unsigned int max_grant_frames;

    /* Guest console output of a domU, line-buffered (console_io). */
    char console_buf[128];
    unsigned int console_len;

    spinlock_t domain_lock;
    struct arch_domain arch;
};

extern struct domain *idle_domain;
extern struct domain *dom_xen;        /* DOMID_XEN: owner of frames shared read-only */
extern struct vcpu *idle_vcpu[NR_CPUS];
extern struct domain *domain_list;      /* all domains, in id order; RCU-free for now */
extern rwlock_t domlist_lock;

#define is_idle_domain(d)   ((d)->domain_id == DOMID_IDLE)
#define is_idle_vcpu(v)     is_idle_domain((v)->domain)
#define for_each_domain(d)  for ( (d) = domain_list; (d); (d) = (d)->next_in_list )
#define for_each_vcpu(d, v) for ( (v) = (d)->vcpu ? (d)->vcpu[0] : NULL; (v); (v) = (v)->next_in_list )

struct domain *domain_create(domid_t domid, unsigned int max_vcpus, bool privileged);
struct vcpu *vcpu_create(struct domain *d, unsigned int vcpu_id);
void domain_destroy(struct domain *d);
struct domain *get_domain_by_id(domid_t id);
void put_domain(struct domain *d);

/* A domain stopped running (shutdown or crash): tell domain 0 (VIRQ_DOM_EXC). */
void domain_shutdown_notify(struct domain *d);
void domain_shutdown(struct domain *d, unsigned int reason);
void domain_watchdog_kill(struct domain *d);

/* Wake a vCPU blocked in SCHEDOP_block/poll. */
void vcpu_unblock(struct vcpu *v);

void vcpu_pause(struct vcpu *v);
void vcpu_unpause(struct vcpu *v);
void domain_pause(struct domain *d);
void domain_unpause(struct domain *d);

/* Scheduler entry points (common/sched/core.c). */
int scheduler_init(void);
int sched_init_vcpu(struct vcpu *v, unsigned int processor);
void sched_destroy_vcpu(struct vcpu *v);
int sched_init_domain(struct domain *d);
void sched_destroy_domain(struct domain *d);
void vcpu_wake(struct vcpu *v);
void vcpu_sleep_nosync(struct vcpu *v);
void vcpu_sleep_sync(struct vcpu *v);
void vcpu_block(void);
void vcpu_yield(void);
bool vcpu_runnable(const struct vcpu *v);
void sched_tick_resume(void);
void dump_runq(void);
const char *scheduler_name(void);

/* Credit scheduler parameters (XEN_DOMCTL_SCHEDOP_* semantics). */
int sched_credit_get(struct domain *d, unsigned int *weight, unsigned int *cap);
int sched_credit_set(struct domain *d, unsigned int weight, unsigned int cap);

/* Architecture: start running 'next' on this CPU (does not return for a guest). */
void context_switch(struct vcpu *prev, struct vcpu *next);
void continue_running(struct vcpu *same);
void __noreturn idle_loop(void);
void __noreturn startup_cpu_idle_loop(void);

#endif /* XEN_SCHED_H */
