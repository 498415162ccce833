/*
 * PV guest execution: entering and leaving the guest, delivering its exceptions,
 * events and system calls through bounce frames, and its callbacks.
 */
#ifndef ASM_PV_TRAPS_H
#define ASM_PV_TRAPS_H

#include <xen/types.h>
#include <asm/regs.h>
#include <public/xen.h>
#include <asm/domain.h>
#include <asm/irq_vectors.h>
#include <asm/processor-flags.h>

struct vcpu;
struct domain;
struct page_info;

/* Entry points from assembly. */
void pv_syscall_entry(struct cpu_user_regs *regs);
void pv_handle_exception(struct cpu_user_regs *regs);
void pv_exit_work(void);        /* with interrupts off, before returning to a guest */
void __noreturn ret_to_guest(void);     /* (asm) run exit work and IRET to the guest */

/* Deliver exception 'vector' to the current vCPU when it next returns. */
void pv_inject_trap(struct vcpu *v, unsigned int vector, bool has_error, u32 error);
void pv_inject_gp(struct vcpu *v, u32 error);
void pv_inject_ud(struct vcpu *v);
/* INT n from the guest (RIP already past it): deliver if its DPL allows, else #GP. */
void pv_soft_interrupt(struct cpu_user_regs *regs, unsigned int vector);

/* Switch between guest kernel and guest user context (page tables and GS base). */
void toggle_guest_mode(struct vcpu *v);

/* The vcpu_info where the guest sees its event and time state. */
vcpu_info_t *pv_vcpu_info(struct vcpu *v);

/* Per-CPU SYSCALL entry stubs (see pv/entry.S). */
void pv_percpu_syscall_init(unsigned int cpu);

/* Descriptor tables (pv/descriptor-tables.c). */
bool check_descriptor(u64 *desc);
int pv_perdomain_init(struct domain *d);
void pv_perdomain_destroy(struct domain *d);
int pv_vcpu_gdt_init(struct vcpu *v);
void pv_load_gdt_ldt(struct vcpu *v, u64 *cpu_gdt);
void pv_reload_gdt_ldt(struct vcpu *v);
void pv_destroy_gdt_ldt(struct vcpu *v);

int validate_segdesc_page(struct page_info *pg);
int pv_set_ldt(struct vcpu *v, unsigned long base, unsigned int ents);
bool pv_map_ldt_page(struct vcpu *v, unsigned long addr);
long set_debugreg(struct vcpu *v, unsigned int reg, unsigned long value);
struct page_info;

/* Emulation (pv/emul-*.c, pv/ro-page-fault.c). */
bool pv_emulate_privileged_op(struct cpu_user_regs *regs);
bool pv_emulate_forced_invalid_op(struct cpu_user_regs *regs);

/* The CPUID a PV guest sees (pv/cpuid.c). */
void pv_cpuid(const struct vcpu *v, u32 leaf, u32 subleaf, struct cpu_user_regs *regs);

/* Crash a guest that did something it cannot recover from, saying why. */
void __domain_crash(struct domain *d, const char *why);
void show_guest_stack(const struct cpu_user_regs *regs);
#define domain_crash(d, why) __domain_crash(d, why)

#endif /* ASM_PV_TRAPS_H */
