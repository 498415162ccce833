/*
 * Page types and reference counts of the PV MMU (direct paging).
 *
 * Every frame has one type at a time (none/writable, L1-L4 page table,
 * descriptor table); it changes only when its type count drops to zero.
 * Page tables are validated entry by entry when they take their type:
 * - no writable mapping of a page-table page (so none of the guest's own
 *   tables, nor of an L1 by itself), read-only ones are fine;
 * - no mapping of frames the domain does not own (free memory, other
 *   domains' frames), no writable mapping of the hypervisor's read-only
 *   machine-to-phys table, no entry in the hypervisor's L4 slots 256-271;
 * - no superpages (PSE) in L2 or L3 entries of a PV guest;
 * and pinning holds a type until unpinned.  Every refusal is checked with
 * the errno Xen 4.17 returns: -EBUSY when an entry cannot take its
 * reference (a writable mapping of a typed page, a frame not ours), -EINVAL
 * for a type conflict, a superpage or a hypervisor slot.
 */
#include <pvguest/test.h>

const char test_title[] = "page-type rules and forbidden mappings";

#define TEST_SLOT 2                     /* a free L4 slot for pt_chain */

static uint64_t pte_of(unsigned long mfn, uint64_t flags)
{
    return ((uint64_t)mfn << PAGE_SHIFT) | flags;
}

/* A frame of machine RAM the domain does not own (free or the hypervisor's). */
static unsigned long foreign_frame(void)
{
    unsigned long mfn, pfn;

    for ( mfn = 0x1000; mfn < 0x20000; mfn += 0x101 )
    {
        pfn = mfn_to_pfn(mfn);
        if ( pfn >= start_info->nr_pages || p2m[pfn] != mfn )
            return mfn;
    }
    return 0;
}

static unsigned long m2p_frame(void)
{
    xen_pfn_t mfns[4];
    struct xen_machphys_mfn_list l = { .max_extents = 4 };
    long rc;

    set_xen_guest_handle(l.extent_start, mfns);
    rc = HYPERVISOR_memory_op(XENMEM_machphys_mfn_list, &l);
    return rc == 0 && l.nr_extents ? mfns[0] : 0;
}

static void test_pinning(void)
{
    uint64_t *p = alloc_pool_page();
    unsigned long mfn = virt_to_mfn(p);
    long rc;

    rc = pin_table(1, mfn);
    check_eq(rc, -EINVAL, "pin as L1 a page mapped writable");

    check_eq(remap_own(p, PTE_RO), 0, "map the page read-only");
    rc = pin_table(1, mfn);
    check_eq(rc, 0, "pin as L1 once only read-only mappings remain");
    rc = pin_table(1, mfn);
    check_eq(rc, -EINVAL, "pin the same L1 twice");
    rc = pin_table(2, mfn);
    check_eq(rc, -EINVAL, "pin as L2 a page that is an L1");

    rc = map_va(scratch_va(0), pte_of(mfn, PTE_RW));
    check_eq(rc, -EBUSY, "writable mapping of a pinned L1");
    rc = remap_own(p, PTE_RW);
    check_eq(rc, -EBUSY, "making the L1's own mapping writable again");
    rc = map_va(scratch_va(0), pte_of(mfn, PTE_RO));
    check_eq(rc, 0, "read-only mapping of a pinned L1");
    check_eqx(*(volatile uint64_t *)scratch_va(0), 0,
              "readable through the read-only mapping");
    scratch_restore(0);

    rc = unpin_table(mfn);
    check_eq(rc, 0, "MMUEXT_UNPIN_TABLE");
    rc = unpin_table(mfn);
    check_eq(rc, -EINVAL, "unpin a page that is not pinned");
    rc = remap_own(p, PTE_RW);
    check_eq(rc, 0, "writable again once the type is gone");
    free_pool_page(p);

    /* An L4 that is in use can be unpinned: CR3 keeps its type. */
    rc = unpin_table(current_l4_mfn());
    check_eq(rc, 0, "unpin the L4 we run on");
    rc = pin_table(4, current_l4_mfn());
    check_eq(rc, 0, "and pin it again");
}

/* Fill a fresh pool page, make it read-only, try to pin it. */
static long pin_with(unsigned int level, unsigned int idx, uint64_t entry,
                     uint64_t **page)
{
    uint64_t *t = alloc_pool_page();
    long rc;

    t[idx] = entry;
    rc = remap_own(t, PTE_RO);
    if ( rc )
        return rc;
    rc = pin_table(level, virt_to_mfn(t));
    *page = t;
    return rc;
}

static void unpin_and_free(uint64_t *t, bool pinned)
{
    if ( pinned )
        unpin_table(virt_to_mfn(t));
    remap_own(t, PTE_RW);
    free_pool_page(t);
}

