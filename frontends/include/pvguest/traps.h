/*
 * Exceptions, callbacks and expected faults in a 64-bit PV guest.
 *
 * The library installs a trap table (HYPERVISOR_set_trap_table) for the
 * architectural exceptions and registers the event, failsafe, NMI and
 * SYSCALL callbacks (CALLBACKOP_register).  Every entry lands in
 * do_exception() with a struct cpu_regs.  Tests catch faults they expect
 * in two ways:
 *   - an exception-table entry (ASM_EXTABLE) names the faulting instruction
 *     and where to continue; the fault is recorded as an exinfo_t that
 *     exinfo_take() returns;
 *   - a hook per vector (trap_set_hook) sees the whole frame first.
 */
#ifndef PVGUEST_TRAPS_H
#define PVGUEST_TRAPS_H

/* Pseudo-vectors for the callbacks, beyond the 256 IDT vectors. */
#define X86_VEC_EVENT       0x100
#define X86_VEC_SYSCALL     0x101
#define X86_VEC_FAILSAFE    0x102
#define X86_VEC_NMI         0x103
/* A software-interrupt vector tests may point anywhere (int $0x81). */
#define X86_VEC_SOFT_INT    0x81

#define X86_EXC_DE  0
#define X86_EXC_DB  1
#define X86_EXC_BP  3
#define X86_EXC_OF  4
#define X86_EXC_BR  5
#define X86_EXC_UD  6
#define X86_EXC_NM  7
#define X86_EXC_TS  10
#define X86_EXC_NP  11
#define X86_EXC_SS  12
#define X86_EXC_GP  13
#define X86_EXC_PF  14
#define X86_EXC_MF  16
#define X86_EXC_AC  17
#define X86_EXC_XM  19

#ifndef __ASSEMBLY__

#include <pvguest/lib.h>

/* Saved by entry.S, lowest address first. */
struct cpu_regs {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t entry_vector, error_code;
    /* The bounce frame. */
    uint64_t rip, cs, rflags, rsp, ss;
};

#define X86_EFLAGS_IF       0x200
#define X86_EFLAGS_IOPL     0x3000

/*
 * A fault caught through the exception table: bit 31 set, the vector in
 * bits 0-7 and the low 16 bits of the error code in bits 8-23.
 */
typedef uint32_t exinfo_t;
#define EXINFO_VALID        (1u << 31)
#define EXINFO(vec, ec)     (EXINFO_VALID | (((ec) & 0xffffu) << 8) | (vec))
#define EXINFO_VEC(e)       ((e) & 0xff)
#define EXINFO_EC(e)        (((e) >> 8) & 0xffff)
#define EXINFO_NONE         0u

/* "1: insn; 2:" with ASM_EXTABLE(1b, 2b): a fault at 1 continues at 2. */
#define ASM_EXTABLE(fault, fixup)                    \
    ".pushsection .ex_table, \"a\"\n\t"              \
    ".p2align 3\n\t"                                 \
    ".quad " #fault ", " #fixup "\n\t"               \
    ".popsection\n\t"

struct extable_entry {
    unsigned long fault, fixup;
};

/* The fault recorded on this vCPU since the last call (0 if none). */
exinfo_t exinfo_take(void);

/* Format "#GP[0000]" / "#PF[0002]" / "none" for messages. */
const char *exinfo_str(exinfo_t e, char *buf, size_t size);

/* For hooks: continue at the extable fixup of regs->rip, if there is one. */
bool extable_fixup(struct cpu_regs *regs);

/* A hook returns true if it handled the exception (it may edit regs). */
typedef bool (*trap_hook_t)(struct cpu_regs *regs);
void trap_set_hook(unsigned int vector, trap_hook_t hook);

/*
 * (Re)install the library's trap table with the given entry changed:
 * flags = DPL (0-3) | 4 to mask events on entry; address 0 removes it.
 */
int trap_set_entry(unsigned int vector, unsigned int flags,
                   unsigned long address);
/* Reinstall the library's own trap table. */
int traps_reinstall(void);

void traps_init(void);
void do_exception(struct cpu_regs *regs);

/* Entry points in entry.S, for tests that build their own tables. */
void entry_DE(void), entry_DB(void), entry_BP(void), entry_OF(void);
void entry_BR(void), entry_UD(void), entry_NM(void), entry_TS(void);
void entry_NP(void), entry_SS(void), entry_GP(void), entry_PF(void);
void entry_MF(void), entry_AC(void), entry_XM(void), entry_sw_int(void);
void entry_int80(void);
void hypervisor_callback(void), failsafe_callback(void);
void syscall_callback(void), nmi_callback(void);
void hypercall_iret(void);

/* Guest user mode (traps.c, entry.S). */
struct pv_jmp_buf {
    unsigned long rbx, rbp, r12, r13, r14, r15, rsp, rip;
};
int pv_setjmp(struct pv_jmp_buf *jb) __attribute__((returns_twice));
void pv_longjmp(struct pv_jmp_buf *jb, int v) __noreturn;
void enter_user_mode(unsigned long rip, unsigned long rsp,
                     unsigned long arg) __noreturn;

/* The SYSCALL number with which user code ends run_user(). */
#define USER_SYSCALL_EXIT   0x7e57

/*
 * Handler for SYSCALL from user mode other than USER_SYSCALL_EXIT; the
 * default answers -ENOSYS in RAX.  It runs on the kernel stack that
 * user_mode_init() registered, and returns to user mode afterwards.
 */
void user_set_syscall_hook(void (*hook)(struct cpu_regs *regs));

/*
 * Prepare guest user mode: a user L4 (a pinned copy of the kernel L4's
 * guest slots, MMUEXT_NEW_USER_BASEPTR) and the kernel stack for entries
 * from user mode (HYPERVISOR_stack_switch).  Returns 0 or -errno.
 */
int user_mode_init(void);

/*
 * Run fn(arg) in guest user mode on its own stack until it makes the
 * USER_SYSCALL_EXIT syscall; returns the value it passed in RDI.
 */
long run_user(void (*fn)(unsigned long), unsigned long arg);

/* In user mode: leave run_user() with a value. */
void user_exit(long value) __noreturn;

#endif /* __ASSEMBLY__ */
#endif /* PVGUEST_TRAPS_H */
