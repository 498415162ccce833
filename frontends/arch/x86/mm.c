/*
 * Page-table helpers: walking our own tables, hypercall wrappers for
 * changing them, and pages for tests to build tables from.
 */
#include <pvguest/mm.h>
#include <pvguest/hypercall.h>
#include <pvguest/test.h>

#define POOL_PAGES 32

unsigned long *p2m;
static unsigned long kernel_l4_mfn;
static unsigned long mapped_end_pfn;   /* pfns below are mapped at boot */
static unsigned long next_unmapped_pfn;

static uint8_t pool[POOL_PAGES][PAGE_SIZE] __page_aligned;
static bool pool_busy[POOL_PAGES];
static uint8_t scratch[NR_SCRATCH][PAGE_SIZE] __page_aligned;

unsigned long mfn_to_pfn(unsigned long mfn)
{
    unsigned long pfn = ~0UL;

    /* The M2P may have holes: a fault leaves pfn at ~0. */
    asm volatile ( "1: mov (%1), %0\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   : "+r" (pfn) : "r" (&m2p[mfn]) );
    exinfo_take();
    return pfn;
}

unsigned long current_l4_mfn(void)
{
    return kernel_l4_mfn;
}

void *mfn_to_virt(unsigned long mfn)
{
    unsigned long pfn = mfn_to_pfn(mfn);

    if ( pfn >= start_info->nr_pages || p2m[pfn] != mfn ||
         pfn >= mapped_end_pfn )
        return NULL;
    return pfn_to_virt(pfn);
}

uint64_t pte_maddr(unsigned long va, unsigned int level)
{
    unsigned long mfn = current_l4_mfn();
    unsigned int l;

    for ( l = 4; l >= 1; l-- )
    {
        const uint64_t *table = mfn_to_virt(mfn);
        unsigned int idx = PT_INDEX(va, l);

        if ( !table )
            return 0;
        if ( l == level )
            return ((uint64_t)mfn << PAGE_SHIFT) + idx * 8;
        if ( !(table[idx] & _PAGE_PRESENT) || (table[idx] & _PAGE_PSE) )
            return 0;
        mfn = (table[idx] & PTE_ADDR_MASK) >> PAGE_SHIFT;
    }
    return 0;
}

uint64_t pte_read(unsigned long va, unsigned int level)
{
    uint64_t ma = pte_maddr(va, level);
    const uint64_t *table;

    if ( !ma )
        return 0;
    table = mfn_to_virt(ma >> PAGE_SHIFT);
    return table ? table[(ma & ~PAGE_MASK) / 8] : 0;
}

long map_va(void *va, uint64_t pte)
{
    return HYPERVISOR_update_va_mapping((unsigned long)va, pte,
                                        UVMF_INVLPG | UVMF_LOCAL);
}

long remap_own(void *va, uint64_t flags)
{
    return map_va(va, ((uint64_t)virt_to_mfn(va) << PAGE_SHIFT) | flags);
}

long mmu_update_one(uint64_t ptr, uint64_t val)
{
    mmu_update_t u = { .ptr = ptr, .val = val };

    return HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF);
}

long mmuext_one(unsigned int cmd, unsigned long arg1, unsigned long arg2)
{
    struct mmuext_op op = { .cmd = cmd };

    op.arg1.mfn = arg1;
    op.arg2.nr_ents = (unsigned int)arg2;
    return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

long pin_table(unsigned int level, unsigned long mfn)
{
    static const unsigned int cmds[] = {
        MMUEXT_PIN_L1_TABLE, MMUEXT_PIN_L2_TABLE, MMUEXT_PIN_L3_TABLE,
        MMUEXT_PIN_L4_TABLE,
    };

    if ( level < 1 || level > 4 )
        return -EINVAL;
    return mmuext_one(cmds[level - 1], mfn, 0);
}

long unpin_table(unsigned long mfn)
{
    return mmuext_one(MMUEXT_UNPIN_TABLE, mfn, 0);
}

void *alloc_pool_page(void)
{
    unsigned int i;

    for ( i = 0; i < POOL_PAGES; i++ )
        if ( !pool_busy[i] )
        {
            pool_busy[i] = true;
            memset(pool[i], 0, PAGE_SIZE);
            return pool[i];
        }
    test_abort("page pool exhausted (%u pages)", POOL_PAGES);
}

void free_pool_page(void *p)
{
    unsigned long i = ((uint8_t *)p - &pool[0][0]) / PAGE_SIZE;

    if ( i < POOL_PAGES )
        pool_busy[i] = false;
}

static unsigned long l4_slot_va(unsigned int slot)
{
    unsigned long va = (unsigned long)slot << L4_SHIFT;

    return slot >= 256 ? va | 0xffff000000000000UL : va;
}

long pt_chain_build(struct pt_chain *c, unsigned int l4_slot)
{
    long rc;

    c->va = l4_slot_va(l4_slot);
    c->l3 = alloc_pool_page();
    c->l2 = alloc_pool_page();
    c->l1 = alloc_pool_page();
    c->l3[0] = ((uint64_t)virt_to_mfn(c->l2) << PAGE_SHIFT) | PTE_TABLE;
    c->l2[0] = ((uint64_t)virt_to_mfn(c->l1) << PAGE_SHIFT) | PTE_TABLE;
    c->l4e_maddr = ((uint64_t)current_l4_mfn() << PAGE_SHIFT) + l4_slot * 8;
    rc = remap_own(c->l1, PTE_RO);
    if ( !rc )
        rc = remap_own(c->l2, PTE_RO);
    if ( !rc )
        rc = remap_own(c->l3, PTE_RO);
    if ( !rc )
        rc = mmu_update_one(c->l4e_maddr | MMU_NORMAL_PT_UPDATE,
                            ((uint64_t)virt_to_mfn(c->l3) << PAGE_SHIFT) |
                            PTE_TABLE);
    return rc;
}

long pt_chain_destroy(struct pt_chain *c)
{
    long rc = mmu_update_one(c->l4e_maddr | MMU_NORMAL_PT_UPDATE, 0);
    uint64_t *pages[3] = { c->l1, c->l2, c->l3 };
    unsigned int i;

    /* Flush what the chain translated, then make its pages plain again. */
    mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    for ( i = 0; i < 3; i++ )
    {
        if ( !rc )
            rc = remap_own(pages[i], PTE_RW);
        if ( !rc )
            free_pool_page(pages[i]);
    }
    return rc;
}

unsigned long alloc_unmapped_pfn(void)
{
    if ( next_unmapped_pfn <= mapped_end_pfn + 1024 )
        test_abort("no unmapped pfn left (nr_pages %lu)",
                   start_info->nr_pages);
    return --next_unmapped_pfn;
}

void *scratch_va(unsigned int i)
{
    if ( i >= NR_SCRATCH )
        test_abort("scratch page %u out of range", i);
    return scratch[i];
}

void scratch_restore(unsigned int i)
{
    long rc = remap_own(scratch_va(i), PTE_RW);

    if ( rc )
        test_abort("restoring scratch page %u: %ld", i, rc);
}

void mm_init(void)
{
    unsigned long pt_pfn;

    p2m = (unsigned long *)start_info->mfn_list;
    pt_pfn = virt_to_pfn((void *)start_info->pt_base);
    kernel_l4_mfn = pfn_to_mfn(pt_pfn);
    /* Xen's order: kernel, p2m, start_info, page tables, boot stack. */
    mapped_end_pfn = pt_pfn + start_info->nr_pt_frames + 1;
    next_unmapped_pfn = start_info->nr_pages;
}
