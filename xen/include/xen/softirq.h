/*
 * Softirqs: work raised from interrupt context (or another CPU) and run on the
 * target CPU before it returns to a guest or when it is idle, with interrupts on.
 */
#ifndef XEN_SOFTIRQ_H
#define XEN_SOFTIRQ_H

#include <xen/types.h>

enum {
    TIMER_SOFTIRQ = 0,
    SCHEDULE_SOFTIRQ,
    NEW_TLBFLUSH_CLOCK_PERIOD_SOFTIRQ,
    RCU_SOFTIRQ,
    TASKLET_SOFTIRQ,
    KEYHANDLER_SOFTIRQ,
    NR_SOFTIRQS
};

typedef void (*softirq_handler)(void);

void open_softirq(unsigned int nr, softirq_handler handler);
void raise_softirq(unsigned int nr);
void cpu_raise_softirq(unsigned int cpu, unsigned int nr);
void do_softirq(void);
bool softirq_pending(unsigned int cpu);

#endif /* XEN_SOFTIRQ_H */
