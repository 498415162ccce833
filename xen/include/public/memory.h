/* SPDX-License-Identifier: MIT */
/*
 * public/memory.h: HYPERVISOR_memory_op(unsigned int cmd, void *arg).
 *
 * A domain's memory reservation (ballooning: increase, decrease, populate,
 * exchange), its memory maps, the machine-to-phys table, the physmap of
 * translated guests, and mapping another domain's resources.
 *
 * Bits 5:0 of cmd are the sub-op (XENMEM_*).  When the hypervisor preempts
 * a reservation call, it continues it with the extent to resume at in bits
 * 6 and up; a guest passes 0 there.
 *
 * Frame numbers: an MFN is a machine frame, a GPFN/GFN a frame in the
 * guest's pseudo-physical space, and a GMFN whatever the guest uses in page
 * tables (MFN for PV, GPFN for translated guests).
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_MEMORY_H__
#define __XEN_PUBLIC_MEMORY_H__

#include "xen.h"
#include "physdev.h"

/*
 * XENMEM_increase_reservation, XENMEM_decrease_reservation,
 * XENMEM_populate_physmap (struct xen_memory_reservation): give memory to a
 * domain or take it back, in extents of 2^extent_order pages.  They return
 * the number of extents done.
 */
#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_populate_physmap 6

#if __XEN_INTERFACE_VERSION__ >= 0x00030209
/*
 * xen_memory_reservation.mem_flags.  Bits 7:0: the highest address bit the
 * memory may use (0: no limit, not used by decrease_reservation).  Bits
 * 15:8: NUMA node + 1 (0: any).
 */
#define XENMEMF_address_bits(x) (x)
#define XENMEMF_get_address_bits(x) (0xffu & (x))
#define XENMEMF_node(x) (((x) + 1) << 8)
#define XENMEMF_get_node(x) ((((x) >> 8) - 1) & 0xffu)
/* Populate with populate-on-demand entries instead of memory. */
#define XENMEMF_populate_on_demand (1 << 16)
/* Take memory only from the given node. */
#define XENMEMF_exact_node_request (1 << 17)
#define XENMEMF_exact_node(n) (XENMEMF_node(n) | XENMEMF_exact_node_request)
/* The node is a virtual (vNUMA) node of the domain. */
#define XENMEMF_vnode (1 << 18)
#endif

struct xen_memory_reservation {
    /*
     * increase_reservation: OUT, the MFNs allocated.
     * decrease_reservation: IN, the GMFNs to free.
     * populate_physmap: IN the GPFNs to fill; OUT the GMFNs now there (the
     *   hypervisor also updates the machine-to-phys table).
     * claim_pages: IN, must be null.
     */
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
    xen_ulong_t nr_extents; /* IN: entries in extent_start */
    uint32_t extent_order;  /* IN: each extent is 2^extent_order pages */
#if __XEN_INTERFACE_VERSION__ >= 0x00030209
    uint32_t mem_flags; /* IN: XENMEMF_* */
#else
    uint32_t address_bits; /* IN: highest usable address bit, 0 = any */
#endif
    domid_t domid; /* IN: DOMID_SELF unless privileged */
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_reservation_t);

/*
 * XENMEM_exchange: trade the frames listed in @in for new ones described by
 * @out, atomically per extent (PV guests only; used to get memory below 4
 * GiB).  Both must cover the same number of pages for the same domain, and
 * the lists must not overlap.  Returns 0 when everything was exchanged;
 * otherwise nr_exchanged says how many input extents were.
 */
#define XENMEM_exchange 11
struct xen_memory_exchange {
    struct xen_memory_reservation in;  /* IN: GMFNs to give up */
    struct xen_memory_reservation out; /* IN/OUT: GPFNs in, GMFNs out */
    xen_ulong_t nr_exchanged;          /* IN/OUT: caller sets 0 */
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_exchange_t);

