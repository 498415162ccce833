/* SPDX-License-Identifier: MIT */
/*
 * public/hvm/dm_op.h: HYPERVISOR_dm_op(domid_t domid, unsigned int nr_bufs,
 * xen_dm_op_buf_t bufs[]), the operations a device model (QEMU in dom0)
 * performs on the HVM domain it serves.
 *
 * bufs[0] holds a struct xen_dm_op; some operations take more data in
 * bufs[1] and beyond.  The hypervisor checks that the caller may act on
 * @domid (it is privileged, or the domain's device model).
 *
 * IOREQ servers: a device model registers as an ioreq server, names the
 * port, MMIO and PCI config ranges it emulates, and then receives an
 * ioreq (hvm/ioreq.h) for each access the guest makes to them, through
 * pages it maps with XENMEM_acquire_resource and event channels.  The
 * "default" server of old device models is set up through HVM params.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_HVM_DM_OP_H__
#define __XEN_PUBLIC_HVM_DM_OP_H__

#include "../xen.h"
#include "../event_channel.h"

#ifndef uint64_aligned_t
#define uint64_aligned_t uint64_t
#endif

/* An ioreq server, unique within its domain. */
typedef uint16_t ioservid_t;

/*
 * XEN_DMOP_create_ioreq_server: a new server; with
 * HVM_IOREQSRV_BUFIOREQ_OFF it has no buffered ring and every request is
 * synchronous.
 */
#define XEN_DMOP_create_ioreq_server 1
struct xen_dm_op_create_ioreq_server {
    uint8_t handle_bufioreq; /* IN: HVM_IOREQSRV_BUFIOREQ_* */
    uint8_t pad[3];          /* IN: zero */
    ioservid_t id;           /* OUT */
};
typedef struct xen_dm_op_create_ioreq_server xen_dm_op_create_ioreq_server_t;

/*
 * XEN_DMOP_get_ioreq_server_info: the buffered event channel and, unless
 * XEN_DMOP_no_gfns (the caller uses XENMEM_acquire_resource, which is
 * preferred), guest frames through which the ioreq pages can be mapped.
 */
#define XEN_DMOP_get_ioreq_server_info 2
struct xen_dm_op_get_ioreq_server_info {
    ioservid_t id;  /* IN */
    uint16_t flags; /* IN: XEN_DMOP_no_gfns */
#define _XEN_DMOP_no_gfns 0
#define XEN_DMOP_no_gfns (1u << _XEN_DMOP_no_gfns)
    evtchn_port_t bufioreq_port;   /* OUT */
    uint64_aligned_t ioreq_gfn;    /* OUT: synchronous ioreq page */
    uint64_aligned_t bufioreq_gfn; /* OUT: buffered ioreq ring */
};
typedef struct xen_dm_op_get_ioreq_server_info
    xen_dm_op_get_ioreq_server_info_t;

/*
 * XEN_DMOP_map_io_range_to_ioreq_server / ..._unmap_...: claim or release
 * a range.  A server gets an access only if it falls wholly in one of its
 * ranges.  PCI ranges are XEN_DMOP_PCI_SBDF values.
 */
#define XEN_DMOP_map_io_range_to_ioreq_server 3
#define XEN_DMOP_unmap_io_range_from_ioreq_server 4
struct xen_dm_op_ioreq_server_range {
    ioservid_t id;                 /* IN */
    uint16_t pad;                  /* IN: zero */
    uint32_t type;                 /* IN: XEN_DMOP_IO_RANGE_* */
#define XEN_DMOP_IO_RANGE_PORT 0   /* I/O ports */
#define XEN_DMOP_IO_RANGE_MEMORY 1 /* MMIO */
#define XEN_DMOP_IO_RANGE_PCI 2    /* PCI config space of devices */
    uint64_aligned_t start;        /* IN: first, inclusive */
    uint64_aligned_t end;          /* IN: last, inclusive */
};
typedef struct xen_dm_op_ioreq_server_range xen_dm_op_ioreq_server_range_t;

