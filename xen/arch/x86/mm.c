/*
 * The hypervisor's own page tables (the idle page table, whose L4 slots 256-271
 * every guest L4 will share): the direct map of all RAM, the image mapped with
 * separate permissions for text, read-only data and data, the frame table, and
 * the vmap/ioremap area.
 */
#include <xen/lib.h>
#include <asm/setup.h>
#include <xen/init.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/spinlock.h>
#include <xen/bitops.h>
#include <asm/e820.h>
#include <asm/processor.h>
#include <asm/cpufeature.h>
#include <asm/flushtlb.h>

extern intpte_t idle_pg_table[];
extern intpte_t l2_xenmap[];
extern char _stext[], _etext[], _srodata[], _erodata[], _sdata[], __image_end[];

u64 _PAGE_NX;
unsigned long frametable_chunk_mapped[BITS_TO_LONGS((DIRECTMAP_SIZE >> PAGE_SHIFT) >>
                                                    FRAMETABLE_CHUNK_SHIFT)];
static DEFINE_SPINLOCK(map_pgdir_lock);

/* A zeroed page for a page table, from the boot allocator or the heap. */
static intpte_t *alloc_xen_pagetable(void)
{
    intpte_t *t;

    if ( heap_is_up() )
        t = alloc_xenheap_page();
    else
        t = mfn_to_virt(alloc_boot_pages(1, 1));
    if ( t )
        memset(t, 0, PAGE_SIZE);
    return t;
}

static inline intpte_t *pte_to_table(intpte_t e)
{
    return maddr_to_virt(e & PTE_ADDR_MASK);
}

/*
 * The entry of 'table' for 'va' at 'level' must point to a lower table: create one,
 * or split a superpage into one that keeps the same translation.
 */
static intpte_t *next_table(intpte_t *entry, unsigned int level)
{
    intpte_t e = *entry, *t;
    unsigned int i;

    if ( (e & _PAGE_PRESENT) && !((e & _PAGE_PSE) && level > 1) )
        return pte_to_table(e);

    t = alloc_xen_pagetable();
    if ( !t )
        return NULL;
    if ( e & _PAGE_PRESENT )
    {
        /* Shatter: same frames, same flags, one level down. */
        u64 step = 1UL << ((level - 1) * 9 + PAGE_SHIFT);
        u64 flags = e & ~PTE_ADDR_MASK;

        if ( level == 2 )
        {
            /* 2 MiB -> 4 KiB: the PAT bit moves from bit 12 to bit 7. */
            flags &= ~(u64)(_PAGE_PSE | _PAGE_PSE_PAT);
            if ( e & _PAGE_PSE_PAT )
                flags |= _PAGE_PAT;
        }
        for ( i = 0; i < PAGETABLE_ENTRIES; i++ )
            t[i] = ((e & PTE_ADDR_MASK & ~(_PAGE_PSE_PAT)) + i * step) | flags;
    }
    *entry = virt_to_maddr(t) | PAGE_TABLE_FLAGS;
    return t;
}

