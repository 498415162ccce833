/*
 * Grant tables v1 (Xen's public grant_table.h), from domain 0 granting to
 * itself:
 * - query_size/setup_table give the table's size and (for PV) the MFNs of
 *   its frames, which the guest maps like any frame;
 * - an entry {flags, domid, frame} with GTF_permit_access lets domid map
 *   the frame: map_grant_ref puts it at host_addr (or, with
 *   GNTMAP_contains_pte, into the PTE at that machine address) and sets
 *   GTF_reading/GTF_writing until unmap_grant_ref;
 * - GTF_readonly grants refuse writable maps; grants for another domain,
 *   without permission, or beyond the table are refused (Xen 4.17 answers
 *   GNTST_general_error for the permission cases, GNTST_bad_gntref for a
 *   map asking for neither a host nor a device mapping);
 * - GNTTABOP_copy copies between grants and our own frames, within a page;
 * - each op reports per-entry status (GNTST_*); the hypercall's own return
 *   value is 0 unless the op list cannot be processed.
 */
#include <pvguest/test.h>

const char test_title[] = "grant tables (v1)";

#define REF 8

static grant_entry_v1_t *gt;
static uint64_t *page_a, *page_b;

static void test_version_and_size(void)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    struct gnttab_set_version sv = { .version = 1 };
    struct gnttab_get_version gv = { .dom = DOMID_SELF };
    long rc;

    rc = HYPERVISOR_grant_table_op(GNTTABOP_set_version, &sv, 1);
    check_eq(rc, 0, "GNTTABOP_set_version(1)");
    check_eq(sv.version, 1, "version 1 in use");
    rc = HYPERVISOR_grant_table_op(GNTTABOP_get_version, &gv, 1);
    check_eq(rc, 0, "GNTTABOP_get_version");
    check_eq(gv.version, 1, "get_version says 1");
    sv.version = 3;
    rc = HYPERVISOR_grant_table_op(GNTTABOP_set_version, &sv, 1);
    check_eq(rc, -EINVAL, "GNTTABOP_set_version(3)");

    rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1);
    check_eq(rc, 0, "GNTTABOP_query_size");
    check_eq(q.status, GNTST_okay, "query_size status");
    printk("grant table: %u frames, at most %u\n", q.nr_frames,
           q.max_nr_frames);
    check(q.nr_frames >= 1 && q.max_nr_frames >= q.nr_frames,
          "1 <= nr_frames <= max_nr_frames");
    q.dom = 7;
    rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1);
    check_eq(rc, 0, "query_size of another domain: call succeeds");
    check_eq(q.status, GNTST_bad_domain, "query_size of domain 7");
}

static void test_setup_table(void)
{
    xen_pfn_t frames[2];
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    long rc;

    set_xen_guest_handle(st.frame_list, frames);
    rc = HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1);
    check_eq(rc, 0, "GNTTABOP_setup_table");
    check_eq(st.status, GNTST_okay, "setup_table status");
    if ( st.status )
        test_abort("no grant table");
    rc = map_va(scratch_va(0), ((uint64_t)frames[0] << PAGE_SHIFT) | PTE_RW);
    check_eq(rc, 0, "map the grant table frame writable");
    gt = scratch_va(0);

    HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1);
    st.nr_frames = q.max_nr_frames + 1;
    rc = HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1);
    check_eq(rc, 0, "setup_table beyond the maximum: call succeeds");
    check_eq(st.status, GNTST_general_error, "setup_table beyond the maximum");
    st.dom = 7;
    st.nr_frames = 1;
    rc = HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1);
    check_eq(st.status, GNTST_bad_domain, "setup_table of domain 7");
}

static void grant(grant_ref_t ref, unsigned long mfn, domid_t dom,
                  uint16_t flags)
{
    gt[ref].domid = dom;
    gt[ref].frame = (uint32_t)mfn;
    wmb();
    gt[ref].flags = flags;
}

static int16_t map(grant_ref_t ref, void *va, uint32_t flags, domid_t dom,
                   grant_handle_t *handle)
{
    struct gnttab_map_grant_ref m = {
        .host_addr = (unsigned long)va, .flags = flags, .ref = ref,
        .dom = dom,
    };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1);

    if ( rc )
        return -100;
    *handle = m.handle;
    return m.status;
}

static int16_t unmap(uint64_t addr, grant_handle_t handle)
{
    struct gnttab_unmap_grant_ref u = {
        .host_addr = addr, .dev_bus_addr = 0, .handle = handle,
    };
    long rc;

    rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1);
    return rc ? -100 : u.status;
}

