/* SPDX-License-Identifier: MIT */
/*
 * public/grant_table.h: grant tables and
 * HYPERVISOR_grant_table_op(unsigned int cmd, void *args, unsigned int count).
 *
 * A domain shares a page by writing an entry in its grant table, a set of
 * pages it shares with the hypervisor: the entry names the frame and the
 * domain allowed to use it.  The index of the entry, the grant reference,
 * is the capability the other domain passes to the hypervisor to map or
 * copy the page.  Split drivers (block, network, console) are built on it.
 *
 * Writing an entry (version 1): set domid and frame, then a write barrier,
 * then flags with the type.  Revoking an unused GTF_permit_access entry:
 * check that neither GTF_reading nor GTF_writing is set, and clear flags
 * with one compare-and-exchange.  An entry in use cannot be revoked.
 * Read-only to writable: set the bit atomically; writable to read-only:
 * compare-and-exchange GTF_readonly in while GTF_writing is clear.
 *
 * [GST] marks a field the granting guest writes, [XEN] one the hypervisor
 * writes.  args points to an array of count structures of the sub-op's
 * type.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_GRANT_TABLE_H__
#define __XEN_PUBLIC_GRANT_TABLE_H__

#include "xen.h"

/* Index of an entry in a domain's grant table. */
typedef uint32_t grant_ref_t;

#if __XEN_INTERFACE_VERSION__ < 0x0003020a
#define grant_entry_v1 grant_entry
#define grant_entry_v1_t grant_entry_t
#endif
/* A version 1 grant entry (8 bytes). */
struct grant_entry_v1 {
    uint16_t flags; /* IN/OUT: GTF_* [GST, XEN] */
    domid_t domid;  /* IN: the domain granted access [GST] */
    /*
     * IN/OUT: GTF_permit_access: the frame @domid may use [GST];
     * GTF_accept_transfer: the frame slot to fill [GST], then, once
     * GTF_transfer_completed, the MFN transferred (PV only) [XEN].
     */
    uint32_t frame;
};
typedef struct grant_entry_v1 grant_entry_v1_t;

/*
 * The first entries survive a change of table version and may be filled in
 * by the toolstack when it builds the domain.
 */
#define GNTTAB_NR_RESERVED_ENTRIES 8
#define GNTTAB_RESERVED_CONSOLE 0
#define GNTTAB_RESERVED_XENSTORE 1

/* Entry types. */
#define GTF_invalid (0U << 0)         /* grants nothing */
#define GTF_permit_access (1U << 0)   /* @domid may map or copy @frame */
#define GTF_accept_transfer (2U << 0) /* @domid may give us a frame */
#define GTF_transitive (3U << 0)      /* (v2) a grant of another grant */
#define GTF_type_mask (3U << 0)

/* Flags of GTF_permit_access (and readonly/reading/writing of transitive). */
#define _GTF_readonly (2)
#define GTF_readonly (1U << _GTF_readonly) /* [GST] read-only access */
#define _GTF_reading (3)
#define GTF_reading (1U << _GTF_reading) /* [XEN] mapped for reading */
#define _GTF_writing (4)
#define GTF_writing (1U << _GTF_writing) /* [XEN] mapped for writing */
#define _GTF_PWT (5)
#define GTF_PWT (1U << _GTF_PWT) /* [GST] x86 cache attributes */
#define _GTF_PCD (6)
#define GTF_PCD (1U << _GTF_PCD) /* [GST] of mappings */
#define _GTF_PAT (7)
#define GTF_PAT (1U << _GTF_PAT) /* [GST] of the grant */
#define _GTF_sub_page (8)
/* [GST] (v2) only part of the page, for copying */
#define GTF_sub_page (1U << _GTF_sub_page)

/*
 * Flags of GTF_accept_transfer: once the hypervisor sets committed the
 * guest must leave the entry alone until it also sets completed (after
 * writing the frame), which follows promptly.
 */