/* Map (or, with flags 0, unmap) nr frames at virt in the page tables under 'l4'. */
static int map_pages_in(intpte_t *l4, unsigned long virt, unsigned long mfn,
                        unsigned long nr, u64 flags)
{
    /* User-visible mappings (the guests' read-only M2P) need USER on every level. */
    intpte_t user = flags & _PAGE_USER;

    while ( nr )
    {
        intpte_t *l3, *l2, *l1;

        l3 = next_table(&l4[l4_table_offset(virt)], 4);
        if ( !l3 )
            return -12;
        l4[l4_table_offset(virt)] |= user;

        if ( cpu_has_page1gb && flags && !(virt & ((1UL << L3_PAGETABLE_SHIFT) - 1)) &&
             !(mfn & ((1UL << (L3_PAGETABLE_SHIFT - PAGE_SHIFT)) - 1)) &&
             nr >= (1UL << (L3_PAGETABLE_SHIFT - PAGE_SHIFT)) )
        {
            l3[l3_table_offset(virt)] = ((paddr_t)mfn << PAGE_SHIFT) | flags | _PAGE_PSE;
            virt += 1UL << L3_PAGETABLE_SHIFT;
            mfn += 1UL << (L3_PAGETABLE_SHIFT - PAGE_SHIFT);
            nr -= 1UL << (L3_PAGETABLE_SHIFT - PAGE_SHIFT);
            continue;
        }
        l2 = next_table(&l3[l3_table_offset(virt)], 3);
        if ( !l2 )
            return -12;
        l3[l3_table_offset(virt)] |= user;

        if ( flags && !(virt & ((1UL << L2_PAGETABLE_SHIFT) - 1)) &&
             !(mfn & ((1UL << (L2_PAGETABLE_SHIFT - PAGE_SHIFT)) - 1)) &&
             nr >= (1UL << (L2_PAGETABLE_SHIFT - PAGE_SHIFT)) )
        {
            l2[l2_table_offset(virt)] = ((paddr_t)mfn << PAGE_SHIFT) | flags | _PAGE_PSE;
            virt += 1UL << L2_PAGETABLE_SHIFT;
            mfn += 1UL << (L2_PAGETABLE_SHIFT - PAGE_SHIFT);
            nr -= 1UL << (L2_PAGETABLE_SHIFT - PAGE_SHIFT);
            continue;
        }
        l1 = next_table(&l2[l2_table_offset(virt)], 2);
        if ( !l1 )
            return -12;
        l2[l2_table_offset(virt)] |= user;
        l1[l1_table_offset(virt)] = flags ? (((paddr_t)mfn << PAGE_SHIFT) | flags) : 0;
        virt += PAGE_SIZE;
        mfn++;
        nr--;
    }
    return 0;
}

int map_pages_to_xen(unsigned long virt, unsigned long mfn, unsigned long nr, u64 flags)
{
    unsigned long irqflags;
    int rc;

    spin_lock_irqsave(&map_pgdir_lock, irqflags);
    rc = map_pages_in(idle_pg_table, virt, mfn, nr, flags);
    spin_unlock_irqrestore(&map_pgdir_lock, irqflags);
    flush_tlb_all();
    return rc;
}

int destroy_xen_mappings(unsigned long start, unsigned long end)
{
    return map_pages_to_xen(start, 0, (end - start) >> PAGE_SHIFT, 0);
}

/*
 * The leaf entry mapping 'va' in the idle page table, and the size (as a shift) of
 * the page it maps; 0 if nothing maps it.
 */
static intpte_t lookup_xen_pte(unsigned long va, unsigned int *shift)
{
    intpte_t e = idle_pg_table[l4_table_offset(va)];
    unsigned int level;

    for ( level = 3; level >= 1; level-- )
    {
        unsigned int sh = (level - 1) * 9 + PAGE_SHIFT;

        if ( !(e & _PAGE_PRESENT) )
            return 0;
        e = pte_to_table(e)[(va >> sh) & 511];
        if ( !(e & _PAGE_PRESENT) )
            return 0;
        if ( level == 1 || (e & _PAGE_PSE) )
        {
            *shift = sh;
            return e;
        }
    }
    return 0;
}

static bool __virt_to_maddr_present(unsigned long va)
{
    unsigned int shift;

    return lookup_xen_pte(va, &shift) != 0;
}

/* Translate an address of the hypervisor's own mappings (vmap area) by walking. */
unsigned long __virt_to_maddr_slow(unsigned long va)
{
    unsigned int shift;
    intpte_t e = lookup_xen_pte(va, &shift);

    if ( !e )
        panic("virt_to_maddr(%#lx): not mapped", va);
    if ( shift > PAGE_SHIFT )
        e &= ~(u64)_PAGE_PSE_PAT;
    return (e & PTE_ADDR_MASK & ~((1UL << shift) - 1)) | (va & ((1UL << shift) - 1));
}

/* ------------------------------------------------------------------ boot set-up */

