/*
 * Machine-memory allocators.
 *
 * Boot allocator: a sorted list of free frame ranges, handed out from the top so
 * that low memory stays free for whoever needs it.  It serves the page tables of
 * the direct map and the frame table, then gives what is left to the heap.
 *
 * Buddy heap: free chunks of 2^order frames, aligned to their size, kept per zone
 * (zone z holds frames [2^(z-1), 2^z), so callers can ask for memory below an
 * address width) and per order.  Freeing merges a chunk with its buddy when both
 * are free, of the same order, in the same zone and equally clean.
 *
 * Scrubbing: a free chunk is either clean (zeroed) or dirty (may hold a previous
 * owner's data).  Memory at boot and memory freed by anyone is dirty; the idle
 * loop zeroes dirty chunks in bounded steps (scrub_free_pages), and an allocation
 * that receives a dirty chunk zeroes it first unless the caller passes
 * MEMF_no_scrub.  Dirty and clean chunks do not merge, so a chunk is never
 * partly clean and scrubbing never repeats work; once everything is clean the
 * chunks coalesce again.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/softirq.h>
#include <xen/errno.h>

struct page_info *frame_table = (struct page_info *)FRAMETABLE_VIRT_START;
unsigned long max_page;
unsigned long total_pages;

/* ---------------------------------------------------------------- boot allocator */

#define MAX_BOOTMEM_REGIONS 128
struct bootmem_region {
    unsigned long s, e;         /* frames [s, e) */
};
static struct bootmem_region bootmem[MAX_BOOTMEM_REGIONS];
static unsigned int nr_bootmem;
unsigned long boot_alloc_limit_mfn = ~0UL;
static bool heap_up;

bool heap_is_up(void)
{
    return heap_up;
}

static void bootmem_insert(unsigned int i, unsigned long s, unsigned long e)
{
    if ( nr_bootmem == MAX_BOOTMEM_REGIONS )
        panic("Too many boot memory regions");
    memmove(&bootmem[i + 1], &bootmem[i], (nr_bootmem - i) * sizeof(*bootmem));
    bootmem[i].s = s;
    bootmem[i].e = e;
    nr_bootmem++;
}

/* Add [ps, pe) (byte addresses, rounded inwards to whole frames). */
void init_boot_pages(paddr_t ps, paddr_t pe)
{
    unsigned long s = PFN_UP(ps), e = PFN_DOWN(pe);
    unsigned int i;

    if ( s >= e )
        return;
    BUG_ON(heap_up);

    for ( i = 0; i < nr_bootmem && bootmem[i].s < s; i++ )
        ;
    bootmem_insert(i, s, e);

    /* Merge touching neighbours (callers never add overlapping ranges). */
    for ( i = 0; i + 1 < nr_bootmem; )
    {
        if ( bootmem[i].e >= bootmem[i + 1].s )
        {
            BUG_ON(bootmem[i].e > bootmem[i + 1].s);
            bootmem[i].e = bootmem[i + 1].e;
            memmove(&bootmem[i + 1], &bootmem[i + 2],
                    (nr_bootmem - i - 2) * sizeof(*bootmem));
            nr_bootmem--;
        }
        else
            i++;
    }
}

/* Take nr_pfns frames aligned to pfn_align, as high as possible below the limit. */
unsigned long alloc_boot_pages(unsigned long nr_pfns, unsigned long pfn_align)
{
    int i;

    BUG_ON(heap_up || !nr_pfns || !pfn_align);
    for ( i = nr_bootmem - 1; i >= 0; i-- )
    {
        struct bootmem_region *r = &bootmem[i];
        unsigned long top = min(r->e, boot_alloc_limit_mfn), pg;

        if ( top < nr_pfns )
            continue;
        pg = (top - nr_pfns) & ~(pfn_align - 1);
        if ( pg < r->s || pg >= top )
            continue;

        if ( pg + nr_pfns < r->e )
        {
            /* Keep the part above the allocation as its own region. */
            unsigned long old_e = r->e;

            r->e = pg;
            bootmem_insert(i + 1, pg + nr_pfns, old_e);
            r = &bootmem[i];
        }
        else
            r->e = pg;
        if ( r->s == r->e )
        {
            memmove(&bootmem[i], &bootmem[i + 1], (nr_bootmem - i - 1) * sizeof(*bootmem));
            nr_bootmem--;
        }
        return pg;
    }
    panic("Boot allocator out of memory (%lu frames wanted)", nr_pfns);
}

/* ------------------------------------------------------------------- buddy heap */

#define MAX_ORDER   20                          /* 4 GiB chunks */
#define NR_ZONES    (PADDR_BITS - PAGE_SHIFT + 1)
#define INVALID_ORDER 0xff

