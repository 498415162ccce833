/*
 * PV guest entry and exit.
 *
 * SYSCALL from a guest arrives in a per-CPU stub (written by pv/traps.c) that
 * switches to this CPU's stack, leaving the guest's RSP in the frame's RSP slot,
 * and jumps here.  The frame is completed as the CPU would for an exception from
 * ring 3, so every guest entry leaves the same struct cpu_user_regs at the bottom
 * of the stack (asm/current.h: guest_cpu_user_regs()).
 *
 * Every return to a guest goes through ret_to_guest: pending softirqs (which may
 * switch to another vCPU), then traps and events to deliver, then IRET.
 */
#include <asm/asm_defns.h>
#include <asm/asm-offsets.h>
#include <asm/irq_vectors.h>
#include <asm/entry-macros.h>

#define TRAP_syscall    0x100           /* entry_vector of SYSCALL frames */
#define TRAP_syscall32  0x101

.macro SYSCALL_FRAME vector
        /* RSP points at the frame's RSP slot (guest RSP saved there by the stub). */
        movq    $FLAT_RING3_SS64, 8(%rsp)       /* SS slot */
        pushq   %r11                            /* RFLAGS, saved by SYSCALL */
        pushq   $FLAT_RING3_CS64                /* CS */
        pushq   %rcx                            /* RIP, saved by SYSCALL */
        pushq   $0
        movl    $\vector, 4(%rsp)
        SAVE_ALL
.endm

        .text
ENTRY(lstar_enter)
        SYSCALL_FRAME TRAP_syscall
        sti
        mov     %rsp, %rdi
        call    pv_syscall_entry
        jmp     ret_to_guest
END(lstar_enter)

ENTRY(cstar_enter)
        SYSCALL_FRAME TRAP_syscall32
        sti
        mov     %rsp, %rdi
        call    pv_syscall_entry
        jmp     ret_to_guest
END(cstar_enter)

ENTRY(ret_to_guest)
        cli
        call    pv_exit_work                    /* returns with interrupts off */
        mov     %rsp, %rax
        or      $(STACK_SIZE - 1), %rax
        sub     $(CPUINFO_sizeof - 1), %rax
        mov     %rax, %rsp                      /* the guest frame */
        RESTORE_ALL
1:      iretq
        _ASM_EXTABLE(1b, bad_iret)
END(ret_to_guest)

/* The IRET frame the guest gave us was unusable (bad CS or SS). */
ENTRY(bad_iret)
        mov     %rsp, %rax
        or      $(STACK_SIZE - 1), %rax
        sub     $(CPUINFO_sizeof - 1), %rax
        mov     %rax, %rsp
        sub     $8, %rsp
        call    pv_bad_iret
        jmp     ret_to_guest
END(bad_iret)