/* A PCI segment/bus/device/function as one number. */
#define XEN_DMOP_PCI_SBDF(s, b, d, f)                                          \
    (((0xffff & (s)) << 16) | ((0xff & (b)) << 8) | ((0x1f & (d)) << 3) |      \
     (0x07 & (f)))

/*
 * XEN_DMOP_set_ioreq_server_state: a server gets no requests (and its
 * gfns mean nothing) until enabled.
 */
#define XEN_DMOP_set_ioreq_server_state 5
struct xen_dm_op_set_ioreq_server_state {
    ioservid_t id;   /* IN */
    uint8_t enabled; /* IN */
    uint8_t pad;     /* IN: zero */
};
typedef struct xen_dm_op_set_ioreq_server_state
    xen_dm_op_set_ioreq_server_state_t;

/* XEN_DMOP_destroy_ioreq_server: its ranges go with it. */
#define XEN_DMOP_destroy_ioreq_server 6
struct xen_dm_op_destroy_ioreq_server {
    ioservid_t id; /* IN */
    uint16_t pad;  /* IN: zero */
};
typedef struct xen_dm_op_destroy_ioreq_server xen_dm_op_destroy_ioreq_server_t;

/*
 * XEN_DMOP_track_dirty_vram: which pages of a range (the frame buffer)
 * were written since the last call; the bitmap comes back in bufs[1].
 */
#define XEN_DMOP_track_dirty_vram 7
struct xen_dm_op_track_dirty_vram {
    uint32_t nr;                /* IN: pages */
    uint32_t pad;               /* IN: zero */
    uint64_aligned_t first_pfn; /* IN */
};
typedef struct xen_dm_op_track_dirty_vram xen_dm_op_track_dirty_vram_t;

/* XEN_DMOP_set_pci_intx_level: drive a PCI INTx pin. */
#define XEN_DMOP_set_pci_intx_level 8
struct xen_dm_op_set_pci_intx_level {
    uint16_t domain; /* IN: PCI segment */
    uint8_t bus;     /* IN */
    uint8_t device;  /* IN */
    uint8_t intx;    /* IN: 0-3 */
    uint8_t level;   /* IN: 1 asserted, 0 deasserted */
};
typedef struct xen_dm_op_set_pci_intx_level xen_dm_op_set_pci_intx_level_t;

/* XEN_DMOP_set_isa_irq_level: drive an ISA IRQ line. */
#define XEN_DMOP_set_isa_irq_level 9
struct xen_dm_op_set_isa_irq_level {
    uint8_t isa_irq; /* IN: 0-15 */
    uint8_t level;   /* IN: 1 asserted, 0 deasserted */
};
typedef struct xen_dm_op_set_isa_irq_level xen_dm_op_set_isa_irq_level_t;

/* XEN_DMOP_set_pci_link_route: route a PCI link to an ISA IRQ. */
#define XEN_DMOP_set_pci_link_route 10
struct xen_dm_op_set_pci_link_route {
    uint8_t link;    /* IN: 0-3 */
    uint8_t isa_irq; /* IN: 1-15, 0 to disable */
};
typedef struct xen_dm_op_set_pci_link_route xen_dm_op_set_pci_link_route_t;

/*
 * XEN_DMOP_modified_memory: the emulator wrote these pages (for dirty
 * tracking); bufs[1] holds nr_extents xen_dm_op_modified_memory_extent.
 * On error nr_extents is the failing index + 1.
 */
#define XEN_DMOP_modified_memory 11
struct xen_dm_op_modified_memory {
    uint32_t nr_extents; /* IN: extents; OUT: see above */
    uint32_t opaque;     /* IN/OUT: zero (continuation state) */
};
typedef struct xen_dm_op_modified_memory xen_dm_op_modified_memory_t;

struct xen_dm_op_modified_memory_extent {
    uint32_t nr;                /* IN: pages */
    uint32_t pad;               /* IN: zero */
    uint64_aligned_t first_pfn; /* IN */
};

/*
 * XEN_DMOP_set_mem_type: the hvmmem_type_t of a range of guest pages.  On
 * a continuation first_pfn and nr describe what is left.
 */
