/*
 * memory_op for a PV domain 0 (Xen's public memory.h):
 * - XENMEM_machine_memory_map gives the host's E820; XENMEM_memory_map has
 *   no pseudo-physical map to give a PV dom0 built by the hypervisor;
 * - XENMEM_machphys_mapping and XENMEM_machphys_mfn_list describe the
 *   read-only M2P; XENMEM_maximum_ram_page bounds every MFN;
 * - current/maximum reservation count the domain's pages;
 * - decrease_reservation frees frames by MFN, populate_physmap fills pfns
 *   and writes the new MFNs back (updating the M2P), increase_reservation
 *   returns MFNs, exchange swaps frames for ones below an address limit;
 *   nothing goes beyond the domain's maximum.
 */
#include <pvguest/test.h>

const char test_title[] = "memory_op: maps, reservations, populate, exchange";

struct e820entry {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((packed));

#define E820_RAM 1

static long reservation(unsigned int cmd, domid_t dom)
{
    return HYPERVISOR_memory_op(cmd, &dom);
}

static long reserve_op(unsigned int cmd, xen_pfn_t *list, unsigned long nr,
                       unsigned int order, unsigned int flags)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr, .extent_order = order, .mem_flags = flags,
        .domid = DOMID_SELF,
    };

    set_xen_guest_handle(r.extent_start, list);
    return HYPERVISOR_memory_op(cmd, &r);
}

static void test_maps(void)
{
    static struct e820entry map[64];
    struct xen_memory_map m = { .nr_entries = ARRAY_SIZE(map) };
    uint64_t ram = 0, prev_end = 0;
    unsigned int i;
    bool sorted = true;
    long rc;

    set_xen_guest_handle(m.buffer, map);
    rc = HYPERVISOR_memory_op(XENMEM_machine_memory_map, &m);
    check_eq(rc, 0, "XENMEM_machine_memory_map");
    check(m.nr_entries > 0 && m.nr_entries <= ARRAY_SIZE(map),
          "machine map entries: %u", m.nr_entries);
    for ( i = 0; i < m.nr_entries && i < ARRAY_SIZE(map); i++ )
    {
        if ( map[i].type == E820_RAM )
            ram += map[i].size;
        sorted &= map[i].addr >= prev_end;
        prev_end = map[i].addr + map[i].size;
    }
    printk("machine map: %u entries, %lu MiB RAM\n", m.nr_entries,
           (unsigned long)(ram >> 20));
    check(ram >= (256UL << 20), "the host's RAM (512 MiB machine) is there");
    check(sorted, "machine map sorted and not overlapping");

    m.nr_entries = 1;
    rc = HYPERVISOR_memory_op(XENMEM_machine_memory_map, &m);
    check_eq(rc, -EINVAL, "XENMEM_machine_memory_map into 1 entry");

    m.nr_entries = ARRAY_SIZE(map);
    rc = HYPERVISOR_memory_op(XENMEM_memory_map, &m);
    check_eq(rc, -ENOSYS, "XENMEM_memory_map: no pseudo-physical map");
}

static void test_m2p_facts(void)
{
    struct xen_machphys_mapping mm = { 0 };
    xen_pfn_t mfns[64];
    struct xen_machphys_mfn_list l = { .max_extents = ARRAY_SIZE(mfns) };
    unsigned long pfn, top = 0;
    long max_page, rc;
    unsigned int i, aligned = 0;

    rc = HYPERVISOR_memory_op(XENMEM_machphys_mapping, &mm);
    check_eq(rc, 0, "XENMEM_machphys_mapping");
    check_eqx(mm.v_start, MACH2PHYS_VIRT_START, "M2P v_start");
    check_eqx(mm.v_end, MACH2PHYS_VIRT_END, "M2P v_end");

    max_page = HYPERVISOR_memory_op(XENMEM_maximum_ram_page, NULL);
    printk("maximum_ram_page 0x%lx, M2P max_mfn 0x%lx\n", max_page,
           (unsigned long)mm.max_mfn);
    check(max_page > 0, "XENMEM_maximum_ram_page: %ld", max_page);
    check_eqx(mm.max_mfn, max_page - 1, "M2P max_mfn for dom0");
    for ( pfn = 0; pfn < start_info->nr_pages; pfn++ )
        if ( p2m[pfn] > top )
            top = p2m[pfn];
    check(top < (unsigned long)max_page, "every MFN of ours below it");

    set_xen_guest_handle(l.extent_start, mfns);
    rc = HYPERVISOR_memory_op(XENMEM_machphys_mfn_list, &l);
    check_eq(rc, 0, "XENMEM_machphys_mfn_list");
    check(l.nr_extents > 0, "M2P extents: %u", l.nr_extents);
    for ( i = 0; i < l.nr_extents && i < ARRAY_SIZE(mfns); i++ )
        aligned += !(mfns[i] & 511);
    check_eq(aligned, l.nr_extents, "M2P extents are 2 MiB frames");
}

