/*
 * Hostile arguments: every domctl on a domain of its own, and the
 * harmless-to-the-host sysctls, with pseudo-random argument unions whose
 * 8-byte words are each a small number, a random number, a null handle, an
 * unmapped or non-canonical address, or a pointer into a window of 64 pages
 * with nothing mapped after them (so that a copy running past the end
 * faults instead of writing over this guest).  Nothing is asserted about the
 * answers; the hypervisor must survive, domain 0 must be intact, and the
 * domain must then go away cleanly.
 *
 * Left out, because a correct answer would harm the host or this test:
 * destroydomain (done once at the end), debug keys ('R' reboots), CPU pool
 * changes, CPU hot-plug, page offlining, trace buffers, power management.
 */
#define __XEN_TOOLS__ 1
#include <pvguest/ctl.h>
#include <pvguest/test.h>
#include "fuzz.h"

#define WINDOW_SLOT     20              /* an L4 slot of its own */
#define WINDOW_PAGES    64
#define ROUNDS          24

static struct pt_chain window;
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next_rand(void)
{
    /* xorshift64*: deterministic, so a failure can be replayed. */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ULL;
}

static uint64_t fuzz_word(void)
{
    uint64_t r = next_rand();

    switch ( r % 6 )
    {
    case 0: return 0;
    case 1: return (r >> 8) % 64;                                   /* a small number */
    case 2: return next_rand();                                     /* anything */
    case 3: return 0x1000 * ((r >> 8) % 256);                       /* unmapped, low */
    case 4: return 0x8000000000000000ULL | (r >> 16);               /* non-canonical / Xen's */
    default: return window.va + ((r >> 8) % (WINDOW_PAGES * PAGE_SIZE)) / 8 * 8;
    }
}

static void fill(void *u, size_t size)
{
    uint64_t *w = u;
    size_t i;

    for ( i = 0; i < size / 8; i++ )
        w[i] = fuzz_word();
}

/* Our own spare frames behind the window, the rest of its L1 left empty. */
static bool window_build(void)
{
    unsigned int i;

    if ( pt_chain_build(&window, WINDOW_SLOT) )
        return false;
    for ( i = 0; i < WINDOW_PAGES; i++ )
    {
        unsigned long mfn = pfn_to_mfn(alloc_unmapped_pfn());

        if ( mmu_update_one(pt_chain_l1e(&window, i) | MMU_NORMAL_PT_UPDATE,
                            ((uint64_t)mfn << PAGE_SHIFT) | PTE_RW) )
            return false;
    }
    mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    return true;
}

static bool domctl_left_out(unsigned int cmd)
{
    return cmd == XEN_DOMCTL_destroydomain || cmd == XEN_DOMCTL_createdomain;
}

static const unsigned int sysctls[] = {
    XEN_SYSCTL_readconsole, XEN_SYSCTL_physinfo, XEN_SYSCTL_sched_id,
    XEN_SYSCTL_perfc_op, XEN_SYSCTL_getdomaininfolist, XEN_SYSCTL_getcpuinfo,
    XEN_SYSCTL_availheap, XEN_SYSCTL_lockprof_op, XEN_SYSCTL_cputopoinfo,
    XEN_SYSCTL_numainfo, XEN_SYSCTL_coverage_op, XEN_SYSCTL_psr_cmt_op,
    XEN_SYSCTL_pcitopoinfo, XEN_SYSCTL_psr_alloc, XEN_SYSCTL_get_cpu_levelling_caps,
    XEN_SYSCTL_get_cpu_featureset, XEN_SYSCTL_livepatch_op, XEN_SYSCTL_get_cpu_policy,
    13, 24, 28, 30, 31, 99, 0x7fffffff,
};

void fuzz_domctls(void)
{
    struct xen_domctl_createdomain c;
    struct xen_domctl_getdomaininfo info;
    struct xen_domctl op;
    struct xen_sysctl sop;
    xen_pfn_t pfns[16];
    unsigned int round, cmd, i;
    domid_t dom = 0;
    long before = count_domains();

    if ( !check(window_build(), "a fuzzing window") )
        return;
    createdomain_defaults(&c, 2);
    if ( !check_eq(create_domain(&c, &dom), 0, "createdomain (to fuzz)") )
        return;
    memset(&op, 0, sizeof(op));
    op.u.max_vcpus.max = 2;
    op.cmd = XEN_DOMCTL_max_vcpus;
    op.domain = dom;
    do_domctl(&op);
    set_max_mem_pages(dom, 64);
    for ( i = 0; i < 16; i++ )
        pfns[i] = i;
    check_eq(populate_physmap(dom, pfns, 16), 16, "memory for the fuzzed domain");

    for ( round = 0; round < ROUNDS; round++ )
        for ( cmd = 0; cmd < 90 + 4; cmd++ )
        {
            unsigned int c_no = cmd < 90 ? cmd : 1000 + cmd - 90;

            if ( domctl_left_out(c_no) )
                continue;
            memset(&op, 0, sizeof(op));
            fill(&op.u, sizeof(op.u));
            op.cmd = c_no;
            op.domain = dom;
            do_domctl(&op);
        }

    for ( round = 0; round < ROUNDS; round++ )
        for ( i = 0; i < ARRAY_SIZE(sysctls); i++ )
        {
            memset(&sop, 0, sizeof(sop));
            fill(&sop.u, sizeof(sop.u));
            sop.cmd = sysctls[i];
            do_sysctl(&sop);
        }

    check_eq(getdomaininfo(0, &info), 0, "domain 0 after the fuzzing");
    check(!(info.flags & (XEN_DOMINF_shutdown | XEN_DOMINF_dying)), "domain 0 intact");
    check_eq(destroy_domain(dom), 0, "destroy the fuzzed domain");
    for ( i = 0; i < 100 && count_domains() != before; i++ )
        pv_sleep(MILLISECS(10));
    check_eq(count_domains(), before, "the fuzzed domain is gone");
}
