/* SPDX-License-Identifier: MIT */
/*
 * public/event_channel.h: HYPERVISOR_event_channel_op(int cmd, void *arg).
 *
 * An event channel is the hypervisor's interrupt line: a port in a domain
 * that can be made pending, which raises an upcall in the vCPU it is bound
 * to unless the port or the vCPU masks events.  A port is bound to another
 * domain's port (interdomain), to a virtual IRQ, to a physical IRQ, or used
 * as an IPI between the domain's own vCPUs.  The pending and mask bits live
 * in shared_info (2-level ABI) or in guest pages (FIFO ABI).
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_EVENT_CHANNEL_H__
#define __XEN_PUBLIC_EVENT_CHANNEL_H__

#include "xen.h"

#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq 1
#define EVTCHNOP_bind_pirq 2
#define EVTCHNOP_close 3
#define EVTCHNOP_send 4
#define EVTCHNOP_status 5
#define EVTCHNOP_alloc_unbound 6
#define EVTCHNOP_bind_ipi 7
#define EVTCHNOP_bind_vcpu 8
#define EVTCHNOP_unmask 9
#define EVTCHNOP_reset 10
#define EVTCHNOP_init_control 11
#define EVTCHNOP_expand_array 12
#define EVTCHNOP_set_priority 13
#ifdef __XEN__
/* Internal continuation of EVTCHNOP_reset. */
#define EVTCHNOP_reset_cont 14
#endif

typedef uint32_t evtchn_port_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_port_t);

/*
 * EVTCHNOP_alloc_unbound: allocate a port in @dom that @remote_dom may
 * later bind to with EVTCHNOP_bind_interdomain.  An unprivileged caller may
 * only allocate in DOMID_SELF; @remote_dom may be DOMID_SELF (loopback).
 */
