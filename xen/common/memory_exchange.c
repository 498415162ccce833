/*
 * XENMEM_exchange: trade frames a domain owns for new ones, typically for frames
 * below an address limit that are machine-contiguous.  Linux's swiotlb and
 * xen_create_contiguous_region() use it to get DMA-able buffers: they give up
 * 2^order scattered frames (in: order-0 MFNs) for one extent of 2^order
 * contiguous frames below 2^address_bits (out: the PFN to place it at; the new
 * MFN is written back).
 *
 * Semantics as Xen's (public/memory.h):
 *  - in.domid == out.domid; in.nr_extents << in.extent_order equals
 *    out.nr_extents << out.extent_order; orders at most 9 (2 MiB);
 *  - work proceeds in chunks of one extent on the larger side, each chunk all or
 *    nothing; nr_exchanged counts the input extents done and survives a
 *    continuation or an error;
 *  - an input frame must be the domain's and used by nothing but its allocation
 *    (no mapping, no type): -EINVAL otherwise; no memory for the output: -ENOMEM.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/m2p.h>
#include <asm/pv/mm.h>
#include <public/memory.h>

#define EXCHANGE_MAX_ORDER 9

long memory_exchange(XEN_GUEST_HANDLE_PARAM(void) arg);

/*
 * Take 'pg' from d for good: it must hold exactly its allocation reference and
 * the caller's.  Afterwards only the caller's reference remains, and the frame
 * belongs to nobody.
 */
static bool steal_page(struct domain *d, struct page_info *pg)
{
    unsigned long want = PGC_allocated | 2;

    if ( cmpxchg(&pg->count_info, want, 1UL) != want )
        return false;
    spin_lock(&d->page_alloc_lock);
    pg->owner = DOMID_INVALID;
    page_list_del(pg, &d->page_list);
    d->tot_pages--;
    spin_unlock(&d->page_alloc_lock);
    set_gpfn_from_mfn(page_to_mfn(pg), INVALID_M2P_ENTRY);
    return true;
}

/* Undo steal_page(): d owns 'pg' again, with its allocation reference. */
static void unsteal_page(struct domain *d, struct page_info *pg, unsigned long gpfn)
{
    spin_lock(&d->page_alloc_lock);
    pg->owner = d->domain_id;
    pg->count_info = PGC_allocated | 1;
    page_list_add_tail(pg, &d->page_list);
    d->tot_pages++;
    spin_unlock(&d->page_alloc_lock);
    set_gpfn_from_mfn(page_to_mfn(pg), gpfn);
}

/*
 * One chunk: 'nin' input extents from in_base onwards for 'nout' output extents
 * from out_base onwards.  All or nothing.
 */
