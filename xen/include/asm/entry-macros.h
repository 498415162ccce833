/* Register save/restore for the entry paths (arch/x86/entry.S, pv/entry.S). */
#ifndef ASM_ENTRY_MACROS_H
#define ASM_ENTRY_MACROS_H

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

#endif /* ASM_ENTRY_MACROS_H */
