/*
 * time_from_tsc (common/time.c): system time = system_time +
 * ((tsc - tsc_timestamp) shifted by tsc_shift) * tsc_to_system_mul >> 32,
 * checked against worked examples, built for the host.
 */
#include <pvguest/time.h>

#include "harness.h"

shared_info_t *shared_info;

static vcpu_time_info_t rec(uint64_t ts, uint64_t sys, uint32_t mul,
                            int8_t shift)
{
    vcpu_time_info_t t = { 0 };

    t.tsc_timestamp = ts;
    t.system_time = sys;
    t.tsc_to_system_mul = mul;
    t.tsc_shift = shift;
    return t;
}

static void scaling(void)
{
    /* 1 GHz TSC: mul 2^31 with shift 1 is 1 ns per tick. */
    vcpu_time_info_t t = rec(1000, 5000, 0x80000000u, 1);

    EXPECT(time_from_tsc(&t, 1000) == 5000, "no delta");
    EXPECT(time_from_tsc(&t, 2000) == 6000, "1000 ticks at 1 GHz");
    /* 2 GHz TSC: shift -1 halves the delta, mul 2^32-1 ~ 1.0. */
    t = rec(0, 0, 0xffffffffu, -1);
    EXPECT(time_from_tsc(&t, 2000000000ULL) == 999999999ULL,
           "2e9 ticks at 2 GHz: got %llu",
           (unsigned long long)time_from_tsc(&t, 2000000000ULL));
    /* The product needs more than 64 bits: 2^40 ticks, mul 3 * 2^30. */
    t = rec(0, 0, 0xc0000000u, 0);
    EXPECT(time_from_tsc(&t, 1ULL << 40) == (3ULL << 38),
           "wide multiplication");
}

static void tsc_before_stamp(void)
{
    vcpu_time_info_t t = rec(5000, 777, 0x80000000u, 1);

    /* A TSC read from before the stamp must not wrap to the far future. */
    EXPECT(time_from_tsc(&t, 4000) == 777, "clamped to system_time");
}

int main(void)
{
    test_case("time-scaling", scaling);
    test_case("time-tsc-before-stamp", tsc_before_stamp);
    return total_failures != 0;
}
