/*
 * Grant tables (version 1), Xen 4.17's semantics (public/grant_table.h).
 *
 * Each domain has:
 *  - shared frames: hypervisor pages the domain maps and writes its grant
 *    entries into (8 bytes each, 512 per frame); the hypervisor updates only
 *    the GTF_reading/GTF_writing bits, with bounded compare-and-exchange;
 *  - active entries, one per grant entry: how often and by whom each entry
 *    is pinned (GNTPIN_* counts) and which frame the pin is for;
 *  - a maptrack table: the grants of other domains this domain has mapped,
 *    indexed by the handle map_grant_ref returns.
 *
 * References: a host (CPU) mapping takes a page reference on the granted
 * frame, and a writable type reference for a writable one, which belong to
 * the PTE written (PV: released when the PTE goes, as any PTE's); a device
 * mapping takes its own.  The frame therefore stays allocated, and cannot
 * become a page table, while it is mapped.
 *
 * Locking: gt->lock guards the table's size and version and its active
 * entries (and the status bits of its shared entries); maptrack_lock guards
 * the maptrack free list and growth.  No path holds two grant-table locks at
 * once, or a grant-table lock while writing a PTE.
 */
#ifndef XEN_GRANT_TABLE_H
#define XEN_GRANT_TABLE_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <asm/page.h>
#include <public/grant_table.h>

struct domain;

/* Pin counts of an active entry, 8 bits each (Xen's layout). */
#define GNTPIN_hstw_shift   0
#define GNTPIN_hstw_inc     (1U << GNTPIN_hstw_shift)
#define GNTPIN_hstw_mask    (0xFFU << GNTPIN_hstw_shift)
#define GNTPIN_hstr_shift   8
#define GNTPIN_hstr_inc     (1U << GNTPIN_hstr_shift)
#define GNTPIN_hstr_mask    (0xFFU << GNTPIN_hstr_shift)
#define GNTPIN_devw_shift   16
#define GNTPIN_devw_inc     (1U << GNTPIN_devw_shift)
#define GNTPIN_devw_mask    (0xFFU << GNTPIN_devw_shift)
#define GNTPIN_devr_shift   24
#define GNTPIN_devr_inc     (1U << GNTPIN_devr_shift)
#define GNTPIN_devr_mask    (0xFFU << GNTPIN_devr_shift)
/* Any count at 128 or more refuses further pins (counter overflow). */
#define GNTPIN_overflow     0x80808080U
#define GNTPIN_write_mask   (GNTPIN_hstw_mask | GNTPIN_devw_mask)

/* Frames a table starts with, and the defaults of gnttab_max_frames= and
 * gnttab_max_maptrack_frames= (Xen 4.17's). */
#define INITIAL_NR_GRANT_FRAMES         1U
#define DEFAULT_MAX_GRANT_FRAMES        64U
#define DEFAULT_MAX_MAPTRACK_FRAMES     1024U

struct active_grant_entry {
    u32 pin;                    /* GNTPIN_* counts */
    domid_t domid;              /* the domain the pins are for */
    u16 pad;
    unsigned long mfn;          /* the frame pinned (valid while pin != 0) */
};

/* 16 bytes, 256 per page, as Xen's (gnttab_max_maptrack_frames means the same). */
struct grant_mapping {
    u32 ref;                    /* grant reference; while free: next free handle */
    u16 flags;                  /* GNTMAP_* still held (0: free) */
    domid_t domid;              /* granting domain */
    u32 incarnation;            /* of the granting domain's table (see below) */
    u32 pad;
};

#define SHGNT_PER_PAGE_V1   (PAGE_SIZE / sizeof(grant_entry_v1_t))
#define ACGNT_PER_PAGE      (PAGE_SIZE / sizeof(struct active_grant_entry))
#define MAPTRACK_PER_PAGE   (PAGE_SIZE / sizeof(struct grant_mapping))
#define MAPTRACK_TAIL       (~0U)

