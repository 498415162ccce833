/* TSC-to-nanosecond scaling (common/time_scale.c), the vcpu_time_info formula. */
#include <xen/lib.h>
#include <xen/time.h>
#include "harness.h"
#include "host_stubs.h"

static void check_freq(u64 hz)
{
    struct time_scale ts;
    u64 one_second, err;

    set_time_scale(&ts, hz);
    CHECK(ts.mul_frac >= 0x80000000u);      /* full 32-bit precision */
    one_second = scale_delta(hz, &ts);
    err = one_second > 1000000000ULL ? one_second - 1000000000ULL : 1000000000ULL - one_second;
    CHECK(err <= 2);                        /* within 2 ns per second */
    /* An hour of ticks: the error stays a few parts per billion. */
    err = scale_delta(hz * 3600, &ts);
    err = err > 3600000000000ULL ? err - 3600000000000ULL : 3600000000000ULL - err;
    CHECK(err <= 3600 * 4);
}

TEST(frequencies)
{
    check_freq(2200000000ULL);              /* 2.2 GHz: negative shift */
    check_freq(3999999999ULL);
    check_freq(1000000000ULL);              /* exactly 1 GHz */
    check_freq(800000000ULL);               /* below 1 GHz: positive shift */
    check_freq(3579545ULL);                 /* ACPI PM timer */
    check_freq(14318180ULL);                /* HPET */
}

TEST(monotonic_and_linear)
{
    struct time_scale ts;
    u64 t, last = 0;

    set_time_scale(&ts, 2196079000ULL);
    for ( t = 0; t < 100000000ULL; t += 999983 )
    {
        u64 ns = scale_delta(t, &ts);

        CHECK(ns >= last);
        last = ns;
    }
    CHECK_EQ(scale_delta(0, &ts), 0);
}

int main(void)
{
    test_suite = "time_scale";
    RUN(frequencies);
    RUN(monotonic_and_linear);
    return test_summary();
}