static void test_reservations(void)
{
    long cur, max, rc, before;
    xen_pfn_t list[2];
    unsigned long pfn = alloc_unmapped_pfn(), mfn = p2m[pfn], newmfn;
    volatile uint64_t *va = scratch_va(0);

    cur = reservation(XENMEM_current_reservation, DOMID_SELF);
    max = reservation(XENMEM_maximum_reservation, DOMID_SELF);
    printk("reservation: current %ld, maximum %ld, nr_pages %lu\n", cur, max,
           start_info->nr_pages);
    check_eq(cur, start_info->nr_pages, "current reservation = nr_pages");
    check(max >= cur, "maximum reservation >= current");
    rc = reservation(XENMEM_current_reservation, 7);
    check_eq(rc, -ESRCH, "current reservation of a domain that does not exist");

    /* Give one frame back. */
    list[0] = mfn;
    rc = reserve_op(XENMEM_decrease_reservation, list, 1, 0, 0);
    check_eq(rc, 1, "XENMEM_decrease_reservation of one frame");
    check_eq(reservation(XENMEM_current_reservation, DOMID_SELF), cur - 1,
             "one page fewer");
    check(mfn_to_pfn(mfn) != pfn, "the M2P no longer names our pfn");
    p2m[pfn] = ~0UL;
    rc = reserve_op(XENMEM_decrease_reservation, list, 1, 0, 0);
    check_eq(rc, 0, "freeing the same frame again frees nothing");
    rc = reserve_op(XENMEM_decrease_reservation, list, 0, 0, 0);
    check_eq(rc, 0, "decrease_reservation of 0 extents");

    /* And get the pfn filled again. */
    list[0] = pfn;
    rc = reserve_op(XENMEM_populate_physmap, list, 1, 0, 0);
    check_eq(rc, 1, "XENMEM_populate_physmap of one pfn");
    newmfn = list[0];
    check_eqx(mfn_to_pfn(newmfn), pfn, "M2P of the new frame names the pfn");
    check_eq(reservation(XENMEM_current_reservation, DOMID_SELF), cur,
             "back to the original count");
    p2m[pfn] = newmfn;
    rc = map_va((void *)va, ((uint64_t)newmfn << PAGE_SHIFT) | PTE_RW);
    check_eq(rc, 0, "map the new frame");
    va[0] = 0xabcdef;
    check_eqx(va[0], 0xabcdef, "the new frame is memory");
    scratch_restore(0);

    /* Nothing beyond the maximum. */
    before = reservation(XENMEM_current_reservation, DOMID_SELF);
    if ( before >= max )
    {
        list[0] = alloc_unmapped_pfn();
        rc = reserve_op(XENMEM_populate_physmap, list, 1, 0, 0);
        check_eq(rc, 0, "populate_physmap beyond the maximum populates none");
        rc = reserve_op(XENMEM_increase_reservation, list, 1, 0, 0);
        check_eq(rc, 0, "increase_reservation beyond the maximum");
    }
    else
        test_fail("maximum %ld above current %ld: dom0_mem max: not applied",
                  max, before);

    /* increase_reservation hands back MFNs; the guest sets the M2P. */
    pfn = alloc_unmapped_pfn();
    list[0] = p2m[pfn];
    rc = reserve_op(XENMEM_decrease_reservation, list, 1, 0, 0);
    check_eq(rc, 1, "free one more frame");
    list[0] = 0;
    rc = reserve_op(XENMEM_increase_reservation, list, 1, 0, 0);
    check_eq(rc, 1, "XENMEM_increase_reservation of one frame");
    newmfn = list[0];
    check(newmfn != 0 && newmfn < (unsigned long)
          HYPERVISOR_memory_op(XENMEM_maximum_ram_page, NULL),
          "a real MFN came back (0x%lx)", newmfn);
    rc = mmu_update_one(((uint64_t)newmfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE,
                        pfn);
    check_eq(rc, 0, "M2P entry for it set by the guest");
    p2m[pfn] = newmfn;
}

static void test_exchange(void)
{
    unsigned long pfn = alloc_unmapped_pfn(), oldmfn = p2m[pfn];
    xen_pfn_t in[1] = { oldmfn }, out[2] = { pfn, pfn };
    struct xen_memory_exchange x = {
        .in = { .nr_extents = 1, .domid = DOMID_SELF },
        .out = { .nr_extents = 1, .mem_flags = XENMEMF_address_bits(32),
                 .domid = DOMID_SELF },
    };
    long rc;

    set_xen_guest_handle(x.in.extent_start, in);
    set_xen_guest_handle(x.out.extent_start, out);
    rc = HYPERVISOR_memory_op(XENMEM_exchange, &x);
    check_eq(rc, 0, "XENMEM_exchange of one frame for one below 4 GiB");
    check_eq(x.nr_exchanged, 1, "nr_exchanged");
    check(out[0] < (1UL << (32 - PAGE_SHIFT)), "new frame below 4 GiB");
    check_eqx(mfn_to_pfn(out[0]), pfn, "M2P of the new frame names the pfn");
    check(mfn_to_pfn(oldmfn) != pfn, "the old frame is no longer ours");
    p2m[pfn] = out[0];

    /* Sizes must match: one page in, two out. */
    in[0] = p2m[pfn];
    x.nr_exchanged = 0;
    x.out.nr_extents = 2;
    rc = HYPERVISOR_memory_op(XENMEM_exchange, &x);
    check_eq(rc, -EINVAL, "XENMEM_exchange with different sizes");
    check_eq(x.nr_exchanged, 0, "nothing exchanged");
}

void test_main(void)
{
    long rc;

    test_maps();
    test_m2p_facts();
    test_reservations();
    test_exchange();
    rc = HYPERVISOR_memory_op(99, NULL);
    check_eq(rc, -ENOSYS, "unknown memory_op");
    test_success();
}
