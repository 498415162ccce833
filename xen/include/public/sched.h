/* SPDX-License-Identifier: MIT */
/*
 * public/sched.h: HYPERVISOR_sched_op(int cmd, void *arg, ...), a guest's
 * requests to the scheduler: yield, block, poll, and shutting down.
 *
 * The original form, HYPERVISOR_sched_op_compat(int cmd, unsigned long
 * arg), knows only yield, block and shutdown, with the SHUTDOWN_* reason
 * passed directly as arg.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_SCHED_H__
#define __XEN_PUBLIC_SCHED_H__

#include "event_channel.h"

/* SCHEDOP_yield (arg NULL): let another vCPU run. */
#define SCHEDOP_yield 0

/*
 * SCHEDOP_block (arg NULL): sleep until an event arrives.  It clears the
 * upcall mask and checks for pending events atomically with going to
 * sleep, so a guest calls it with events masked and loses no wakeup.
 */
#define SCHEDOP_block 1

/*
 * SCHEDOP_shutdown (sched_shutdown_t): stop every vCPU of the domain and
 * tell the toolstack why.  For SHUTDOWN_suspend a PV guest also passes the
 * MFN of its start_info page as the third argument (%rdx); the call then
 * returns 1 if the suspend was cancelled (or was a checkpoint) and 0 when
 * the guest resumes in a new domain.
 */
#define SCHEDOP_shutdown 2

/*
 * SCHEDOP_poll (sched_poll_t): sleep until one of the ports is pending or
 * the timeout passes.
 */
#define SCHEDOP_poll 3

/*
 * SCHEDOP_remote_shutdown (sched_remote_shutdown_t): shut another domain
 * down, as the device model does for HVM guests.  Privileged.
 */
#define SCHEDOP_remote_shutdown 4

/*
 * SCHEDOP_shutdown_code (sched_shutdown_t): record the reason the domain
 * will report when it shuts down later.
 */
#define SCHEDOP_shutdown_code 5

/*
 * SCHEDOP_watchdog (sched_watchdog_t): id 0 creates a watchdog that shuts
 * the domain down (SHUTDOWN_watchdog) after timeout seconds and returns its
 * id; a non-zero id with a timeout rearms it, with timeout 0 deletes it.
 */
#define SCHEDOP_watchdog 6

/*
 * SCHEDOP_pin_override (sched_pin_override_t): hardware domain only; pin
 * the calling vCPU to one physical CPU of its pool, or with a negative
 * pcpu restore its previous affinity.
 */
#define SCHEDOP_pin_override 7

struct sched_shutdown {
    uint32_t reason; /* IN: SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_shutdown_t);

struct sched_poll {
    XEN_GUEST_HANDLE(evtchn_port_t) ports; /* IN: the ports to wait on */
    uint32_t nr_ports;                     /* IN: how many */
    uint64_t timeout;                      /* IN: absolute system time, or 0 */
};
typedef struct sched_poll sched_poll_t;
DEFINE_XEN_GUEST_HANDLE(sched_poll_t);

struct sched_remote_shutdown {
    domid_t domain_id; /* IN: the domain to shut down */
    uint32_t reason;   /* IN: SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_remote_shutdown_t);

struct sched_watchdog {
    uint32_t id;      /* IN: 0 to create; OUT (as return value) the new id */
    uint32_t timeout; /* IN: seconds, 0 to delete */
};
typedef struct sched_watchdog sched_watchdog_t;
DEFINE_XEN_GUEST_HANDLE(sched_watchdog_t);

struct sched_pin_override {
    int32_t pcpu; /* IN: physical CPU, negative to undo */
};
typedef struct sched_pin_override sched_pin_override_t;
DEFINE_XEN_GUEST_HANDLE(sched_pin_override_t);

/*
 * Shutdown reasons.  The hypervisor mostly passes them on; the toolstack
 * decides what to do (destroy, restart, save...).
 */
#define SHUTDOWN_poweroff 0 /* the guest halted: destroy it */
#define SHUTDOWN_reboot 1   /* destroy it and start it again */
#define SHUTDOWN_suspend 2  /* save its state, then destroy it */
#define SHUTDOWN_crash 3    /* the guest crashed */
#define SHUTDOWN_watchdog 4 /* its watchdog expired: restart it */
/*
 * Reset the hypervisor's state for the domain to that of a new domain,
 * keeping its memory and vCPU contexts, so the guest can set itself up
 * again (used by kexec).
 */
#define SHUTDOWN_soft_reset 5
#define SHUTDOWN_MAX 5 /* highest valid reason */

#endif /* __XEN_PUBLIC_SCHED_H__ */
