/*
 * The PV MMU hypercalls (Xen's public xen.h):
 * - mmu_update takes a batch of (ptr, val) requests, the command in ptr's
 *   low two bits, and reports in *done how many it completed; it stops at
 *   the first failure;
 * - MMU_PT_UPDATE_PRESERVE_AD keeps the A/D bits already in the entry;
 *   MMU_MACHPHYS_UPDATE writes an M2P entry for one of our frames;
 * - update_va_mapping(va, pte, flags) with each flush type and scope;
 * - mmuext_op: pinning, NEW_BASEPTR, TLB and cache flushes (local, a vCPU
 *   mask, all), SET_LDT, CLEAR_PAGE, COPY_PAGE; unknown commands -ENOSYS;
 * - with VMASST_TYPE_writable_pagetables, plain, XCHG, CMPXCHG and locked
 *   bit-operation writes to a read-only L1 are emulated and validated.
 * Entries read back may carry bits the hypervisor adds (PTE_HV_BITS).
 */
#include <pvguest/test.h>

const char test_title[] = "mmu_update, update_va_mapping and mmuext_op";

#define TEST_SLOT 3

/*
 * Bits the hypervisor may add to an L1 entry of a 64-bit PV kernel: Xen
 * sets _PAGE_USER (the kernel runs in ring 3) and its private
 * guest-kernel marker, bit 52, in every present entry it installs.
 */
#define PTE_HV_BITS (_PAGE_USER | (1UL << 52))

static bool pte_same(uint64_t got, uint64_t want)
{
    return (got & ~PTE_HV_BITS) == (want & ~PTE_HV_BITS);
}

#define check_pte(got, want, what)                                        \
    check(pte_same(got, want), "%s: got 0x%lx, expected 0x%lx", what,    \
          (unsigned long)(got), (unsigned long)(want))

static struct pt_chain c;
static uint64_t *data[4];

static uint64_t pte_of(unsigned long mfn, uint64_t flags)
{
    return ((uint64_t)mfn << PAGE_SHIFT) | flags;
}

static volatile uint64_t *va_of(unsigned int i)
{
    return (volatile uint64_t *)(c.va + i * PAGE_SIZE);
}

static void test_batches(void)
{
    mmu_update_t req[16];
    unsigned int i, done = 0, ok = 0;
    long rc;

    for ( i = 0; i < 16; i++ )
    {
        req[i].ptr = pt_chain_l1e(&c, 16 + i) | MMU_NORMAL_PT_UPDATE;
        req[i].val = pte_of(virt_to_mfn(data[i % 4]), PTE_RO);
    }
    rc = HYPERVISOR_mmu_update(req, 16, &done, DOMID_SELF);
    check_eq(rc, 0, "mmu_update batch of 16");
    check_eq(done, 16, "done count of the batch");
    for ( i = 0; i < 16; i++ )
        ok += *va_of(16 + i) == data[i % 4][0];
    check_eq(ok, 16, "all 16 mappings in place");

    /* A bad request in the middle: the earlier ones stay done. */
    for ( i = 0; i < 8; i++ )
    {
        req[i].ptr = pt_chain_l1e(&c, 40 + i) | MMU_NORMAL_PT_UPDATE;
        req[i].val = pte_of(virt_to_mfn(data[0]), PTE_RO);
    }
    req[5].val = pte_of(virt_to_mfn(c.l1), PTE_RW);
    done = 0;
    rc = HYPERVISOR_mmu_update(req, 8, &done, DOMID_SELF);
    check_eq(rc, -EBUSY, "mmu_update batch with a bad 6th request");
    check_eq(done, 5, "done counts the requests before it");
    check_pte(c.l1[44], req[4].val, "request 5 applied");
    check(c.l1[44] & _PAGE_USER, "the hypervisor added _PAGE_USER");
    check_eqx(c.l1[46], 0, "request 7 not applied");

    rc = HYPERVISOR_mmu_update(req, 0, &done, DOMID_SELF);
    check_eq(rc, 0, "mmu_update of 0 requests");
    rc = HYPERVISOR_mmu_update((void *)0x1000, 1, NULL, DOMID_SELF);
    check_eq(rc, -EFAULT, "mmu_update from an unmapped request list");
    rc = HYPERVISOR_mmu_update(req, 1, NULL, 7);
    check_eq(rc, -ESRCH, "mmu_update for a domain that does not exist");
}