/* XENMEM_maximum_ram_page (no argument): the highest MFN of RAM. */
#define XENMEM_maximum_ram_page 2

/* Argument of the queries below. */
struct xen_memory_domain {
    domid_t domid; /* IN: the domain, or DOMID_SELF */
};

/*
 * XENMEM_current_reservation, XENMEM_maximum_reservation
 * (struct xen_memory_domain): the domain's current or maximum pages.
 * XENMEM_maximum_gpfn: the highest GPFN the domain uses.
 */
#define XENMEM_current_reservation 3
#define XENMEM_maximum_reservation 4
#define XENMEM_maximum_gpfn 14

/*
 * XENMEM_machphys_mfn_list: the MFNs of the 2 MiB chunks that make up the
 * machine-to-phys table (0 for chunks not present).
 */
#define XENMEM_machphys_mfn_list 5
struct xen_machphys_mfn_list {
    uint32_t max_extents;                     /* IN: room in extent_start */
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start; /* OUT: the MFNs */
    uint32_t nr_extents;                      /* OUT: entries written */
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mfn_list_t);

/* The same, for the table 32-bit guests see. */
#define XENMEM_machphys_compat_mfn_list 25

/* XENMEM_machphys_mapping: where the read-only M2P table is mapped. */
#define XENMEM_machphys_mapping 12
struct xen_machphys_mapping {
    xen_ulong_t v_start; /* OUT: first virtual address */
    xen_ulong_t v_end;   /* OUT: end virtual address */
    xen_ulong_t max_mfn; /* OUT: highest MFN it covers */
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mapping_t);

/* What XENMEM_add_to_physmap maps. */
#define XENMAPSPACE_shared_info 0  /* the shared info page */
#define XENMAPSPACE_grant_table 1  /* a grant table frame */
#define XENMAPSPACE_gmfn 2         /* one of the domain's own frames */
#define XENMAPSPACE_gmfn_range 3   /* a range of them (add_to_physmap) */
#define XENMAPSPACE_gmfn_foreign 4 /* another domain's frame (batch only) */
#define XENMAPSPACE_dev_mmio 5     /* device MMIO (Arm only) */

/*
 * XENMEM_add_to_physmap: make a page appear at a GPFN of a translated
 * guest.
 */
#define XENMEM_add_to_physmap 7
struct xen_add_to_physmap {
    domid_t domid;  /* IN */
    uint16_t size;  /* IN: pages, for XENMAPSPACE_gmfn_range */
    uint32_t space; /* IN: XENMAPSPACE_* */
/* In idx of XENMAPSPACE_grant_table: a status frame rather than shared. */
#define XENMAPIDX_grant_table_status 0x80000000
    xen_ulong_t idx; /* IN: index in the space */
    xen_pfn_t gpfn;  /* IN: where it appears */
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_t);

/* XENMEM_add_to_physmap_batch: the same for many pages, errors per page. */
#define XENMEM_add_to_physmap_batch 23
struct xen_add_to_physmap_batch {
    domid_t domid;  /* IN */
    uint16_t space; /* IN: XENMAPSPACE_* */
    uint16_t size;  /* IN: entries in idxs, gpfns and errs */
#if __XEN_INTERFACE_VERSION__ < 0x00040700
    domid_t foreign_domid; /* IN: for gmfn_foreign, else 0 */
#else
    union xen_add_to_physmap_batch_extra {
        domid_t foreign_domid; /* IN: for XENMAPSPACE_gmfn_foreign */
        uint16_t res0;         /* IN: 0 for the other spaces */
    } u;
#endif
    XEN_GUEST_HANDLE(xen_ulong_t) idxs; /* IN: indexes in the space */
    XEN_GUEST_HANDLE(xen_pfn_t) gpfns;  /* IN: where each appears */
    XEN_GUEST_HANDLE(int) errs;         /* OUT: an errno per entry */
};
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_batch_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_batch_t);

