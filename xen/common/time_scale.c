/*
 * Scaling TSC ticks to nanoseconds the way Xen's vcpu_time_info does, so that the
 * hypervisor's NOW() and every PV guest's clock agree.  Pure: unit-tested on the host.
 */
#include <xen/lib.h>
#include <xen/time.h>

u64 scale_delta(u64 delta, const struct time_scale *scale)
{
    if ( scale->shift < 0 )
        delta >>= -scale->shift;
    else
        delta <<= scale->shift;
    return (u64)(((unsigned __int128)delta * scale->mul_frac) >> 32);
}

/*
 * The scale for 'ticks_per_sec': pick the shift that keeps mul_frac in [2^31, 2^32),
 * the most precise 32-bit multiplier (Xen's set_time_scale does the same).
 */
void set_time_scale(struct time_scale *ts, u64 ticks_per_sec)
{
    u64 tps = ticks_per_sec, ns = 1000000000ULL;
    int shift = 0;

    while ( tps > 2 * ns )
    {
        tps >>= 1;
        shift--;
    }
    while ( tps <= ns )
    {
        tps <<= 1;
        shift++;
    }
    /* Now ns < tps <= 2 ns, so ns / tps is in [0.5, 1): a fraction of 2^32. */
    ts->mul_frac = (u32)((ns << 32) / tps);
    ts->shift = shift;
}

