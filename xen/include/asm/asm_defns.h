/* Helpers for assembly sources. */
#ifndef ASM_ASM_DEFNS_H
#define ASM_ASM_DEFNS_H

#include <asm/config.h>

#ifdef __ASSEMBLY__
#define ENTRY(name)  .globl name; .type name, @function; .align 16; name:
#define GLOBAL(name) .globl name; name:
#define END(name)    .size name, . - name
/* Physical address of an image symbol, for code that runs before paging. */
#define sym_phys(sym) ((sym) - XEN_VIRT_START)
/* An exception-table entry: a fault at 'from' continues at 'to' (asm/traps.h). */
#define _ASM_EXTABLE(from, to) \
        .pushsection .ex_table, "a"; .balign 8; .quad (from) - ., (to) - .; .popsection
#endif

#endif /* ASM_ASM_DEFNS_H */
