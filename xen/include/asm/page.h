/* x86_64 4-level paging: entry flags and helpers. */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#include <asm/config.h>

#define _PAGE_PRESENT   _AC(0x001, U)
#define _PAGE_RW        _AC(0x002, U)
#define _PAGE_USER      _AC(0x004, U)
#define _PAGE_PWT       _AC(0x008, U)
#define _PAGE_PCD       _AC(0x010, U)
#define _PAGE_ACCESSED  _AC(0x020, U)
#define _PAGE_DIRTY     _AC(0x040, U)
#define _PAGE_PSE       _AC(0x080, U)
#define _PAGE_PAT       _AC(0x080, U)   /* in an L1 entry */
#define _PAGE_GLOBAL    _AC(0x100, U)
#define _PAGE_AVAIL0    _AC(0x200, U)
#define _PAGE_AVAIL1    _AC(0x400, U)
#define _PAGE_AVAIL2    _AC(0x800, U)
#define _PAGE_PSE_PAT   _AC(0x1000, U)  /* in an L2/L3 superpage entry */
#define _PAGE_NX_BIT    (_AC(1, ULL) << 63)

#define PADDR_BITS      52
#define PADDR_MASK      ((_AC(1, ULL) << PADDR_BITS) - 1)
#define PTE_ADDR_MASK   (PADDR_MASK & PAGE_MASK)

#define L1_PAGETABLE_ENTRIES 512
#define L2_PAGETABLE_ENTRIES 512
#define L3_PAGETABLE_ENTRIES 512
#define L4_PAGETABLE_ENTRIES 512

#ifndef __ASSEMBLY__
#include <xen/types.h>

typedef u64 intpte_t;

#define l1_table_offset(a)  (((a) >> L1_PAGETABLE_SHIFT) & 511)
#define l2_table_offset(a)  (((a) >> L2_PAGETABLE_SHIFT) & 511)
#define l3_table_offset(a)  (((a) >> L3_PAGETABLE_SHIFT) & 511)
#define l4_table_offset(a)  (((a) >> L4_PAGETABLE_SHIFT) & 511)

#define PFN_DOWN(x)     ((x) >> PAGE_SHIFT)
#define PFN_UP(x)       (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PAGE_ALIGN(x)   (((x) + PAGE_SIZE - 1) & PAGE_MASK)

/* Page-table flags the hypervisor uses for its own mappings. */
#define PAGE_HYPERVISOR_RW   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_NX)
#define PAGE_HYPERVISOR_RO   (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_HYPERVISOR_RX   (_PAGE_PRESENT | _PAGE_ACCESSED)
#define PAGE_HYPERVISOR_UCMINUS (PAGE_HYPERVISOR_RW | _PAGE_PCD)
#define PAGE_HYPERVISOR_UC   (PAGE_HYPERVISOR_RW | _PAGE_PCD | _PAGE_PWT)
#define PAGE_TABLE_FLAGS     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

/* NX is only usable once EFER.NXE is on: 0 until cpu detection enables it. */
extern u64 _PAGE_NX;

#ifndef HOST_TEST
/* Direct-map translations: every RAM page is mapped at DIRECTMAP_VIRT_START + pa. */
static inline void *maddr_to_virt(paddr_t ma)
{
    return (void *)(DIRECTMAP_VIRT_START + ma);
}
#else
/* Host unit tests: simulated RAM is a buffer of the test's. */
extern char *host_directmap;
static inline void *maddr_to_virt(paddr_t ma)
{
    return host_directmap + ma;
}
static inline paddr_t virt_to_maddr(const void *va)
{
    return (const char *)va - host_directmap;
}
#endif

#ifndef HOST_TEST
extern unsigned long __virt_to_maddr_slow(unsigned long va);
static inline paddr_t virt_to_maddr(const void *va)
{
    unsigned long v = (unsigned long)va;

    if ( v >= DIRECTMAP_VIRT_START && v < DIRECTMAP_VIRT_END )
        return v - DIRECTMAP_VIRT_START;
    if ( v >= XEN_VIRT_START && v < XEN_VIRT_END )
        return v - XEN_VIRT_START;
    return __virt_to_maddr_slow(v);
}
#endif
#define __pa(x)     virt_to_maddr(x)
#define __va(x)     maddr_to_virt(x)
#define mfn_to_virt(m)  maddr_to_virt((paddr_t)(m) << PAGE_SHIFT)
#define virt_to_mfn(v)  (virt_to_maddr(v) >> PAGE_SHIFT)
#endif

#endif /* ASM_PAGE_H */
