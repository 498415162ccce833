/*
 * mmu_update throughput: batches of 256 L1 updates (each changing the
 * frame an entry maps, so every one is validated), 50 batches per
 * repetition; cycles per entry.  Also one update_va_mapping with a local
 * INVLPG, as Linux uses for single PTEs.
 */
#include "../bench.h"

const char test_title[] = "bench: mmu_update batches";

#define BATCH 256
#define N 50

static mmu_update_t req[2][BATCH];

void test_main(void)
{
    struct pt_chain c;
    uint64_t *a = alloc_pool_page(), *b = alloc_pool_page();
    uint64_t v[BENCH_REPS], t, pte[2];
    unsigned int r, i, done;
    long rc = 0;

    if ( pt_chain_build(&c, 5) )
        test_abort("cannot build the page tables");
    pte[0] = ((uint64_t)virt_to_mfn(a) << PAGE_SHIFT) | PTE_RO;
    pte[1] = ((uint64_t)virt_to_mfn(b) << PAGE_SHIFT) | PTE_RO;
    for ( i = 0; i < BATCH; i++ )
    {
        req[0][i].ptr = pt_chain_l1e(&c, i) | MMU_NORMAL_PT_UPDATE;
        req[0][i].val = pte[0];
        req[1][i].ptr = req[0][i].ptr;
        req[1][i].val = pte[1];
    }
    for ( r = 0; r < BENCH_REPS; r++ )
    {
        t = bench_tsc();
        for ( i = 0; i < N; i++ )
            rc |= HYPERVISOR_mmu_update(req[i & 1], BATCH, &done, DOMID_SELF);
        v[r] = (bench_tsc() - t) / (N * BATCH);
    }
    check_eq(rc, 0, "every batch succeeded");
    bench_report("mmu_update_256_per_entry", bench_median(v, BENCH_REPS),
                 "cycles");

    for ( r = 0; r < BENCH_REPS; r++ )
    {
        t = bench_tsc();
        for ( i = 0; i < 2000; i++ )
            rc |= HYPERVISOR_update_va_mapping(c.va, pte[i & 1],
                                               UVMF_INVLPG | UVMF_LOCAL);
        v[r] = (bench_tsc() - t) / 2000;
    }
    check_eq(rc, 0, "every update_va_mapping succeeded");
    bench_report("update_va_mapping", bench_median(v, BENCH_REPS), "cycles");
    pt_chain_destroy(&c);
    test_success();
}