static int exchange_chunk(struct domain *d, struct xen_memory_exchange *x,
                          unsigned long in_base, unsigned int nin,
                          unsigned long out_base, unsigned int nout)
{
    unsigned int in_pages = 1u << x->in.extent_order;
    unsigned int total = nin * in_pages, stolen = 0, i, j, done_out = 0;
    unsigned int memflags = 0;
    struct page_info **taken;
    unsigned long *old_gpfn;
    int rc = 0;

    taken = xmalloc_array(struct page_info *, total);
    old_gpfn = xmalloc_array(unsigned long, total);
    if ( !taken || !old_gpfn )
    {
        rc = -ENOMEM;
        goto out;
    }

    /* Take the input frames. */
    for ( i = 0; i < nin && !rc; i++ )
    {
        xen_pfn_t gmfn;

        if ( copy_from_guest_offset(&gmfn, x->in.extent_start, in_base + i, 1) )
        {
            rc = -EFAULT;
            break;
        }
        for ( j = 0; j < in_pages; j++ )
        {
            unsigned long mfn = gmfn + j;
            struct page_info *pg;

            if ( !mfn_valid(mfn) || !get_page(pg = mfn_to_page(mfn), d) )
            {
                rc = -EINVAL;
                break;
            }
            old_gpfn[stolen] = get_gpfn_from_mfn(mfn);
            if ( !steal_page(d, pg) )
            {
                put_page(pg);
                rc = -EINVAL;           /* mapped, typed or shared */
                break;
            }
            taken[stolen++] = pg;
        }
    }

    /* Allocate and place the output extents. */
    if ( !rc && XENMEMF_get_address_bits(x->out.mem_flags) )
        memflags = MEMF_bits(XENMEMF_get_address_bits(x->out.mem_flags));
    for ( i = 0; i < nout && !rc; i++ )
    {
        unsigned long k, mfn;
        xen_pfn_t gpfn;
        struct page_info *pg;

        if ( copy_from_guest_offset(&gpfn, x->out.extent_start, out_base + i, 1) )
        {
            rc = -EFAULT;
            break;
        }
        pg = alloc_domheap_pages(d, x->out.extent_order, memflags);
        if ( !pg )
        {
            rc = -ENOMEM;
            break;
        }
        mfn = page_to_mfn(pg);
        for ( k = 0; k < (1UL << x->out.extent_order); k++ )
            set_gpfn_from_mfn(mfn + k, gpfn + k);
        if ( copy_to_guest_offset(x->out.extent_start, out_base + i, (xen_pfn_t *)&mfn, 1) )
        {
            /* The guest cannot learn the frame: take it back at once. */
            for ( k = 0; k < (1UL << x->out.extent_order); k++ )
                set_gpfn_from_mfn(mfn + k, INVALID_M2P_ENTRY);
            free_domheap_pages(pg, x->out.extent_order);
            rc = -EFAULT;
            break;
        }
        done_out++;
    }

    if ( rc )
    {
        /*
         * Undo.  Output extents already reported cannot be taken back safely
         * (the guest may use them); Xen has the same corner on -EFAULT.  Only
         * the first extent can fail in practice (allocation), with done_out 0.
         */
        for ( i = 0; i < stolen; i++ )
            unsteal_page(d, taken[i], old_gpfn[i]);
        if ( done_out )
            gprintk(XENLOG_G_WARNING, "memory_exchange: %u output extents kept after error %d\n",
                    done_out, rc);
    }
    else
        for ( i = 0; i < stolen; i++ )
            put_page(taken[i]);         /* the last reference: back to the heap */

 out:
    xfree(taken);
    xfree(old_gpfn);
    return rc;
}

long memory_exchange(XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct xen_memory_exchange x;
    struct domain *d, *curr = current->domain;
    unsigned int in_chunk, out_chunk;
    unsigned long i, nchunks;
    long rc = 0;

    if ( raw_copy_from_guest(&x, arg.p, sizeof(x)) )
        return -EFAULT;
    if ( x.in.extent_order > EXCHANGE_MAX_ORDER || x.out.extent_order > EXCHANGE_MAX_ORDER ||
         x.in.nr_extents > (1UL << 40) || x.out.nr_extents > (1UL << 40) ||
         (x.in.nr_extents << x.in.extent_order) != (x.out.nr_extents << x.out.extent_order) ||
         x.in.domid != x.out.domid )
        return -EINVAL;

    /* A chunk is one extent of the larger order and its match on the other side. */
    in_chunk = x.out.extent_order > x.in.extent_order
               ? 1u << (x.out.extent_order - x.in.extent_order) : 1;
    out_chunk = x.in.extent_order > x.out.extent_order
                ? 1u << (x.in.extent_order - x.out.extent_order) : 1;
    if ( x.nr_exchanged % in_chunk || x.nr_exchanged > x.in.nr_extents )
        return -EINVAL;

    if ( x.in.domid == DOMID_SELF || x.in.domid == curr->domain_id )
    {
        d = curr;
        atomic_inc(&d->refcnt);
    }
    else if ( !curr->is_privileged )
        return -EPERM;
    else if ( !(d = get_domain_by_id(x.in.domid)) )
        return -ESRCH;

    nchunks = x.in.nr_extents / in_chunk;
    for ( i = x.nr_exchanged / in_chunk; i < nchunks; i++ )
    {
        if ( i > x.nr_exchanged / in_chunk && hypercall_preempt_check() )
        {
            x.nr_exchanged = i * in_chunk;
            put_domain(d);
            if ( raw_copy_to_guest(arg.p, &x, sizeof(x)) )
                return -EFAULT;
            return hypercall_create_continuation(__HYPERVISOR_memory_op, "lh",
                                                 (unsigned long)XENMEM_exchange, arg);
        }
        rc = exchange_chunk(d, &x, i * in_chunk, in_chunk, i * out_chunk, out_chunk);
        if ( rc )
            break;
    }
    x.nr_exchanged = i * in_chunk;
    put_domain(d);
    if ( raw_copy_to_guest((char *)arg.p + offsetof(struct xen_memory_exchange, nr_exchanged),
                           &x.nr_exchanged, sizeof(x.nr_exchanged)) )
        return -EFAULT;
    return rc;
}