static void test_map_unmap(void)
{
    volatile uint64_t *va = scratch_va(1);
    grant_handle_t h = 0, h2 = 0;
    int16_t st;

    /*
     * As Linux does, map grants where nothing is mapped: a map over a
     * present entry is not followed by a TLB flush for that address.
     */
    map_va((void *)va, 0);
    map_va(scratch_va(2), 0);
    page_a[0] = 0x6772616e74;
    grant(REF, virt_to_mfn(page_a), 0, GTF_permit_access);
    st = map(REF, (void *)va, GNTMAP_host_map, 0, &h);
    check_eq(st, GNTST_okay, "map our own grant read-write");
    if ( st == GNTST_okay )
    {
        check_eqx(va[0], page_a[0], "the granted page shows through");
        va[1] = 0x77;
        check_eqx(page_a[1], 0x77, "writes reach the granted page");
        check_eq(gt[REF].flags & (GTF_reading | GTF_writing),
                 GTF_reading | GTF_writing, "GTF_reading|GTF_writing set");
        st = unmap((unsigned long)va, h);
        check_eq(st, GNTST_okay, "unmap_grant_ref");
        check_eq(gt[REF].flags & (GTF_reading | GTF_writing), 0,
                 "GTF_reading|GTF_writing cleared");
        asm volatile ( "1: mov (%0), %%rax\n\t"
                       "2:\n\t"
                       ASM_EXTABLE(1b, 2b) :: "r" (va) : "rax", "memory" );
        check_eqx(exinfo_take(), EXINFO(X86_EXC_PF, 0),
                  "nothing mapped there after the unmap");
        st = unmap((unsigned long)va, h);
        check_eq(st, GNTST_bad_handle, "unmap the same handle twice");
    }

    /* Read-only grants. */
    grant(REF, virt_to_mfn(page_a), 0, GTF_permit_access | GTF_readonly);
    st = map(REF, (void *)va, GNTMAP_host_map, 0, &h);
    check_eq(st, GNTST_general_error, "writable map of a read-only grant");
    st = map(REF, (void *)va, GNTMAP_host_map | GNTMAP_readonly, 0, &h);
    check_eq(st, GNTST_okay, "read-only map of a read-only grant");
    if ( st == GNTST_okay )
    {
        check_eq(gt[REF].flags & (GTF_reading | GTF_writing), GTF_reading,
                 "only GTF_reading set");
        asm volatile ( "1: movq $1, (%0)\n\t"
                       "2:\n\t"
                       ASM_EXTABLE(1b, 2b) :: "r" (va) : "memory" );
        check_eqx(exinfo_take(), EXINFO(X86_EXC_PF, 3),
                  "writing a read-only grant mapping faults");
        /* A second mapping of the same grant elsewhere. */
        st = map(REF, scratch_va(2), GNTMAP_host_map | GNTMAP_readonly, 0,
                 &h2);
        check_eq(st, GNTST_okay, "map the grant a second time");
        check(h2 != h, "with a handle of its own");
        unmap((unsigned long)scratch_va(2), h2);
        check_eq(gt[REF].flags & GTF_reading, GTF_reading,
                 "still reading while one mapping remains");
        unmap((unsigned long)va, h);
        check_eq(gt[REF].flags & GTF_reading, 0, "no longer reading");
    }

    /* Refusals. */
    grant(REF, virt_to_mfn(page_a), 5, GTF_permit_access);
    st = map(REF, (void *)va, GNTMAP_host_map, 0, &h);
    check_eq(st, GNTST_general_error, "map a grant made for domain 5");
    grant(REF, virt_to_mfn(page_a), 0, GTF_invalid);
    st = map(REF, (void *)va, GNTMAP_host_map, 0, &h);
    check_eq(st, GNTST_general_error, "map an entry without permission");
    grant(REF, virt_to_mfn(page_a), 0, GTF_permit_access);
    st = map(100000, (void *)va, GNTMAP_host_map, 0, &h);
    check_eq(st, GNTST_bad_gntref, "map a ref beyond the table");
    st = map(REF, (void *)va, GNTMAP_host_map, 7, &h);
    check_eq(st, GNTST_bad_domain, "map from a domain that does not exist");
    st = map(REF, (void *)va, 0, 0, &h);
    check_eq(st, GNTST_bad_gntref, "map with neither host nor device map");
    st = map(REF, (void *)HYPERVISOR_VIRT_START, GNTMAP_host_map, 0, &h);
    check_eq(st, GNTST_general_error, "map at a hypervisor address");
    st = unmap((unsigned long)va, 4000);
    check_eq(st, GNTST_bad_handle, "unmap an unknown handle");

    scratch_restore(1);
    scratch_restore(2);
}

