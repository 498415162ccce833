/*
 * Machine memory: the frame table, the heap allocators and page lists.
 *
 * Every machine frame below max_page has a struct page_info in the frame table at
 * FRAMETABLE_VIRT_START (indexed by MFN).  A free frame belongs to the buddy heap;
 * an allocated one has an owner (a domain, or DOMID_XEN for the hypervisor's own
 * pages), a general reference count and, for the PV MMU, a type with its own count.
 */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <xen/types.h>
#include <xen/list.h>
#include <asm/page.h>

struct domain;

struct page_info {
    u32 list_next, list_prev;   /* page-list links (MFNs), PAGE_LIST_NULL at the ends */
    unsigned long count_info;   /* PGC_* flags and the reference count */
    unsigned long type_info;    /* PGT_* type, flags and type count (allocated pages) */
    u16 owner;                  /* domain id, or DOMID_INVALID */
    u8 order;                   /* free: order of the buddy chunk this page heads */
    u8 pad;
    u32 tlbflush_timestamp;
};

/* count_info flags (top bits); the reference count is in PGC_count_mask. */
#define PGC_allocated       (1UL << 63) /* the owner holds a reference */
#define PGC_xen_heap        (1UL << 62) /* hypervisor memory (xenheap) */
#define PGC_page_table      (1UL << 61) /* in use as a page table */
#define PGC_free            (1UL << 60) /* in the buddy heap */
#define PGC_need_scrub      (1UL << 59) /* free chunk (head) not yet zeroed */
#define PGC_reserved        (1UL << 58) /* not RAM, or never given to the heap */
#define PGC_count_mask      ((1UL << 40) - 1)

/* type_info, for the PV MMU: type in the top bits, then flags, then the count. */
#define PGT_none            (0UL << 61)
#define PGT_l1_page_table   (1UL << 61)
#define PGT_l2_page_table   (2UL << 61)
#define PGT_l3_page_table   (3UL << 61)
#define PGT_l4_page_table   (4UL << 61)
#define PGT_seg_desc_page   (5UL << 61)
#define PGT_shared_page     (6UL << 61)
#define PGT_writable_page   (7UL << 61)
#define PGT_type_mask       (7UL << 61)
#define PGT_pinned          (1UL << 60)
#define PGT_validated       (1UL << 59)
#define PGT_partial         (1UL << 58)
#define PGT_count_mask      ((1UL << 40) - 1)

extern struct page_info *frame_table;
extern unsigned long max_page;          /* one more than the highest RAM frame */
extern unsigned long total_pages;       /* RAM frames the hypervisor found */

/*
 * The frame table is populated in 2 MiB pieces, each describing 64Ki frames
 * (256 MiB of RAM); only pieces covering some RAM are mapped.
 */
#define FRAMETABLE_CHUNK_SHIFT 16
extern unsigned long frametable_chunk_mapped[];
static inline bool mfn_valid(unsigned long mfn)
{
    return mfn < max_page &&
           ((frametable_chunk_mapped[(mfn >> FRAMETABLE_CHUNK_SHIFT) / 64] >>
             ((mfn >> FRAMETABLE_CHUNK_SHIFT) % 64)) & 1) &&
           !(frame_table[mfn].count_info & PGC_reserved);
}
#define mfn_to_page(mfn)    (frame_table + (mfn))
#define page_to_mfn(pg)     ((unsigned long)((pg) - frame_table))
#define page_to_maddr(pg)   ((paddr_t)page_to_mfn(pg) << PAGE_SHIFT)
#define page_to_virt(pg)    mfn_to_virt(page_to_mfn(pg))
#define virt_to_page(v)     mfn_to_page(virt_to_mfn(v))
#define maddr_to_page(ma)   mfn_to_page((ma) >> PAGE_SHIFT)

/* Flags for the allocators. */
#define MEMF_no_scrub       (1U << 0)   /* caller overwrites the pages anyway */
#define MEMF_no_owner       (1U << 1)
#define _MEMF_bits          24
#define MEMF_bits(n)        ((n) << _MEMF_bits) /* below 2^n bytes */

/* Boot allocator: ranges of free frames, used until the heap takes over. */
void init_boot_pages(paddr_t ps, paddr_t pe);
unsigned long alloc_boot_pages(unsigned long nr_pfns, unsigned long pfn_align);
extern unsigned long boot_alloc_limit_mfn;      /* allocate below this (direct map) */
void end_boot_allocator(void);

