/*
 * Guest descriptor tables: set_gdt, update_descriptor, MMUEXT_SET_LDT, and the
 * per-domain mapping area through which the CPU reaches them.
 *
 * Each vCPU has 32 pages in the per-domain area (L4 slot 260): 16 of GDT, then 16
 * of LDT.  GDT pages 0-13 map the guest's frames (a zero page where it has none,
 * so stray selectors read "not present"); page 14 maps the GDT page of the CPU the
 * vCPU runs on, which holds the hypervisor's descriptors from selector 0xe000, as
 * the public ABI reserves them.  Descriptors are checked as Xen does for 64-bit
 * guests: code and data segments get DPL 3, system descriptors are refused.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/desc.h>
#include <asm/guest_access.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/hypercall.h>
#include <asm/pv/domain.h>
#include <asm/processor.h>

#define GDT_PAGES 16

static void *zero_gdt_page;

/* Return false if the descriptor may not be loaded by a guest; fix it up if needed. */
bool check_descriptor(u64 *desc)
{
    u32 b = *desc >> 32;

    if ( !(b & (1u << 15)) )
        return true;                    /* not present: harmless */
    if ( !(b & (1u << 12)) )
        return false;                   /* system descriptor (gate, TSS, LDT) */
    *desc |= 3ULL << (32 + 13);         /* DPL 3: the guest kernel runs in ring 3 */
    return true;
}

int validate_segdesc_page(struct page_info *pg)
{
    u64 *d = page_to_virt(pg);
    unsigned int i;

    for ( i = 0; i < PAGE_SIZE / 8; i++ )
        if ( !check_descriptor(&d[i]) )
            return -EINVAL;
    return 0;
}

/* The L1 entry for page 'idx' (0-31) of v's slot in the per-domain area. */
static u64 *perdomain_l1e(struct vcpu *v, unsigned int idx)
{
    struct domain *d = v->domain;
    unsigned long va = GDT_VIRT_START(v) + ((unsigned long)idx << PAGE_SHIFT);
    u64 *l2 = (u64 *)d->arch.pv.perdomain_l2, *l1;
    unsigned int slot = l2_table_offset(va);

    if ( !(l2[slot] & _PAGE_PRESENT) )
    {
        l1 = alloc_xenheap_page();
        if ( !l1 )
            return NULL;
        memset(l1, 0, PAGE_SIZE);
        l2[slot] = virt_to_maddr(l1) | PAGE_TABLE_FLAGS;
    }
    l1 = maddr_to_virt(l2[slot] & PTE_ADDR_MASK);
    return &l1[l1_table_offset(va)];
}

/* Create the per-domain area of a new PV domain. */
int pv_perdomain_init(struct domain *d)
{
    u64 *l3 = alloc_xenheap_page(), *l2 = alloc_xenheap_page();

    if ( !zero_gdt_page )
    {
        zero_gdt_page = alloc_xenheap_page();
        if ( zero_gdt_page )
            memset(zero_gdt_page, 0, PAGE_SIZE);
    }
    if ( !l3 || !l2 || !zero_gdt_page )
    {
        free_xenheap_page(l3);
        free_xenheap_page(l2);
        return -ENOMEM;
    }
    memset(l3, 0, PAGE_SIZE);
    memset(l2, 0, PAGE_SIZE);
    l3[l3_table_offset(PERDOMAIN_VIRT_START)] = virt_to_maddr(l2) | PAGE_TABLE_FLAGS;
    d->arch.pv.perdomain_l3 = (unsigned long *)l3;
    d->arch.pv.perdomain_l2 = (unsigned long *)l2;
    return 0;
}

void pv_perdomain_destroy(struct domain *d)
{
    u64 *l2 = (u64 *)d->arch.pv.perdomain_l2;
    unsigned int i;

    if ( l2 )
        for ( i = 0; i < PAGETABLE_ENTRIES; i++ )
            if ( l2[i] & _PAGE_PRESENT )
                free_xenheap_page(maddr_to_virt(l2[i] & PTE_ADDR_MASK));
    free_xenheap_page(d->arch.pv.perdomain_l2);
    free_xenheap_page(d->arch.pv.perdomain_l3);
    d->arch.pv.perdomain_l2 = d->arch.pv.perdomain_l3 = NULL;
}

