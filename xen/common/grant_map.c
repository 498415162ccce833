/*
 * GNTTABOP_map_grant_ref, GNTTABOP_unmap_grant_ref and
 * GNTTABOP_unmap_and_replace (Xen 4.17's semantics, see xen/grant_table.h).
 *
 * Mapping pins the granting domain's active entry (setting GTF_reading, and
 * GTF_writing for a writable map, in its shared entry), takes the page and
 * type references the mapping needs, writes the PTE (PV host mapping) and
 * records the mapping in the mapper's maptrack.  Each step that can fail
 * comes before the maptrack entry is published, and is undone in reverse
 * order on failure.
 *
 * Unmapping works in batches of 32: first each mapping is taken apart (PTE
 * cleared, maptrack entry freed), then the mapper's TLBs are flushed once,
 * and only then are the pins and references dropped, so the granting domain
 * cannot reuse the frame while a stale translation may still reach it.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/flushtlb.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/pv/mm.h>

#define GNTTAB_UNMAP_BATCH_SIZE 32

/* Shared between the two phases of an unmap. */
struct gnttab_unmap_common {
    /* in */
    u64 host_addr;
    u64 dev_bus_addr;
    u64 new_addr;
    grant_handle_t handle;
    /* out */
    s16 status;
    /* phase 1 to phase 2 */
    u16 done;                   /* GNTMAP_host_map/device_map taken apart, + readonly */
    unsigned long mfn;
    struct domain *rd;          /* holds a reference while done != 0 */
    grant_ref_t ref;
};

static void gnttab_flush_tlb(struct domain *d)
{
    flush_tlb_mask(&d->arch.pv.dirty_cpumask);
}

/* Map one grant; fills in op->status (and handle, dev_bus_addr on success). */
static void map_grant_ref(struct gnttab_map_grant_ref *op)
{
    struct domain *ld = current->domain, *rd;
    struct grant_table *lgt = ld->grant_table, *rgt;
    struct active_grant_entry *act;
    grant_entry_v1_t *sha;
    struct grant_mapping *mt;
    struct page_info *pg = NULL;
    unsigned int refcnt = 0, typecnt = 0;
    bool readonly = op->flags & GNTMAP_readonly;
    u32 pin_incr = gnttab_pin_incr(op->flags);
    grant_handle_t handle;
    unsigned long mfn;
    int rc;

    if ( !pin_incr )
    {
        gprintk(XENLOG_G_INFO, "bad flags in grant map op: %#x\n", op->flags);
        op->status = GNTST_bad_gntref;
        return;
    }
    /* DOMID_SELF is not a granting domain here (Xen's rcu_lock_domain_by_id). */
    rd = get_domain_by_id(op->dom);
    if ( !rd || !rd->grant_table )
    {
        if ( rd )
            put_domain(rd);
        op->status = GNTST_bad_domain;
        return;
    }
    handle = get_maptrack_handle(lgt);
    if ( handle == MAPTRACK_TAIL )
    {
        gprintk(XENLOG_G_INFO, "failed to obtain maptrack handle\n");
        put_domain(rd);
        op->status = GNTST_no_space;
        return;
    }

    rgt = rd->grant_table;
    spin_lock(&rgt->lock);
    if ( op->ref >= nr_grant_entries(rgt) )
    {
        rc = GNTST_bad_gntref;
        goto unlock_out;
    }
    act = active_entry(rgt, op->ref);
    sha = shared_entry(rgt, op->ref);
    if ( act->pin && (act->domid != ld->domain_id || (act->pin & GNTPIN_overflow)) )
    {
        rc = GNTST_general_error;
        goto unlock_out;
    }
    if ( !act->pin || (!readonly && !(act->pin & GNTPIN_write_mask)) )
    {
        rc = gnttab_set_status_v1((u32 *)sha, ld->domain_id, act->pin, readonly, true);
        if ( rc != GNTST_okay )
            goto unlock_out;
        if ( !act->pin )
        {
            unsigned long frame = __atomic_load_n(&sha->frame, __ATOMIC_RELAXED);

            /* PV: the entry names a machine frame, which must be rd's RAM. */
            if ( !mfn_valid(frame) || !get_page(mfn_to_page(frame), rd) )
            {
                rc = GNTST_bad_page;
                goto unlock_out_clear;
            }
            pg = mfn_to_page(frame);
            act->domid = ld->domain_id;
            act->mfn = frame;
        }
    }
    act->pin += pin_incr;
    mfn = act->mfn;
    spin_unlock(&rgt->lock);

    /* A reference for this mapping (the first pin's is already taken). */
    rc = GNTST_general_error;
    if ( !pg )
    {
        pg = mfn_valid(mfn) ? mfn_to_page(mfn) : NULL;
        if ( !pg || !get_page(pg, rd) )
            goto could_not_pin;
    }
    refcnt++;
    if ( (op->flags & GNTMAP_device_map) && !readonly )
    {
        if ( get_page_type(pg, PGT_writable_page) )
            goto could_not_pin;
        typecnt++;
    }
    if ( op->flags & GNTMAP_host_map )
    {
        /* Device and host mappings each hold their own reference. */
        if ( op->flags & GNTMAP_device_map )
        {
            if ( !get_page(pg, rd) )
                goto could_not_pin;
            refcnt++;
        }
        if ( !readonly )
        {
            if ( get_page_type(pg, PGT_writable_page) )
                goto could_not_pin;
            typecnt++;
        }
        rc = create_grant_pv_mapping(op->host_addr, mfn, op->flags, 0);
        if ( rc != GNTST_okay )
            goto undo_out;
    }

    /* Users of a maptrack entry read its flags first: store them last. */
    mt = maptrack_entry(lgt, handle);
    mt->domid = op->dom;
    mt->ref = op->ref;
    mt->incarnation = rgt->incarnation;
    __atomic_store_n(&mt->flags, op->flags, __ATOMIC_RELEASE);

    op->dev_bus_addr = (u64)mfn << PAGE_SHIFT;
    op->handle = handle;
    op->status = GNTST_okay;
    put_domain(rd);
    return;

 could_not_pin:
    if ( !rd->is_dying )
        gprintk(XENLOG_G_WARNING, "could not pin grant frame %#lx\n", mfn);
    rc = GNTST_general_error;
 undo_out:
    while ( typecnt-- )
        put_page_type(pg);
    while ( refcnt-- )
        put_page(pg);
    spin_lock(&rgt->lock);
    act = active_entry(rgt, op->ref);
    sha = shared_entry(rgt, op->ref);
    act->pin -= pin_incr;
 unlock_out_clear:
    gnttab_clear_flags(&sha->flags, gnttab_status_to_clear(act->pin, readonly));
 unlock_out:
    spin_unlock(&rgt->lock);
    op->status = rc;
    put_maptrack_handle(lgt, handle);
    put_domain(rd);
}