static void test_contains_pte(void)
{
    struct pt_chain c;
    grant_handle_t h = 0;
    int16_t st;

    if ( pt_chain_build(&c, 4) )
    {
        test_fail("building test page tables");
        return;
    }
    grant(REF, virt_to_mfn(page_a), 0, GTF_permit_access);
    st = map(REF, (void *)pt_chain_l1e(&c, 9),
             GNTMAP_host_map | GNTMAP_contains_pte, 0, &h);
    check_eq(st, GNTST_okay, "map with GNTMAP_contains_pte");
    if ( st == GNTST_okay )
    {
        check_eqx(*(volatile uint64_t *)(c.va + 9 * PAGE_SIZE), page_a[0],
                  "the PTE at that machine address maps the grant");
        st = unmap(pt_chain_l1e(&c, 9), h);
        check_eq(st, GNTST_okay, "unmap with the PTE address");
        check_eqx(c.l1[9], 0, "PTE cleared");
    }
    st = map(REF, (void *)(virt_to_maddr(page_b) + 8),
             GNTMAP_host_map | GNTMAP_contains_pte, 0, &h);
    check_eq(st, GNTST_general_error,
             "GNTMAP_contains_pte naming a page that is not an L1");
    pt_chain_destroy(&c);
}

static void test_copy(void)
{
    struct gnttab_copy cp[2];
    unsigned int i;
    bool same = true;
    long rc;

    for ( i = 0; i < 64; i++ )
        ((uint8_t *)page_a)[i] = i * 3 + 1;
    memset(page_b, 0, PAGE_SIZE);
    grant(REF, virt_to_mfn(page_a), 0, GTF_permit_access | GTF_readonly);

    memset(cp, 0, sizeof(cp));
    cp[0].source.u.ref = REF;
    cp[0].source.domid = 0;
    cp[0].source.offset = 0;
    cp[0].dest.u.gmfn = virt_to_mfn(page_b);
    cp[0].dest.domid = DOMID_SELF;
    cp[0].dest.offset = 16;
    cp[0].len = 64;
    cp[0].flags = GNTCOPY_source_gref;
    /* Frame to frame, both ours. */
    cp[1].source.u.gmfn = virt_to_mfn(page_a);
    cp[1].source.domid = DOMID_SELF;
    cp[1].dest.u.gmfn = virt_to_mfn(page_b);
    cp[1].dest.domid = DOMID_SELF;
    cp[1].dest.offset = 2048;
    cp[1].len = 32;
    rc = HYPERVISOR_grant_table_op(GNTTABOP_copy, cp, 2);
    check_eq(rc, 0, "GNTTABOP_copy of two entries");
    check_eq(cp[0].status, GNTST_okay, "copy from a grant");
    check_eq(cp[1].status, GNTST_okay, "copy between our frames");
    for ( i = 0; i < 64; i++ )
        same &= ((uint8_t *)page_b)[16 + i] == ((uint8_t *)page_a)[i];
    for ( i = 0; i < 32; i++ )
        same &= ((uint8_t *)page_b)[2048 + i] == ((uint8_t *)page_a)[i];
    check(same, "bytes copied to the right offsets");
    check_eq(gt[REF].flags & (GTF_reading | GTF_writing), 0,
             "no reading/writing flag left behind by a copy");

    cp[0].dest.offset = 4090;
    rc = HYPERVISOR_grant_table_op(GNTTABOP_copy, cp, 1);
    check_eq(cp[0].status, GNTST_bad_copy_arg, "copy crossing a page end");
    cp[0].dest.offset = 16;
    cp[0].flags = GNTCOPY_source_gref | GNTCOPY_dest_gref;
    cp[0].dest.u.ref = REF;
    cp[0].dest.domid = 0;
    rc = HYPERVISOR_grant_table_op(GNTTABOP_copy, cp, 1);
    check_eq(cp[0].status, GNTST_general_error,
             "copy into a read-only grant");
}

void test_main(void)
{
    long rc;

    page_a = alloc_pool_page();
    page_b = alloc_pool_page();
    test_version_and_size();
    test_setup_table();
    test_map_unmap();
    test_contains_pte();
    test_copy();
    rc = HYPERVISOR_grant_table_op(99, NULL, 1);
    check_eq(rc, -ENOSYS, "unknown grant_table_op");
    test_success();
}
