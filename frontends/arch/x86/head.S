/*
 * Start of day of a 64-bit PV guest kernel, and the Xen ELF notes that tell
 * the domain builder how to load it.
 *
 * The builder maps the image at VIRT_BASE + p_paddr, pfn-for-page, and
 * enters at XEN_ELFNOTE_ENTRY in guest kernel mode with RSI = the virtual
 * address of start_info and RSP at the top of a one-page boot stack
 * (Xen's public xen.h, "Start-of-day memory layout").  Event delivery is
 * masked in every vcpu_info.
 */
#include <xen/elfnote.h>
#include "elfnote.h"

/* Notes every image carries.  XEN_ELFNOTE_HYPERCALL_PAGE lives in
 * hypercall_page_note.S so that an image can be linked without it. */
ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz "PVGUEST")
ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz "1")
ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
ELFNOTE(XEN_ELFNOTE_LOADER, .asciz "generic")
ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .quad VIRT_BASE)
ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad 0)
ELFNOTE(XEN_ELFNOTE_ENTRY, .quad _start)
/* XENFEAT_dom0 (11): the builder refuses a dom0 kernel without it. */
ELFNOTE(XEN_ELFNOTE_SUPPORTED_FEATURES, .long (1 << 11))

        .section .text.head, "ax", @progbits
        .code64
        .globl _start
_start:
        cld
        mov     %rsi, %r12                      /* start_info */

        /* The loader zeroes the bss; do it again rather than trust it. */
        lea     __bss_start(%rip), %rdi
        lea     __bss_end(%rip), %rcx
        sub     %rdi, %rcx
        xor     %eax, %eax
        rep stosb

        lea     boot_stack_top(%rip), %rsp
        xor     %ebp, %ebp
        mov     %r12, %rdi
        call    pv_start
        ud2

/*
 * The hypercall page: the hypervisor fills it with 128 stubs of 32 bytes
 * when the image names it in XEN_ELFNOTE_HYPERCALL_PAGE.  Left as zeroes
 * otherwise, which is how the library finds out to use a bare SYSCALL.
 */
        .section .text.hypercall_page, "ax", @progbits
        .p2align 12
        .globl hypercall_page
hypercall_page:
        .skip   4096, 0

        .text
/* Used in SYSCALL mode: RAX holds the hypercall number already. */
        .globl hypercall_syscall_stub
hypercall_syscall_stub:
        syscall
        ret

        .section .bss.stack, "aw", @nobits
        .p2align 12
/* Unmapped at start of day: an overflow faults instead of corrupting. */
        .globl boot_stack_guard
boot_stack_guard:
        .skip   4096
        .globl boot_stack
boot_stack:
        .skip   4 * 4096
        .globl boot_stack_top
boot_stack_top:

        .section .note.GNU-stack, "", @progbits
