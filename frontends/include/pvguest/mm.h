/*
 * Page-table helpers for a 64-bit PV guest (direct paging: the guest sees
 * machine frames, its page tables hold MFNs and are read-only to it).
 *
 * The builder maps the image pfn-for-page at VIRT_BASE, so for anything
 * inside the initial mapping va = VIRT_BASE + pfn * PAGE_SIZE.  The p2m is
 * start_info->mfn_list; the read-only machine-to-phys table sits at
 * MACH2PHYS_VIRT_START (Xen's public arch-x86/xen-x86_64.h).  Page tables
 * change only through hypercalls (mmu_update, update_va_mapping,
 * mmuext_op), which validate every entry.
 */
#ifndef PVGUEST_MM_H
#define PVGUEST_MM_H

#include <pvguest/setup.h>

#define VIRT_BASE           0xffffffff80000000UL

#define _PAGE_PRESENT       0x001UL
#define _PAGE_RW            0x002UL
#define _PAGE_USER          0x004UL
#define _PAGE_PWT           0x008UL
#define _PAGE_PCD           0x010UL
#define _PAGE_ACCESSED      0x020UL
#define _PAGE_DIRTY         0x040UL
#define _PAGE_PSE           0x080UL
#define _PAGE_GLOBAL        0x100UL
#define _PAGE_NX            (1UL << 63)
#define PTE_ADDR_MASK       0x000ffffffffff000UL

#define PTE_RW              (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
                             _PAGE_DIRTY)
#define PTE_RO              (_PAGE_PRESENT | _PAGE_ACCESSED)
/* Intermediate levels: Xen's dom0 builder uses P|RW|A|D|USER. */
#define PTE_TABLE           (PTE_RW | _PAGE_USER)

#define L1_SHIFT            12
#define L2_SHIFT            21
#define L3_SHIFT            30
#define L4_SHIFT            39
#define PT_INDEX(va, lvl)   (((va) >> (12 + 9 * ((lvl) - 1))) & 511)

/* The first and last L4 slot reserved for the hypervisor (256-271). */
#define XEN_L4_FIRST        256
#define XEN_L4_LAST         271

extern unsigned long *p2m;
#define m2p ((const unsigned long *)MACH2PHYS_VIRT_START)

static inline unsigned long virt_to_pfn(const void *va)
{
    return ((unsigned long)va - VIRT_BASE) >> PAGE_SHIFT;
}

static inline void *pfn_to_virt(unsigned long pfn)
{
    return (void *)(VIRT_BASE + (pfn << PAGE_SHIFT));
}

static inline unsigned long pfn_to_mfn(unsigned long pfn)
{
    return p2m[pfn];
}

static inline unsigned long virt_to_mfn(const void *va)
{
    return pfn_to_mfn(virt_to_pfn(va));
}

static inline uint64_t virt_to_maddr(const void *va)
{
    return ((uint64_t)virt_to_mfn(va) << PAGE_SHIFT) |
           ((unsigned long)va & ~PAGE_MASK);
}

/* Reads an M2P entry, or ~0 if that faults. */
unsigned long mfn_to_pfn(unsigned long mfn);

/* The MFN of the L4 this vCPU runs on in kernel mode. */
unsigned long current_l4_mfn(void);

/* A virtual address for an MFN that is one of our own pfns in the mapping. */
void *mfn_to_virt(unsigned long mfn);

/*
 * Machine address of the entry at 'level' (1-4) that translates va in the
 * current kernel page tables; 0 if a higher level is not present.
 */
uint64_t pte_maddr(unsigned long va, unsigned int level);
/* The entry itself (read through our read-only view of the tables). */
uint64_t pte_read(unsigned long va, unsigned int level);

/* update_va_mapping(va, pte, UVMF_INVLPG | UVMF_LOCAL). */
long map_va(void *va, uint64_t pte);
/* Map va to its own frame again (as at boot) with the given flags. */
long remap_own(void *va, uint64_t flags);

/* A single mmu_update of the entry at maddr. */
long mmu_update_one(uint64_t ptr, uint64_t val);

/* mmuext_op helpers. */
long mmuext_one(unsigned int cmd, unsigned long arg1, unsigned long arg2);
long pin_table(unsigned int level, unsigned long mfn);
long unpin_table(unsigned long mfn);

/*
 * Pages from a pool in the image's bss (mapped, writable, zeroed), for
 * page tables a test builds; to use one as a table, remap_own(va, PTE_RO).
 */
void *alloc_pool_page(void);

/* Give a pool page back (mapped writable again by the caller). */
void free_pool_page(void *p);

/*
 * A private L3/L2/L1 chain hooked into one empty L4 slot of the current
 * kernel L4 through mmu_update, for tests that map frames of their own
 * choosing: chain.va is the first address the L1 translates (512 pages).
 * The three table pages come from the pool and are mapped read-only.
 */
struct pt_chain {
    unsigned long va;
    uint64_t *l3, *l2, *l1;
    uint64_t l4e_maddr;
};
long pt_chain_build(struct pt_chain *c, unsigned int l4_slot);
long pt_chain_destroy(struct pt_chain *c);
static inline uint64_t pt_chain_l1e(const struct pt_chain *c, unsigned int i)
{
    return virt_to_maddr(&c->l1[i]);
}

/*
 * Free pfns above the initial mapping, handed out from the top of the
 * pseudo-physical space down: not mapped anywhere, so free to be typed.
 */
unsigned long alloc_unmapped_pfn(void);

/*
 * A window of scratch virtual addresses inside the image, one page each,
 * for tests that map other frames; scratch_restore() maps the page's own
 * frame back.
 */
#define NR_SCRATCH 16
void *scratch_va(unsigned int i);
void scratch_restore(unsigned int i);

void mm_init(void);

#endif /* PVGUEST_MM_H */
