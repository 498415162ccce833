/*
 * The test domU's start of day: Xen's notes for the builder, the entry
 * (RSI = start_info, RSP at the top of the builder's stack page), and the
 * hypercall page XEN_DOMCTL_hypercall_init fills.
 */
#include <xen/elfnote.h>
#include "elfnote.h"

ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz "PVDOMU")
ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz "1")
ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
ELFNOTE(XEN_ELFNOTE_LOADER, .asciz "generic")
ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .quad VIRT_BASE)
ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad 0)
ELFNOTE(XEN_ELFNOTE_ENTRY, .quad _start)
ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad hypercall_page)

        .section .text.head, "ax", @progbits
        .code64
        .globl _start
_start:
        cld
        mov     %rsi, %rdi                      /* start_info */
        xor     %ebp, %ebp
        call    domu_main
        ud2

        .section .text.hypercall_page, "ax", @progbits
        .p2align 12
        .globl hypercall_page
hypercall_page:
        .skip   4096, 0

        .section .note.GNU-stack, "", @progbits
