/*
 * Timers: a callback run in softirq context on a chosen CPU at (or shortly after)
 * a system time.  Each CPU keeps its pending timers in a binary min-heap and
 * programs its one-shot LAPIC timer for the earliest.
 */
#ifndef XEN_TIMER_H
#define XEN_TIMER_H

#include <xen/types.h>

struct timer {
    s_time_t expires;
    void (*function)(void *data);
    void *data;
    unsigned int heap_offset;   /* index in the CPU's heap while active */
    u16 cpu;
    u8 status;                  /* TIMER_STATUS_* */
};

#define TIMER_STATUS_invalid  0 /* never initialised, or killed */
#define TIMER_STATUS_inactive 1 /* initialised, not pending */
#define TIMER_STATUS_in_heap  2 /* pending */
#define TIMER_STATUS_running  3 /* its function is running now */

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu);
/* (Re)arm; an already pending timer moves to the new time. */
void set_timer(struct timer *t, s_time_t expires);
void stop_timer(struct timer *t);
/* Stop it for good, waiting for a running callback to finish. */
void kill_timer(struct timer *t);
void migrate_timer(struct timer *t, unsigned int new_cpu);
bool timer_is_active(const struct timer *t);

void timer_init(void);
void timer_init_cpu(unsigned int cpu);
void dump_timerq(void);

#endif /* XEN_TIMER_H */
