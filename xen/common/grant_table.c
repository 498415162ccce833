/*
 * Grant tables: each domain's table and its life cycle, the hypercall's
 * dispatcher and the 'g' debug key.  The table-wide sub-operations are in
 * grant_ops.c, mapping in grant_map.c, copying in grant_copy.c, transfers in
 * grant_transfer.c, the model in xen/grant_table.h.
 *
 * Only version 1 entries are offered, as Xen 4.17 with gnttab=max-ver:1:
 * set_version(2) answers -ENOSYS and the status-frame calls have nothing to
 * return.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/keyhandler.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/m2p.h>
#include <asm/pv/mm.h>

unsigned int opt_max_grant_frames = DEFAULT_MAX_GRANT_FRAMES;
integer_param("gnttab_max_frames", opt_max_grant_frames);
unsigned int opt_max_maptrack_frames = DEFAULT_MAX_MAPTRACK_FRAMES;
integer_param("gnttab_max_maptrack_frames", opt_max_maptrack_frames);

/* The high bits of cmd carry a continuation argument (cache_flush only). */
#define GNTTABOP_CONTINUATION_ARG_SHIFT 12
#define GNTTABOP_CMD_MASK ((1U << GNTTABOP_CONTINUATION_ARG_SHIFT) - 1)

struct domain *gnttab_target_domain(domid_t dom, int *rc)
{
    struct domain *curr = current->domain, *d;

    d = get_domain_by_id(dom == DOMID_SELF ? curr->domain_id : dom);
    if ( !d || !d->grant_table )
    {
        if ( d )
            put_domain(d);
        *rc = GNTST_bad_domain;
        return NULL;
    }
    if ( d != curr && !curr->is_privileged )
    {
        put_domain(d);
        *rc = GNTST_permission_denied;
        return NULL;
    }
    return d;
}

/* ------------------------------------------------------------ frames */

/*
 * Hand a hypervisor page to d as Xen's share_xen_page_with_guest(SHARE_rw)
 * does: owned by d, allocated, and pinned as writable by a type reference
 * of its own, so d can map it read-write but never use it as a page table.
 */
static void share_xen_page_with_guest(struct page_info *pg, struct domain *d)
{
    pg->owner = d->domain_id;
    pg->type_info = PGT_writable_page | PGT_validated | 1;
    set_gpfn_from_mfn(page_to_mfn(pg), INVALID_M2P_ENTRY);
    __atomic_store_n(&pg->count_info, PGC_xen_heap | PGC_allocated | 1, __ATOMIC_RELEASE);
}

/*
 * Take a shared page back from its domain.  It is freed if nobody else holds
 * a reference (a PTE of another domain, say); otherwise it goes to the
 * hypervisor for good, so that a later reference can never reach a reused
 * frame.
 */
static void unshare_xen_page(void *v)
{
    struct page_info *pg = virt_to_page(v);
    unsigned long idle = PGC_xen_heap | PGC_allocated | 1;

    if ( cmpxchg(&pg->count_info, idle, PGC_xen_heap) == idle )
    {
        pg->owner = DOMID_XEN;
        pg->type_info = 0;
        free_xenheap_page(v);
        return;
    }
    pg->owner = DOMID_XEN;
    printk(XENLOG_G_WARNING "grant table frame %#lx still referenced: not freed\n",
           page_to_mfn(pg));
}

static void *alloc_zeroed_xenheap_page(void)
{
    void *p = alloc_xenheap_page();

    if ( p )
        memset(p, 0, PAGE_SIZE);
    return p;
}

/*
 * Grow gt to req shared frames (at least INITIAL_NR_GRANT_FRAMES), all or
 * nothing.  Caller holds gt->lock and checked req against the maximum.
 * Returns 0 or -ENOMEM.
 */
