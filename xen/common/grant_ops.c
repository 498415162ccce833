/*
 * Grant-table sub-operations on a whole table (Xen 4.17's semantics, see
 * docs/hypervisor/grant-tables.md): setup_table, query_size, set_version,
 * get_version, get_status_frames, swap_grant_ref and cache_flush.  Only
 * version 1 is offered, as Xen 4.17 with gnttab=max-ver:1.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/pv/mm.h>

long gnttab_setup_table(XEN_GUEST_HANDLE_PARAM(gnttab_setup_table_t) uop,
                        unsigned int count)
{
    struct gnttab_setup_table op;
    struct grant_table *gt;
    struct domain *d;
    unsigned int i;
    int st;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, uop, 1) )
        return -EFAULT;
    if ( !guest_handle_okay(op.frame_list, op.nr_frames) )
        return -EFAULT;

    d = gnttab_target_domain(op.dom, &st);
    if ( !d )
    {
        op.status = st;
        goto out;
    }
    gt = d->grant_table;
    spin_lock(&gt->lock);
    if ( op.nr_frames > gt->max_grant_frames )
    {
        gprintk(XENLOG_G_INFO, "d%d is limited to %u grant-table frames\n",
                d->domain_id, gt->max_grant_frames);
        op.status = GNTST_general_error;
    }
    else if ( op.nr_frames > gt->nr_grant_frames && gnttab_grow_table(gt, op.nr_frames) )
    {
        gprintk(XENLOG_G_INFO, "expanding d%d's grant table to %u frames failed\n",
                d->domain_id, op.nr_frames);
        op.status = GNTST_general_error;
    }
    else
    {
        op.status = GNTST_okay;
        for ( i = 0; i < op.nr_frames; i++ )
        {
            xen_pfn_t mfn = virt_to_mfn(gt->shared[i]);

            if ( copy_to_guest_offset(op.frame_list, i, &mfn, 1) )
                op.status = GNTST_bad_virt_addr;
        }
    }
    spin_unlock(&gt->lock);
    put_domain(d);
 out:
    return copy_field_to_guest(uop, &op, status) ? -EFAULT : 0;
}

long gnttab_query_size(XEN_GUEST_HANDLE_PARAM(gnttab_query_size_t) uop,
                       unsigned int count)
{
    struct gnttab_query_size op;
    struct domain *d;
    int st;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, uop, 1) )
        return -EFAULT;
    d = gnttab_target_domain(op.dom, &st);
    if ( d )
    {
        op.nr_frames = __atomic_load_n(&d->grant_table->nr_grant_frames, __ATOMIC_ACQUIRE);
        op.max_nr_frames = d->grant_table->max_grant_frames;
        op.status = GNTST_okay;
        put_domain(d);
    }
    else
        op.status = st;
    return copy_to_guest(uop, &op, 1) ? -EFAULT : 0;
}

/* Only version 1: -EINVAL for a version that does not exist, -ENOSYS for 2. */
long gnttab_set_version(XEN_GUEST_HANDLE_PARAM(gnttab_set_version_t) uop)
{
    struct grant_table *gt = current->domain->grant_table;
    gnttab_set_version_t op;
    long rc;

    if ( copy_from_guest(&op, uop, 1) )
        return -EFAULT;
    if ( op.version != 1 && op.version != 2 )
        rc = -EINVAL;
    else if ( op.version == 2 )
        rc = -ENOSYS;
    else
        rc = 0;                             /* already version 1 */
    op.version = gt->gt_version;
    if ( copy_to_guest(uop, &op, 1) )
        rc = -EFAULT;
    return rc;
}

long gnttab_get_version(XEN_GUEST_HANDLE_PARAM(gnttab_get_version_t) uop)
{
    gnttab_get_version_t op;
    struct domain *d;
    int st;

    if ( copy_from_guest(&op, uop, 1) )
        return -EFAULT;
    d = gnttab_target_domain(op.dom, &st);
    if ( !d )
        return st == GNTST_bad_domain ? -ESRCH : -EPERM;
    op.version = d->grant_table->gt_version;
    put_domain(d);
    return copy_field_to_guest(uop, &op, version) ? -EFAULT : 0;
}

/* Version 1 has no status frames: asking for any is GNTST_general_error. */
long gnttab_get_status_frames(XEN_GUEST_HANDLE_PARAM(gnttab_get_status_frames_t) uop,
                              unsigned int count)
{
    gnttab_get_status_frames_t op;
    struct domain *d;
    int st;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, uop, 1) )
        return -EFAULT;
    d = gnttab_target_domain(op.dom, &st);
    if ( d )
    {
        op.status = op.nr_frames ? GNTST_general_error : GNTST_okay;
        put_domain(d);
    }
    else
        op.status = st;
    return copy_field_to_guest(uop, &op, status) ? -EFAULT : 0;
}