#if __XEN_INTERFACE_VERSION__ < 0x00040400
#define XENMEM_add_to_physmap_range XENMEM_add_to_physmap_batch
#define xen_add_to_physmap_range xen_add_to_physmap_batch
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_range_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_range_t);
#endif

/* XENMEM_remove_from_physmap: unmap the page at a GPFN. */
#define XENMEM_remove_from_physmap 15
struct xen_remove_from_physmap {
    domid_t domid;  /* IN */
    xen_pfn_t gpfn; /* IN */
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_remove_from_physmap_t);

/* 8 (translate_gpfn_list) was removed. */

/*
 * XENMEM_memory_map: the domain's pseudo-physical memory map, as set with
 * XENMEM_set_memory_map.  XENMEM_machine_memory_map (privileged): the host's
 * map; a null buffer asks for the number of entries.  Entries have the
 * layout of the BIOS E820 call: uint64_t addr, uint64_t size, uint32_t type.
 */
#define XENMEM_memory_map 9
#define XENMEM_machine_memory_map 10
struct xen_memory_map {
    uint32_t nr_entries; /* IN: room in buffer; OUT: entries written */
    XEN_GUEST_HANDLE(void) buffer; /* OUT: the E820 entries */
};
typedef struct xen_memory_map xen_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_map_t);

/* XENMEM_set_memory_map: the map XENMEM_memory_map will return. */
#define XENMEM_set_memory_map 13
struct xen_foreign_memory_map {
    domid_t domid;             /* IN */
    struct xen_memory_map map; /* IN */
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_foreign_memory_map_t);

/* XENMEM_set_pod_target, XENMEM_get_pod_target: populate-on-demand. */
#define XENMEM_set_pod_target 16
#define XENMEM_get_pod_target 17
struct xen_pod_target {
    uint64_t target_pages;    /* IN: pages the domain should have */
    uint64_t tot_pages;       /* OUT: pages it has */
    uint64_t pod_cache_pages; /* OUT: pages in its PoD cache */
    uint64_t pod_entries;     /* OUT: PoD entries outstanding */
    domid_t domid;            /* IN */
};
typedef struct xen_pod_target xen_pod_target_t;

#if defined(__XEN__) || defined(__XEN_TOOLS__)

#ifndef uint64_aligned_t
#define uint64_aligned_t uint64_t
#endif

/* Pages saved by memory sharing (no argument; never fails). */
#define XENMEM_get_sharing_freed_pages 18
#define XENMEM_get_sharing_shared_pages 19

/* Paging, access control and sharing: numbers reserved, not described. */
#define XENMEM_paging_op 20
#define XENMEM_access_op 21
#define XENMEM_sharing_op 22

/*
 * XENMEM_claim_pages (struct xen_memory_reservation, extent_start null,
 * extent_order 0, nr_extents pages): reserve that many free pages for a
 * domain without choosing them, so building it cannot run out half-way.  A
 * domain holds at most one claim, which shrinks as it allocates; claiming 0
 * cancels it.  Privileged.
 */
#define XENMEM_claim_pages 24

/*
 * XENMEM_reserved_device_memory_map: guest-physical ranges that devices
 * need left alone (RMRRs), so the toolstack keeps RAM away from them.
 */
#define XENMEM_reserved_device_memory_map 27
struct xen_reserved_device_memory {
    xen_pfn_t start_pfn;  /* OUT */
    xen_ulong_t nr_pages; /* OUT */
};
typedef struct xen_reserved_device_memory xen_reserved_device_memory_t;
DEFINE_XEN_GUEST_HANDLE(xen_reserved_device_memory_t);