#define _GTF_transfer_committed (2)
#define GTF_transfer_committed (1U << _GTF_transfer_committed)
#define _GTF_transfer_completed (3)
#define GTF_transfer_completed (1U << _GTF_transfer_completed)

#if __XEN_INTERFACE_VERSION__ >= 0x0003020a
/*
 * Version 2 entries (16 bytes) start with the same flags and domid; their
 * status bits (GTF_reading, GTF_writing) move to separate status frames.
 */
struct grant_entry_header {
    uint16_t flags; /* IN/OUT: GTF_* */
    domid_t domid;  /* IN */
};
typedef struct grant_entry_header grant_entry_header_t;

union grant_entry_v2 {
    grant_entry_header_t hdr; /* IN/OUT */
    /* A whole page, as in version 1. */
    struct {
        grant_entry_header_t hdr; /* IN/OUT */
        uint32_t pad0;            /* IN: zero */
        uint64_t frame;           /* IN */
    } full_page;
    /* GTF_sub_page: bytes [page_off, page_off + length) of frame. */
    struct {
        grant_entry_header_t hdr; /* IN/OUT */
        uint16_t page_off;        /* IN */
        uint16_t length;          /* IN */
        uint64_t frame;           /* IN */
    } sub_page;
    /* GTF_transitive: use grant @gref of @trans_domid as if it were ours. */
    struct {
        grant_entry_header_t hdr; /* IN/OUT */
        domid_t trans_domid;      /* IN */
        uint16_t pad0;            /* IN: zero */
        grant_ref_t gref;         /* IN */
    } transitive;
    uint32_t __spacer[4]; /* makes the size a power of two */
};
typedef union grant_entry_v2 grant_entry_v2_t;

typedef uint16_t grant_status_t;
#endif /* __XEN_INTERFACE_VERSION__ >= 0x0003020a */

#define GNTTABOP_map_grant_ref 0
#define GNTTABOP_unmap_grant_ref 1
#define GNTTABOP_setup_table 2
#define GNTTABOP_dump_table 3
#define GNTTABOP_transfer 4
#define GNTTABOP_copy 5
#define GNTTABOP_query_size 6
#define GNTTABOP_unmap_and_replace 7
#if __XEN_INTERFACE_VERSION__ >= 0x0003020a
#define GNTTABOP_set_version 8
#define GNTTABOP_get_status_frames 9
#define GNTTABOP_get_version 10
#define GNTTABOP_swap_grant_ref 11
#define GNTTABOP_cache_flush 12
#endif

/* What GNTTABOP_map_grant_ref returns to undo the mapping with. */
typedef uint32_t grant_handle_t;

/*
 * GNTTABOP_map_grant_ref: map grant <dom, ref> for the CPU (GNTMAP_host_map:
 * at virtual address host_addr, or with GNTMAP_contains_pte by writing the
 * PTE at machine address host_addr) and/or for devices (GNTMAP_device_map:
 * dev_bus_addr returned).  Undo only with GNTTABOP_unmap_grant_ref.
 */
struct gnttab_map_grant_ref {
    uint64_t host_addr;    /* IN */
    uint32_t flags;        /* IN: GNTMAP_* */
    grant_ref_t ref;       /* IN */
    domid_t dom;           /* IN: the granting domain */
    int16_t status;        /* OUT: GNTST_* */
    grant_handle_t handle; /* OUT */
    uint64_t dev_bus_addr; /* OUT */
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_map_grant_ref_t);

/*
 * GNTTABOP_unmap_grant_ref: remove the mappings of @handle; a zero
 * host_addr or dev_bus_addr is skipped.  No stale TLB entries remain when
 * the batch returns.
 */
struct gnttab_unmap_grant_ref {
    uint64_t host_addr;    /* IN */
    uint64_t dev_bus_addr; /* IN */
    grant_handle_t handle; /* IN */
    int16_t status;        /* OUT: GNTST_* */
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_grant_ref_t);

/*
 * GNTTABOP_setup_table: grow @dom's table to at least nr_frames pages and
 * return their frame numbers (nr_frames of them).
 */