/* The buddy heap. */
void init_heap_pages(struct page_info *pg, unsigned long nr_pages, bool need_scrub);
struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags);
void free_domheap_pages(struct page_info *pg, unsigned int order);
#define alloc_domheap_page(d, f) alloc_domheap_pages(d, 0, f)
#define free_domheap_page(p)     free_domheap_pages(p, 0)
void *alloc_xenheap_pages(unsigned int order, unsigned int memflags);
void free_xenheap_pages(void *v, unsigned int order);
#define alloc_xenheap_page() alloc_xenheap_pages(0, 0)
#define free_xenheap_page(v) free_xenheap_pages(v, 0)
unsigned long avail_heap_pages(void);
/*
 * XENMEM_claim_pages: reserve 'pages' (in all) for d, or cancel with 0: 0,
 * -EINVAL (a claim exists, or not above what d has / above its max), -ENOMEM.
 */
int domain_set_outstanding_pages(struct domain *d, unsigned long pages);
unsigned long total_outstanding_claims(void);
unsigned long dirty_heap_pages(void);
/* Zero some free memory; returns true if any dirty memory is left. */
bool scrub_free_pages(void);
void dump_heap(void);
bool heap_is_up(void);

/* Small-object allocator on top of the heap. */
void *xmalloc_bytes(size_t size);
void *xzalloc_bytes(size_t size);
void xfree(void *p);
#define xmalloc(t)          ((t *)xmalloc_bytes(sizeof(t)))
#define xzalloc(t)          ((t *)xzalloc_bytes(sizeof(t)))
#define xmalloc_array(t, n) ((t *)xmalloc_bytes(array_size_check(sizeof(t), (n))))
#define xzalloc_array(t, n) ((t *)xzalloc_bytes(array_size_check(sizeof(t), (n))))
static inline size_t array_size_check(size_t size, size_t n)
{
    return (n && size > ~(size_t)0 / n) ? ~(size_t)0 : size * n;
}

/* Page lists (xen/list.h): linked through page_info by MFN. */
static inline void page_list_init(struct page_list_head *h)
{
    h->first = h->last = PAGE_LIST_NULL;
    h->count = 0;
}

static inline bool page_list_empty(const struct page_list_head *h)
{
    return h->first == PAGE_LIST_NULL;
}

static inline struct page_info *page_list_first(const struct page_list_head *h)
{
    return h->first == PAGE_LIST_NULL ? NULL : mfn_to_page(h->first);
}

static inline struct page_info *page_list_next(const struct page_info *pg)
{
    return pg->list_next == PAGE_LIST_NULL ? NULL : mfn_to_page(pg->list_next);
}

static inline void page_list_add_tail(struct page_info *pg, struct page_list_head *h)
{
    u32 mfn = page_to_mfn(pg);

    pg->list_next = PAGE_LIST_NULL;
    pg->list_prev = h->last;
    if ( h->last == PAGE_LIST_NULL )
        h->first = mfn;
    else
        mfn_to_page(h->last)->list_next = mfn;
    h->last = mfn;
    h->count++;
}

static inline void page_list_add(struct page_info *pg, struct page_list_head *h)
{
    u32 mfn = page_to_mfn(pg);

    pg->list_prev = PAGE_LIST_NULL;
    pg->list_next = h->first;
    if ( h->first == PAGE_LIST_NULL )
        h->last = mfn;
    else
        mfn_to_page(h->first)->list_prev = mfn;
    h->first = mfn;
    h->count++;
}

static inline void page_list_del(struct page_info *pg, struct page_list_head *h)
{
    if ( pg->list_prev == PAGE_LIST_NULL )
        h->first = pg->list_next;
    else
        mfn_to_page(pg->list_prev)->list_next = pg->list_next;
    if ( pg->list_next == PAGE_LIST_NULL )
        h->last = pg->list_prev;
    else
        mfn_to_page(pg->list_next)->list_prev = pg->list_prev;
    pg->list_next = pg->list_prev = PAGE_LIST_NULL;
    h->count--;
}

static inline struct page_info *page_list_remove_head(struct page_list_head *h)
{
    struct page_info *pg = page_list_first(h);

    if ( pg )
        page_list_del(pg, h);
    return pg;
}

#define page_list_for_each(pg, h) \
    for ( (pg) = page_list_first(h); (pg); (pg) = page_list_next(pg) )

/* Hypervisor mappings (arch/x86/mm.c). */
int map_pages_to_xen(unsigned long virt, unsigned long mfn, unsigned long nr,
                     u64 flags);
int destroy_xen_mappings(unsigned long start, unsigned long end);
void *ioremap(paddr_t pa, size_t len);      /* uncached */
void *vmap_pages(const unsigned long *mfns, unsigned int nr, u64 flags);
void vunmap(void *va);

#endif /* XEN_MM_H */
