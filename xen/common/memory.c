/*
 * memory_op: the memory a domain has and may have, the machine memory map for
 * domain 0, the machine-to-phys table's location, and giving memory back and
 * getting it again (ballooning).
 *
 * For a PV guest, extent lists hold machine frames (decrease_reservation) or guest
 * pfns to fill (populate_physmap, the new MFN written back), as in Xen.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/domain.h>
#include <asm/domain.h>
#include <asm/e820.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/m2p.h>
#include <asm/pv/mm.h>
#include <public/memory.h>

long memory_exchange(XEN_GUEST_HANDLE_PARAM(void) arg);     /* memory_exchange.c */

/* The domain a memory_op names (DOMID_SELF, or any for a privileged caller). */
static struct domain *memop_domain(domid_t dom, long *rc)
{
    struct domain *curr = current->domain, *d;

    if ( dom == DOMID_SELF || dom == curr->domain_id )
    {
        atomic_inc(&curr->refcnt);
        return curr;
    }
    if ( !curr->is_privileged )
    {
        *rc = -EPERM;
        return NULL;
    }
    d = get_domain_by_id(dom);
    if ( !d )
        *rc = -ESRCH;
    return d;
}

/*
 * Take a frame away from its domain (decrease_reservation): it must be the
 * domain's, not a page table or otherwise typed, and mapped by nothing else; the
 * allocation reference goes and the frame returns to the heap once unused.
 */
static int guest_remove_page(struct domain *d, unsigned long mfn)
{
    struct page_info *pg;

    if ( !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, d) )
        return -EINVAL;
    if ( (pg->type_info & PGT_count_mask) &&
         (pg->type_info & PGT_type_mask) != PGT_writable_page )
    {
        put_page(pg);
        return -EBUSY;
    }
    set_gpfn_from_mfn(mfn, INVALID_M2P_ENTRY);
    if ( __atomic_fetch_and(&pg->count_info, ~PGC_allocated, __ATOMIC_SEQ_CST) & PGC_allocated )
        put_page(pg);                   /* the allocation reference */
    put_page(pg);                       /* ours */
    return 0;
}

static long reservation_op(unsigned long cmd, struct xen_memory_reservation *r,
                           unsigned int start, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct domain *d;
    unsigned int i;
    long rc = 0;

    if ( r->extent_order > 9 )
        return -EINVAL;
    /*
     * As Xen: a domain that does not exist, or that the caller may not
     * name, gets nothing done (the count so far), not an error.
     */
    d = memop_domain(r->domid, &rc);
    if ( !d )
        return start;

    for ( i = start; i < r->nr_extents; i++ )
    {
        xen_pfn_t gmfn;

        if ( i > start && !(i & 63) && hypercall_preempt_check() )
        {
            put_domain(d);
            return hypercall_create_continuation(__HYPERVISOR_memory_op, "lh",
                                                 cmd | ((unsigned long)i << MEMOP_EXTENT_SHIFT),
                                                 arg);
        }
        if ( copy_from_guest_offset(&gmfn, r->extent_start, i, 1) )
            break;

        if ( cmd == XENMEM_decrease_reservation )
        {
            unsigned long j;

            for ( j = 0; j < (1UL << r->extent_order); j++ )
                if ( guest_remove_page(d, gmfn + j) )
                    break;
            if ( j < (1UL << r->extent_order) )
                break;
        }
        else
        {
            unsigned int memflags = 0;
            struct page_info *pg;
            unsigned long j, mfn;

            if ( XENMEMF_get_address_bits(r->mem_flags) )
                memflags = MEMF_bits(XENMEMF_get_address_bits(r->mem_flags));
            pg = alloc_domheap_pages(d, r->extent_order, memflags);
            if ( !pg )
                break;
            mfn = page_to_mfn(pg);
            for ( j = 0; j < (1UL << r->extent_order); j++ )
                set_gpfn_from_mfn(mfn + j, cmd == XENMEM_populate_physmap ? gmfn + j
                                                                          : INVALID_M2P_ENTRY);
            /* PV: the caller learns the machine frame. */
            if ( copy_to_guest_offset(r->extent_start, i, (xen_pfn_t *)&mfn, 1) )
                break;
        }
    }
    put_domain(d);
    return i;
}

static long machine_memory_map(struct xen_memory_map *map)
{
    struct e820entry ents[E820MAX];
    unsigned int n = e820.nr_map, i;

    if ( map->nr_entries < n )
        return -EINVAL;                 /* as Xen: no truncated maps */

    for ( i = 0; i < n; i++ )
        ents[i] = e820.map[i];
    if ( raw_copy_to_guest(map->buffer.p, ents, n * sizeof(ents[0])) )
        return -EFAULT;
    map->nr_entries = n;
    return 0;
}

/*
 * XENMEM_set_memory_map: the toolstack gives a domain its pseudo-physical
 * E820 (a PV domU has no firmware); at most Xen's E820MAX (1024) entries.
 */
#define DOMAIN_E820MAX 1024

static long set_memory_map(XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct xen_foreign_memory_map fmap;
    struct e820entry *map, *old;
    struct domain *d;
    long rc = 0;

    if ( raw_copy_from_guest(&fmap, arg.p, sizeof(fmap)) )
        return -EFAULT;
    if ( fmap.map.nr_entries > DOMAIN_E820MAX )
        return -EINVAL;
    if ( !(d = memop_domain(fmap.domid, &rc)) )
        return rc;
    map = xmalloc_array(struct e820entry, fmap.map.nr_entries);
    if ( !map )
        rc = -ENOMEM;
    else if ( raw_copy_from_guest(map, fmap.map.buffer.p,
                                  fmap.map.nr_entries * sizeof(*map)) )
        rc = -EFAULT;
    if ( !rc )
    {
        spin_lock(&d->arch.e820_lock);
        old = d->arch.e820;
        d->arch.e820 = map;
        d->arch.nr_e820 = fmap.map.nr_entries;
        spin_unlock(&d->arch.e820_lock);
        map = old;
    }
    xfree(map);
    put_domain(d);
    return rc;
}

