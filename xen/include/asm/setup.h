/* Boot-time steps called from __start_xen and start_secondary, in their order. */
#ifndef ASM_SETUP_H
#define ASM_SETUP_H

#include <xen/types.h>

struct vcpu;

void init_directmap(void);                  /* arch/x86/mm.c */
void remap_xen_image(void);
void init_frametable(void);
void frametable_mark_ram(unsigned long s, unsigned long e);
void prealloc_xen_l3_slots(void);

void set_trampoline_phys(paddr_t pa);       /* arch/x86/smpboot.c */
void set_cpu_stack_base(unsigned int cpu, unsigned long base);
unsigned long cpu_stack_base(unsigned int cpu);

void early_time_init(void);                 /* arch/x86/time.c */

void idle_domain_init(void);                /* common/domain.c */
void scheduler_start_bsp(void);             /* common/sched/core.c */
void sched_cpu_up(unsigned int cpu);
void sched_context_saved(struct vcpu *prev);

#endif /* ASM_SETUP_H */
