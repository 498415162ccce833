/*
 * Interrupt and exception entry.
 *
 * Each of the 256 vectors has a 16-byte stub that makes the frame uniform (a zero
 * error code where the CPU pushes none, the vector number in the upper half of that
 * slot) and jumps to the common code, which saves the general registers to complete
 * a struct cpu_user_regs and calls the C handler with a pointer to it.
 */
#include <asm/asm_defns.h>
#include <asm/irq_vectors.h>
#include <asm/asm-offsets.h>

#include <asm/entry-macros.h>

        .text
        .align  16
GLOBAL(entry_stubs)
        .set    vec, 0
        .rept   NR_VECTORS
        .align  16
        .if (vec == 8) || (vec == 10) || (vec == 11) || (vec == 12) || (vec == 13) || \
            (vec == 14) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
        .else
        pushq   $0
        .endif
        movl    $vec, 4(%rsp)
        .if vec < X86_NR_EXC
        jmp     handle_exception
        .else
        jmp     common_interrupt
        .endif
        .set    vec, vec + 1
        .endr
END(entry_stubs)

/*
 * Back to a PV guest through ret_to_guest (pending work, events, softirqs), except
 * from NMI and machine-check handlers: those run on their IST stacks, interrupt any
 * context, and must return exactly where they came from.
 */
ENTRY(handle_exception)
        SAVE_ALL
        mov     %rsp, %rdi
        call    do_exception
        cmpl    $X86_EXC_NMI, UREGS_entry_vector(%rsp)
        je      restore_all
        cmpl    $X86_EXC_MC, UREGS_entry_vector(%rsp)
        je      restore_all
        testb   $3, UREGS_cs(%rsp)
        jnz     ret_to_guest
        jmp     restore_all
END(handle_exception)

ENTRY(common_interrupt)
        SAVE_ALL
        mov     %rsp, %rdi
        call    do_IRQ
        testb   $3, UREGS_cs(%rsp)
        jnz     ret_to_guest
        jmp     restore_all
END(common_interrupt)

ENTRY(restore_all)
        RESTORE_ALL
        iretq
END(restore_all)

/*
 * reset_stack_and_jump(fn): discard everything on this CPU's stack and continue
 * in fn (which does not return).  Used to enter the idle loop and, later, guests.
 */
ENTRY(reset_stack_and_jump)
        mov     %rsp, %rax
        or      $(STACK_SIZE - 1), %rax
        sub     $(CPUINFO_sizeof - 1), %rax
        mov     %rax, %rsp
        xor     %ebp, %ebp
        jmp     *%rdi
END(reset_stack_and_jump)
