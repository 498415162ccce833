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
#include <xen/rangeset.h>
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
    /* Holds a pause reference for its domain's shutdown (domain_shutdown). */
    bool paused_for_shutdown;

    struct arch_vcpu arch;
};

/* struct domain's is_dying: alive, being torn down, or torn down (a zombie). */
#define DOMDYING_alive  0
#define DOMDYING_dying  1
#define DOMDYING_dead   2

/* shutdown_code before any SCHEDOP_shutdown(_code): as Xen, all ones. */
#define SHUTDOWN_CODE_INVALID (~0u)

struct domain {
    domid_t domain_id;
    unsigned int max_vcpus;
    struct vcpu **vcpu;         /* [max_vcpus], entries NULL until created */
    struct domain *next_in_list;

    /*
     * References: the domain list holds one until XEN_DOMCTL_destroydomain
     * completes, and the domain holds one on itself while it owns pages
     * (tot_pages > 0), so a domain whose frames are still mapped elsewhere
     * stays (a zombie) until they are released.  At zero it is unlinked and
     * freed (put_domain); get_domain() never revives one at zero.
     */
    atomic_t refcnt;
    atomic_t pause_count;
    int controller_pause_count;     /* the toolstack's pauses (cmpxchg) */
    bool is_privileged;             /* domain 0: may control other domains */
    unsigned int is_dying;          /* DOMDYING_*, guarded by domctl_lock */
    bool creation_finished;         /* the toolstack unpaused it once */
    bool debugger_attached;
    bool is_shutting_down;          /* guarded by shutdown_lock */
    bool is_shut_down;
    unsigned int shutdown_code;     /* SHUTDOWN_*, or SHUTDOWN_CODE_INVALID */
    spinlock_t shutdown_lock;
    u8 handle[16];                  /* the toolstack's UUID */
    u32 ssidref;
    unsigned int options;           /* XEN_DOMCTL_CDF_* it was created with */
    evtchn_port_t suspend_evtchn;   /* XEN_DOMCTL_subscribe */
    s64 time_offset_seconds;        /* XEN_DOMCTL_settimeoffset */

    /* Memory: guarded by page_alloc_lock. */
    spinlock_t page_alloc_lock;
    struct page_list_head page_list;
    unsigned long tot_pages;
    unsigned long max_pages;
    unsigned long outstanding_pages;    /* XENMEM_claim_pages, not yet allocated */
    /* Teardown progress across continuations of XEN_DOMCTL_destroydomain. */
    unsigned int relinquish_stage;
    struct page_info *relmem_next;      /* next page to release (referenced) */

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

    /* What of the machine it may use besides its memory (XEN_DOMCTL_*_permission). */
    struct rangeset iomem_caps;     /* machine frames */
    struct rangeset ioport_caps;    /* I/O ports */
    struct rangeset irq_caps;       /* IRQs */

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

struct xen_domctl_createdomain;
/*
 * Create a domain from a toolstack's configuration (NULL for the idle
 * domain), paused once by the system controller (its builder unpauses it).
 * Returns NULL with *err set to Xen's error on failure; nothing is left.
 */
struct domain *domain_create(domid_t domid, const struct xen_domctl_createdomain *config,
                             bool privileged, int *err);
struct vcpu *vcpu_create(struct domain *d, unsigned int vcpu_id);
struct domain *get_domain_by_id(domid_t id);
/* Take a reference on a domain the caller knows exists; false once it is going. */
bool get_domain(struct domain *d);
void put_domain(struct domain *d);
/* XEN_DOMCTL_destroydomain: 0, -ERESTART (call again), or -EINVAL for the caller. */
int domain_kill(struct domain *d);

/* A domain stopped running (shutdown or crash): tell domain 0 (VIRQ_DOM_EXC). */
void domain_shutdown_notify(struct domain *d);
void domain_shutdown(struct domain *d, unsigned int reason);
/* XEN_DOMCTL_resumedomain: undo a shutdown (a suspended guest carries on). */
void domain_resume(struct domain *d);
void domain_watchdog_kill(struct domain *d);

/* Wake a vCPU blocked in SCHEDOP_block/poll. */
void vcpu_unblock(struct vcpu *v);

void vcpu_pause(struct vcpu *v);
void vcpu_unpause(struct vcpu *v);
void domain_pause(struct domain *d);
void domain_unpause(struct domain *d);
/* The toolstack's pauses (XEN_DOMCTL_{,un}pausedomain), counted up to 255. */
int domain_pause_by_systemcontroller(struct domain *d);
int domain_unpause_by_systemcontroller(struct domain *d);

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

/* vCPU affinities (XEN_DOMCTL_setvcpuaffinity); the caller is not the vCPU. */
int vcpu_set_hard_affinity(struct vcpu *v, const cpumask_t *mask);
int vcpu_set_soft_affinity(struct vcpu *v, const cpumask_t *mask);
unsigned int scheduler_id(void);
u64 get_cpu_idle_time(unsigned int cpu);

/* Credit scheduler parameters (XEN_DOMCTL_SCHEDOP_* semantics). */
int sched_credit_get(struct domain *d, unsigned int *weight, unsigned int *cap);
int sched_credit_set(struct domain *d, unsigned int weight, unsigned int cap);
int sched_credit_tslice(unsigned int *ms, bool set);

/* Architecture: start running 'next' on this CPU (does not return for a guest). */
void context_switch(struct vcpu *prev, struct vcpu *next);
void continue_running(struct vcpu *same);
void __noreturn idle_loop(void);
void __noreturn startup_cpu_idle_loop(void);

#endif /* XEN_SCHED_H */