static struct page_list_head heap[NR_ZONES][MAX_ORDER + 1];
static unsigned long avail[NR_ZONES];
static unsigned long total_avail, total_dirty;
/* Pages domains claimed (XENMEM_claim_pages) and have not allocated yet. */
static unsigned long outstanding_claims;
/* Free pages out of the lists while the idle loop zeroes them (still free). */
static unsigned long scrubbing_pages;
static DEFINE_SPINLOCK(heap_lock);

static unsigned int mfn_zone(unsigned long mfn)
{
    return flsl(mfn);
}

static bool page_dirty(const struct page_info *pg)
{
    return pg->count_info & PGC_need_scrub;
}

/* Put a free chunk on its list: dirty ones first, so the scrubber finds them fast. */
static void chunk_insert(struct page_info *pg, unsigned int order, bool dirty)
{
    unsigned int zone = mfn_zone(page_to_mfn(pg));

    pg->order = order;
    pg->count_info = PGC_free | (dirty ? PGC_need_scrub : 0);
    if ( dirty )
    {
        page_list_add(pg, &heap[zone][order]);
        total_dirty += 1UL << order;
    }
    else
        page_list_add_tail(pg, &heap[zone][order]);
    avail[zone] += 1UL << order;
    total_avail += 1UL << order;
}

static void chunk_remove(struct page_info *pg, unsigned int order)
{
    unsigned int zone = mfn_zone(page_to_mfn(pg));

    page_list_del(pg, &heap[zone][order]);
    if ( page_dirty(pg) )
        total_dirty -= 1UL << order;
    avail[zone] -= 1UL << order;
    total_avail -= 1UL << order;
    pg->order = INVALID_ORDER;
}

/* Free a chunk (its pages already marked free), merging with free buddies. */
static void free_chunk(unsigned long mfn, unsigned int order, bool dirty)
{
    while ( order < MAX_ORDER )
    {
        unsigned long buddy = mfn ^ (1UL << order);
        struct page_info *b;

        if ( buddy >= max_page )
            break;
        b = mfn_to_page(buddy);
        if ( !(b->count_info & PGC_free) || b->order != order ||
             mfn_zone(buddy) != mfn_zone(mfn) || page_dirty(b) != dirty )
            break;
        chunk_remove(b, order);
        mfn &= ~(1UL << order);
        order++;
    }
    chunk_insert(mfn_to_page(mfn), order, dirty);
}

static void mark_pages_free(struct page_info *pg, unsigned long nr)
{
    unsigned long i;

    for ( i = 0; i < nr; i++ )
    {
        pg[i].count_info = PGC_free;
        pg[i].type_info = 0;
        pg[i].owner = DOMID_INVALID;
        pg[i].order = INVALID_ORDER;
    }
}

/* The free lists start empty (PAGE_LIST_NULL, not zero). */
static void heap_lists_init(void)
{
    static bool done;
    unsigned int zone, order;

    if ( done )
        return;
    for ( zone = 0; zone < NR_ZONES; zone++ )
        for ( order = 0; order <= MAX_ORDER; order++ )
            page_list_init(&heap[zone][order]);
    done = true;
}

void init_heap_pages(struct page_info *pg, unsigned long nr_pages, bool need_scrub)
{
    unsigned long mfn = page_to_mfn(pg), end = mfn + nr_pages;
    unsigned long flags;

    spin_lock_irqsave(&heap_lock, flags);
    heap_lists_init();
    while ( mfn < end )
    {
        unsigned int order = mfn ? __builtin_ctzl(mfn) : 0;

        if ( order > MAX_ORDER )
            order = MAX_ORDER;
        while ( mfn + (1UL << order) > end )
            order--;
        mark_pages_free(mfn_to_page(mfn), 1UL << order);
        free_chunk(mfn, order, need_scrub);
        mfn += 1UL << order;
    }
    spin_unlock_irqrestore(&heap_lock, flags);
}

void end_boot_allocator(void)
{
    unsigned int i;

    for ( i = 0; i < nr_bootmem; i++ )
        init_heap_pages(mfn_to_page(bootmem[i].s), bootmem[i].e - bootmem[i].s, true);
    nr_bootmem = 0;
    heap_up = true;
}

static void scrub_chunk(struct page_info *pg, unsigned int order)
{
    unsigned long i;

    for ( i = 0; i < (1UL << order); i++ )
        memset(page_to_virt(pg + i), 0, PAGE_SIZE);
}

/*
 * Take a chunk of 2^order frames from zones [zone_lo, zone_hi], preferring the
 * highest zone.  Returns the head page (pages reset, unowned, zeroed unless
 * MEMF_no_scrub), or NULL.
 */
