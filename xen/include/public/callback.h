/* SPDX-License-Identifier: MIT */
/*
 * public/callback.h: HYPERVISOR_callback_op(int cmd, void *arg), where the
 * hypervisor enters a PV guest kernel for events, failsafe, system calls
 * and NMIs.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_CALLBACK_H__
#define __XEN_PUBLIC_CALLBACK_H__

#include "xen.h"

/* Event upcall: pending event channels to handle. */
#define CALLBACKTYPE_event 0
/* Failsafe: the hypervisor could not restore the guest's segment state. */
#define CALLBACKTYPE_failsafe 1
/* SYSCALL from a 64-bit guest user process (64-bit hypervisor). */
#define CALLBACKTYPE_syscall 2
/* Old SYSENTER type of 32-bit hypervisors; do not use. */
#define CALLBACKTYPE_sysenter_deprecated 3
/* NMI delivery. */
#define CALLBACKTYPE_nmi 4
/* SYSENTER from 32-bit guest user processes on Intel CPUs. */
#define CALLBACKTYPE_sysenter 5
/* 6 is unused. */
/* SYSCALL from 32-bit guest user processes on AMD CPUs. */
#define CALLBACKTYPE_syscall32 7

/*
 * Mask events on entry to the callback.  Event and NMI callbacks always
 * mask them; the flag matters for the others.
 */
#define _CALLBACKF_mask_events 0
#define CALLBACKF_mask_events (1U << _CALLBACKF_mask_events)

/* CALLBACKOP_register: set one callback entry point. */
#define CALLBACKOP_register 0
struct callback_register {
    uint16_t type;          /* IN: CALLBACKTYPE_* */
    uint16_t flags;         /* IN: CALLBACKF_* */
    xen_callback_t address; /* IN: entry point */
};
typedef struct callback_register callback_register_t;
DEFINE_XEN_GUEST_HANDLE(callback_register_t);

/* CALLBACKOP_unregister: remove one; -EINVAL for types that must stay. */
#define CALLBACKOP_unregister 1
struct callback_unregister {
    uint16_t type;    /* IN: CALLBACKTYPE_* */
    uint16_t _unused; /* IN: zero */
};
typedef struct callback_unregister callback_unregister_t;
DEFINE_XEN_GUEST_HANDLE(callback_unregister_t);

#if __XEN_INTERFACE_VERSION__ < 0x00030207
#undef CALLBACKTYPE_sysenter
#define CALLBACKTYPE_sysenter CALLBACKTYPE_sysenter_deprecated
#endif

#endif /* __XEN_PUBLIC_CALLBACK_H__ */
