/* Cross-CPU calls and IPIs. */
#ifndef XEN_SMP_H
#define XEN_SMP_H

#include <xen/types.h>
#include <xen/cpumask.h>
#include <asm/current.h>

/* Run fn(info) on every CPU in 'mask' (excluding this one if absent), optionally waiting. */
void on_selected_cpus(const cpumask_t *mask, void (*fn)(void *), void *info, bool wait);
/* Run on every other online CPU. */
void smp_call_function(void (*fn)(void *), void *info, bool wait);
void smp_send_event_check_cpu(unsigned int cpu);
void smp_send_stop(void);
void dump_other_cpus(void);
/* Set once the other CPUs are up and IPIs work. */
extern bool smp_up;

void smp_prepare_cpus(unsigned int max_cpus);
int cpu_up(unsigned int cpu);

#endif /* XEN_SMP_H */
