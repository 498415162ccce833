/* SPDX-License-Identifier: MIT */
/*
 * public/vcpu.h: HYPERVISOR_vcpu_op(int cmd, unsigned int vcpuid, void *arg),
 * operations on one virtual CPU of the calling domain: bring it up and down,
 * its timers, where its vcpu_info, runstate and time information live.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_VCPU_H__
#define __XEN_PUBLIC_VCPU_H__

#include "xen.h"

/*
 * VCPUOP_initialise: give a vCPU that never ran its initial state, once
 * (arg: vcpu_guest_context_t for PV; struct vcpu_hvm_context for x86 HVM).
 * It runs after VCPUOP_up.
 */
#define VCPUOP_initialise 0

/* VCPUOP_up (no argument): make an initialised vCPU runnable. */
#define VCPUOP_up 1

/*
 * VCPUOP_down (no argument): stop a vCPU.  Asynchronous unless the vCPU
 * stops itself: it may still run briefly after the call returns.  A vCPU
 * that is down still holds references to its page tables and GDT.
 */
#define VCPUOP_down 2

/* VCPUOP_is_up (no argument): returns 1 if the vCPU is up, else 0. */
#define VCPUOP_is_up 3

/* VCPUOP_get_runstate_info: copy the vCPU's runstate_info to arg. */
#define VCPUOP_get_runstate_info 4
struct vcpu_runstate_info {
    int32_t state;             /* OUT: RUNSTATE_* */
    uint64_t state_entry_time; /* OUT: system time (ns) it entered it */
/*
 * Set in state_entry_time of a registered runstate area while the
 * hypervisor updates it, if the guest enabled
 * VMASST_TYPE_runstate_update_flag.
 */
#define XEN_RUNSTATE_UPDATE (xen_mk_ullong(1) << 63)
    /* OUT: ns spent in each state; their sum tracks system time exactly. */
    uint64_t time[4];
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_runstate_info_t);

/* Running on a physical CPU. */
#define RUNSTATE_running 0
/* Runnable but waiting for a physical CPU. */
#define RUNSTATE_runnable 1
/* Blocked waiting for an event (idle). */
#define RUNSTATE_blocked 2
/* Neither runnable nor blocked: paused, down, or held by the hypervisor. */
#define RUNSTATE_offline 3

/*
 * VCPUOP_register_runstate_memory_area: a guest area (a virtual address on
 * x86) that the hypervisor keeps up to date with the vCPU's runstate, each
 * time it is scheduled, so the guest can read it without a hypercall.  One
 * area per vCPU.
 */
#define VCPUOP_register_runstate_memory_area 5
struct vcpu_register_runstate_memory_area {
    union {
        XEN_GUEST_HANDLE(vcpu_runstate_info_t) h;
        struct vcpu_runstate_info *v;
        uint64_t p;
    } addr; /* IN: where the area is */
};
typedef struct vcpu_register_runstate_memory_area
    vcpu_register_runstate_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_runstate_memory_area_t);

/*
 * VCPUOP_set_periodic_timer / VCPUOP_stop_periodic_timer (no argument): the
 * vCPU's periodic VIRQ_TIMER.  Periods under 1 ms may be refused.
 */
#define VCPUOP_set_periodic_timer 6
#define VCPUOP_stop_periodic_timer 7
struct vcpu_set_periodic_timer {
    uint64_t period_ns; /* IN */
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_periodic_timer_t);

/*
 * VCPUOP_set_singleshot_timer / VCPUOP_stop_singleshot_timer (no
 * argument): the vCPU's one-shot VIRQ_TIMER.
 */
#define VCPUOP_set_singleshot_timer 8
#define VCPUOP_stop_singleshot_timer 9
struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns; /* IN: absolute system time */
    uint32_t flags;          /* IN: VCPU_SSHOTTMR_* */
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_singleshot_timer_t);

/* Fail with -ETIME if the timeout already passed (a hypervisor may ignore
 * this flag). */
#define _VCPU_SSHOTTMR_future (0)
#define VCPU_SSHOTTMR_future (1U << _VCPU_SSHOTTMR_future)

/*
 * VCPUOP_register_vcpu_info: move the vCPU's vcpu_info out of shared_info
 * into a guest page (for example its per-CPU area), once per vCPU.  The
 * structure must not cross a page boundary.
 */
#define VCPUOP_register_vcpu_info 10
struct vcpu_register_vcpu_info {
    uint64_t mfn;    /* IN: frame of the page */
    uint32_t offset; /* IN: byte offset in it */
    uint32_t rsvd;   /* IN: zero */
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_vcpu_info_t);

/* VCPUOP_send_nmi (no argument): raise an NMI on the vCPU. */
#define VCPUOP_send_nmi 11

/*
 * VCPUOP_get_physid: ids of the physical CPU a pinned vCPU runs on; on x86
 * bits 31:0 are the APIC id and bits 63:32 the ACPI id.  -EINVAL when the
 * vCPU is not pinned to one CPU.
 */
#define VCPUOP_get_physid 12
struct vcpu_get_physid {
    uint64_t phys_id; /* OUT */
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_get_physid_t);
#define xen_vcpu_physid_to_x86_apicid(physid) ((uint32_t)(physid))
#define xen_vcpu_physid_to_x86_acpiid(physid) ((uint32_t)((physid) >> 32))

/*
 * VCPUOP_register_vcpu_time_memory_area: a second copy of the vCPU's
 * vcpu_time_info, updated together with the one in vcpu_info, meant to be
 * mapped read-only into user space (vDSO clocks).
 */
#define VCPUOP_register_vcpu_time_memory_area 13
DEFINE_XEN_GUEST_HANDLE(vcpu_time_info_t);
struct vcpu_register_time_memory_area {
    union {
        XEN_GUEST_HANDLE(vcpu_time_info_t) h;
        struct vcpu_time_info *v;
        uint64_t p;
    } addr; /* IN: where the copy goes */
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_time_memory_area_t);

#endif /* __XEN_PUBLIC_VCPU_H__ */