#define XEN_DMOP_set_mem_type 12
struct xen_dm_op_set_mem_type {
    uint32_t nr;                /* IN: pages */
    uint16_t mem_type;          /* IN: hvmmem_type_t */
    uint16_t pad;               /* IN: zero */
    uint64_aligned_t first_pfn; /* IN */
};
typedef struct xen_dm_op_set_mem_type xen_dm_op_set_mem_type_t;

/* XEN_DMOP_inject_event: inject an event into a vCPU when it next runs. */
#define XEN_DMOP_inject_event 13
struct xen_dm_op_inject_event {
    uint32_t vcpuid; /* IN */
    uint8_t vector;  /* IN */
    uint8_t type;    /* IN: XEN_DMOP_EVENT_* (the x86 event types) */
#define XEN_DMOP_EVENT_ext_int 0    /* external interrupt */
#define XEN_DMOP_EVENT_nmi 2        /* NMI */
#define XEN_DMOP_EVENT_hw_exc 3     /* hardware exception */
#define XEN_DMOP_EVENT_sw_int 4     /* INT n */
#define XEN_DMOP_EVENT_pri_sw_exc 5 /* ICEBP */
#define XEN_DMOP_EVENT_sw_exc 6     /* INT3, INTO */
    uint8_t insn_len;               /* IN: length of the instruction */
    uint8_t pad0;                   /* IN: zero */
    uint32_t error_code;            /* IN: or ~0 for none */
    uint32_t pad1;                  /* IN: zero */
    uint64_aligned_t cr2;           /* IN: %cr2 for #PF, pending DR6 for #DB */
};
typedef struct xen_dm_op_inject_event xen_dm_op_inject_event_t;

/* XEN_DMOP_inject_msi: an MSI from an emulated device. */
#define XEN_DMOP_inject_msi 14
struct xen_dm_op_inject_msi {
    uint32_t data;         /* IN */
    uint32_t pad;          /* IN: zero */
    uint64_aligned_t addr; /* IN: 0xfeexxxxx */
};
typedef struct xen_dm_op_inject_msi xen_dm_op_inject_msi_t;

/*
 * XEN_DMOP_map_mem_type_to_ioreq_server: send accesses to pages of a
 * memory type (HVMMEM_ioreq_server) to a server; flags 0 unmaps.
 */
#define XEN_DMOP_map_mem_type_to_ioreq_server 15
struct xen_dm_op_map_mem_type_to_ioreq_server {
    ioservid_t id;  /* IN */
    uint16_t type;  /* IN: hvmmem_type_t */
    uint32_t flags; /* IN: XEN_DMOP_IOREQ_MEM_ACCESS_*, 0 to unmap */
#define XEN_DMOP_IOREQ_MEM_ACCESS_READ (1u << 0)
#define XEN_DMOP_IOREQ_MEM_ACCESS_WRITE (1u << 1)
    uint64_t opaque; /* IN/OUT: zero (continuation state) */
};
typedef struct xen_dm_op_map_mem_type_to_ioreq_server
    xen_dm_op_map_mem_type_to_ioreq_server_t;

/* XEN_DMOP_remote_shutdown: as SCHEDOP_remote_shutdown. */
#define XEN_DMOP_remote_shutdown 16
struct xen_dm_op_remote_shutdown {
    uint32_t reason; /* IN: SHUTDOWN_* (others are passed on too) */
};
typedef struct xen_dm_op_remote_shutdown xen_dm_op_remote_shutdown_t;

/*
 * XEN_DMOP_relocate_memory: as XENMEM_add_to_physmap with
 * XENMAPSPACE_gmfn_range.  The fields are undefined on return.
 */
#define XEN_DMOP_relocate_memory 17
struct xen_dm_op_relocate_memory {
    uint32_t size;            /* IN/OUT: frames */
    uint32_t pad;             /* IN: zero */
    uint64_aligned_t src_gfn; /* IN/OUT */
    uint64_aligned_t dst_gfn; /* IN/OUT */
};
typedef struct xen_dm_op_relocate_memory xen_dm_op_relocate_memory_t;