static void test_validation(void)
{
    uint64_t *t, *data = alloc_pool_page();
    unsigned long l4 = current_l4_mfn(), foreign = foreign_frame();
    long rc;

    rc = pin_with(1, 3, pte_of(l4, PTE_RW), &t);
    check_eq(rc, -EBUSY, "L1 mapping our L4 writable");
    unpin_and_free(t, !rc);
    rc = pin_with(1, 3, pte_of(l4, PTE_RO), &t);
    check_eq(rc, 0, "L1 mapping our L4 read-only");
    unpin_and_free(t, !rc);

    /* An L1 that maps itself: writable no, read-only yes. */
    t = alloc_pool_page();
    t[5] = pte_of(virt_to_mfn(t), PTE_RW);
    remap_own(t, PTE_RO);
    rc = pin_table(1, virt_to_mfn(t));
    check_eq(rc, -EBUSY, "L1 mapping itself writable");
    unpin_and_free(t, !rc);

    rc = pin_with(2, 7, pte_of(virt_to_mfn(data), PTE_TABLE), &t);
    check_eq(rc, -EINVAL, "L2 pointing at a page mapped writable");
    unpin_and_free(t, !rc);
    rc = pin_with(2, 7, pte_of(0, PTE_TABLE | _PAGE_PSE), &t);
    check_eq(rc, -EINVAL, "L2 with a 2 MiB superpage entry");
    unpin_and_free(t, !rc);
    rc = pin_with(3, 7, pte_of(0, PTE_TABLE | _PAGE_PSE), &t);
    check_eq(rc, -EINVAL, "L3 with a 1 GiB superpage entry");
    unpin_and_free(t, !rc);
    rc = pin_with(4, 7, pte_of(virt_to_mfn(data), PTE_TABLE), &t);
    check_eq(rc, -EINVAL, "L4 pointing at a page mapped writable");
    unpin_and_free(t, !rc);

    if ( check(foreign, "found a frame we do not own") )
    {
        rc = pin_with(1, 0, pte_of(foreign, PTE_RO), &t);
        check_eq(rc, -EBUSY, "L1 mapping a frame we do not own");
        unpin_and_free(t, !rc);
    }
    free_pool_page(data);
}

