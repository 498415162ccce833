/*
 * xg_layout.c: where everything of a PV guest goes, before any of it
 * exists.  Pure: it takes the kernel's notes and the sizes and returns
 * virtual addresses and frame numbers, so that it is tested on the host
 * and a bad configuration fails before the domain is touched.
 *
 * Allocation is a bump pointer over the guest's virtual space starting at
 * VIRT_BASE, frame N backing address VIRT_BASE + N * 4096 (Xen 4.17
 * libxenguest's xc_dom_alloc_segment() model): a segment starts where the
 * last ended, or later at an address it names (the kernel), the skipped
 * pages being padding; every page taken must exist in the domain.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xg_private.h"

struct bump {
    uint64_t virt_end;  /* next free virtual address */
    uint64_t pfn_end;   /* next free frame */
    uint64_t nr_pages;  /* frames the domain has */
    char *err;
    size_t errlen;
};

/* Record an error and return rc. */
static int fail(struct bump *b, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(struct bump *b, int rc, const char *fmt, ...)
{
    va_list ap;

    if ( b->err && b->errlen )
    {
        va_start(ap, fmt);
        vsnprintf(b->err, b->errlen, fmt, ap);
        va_end(ap);
    }
    return rc;
}

/* Take pages frames for what, or fail when the domain has too few. */
static int take(struct bump *b, const char *what, uint64_t pages)
{
    uint64_t left = b->nr_pages - b->pfn_end;

    if ( b->pfn_end > b->nr_pages || pages > left )
        return fail(b, -ENOMEM, "not enough memory for the guest's %s: it "
                    "needs %llu more pages but only %llu of the domain's "
                    "%llu are left (raise memory=)", what,
                    (unsigned long long)pages, (unsigned long long)left,
                    (unsigned long long)b->nr_pages);
    if ( b->virt_end + (pages << XG_PAGE_SHIFT) < b->virt_end )
        return fail(b, -EINVAL, "the guest's %s does not fit below the top "
                    "of the address space", what);
    b->pfn_end += pages;
    b->virt_end += pages << XG_PAGE_SHIFT;
    return 0;
}

/* Skip to virtual address boundary (page aligned, not below the end). */
static int pad_to(struct bump *b, const char *what, uint64_t boundary)
{
    if ( boundary & (XG_PAGE_SIZE - 1) )
        return fail(b, -EINVAL, "the guest's %s starts at %#llx, which is "
                    "not page aligned", what, (unsigned long long)boundary);
    if ( boundary < b->virt_end )
        return fail(b, -EINVAL, "the guest's %s starts at %#llx, below what "
                    "is already placed (%#llx)", what,
                    (unsigned long long)boundary,
                    (unsigned long long)b->virt_end);
    return take(b, what, (boundary - b->virt_end) >> XG_PAGE_SHIFT);
}

/* Place size bytes at start (0: wherever the last segment ended). */
static int place(struct bump *b, struct xg_seg *seg, const char *what,
                 uint64_t start, uint64_t size)
{
    uint64_t pages = (size + XG_PAGE_SIZE - 1) >> XG_PAGE_SHIFT;
    int rc;

    if ( size > UINT64_MAX - XG_PAGE_SIZE )
        return fail(b, -EINVAL, "the guest's %s is too large", what);
    if ( start && (rc = pad_to(b, what, start)) )
        return rc;
    seg->vstart = b->virt_end;
    seg->pfn = b->pfn_end;
    if ( (rc = take(b, what, pages)) )
        return rc;
    seg->pages = pages;
    seg->vend = b->virt_end;
    return 0;
}

/*
 * Count the page tables mapping [from, to] (inclusive) as mapping idx of
 * l, placed from frame b->pfn_end on: one L4 for the first mapping only,
 * then for each lower level the tables covering the area, less those an
 * earlier mapping already has.  first_pfn is the frame the area's first
 * page maps to (for the memory check).
 */
static int count_tables(struct bump *b, struct xg_pv_layout *l,
                        unsigned int idx, uint64_t from, uint64_t to,
                        uint64_t first_pfn)
{
    struct xg_mapping *m = &l->map[idx];
    uint64_t last_pfn = first_pfn + ((to - from) >> XG_PAGE_SHIFT);
    unsigned int i, lvl;

    if ( last_pfn >= b->nr_pages )
        return fail(b, -ENOMEM, "not enough memory for the guest's initial "
                    "mapping: it reaches page %#llx but the domain has %#llx "
                    "pages (raise memory=)", (unsigned long long)last_pfn,
                    (unsigned long long)b->nr_pages);
    for ( i = 0; i < idx; i++ )
        if ( (from & XG_VADDR_MASK) <= l->map[i].to &&
             (to & XG_VADDR_MASK) >= l->map[i].from )
            return fail(b, -EINVAL, "the guest's mappings overlap at %#llx "
                        "(INIT_P2M inside the kernel's area?)",
                        (unsigned long long)from);
    memset(m, 0, sizeof(*m));
    m->from = from & XG_VADDR_MASK;
    m->to = to & XG_VADDR_MASK;
    for ( lvl = XG_PT_LEVELS; lvl-- > 0; )
    {
        struct xg_pt_level *pl = &m->lvl[lvl];
        unsigned int shift = xg_entry_shift(lvl + 1);
        uint64_t span = (UINT64_C(1) << shift) - 1;

        pl->pfn = b->pfn_end + m->tables;
        if ( lvl == XG_PT_LEVELS - 1 )
        {
            /* One top-level table for everything, in the first mapping. */
            if ( idx == 0 )
            {
                pl->from = 0;
                pl->to = XG_VADDR_MASK;
                pl->tables = 1;
                m->tables++;
            }
            continue;
        }
        pl->from = m->from & ~span;
        pl->to = m->to | span;
        for ( i = 0; i < idx; i++ )
        {
            const struct xg_pt_level *ol = &l->map[i].lvl[lvl];

            if ( !ol->tables )
                continue;
            if ( pl->from >= ol->from && pl->to <= ol->to )
            {
                /* An earlier mapping's tables cover all of it. */
                pl->from = pl->to = 0;
                break;
            }
            if ( pl->from >= ol->from && pl->from <= ol->to )
                pl->from = ol->to + 1;
            if ( pl->to >= ol->from && pl->to <= ol->to )
                pl->to = ol->from - 1;
        }
        if ( pl->from < pl->to )
            pl->tables = (unsigned int)(((pl->to - pl->from) >> shift) + 1);
        else
            pl->from = pl->to = 0;
        m->tables += pl->tables;
    }
    return 0;
}

/* See xg.h. */
int xg_pv_layout(const struct xg_pv_kernel *k, uint64_t nr_pages,
                 uint64_t ramdisk_size, struct xg_pv_layout *l,
                 char *err, size_t errlen)
{
    struct bump b = { 0, 0, nr_pages, err, errlen };
    /* One page of boot stack and 512 KiB to spare after the tables. */
    const uint64_t extra = 1 + (512 * 1024) / XG_PAGE_SIZE;
    uint64_t p2m_base, p2m_bytes, pages, try_end = 0;
    unsigned int tries;
    int rc;

    if ( err && errlen )
        err[0] = '\0';
    memset(l, 0, sizeof(*l));
    if ( !nr_pages || nr_pages > (UINT64_C(1) << 40) )
        return fail(&b, -EINVAL, "%llu pages of memory: must be 1 to 2^40",
                    (unsigned long long)nr_pages);
    if ( k->virt_kend < k->virt_kstart || k->virt_kstart < k->virt_base )
        return fail(&b, -EINVAL, "the kernel's extent %#llx-%#llx is not "
                    "above its base %#llx",
                    (unsigned long long)k->virt_kstart,
                    (unsigned long long)k->virt_kend,
                    (unsigned long long)k->virt_base);
    l->nr_pages = nr_pages;
    l->virt_base = k->virt_base;
    b.virt_end = k->virt_base;
    p2m_bytes = (nr_pages * 8 + XG_PAGE_SIZE - 1) & ~(XG_PAGE_SIZE - 1);

    /* INIT_P2M counts only below the kernel and page aligned. */
    p2m_base = k->p2m_base;
    if ( p2m_base != XG_UNSET &&
         (p2m_base >= k->virt_base || (p2m_base & (XG_PAGE_SIZE - 1))) )
        p2m_base = XG_UNSET;

    if ( (rc = place(&b, &l->kernel, "kernel", k->virt_kstart,
                     k->virt_kend - k->virt_kstart)) )
        return rc;
    if ( ramdisk_size && !k->unmapped_initrd )
    {
        if ( (rc = place(&b, &l->ramdisk, "ramdisk", 0, ramdisk_size)) )
            return rc;
        l->mod_start = l->ramdisk.vstart;
        l->mod_len = l->ramdisk.vend - l->ramdisk.vstart;
    }
    if ( p2m_base == XG_UNSET &&
         (rc = place(&b, &l->p2m, "p2m list", 0, p2m_bytes)) )
        return rc;
    if ( (rc = place(&b, &l->start_info, "start info", 0, XG_PAGE_SIZE)) ||
         (rc = place(&b, &l->xenstore, "xenstore page", 0, XG_PAGE_SIZE)) ||
         (rc = place(&b, &l->console, "console page", 0, XG_PAGE_SIZE)) )
        return rc;

    /*
     * The initial mapping covers everything so far, its own page tables,
     * the boot stack and 512 KiB, rounded up to 4 MiB.  More tables may
     * push the end further, so count until the end stays put.
     */
    pages = extra;
    for ( tries = 0; ; tries++ )
    {
        if ( tries == 64 || b.virt_end + (pages << XG_PAGE_SHIFT) < b.virt_end )
            return fail(&b, -EINVAL, "the guest's initial mapping does not "
                        "fit in its address space");
        try_end = (b.virt_end + (pages << XG_PAGE_SHIFT)) | ((1u << 22) - 1);
        if ( (rc = count_tables(&b, l, 0, k->virt_base, try_end, 0)) )
            return rc;
        pages = l->map[0].tables + extra;
        if ( b.virt_end + (pages << XG_PAGE_SHIFT) <= try_end + 1 )
            break;
    }
    l->map[0].area_pfn = 0;
    l->nr_mappings = 1;
    l->virt_pgtab_end = try_end + 1;
    if ( (rc = place(&b, &l->pgtables, "page tables", 0,
                     (uint64_t)l->map[0].tables << XG_PAGE_SHIFT)) ||
         (rc = place(&b, &l->bootstack, "boot stack", 0, XG_PAGE_SIZE)) ||
         (rc = pad_to(&b, "initial mapping", l->virt_pgtab_end)) )
        return rc;

    if ( ramdisk_size && k->unmapped_initrd )
    {
        if ( (rc = place(&b, &l->ramdisk, "ramdisk", 0, ramdisk_size)) )
            return rc;
        l->mod_start = l->ramdisk.pfn;
        l->mod_len = l->ramdisk.pages << XG_PAGE_SHIFT;
        l->mod_start_pfn = 1;
    }

    if ( p2m_base != XG_UNSET )
    {
        /* The p2m list at INIT_P2M, followed by the tables mapping it. */
        unsigned int lvl;

        if ( (rc = count_tables(&b, l, 1, p2m_base, p2m_base + p2m_bytes - 1,
                                b.pfn_end)) )
            return rc;
        l->map[1].area_pfn = b.pfn_end;
        for ( lvl = 0; lvl < XG_PT_LEVELS; lvl++ )
            l->map[1].lvl[lvl].pfn += p2m_bytes >> XG_PAGE_SHIFT;
        l->nr_mappings = 2;
        if ( (rc = place(&b, &l->p2m, "p2m list", 0,
                         p2m_bytes + ((uint64_t)l->map[1].tables
                                      << XG_PAGE_SHIFT))) )
            return rc;
        l->p2m_tables_pfn = l->p2m.pfn + (p2m_bytes >> XG_PAGE_SHIFT);
        l->p2m.vstart = p2m_base;
        l->p2m.vend = p2m_base + p2m_bytes;
    }
    l->pfn_alloc_end = b.pfn_end;
    return 0;
}