/* Exchange two entries of the caller's table, neither of them in use. */
static int swap_grant_ref(grant_ref_t a, grant_ref_t b)
{
    struct grant_table *gt = current->domain->grant_table;
    grant_entry_v1_t tmp;
    int rc = GNTST_okay;

    spin_lock(&gt->lock);
    if ( a >= nr_grant_entries(gt) || b >= nr_grant_entries(gt) )
        rc = GNTST_bad_gntref;
    else if ( a != b && (active_entry(gt, a)->pin || active_entry(gt, b)->pin) )
        rc = GNTST_eagain;
    else if ( a != b )
    {
        tmp = *shared_entry(gt, a);
        *shared_entry(gt, a) = *shared_entry(gt, b);
        *shared_entry(gt, b) = tmp;
    }
    spin_unlock(&gt->lock);
    return rc;
}

long gnttab_swap_grant_ref(XEN_GUEST_HANDLE_PARAM(gnttab_swap_grant_ref_t) uop,
                           unsigned int count)
{
    gnttab_swap_grant_ref_t op;
    unsigned int i;

    for ( i = 0; i < count; i++ )
    {
        if ( i && hypercall_preempt_check() )
            return i;
        if ( copy_from_guest(&op, uop, 1) )
            return -EFAULT;
        op.status = swap_grant_ref(op.ref_a, op.ref_b);
        if ( copy_field_to_guest(uop, &op, status) )
            return -EFAULT;
        guest_handle_add_offset(uop, 1);
    }
    return 0;
}

/*
 * GNTTABOP_cache_flush, for a frame the caller owns or has mapped from a
 * grant: x86 caches are coherent, so "clean" writes the lines back (as Xen
 * does) and "invalidate" alone is not offered.  GNTTAB_CACHE_SOURCE_GREF is
 * outside the op bits checked, hence -EINVAL, as in Xen 4.17.
 */
static int cache_flush(const gnttab_cache_flush_t *cf)
{
    struct domain *d = current->domain;
    unsigned long mfn = cf->a.dev_bus_addr >> PAGE_SHIFT;
    struct page_info *pg;
    struct domain *owner;
    unsigned long p, end;
    int rc = 0;

    if ( cf->offset >= PAGE_SIZE || cf->length > PAGE_SIZE ||
         cf->offset + cf->length > PAGE_SIZE ||
         (cf->op & ~(GNTTAB_CACHE_INVAL | GNTTAB_CACHE_CLEAN)) )
        return -EINVAL;
    if ( !cf->length || !cf->op )
        return 0;
    if ( !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    owner = get_domain_by_id(pg->owner);
    if ( !owner || !owner->grant_table || !get_page(pg, owner) )
    {
        if ( owner )
            put_domain(owner);
        return -EPERM;
    }
    if ( owner != d )
    {
        struct grant_table *ogt = owner->grant_table;
        grant_ref_t ref;

        /* The caller must have that frame mapped through one of owner's grants. */
        rc = -EINVAL;
        spin_lock(&ogt->lock);
        for ( ref = 0; ref < nr_grant_entries(ogt) && rc; ref++ )
        {
            const struct active_grant_entry *act = active_entry(ogt, ref);

            if ( act->pin && act->domid == d->domain_id && act->mfn == mfn )
                rc = 0;
        }
        spin_unlock(&ogt->lock);
    }
    if ( !rc && !(cf->op & GNTTAB_CACHE_CLEAN) )
        rc = -EOPNOTSUPP;
    if ( !rc )
    {
        p = (unsigned long)mfn_to_virt(mfn) + cf->offset;
        end = p + cf->length;
        for ( p &= ~63UL; p < end; p += 64 )
            asm volatile ( "clflush %0" :: "m" (*(const char *)p) );
        asm volatile ( "mfence" ::: "memory" );
    }
    put_page(pg);
    put_domain(owner);
    return rc;
}

long gnttab_cache_flush(XEN_GUEST_HANDLE_PARAM(gnttab_cache_flush_t) uop,
                        unsigned int count)
{
    gnttab_cache_flush_t op;
    unsigned int i;
    int rc;

    for ( i = 0; i < count; i++ )
    {
        if ( i && hypercall_preempt_check() )
            return i;
        if ( copy_from_guest_offset(&op, uop, i, 1) )
            return -EFAULT;
        rc = cache_flush(&op);
        if ( rc < 0 )
            return rc;
    }
    return 0;
}
