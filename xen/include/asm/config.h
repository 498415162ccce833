/*
 * The hypervisor's virtual memory layout, that of Xen 4.17 on x86_64.
 *
 * PV guests own every address outside 0xffff800000000000-0xffff87ffffffffff
 * (L4 slots 256-271); those slots are present in every L4 a guest runs on.
 *
 *  0xffff800000000000 - 0xffff803fffffffff  L4 256  read-only M2P table (guest visible)
 *  0xffff804000000000 - 0xffff807fffffffff  L4 256  reserved
 *  0xffff808000000000 - 0xffff80ffffffffff  L4 257  ioremap of PCI MMCONFIG
 *  0xffff810000000000 - 0xffff817fffffffff  L4 258  guest linear page table
 *  0xffff818000000000 - 0xffff81ffffffffff  L4 259  shadow linear page table
 *  0xffff820000000000 - 0xffff827fffffffff  L4 260  per-domain mappings (GDT, LDT)
 *  0xffff828000000000 - 0xffff82bfffffffff  L4 261  M2P table (read-write)
 *  0xffff82c000000000 - 0xffff82cfffffffff  L4 261  vmap / ioremap
 *  0xffff82d000000000 - 0xffff82d03fffffff  L4 261  compat M2P (unused: no 32-bit PV yet)
 *  0xffff82d040000000 - 0xffff82d07fffffff  L4 261  hypervisor text, data, bss
 *  0xffff82e000000000 - 0xffff82ffffffffff  L4 261  frame table (struct page_info[])
 *  0xffff830000000000 - 0xffff87ffffffffff  L4 262-271  direct map of all RAM
 */
#ifndef ASM_CONFIG_H
#define ASM_CONFIG_H

#ifdef __ASSEMBLY__
#define _AC(x, y)  x
#else
#define _AC(x, y)  x ## y
#endif

#define PAGE_SHIFT          12
#define PAGE_SIZE           (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK           (~(PAGE_SIZE - 1))

#define L1_PAGETABLE_SHIFT  12
#define L2_PAGETABLE_SHIFT  21
#define L3_PAGETABLE_SHIFT  30
#define L4_PAGETABLE_SHIFT  39
#define PAGETABLE_ENTRIES   512

#define PML4_ENTRY_BITS     39
#define PML4_ADDR(s)        (_AC(0xffff000000000000, UL) | (_AC(s, UL) << PML4_ENTRY_BITS))

/* Also defined (identically) by public/arch-x86/xen-x86_64.h, whichever comes first. */
#ifndef HYPERVISOR_VIRT_START
#define HYPERVISOR_VIRT_START   PML4_ADDR(256)
#define HYPERVISOR_VIRT_END     PML4_ADDR(272)
#endif
#define ROOT_PAGETABLE_FIRST_XEN_SLOT 256
#define ROOT_PAGETABLE_LAST_XEN_SLOT  271

#define RO_MPT_VIRT_START       PML4_ADDR(256)
#define RO_MPT_VIRT_END         (RO_MPT_VIRT_START + _AC(0x4000000000, UL))
#define PCI_MCFG_VIRT_START     PML4_ADDR(257)
#define LINEAR_PT_VIRT_START    PML4_ADDR(258)
#define SH_LINEAR_PT_VIRT_START PML4_ADDR(259)
#define PERDOMAIN_VIRT_START    PML4_ADDR(260)
#define RDWR_MPT_VIRT_START     PML4_ADDR(261)
#define RDWR_MPT_VIRT_END       (RDWR_MPT_VIRT_START + _AC(0x4000000000, UL))
#define VMAP_VIRT_START         (RDWR_MPT_VIRT_END)
#define VMAP_VIRT_END           (VMAP_VIRT_START + _AC(0x1000000000, UL))
#define XEN_VIRT_START          _AC(0xffff82d040000000, UL)
#define XEN_VIRT_END            (XEN_VIRT_START + _AC(0x40000000, UL))
#define FRAMETABLE_VIRT_START   _AC(0xffff82e000000000, UL)
#define FRAMETABLE_SIZE         _AC(0x2000000000, UL)
#define DIRECTMAP_VIRT_START    PML4_ADDR(262)
#define DIRECTMAP_VIRT_END      HYPERVISOR_VIRT_END
#define DIRECTMAP_SIZE          (DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START)

/*
 * The image is loaded at 2 MiB physical and linked at XEN_VIRT_START + 2 MiB, so
 * virt - XEN_VIRT_START is the physical address of anything in the image.
 */
#define XEN_IMG_OFFSET          _AC(0x200000, UL)

/* Per-CPU stacks: STACK_SIZE bytes, naturally aligned; struct cpu_info at the top. */
#define STACK_ORDER             3
#define STACK_SIZE              (PAGE_SIZE << STACK_ORDER)
/* Pages of the stack block used as IST stacks (from the bottom): #DF, NMI, #MC. */
#define IST_DF_PAGE             0
#define IST_NMI_PAGE            1
#define IST_MCE_PAGE            2
#define PRIMARY_STACK_PAGES     5

#define NR_CPUS                 256

/*
 * Selectors of the hypervisor's GDT, as Xen's: the hypervisor's descriptors live in
 * the reserved GDT page (entries from 0xe000/8), below which a PV guest's own GDT
 * frames will be mapped.  See arch/x86/desc.c.
 */
#define __HYPERVISOR_CS         0xe008 /* ring 0, 64-bit code */
#define __HYPERVISOR_DS         0xe010 /* ring 0 data */
#define __HYPERVISOR_DS32       0xe010
#define __HYPERVISOR_DS64       0xe010
#define __HYPERVISOR_CS32       0xe038 /* ring 0, 32-bit code */
#define TSS_SELECTOR            0xe040
#define LDT_SELECTOR            0xe050
#define PER_CPU_SELECTOR        0xe060
#define FLAT_RING3_CS32         0xe023
#define FLAT_RING3_CS64         0xe033
#define FLAT_RING3_DS32         0xe02b
#define FLAT_RING3_SS32         0xe02b
#define FLAT_RING3_DS64         0x0000
#define FLAT_RING3_SS64         0xe02b
/* The reserved GDT page: entries 0xe000/8 onwards belong to the hypervisor. */
#define FIRST_RESERVED_GDT_PAGE 14
#define FIRST_RESERVED_GDT_BYTE (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / 8)

#endif /* ASM_CONFIG_H */
