/*
 * XEN_ELFNOTE_HYPERCALL_PAGE: asks the builder to fill hypercall_page.
 * Linked into every image except those that test the bare-SYSCALL path
 * (Linux >= 6.1.123 carries no such note).
 */
#include <xen/elfnote.h>
#include "elfnote.h"

ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad hypercall_page)

        .section .note.GNU-stack, "", @progbits
