/*
 * Per-CPU state reached through the stack pointer, as in Xen: every CPU runs on a
 * STACK_SIZE-aligned stack whose top holds struct cpu_info.  This needs no segment
 * register, which matters because the GS base belongs to PV guests.
 */
#ifndef ASM_CURRENT_H
#define ASM_CURRENT_H

#include <asm/config.h>
#include <asm/regs.h>

#ifndef __ASSEMBLY__
struct vcpu;

struct cpu_info {
    /* Guest frame: the CPU pushes a guest's SS..RIP right at its end (TSS.RSP0). */
    struct cpu_user_regs guest_cpu_user_regs;
    unsigned int processor_id;
    unsigned int pad0;
    struct vcpu *current_vcpu;
    unsigned long per_cpu_offset;
    unsigned long pad1;
};

#ifndef HOST_TEST
static inline struct cpu_info *get_cpu_info(void)
{
    unsigned long sp;

    __asm__ ( "mov %%rsp, %0" : "=r" (sp) );
    return (struct cpu_info *)((sp | (STACK_SIZE - 1)) + 1) - 1;
}
#else
/* Host unit tests (tests/unit): one simulated CPU whose number the test sets. */
extern struct cpu_info host_cpu_info;
static inline struct cpu_info *get_cpu_info(void)
{
    return &host_cpu_info;
}
#endif

#define get_current()       (get_cpu_info()->current_vcpu)
#define current             get_current()
#define set_current(v)      (get_cpu_info()->current_vcpu = (v))
#define smp_processor_id()  (get_cpu_info()->processor_id)
#define guest_cpu_user_regs() (&get_cpu_info()->guest_cpu_user_regs)

/* Where the CPU starts pushing when it enters from a guest: the end of the frame. */
static inline unsigned long get_stack_bottom(void)
{
    return (unsigned long)&get_cpu_info()->guest_cpu_user_regs.es;
}
#endif

#endif /* ASM_CURRENT_H */