static void test_preserve_ad(void)
{
    uint64_t e = pte_of(virt_to_mfn(data[1]), _PAGE_PRESENT | _PAGE_RW);
    long rc;

    rc = mmu_update_one(pt_chain_l1e(&c, 60), e);
    check_eq(rc, 0, "map without A/D");
    *va_of(60) = 0x5555;                        /* the CPU sets A and D */
    check_eqx(c.l1[60] & (_PAGE_ACCESSED | _PAGE_DIRTY),
              _PAGE_ACCESSED | _PAGE_DIRTY, "A and D set by the access");
    rc = mmu_update_one(pt_chain_l1e(&c, 60) | MMU_PT_UPDATE_PRESERVE_AD, e);
    check_eq(rc, 0, "MMU_PT_UPDATE_PRESERVE_AD");
    check_eqx(c.l1[60] & (_PAGE_ACCESSED | _PAGE_DIRTY),
              _PAGE_ACCESSED | _PAGE_DIRTY, "A and D preserved");
    rc = mmu_update_one(pt_chain_l1e(&c, 60) | MMU_NORMAL_PT_UPDATE, e);
    check_eq(rc, 0, "MMU_NORMAL_PT_UPDATE with the same value");
    check_eqx(c.l1[60] & (_PAGE_ACCESSED | _PAGE_DIRTY), 0,
              "A and D as given");
    data[1][0] = 0x1111;
}

static void test_machphys(void)
{
    unsigned long mfn = virt_to_mfn(data[2]), pfn = virt_to_pfn(data[2]);
    long rc;

    rc = mmu_update_one(((uint64_t)mfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE,
                        pfn + 0x12345);
    check_eq(rc, 0, "MMU_MACHPHYS_UPDATE");
    check_eqx(m2p[mfn], pfn + 0x12345, "the M2P shows the new entry");
    rc = mmu_update_one(((uint64_t)mfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE,
                        pfn);
    check_eq(rc, 0, "MMU_MACHPHYS_UPDATE back");
    check_eqx(m2p[mfn], pfn, "the M2P restored");
}

static void test_update_va_mapping(void)
{
    static const struct {
        unsigned long flags;
        const char *what;
    } cases[] = {
        { UVMF_NONE, "update_va_mapping, no flush" },
        { UVMF_TLB_FLUSH | UVMF_LOCAL, "update_va_mapping, local TLB flush" },
        { UVMF_INVLPG | UVMF_LOCAL, "update_va_mapping, local INVLPG" },
        { UVMF_TLB_FLUSH | UVMF_ALL, "update_va_mapping, TLB flush on all" },
        { UVMF_INVLPG | UVMF_ALL, "update_va_mapping, INVLPG on all" },
    };
    unsigned long mask = 1, va = (unsigned long)va_of(70);
    unsigned int i;
    long rc;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        rc = HYPERVISOR_update_va_mapping(
            va, pte_of(virt_to_mfn(data[i % 4]), PTE_RO), cases[i].flags);
        check_eq(rc, 0, cases[i].what);
    }
    rc = HYPERVISOR_update_va_mapping(
        va, pte_of(virt_to_mfn(data[3]), PTE_RO),
        UVMF_INVLPG | UVMF_MULTI | (unsigned long)&mask);
    check_eq(rc, 0, "update_va_mapping, INVLPG on a vCPU mask");
    check_eqx(*va_of(70), data[3][0], "the new mapping is in use");

    rc = HYPERVISOR_update_va_mapping_otherdomain(
        va, pte_of(virt_to_mfn(data[0]), PTE_RO), UVMF_INVLPG, DOMID_SELF);
    check_eq(rc, 0, "update_va_mapping_otherdomain(DOMID_SELF)");
    check_eqx(*va_of(70), data[0][0], "mapped");
    rc = HYPERVISOR_update_va_mapping_otherdomain(
        va, pte_of(virt_to_mfn(data[0]), PTE_RO), UVMF_INVLPG, 7);
    check_eq(rc, -ESRCH, "update_va_mapping_otherdomain(domain 7)");
    rc = HYPERVISOR_update_va_mapping(va, 0, UVMF_INVLPG | UVMF_LOCAL);
    check_eq(rc, 0, "update_va_mapping to not-present");
    check_eqx(c.l1[70], 0, "entry cleared");
}

static void test_flushes(void)
{
    static const unsigned int simple[] = {
        MMUEXT_TLB_FLUSH_LOCAL, MMUEXT_TLB_FLUSH_ALL, MMUEXT_FLUSH_CACHE,
        MMUEXT_FLUSH_CACHE_GLOBAL,
    };
    unsigned long mask = 3;
    struct mmuext_op op;
    unsigned int i;
    long rc;

    for ( i = 0; i < ARRAY_SIZE(simple); i++ )
    {
        rc = mmuext_one(simple[i], 0, 0);
        check_eq(rc, 0, "flush command");
    }
    memset(&op, 0, sizeof(op));
    op.cmd = MMUEXT_INVLPG_LOCAL;
    op.arg1.linear_addr = c.va;
    check_eq(HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF), 0,
             "MMUEXT_INVLPG_LOCAL");
    op.cmd = MMUEXT_INVLPG_ALL;
    check_eq(HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF), 0,
             "MMUEXT_INVLPG_ALL");
    op.cmd = MMUEXT_INVLPG_MULTI;
    set_xen_guest_handle(op.arg2.vcpumask, &mask);
    check_eq(HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF), 0,
             "MMUEXT_INVLPG_MULTI");
    op.cmd = MMUEXT_TLB_FLUSH_MULTI;
    check_eq(HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF), 0,
             "MMUEXT_TLB_FLUSH_MULTI");
    set_xen_guest_handle(op.arg2.vcpumask, (void *)0x1000);
    check_eq(HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF), -EINVAL,
             "MMUEXT_TLB_FLUSH_MULTI with an unmapped mask");
}