/* XEN_DMOP_pin_memory_cacheattr: fix the cache type of a RAM range. */
#define XEN_DMOP_pin_memory_cacheattr 18
struct xen_dm_op_pin_memory_cacheattr {
    uint64_aligned_t start; /* IN: first gfn */
    uint64_aligned_t end;   /* IN: last gfn */
/* The x86 MTRR/PAT type numbers. */
#define XEN_DMOP_MEM_CACHEATTR_UC 0
#define XEN_DMOP_MEM_CACHEATTR_WC 1
#define XEN_DMOP_MEM_CACHEATTR_WT 4
#define XEN_DMOP_MEM_CACHEATTR_WP 5
#define XEN_DMOP_MEM_CACHEATTR_WB 6
#define XEN_DMOP_MEM_CACHEATTR_UCM 7
#define XEN_DMOP_DELETE_MEM_CACHEATTR (~(uint32_t)0)
    uint32_t type; /* IN: XEN_DMOP_MEM_CACHEATTR_* */
    uint32_t pad;  /* IN: zero */
};
typedef struct xen_dm_op_pin_memory_cacheattr xen_dm_op_pin_memory_cacheattr_t;

/* XEN_DMOP_set_irq_level: drive an interrupt line (Arm SPIs). */
#define XEN_DMOP_set_irq_level 19
struct xen_dm_op_set_irq_level {
    uint32_t irq;   /* IN */
    uint8_t level;  /* IN: 1 asserted, 0 deasserted */
    uint8_t pad[3]; /* IN: zero */
};
typedef struct xen_dm_op_set_irq_level xen_dm_op_set_irq_level_t;

/*
 * XEN_DMOP_nr_vcpus: how many vCPUs the domain has (fixed at creation);
 * bounds vcpuid and the number of ioreq slots.
 */
#define XEN_DMOP_nr_vcpus 20
struct xen_dm_op_nr_vcpus {
    uint32_t vcpus; /* OUT */
};
typedef struct xen_dm_op_nr_vcpus xen_dm_op_nr_vcpus_t;

struct xen_dm_op {
    uint32_t op;  /* IN: XEN_DMOP_* */
    uint32_t pad; /* IN: zero */
    union {
        xen_dm_op_create_ioreq_server_t create_ioreq_server;
        xen_dm_op_get_ioreq_server_info_t get_ioreq_server_info;
        xen_dm_op_ioreq_server_range_t map_io_range_to_ioreq_server;
        xen_dm_op_ioreq_server_range_t unmap_io_range_from_ioreq_server;
        xen_dm_op_set_ioreq_server_state_t set_ioreq_server_state;
        xen_dm_op_destroy_ioreq_server_t destroy_ioreq_server;
        xen_dm_op_track_dirty_vram_t track_dirty_vram;
        xen_dm_op_set_pci_intx_level_t set_pci_intx_level;
        xen_dm_op_set_isa_irq_level_t set_isa_irq_level;
        xen_dm_op_set_irq_level_t set_irq_level;
        xen_dm_op_set_pci_link_route_t set_pci_link_route;
        xen_dm_op_modified_memory_t modified_memory;
        xen_dm_op_set_mem_type_t set_mem_type;
        xen_dm_op_inject_event_t inject_event;
        xen_dm_op_inject_msi_t inject_msi;
        xen_dm_op_map_mem_type_to_ioreq_server_t map_mem_type_to_ioreq_server;
        xen_dm_op_remote_shutdown_t remote_shutdown;
        xen_dm_op_relocate_memory_t relocate_memory;
        xen_dm_op_pin_memory_cacheattr_t pin_memory_cacheattr;
        xen_dm_op_nr_vcpus_t nr_vcpus;
    } u; /* IN/OUT: the argument of op */
};

/* One buffer of HYPERVISOR_dm_op. */
struct xen_dm_op_buf {
    XEN_GUEST_HANDLE(void) h; /* IN: the buffer */
    xen_ulong_t size;         /* IN: its size */
};
typedef struct xen_dm_op_buf xen_dm_op_buf_t;
DEFINE_XEN_GUEST_HANDLE(xen_dm_op_buf_t);

#endif /* __XEN_PUBLIC_HVM_DM_OP_H__ */
