/* SPDX-License-Identifier: MIT */
/*
 * public/hvm/hvm_op.h: HYPERVISOR_hvm_op(unsigned long op, void *arg),
 * operations on HVM (and PVH) domains: their parameters (hvm/params.h),
 * the hypervisor's time, memory types, and the upcall vector.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 * Not described here: the altp2m sub-ops (HVMOP_altp2m).
 */
#ifndef __XEN_PUBLIC_HVM_HVM_OP_H__
#define __XEN_PUBLIC_HVM_HVM_OP_H__

#include "../xen.h"
#include "../event_channel.h"

/* HVMOP_set_param, HVMOP_get_param: one HVM_PARAM_* of a domain. */
#define HVMOP_set_param 0
#define HVMOP_get_param 1
struct xen_hvm_param {
    domid_t domid;  /* IN */
    uint16_t pad;   /* IN: zero */
    uint32_t index; /* IN: HVM_PARAM_* */
    uint64_t value; /* IN for set, OUT for get */
};
typedef struct xen_hvm_param xen_hvm_param_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_param_t);

#if __XEN_INTERFACE_VERSION__ < 0x00040900
/*
 * Interrupt wires of an HVM domain, driven by the device model.  Since
 * 0x00040900 these are XEN_DMOP_* operations (hvm/dm_op.h).
 */
#define HVMOP_set_pci_intx_level 2
struct xen_hvm_set_pci_intx_level {
    domid_t domid;  /* IN */
    uint8_t domain; /* IN: PCI segment */
    uint8_t bus;    /* IN */
    uint8_t device; /* IN */
    uint8_t intx;   /* IN: 0-3 for INTA-INTD */
    uint8_t level;  /* IN: 1 asserted, 0 deasserted */
};
typedef struct xen_hvm_set_pci_intx_level xen_hvm_set_pci_intx_level_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_set_pci_intx_level_t);

#define HVMOP_set_isa_irq_level 3
struct xen_hvm_set_isa_irq_level {
    domid_t domid;   /* IN */
    uint8_t isa_irq; /* IN: 0-15 */
    uint8_t level;   /* IN: 1 asserted, 0 deasserted */
};
typedef struct xen_hvm_set_isa_irq_level xen_hvm_set_isa_irq_level_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_set_isa_irq_level_t);

#define HVMOP_set_pci_link_route 4
struct xen_hvm_set_pci_link_route {
    domid_t domid;   /* IN */
    uint8_t link;    /* IN: PCI link 0-3 */
    uint8_t isa_irq; /* IN: 1-15, or 0 to disable the link */
};
typedef struct xen_hvm_set_pci_link_route xen_hvm_set_pci_link_route_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_set_pci_link_route_t);
#endif /* __XEN_INTERFACE_VERSION__ < 0x00040900 */

/* HVMOP_flush_tlbs (arg NULL): flush the TLBs of every vCPU. */
#define HVMOP_flush_tlbs 5

/* The type of a guest page (HVMOP_get_mem_type, XEN_DMOP_set_mem_type). */
#ifndef XEN_GENERATING_COMPAT_HEADERS
typedef enum {
    HVMMEM_ram_rw,  /* ordinary RAM */
    HVMMEM_ram_ro,  /* read-only RAM: writes are dropped */
    HVMMEM_mmio_dm, /* reads and writes go to the device model */
#if __XEN_INTERFACE_VERSION__ < 0x00040700
    HVMMEM_mmio_write_dm, /* reads are RAM, writes go to the device model */
#else
    HVMMEM_unused, /* refused since 4.7 */
#endif
    /*
     * Claimed by an ioreq server; only HVMMEM_ram_rw pages may become this
     * type and only back to HVMMEM_ram_rw.
     */
    HVMMEM_ioreq_server
} hvmmem_type_t;
#endif

/* HVMOP_pagetable_dying: a PV-on-HVM guest drops a top-level page table. */
#define HVMOP_pagetable_dying 9
struct xen_hvm_pagetable_dying {
    domid_t domid;   /* IN */
    uint16_t pad[3]; /* IN: zero */
    uint64_t gpa;    /* IN: guest physical address of the table */
};
typedef struct xen_hvm_pagetable_dying xen_hvm_pagetable_dying_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_pagetable_dying_t);

/* HVMOP_get_time: the hypervisor's system time, ns since boot. */
#define HVMOP_get_time 10
struct xen_hvm_get_time {
    uint64_t now; /* OUT */
};
typedef struct xen_hvm_get_time xen_hvm_get_time_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_get_time_t);

/* HVMOP_xentrace: put a record in the hypervisor's trace buffers. */
#define HVMOP_xentrace 11
struct xen_hvm_xentrace {
    uint16_t event;       /* IN: trace event number */
    uint16_t extra_bytes; /* IN: bytes used in extra */
    /* IN: up to TRACE_EXTRA_MAX (7, trace.h) words of data */
    uint8_t extra[7 * sizeof(uint32_t)];
};
typedef struct xen_hvm_xentrace xen_hvm_xentrace_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_xentrace_t);

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/* Replaced by XENMEM_access_op. */
#define HVMOP_set_mem_access 12
#define HVMOP_get_mem_access 13
#endif

/* HVMOP_get_mem_type: the hvmmem_type_t of a guest page. */
#define HVMOP_get_mem_type 15
struct xen_hvm_get_mem_type {
    domid_t domid;     /* IN */
    uint16_t mem_type; /* OUT: hvmmem_type_t */
    uint16_t pad[2];   /* IN: zero */
    uint64_t pfn;      /* IN */
};
typedef struct xen_hvm_get_mem_type xen_hvm_get_mem_type_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_get_mem_type_t);

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/* Buffered ioreq modes of XEN_DMOP_create_ioreq_server. */
#define HVM_IOREQSRV_BUFIOREQ_OFF 0
#define HVM_IOREQSRV_BUFIOREQ_LEGACY 1
/* The read pointer is updated, and the pointer pair read, atomically. */
#define HVM_IOREQSRV_BUFIOREQ_ATOMIC 2
#endif

/*
 * HVMOP_set_evtchn_upcall_vector: deliver the event upcall of @vcpu on this
 * vector, in preference to the domain-wide HVM_PARAM_CALLBACK_IRQ.
 */
#define HVMOP_set_evtchn_upcall_vector 23
struct xen_hvm_evtchn_upcall_vector {
    uint32_t vcpu;  /* IN */
    uint8_t vector; /* IN */
};
typedef struct xen_hvm_evtchn_upcall_vector xen_hvm_evtchn_upcall_vector_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_evtchn_upcall_vector_t);

/* HVMOP_guest_request_vm_event: raise a vm_event for a monitor. */
#define HVMOP_guest_request_vm_event 24

/* HVMOP_altp2m: alternate p2m views (not described here). */
#define HVMOP_altp2m 25
#define HVMOP_ALTP2M_INTERFACE_VERSION 0x00000001

#endif /* __XEN_PUBLIC_HVM_HVM_OP_H__ */