struct gnttab_setup_table {
    domid_t dom;        /* IN: DOMID_SELF unless privileged */
    uint32_t nr_frames; /* IN */
    int16_t status;     /* OUT: GNTST_* */
#if __XEN_INTERFACE_VERSION__ < 0x00040300
    XEN_GUEST_HANDLE(ulong) frame_list; /* OUT */
#else
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list; /* OUT */
#endif
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_setup_table_t);

/* GNTTABOP_dump_table: print @dom's table on the hypervisor console. */
struct gnttab_dump_table {
    domid_t dom;    /* IN */
    int16_t status; /* OUT: GNTST_* */
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_dump_table_t);

/*
 * GNTTABOP_transfer: give frame @mfn to the domain that offered grant
 * <domid, ref> with GTF_accept_transfer (PV only).  The caller loses the
 * page even on failure, except with GNTST_bad_page.
 */
struct gnttab_transfer {
    xen_pfn_t mfn;   /* IN */
    domid_t domid;   /* IN */
    grant_ref_t ref; /* IN */
    int16_t status;  /* OUT: GNTST_* */
};
typedef struct gnttab_transfer gnttab_transfer_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_transfer_t);

/*
 * GNTTABOP_copy: the hypervisor copies @len bytes from source to dest, each
 * a frame of the caller or (with the flag) a grant of another domain.
 * Neither side may cross a page boundary.
 */
#define _GNTCOPY_source_gref (0)
#define GNTCOPY_source_gref (1 << _GNTCOPY_source_gref)
#define _GNTCOPY_dest_gref (1)
#define GNTCOPY_dest_gref (1 << _GNTCOPY_dest_gref)

struct gnttab_copy {
    struct gnttab_copy_ptr {
        union {
            grant_ref_t ref; /* IN: with GNTCOPY_*_gref */
            xen_pfn_t gmfn;  /* IN: otherwise */
        } u;
        domid_t domid;   /* IN */
        uint16_t offset; /* IN: byte offset in the page */
    } source, dest;
    uint16_t len;   /* IN: bytes */
    uint16_t flags; /* IN: GNTCOPY_* */
    int16_t status; /* OUT: GNTST_* */
};
typedef struct gnttab_copy gnttab_copy_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_copy_t);

/* GNTTABOP_query_size: current and maximum size of @dom's table. */
struct gnttab_query_size {
    domid_t dom;            /* IN: DOMID_SELF unless privileged */
    uint32_t nr_frames;     /* OUT */
    uint32_t max_nr_frames; /* OUT */
    int16_t status;         /* OUT: GNTST_* */
};
typedef struct gnttab_query_size gnttab_query_size_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_query_size_t);

/*
 * GNTTABOP_unmap_and_replace: unmap @handle at host_addr and put there the
 * mapping found at new_addr, which is cleared.
 */
struct gnttab_unmap_and_replace {
    uint64_t host_addr;    /* IN */
    uint64_t new_addr;     /* IN */
    grant_handle_t handle; /* IN */
    int16_t status;        /* OUT: GNTST_* */
};
typedef struct gnttab_unmap_and_replace gnttab_unmap_and_replace_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_and_replace_t);

#if __XEN_INTERFACE_VERSION__ >= 0x0003020a
/*
 * GNTTABOP_set_version: choose the entry format (1 or 2) while no grant is
 * in use; returns the version now in force.
 */
struct gnttab_set_version {
    uint32_t version; /* IN/OUT */
};
typedef struct gnttab_set_version gnttab_set_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_set_version_t);

/* GNTTABOP_get_status_frames: frames of the v2 status array of @dom. */
struct gnttab_get_status_frames {
    uint32_t nr_frames;                    /* IN: room in frame_list */
    domid_t dom;                           /* IN */
    int16_t status;                        /* OUT: GNTST_* */
    XEN_GUEST_HANDLE(uint64_t) frame_list; /* OUT */
};
typedef struct gnttab_get_status_frames gnttab_get_status_frames_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_status_frames_t);