/* XENMEM_memory_map: the caller's own map as the toolstack set it (-ENOSYS if none). */
static long domain_memory_map(XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct domain *d = current->domain;
    struct xen_memory_map map;
    struct e820entry *copy = NULL;
    unsigned int n;
    long rc = 0;

    if ( raw_copy_from_guest(&map, arg.p, sizeof(map)) )
        return -EFAULT;
    spin_lock(&d->arch.e820_lock);
    n = min(map.nr_entries, d->arch.nr_e820);
    if ( !d->arch.e820 || !d->arch.nr_e820 )
        rc = -ENOSYS;                   /* none set: the guest works from nr_pages */
    else if ( n && !(copy = xmalloc_array(struct e820entry, n)) )
        rc = -ENOMEM;
    else if ( n )
        memcpy(copy, d->arch.e820, n * sizeof(*copy));
    spin_unlock(&d->arch.e820_lock);
    if ( !rc )
    {
        map.nr_entries = n;
        if ( (n && raw_copy_to_guest(map.buffer.p, copy, n * sizeof(*copy))) ||
             raw_copy_to_guest(arg.p, &map, sizeof(map)) )
            rc = -EFAULT;
    }
    xfree(copy);
    return rc;
}

/* XENMEM_claim_pages: reserve memory for a domain being built (toolstack only). */
static long claim_pages(unsigned int start, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct xen_memory_reservation r;
    struct domain *d;
    long rc;

    if ( start )
        return -EINVAL;
    if ( raw_copy_from_guest(&r, arg.p, sizeof(r)) )
        return -EFAULT;
    if ( !guest_handle_is_null(r.extent_start) || r.extent_order || r.mem_flags )
        return -EINVAL;
    d = get_domain_by_id(r.domid);
    if ( !d )
        return -EINVAL;
    rc = current->domain->is_privileged ? domain_set_outstanding_pages(d, r.nr_extents)
                                        : -EPERM;
    put_domain(d);
    return rc;
}

long do_memory_op(unsigned long cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    unsigned long op = cmd & MEMOP_CMD_MASK;
    unsigned int start = cmd >> MEMOP_EXTENT_SHIFT;
    struct domain *d;
    long rc = 0;

    switch ( op )
    {
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
    {
        struct xen_memory_reservation r;

        if ( raw_copy_from_guest(&r, arg.p, sizeof(r)) )
            return -EFAULT;
        if ( start > r.nr_extents )
            return -EINVAL;
        return reservation_op(op, &r, start, arg);
    }

    case XENMEM_maximum_ram_page:
        return max_page;

    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
    case XENMEM_maximum_gpfn:
    {
        domid_t dom;

        if ( raw_copy_from_guest(&dom, arg.p, sizeof(dom)) )
            return -EFAULT;
        if ( !(d = memop_domain(dom, &rc)) )
            return rc;
        /*
         * A PV guest gives the size of its p2m in shared_info (arch.max_pfn),
         * which Xen reports less one (or 0 before it is set).
         */
        rc = op == XENMEM_current_reservation ? (long)d->tot_pages
             : op == XENMEM_maximum_reservation ? (long)d->max_pages
             : (long)((d->arch.pv.shared_info->arch.max_pfn ?: 1) - 1);
        put_domain(d);
        return rc;
    }

    case XENMEM_machphys_mapping:
    {
        struct xen_machphys_mapping m = {
            .v_start = MACH2PHYS_VIRT_START,
            .v_end = MACH2PHYS_VIRT_END,
            .max_mfn = MACH2PHYS_NR_ENTRIES - 1,
        };

        if ( current->domain->is_privileged )
            m.max_mfn = max_page - 1;
        return raw_copy_to_guest(arg.p, &m, sizeof(m)) ? -EFAULT : 0;
    }

    case XENMEM_machphys_mfn_list:
    {
        struct xen_machphys_mfn_list l;
        unsigned long chunk = 2UL << 20, n, i;

        if ( raw_copy_from_guest(&l, arg.p, sizeof(l)) )
            return -EFAULT;
        n = DIV_ROUND_UP(m2p_entries * sizeof(unsigned long), chunk);
        for ( i = 0; i < n && i < l.max_extents; i++ )
        {
            xen_pfn_t mfn = virt_to_mfn((void *)(RDWR_MPT_VIRT_START + i * chunk));

            if ( copy_to_guest_offset(l.extent_start, i, &mfn, 1) )
                return -EFAULT;
        }
        l.nr_extents = i;
        return raw_copy_to_guest(arg.p, &l, sizeof(l)) ? -EFAULT : 0;
    }

    case XENMEM_machine_memory_map:
    {
        struct xen_memory_map map;

        if ( !current->domain->is_privileged )
            return -EPERM;
        if ( raw_copy_from_guest(&map, arg.p, sizeof(map)) )
            return -EFAULT;
        rc = machine_memory_map(&map);
        if ( !rc && raw_copy_to_guest(arg.p, &map, sizeof(map)) )
            rc = -EFAULT;
        return rc;
    }

    case XENMEM_memory_map:
        return domain_memory_map(arg);

    case XENMEM_set_memory_map:
        return set_memory_map(arg);

    case XENMEM_claim_pages:
        return claim_pages(start, arg);

    case XENMEM_exchange:
        return memory_exchange(arg);
    }
    return -ENOSYS;
}
