/*
 * System time: nanoseconds since boot, from the TSC (arch/x86/time.c).
 * Every CPU computes it from its own TSC with a per-CPU scale so it is monotonic
 * and agrees across CPUs within the calibration error.
 */
#ifndef XEN_TIME_H
#define XEN_TIME_H

#include <xen/types.h>

#define NANOSECS(n)   ((s_time_t)(n))
#define MICROSECS(us) ((s_time_t)(us) * 1000LL)
#define MILLISECS(ms) ((s_time_t)(ms) * 1000000LL)
#define SECONDS(s)    ((s_time_t)(s) * 1000000000LL)
#define STIME_MAX     ((s_time_t)((u64)~0ULL >> 1))

s_time_t get_s_time(void);
#define NOW() get_s_time()

/* ns = ((delta << shift) * mul_frac) >> 32, as in Xen's vcpu_time_info. */
struct time_scale {
    s8 shift;
    u32 mul_frac;
};
extern struct time_scale tsc_scale;
u64 scale_delta(u64 delta, const struct time_scale *scale);
void set_time_scale(struct time_scale *ts, u64 ticks_per_sec);
s_time_t get_s_time_and_tsc(u64 *tsc);

/* CPU (TSC) frequency in kHz, known once calibrated. */
extern unsigned long cpu_khz;

/* Wall clock at boot, seconds since the epoch (from the RTC). */
extern u64 boot_wallclock;

/* Busy-wait, for device programming before timers work. */
void udelay(unsigned long usecs);
#define mdelay(ms) udelay((ms) * 1000UL)

/* Program this CPU's one-shot timer to fire at 'deadline' (0: cancel). */
void reprogram_timer(s_time_t deadline);

#endif /* XEN_TIME_H */