static struct page_info *alloc_heap_pages(unsigned int zone_lo, unsigned int zone_hi,
                                          unsigned int order, unsigned int memflags,
                                          const struct domain *d)
{
    struct page_info *pg = NULL;
    unsigned int zone, j = 0;
    unsigned long flags, i;
    bool dirty;

    if ( order > MAX_ORDER )
        return NULL;

    spin_lock_irqsave(&heap_lock, flags);
    /*
     * Claimed memory is kept for its claimants: others may only use what is
     * left over (as Xen's alloc_heap_pages).
     */
    if ( outstanding_claims + (1UL << order) > total_avail &&
         (!d || d->outstanding_pages < (1UL << order)) )
    {
        spin_unlock_irqrestore(&heap_lock, flags);
        return NULL;
    }
    for ( zone = zone_hi + 1; zone-- > zone_lo && !pg; )
        for ( j = order; j <= MAX_ORDER; j++ )
        {
            /* Clean chunks sit at the tail: prefer them to save zeroing. */
            struct page_list_head *h = &heap[zone][j];

            if ( page_list_empty(h) )
                continue;
            pg = mfn_to_page(h->last);
            break;
        }
    if ( !pg )
    {
        spin_unlock_irqrestore(&heap_lock, flags);
        return NULL;
    }

    dirty = page_dirty(pg);
    chunk_remove(pg, j);
    /* Split: give back the upper halves until the chunk is the size asked for. */
    while ( j > order )
    {
        j--;
        chunk_insert(pg + (1UL << j), j, dirty);
    }
    for ( i = 0; i < (1UL << order); i++ )
    {
        pg[i].count_info = 0;
        pg[i].type_info = 0;
        pg[i].owner = DOMID_INVALID;
        pg[i].order = INVALID_ORDER;
    }
    spin_unlock_irqrestore(&heap_lock, flags);

    if ( dirty && !(memflags & MEMF_no_scrub) )
        scrub_chunk(pg, order);
    return pg;
}

static void free_heap_pages(struct page_info *pg, unsigned int order, bool dirty)
{
    unsigned long flags;

    spin_lock_irqsave(&heap_lock, flags);
    mark_pages_free(pg, 1UL << order);
    free_chunk(page_to_mfn(pg), order, dirty);
    spin_unlock_irqrestore(&heap_lock, flags);
}

/* The zones a MEMF_bits(n) request may use. */
static unsigned int zone_hi_for(unsigned int memflags)
{
    unsigned int bits = memflags >> _MEMF_bits;

    if ( !bits || bits > PADDR_BITS )
        return NR_ZONES - 1;
    if ( bits <= PAGE_SHIFT )
        return 0;
    /* Frames below 2^(bits-12) are in zones up to bits-12. */
    return min_t(unsigned int, bits - PAGE_SHIFT, NR_ZONES - 1);
}

/*
 * Account 'delta' pages to d (page_alloc_lock held): a claim shrinks as it is
 * used, and the domain holds a reference on itself while it owns any page
 * (see struct domain).  Returns the new total.
 */
static unsigned long domain_adjust_tot_pages(struct domain *d, long delta)
{
    unsigned long flags, before = d->tot_pages;

    d->tot_pages += delta;
    if ( delta > 0 && d->outstanding_pages )
    {
        unsigned long used = min_t(unsigned long, delta, d->outstanding_pages);

        spin_lock_irqsave(&heap_lock, flags);
        d->outstanding_pages -= used;
        outstanding_claims -= used;
        spin_unlock_irqrestore(&heap_lock, flags);
    }
    if ( !before && d->tot_pages && !is_idle_domain(d) )
        atomic_inc(&d->refcnt);         /* alive: the caller holds a reference */
    return d->tot_pages;
}

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags)
{
    struct page_info *pg;
    unsigned long i;

    pg = alloc_heap_pages(0, zone_hi_for(memflags), order, memflags,
                          (memflags & MEMF_no_owner) ? NULL : d);
    if ( !pg || !d || (memflags & MEMF_no_owner) )
        return pg;

    spin_lock(&d->page_alloc_lock);
    /* A dying domain gets no more memory; nor one beyond its limit. */
    if ( !is_idle_domain(d) &&
         (d->is_dying || d->tot_pages + (1UL << order) > d->max_pages) )
    {
        spin_unlock(&d->page_alloc_lock);
        free_heap_pages(pg, order, false);
        return NULL;
    }
    for ( i = 0; i < (1UL << order); i++ )
    {
        pg[i].owner = d->domain_id;
        pg[i].count_info = PGC_allocated | 1;
        page_list_add_tail(&pg[i], &d->page_list);
    }
    domain_adjust_tot_pages(d, 1L << order);
    spin_unlock(&d->page_alloc_lock);
    return pg;
}