int gnttab_grow_table(struct grant_table *gt, unsigned int req)
{
    unsigned int old = gt->nr_grant_frames, i, a;

    if ( req < INITIAL_NR_GRANT_FRAMES )
        req = INITIAL_NR_GRANT_FRAMES;
    for ( i = old; i < req; i++ )
    {
        gt->shared[i] = alloc_zeroed_xenheap_page();
        if ( !gt->shared[i] )
            goto fail;
        for ( a = i * 2; a < i * 2 + 2; a++ )
        {
            gt->active[a] = alloc_zeroed_xenheap_page();
            if ( !gt->active[a] )
                goto fail;
        }
    }
    for ( i = old; i < req; i++ )
        share_xen_page_with_guest(virt_to_page(gt->shared[i]), gt->domain);
    /* Entries and active pages first, then the size that makes them reachable. */
    __atomic_store_n(&gt->nr_grant_frames, req, __ATOMIC_RELEASE);
    return 0;

 fail:
    for ( i = old; i < req; i++ )
    {
        free_xenheap_page(gt->shared[i]);
        gt->shared[i] = NULL;
        for ( a = i * 2; a < i * 2 + 2; a++ )
        {
            free_xenheap_page(gt->active[a]);
            gt->active[a] = NULL;
        }
    }
    return -ENOMEM;
}

int gnttab_get_shared_frame(struct domain *d, unsigned long idx, unsigned long *mfn)
{
    struct grant_table *gt = d->grant_table;
    int rc = 0;

    if ( !gt )
        return -EINVAL;
    spin_lock(&gt->lock);
    if ( idx >= gt->nr_grant_frames &&
         (idx >= gt->max_grant_frames || gnttab_grow_table(gt, idx + 1)) )
        rc = -EINVAL;
    else
        *mfn = virt_to_mfn(gt->shared[idx]);
    spin_unlock(&gt->lock);
    return rc;
}

/* ------------------------------------------------------------ life cycle */

static u32 gnttab_incarnations;

int grant_table_init(struct domain *d, int max_grant_frames, int max_maptrack_frames)
{
    struct grant_table *gt;
    int rc;

    if ( max_grant_frames < 0 )
        max_grant_frames = opt_max_grant_frames;
    if ( max_maptrack_frames < 0 )
        max_maptrack_frames = opt_max_maptrack_frames;
    if ( (unsigned int)max_grant_frames < INITIAL_NR_GRANT_FRAMES ||
         (unsigned int)max_grant_frames > opt_max_grant_frames ||
         (unsigned int)max_maptrack_frames > opt_max_maptrack_frames )
        return -EINVAL;

    gt = xzalloc(struct grant_table);
    if ( !gt )
        return -ENOMEM;
    spin_lock_init(&gt->lock);
    gt->incarnation = __atomic_add_fetch(&gnttab_incarnations, 1, __ATOMIC_RELAXED);
    gt->gt_version = 1;
    gt->max_grant_frames = max_grant_frames;
    gt->domain = d;
    d->grant_table = gt;
    d->max_grant_frames = max_grant_frames;

    rc = -ENOMEM;
    gt->shared = xzalloc_array(grant_entry_v1_t *, max_grant_frames);
    gt->active = xzalloc_array(struct active_grant_entry *, 2 * max_grant_frames);
    if ( !gt->shared || !gt->active )
        goto fail;
    rc = maptrack_init(gt, max_maptrack_frames);
    if ( rc )
        goto fail;
    spin_lock(&gt->lock);
    rc = gnttab_grow_table(gt, INITIAL_NR_GRANT_FRAMES);
    spin_unlock(&gt->lock);
    if ( rc )
        goto fail;
    return 0;

 fail:
    grant_table_destroy(d);
    return rc;
}

void grant_table_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    unsigned int i;

    if ( !gt )
        return;
    for ( i = 0; gt->shared && i < gt->nr_grant_frames; i++ )
        unshare_xen_page(gt->shared[i]);
    for ( i = 0; gt->active && i < 2 * gt->nr_grant_frames; i++ )
        free_xenheap_page(gt->active[i]);
    maptrack_destroy(gt);
    xfree(gt->shared);
    xfree(gt->active);
    xfree(gt);
    d->grant_table = NULL;
}