struct xen_reserved_device_memory_map {
#define XENMEM_RDM_ALL 1 /* every range, whatever the device */
    uint32_t flags;      /* IN: XENMEM_RDM_ALL */
    /* IN: room in buffer; OUT: entries needed (-ERANGE when too small) */
    uint32_t nr_entries;
    XEN_GUEST_HANDLE(xen_reserved_device_memory_t) buffer; /* OUT */
    union {
        physdev_pci_device_t pci; /* IN: the device asked about */
    } dev;
};
typedef struct xen_reserved_device_memory_map xen_reserved_device_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_reserved_device_memory_map_t);

#endif /* __XEN__ || __XEN_TOOLS__ */

/*
 * XENMEM_acquire_resource: the frames of a resource of another domain (an
 * ioreq server's pages, its grant table, ...) so that a tools domain can map
 * them.  With frame_list null and nr_frames 0 it returns the resource size
 * in nr_frames.
 */
#define XENMEM_acquire_resource 28
struct xen_mem_acquire_resource {
    domid_t domid; /* IN: owner of the resource */
    uint16_t type; /* IN: XENMEM_resource_* */
#define XENMEM_resource_ioreq_server 0
#define XENMEM_resource_grant_table 1
#define XENMEM_resource_vmtrace_buf 2
    /*
     * IN: which one: the ioreq server id, XENMEM_resource_grant_table_id_*,
     * the vCPU for vmtrace_buf; else 0.
     */
    uint32_t id;
#define XENMEM_resource_grant_table_id_shared 0
#define XENMEM_resource_grant_table_id_status 1
    uint32_t nr_frames; /* IN/OUT: frames to map; the size when querying */
    uint32_t pad;       /* IN: zero */
    uint64_t frame;     /* IN/OUT: first frame of the resource to map */
#define XENMEM_resource_ioreq_server_frame_bufioreq 0
#define XENMEM_resource_ioreq_server_frame_ioreq(n) (1 + (n))
    /*
     * IN/OUT: a PV caller gets the MFNs here; a translated caller gives the
     * GFNs where the frames should appear.
     */
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list;
};
typedef struct xen_mem_acquire_resource xen_mem_acquire_resource_t;
DEFINE_XEN_GUEST_HANDLE(xen_mem_acquire_resource_t);

/* XENMEM_get_vnumainfo: the domain's virtual NUMA topology. */
#define XENMEM_get_vnumainfo 26

/* One memory range of a virtual node. */
struct xen_vmemrange {
    uint64_t start; /* OUT: first address */
    uint64_t end;   /* OUT: end address */
    uint32_t flags; /* OUT: zero */
    uint32_t nid;   /* OUT: virtual node */
};
typedef struct xen_vmemrange xen_vmemrange_t;
DEFINE_XEN_GUEST_HANDLE(xen_vmemrange_t);

/*
 * The caller says how much room it has in nr_*; when that is too little the
 * hypervisor writes the numbers it needs and fails with -ENOBUFS.
 */
struct xen_vnuma_topology_info {
    domid_t domid;          /* IN */
    uint16_t pad;           /* IN: zero */
    uint32_t nr_vnodes;     /* IN/OUT */
    uint32_t nr_vcpus;      /* IN/OUT */
    uint32_t nr_vmemranges; /* IN/OUT */
    union {
        XEN_GUEST_HANDLE(uint) h; /* OUT: nr_vnodes^2 distances */
        uint64_t pad;             /* OUT: keeps the handle 64-bit */
    } vdistance;
    union {
        XEN_GUEST_HANDLE(uint) h; /* OUT: node of each vCPU */
        uint64_t pad;             /* OUT: keeps the handle 64-bit */
    } vcpu_to_vnode;
    union {
        XEN_GUEST_HANDLE(xen_vmemrange_t) h; /* OUT: the ranges */
        uint64_t pad;                        /* OUT: keeps the handle 64-bit */
    } vmemrange;
};
typedef struct xen_vnuma_topology_info xen_vnuma_topology_info_t;
DEFINE_XEN_GUEST_HANDLE(xen_vnuma_topology_info_t);

#endif /* __XEN_PUBLIC_MEMORY_H__ */
