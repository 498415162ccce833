/*
 * GNTTABOP_transfer (PV only, Xen 4.17's semantics): the caller gives one of
 * its frames to a domain that offered a grant entry with GTF_accept_transfer
 * for the caller.  The frame must be an ordinary page of the caller that
 * nothing else references (no mapping, no type): the hypervisor takes it
 * away first ("steals" it), then gives it to the receiver, writes its MFN
 * into the entry and sets GTF_transfer_completed.  Once stolen, the frame is
 * lost to the caller even if the transfer then fails (it is freed), as in
 * Xen; only GNTST_bad_page leaves it with the caller.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/flushtlb.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/m2p.h>
#include <asm/pv/mm.h>

/*
 * Take pg away from d: it must be d's, hold only its allocation reference
 * (besides ours) and no hypervisor page.  On success the frame is ownerless
 * with a zero count, off d's list.  Returns 0 or -EINVAL.
 */
static int steal_page(struct domain *d, struct page_info *pg)
{
    unsigned long x, want = PGC_allocated | 2;

    if ( !get_page(pg, d) )
        return -EINVAL;
    x = READ_ONCE(pg->count_info);
    if ( (x & (PGC_xen_heap | PGC_allocated | PGC_count_mask)) != want ||
         (pg->type_info & PGT_count_mask) ||
         cmpxchg(&pg->count_info, x, x & ~(PGC_allocated | PGC_count_mask)) != x )
    {
        put_page(pg);
        return -EINVAL;
    }
    /* With a zero count nobody can take a reference any more. */
    spin_lock(&d->page_alloc_lock);
    pg->type_info = 0;
    pg->owner = DOMID_INVALID;
    page_list_del(pg, &d->page_list);
    d->tot_pages--;
    spin_unlock(&d->page_alloc_lock);
    set_gpfn_from_mfn(page_to_mfn(pg), INVALID_M2P_ENTRY);
    return 0;
}

/*
 * Commit grant ref of e for a transfer from d: the entry must be exactly
 * GTF_accept_transfer for d; GTF_transfer_committed is set with bounded
 * compare-and-exchange.
 */
static bool gnttab_prepare_for_transfer(struct domain *e, struct domain *d, grant_ref_t ref)
{
    struct grant_table *gt = e->grant_table;
    unsigned int tries;
    bool ok = false;
    u32 *raw, seen;

    spin_lock(&gt->lock);
    if ( ref >= nr_grant_entries(gt) )
        goto out;
    raw = (u32 *)shared_entry(gt, ref);
    seen = __atomic_load_n(raw, __ATOMIC_SEQ_CST);
    for ( tries = 0; tries < 5 && !ok; tries++ )
    {
        u32 found;

        if ( (seen & 0xffff) != GTF_accept_transfer || (seen >> 16) != d->domain_id )
            break;
        found = cmpxchg(raw, seen, seen | GTF_transfer_committed);
        ok = found == seen;
        seen = found;
    }
 out:
    spin_unlock(&gt->lock);
    return ok;
}

/* Transfer one frame; returns the GNTST_* status for the caller. */
static int transfer_one(struct domain *d, const struct gnttab_transfer *gop)
{
    struct page_info *pg;
    struct domain *e;
    grant_entry_v1_t *sha;
    unsigned long mfn = gop->mfn;
    int rc = GNTST_general_error;

    if ( !mfn_valid(mfn) || steal_page(d, mfn_to_page(mfn)) )
        return GNTST_bad_page;
    pg = mfn_to_page(mfn);
    flush_tlb_mask(&d->arch.pv.dirty_cpumask);

    e = get_domain_by_id(gop->domid);
    if ( !e || !e->grant_table )
    {
        rc = GNTST_bad_domain;
        goto free_out;
    }
    /* A v1 entry holds 32 bits of frame number: move the page below 2^44 first. */
    if ( mfn >> 32 )
    {
        struct page_info *low = alloc_domheap_pages(NULL, 0, MEMF_no_owner | MEMF_bits(44));

        if ( !low )
        {
            rc = GNTST_address_too_big;
            goto free_out;
        }
        memcpy(page_to_virt(low), page_to_virt(pg), PAGE_SIZE);
        free_domheap_page(pg);
        pg = low;
        mfn = page_to_mfn(pg);
    }

    /* Reserve room in e, then commit the entry, then hand the page over. */
    spin_lock(&e->page_alloc_lock);
    if ( e->is_dying || e->tot_pages >= e->max_pages )
    {
        spin_unlock(&e->page_alloc_lock);
        goto free_out;
    }
    e->tot_pages++;
    spin_unlock(&e->page_alloc_lock);
    if ( !gnttab_prepare_for_transfer(e, d, gop->ref) )
    {
        spin_lock(&e->page_alloc_lock);
        e->tot_pages--;
        spin_unlock(&e->page_alloc_lock);
        goto free_out;
    }
    spin_lock(&e->page_alloc_lock);
    if ( e->is_dying )
    {
        /* Died meanwhile: the reservation goes, and the page (the entry stays committed). */
        e->tot_pages--;
        spin_unlock(&e->page_alloc_lock);
        goto free_out;
    }
    pg->owner = e->domain_id;
    pg->type_info = 0;
    __atomic_store_n(&pg->count_info, PGC_allocated | 1, __ATOMIC_RELEASE);
    page_list_add_tail(pg, &e->page_list);
    spin_unlock(&e->page_alloc_lock);

    /* Tell the receiver about its new frame (PV: the entry takes the MFN). */
    spin_lock(&e->grant_table->lock);
    sha = shared_entry(e->grant_table, gop->ref);
    set_gpfn_from_mfn(mfn, sha->frame);
    sha->frame = mfn;
    __atomic_fetch_or(&sha->flags, GTF_transfer_completed, __ATOMIC_SEQ_CST);
    spin_unlock(&e->grant_table->lock);
    put_domain(e);
    return GNTST_okay;

 free_out:
    if ( e )
        put_domain(e);
    free_domheap_page(pg);
    return rc;
}

long gnttab_transfer(XEN_GUEST_HANDLE_PARAM(gnttab_transfer_t) uop, unsigned int count)
{
    struct domain *d = current->domain;
    struct gnttab_transfer gop;
    unsigned int i;

    for ( i = 0; i < count; i++ )
    {
        if ( i && hypercall_preempt_check() )
            return i;
        if ( copy_from_guest(&gop, uop, 1) )
            return -EFAULT;
        gop.status = transfer_one(d, &gop);
        if ( copy_field_to_guest(uop, &gop, status) )
            return -EFAULT;
        guest_handle_add_offset(uop, 1);
    }
    return 0;
}