struct grant_table {
    spinlock_t lock;
    unsigned int gt_version;            /* 1; set_version(2) is refused */
    unsigned int nr_grant_frames;       /* shared frames now; only grows */
    unsigned int max_grant_frames;
    grant_entry_v1_t **shared;          /* [max_grant_frames] */
    struct active_grant_entry **active; /* [2 * max_grant_frames], pages */

    spinlock_t maptrack_lock;
    unsigned int max_maptrack_frames;
    unsigned int maptrack_limit;        /* handles below this have an entry */
    unsigned int maptrack_head;         /* free list, FIFO; MAPTRACK_TAIL: empty */
    unsigned int maptrack_tail;
    unsigned int maptrack_in_use;
    struct grant_mapping **maptrack;    /* [max_maptrack_frames] */

    struct domain *domain;
    /*
     * Unique among the tables ever created: a maptrack entry records the one
     * it was made against, so that a granting domain that died and whose id
     * was reused is not mistaken for the new domain of that id.
     */
    u32 incarnation;
};

/* Entries of a table of nr_frames shared frames (v1). */
static inline unsigned int nr_grant_entries(const struct grant_table *gt)
{
    return gt->nr_grant_frames * SHGNT_PER_PAGE_V1;
}

static inline grant_entry_v1_t *shared_entry(const struct grant_table *gt,
                                             grant_ref_t ref)
{
    return &gt->shared[ref / SHGNT_PER_PAGE_V1][ref % SHGNT_PER_PAGE_V1];
}

static inline struct active_grant_entry *active_entry(const struct grant_table *gt,
                                                      grant_ref_t ref)
{
    return &gt->active[ref / ACGNT_PER_PAGE][ref % ACGNT_PER_PAGE];
}

static inline struct grant_mapping *maptrack_entry(const struct grant_table *gt,
                                                   grant_handle_t h)
{
    return &gt->maptrack[h / MAPTRACK_PER_PAGE][h % MAPTRACK_PER_PAGE];
}

/* ----------------------------------------------------------------------
 * Shared-entry status (common/grant_entry.c: pure, unit-tested on the host).
 */

/*
 * Set GTF_reading (and GTF_writing unless readonly) in the shared entry whose
 * first word (flags | domid << 16) is at *raw, for domain ldomid.  When the
 * entry is not pinned yet (pinned == false) it must be GTF_permit_access for
 * ldomid (and, for a mapping, not GTF_sub_page).  A writable use of a
 * GTF_readonly entry is refused.  The guest may race the update; after five
 * failed compare-and-exchanges the entry counts as unstable.  Returns
 * GNTST_okay or GNTST_general_error.
 */
int gnttab_set_status_v1(u32 *raw, domid_t ldomid, bool pinned, bool readonly,
                         bool mapping);

/* Clear GTF_* bits in the 16-bit flags word atomically (the guest may write
 * the other bits concurrently). */
void gnttab_clear_flags(u16 *flags, u16 clear);

/*
 * After a pin of the given kind (readonly or not) was dropped, the status
 * bits the entry no longer needs: GTF_writing once no writable pin remains
 * (for a writable one), GTF_reading once no pin at all remains.
 */
u16 gnttab_status_to_clear(u32 pin, bool readonly);

/* The pin increment a map with GNTMAP_* flags takes (0: neither host nor
 * device mapping asked for). */
u32 gnttab_pin_incr(unsigned int flags);

/* ----------------------------------------------------------------------
 * Internal to common/grant_*.c.
 */
extern unsigned int opt_max_grant_frames;
extern unsigned int opt_max_maptrack_frames;

/* The maptrack (common/grant_maptrack.c); MAPTRACK_TAIL: no free handle. */
int maptrack_init(struct grant_table *gt, unsigned int max_frames);
void maptrack_destroy(struct grant_table *gt);
grant_handle_t get_maptrack_handle(struct grant_table *gt);
void put_maptrack_handle(struct grant_table *gt, grant_handle_t h);

/* Look up the domain an op names: DOMID_SELF or its own id, any domain for a
 * privileged caller (Xen's XSM_TARGET).  NULL with *rc = GNTST_bad_domain or
 * GNTST_permission_denied. */