struct evtchn_alloc_unbound {
    domid_t dom;        /* IN */
    domid_t remote_dom; /* IN */
    evtchn_port_t port; /* OUT */
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;

/*
 * EVTCHNOP_bind_interdomain: connect a new local port to the unbound port
 * <remote_dom, remote_port>, which must have been allocated for the
 * caller.  The new local port starts pending, in case the remote end
 * signalled before the connection existed.
 */
struct evtchn_bind_interdomain {
    domid_t remote_dom;        /* IN: may be DOMID_SELF */
    evtchn_port_t remote_port; /* IN */
    evtchn_port_t local_port;  /* OUT */
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;

/*
 * EVTCHNOP_bind_virq: bind a new port to a VIRQ_* on a vCPU.  A global VIRQ
 * is bound on vCPU 0 (and may move later with EVTCHNOP_bind_vcpu); a
 * per-vCPU VIRQ once per vCPU, for good.
 */
struct evtchn_bind_virq {
    uint32_t virq;      /* IN: VIRQ_* */
    uint32_t vcpu;      /* IN */
    evtchn_port_t port; /* OUT */
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;

/*
 * EVTCHNOP_bind_pirq: bind a new port to a physical IRQ the domain was
 * given (at most one port per pirq).
 */
struct evtchn_bind_pirq {
    uint32_t pirq; /* IN */
#define BIND_PIRQ__WILL_SHARE 1
    uint32_t flags;     /* IN: BIND_PIRQ__* */
    evtchn_port_t port; /* OUT */
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;

/* EVTCHNOP_bind_ipi: a new port for IPIs to @vcpu; the binding is fixed. */
struct evtchn_bind_ipi {
    uint32_t vcpu;      /* IN */
    evtchn_port_t port; /* OUT */
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;

/*
 * EVTCHNOP_close: free a local port.  The remote end of an interdomain
 * channel goes back to unbound, waiting for a new connection.
 */
struct evtchn_close {
    evtchn_port_t port; /* IN */
};
typedef struct evtchn_close evtchn_close_t;

/* EVTCHNOP_send: make the other end of the channel pending. */
struct evtchn_send {
    evtchn_port_t port; /* IN: the local end */
};
typedef struct evtchn_send evtchn_send_t;

/*
 * EVTCHNOP_status: what a port of @dom is bound to.  Only a privileged
 * caller may ask about another domain.
 */
struct evtchn_status {
    domid_t dom;                 /* IN: may be DOMID_SELF */
    evtchn_port_t port;          /* IN */
#define EVTCHNSTAT_closed 0      /* not in use */
#define EVTCHNSTAT_unbound 1     /* waiting for an interdomain connection */
#define EVTCHNSTAT_interdomain 2 /* connected to another domain's port */
#define EVTCHNSTAT_pirq 3        /* bound to a physical IRQ */
#define EVTCHNSTAT_virq 4        /* bound to a virtual IRQ */
#define EVTCHNSTAT_ipi 5         /* used for IPIs */
    uint32_t status;             /* OUT: EVTCHNSTAT_* */
    uint32_t vcpu;               /* OUT: the vCPU it notifies */
    union {
        struct {
            domid_t dom; /* OUT: who may bind to it */
        } unbound;
        struct {
            domid_t dom;        /* OUT: remote domain */
            evtchn_port_t port; /* OUT: remote port */
        } interdomain;
        uint32_t pirq; /* OUT */
        uint32_t virq; /* OUT */
    } u;
};
typedef struct evtchn_status evtchn_status_t;

/*
 * EVTCHNOP_bind_vcpu: which vCPU a port notifies.  Not for IPI ports and
 * per-vCPU VIRQs, whose vCPU is fixed; other ports start on vCPU 0.
 */
struct evtchn_bind_vcpu {
    evtchn_port_t port; /* IN */
    uint32_t vcpu;      /* IN */
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;

/*
 * EVTCHNOP_unmask: clear a port's mask bit and, if it is pending, raise the
 * upcall that masking held back.
 */
struct evtchn_unmask {
    evtchn_port_t port; /* IN */
};
typedef struct evtchn_unmask evtchn_unmask_t;

/*
 * EVTCHNOP_reset: close every port of @dom (DOMID_SELF unless privileged).
 * For the caller itself this also returns from the FIFO ABI to 2-level.
 */
struct evtchn_reset {
    domid_t dom; /* IN */
};
typedef struct evtchn_reset evtchn_reset_t;

/*
 * EVTCHNOP_init_control: switch to the FIFO ABI, giving a vCPU's control
 * block.  Events pending before the switch are lost.
 */
struct evtchn_init_control {
    uint64_t control_gfn; /* IN: page holding the control block */
    uint32_t offset;      /* IN: its offset in the page */
    uint32_t vcpu;        /* IN */
    uint8_t link_bits;    /* OUT: EVTCHN_FIFO_LINK_BITS */
    uint8_t _pad[7];      /* IN: zero */
};
typedef struct evtchn_init_control evtchn_init_control_t;

/* EVTCHNOP_expand_array: add a page of FIFO event words. */
struct evtchn_expand_array {
    uint64_t array_gfn; /* IN */
};
typedef struct evtchn_expand_array evtchn_expand_array_t;

/* EVTCHNOP_set_priority: the FIFO queue of a port. */
struct evtchn_set_priority {
    evtchn_port_t port; /* IN */
    uint32_t priority;  /* IN: EVTCHN_FIFO_PRIORITY_MAX..MIN */
};
typedef struct evtchn_set_priority evtchn_set_priority_t;

/*
 * Argument of the old event_channel_op_compat hypercall (replaced in
 * 0x00030202): the command followed by its argument.
 */
struct evtchn_op {
    uint32_t cmd; /* IN: EVTCHNOP_* */
    union {
        evtchn_alloc_unbound_t alloc_unbound;
        evtchn_bind_interdomain_t bind_interdomain;
        evtchn_bind_virq_t bind_virq;
        evtchn_bind_pirq_t bind_pirq;
        evtchn_bind_ipi_t bind_ipi;
        evtchn_close_t close;
        evtchn_send_t send;
        evtchn_status_t status;
        evtchn_bind_vcpu_t bind_vcpu;
        evtchn_unmask_t unmask;
    } u; /* IN/OUT: the argument of cmd */
};
typedef struct evtchn_op evtchn_op_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_op_t);

/* The 2-level ABI: 64 selector bits of 64 port bits each on x86_64. */
#define EVTCHN_2L_NR_CHANNELS (sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64)

/*
 * The FIFO ABI: one 32-bit event word per port, in pages the guest gives
 * with EVTCHNOP_expand_array, and per vCPU a control block with the heads
 * of 16 priority queues (0 is the highest priority).
 */
#define EVTCHN_FIFO_PRIORITY_MAX 0
#define EVTCHN_FIFO_PRIORITY_DEFAULT 7
#define EVTCHN_FIFO_PRIORITY_MIN 15

#define EVTCHN_FIFO_MAX_QUEUES (EVTCHN_FIFO_PRIORITY_MIN + 1)

typedef uint32_t event_word_t;

/* Bits of an event word; the low EVTCHN_FIFO_LINK_BITS link the queue. */
#define EVTCHN_FIFO_PENDING 31
#define EVTCHN_FIFO_MASKED 30
#define EVTCHN_FIFO_LINKED 29
#define EVTCHN_FIFO_BUSY 28

#define EVTCHN_FIFO_LINK_BITS 17
#define EVTCHN_FIFO_LINK_MASK ((1 << EVTCHN_FIFO_LINK_BITS) - 1)

#define EVTCHN_FIFO_NR_CHANNELS (1 << EVTCHN_FIFO_LINK_BITS)

struct evtchn_fifo_control_block {
    uint32_t ready;                        /* OUT: queues with events */
    uint32_t _rsvd;                        /* IN: zero */
    uint32_t head[EVTCHN_FIFO_MAX_QUEUES]; /* IN/OUT: first port of each */
};
typedef struct evtchn_fifo_control_block evtchn_fifo_control_block_t;

#endif /* __XEN_PUBLIC_EVENT_CHANNEL_H__ */