static void test_baseptr(void)
{
    const uint64_t *kl4 = mfn_to_virt(current_l4_mfn());
    uint64_t *copy = alloc_pool_page();
    unsigned long mfn = virt_to_mfn(copy), orig = current_l4_mfn();
    unsigned int i;
    long rc;

    for ( i = 0; i < 512; i++ )
        if ( i < XEN_L4_FIRST || i > XEN_L4_LAST )
            copy[i] = kl4[i];
    remap_own(copy, PTE_RO);
    rc = mmuext_one(MMUEXT_NEW_BASEPTR, mfn, 0);
    check_eq(rc, 0, "NEW_BASEPTR to an unpinned copy of our L4");
    check_eqx(*va_of(16), data[0][0], "everything still mapped");
    rc = mmuext_one(MMUEXT_NEW_BASEPTR, orig, 0);
    check_eq(rc, 0, "NEW_BASEPTR back");

    rc = pin_table(4, mfn);
    check_eq(rc, 0, "pin the copy");
    rc = mmuext_one(MMUEXT_NEW_BASEPTR, mfn, 0);
    check_eq(rc, 0, "NEW_BASEPTR to the pinned copy");
    rc = unpin_table(mfn);
    check_eq(rc, 0, "unpin it while in use");
    rc = mmuext_one(MMUEXT_NEW_BASEPTR, orig, 0);
    check_eq(rc, 0, "NEW_BASEPTR back");
    check_eq(remap_own(copy, PTE_RW), 0, "the copy is a plain page again");
    free_pool_page(copy);
}

static void test_ldt_and_pages(void)
{
    struct mmuext_op op[3];
    unsigned int done = 0, i;
    bool all = true;
    long rc;

    memset(op, 0, sizeof(op));
    op[0].cmd = MMUEXT_SET_LDT;
    op[0].arg1.linear_addr = (unsigned long)scratch_va(2);
    op[0].arg2.nr_ents = 16;
    check_eq(HYPERVISOR_mmuext_op(op, 1, NULL, DOMID_SELF), 0,
             "MMUEXT_SET_LDT");
    op[0].arg1.linear_addr += 8;
    check_eq(HYPERVISOR_mmuext_op(op, 1, NULL, DOMID_SELF), -EINVAL,
             "MMUEXT_SET_LDT at an unaligned address");
    op[0].arg1.linear_addr = (unsigned long)scratch_va(2);
    op[0].arg2.nr_ents = 8193;
    check_eq(HYPERVISOR_mmuext_op(op, 1, NULL, DOMID_SELF), -EINVAL,
             "MMUEXT_SET_LDT with 8193 entries");
    op[0].arg1.linear_addr = 0;
    op[0].arg2.nr_ents = 0;
    check_eq(HYPERVISOR_mmuext_op(op, 1, NULL, DOMID_SELF), 0,
             "MMUEXT_SET_LDT back to none");

    memset(data[3], 0xaa, PAGE_SIZE);
    rc = mmuext_one(MMUEXT_CLEAR_PAGE, virt_to_mfn(data[3]), 0);
    check_eq(rc, 0, "MMUEXT_CLEAR_PAGE");
    for ( i = 0; i < PAGE_SIZE / 8; i++ )
        all &= data[3][i] == 0;
    check(all, "page cleared");
    data[2][100] = 0xfeed;
    memset(&op[0], 0, sizeof(op[0]));
    op[0].cmd = MMUEXT_COPY_PAGE;
    op[0].arg1.mfn = virt_to_mfn(data[3]);
    op[0].arg2.src_mfn = virt_to_mfn(data[2]);
    check_eq(HYPERVISOR_mmuext_op(op, 1, NULL, DOMID_SELF), 0,
             "MMUEXT_COPY_PAGE");
    check_eqx(data[3][100], 0xfeed, "page copied");
    data[3][0] = 0x3333;
    rc = mmuext_one(MMUEXT_CLEAR_PAGE, virt_to_mfn(c.l1), 0);
    check_eq(rc, -EINVAL, "MMUEXT_CLEAR_PAGE of a page table");

    rc = mmuext_one(MMUEXT_MARK_SUPER, virt_to_mfn(data[3]), 0);
    check_eq(rc, -EOPNOTSUPP, "MMUEXT_MARK_SUPER");
    rc = mmuext_one(14, 0, 0);
    check_eq(rc, -ENOSYS, "mmuext_op command 14");
    rc = mmuext_one(99, 0, 0);
    check_eq(rc, -ENOSYS, "mmuext_op command 99");

    /* A batch that fails in its second operation. */
    memset(op, 0, sizeof(op));
    op[0].cmd = MMUEXT_TLB_FLUSH_LOCAL;
    op[1].cmd = MMUEXT_PIN_L1_TABLE;
    op[1].arg1.mfn = virt_to_mfn(data[0]);      /* mapped writable */
    op[2].cmd = MMUEXT_TLB_FLUSH_LOCAL;
    rc = HYPERVISOR_mmuext_op(op, 3, &done, DOMID_SELF);
    check_eq(rc, -EINVAL, "mmuext_op batch failing at its 2nd op");
    check_eq(done, 1, "done counts the first");
}

