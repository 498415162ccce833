/*
 * Start-up code for the other CPUs.  smpboot.c copies it to a page below 1 MiB and
 * sends INIT-SIPI-SIPI with that page as the start vector; the CPU arrives in real
 * mode at offset 0 with CS = page >> 4.  It climbs through protected mode into
 * long mode on the boot page tables (whose low 4 GiB identity map is still in
 * place during start-up) and jumps to ap_start in the image.
 *
 * Everything is addressed relative to the page: the real-mode code computes the
 * physical base from CS and patches the far pointers and the GDT base it needs.
 */
#include <asm/asm_defns.h>
#include <asm/msr-index.h>
#include <asm/processor-flags.h>

#define T(x) ((x) - trampoline_start)

        .section .rodata.trampoline, "a", @progbits
        .code16
GLOBAL(trampoline_start)
        cli
        cld
        mov     %cs, %ax
        mov     %ax, %ds
        xor     %ebx, %ebx
        mov     %cs, %bx
        shl     $4, %ebx                        /* EBX = physical base of this page */

        /* Patch the GDT base and the two far pointers with physical addresses. */
        lea     T(tramp_gdt)(%ebx), %eax
        mov     %eax, T(tramp_gdtr) + 2
        lea     T(tramp32)(%ebx), %eax
        mov     %eax, T(far32)
        lea     T(tramp64)(%ebx), %eax
        mov     %eax, T(far64)

        lgdtl   T(tramp_gdtr)
        mov     %cr0, %eax
        or      $X86_CR0_PE, %eax
        mov     %eax, %cr0
        ljmpl   *T(far32)

        .code32
tramp32:
        mov     $0x10, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss

        mov     %cr4, %eax
        or      $(X86_CR4_PAE | X86_CR4_PGE), %eax
        mov     %eax, %cr4
        mov     T(trampoline_cr3)(%ebx), %eax
        mov     %eax, %cr3

        mov     $MSR_EFER, %ecx
        rdmsr
        or      $(EFER_LME | EFER_SCE), %eax
        testb   $1, T(trampoline_nx)(%ebx)
        jz      1f
        or      $EFER_NXE, %eax
1:      wrmsr

        mov     %cr0, %eax
        or      $(X86_CR0_PG | X86_CR0_WP | X86_CR0_NE | X86_CR0_MP), %eax
        mov     %eax, %cr0
        ljmp    *T(far64)(%ebx)

        .code64
tramp64:
        movabs  $ap_start, %rax
        jmp     *%rax

        .align  8
far32:  .long   0
        .word   0x08
far64:  .long   0
        .word   0x18

        .align  8
tramp_gdt:
        .quad   0
        .quad   0x00cf9b000000ffff      /* 0x08: 32-bit code */
        .quad   0x00cf93000000ffff      /* 0x10: data */
        .quad   0x00af9b000000ffff      /* 0x18: 64-bit code */
tramp_gdtr:
        .word   4 * 8 - 1
        .long   0

        .align  4
GLOBAL(trampoline_cr3)
        .long   0
GLOBAL(trampoline_nx)
        .long   0
GLOBAL(trampoline_end)

/* In long mode at the image's address: switch to the stack the boot CPU chose. */
        .text
ENTRY(ap_start)
        mov     ap_boot_stack(%rip), %rsp
        xor     %ebp, %ebp
        call    start_secondary
        ud2
END(ap_start)
