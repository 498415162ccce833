/*
 * Shared helpers of the benchmark guests: TSC timing, medians, and the
 * "BENCH <name> <value> <unit>" lines that tests/guests/bench.py reads.
 * Figures are TSC cycles of the virtual CPU, the same clock under either
 * hypervisor; each is the median of BENCH_REPS repetitions.
 */
#ifndef TESTS_GUESTS_BENCH_H
#define TESTS_GUESTS_BENCH_H

#include <pvguest/test.h>

#define BENCH_REPS 9

static inline uint64_t bench_tsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "lfence; rdtsc; lfence" : "=a" (lo), "=d" (hi) :: "memory" );
    return ((uint64_t)hi << 32) | lo;
}

/* Median of n values (the array is sorted in place, shell sort). */
static inline uint64_t bench_median(uint64_t *v, unsigned int n)
{
    unsigned int gap, i, j;

    for ( gap = n / 2; gap; gap /= 2 )
        for ( i = gap; i < n; i++ )
            for ( j = i; j >= gap && v[j - gap] > v[j]; j -= gap )
            {
                uint64_t t = v[j];

                v[j] = v[j - gap];
                v[j - gap] = t;
            }
    return v[n / 2];
}

static inline void bench_report(const char *name, uint64_t value,
                                const char *unit)
{
    printk("BENCH %s %lu %s\n", name, (unsigned long)value, unit);
}

#endif /* TESTS_GUESTS_BENCH_H */