struct domain *gnttab_target_domain(domid_t dom, int *rc);

/* Grow gt to req shared frames, all or nothing (gt->lock held): 0 or -ENOMEM. */
int gnttab_grow_table(struct grant_table *gt, unsigned int req);

/* The sub-ops; batched ones return how many entries they did when preempted. */
long gnttab_setup_table(XEN_GUEST_HANDLE_PARAM(gnttab_setup_table_t) uop, unsigned int count);
long gnttab_query_size(XEN_GUEST_HANDLE_PARAM(gnttab_query_size_t) uop, unsigned int count);
long gnttab_set_version(XEN_GUEST_HANDLE_PARAM(gnttab_set_version_t) uop);
long gnttab_get_version(XEN_GUEST_HANDLE_PARAM(gnttab_get_version_t) uop);
long gnttab_get_status_frames(XEN_GUEST_HANDLE_PARAM(gnttab_get_status_frames_t) uop,
                              unsigned int count);
long gnttab_swap_grant_ref(XEN_GUEST_HANDLE_PARAM(gnttab_swap_grant_ref_t) uop,
                           unsigned int count);
long gnttab_cache_flush(XEN_GUEST_HANDLE_PARAM(gnttab_cache_flush_t) uop, unsigned int count);
long gnttab_map_grant_ref(XEN_GUEST_HANDLE_PARAM(gnttab_map_grant_ref_t) uop,
                          unsigned int count);
long gnttab_unmap_grant_ref(XEN_GUEST_HANDLE_PARAM(gnttab_unmap_grant_ref_t) uop,
                            unsigned int count);
long gnttab_unmap_and_replace(XEN_GUEST_HANDLE_PARAM(gnttab_unmap_and_replace_t) uop,
                              unsigned int count);
long gnttab_copy(XEN_GUEST_HANDLE_PARAM(gnttab_copy_t) uop, unsigned int count);
long gnttab_transfer(XEN_GUEST_HANDLE_PARAM(gnttab_transfer_t) uop, unsigned int count);

/* ----------------------------------------------------------------------
 * For the rest of the hypervisor.
 */

/*
 * Give d its grant table: at most max_grant_frames shared frames and
 * max_maptrack_frames maptrack frames (negative: the command-line defaults).
 * Returns 0, -EINVAL for limits beyond the defaults, or -ENOMEM.
 */
int grant_table_init(struct domain *d, int max_grant_frames, int max_maptrack_frames);

/* A dying domain's mappings of other domains' grants are dropped (pins and
 * device-mapping references; host-mapping references go with its PTEs). */
void gnttab_release_mappings(struct domain *d);

/* Free the table of a domain being freed; frames still referenced elsewhere
 * are handed to the hypervisor and never reused. */
void grant_table_destroy(struct domain *d);

/* Machine frame of shared frame idx, growing the table to include it if the
 * limit allows (for XENMEM_acquire_resource / XENMAPSPACE_grant_table).
 * Returns 0 or -EINVAL. */
int gnttab_get_shared_frame(struct domain *d, unsigned long idx, unsigned long *mfn);

/*
 * Architecture (arch/x86/pv/grant_table.c): write a grant PTE for the
 * current domain, at linear address addr or, with GNTMAP_contains_pte, in
 * the L1 entry at machine address addr; and remove one (new_addr: move the
 * PTE mapping linear address new_addr there instead, GNTTABOP_unmap_and_replace).
 * Both return GNTST_okay or GNTST_general_error.
 */
int create_grant_pv_mapping(u64 addr, unsigned long mfn, unsigned int flags,
                            unsigned int cache_flags);
int replace_grant_pv_mapping(u64 addr, unsigned long mfn, u64 new_addr,
                             unsigned int flags);
/* The PTE flags of a grant mapping (XENFEAT_gnttab_map_avail_bits included). */
u64 grant_to_pte_flags(unsigned int flags, unsigned int cache_flags);

#endif /* XEN_GRANT_TABLE_H */
