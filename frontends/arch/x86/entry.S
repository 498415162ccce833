/*
 * Entry points the hypervisor bounces to: exceptions (through the trap
 * table), the event upcall, the failsafe callback and SYSCALL from guest
 * user mode; and the way back, the iret hypercall.
 *
 * A 64-bit PV bounce frame (Xen's create_bounce_frame) on the guest kernel
 * stack is, from the lowest address:
 *     RCX, R11, [DS, ES, FS, GS (failsafe only)], [error code], RIP,
 *     CS (bits 32-39: the saved upcall mask), RFLAGS, RSP, SS
 * It is built on the current stack when the guest was in kernel mode (CS
 * then has RPL 0) and at the registered kernel stack (stack_switch) when it
 * came from user mode (CS RPL 3).  Each stub pops RCX and R11 back into
 * their registers, pushes an error code where the CPU gives none and a
 * vector number, saves the general registers as struct cpu_regs and calls
 * do_exception().
 *
 * The iret hypercall takes { RAX, R11, RCX, flags, RIP, CS, RFLAGS, RSP,
 * SS } at RSP (struct iret_context); the hypercall page's iret stub pushes
 * RCX, R11 and RAX itself, the guest pushes flags.
 */
#include <xen/xen.h>
#include <pvguest/traps.h>

        .macro SAVE_ALL
        push    %rax
        push    %rbx
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %rbp
        push    %r8
        push    %r9
        push    %r10
        push    %r11
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
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rbp
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rbx
        pop     %rax
        .endm

        /* A stub for a vector the CPU gives no error code for. */
        .macro ENTRY_NOERR name, vec
        .globl \name
\name:
        pop     %rcx
        pop     %r11
        push    $0
        push    $\vec
        jmp     handle_exception
        .endm

        /* A stub for a vector with an error code already in the frame. */
        .macro ENTRY_ERR name, vec
        .globl \name
\name:
        pop     %rcx
        pop     %r11
        push    $\vec
        jmp     handle_exception
        .endm

        .text
ENTRY_NOERR entry_DE, 0
ENTRY_NOERR entry_DB, 1
ENTRY_NOERR entry_BP, 3
ENTRY_NOERR entry_OF, 4
ENTRY_NOERR entry_BR, 5
ENTRY_NOERR entry_UD, 6
ENTRY_NOERR entry_NM, 7
ENTRY_ERR   entry_TS, 10
ENTRY_ERR   entry_NP, 11
ENTRY_ERR   entry_SS, 12
ENTRY_ERR   entry_GP, 13
ENTRY_ERR   entry_PF, 14
ENTRY_NOERR entry_MF, 16
ENTRY_ERR   entry_AC, 17
ENTRY_NOERR entry_XM, 19
ENTRY_NOERR entry_sw_int, X86_VEC_SOFT_INT
ENTRY_NOERR entry_int80, 0x80
ENTRY_NOERR hypervisor_callback, X86_VEC_EVENT
ENTRY_NOERR syscall_callback, X86_VEC_SYSCALL
ENTRY_NOERR nmi_callback, X86_VEC_NMI

/* Failsafe: DS, ES, FS, GS sit between R11 and RIP; report and stop. */
        .globl failsafe_callback
failsafe_callback:
        pop     %rcx
        pop     %r11
        push    $0
        push    $X86_VEC_FAILSAFE
        jmp     handle_exception

handle_exception:
        SAVE_ALL
        mov     %rsp, %rdi
        mov     %rsp, %rbx
        and     $~15, %rsp
        call    do_exception
        mov     %rbx, %rsp
        RESTORE_ALL
        add     $16, %rsp                       /* vector, error code */
        /* Fall through: RIP, CS, RFLAGS, RSP, SS at RSP. */

/*
 * Return through the iret hypercall to the frame at RSP.  Whether the
 * guest returns to kernel or user mode, and the new upcall mask
 * (!RFLAGS.IF), come from the frame.
 */
        .globl hypercall_iret
hypercall_iret:
        pushq   $0                              /* flags */
        cmpb    $0, hypercall_use_syscall(%rip)
        jne     1f
        jmp     hypercall_page + __HYPERVISOR_iret * 32
1:      push    %rcx
        push    %r11
        push    %rax
        mov     $__HYPERVISOR_iret, %eax
        syscall
        ud2

/*
 * void enter_user_mode(unsigned long rip, unsigned long rsp,
 *                      unsigned long arg) __noreturn
 * Switch to guest user mode at rip with the stack rsp and arg in RDI,
 * events enabled.  CS RPL 3 in the iret frame selects user mode.
 */
        .globl enter_user_mode
enter_user_mode:
        pushq   $FLAT_USER_SS
        push    %rsi
        pushq   $0x202                          /* IF | reserved bit 1 */
        pushq   $FLAT_USER_CS
        push    %rdi
        mov     %rdx, %rdi
        jmp     hypercall_iret

/*
 * int pv_setjmp(struct pv_jmp_buf *jb) / void pv_longjmp(jb, int v):
 * callee-saved registers, RSP and the return address.
 */
        .globl pv_setjmp
pv_setjmp:
        mov     %rbx, 0(%rdi)
        mov     %rbp, 8(%rdi)
        mov     %r12, 16(%rdi)
        mov     %r13, 24(%rdi)
        mov     %r14, 32(%rdi)
        mov     %r15, 40(%rdi)
        lea     8(%rsp), %rax
        mov     %rax, 48(%rdi)
        mov     (%rsp), %rax
        mov     %rax, 56(%rdi)
        xor     %eax, %eax
        ret

        .globl pv_longjmp
pv_longjmp:
        mov     %rsi, %rax
        test    %rax, %rax
        jnz     1f
        inc     %rax
1:      mov     0(%rdi), %rbx
        mov     8(%rdi), %rbp
        mov     16(%rdi), %r12
        mov     24(%rdi), %r13
        mov     32(%rdi), %r14
        mov     40(%rdi), %r15
        mov     48(%rdi), %rsp
        jmp     *56(%rdi)

/*
 * First instruction of a secondary vCPU (VCPUOP_initialise): RSP at the
 * top of its stack, RDI = its struct pv_cpu.
 */
        .globl secondary_entry
secondary_entry:
        and     $~15, %rsp
        xor     %ebp, %ebp
        call    secondary_start
        ud2

        .section .note.GNU-stack, "", @progbits
