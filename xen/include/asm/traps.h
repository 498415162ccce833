/* Exception handling and crash dumps. */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <asm/regs.h>

void do_exception(struct cpu_user_regs *regs);
void show_registers(const struct cpu_user_regs *regs);
void show_stack(const struct cpu_user_regs *regs);
void show_execution_state(const struct cpu_user_regs *regs);
void __noreturn fatal_trap(const struct cpu_user_regs *regs, bool show_remote);
const char *trap_name(unsigned int vector);

/*
 * Exception table: an instruction that may fault (rdmsr_safe, guest memory
 * accesses) lists a fixup address to continue at instead of crashing.
 */
struct exception_table_entry {
    long addr;          /* relative to the entry */
    long cont;
};
unsigned long search_exception_table(unsigned long addr);

/* A callback that claims NMIs (returns true if it handled this one). */
typedef bool (*nmi_callback_t)(const struct cpu_user_regs *regs, unsigned int cpu);
void set_nmi_callback(nmi_callback_t cb);

#define _ASM_EXTABLE(from, to)                      \
    "  .pushsection .ex_table, \"a\"\n"             \
    "  .balign 8\n"                                 \
    "  .quad (" #from ") - ., (" #to ") - .\n"      \
    "  .popsection\n"

#endif /* ASM_TRAPS_H */
