/*
 * Null hypercall: xen_version(XENVER_version), which does no work, made
 * 10000 times in a row through the hypercall page and by bare SYSCALL;
 * cycles per call.
 */
#include "../bench.h"

const char test_title[] = "bench: null hypercall";

#define N 10000

void test_main(void)
{
    uint64_t v[BENCH_REPS], t;
    unsigned int r, i;

    for ( r = 0; r < BENCH_REPS; r++ )
    {
        t = bench_tsc();
        for ( i = 0; i < N; i++ )
            HYPERVISOR_xen_version(XENVER_version, NULL);
        v[r] = (bench_tsc() - t) / N;
    }
    bench_report("null_hypercall_page", bench_median(v, BENCH_REPS), "cycles");

    for ( r = 0; r < BENCH_REPS; r++ )
    {
        t = bench_tsc();
        for ( i = 0; i < N; i++ )
            _hypercall_syscall(__HYPERVISOR_xen_version, XENVER_version, 0, 0,
                               0, 0);
        v[r] = (bench_tsc() - t) / N;
    }
    bench_report("null_hypercall_syscall", bench_median(v, BENCH_REPS),
                 "cycles");
    test_success();
}