/*
 * Build the direct map of every RAM range, the low 1 MiB (uncached for the legacy
 * VGA/BIOS window) and install it.  The new tables are built detached and reached
 * through the boot direct map of the low 4 GiB, which is why the boot allocator
 * is limited to that range until this is done.
 */
void __init init_directmap(void)
{
    intpte_t *tmp_l4 = alloc_xen_pagetable();
    unsigned int i;

    if ( !tmp_l4 )
        panic("No memory for the direct map");

    map_pages_in(tmp_l4, DIRECTMAP_VIRT_START, 0, 0xa0, PAGE_HYPERVISOR_RW);
    map_pages_in(tmp_l4, DIRECTMAP_VIRT_START + 0xa0000, 0xa0, 0x60,
                 PAGE_HYPERVISOR_UCMINUS);
    for ( i = 0; i < e820.nr_map; i++ )
    {
        const struct e820entry *e = &e820.map[i];
        unsigned long s = PFN_UP(e->addr), end = PFN_DOWN(e->addr + e->size);

        if ( e->type != E820_RAM )
            continue;
        if ( s < 0x100 )
            s = 0x100;
        if ( end > s )
            map_pages_in(tmp_l4, DIRECTMAP_VIRT_START + ((paddr_t)s << PAGE_SHIFT), s,
                         end - s, PAGE_HYPERVISOR_RW);
    }
    for ( i = l4_table_offset(DIRECTMAP_VIRT_START); i <= ROOT_PAGETABLE_LAST_XEN_SLOT; i++ )
        idle_pg_table[i] = tmp_l4[i];
    flush_tlb_all_local();
    boot_alloc_limit_mfn = ~0UL;
    /* tmp_l4 itself stays allocated: it is one page, and only boot code saw it. */
}

/*
 * Map the image with 4 KiB pages and per-section permissions: text RX, read-only
 * data RO+NX, data and bss RW+NX; nothing else of the first 16 MiB stays mapped.
 */
void __init remap_xen_image(void)
{
    unsigned long va;
    intpte_t *l1s[8] = { NULL };
    unsigned int i;

    for ( va = (unsigned long)_stext; va < (unsigned long)__image_end; va += PAGE_SIZE )
    {
        unsigned int slot = l2_table_offset(va), idx = l1_table_offset(va);
        u64 flags;

        if ( !l1s[slot] && !(l1s[slot] = alloc_xen_pagetable()) )
            panic("No memory to map the image");
        if ( va < (unsigned long)_etext )
            flags = PAGE_HYPERVISOR_RX;
        else if ( va >= (unsigned long)_srodata && va < (unsigned long)_sdata )
            flags = PAGE_HYPERVISOR_RO;
        else
            flags = PAGE_HYPERVISOR_RW;
        l1s[slot][idx] = (va - XEN_VIRT_START) | flags | _PAGE_GLOBAL;
    }
    for ( i = 0; i < 8; i++ )
        l2_xenmap[i] = l1s[i] ? (virt_to_maddr(l1s[i]) | PAGE_TABLE_FLAGS) : 0;
    flush_tlb_all_local();
}

/*
 * Populate the frame table for [0, max_page): 2 MiB of it per 256 MiB of physical
 * space that holds RAM; entries of frames that are not RAM are marked reserved.
 */