/* Map the guest's GDT frames (or the zero page) into v's GDT pages 0-13. */
static int map_gdt_frames(struct vcpu *v)
{
    unsigned int i;

    for ( i = 0; i < FIRST_RESERVED_GDT_PAGE; i++ )
    {
        u64 *e = perdomain_l1e(v, i);
        unsigned long mfn = i < DIV_ROUND_UP(v->arch.pv.gdt_ents, 512)
                            ? v->arch.pv.gdt_frames[i] : virt_to_mfn(zero_gdt_page);

        if ( !e )
            return -ENOMEM;
        /* Read-only: the CPU never needs to set accessed bits (check_descriptor). */
        /* Writable for the CPU alone: it sets descriptors' accessed bits. */
        *e = ((paddr_t)mfn << PAGE_SHIFT) | PAGE_HYPERVISOR_RW;
    }
    return 0;
}

int pv_vcpu_gdt_init(struct vcpu *v)
{
    return map_gdt_frames(v);
}

/*
 * Load v's GDT on this CPU: the CPU's own descriptor page becomes page 14 of v's
 * GDT, then GDTR points at v's area.  Also the LDT descriptor, for v's LDT.
 */
void pv_load_gdt_ldt(struct vcpu *v, u64 *cpu_gdt)
{
    u64 *e = perdomain_l1e(v, FIRST_RESERVED_GDT_PAGE);
    struct desc_ptr gdtr = {
        .limit = (FIRST_RESERVED_GDT_PAGE + 1) * PAGE_SIZE - 1,
        .base = GDT_VIRT_START(v),
    };
    u64 *ldt = &cpu_gdt[(LDT_SELECTOR - FIRST_RESERVED_GDT_BYTE) / 8];

    *e = virt_to_maddr(cpu_gdt) | PAGE_HYPERVISOR_RW;
    invlpg((void *)(GDT_VIRT_START(v) + FIRST_RESERVED_GDT_PAGE * PAGE_SIZE));
    __asm__ __volatile__ ( "lgdt %0" :: "m" (gdtr) );

    if ( v->arch.pv.ldt_ents )
    {
        unsigned long base = LDT_VIRT_START(v), limit = v->arch.pv.ldt_ents * 8 - 1;

        ldt[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x82UL << 40) |
                 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
        ldt[1] = base >> 32;
        __asm__ __volatile__ ( "lldt %w0" :: "r" (LDT_SELECTOR) );
    }
    else
        __asm__ __volatile__ ( "lldt %w0" :: "r" (0) );
}

static void put_gdt_frames(unsigned long *frames, unsigned int nr)
{
    while ( nr-- )
        put_page_and_type(mfn_to_page(frames[nr]));
}

long do_set_gdt(XEN_GUEST_HANDLE_PARAM(xen_ulong_t) frame_list, unsigned int entries)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    unsigned long frames[FIRST_RESERVED_GDT_PAGE], old[FIRST_RESERVED_GDT_PAGE];
    unsigned int nr = DIV_ROUND_UP(entries, 512), i, old_nr;
    long rc = 0;

    if ( entries > FIRST_RESERVED_GDT_ENTRY )
        return -EINVAL;
    if ( copy_from_guest(frames, frame_list, nr) )
        return -EFAULT;

    spin_lock(&d->arch.pv.mmu_lock);
    for ( i = 0; i < nr; i++ )
    {
        if ( !mfn_valid(frames[i]) ||
             (rc = get_page_and_type(mfn_to_page(frames[i]), d, PGT_seg_desc_page)) )
        {
            if ( !rc )
                rc = -EINVAL;
            put_gdt_frames(frames, i);
            spin_unlock(&d->arch.pv.mmu_lock);
            return rc;
        }
    }
    old_nr = DIV_ROUND_UP(v->arch.pv.gdt_ents, 512);
    memcpy(old, v->arch.pv.gdt_frames, sizeof(old));
    memcpy(v->arch.pv.gdt_frames, frames, nr * sizeof(frames[0]));
    v->arch.pv.gdt_ents = entries;
    rc = map_gdt_frames(v);
    put_gdt_frames(old, old_nr);
    spin_unlock(&d->arch.pv.mmu_lock);
    if ( !rc )
        pv_reload_gdt_ldt(v);
    return rc;
}