void gnttab_release_mappings(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    grant_handle_t h, limit;

    if ( !gt )
        return;
    limit = __atomic_load_n(&gt->maptrack_limit, __ATOMIC_ACQUIRE);
    for ( h = 0; h < limit; h++ )
    {
        struct grant_mapping *map = maptrack_entry(gt, h);
        unsigned int flags = __atomic_load_n(&map->flags, __ATOMIC_ACQUIRE);
        struct active_grant_entry *act;
        struct grant_table *rgt;
        struct page_info *pg;
        struct domain *rd;

        if ( !(flags & (GNTMAP_device_map | GNTMAP_host_map)) )
            continue;
        rd = get_domain_by_id(map->domid);
        /* A granter that died took its pins with it; its frames' references stay. */
        if ( !rd || !rd->grant_table || map->incarnation != rd->grant_table->incarnation ||
             map->ref >= nr_grant_entries(rd->grant_table) )
        {
            if ( rd )
                put_domain(rd);
            put_maptrack_handle(gt, h);
            continue;
        }
        rgt = rd->grant_table;
        spin_lock(&rgt->lock);
        act = active_entry(rgt, map->ref);
        pg = mfn_valid(act->mfn) ? mfn_to_page(act->mfn) : NULL;
        /* Device mappings hold references of their own; host mappings' go with the PTEs. */
        if ( flags & GNTMAP_device_map )
        {
            act->pin -= (flags & GNTMAP_readonly) ? GNTPIN_devr_inc : GNTPIN_devw_inc;
            if ( pg && (flags & GNTMAP_readonly) )
                put_page(pg);
            else if ( pg )
                put_page_and_type(pg);
        }
        if ( flags & GNTMAP_host_map )
            act->pin -= (flags & GNTMAP_readonly) ? GNTPIN_hstr_inc : GNTPIN_hstw_inc;
        gnttab_clear_flags(&shared_entry(rgt, map->ref)->flags,
                           gnttab_status_to_clear(act->pin, flags & GNTMAP_readonly));
        spin_unlock(&rgt->lock);
        put_domain(rd);
        put_maptrack_handle(gt, h);
    }
}

/* ------------------------------------------------------------ dispatch */

/*
 * Batched sub-ops return how many entries they completed when they stop
 * early for pending work; the rest is re-issued as a continuation.
 */
