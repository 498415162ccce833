/*
 * Multicall throughput: batches of 32 null hypercalls (xen_version), 1000
 * batches per repetition; cycles per entry, and the cost of a batch of one.
 */
#include "../bench.h"

const char test_title[] = "bench: multicall batches";

#define BATCH 32
#define N 1000

static multicall_entry_t calls[BATCH];

void test_main(void)
{
    uint64_t v[BENCH_REPS], t;
    unsigned int r, i;
    long version = HYPERVISOR_xen_version(XENVER_version, NULL);

    for ( i = 0; i < BATCH; i++ )
    {
        calls[i].op = __HYPERVISOR_xen_version;
        calls[i].args[0] = XENVER_version;
    }
    for ( r = 0; r < BENCH_REPS; r++ )
    {
        t = bench_tsc();
        for ( i = 0; i < N; i++ )
            HYPERVISOR_multicall(calls, BATCH);
        v[r] = (bench_tsc() - t) / (N * BATCH);
    }
    check_eq((long)calls[BATCH - 1].result, version, "batches did run");
    bench_report("multicall_32_per_entry", bench_median(v, BENCH_REPS),
                 "cycles");

    for ( r = 0; r < BENCH_REPS; r++ )
    {
        t = bench_tsc();
        for ( i = 0; i < N; i++ )
            HYPERVISOR_multicall(calls, 1);
        v[r] = (bench_tsc() - t) / N;
    }
    bench_report("multicall_1", bench_median(v, BENCH_REPS), "cycles");
    test_success();
}
