/* Time as guests see it (common/time.c). */
#ifndef XEN_GUEST_TIME_H
#define XEN_GUEST_TIME_H

#include <xen/types.h>

struct vcpu;
struct domain;

void time_set_wallclock_base(u64 sec, u32 nsec);
void update_domain_wallclock_time(struct domain *d);
void do_settime(u64 sec, u32 nsec, u64 system_time);
void update_vcpu_system_time(struct vcpu *v);
void update_runstate_area(struct vcpu *v);
void vcpu_timers_init(struct vcpu *v);
void vcpu_set_singleshot_timer(struct vcpu *v, s_time_t timeout);
void vcpu_set_periodic_timer(struct vcpu *v, s_time_t period);

#endif /* XEN_GUEST_TIME_H */