long gnttab_map_grant_ref(XEN_GUEST_HANDLE_PARAM(gnttab_map_grant_ref_t) uop,
                          unsigned int count)
{
    struct gnttab_map_grant_ref op;
    unsigned int i;

    for ( i = 0; i < count; i++ )
    {
        if ( i && hypercall_preempt_check() )
            return i;
        if ( copy_from_guest_offset(&op, uop, i, 1) )
            return -EFAULT;
        map_grant_ref(&op);
        if ( copy_to_guest_offset(uop, i, &op, 1) )
            return -EFAULT;
    }
    return 0;
}

/*
 * Phase 1 of an unmap: check the handle, clear the PTE (or move the one at
 * new_addr there) and free the maptrack entry once nothing of it is left.
 */
static void unmap_common(struct gnttab_unmap_common *op)
{
    struct domain *ld = current->domain, *rd;
    struct grant_table *lgt = ld->grant_table, *rgt;
    struct active_grant_entry *act;
    struct grant_mapping *map;
    unsigned int flags;
    domid_t dom;
    int rc = GNTST_okay;
    bool put_handle = false;

    op->done = 0;
    op->rd = NULL;
    if ( op->handle >= __atomic_load_n(&lgt->maptrack_limit, __ATOMIC_ACQUIRE) )
    {
        op->status = GNTST_bad_handle;
        return;
    }
    map = maptrack_entry(lgt, op->handle);
    if ( !__atomic_load_n(&map->flags, __ATOMIC_ACQUIRE) )
    {
        op->status = GNTST_bad_handle;
        return;
    }
    dom = map->domid;
    rd = get_domain_by_id(dom);
    if ( !rd || !rd->grant_table ||
         __atomic_load_n(&map->incarnation, __ATOMIC_RELAXED) != rd->grant_table->incarnation )
    {
        /*
         * The granting domain is gone, perhaps replaced by another of that id
         * (Xen crashes the mapper here, as its domains outlive their
         * mappings).  Leave the mapping alone: the PTE keeps its references
         * until the mapper replaces it or dies.
         */
        gprintk(XENLOG_G_WARNING, "unmap of handle %#x: granting d%d is gone\n",
                op->handle, dom);
        if ( rd )
            put_domain(rd);
        op->status = GNTST_bad_domain;
        return;
    }
    rgt = rd->grant_table;

    spin_lock(&rgt->lock);
    /* Recheck under the lock: a racing unmap may have freed the handle. */
    flags = __atomic_load_n(&map->flags, __ATOMIC_ACQUIRE);
    op->ref = map->ref;
    if ( !flags || map->domid != dom || map->incarnation != rgt->incarnation ||
         op->ref >= nr_grant_entries(rgt) )
    {
        rc = GNTST_bad_handle;
        goto out;
    }
    act = active_entry(rgt, op->ref);
    op->mfn = act->mfn;
    if ( op->dev_bus_addr && (flags & GNTMAP_device_map) &&
         op->dev_bus_addr != ((u64)act->mfn << PAGE_SHIFT) )
    {
        rc = GNTST_bad_dev_addr;
        goto out;
    }
    if ( op->host_addr && (flags & GNTMAP_host_map) )
    {
        rc = replace_grant_pv_mapping(op->host_addr, op->mfn, op->new_addr, flags);
        if ( rc != GNTST_okay )
            goto out;
        map->flags &= ~GNTMAP_host_map;
        op->done |= GNTMAP_host_map | (flags & GNTMAP_readonly);
    }
    if ( op->dev_bus_addr && (flags & GNTMAP_device_map) )
    {
        map->flags &= ~GNTMAP_device_map;
        op->done |= GNTMAP_device_map | (flags & GNTMAP_readonly);
    }
    if ( !(map->flags & (GNTMAP_device_map | GNTMAP_host_map)) )
        put_handle = true;
 out:
    spin_unlock(&rgt->lock);
    if ( put_handle )
        put_maptrack_handle(lgt, op->handle);
    op->status = rc;
    if ( op->done )
        op->rd = rd;
    else
        put_domain(rd);
}