static void mmuext_invlpg_local(unsigned long va)
{
    struct mmuext_op op = { .cmd = MMUEXT_INVLPG_LOCAL };

    op.arg1.linear_addr = va;
    HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static void test_writable_pagetables(void)
{
    volatile uint64_t *e = &c.l1[80];
    uint64_t good = pte_of(virt_to_mfn(data[0]), PTE_RW);
    uint64_t other = pte_of(virt_to_mfn(data[1]), PTE_RW);
    uint64_t old;
    bool ok;
    long rc;

    rc = HYPERVISOR_vm_assist(VMASST_CMD_enable,
                              VMASST_TYPE_writable_pagetables);
    check_eq(rc, 0, "VMASST_TYPE_writable_pagetables");

    *e = good;                                  /* plain MOV */
    check_pte(c.l1[80], good, "MOV to a read-only L1 emulated");
    check_eqx(*va_of(80), data[0][0], "and the mapping is live");

    asm volatile ( "lock btrq $1, %0" : "+m" (*e) :: "memory" );
    check_pte(c.l1[80], good & ~_PAGE_RW, "LOCK BTR emulated (RW cleared)");
    /* As on hardware, the guest flushes what it made stricter. */
    mmuext_invlpg_local((unsigned long)va_of(80));
    asm volatile ( "1: movq $1, (%0)\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) :: "r" (va_of(80)) : "memory" );
    check_eqx(exinfo_take(), EXINFO(X86_EXC_PF, 3),
              "the page is read-only now");
    asm volatile ( "lock btsq $1, %0" : "+m" (*e) :: "memory" );
    check_pte(c.l1[80], good, "LOCK BTS emulated");

    old = other;
    asm volatile ( "xchg %0, %1" : "+r" (old), "+m" (*e) :: "memory" );
    check_pte(old, good, "XCHG returns the old entry");
    check_pte(c.l1[80], other, "XCHG emulated");

    old = c.l1[80];
    asm volatile ( "lock cmpxchg %3, %1"
                   : "+a" (old), "+m" (*e), "=@ccz" (ok)
                   : "r" (good) : "memory" );
    check(ok, "LOCK CMPXCHG succeeded");
    check_pte(c.l1[80], good, "LOCK CMPXCHG emulated");

    /* A value that fails validation is not written: #PF for the guest. */
    asm volatile ( "1: movq %0, (%1)\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   :: "r" (pte_of(virt_to_mfn(c.l1), PTE_RW)), "r" (e)
                   : "memory" );
    check_eqx(exinfo_take(), EXINFO(X86_EXC_PF, 3),
              "a forbidden value written to an L1: #PF");
    check_pte(c.l1[80], good, "entry unchanged");

    rc = HYPERVISOR_vm_assist(VMASST_CMD_enable, 10);
    check_eq(rc, -EINVAL, "vm_assist of an unknown type");
    rc = HYPERVISOR_vm_assist(7, VMASST_TYPE_writable_pagetables);
    check_eq(rc, -ENOSYS, "vm_assist with an unknown command");
}

void test_main(void)
{
    unsigned int i;

    for ( i = 0; i < 4; i++ )
    {
        data[i] = alloc_pool_page();
        data[i][0] = 0x1000 + i;
    }
    if ( pt_chain_build(&c, TEST_SLOT) )
        test_abort("cannot build the test page tables");

    test_batches();
    test_preserve_ad();
    test_machphys();
    test_update_va_mapping();
    test_flushes();
    test_baseptr();
    test_ldt_and_pages();
    test_writable_pagetables();

    check_eq(pt_chain_destroy(&c), 0, "unhook the test page tables");
    test_success();
}