static void test_live_updates(void)
{
    struct pt_chain c;
    unsigned long l4 = current_l4_mfn(), m2p_mfn = m2p_frame();
    unsigned long foreign = foreign_frame();
    uint64_t *data = alloc_pool_page();
    long rc;

    rc = pt_chain_build(&c, TEST_SLOT);
    check_eq(rc, 0, "hook an L3/L2/L1 chain into a free L4 slot");
    if ( rc )
        return;

    data[0] = 0x0123456789abcdefUL;
    rc = mmu_update_one(pt_chain_l1e(&c, 0),
                        pte_of(virt_to_mfn(data), PTE_RW));
    check_eq(rc, 0, "mmu_update: map a data page");
    check_eqx(*(volatile uint64_t *)c.va, data[0], "read through it");

    rc = mmu_update_one(pt_chain_l1e(&c, 1), pte_of(l4, PTE_RW));
    check_eq(rc, -EBUSY, "mmu_update: writable mapping of our L4");
    rc = mmu_update_one(pt_chain_l1e(&c, 1),
                        pte_of(virt_to_mfn(c.l1), PTE_RW));
    check_eq(rc, -EBUSY, "mmu_update: writable mapping of the L1 itself");
    rc = mmu_update_one(pt_chain_l1e(&c, 1), pte_of(l4, PTE_RO));
    check_eq(rc, 0, "mmu_update: read-only mapping of our L4");

    /*
     * The M2P's frames belong to the hypervisor: not mappable as our own;
     * a privileged domain maps them read-only as DOMID_XEN's.
     */
    if ( check(m2p_mfn, "XENMEM_machphys_mfn_list gave a frame") )
    {
        mmu_update_t u = { .ptr = pt_chain_l1e(&c, 2),
                           .val = pte_of(m2p_mfn, PTE_RW) };

        rc = mmu_update_one(u.ptr, u.val);
        check_eq(rc, -EBUSY, "mmu_update: writable mapping of the M2P");
        rc = mmu_update_one(u.ptr, pte_of(m2p_mfn, PTE_RO));
        check_eq(rc, -EBUSY, "mmu_update: the M2P as our own frame");
        rc = HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_XEN);
        check_eq(rc, -EBUSY, "mmu_update: M2P writable as DOMID_XEN's");
        u.val = pte_of(m2p_mfn, PTE_RO);
        rc = HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_XEN);
        check_eq(rc, 0, "mmu_update: M2P read-only as DOMID_XEN's");
        if ( !rc )
            check_eqx(*(volatile unsigned long *)(c.va + 2 * PAGE_SIZE),
                      m2p[0], "it reads as the M2P's first entry");
    }
    if ( foreign )
    {
        rc = mmu_update_one(pt_chain_l1e(&c, 3), pte_of(foreign, PTE_RO));
        check_eq(rc, -EBUSY, "mmu_update: mapping a frame we do not own");
    }

    rc = mmu_update_one(virt_to_maddr(&c.l2[1]),
                        pte_of(0, PTE_TABLE | _PAGE_PSE));
    check_eq(rc, -EINVAL, "mmu_update: L2 superpage entry");
    rc = mmu_update_one(virt_to_maddr(&c.l3[1]),
                        pte_of(0, PTE_TABLE | _PAGE_PSE));
    check_eq(rc, -EINVAL, "mmu_update: L3 superpage entry");

    /* The hypervisor's L4 slots. */
    rc = mmu_update_one(((uint64_t)l4 << PAGE_SHIFT) + 256 * 8,
                        pte_of(virt_to_mfn(c.l3), PTE_TABLE));
    check_eq(rc, -EINVAL, "mmu_update: L4 slot 256 (the hypervisor's)");
    rc = mmu_update_one(((uint64_t)l4 << PAGE_SHIFT) + 271 * 8, 0);
    check_eq(rc, -EINVAL, "mmu_update: clearing L4 slot 271");

    rc = map_va(scratch_va(0), pte_of(l4, PTE_RW));
    check_eq(rc, -EBUSY, "update_va_mapping: writable mapping of our L4");
    rc = HYPERVISOR_update_va_mapping(HYPERVISOR_VIRT_START + PAGE_SIZE,
                                      pte_of(virt_to_mfn(data), PTE_RO),
                                      UVMF_INVLPG);
    check_eq(rc, -EINVAL, "update_va_mapping of a hypervisor address");

    /* Device memory: the local APIC is the hypervisor's, VGA is dom0's. */
    rc = mmu_update_one(pt_chain_l1e(&c, 4), pte_of(0xfee00, PTE_RW | _PAGE_PCD));
    check_eq(rc, -EPERM, "mmu_update: mapping the local APIC");
    rc = mmu_update_one(pt_chain_l1e(&c, 4), pte_of(0xb8, PTE_RW | _PAGE_PCD));
    check_eq(rc, 0, "mmu_update: dom0 mapping VGA text memory");

    /* No L1 translates this address: nothing to update. */
    rc = HYPERVISOR_update_va_mapping(c.va + (1UL << L2_SHIFT),
                                      pte_of(virt_to_mfn(data), PTE_RO),
                                      UVMF_INVLPG);
    check_eq(rc, -EINVAL, "update_va_mapping where no L1 exists");

    /*
     * mmu_update aimed at a frame that is not a page table: Xen 4.17 does
     * the write as to ordinary memory (its "writable_mmu_updates").
     */
    rc = mmu_update_one(virt_to_maddr(&data[1]) | MMU_NORMAL_PT_UPDATE,
                        0x77);
    check_eq(rc, 0, "mmu_update of an entry in a plain data page");
    check_eqx(data[1], 0x77, "which is a plain write");
    /* For a PV guest NO_TRANSLATE is NORMAL: the value is an MFN anyway. */
    rc = mmu_update_one(pt_chain_l1e(&c, 5) | MMU_PT_UPDATE_NO_TRANSLATE,
                        pte_of(virt_to_mfn(data), PTE_RO));
    check_eq(rc, 0, "MMU_PT_UPDATE_NO_TRANSLATE");
    check_eqx(*(volatile uint64_t *)(c.va + 5 * PAGE_SIZE), data[0],
              "mapped as with MMU_NORMAL_PT_UPDATE");
    if ( foreign )
    {
        rc = mmu_update_one(((uint64_t)foreign << PAGE_SHIFT) |
                            MMU_MACHPHYS_UPDATE, 5);
        check_eq(rc, -EINVAL, "MMU_MACHPHYS_UPDATE of a frame not ours");
        rc = pin_table(1, foreign);
        check_eq(rc, -EINVAL, "pin a frame we do not own");
    }
    rc = mmuext_one(MMUEXT_NEW_BASEPTR, virt_to_mfn(data), 0);
    check_eq(rc, -EINVAL, "NEW_BASEPTR to a page mapped writable");

    check_eq(pt_chain_destroy(&c), 0, "unhook the chain");
    free_pool_page(data);
}

static void test_m2p_read_only(void)
{
    unsigned long mfn = virt_to_mfn(scratch_va(0));
    unsigned long pfn = virt_to_pfn(scratch_va(0));

    check_eq(m2p[mfn], pfn, "the M2P names our pfn for our frame");
    asm volatile ( "1: movq %0, (%1)\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   :: "r" (pfn), "r" (&m2p[mfn]) : "memory" );
    check_eqx(exinfo_take(), EXINFO(X86_EXC_PF, 3),
              "writing to the M2P: #PF (write, present)");
}

void test_main(void)
{
    test_pinning();
    test_validation();
    test_live_updates();
    test_m2p_read_only();
    test_success();
}