long do_grant_table_op(unsigned int cmd, XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count)
{
    unsigned int opaque = cmd & ~GNTTABOP_CMD_MASK;
    size_t size = 0;
    long rc;

    if ( (int)count < 0 )
        return -EINVAL;
    cmd &= GNTTABOP_CMD_MASK;
    if ( opaque )
        return -EINVAL;
    if ( !current->domain->grant_table )
        return -ENOSYS;

    switch ( cmd )
    {
    case GNTTABOP_map_grant_ref:     size = sizeof(gnttab_map_grant_ref_t); break;
    case GNTTABOP_unmap_grant_ref:   size = sizeof(gnttab_unmap_grant_ref_t); break;
    case GNTTABOP_unmap_and_replace: size = sizeof(gnttab_unmap_and_replace_t); break;
    case GNTTABOP_transfer:          size = sizeof(gnttab_transfer_t); break;
    case GNTTABOP_copy:              size = sizeof(gnttab_copy_t); break;
    case GNTTABOP_swap_grant_ref:    size = sizeof(gnttab_swap_grant_ref_t); break;
    case GNTTABOP_cache_flush:       size = sizeof(gnttab_cache_flush_t); break;
    }
    if ( size && !guest_range_ok((unsigned long)uop.p, (unsigned long)count * size) )
        return -EFAULT;

    switch ( cmd )
    {
    case GNTTABOP_map_grant_ref:
        rc = gnttab_map_grant_ref(guest_handle_cast(uop, gnttab_map_grant_ref_t), count);
        break;
    case GNTTABOP_unmap_grant_ref:
        rc = gnttab_unmap_grant_ref(guest_handle_cast(uop, gnttab_unmap_grant_ref_t), count);
        break;
    case GNTTABOP_unmap_and_replace:
        rc = gnttab_unmap_and_replace(guest_handle_cast(uop, gnttab_unmap_and_replace_t),
                                      count);
        break;
    case GNTTABOP_setup_table:
        return gnttab_setup_table(guest_handle_cast(uop, gnttab_setup_table_t), count);
    case GNTTABOP_transfer:
        rc = gnttab_transfer(guest_handle_cast(uop, gnttab_transfer_t), count);
        break;
    case GNTTABOP_copy:
        rc = gnttab_copy(guest_handle_cast(uop, gnttab_copy_t), count);
        break;
    case GNTTABOP_query_size:
        return gnttab_query_size(guest_handle_cast(uop, gnttab_query_size_t), count);
    case GNTTABOP_set_version:
        return gnttab_set_version(guest_handle_cast(uop, gnttab_set_version_t));
    case GNTTABOP_get_status_frames:
        return gnttab_get_status_frames(guest_handle_cast(uop, gnttab_get_status_frames_t),
                                        count);
    case GNTTABOP_get_version:
        return gnttab_get_version(guest_handle_cast(uop, gnttab_get_version_t));
    case GNTTABOP_swap_grant_ref:
        rc = gnttab_swap_grant_ref(guest_handle_cast(uop, gnttab_swap_grant_ref_t), count);
        break;
    case GNTTABOP_cache_flush:
        rc = gnttab_cache_flush(guest_handle_cast(uop, gnttab_cache_flush_t), count);
        break;
    default:
        return -ENOSYS;
    }

    if ( rc > 0 )
        return hypercall_create_continuation(__HYPERVISOR_grant_table_op, "ihi", cmd,
                                             (char *)uop.p + rc * size, count - rc);
    return rc;
}

/* ------------------------------------------------------------ debug key */

static void gnttab_usage_print(struct domain *rd)
{
    struct grant_table *gt = rd->grant_table;
    bool first = true;
    grant_ref_t ref;

    unsigned int tries;

    printk("      -------- active --------       -------- shared --------\n");
    printk("[ref] localdom mfn      pin          localdom gmfn     flags\n");
    /*
     * Debug keys run in the serial interrupt, perhaps on a CPU that holds this
     * lock in a hypercall: never wait for it indefinitely.
     */
    for ( tries = 0; !spin_trylock(&gt->lock); tries++ )
    {
        if ( tries == 100000 )
        {
            printk("grant-table for remote d%d: busy, not shown\n", rd->domain_id);
            return;
        }
        cpu_relax();
    }
    printk("grant-table for remote d%d (v%u)\n"
           "  %u frames (%u max), %u maptrack frames (%u max)\n",
           rd->domain_id, gt->gt_version, gt->nr_grant_frames, gt->max_grant_frames,
           (unsigned int)(gt->maptrack_limit / MAPTRACK_PER_PAGE), gt->max_maptrack_frames);
    for ( ref = 0; ref < nr_grant_entries(gt); ref++ )
    {
        const struct active_grant_entry *act = active_entry(gt, ref);
        const grant_entry_v1_t *sha = shared_entry(gt, ref);

        if ( !act->pin )
            continue;
        first = false;
        printk("[0x%03x]  %5d 0x%lx 0x%08x      %5d 0x%06x 0x%02x\n", ref, act->domid,
               act->mfn, act->pin, sha->domid, sha->frame, sha->flags);
    }
    spin_unlock(&gt->lock);
    if ( first )
        printk("no active grant table entries\n");
}

static void gnttab_usage_print_all(unsigned char key)
{
    struct domain *d;

    printk("gnttab_usage_print_all [ key '%c' pressed\n", key);
    read_lock(&domlist_lock);
    for_each_domain ( d )
        if ( d->grant_table )
            gnttab_usage_print(d);
    read_unlock(&domlist_lock);
    printk("gnttab_usage_print_all ] done\n");
}
KEYHANDLER('g', gnttab_usage_print_all, "print grant table usage");
