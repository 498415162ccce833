/*
 * What the guest learns at start of day, and its per-vCPU state.
 *
 * Each vCPU's kernel GS base points at its struct pv_cpu (set with
 * set_segment_base(SEGBASE_GS_KERNEL) for vCPU 0 and through
 * vcpu_guest_context.gs_base_kernel for the others), so this_cpu() is one
 * load from %gs:0.
 */
#ifndef PVGUEST_SETUP_H
#define PVGUEST_SETUP_H

#include <pvguest/traps.h>
#include <xen/event_channel.h>

#define MAX_VCPUS 4

struct pv_cpu {
    struct pv_cpu *self;            /* %gs:0 */
    unsigned int vcpu_id;
    vcpu_info_t *vcpu_info;         /* moved by register_vcpu_info */
    exinfo_t exinfo;                /* last fault caught via the extable */
    unsigned int exc_depth;         /* nesting of do_exception() */
    evtchn_port_t timer_port;       /* VIRQ_TIMER on this vCPU, 0 if none */
    uint8_t *stack_top;
    /* Guest user mode (traps.c). */
    struct pv_jmp_buf user_jb;
    uint8_t *user_entry_stack_top;  /* kernel stack for entries from user */
    /* Work for a secondary vCPU (smp.c). */
    void (*work)(void *arg);
    void *work_arg;
    volatile bool work_done;
};

extern uint8_t boot_stack_guard[], boot_stack[], boot_stack_top[];
extern start_info_t *start_info;
extern shared_info_t *shared_info;
extern struct pv_cpu pv_cpus[MAX_VCPUS];
extern unsigned int nr_vcpus;

static inline struct pv_cpu *this_cpu(void)
{
    struct pv_cpu *c;

    asm volatile ( "mov %%gs:0, %0" : "=r" (c) );
    return c;
}

static inline vcpu_info_t *this_vcpu_info(void)
{
    return this_cpu()->vcpu_info;
}

/* Entry from head.S. */
void pv_start(start_info_t *si) __noreturn;

/* Entry of a secondary vCPU (entry.S). */
void secondary_start(struct pv_cpu *cpu) __noreturn;

/* Point this vCPU's kernel GS base at cpu (also used after tests move it). */
int percpu_set_gs(struct pv_cpu *cpu);

#endif /* PVGUEST_SETUP_H */