long do_update_descriptor(u64 maddr, u64 desc)
{
    struct domain *d = current->domain;
    unsigned long mfn = maddr >> PAGE_SHIFT;
    struct page_info *pg;
    long rc = 0;

    if ( (maddr & 7) || !mfn_valid(mfn) || !check_descriptor(&desc) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    spin_lock(&d->arch.pv.mmu_lock);
    if ( !get_page(pg, d) )
        rc = -EINVAL;
    else
    {
        bool seg = (pg->type_info & PGT_type_mask) == PGT_seg_desc_page &&
                   (pg->type_info & PGT_count_mask);

        if ( seg || !(rc = get_page_type(pg, PGT_writable_page)) )
        {
            WRITE_ONCE(*(u64 *)((char *)page_to_virt(pg) + (maddr & ~PAGE_MASK)), desc);
            if ( !seg )
                put_page_type(pg);
        }
        put_page(pg);
    }
    spin_unlock(&d->arch.pv.mmu_lock);
    return rc;
}

/* Release whatever LDT frames v has mapped so far (any of its 16 LDT pages). */
static void put_ldt(struct vcpu *v)
{
    unsigned int i;

    for ( i = 0; i < 16; i++ )
    {
        u64 *e = perdomain_l1e(v, 16 + i);
        u64 old = e ? xchg(e, 0) : 0;

        if ( old & _PAGE_PRESENT )
        {
            if ( v == current )
                invlpg((void *)(LDT_VIRT_START(v) + i * PAGE_SIZE));
            put_page_and_type(mfn_to_page((old & PTE_ADDR_MASK) >> PAGE_SHIFT));
        }
    }
    v->arch.pv.ldt_ents = 0;
    v->arch.pv.ldt_base = 0;
}

/*
 * MMUEXT_SET_LDT: the guest's LDT at 'base' (page aligned), 'ents' descriptors
 * (at most 8192; 0 = none).  As in Xen, nothing is mapped yet: the first use of
 * each page faults and pv_map_ldt_page() validates and maps it, so the guest may
 * name pages it has not finished preparing.
 */
int pv_set_ldt(struct vcpu *v, unsigned long base, unsigned int ents)
{
    if ( (base & ~PAGE_MASK) || ents > 8192 || !guest_range_ok(base, ents * 8) )
        return -EINVAL;
    put_ldt(v);
    v->arch.pv.ldt_base = base;
    v->arch.pv.ldt_ents = ents;
    if ( v == current )
        pv_reload_gdt_ldt(v);
    return 0;
}

/*
 * A page fault at 'addr' in v's LDT area: map the guest page behind it (which
 * must become a descriptor page: not writable anywhere, every entry valid).
 * False if 'addr' is outside the LDT or the page cannot be used.
 */
bool pv_map_ldt_page(struct vcpu *v, unsigned long addr)
{
    unsigned long off = addr - LDT_VIRT_START(v), mfn;
    unsigned int idx = off >> PAGE_SHIFT;
    u64 *e, new;

    if ( addr < LDT_VIRT_START(v) || off >= (unsigned long)v->arch.pv.ldt_ents * 8 )
        return false;
    e = perdomain_l1e(v, 16 + idx);
    if ( !e )
        return false;
    if ( READ_ONCE(*e) & _PAGE_PRESENT )
        return true;                    /* raced with another fault: done */
    mfn = guest_va_to_mfn(v, v->arch.pv.ldt_base + idx * PAGE_SIZE);
    if ( !mfn || get_page_and_type(mfn_to_page(mfn), v->domain, PGT_seg_desc_page) )
        return false;
    new = ((paddr_t)mfn << PAGE_SHIFT) | PAGE_HYPERVISOR_RW;   /* accessed bits */
    if ( cmpxchg(e, 0, new) != 0 )
        put_page_and_type(mfn_to_page(mfn));
    return true;
}

void pv_destroy_gdt_ldt(struct vcpu *v)
{
    put_gdt_frames(v->arch.pv.gdt_frames, DIV_ROUND_UP(v->arch.pv.gdt_ents, 512));
    v->arch.pv.gdt_ents = 0;
    put_ldt(v);
}