/* GNTTABOP_get_version: the entry format @dom uses. */
struct gnttab_get_version {
    domid_t dom;      /* IN */
    uint16_t pad;     /* IN: zero */
    uint32_t version; /* OUT */
};
typedef struct gnttab_get_version gnttab_get_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_version_t);

/* GNTTABOP_swap_grant_ref: exchange the contents of two entries. */
struct gnttab_swap_grant_ref {
    grant_ref_t ref_a; /* IN */
    grant_ref_t ref_b; /* IN */
    int16_t status;    /* OUT: GNTST_* */
};
typedef struct gnttab_swap_grant_ref gnttab_swap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_swap_grant_ref_t);

/* GNTTABOP_cache_flush: clean or invalidate part of a granted page (Arm). */
struct gnttab_cache_flush {
    union {
        uint64_t dev_bus_addr; /* IN */
        grant_ref_t ref;       /* IN: with GNTTAB_CACHE_SOURCE_GREF */
    } a;
    uint16_t offset; /* IN: offset in the grant */
    uint16_t length; /* IN: bytes */
#define GNTTAB_CACHE_CLEAN (1u << 0)
#define GNTTAB_CACHE_INVAL (1u << 1)
#define GNTTAB_CACHE_SOURCE_GREF (1u << 31)
    uint32_t op; /* IN: GNTTAB_CACHE_* */
};
typedef struct gnttab_cache_flush gnttab_cache_flush_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_cache_flush_t);
#endif /* __XEN_INTERFACE_VERSION__ >= 0x0003020a */

/* gnttab_map_grant_ref.flags */
/* Map for device access (dev_bus_addr). */
#define _GNTMAP_device_map (0)
#define GNTMAP_device_map (1 << _GNTMAP_device_map)
/* Map for CPU access (host_addr). */
#define _GNTMAP_host_map (1)
#define GNTMAP_host_map (1 << _GNTMAP_host_map)
/* Read-only. */
#define _GNTMAP_readonly (2)
#define GNTMAP_readonly (1 << _GNTMAP_readonly)
/* With host_map: the mapping is usable from guest user mode too. */
#define _GNTMAP_application_map (3)
#define GNTMAP_application_map (1 << _GNTMAP_application_map)
/* host_addr is the machine address of the PTE to write. */
#define _GNTMAP_contains_pte (4)
#define GNTMAP_contains_pte (1 << _GNTMAP_contains_pte)
/*
 * Bits from 16 up are copied into the PTE's software-available bits (with
 * XENFEAT_gnttab_map_avail_bits).
 */
#define _GNTMAP_guest_avail0 (16)
#define GNTMAP_guest_avail_mask ((uint32_t)~0 << _GNTMAP_guest_avail0)

/* Status codes (the status fields above); errors are negative. */
#define GNTST_okay (0)
#define GNTST_general_error (-1)
#define GNTST_bad_domain (-2)
#define GNTST_bad_gntref (-3)
#define GNTST_bad_handle (-4)
#define GNTST_bad_virt_addr (-5)
#define GNTST_bad_dev_addr (-6)
#define GNTST_no_device_space (-7)
#define GNTST_permission_denied (-8)
#define GNTST_bad_page (-9)
#define GNTST_bad_copy_arg (-10)
#define GNTST_address_too_big (-11)
#define GNTST_eagain (-12)
#define GNTST_no_space (-13)

/* Messages for -GNTST_*, in order, as an array initialiser. */
#define GNTTABOP_error_msgs                                                    \
    {                                                                          \
        "okay", "undefined error", "unrecognised domain id",                   \
            "invalid grant reference", "invalid mapping handle",               \
            "invalid virtual address", "invalid device address",               \
            "no spare translation slot in the I/O MMU", "permission denied",   \
            "bad page", "copy arguments cross page boundary",                  \
            "page address size too large", "operation not done; try again",    \
            "out of space",                                                    \
    }

#endif /* __XEN_PUBLIC_GRANT_TABLE_H__ */