/* Phase 2, after the TLB flush: drop the references and pins phase 1 freed. */
static void unmap_common_complete(struct gnttab_unmap_common *op)
{
    struct domain *rd = op->rd;
    struct grant_table *rgt;
    struct active_grant_entry *act;
    struct page_info *pg;
    bool readonly = op->done & GNTMAP_readonly;

    if ( !op->done )
        return;
    rgt = rd->grant_table;
    pg = mfn_valid(op->mfn) ? mfn_to_page(op->mfn) : NULL;

    spin_lock(&rgt->lock);
    act = active_entry(rgt, op->ref);
    if ( op->done & GNTMAP_device_map )
    {
        if ( pg && readonly )
            put_page(pg);
        else if ( pg )
            put_page_and_type(pg);
        act->pin -= readonly ? GNTPIN_devr_inc : GNTPIN_devw_inc;
    }
    if ( op->done & GNTMAP_host_map )
    {
        if ( pg && readonly )
            put_page(pg);
        else if ( pg )
            put_page_and_type(pg);
        act->pin -= readonly ? GNTPIN_hstr_inc : GNTPIN_hstw_inc;
    }
    gnttab_clear_flags(&shared_entry(rgt, op->ref)->flags,
                       gnttab_status_to_clear(act->pin, readonly));
    spin_unlock(&rgt->lock);
    put_domain(rd);
    op->rd = NULL;
}

/* Finish a batch: one TLB flush, then the references. */
static void unmap_batch_complete(struct gnttab_unmap_common *common, unsigned int n)
{
    unsigned int i;

    gnttab_flush_tlb(current->domain);
    for ( i = 0; i < n; i++ )
        unmap_common_complete(&common[i]);
}

long gnttab_unmap_grant_ref(XEN_GUEST_HANDLE_PARAM(gnttab_unmap_grant_ref_t) uop,
                            unsigned int count)
{
    struct gnttab_unmap_common common[GNTTAB_UNMAP_BATCH_SIZE];
    struct gnttab_unmap_grant_ref op;
    unsigned int done = 0, i, c;

    while ( count )
    {
        c = min(count, (unsigned int)GNTTAB_UNMAP_BATCH_SIZE);
        for ( i = 0; i < c; i++ )
        {
            if ( copy_from_guest(&op, uop, 1) )
                goto fault;
            common[i].host_addr = op.host_addr;
            common[i].dev_bus_addr = op.dev_bus_addr;
            common[i].new_addr = 0;
            common[i].handle = op.handle;
            unmap_common(&common[i]);
            op.status = common[i].status;
            if ( copy_field_to_guest(uop, &op, status) )
            {
                i++;
                goto fault;
            }
            guest_handle_add_offset(uop, 1);
        }
        unmap_batch_complete(common, c);
        count -= c;
        done += c;
        if ( count && hypercall_preempt_check() )
            return done;
    }
    return 0;

 fault:
    unmap_batch_complete(common, i);
    return -EFAULT;
}

long gnttab_unmap_and_replace(XEN_GUEST_HANDLE_PARAM(gnttab_unmap_and_replace_t) uop,
                              unsigned int count)
{
    struct gnttab_unmap_common common[GNTTAB_UNMAP_BATCH_SIZE];
    struct gnttab_unmap_and_replace op;
    unsigned int done = 0, i, c;

    while ( count )
    {
        c = min(count, (unsigned int)GNTTAB_UNMAP_BATCH_SIZE);
        for ( i = 0; i < c; i++ )
        {
            if ( copy_from_guest(&op, uop, 1) )
                goto fault;
            common[i].host_addr = op.host_addr;
            common[i].dev_bus_addr = 0;
            common[i].new_addr = op.new_addr;
            common[i].handle = op.handle;
            unmap_common(&common[i]);
            op.status = common[i].status;
            if ( copy_field_to_guest(uop, &op, status) )
            {
                i++;
                goto fault;
            }
            guest_handle_add_offset(uop, 1);
        }
        unmap_batch_complete(common, c);
        count -= c;
        done += c;
        if ( count && hypercall_preempt_check() )
            return done;
    }
    return 0;

 fault:
    unmap_batch_complete(common, i);
    return -EFAULT;
}
