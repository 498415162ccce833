/*
 * Grant mappings in PV page tables (the arch half of GNTTABOP_map_grant_ref
 * and the unmaps, see xen/grant_table.h).
 *
 * A host mapping is one L1 entry of the mapping domain, written by the
 * hypervisor: at a linear address (found by walking the vCPU's kernel page
 * tables) or, with GNTMAP_contains_pte, at the machine address of the entry,
 * which must lie in a validated L1 page table of the caller.  The entry
 * carries the page reference (and writable type) the grant code took, like
 * any validated PTE: removing it through the grant interface hands those
 * back to the grant code; overwriting it through mmu_update releases them as
 * for any PTE (Xen's release builds behave the same; the grant then stays
 * pinned until the mapper dies).  Entries are changed under the domain's
 * mmu_lock, as mmu_update changes them.
 */
#include <xen/lib.h>
#include <xen/grant_table.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/pv/mm.h>

#define _PAGE_AVAIL (_PAGE_AVAIL0 | _PAGE_AVAIL1 | _PAGE_AVAIL2)

u64 grant_to_pte_flags(unsigned int flags, unsigned int cache_flags)
{
    u64 pte = _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_NX;
    unsigned int attr = cache_flags >> _GTF_PWT;   /* GTF_PWT/PCD/PAT as bits 0-2 */

    if ( flags & GNTMAP_application_map )
        pte |= _PAGE_USER;
    if ( !(flags & GNTMAP_readonly) )
        pte |= _PAGE_RW;
    /* XENFEAT_gnttab_map_avail_bits: GNTMAP_guest_avail0.. go to PTE bits 9-11. */
    pte |= ((u64)(flags >> _GNTMAP_guest_avail0) << 9) & _PAGE_AVAIL;
    pte |= ((attr & 4) ? _PAGE_PAT : 0) | ((attr & 2) ? _PAGE_PCD : 0) |
           ((attr & 1) ? _PAGE_PWT : 0);
    return pte;
}

/*
 * The L1 entry a grant operation names: by machine address (contains_pte)
 * or linear address.  The L1 page is returned referenced in *l1pg.  Caller
 * holds d's mmu_lock.  NULL if addr names no validated L1 entry of d.
 */
static u64 *grant_l1e(struct vcpu *v, u64 addr, bool contains_pte, struct page_info **l1pg)
{
    struct domain *d = v->domain;
    struct page_info *pg;
    u64 *pl1e;

    if ( contains_pte )
    {
        unsigned long mfn = addr >> PAGE_SHIFT;

        /* Misaligned would write across two entries. */
        if ( !IS_ALIGNED(addr, sizeof(u64)) || !mfn_valid(mfn) )
            return NULL;
        pg = mfn_to_page(mfn);
        pl1e = (u64 *)page_to_virt(pg) + ((addr & ~PAGE_MASK) >> 3);
    }
    else
    {
        if ( !guest_range_ok(addr, 1) )
            return NULL;
        pl1e = guest_l1e_for_va(v, addr, &pg);
        if ( !pl1e )
            return NULL;
    }
    if ( !get_page(pg, d) )
        return NULL;
    if ( (pg->type_info & (PGT_type_mask | PGT_validated)) !=
         (PGT_l1_page_table | PGT_validated) )
    {
        put_page(pg);
        return NULL;
    }
    *l1pg = pg;
    return pl1e;
}

int create_grant_pv_mapping(u64 addr, unsigned long mfn, unsigned int flags,
                            unsigned int cache_flags)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    struct page_info *l1pg;
    u64 nl1e, ol1e, *pl1e;

    nl1e = adjust_guest_l1e(((u64)mfn << PAGE_SHIFT) | grant_to_pte_flags(flags, cache_flags));

    spin_lock(&d->arch.pv.mmu_lock);
    pl1e = grant_l1e(v, addr, flags & GNTMAP_contains_pte, &l1pg);
    if ( !pl1e )
    {
        spin_unlock(&d->arch.pv.mmu_lock);
        gprintk(XENLOG_G_WARNING, "grant map: no L1 entry for %s %#lx\n",
                (flags & GNTMAP_contains_pte) ? "PTE address" : "linear address",
                (unsigned long)addr);
        return GNTST_general_error;
    }
    ol1e = xchg(pl1e, nl1e);
    put_page(l1pg);
    /* What was there loses its references, as when mmu_update replaces it. */
    put_page_from_l1e(ol1e, d);
    spin_unlock(&d->arch.pv.mmu_lock);
    return GNTST_okay;
}

int replace_grant_pv_mapping(u64 addr, unsigned long mfn, u64 new_addr, unsigned int flags)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    u64 want = grant_to_pte_flags(flags, 0), nl1e = 0, ol1e, *pl1e;
    struct page_info *l1pg;
    int rc = GNTST_general_error;

    /* Only linear addresses can give up their PTE (GNTTABOP_unmap_and_replace). */
    if ( (flags & GNTMAP_contains_pte) && new_addr )
        return GNTST_general_error;

    spin_lock(&d->arch.pv.mmu_lock);
    if ( new_addr )
    {
        pl1e = grant_l1e(v, new_addr, false, &l1pg);
        if ( !pl1e )
        {
            gprintk(XENLOG_G_WARNING, "grant unmap: no L1 entry for new address %#lx\n",
                    (unsigned long)new_addr);
            goto out;
        }
        nl1e = xchg(pl1e, 0);
        put_page(l1pg);
    }
    pl1e = grant_l1e(v, addr, flags & GNTMAP_contains_pte, &l1pg);
    if ( !pl1e )
        goto out;
    ol1e = READ_ONCE(*pl1e);
    /* The entry must map the granted frame, present and writable as granted. */
    if ( ((ol1e & PTE_ADDR_MASK) >> PAGE_SHIFT) != mfn ||
         ((ol1e ^ want) & (_PAGE_PRESENT | _PAGE_RW)) )
        gprintk(XENLOG_G_ERR, "PTE %#lx at %#lx does not match grant frame %#lx\n",
                (unsigned long)ol1e, (unsigned long)addr, mfn);
    else
    {
        xchg(pl1e, nl1e);
        rc = GNTST_okay;
    }
    put_page(l1pg);
 out:
    /* On failure the stolen entry is ours to release. */
    if ( rc != GNTST_okay )
        put_page_from_l1e(nl1e, d);
    spin_unlock(&d->arch.pv.mmu_lock);
    return rc;
}
