/*
 * The maptrack table: one entry per grant a domain has mapped, indexed by the
 * handle map_grant_ref returns (see xen/grant_table.h).
 *
 * Entries come in pages of MAPTRACK_PER_PAGE, allocated when the free list
 * runs dry, up to max_maptrack_frames pages.  Free entries form a FIFO list
 * threaded through their ref field: a handle given back is reused last, which
 * makes a stale handle less likely to name someone else's mapping (Xen's
 * per-vCPU lists behave the same way for one vCPU).  The lists and the growth
 * are guarded by maptrack_lock; an entry's contents belong to whoever holds
 * its handle.
 *
 * Unit-tested on the host (tests/unit/test-gnttab-maptrack.c).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/grant_table.h>

/*
 * Set up an empty maptrack for gt, allowing max_frames pages.  Returns 0 or
 * -ENOMEM.
 */
int maptrack_init(struct grant_table *gt, unsigned int max_frames)
{
    spin_lock_init(&gt->maptrack_lock);
    gt->max_maptrack_frames = max_frames;
    gt->maptrack_limit = 0;
    gt->maptrack_in_use = 0;
    gt->maptrack_head = gt->maptrack_tail = MAPTRACK_TAIL;
    gt->maptrack = NULL;
    if ( !max_frames )
        return 0;
    gt->maptrack = xzalloc_array(struct grant_mapping *, max_frames);
    return gt->maptrack ? 0 : -ENOMEM;
}

/* Free every maptrack page (the table must no longer be in use). */
void maptrack_destroy(struct grant_table *gt)
{
    unsigned int i;

    for ( i = 0; gt->maptrack && i < gt->maptrack_limit / MAPTRACK_PER_PAGE; i++ )
        free_xenheap_page(gt->maptrack[i]);
    xfree(gt->maptrack);
    gt->maptrack = NULL;
    gt->maptrack_limit = 0;
}

/* Add a page of free entries at the tail of the free list (lock held). */
static bool maptrack_grow(struct grant_table *gt)
{
    unsigned int frame = gt->maptrack_limit / MAPTRACK_PER_PAGE, i;
    struct grant_mapping *page;

    if ( frame >= gt->max_maptrack_frames )
        return false;
    page = alloc_xenheap_page();
    if ( !page )
        return false;
    memset(page, 0, PAGE_SIZE);
    for ( i = 0; i < MAPTRACK_PER_PAGE; i++ )
        page[i].ref = i + 1 < MAPTRACK_PER_PAGE ? gt->maptrack_limit + i + 1 : MAPTRACK_TAIL;
    gt->maptrack[frame] = page;
    if ( gt->maptrack_tail == MAPTRACK_TAIL )
        gt->maptrack_head = gt->maptrack_limit;
    else
        maptrack_entry(gt, gt->maptrack_tail)->ref = gt->maptrack_limit;
    gt->maptrack_tail = gt->maptrack_limit + MAPTRACK_PER_PAGE - 1;
    /* Publish the page before the limit that lets lookups reach it. */
    __atomic_store_n(&gt->maptrack_limit, gt->maptrack_limit + MAPTRACK_PER_PAGE,
                     __ATOMIC_RELEASE);
    return true;
}

/*
 * A free handle, its entry zeroed (flags 0: not yet a live mapping), or
 * MAPTRACK_TAIL when the table is full (or memory ran out).
 */
grant_handle_t get_maptrack_handle(struct grant_table *gt)
{
    grant_handle_t h;
    struct grant_mapping *mt;

    spin_lock(&gt->maptrack_lock);
    if ( gt->maptrack_head == MAPTRACK_TAIL && !maptrack_grow(gt) )
    {
        spin_unlock(&gt->maptrack_lock);
        return MAPTRACK_TAIL;
    }
    h = gt->maptrack_head;
    mt = maptrack_entry(gt, h);
    gt->maptrack_head = mt->ref;
    if ( gt->maptrack_head == MAPTRACK_TAIL )
        gt->maptrack_tail = MAPTRACK_TAIL;
    gt->maptrack_in_use++;
    mt->ref = 0;
    mt->domid = 0;
    mt->incarnation = 0;
    __atomic_store_n(&mt->flags, 0, __ATOMIC_RELEASE);
    spin_unlock(&gt->maptrack_lock);
    return h;
}

/* Give handle h back; its entry must no longer describe a live mapping. */
void put_maptrack_handle(struct grant_table *gt, grant_handle_t h)
{
    struct grant_mapping *mt = maptrack_entry(gt, h);

    spin_lock(&gt->maptrack_lock);
    __atomic_store_n(&mt->flags, 0, __ATOMIC_RELEASE);
    mt->ref = MAPTRACK_TAIL;
    if ( gt->maptrack_tail == MAPTRACK_TAIL )
        gt->maptrack_head = h;
    else
        maptrack_entry(gt, gt->maptrack_tail)->ref = h;
    gt->maptrack_tail = h;
    gt->maptrack_in_use--;
    spin_unlock(&gt->maptrack_lock);
}
