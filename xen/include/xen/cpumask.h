/* Sets of CPUs. */
#ifndef XEN_CPUMASK_H
#define XEN_CPUMASK_H

#include <xen/bitops.h>
#include <xen/string.h>
#include <asm/config.h>

typedef struct cpumask {
    unsigned long bits[BITS_TO_LONGS(NR_CPUS)];
} cpumask_t;
#define ARRAY_SIZE_CPUMASK BITS_TO_LONGS(NR_CPUS)

extern cpumask_t cpu_online_map;    /* CPUs running the hypervisor */
extern cpumask_t cpu_present_map;   /* CPUs found in the MADT (and allowed by maxcpus=) */
extern unsigned int nr_cpu_ids;     /* one more than the highest present CPU number */

static inline void cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
    set_bit(cpu, m->bits);
}

static inline void cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
    clear_bit(cpu, m->bits);
}

static inline bool cpumask_test_cpu(unsigned int cpu, const cpumask_t *m)
{
    return test_bit(cpu, m->bits);
}

static inline bool cpumask_test_and_clear_cpu(unsigned int cpu, cpumask_t *m)
{
    return test_and_clear_bit(cpu, m->bits);
}

static inline void cpumask_clear(cpumask_t *m)
{
    memset(m, 0, sizeof(*m));
}

static inline void cpumask_copy(cpumask_t *dst, const cpumask_t *src)
{
    *dst = *src;
}

static inline unsigned int cpumask_first(const cpumask_t *m)
{
    return find_first_bit(m->bits, NR_CPUS);
}

static inline unsigned int cpumask_next(int n, const cpumask_t *m)
{
    return find_next_bit(m->bits, NR_CPUS, n + 1);
}

static inline unsigned int cpumask_weight(const cpumask_t *m)
{
    return bitmap_weight(m->bits, NR_CPUS);
}

static inline bool cpumask_empty(const cpumask_t *m)
{
    return cpumask_first(m) >= NR_CPUS;
}

static inline void cpumask_and(cpumask_t *dst, const cpumask_t *a, const cpumask_t *b)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE_CPUMASK; i++ )
        dst->bits[i] = a->bits[i] & b->bits[i];
}
static inline void cpumask_andnot(cpumask_t *dst, const cpumask_t *a, const cpumask_t *b)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE_CPUMASK; i++ )
        dst->bits[i] = a->bits[i] & ~b->bits[i];
}

static inline void cpumask_setall(cpumask_t *m)
{
    memset(m, 0xff, sizeof(*m));
}

#define for_each_cpu(cpu, mask)                     \
    for ( (cpu) = cpumask_first(mask);              \
          (cpu) < NR_CPUS;                          \
          (cpu) = cpumask_next((cpu), (mask)) )
#define for_each_online_cpu(cpu)  for_each_cpu(cpu, &cpu_online_map)
#define for_each_present_cpu(cpu) for_each_cpu(cpu, &cpu_present_map)
#define cpu_online(cpu)           cpumask_test_cpu((cpu), &cpu_online_map)
#define num_online_cpus()         cpumask_weight(&cpu_online_map)

#endif /* XEN_CPUMASK_H */
