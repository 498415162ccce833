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

/* Save the general registers, completing struct cpu_user_regs (see asm/regs.h). */
.macro SAVE_ALL
        cld
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %rax
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
.endm

.macro RESTORE_ALL
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rax
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        add     $8, %rsp                /* error code and vector */
.endm

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

ENTRY(handle_exception)
        SAVE_ALL
        mov     %rsp, %rdi
        call    do_exception
        jmp     restore_all
END(handle_exception)

ENTRY(common_interrupt)
        SAVE_ALL
        mov     %rsp, %rdi
        call    do_IRQ
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
