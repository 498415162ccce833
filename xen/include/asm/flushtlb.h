/* TLB flushes. */
#ifndef ASM_FLUSHTLB_H
#define ASM_FLUSHTLB_H

#include <asm/processor.h>

struct cpumask;

/* Flush this CPU's TLB and, once the other CPUs are up, theirs (by IPI). */
void flush_tlb_all(void);
void flush_tlb_mask(const struct cpumask *mask);
#define flush_tlb_local() flush_tlb_all_local()

#endif /* ASM_FLUSHTLB_H */