void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long i;
    struct domain *d;
    bool last = false;

    if ( pg->owner != DOMID_INVALID && (d = get_domain_by_id(pg->owner)) != NULL )
    {
        spin_lock(&d->page_alloc_lock);
        for ( i = 0; i < (1UL << order); i++ )
            page_list_del(&pg[i], &d->page_list);
        last = !domain_adjust_tot_pages(d, -(1L << order)) && !is_idle_domain(d);
        spin_unlock(&d->page_alloc_lock);
        if ( last )
            put_domain(d);              /* its reference on itself */
        put_domain(d);
    }
    free_heap_pages(pg, order, true);
}

int domain_set_outstanding_pages(struct domain *d, unsigned long pages)
{
    unsigned long flags, claim;
    int rc = -ENOMEM;

    spin_lock(&d->page_alloc_lock);
    spin_lock_irqsave(&heap_lock, flags);
    if ( pages == 0 )
    {
        /* Cancel the claim. */
        outstanding_claims -= d->outstanding_pages;
        d->outstanding_pages = 0;
        rc = 0;
    }
    else if ( d->outstanding_pages || pages <= d->tot_pages || pages > d->max_pages )
        rc = -EINVAL;           /* one claim at a time, above what it has, within max */
    else
    {
        claim = pages - d->tot_pages;
        if ( claim <= total_avail - min(outstanding_claims, total_avail) )
        {
            d->outstanding_pages = claim;
            outstanding_claims += claim;
            rc = 0;
        }
    }
    spin_unlock_irqrestore(&heap_lock, flags);
    spin_unlock(&d->page_alloc_lock);
    return rc;
}

unsigned long total_outstanding_claims(void)
{
    return outstanding_claims;
}

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags)
{
    struct page_info *pg = alloc_heap_pages(0, zone_hi_for(memflags), order, memflags,
                                            NULL);
    unsigned long i;

    if ( !pg )
        return NULL;
    for ( i = 0; i < (1UL << order); i++ )
    {
        pg[i].count_info = PGC_xen_heap;
        pg[i].owner = DOMID_XEN;
    }
    return page_to_virt(pg);
}

void free_xenheap_pages(void *v, unsigned int order)
{
    if ( v )
        free_heap_pages(virt_to_page(v), order, true);
}

unsigned long avail_heap_pages(void)
{
    return total_avail + READ_ONCE(scrubbing_pages);
}

unsigned long dirty_heap_pages(void)
{
    return total_dirty;
}

/*
 * Zero at most 256 KiB of dirty free memory and give it back clean.  Returns whether
 * dirty memory remains.  Called from the idle loop, so it keeps each step short.
 */
bool scrub_free_pages(void)
{
    struct page_info *pg = NULL;
    unsigned int zone, order = 0, want = 6;
    unsigned long flags;

    spin_lock_irqsave(&heap_lock, flags);
    for ( zone = NR_ZONES; zone-- > 0 && !pg; )
        for ( order = 0; order <= MAX_ORDER; order++ )
        {
            struct page_info *h = page_list_first(&heap[zone][order]);

            if ( h && page_dirty(h) )
            {
                pg = h;
                break;
            }
        }
    if ( !pg )
    {
        spin_unlock_irqrestore(&heap_lock, flags);
        return false;
    }
    chunk_remove(pg, order);
    while ( order > want )
    {
        order--;
        chunk_insert(pg + (1UL << order), order, true);
    }
    scrubbing_pages += 1UL << order;
    spin_unlock_irqrestore(&heap_lock, flags);

    scrub_chunk(pg, order);

    spin_lock_irqsave(&heap_lock, flags);
    scrubbing_pages -= 1UL << order;
    free_chunk(page_to_mfn(pg), order, false);
    spin_unlock_irqrestore(&heap_lock, flags);
    return total_dirty != 0;
}

void dump_heap(void)
{
    unsigned int zone, order;
    unsigned long flags;

    spin_lock_irqsave(&heap_lock, flags);
    printk("Physical memory: %lu pages (%lu MiB) RAM, max_page %#lx\n",
           total_pages, total_pages >> (20 - PAGE_SHIFT), max_page);
    printk("Heap: %lu pages free (%lu MiB), %lu of them not yet scrubbed\n",
           total_avail, total_avail >> (20 - PAGE_SHIFT), total_dirty);
    for ( zone = 0; zone < NR_ZONES; zone++ )
    {
        if ( !avail[zone] )
            continue;
        printk("  zone %2u (frames < %#lx): %lu free pages; chunks per order:", zone,
               1UL << zone, avail[zone]);
        for ( order = 0; order <= MAX_ORDER; order++ )
            if ( heap[zone][order].count )
                printk(" %u:%lu", order, heap[zone][order].count);
        printk("\n");
    }
    spin_unlock_irqrestore(&heap_lock, flags);
}