void __init init_frametable(void)
{
    unsigned long chunk, nr_chunks = DIV_ROUND_UP(max_page, 1UL << FRAMETABLE_CHUNK_SHIFT);
    unsigned int i;

    if ( max_page > (FRAMETABLE_SIZE / sizeof(struct page_info)) )
        panic("Too much memory: max_page %#lx", max_page);

    for ( i = 0; i < e820.nr_map; i++ )
    {
        const struct e820entry *e = &e820.map[i];
        unsigned long s = PFN_DOWN(e->addr), end = PFN_UP(e->addr + e->size);

        if ( e->type != E820_RAM || end <= s )
            continue;
        if ( end > max_page )
            end = max_page;
        for ( chunk = s >> FRAMETABLE_CHUNK_SHIFT;
              chunk <= (end - 1) >> FRAMETABLE_CHUNK_SHIFT; chunk++ )
            __set_bit(chunk, frametable_chunk_mapped);
    }

    for ( chunk = 0; chunk < nr_chunks; chunk++ )
    {
        unsigned long mfn, va, n;
        struct page_info *pg;

        if ( !test_bit(chunk, frametable_chunk_mapped) )
            continue;
        mfn = alloc_boot_pages(512, 512);
        va = FRAMETABLE_VIRT_START + chunk * (2UL << 20);
        if ( map_pages_in(idle_pg_table, va, mfn, 512, PAGE_HYPERVISOR_RW) )
            panic("Cannot map the frame table");
        pg = (struct page_info *)va;
        n = 1UL << FRAMETABLE_CHUNK_SHIFT;
        memset(pg, 0, n * sizeof(*pg));
        for ( mfn = 0; mfn < n; mfn++ )
        {
            pg[mfn].count_info = PGC_reserved;
            pg[mfn].owner = 0x7ff4; /* DOMID_INVALID */
            pg[mfn].list_next = pg[mfn].list_prev = PAGE_LIST_NULL;
        }
    }
    flush_tlb_all_local();
}

/* Frames the heap will own: clear their 'reserved' mark. */
void __init frametable_mark_ram(unsigned long s, unsigned long e)
{
    for ( ; s < e; s++ )
        frame_table[s].count_info = 0;
}

/* ------------------------------------------------------------------ vmap/ioremap */

static unsigned long vmap_next = VMAP_VIRT_START;
static DEFINE_SPINLOCK(vmap_lock);

/* Reserve nr pages of the vmap area plus a guard page after them. */
static unsigned long vmap_reserve(unsigned long nr)
{
    unsigned long va, flags;

    spin_lock_irqsave(&vmap_lock, flags);
    if ( vmap_next + ((nr + 1) << PAGE_SHIFT) > VMAP_VIRT_END )
        va = 0;
    else
    {
        va = vmap_next;
        vmap_next += (nr + 1) << PAGE_SHIFT;
    }
    spin_unlock_irqrestore(&vmap_lock, flags);
    return va;
}

void *vmap_pages(const unsigned long *mfns, unsigned int nr, u64 flags)
{
    unsigned long va = vmap_reserve(nr);
    unsigned int i;

    if ( !va )
        return NULL;
    for ( i = 0; i < nr; i++ )
        if ( map_pages_to_xen(va + ((unsigned long)i << PAGE_SHIFT), mfns[i], 1, flags) )
            return NULL;
    return (void *)va;
}

void *ioremap(paddr_t pa, size_t len)
{
    unsigned long first = PFN_DOWN(pa), last = PFN_UP(pa + len);
    unsigned long va = vmap_reserve(last - first);

    if ( !va || map_pages_to_xen(va, first, last - first, PAGE_HYPERVISOR_UC) )
        return NULL;
    return (void *)(va + (pa & ~PAGE_MASK));
}

void vunmap(void *va)
{
    unsigned long v = (unsigned long)va & PAGE_MASK;

    /* Unmap up to the guard page that follows every vmap allocation. */
    while ( __virt_to_maddr_present(v) )
    {
        map_pages_to_xen(v, 0, 1, 0);
        v += PAGE_SIZE;
    }
}

/*
 * Give every hypervisor L4 slot (256-271) an L3 now, so guest L4s, which copy
 * these slots when validated, keep seeing later changes made below them.  Slot
 * 260 is per domain.
 */
void __init prealloc_xen_l3_slots(void)
{
    unsigned int slot;

    for ( slot = ROOT_PAGETABLE_FIRST_XEN_SLOT; slot <= ROOT_PAGETABLE_LAST_XEN_SLOT; slot++ )
    {
        if ( slot == l4_table_offset(PERDOMAIN_VIRT_START) ||
             (idle_pg_table[slot] & _PAGE_PRESENT) )
            continue;
        if ( !next_table(&idle_pg_table[slot], 4) )
            panic("No memory for the hypervisor's L3 tables");
    }
}
