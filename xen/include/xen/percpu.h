/*
 * Per-CPU variables.  DEFINE_PER_CPU puts the master copy in .data.percpu; each CPU
 * gets its own copy at boot (arch/x86/percpu.c) and reaches it through the offset in
 * its struct cpu_info.
 */
#ifndef XEN_PERCPU_H
#define XEN_PERCPU_H

#include <asm/current.h>

extern unsigned long __per_cpu_offset[];
extern char __per_cpu_start[], __per_cpu_data_end[];

#define DEFINE_PER_CPU(type, name) \
    __section(".data.percpu") __typeof__(type) per_cpu__##name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) per_cpu__##name

#define per_cpu(var, cpu) \
    (*(__typeof__(&per_cpu__##var))((unsigned long)&per_cpu__##var + __per_cpu_offset[cpu]))
#define this_cpu(var) \
    (*(__typeof__(&per_cpu__##var))((unsigned long)&per_cpu__##var + get_cpu_info()->per_cpu_offset))

int percpu_alloc(unsigned int cpu);

#endif /* XEN_PERCPU_H */
