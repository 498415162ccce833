/*
 * Time from vcpu_time_info (Xen's public xen.h): system time in ns is
 *     system_time + ((tsc - tsc_timestamp) << tsc_shift) * tsc_to_system_mul
 *                   >> 32            (a right shift when tsc_shift < 0)
 * read under 'version', which is odd while the hypervisor updates the
 * record.  Wall-clock time at system time 0 is in shared_info (wc_*).
 */
#ifndef PVGUEST_TIME_H
#define PVGUEST_TIME_H

#include <pvguest/setup.h>

/* A consistent copy of a time record. */
void time_snapshot(const vcpu_time_info_t *t, vcpu_time_info_t *copy);

/* System time (ns) from a record and a TSC value. */
uint64_t time_from_tsc(const vcpu_time_info_t *t, uint64_t tsc);

/* Now, in system time (ns), from this vCPU's record. */
uint64_t pv_now(void);

/* Wall clock at system time 0: seconds (wc_sec_hi included) and ns. */
void pv_wallclock(uint64_t *sec, uint32_t *nsec);

#define MILLISECS(ms)   ((uint64_t)(ms) * 1000000ULL)
#define MICROSECS(us)   ((uint64_t)(us) * 1000ULL)
#define SECONDS(s)      ((uint64_t)(s) * 1000000000ULL)

#endif /* PVGUEST_TIME_H */
