/*
 * The boot page tables, complete at link time so the 32-bit entry code only has to
 * load CR3.  They map:
 *   - the low 4 GiB 1:1 (L4 slot 0; needed while switching modes and to start the
 *     other CPUs, removed once they are up),
 *   - the same 4 GiB at DIRECTMAP_VIRT_START (L4 slot 262; replaced by the real
 *     direct map of all RAM in arch/x86/mm.c),
 *   - physical 0-16 MiB at XEN_VIRT_START, which holds the image (loaded at 2 MiB).
 * All with 2 MiB pages.  idle_pg_table stays the L4 of the idle vCPUs.
 */
#include <asm/asm_defns.h>
#include <asm/page.h>

#define TABLE_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define LEAF_FLAGS  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_PSE)

        .section .data.page_aligned, "aw", @progbits
        .align  PAGE_SIZE
GLOBAL(idle_pg_table)
        .quad   sym_phys(l3_bootmap) + TABLE_FLAGS
        .fill   260, 8, 0
        .quad   sym_phys(l3_xenmap) + TABLE_FLAGS       /* slot 261 */
        .quad   sym_phys(l3_bootmap) + TABLE_FLAGS      /* slot 262 */
        .fill   249, 8, 0

        .align  PAGE_SIZE
GLOBAL(l3_bootmap)
        .quad   sym_phys(l2_bootmap) + 0 * PAGE_SIZE + TABLE_FLAGS
        .quad   sym_phys(l2_bootmap) + 1 * PAGE_SIZE + TABLE_FLAGS
        .quad   sym_phys(l2_bootmap) + 2 * PAGE_SIZE + TABLE_FLAGS
        .quad   sym_phys(l2_bootmap) + 3 * PAGE_SIZE + TABLE_FLAGS
        .fill   508, 8, 0

        .align  PAGE_SIZE
GLOBAL(l2_bootmap)
        .set    i, 0
        .rept   4 * 512
        .quad   (i << L2_PAGETABLE_SHIFT) + LEAF_FLAGS
        .set    i, i + 1
        .endr

        .align  PAGE_SIZE
GLOBAL(l3_xenmap)
        .fill   321, 8, 0
        .quad   sym_phys(l2_xenmap) + TABLE_FLAGS       /* XEN_VIRT_START */
        .fill   190, 8, 0

        .align  PAGE_SIZE
GLOBAL(l2_xenmap)
        .set    i, 0
        .rept   8
        .quad   (i << L2_PAGETABLE_SHIFT) + LEAF_FLAGS
        .set    i, i + 1
        .endr
        .fill   504, 8, 0
