/*
 * test_layout.c: the PV builder's pure parts on the host: the layout
 * (libxenguest's order and rules, checked as invariants for kernels with
 * and without INIT_P2M and MOD_START_PFN), the page tables it writes
 * (every mapped address walked through them), the refusals with their
 * messages, and the ramdisk's gunzip.  Prints PASS:/FAIL: guest/<case>.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "xg_private.h"

static int failures;
static const char *current;

#define CHECK(cond)                                                           \
    do {                                                                      \
        if ( !(cond) )                                                        \
        {                                                                     \
            printf("FAIL: guest/%s: %s:%d: %s\n", current, __FILE__,          \
                   __LINE__, #cond);                                          \
            failures++;                                                       \
            return;                                                           \
        }                                                                     \
    } while ( 0 )

#define MIB(n) ((uint64_t)(n) << 20)
#define VA48 ((UINT64_C(1) << 48) - 1)
#define PAGES(bytes) (((bytes) + XG_PAGE_SIZE - 1) >> XG_PAGE_SHIFT)

/* Linux x86_64's notes: VIRT_BASE and the kernel at 16 MiB above it;
 * Debian 6.1 also has INIT_P2M (512 GiB) and MOD_START_PFN. */
static struct xg_pv_kernel linux_kernel(int modern)
{
    struct xg_pv_kernel k = {
        .virt_base = UINT64_C(0xffffffff80000000),
        .virt_kstart = UINT64_C(0xffffffff81000000),
        .virt_kend = UINT64_C(0xffffffff83a2c000),
        .p2m_base = modern ? UINT64_C(0x8000000000) : XG_UNSET,
        .unmapped_initrd = modern,
    };
    return k;
}

/* Segments in libxenguest's order, each where the last ended. */
static void check_order(const struct xg_pv_layout *l, uint64_t rd_bytes,
                        int modern)
{
    const struct xg_seg *seq[8];
    unsigned int n = 0, i;

    seq[n++] = &l->kernel;
    if ( rd_bytes && !modern )
        seq[n++] = &l->ramdisk;
    if ( !modern )
        seq[n++] = &l->p2m;
    seq[n++] = &l->start_info;
    seq[n++] = &l->xenstore;
    seq[n++] = &l->console;
    seq[n++] = &l->pgtables;
    seq[n++] = &l->bootstack;
    CHECK(l->kernel.vstart == UINT64_C(0xffffffff81000000));
    CHECK(l->kernel.pfn == MIB(16) >> XG_PAGE_SHIFT);
    for ( i = 0; i < n; i++ )
    {
        CHECK(seq[i]->pages == PAGES(seq[i]->vend - seq[i]->vstart));
        CHECK(seq[i]->vstart == l->virt_base +
              (seq[i]->pfn << XG_PAGE_SHIFT));
        if ( i )
            CHECK(seq[i]->pfn == seq[i - 1]->pfn + seq[i - 1]->pages);
    }
    CHECK(l->start_info.pages == 1 && l->xenstore.pages == 1 &&
          l->console.pages == 1 && l->bootstack.pages == 1);
    /* The initial mapping: 4 MiB aligned, 512 KiB to spare. */
    CHECK((l->virt_pgtab_end & (MIB(4) - 1)) == 0);
    CHECK(l->virt_pgtab_end >= l->bootstack.vend + 512 * 1024);
    /* (Mappings are kept as 48-bit addresses.) */
    CHECK(l->map[0].from == (l->virt_base & VA48) &&
          l->map[0].to == ((l->virt_pgtab_end - 1) & VA48));
    CHECK(l->p2m.pages == PAGES(l->nr_pages * 8) +
          (modern ? l->map[1].tables : 0));
    CHECK(l->pfn_alloc_end <= l->nr_pages);
    if ( rd_bytes )
    {
        CHECK(l->ramdisk.pages == PAGES(rd_bytes));
        CHECK(l->mod_start_pfn == modern);
        CHECK(modern ? l->mod_start == l->ramdisk.pfn
                     : l->mod_start == l->ramdisk.vstart);
        /* Passed by pfn, it lies past the initial mapping. */
        if ( modern )
            CHECK(l->ramdisk.vstart >= l->virt_pgtab_end);
    }
    if ( modern )
    {
        CHECK(l->nr_mappings == 2);
        CHECK(l->p2m.vstart == UINT64_C(0x8000000000));
        CHECK(l->p2m.pfn >= (l->virt_pgtab_end - l->virt_base) >>
              XG_PAGE_SHIFT);
    }
    else
        CHECK(l->nr_mappings == 1);
}

static void layout_classic(void)
{
    struct xg_pv_kernel k = linux_kernel(0);
    struct xg_pv_layout l;
    char err[256];

    CHECK(xg_pv_layout(&k, MIB(128) >> 12, 3000000, &l, err,
                       sizeof(err)) == 0);
    check_order(&l, 3000000, 0);
    CHECK(xg_pv_layout(&k, MIB(64) >> 12, 0, &l, err, sizeof(err)) == 0);
    check_order(&l, 0, 0);
}

static void layout_init_p2m(void)
{
    struct xg_pv_kernel k = linux_kernel(1);
    struct xg_pv_layout l;
    char err[256];

    CHECK(xg_pv_layout(&k, MIB(128) >> 12, 3000000, &l, err,
                       sizeof(err)) == 0);
    check_order(&l, 3000000, 1);
    /* A large guest: its p2m alone is 2 MiB. */
    CHECK(xg_pv_layout(&k, MIB(1024) >> 12, 3000000, &l, err,
                       sizeof(err)) == 0);
    check_order(&l, 3000000, 1);
}

static void layout_refusals(void)
{
    struct xg_pv_kernel k = linux_kernel(0);
    struct xg_pv_layout l;
    char err[256];

    /* 40 MiB cannot hold a kernel ending at 58 MiB. */
    CHECK(xg_pv_layout(&k, MIB(40) >> 12, 0, &l, err, sizeof(err)) ==
          -ENOMEM);
    CHECK(strstr(err, "not enough memory for the guest's kernel"));
    CHECK(strstr(err, "raise memory="));
    /* Room for the kernel but not for a 200 MiB ramdisk. */
    CHECK(xg_pv_layout(&k, MIB(128) >> 12, MIB(200), &l, err,
                       sizeof(err)) == -ENOMEM);
    CHECK(strstr(err, "ramdisk"));
    CHECK(xg_pv_layout(&k, 0, 0, &l, err, sizeof(err)) == -EINVAL);
    k.virt_kstart = k.virt_base - XG_PAGE_SIZE;
    CHECK(xg_pv_layout(&k, MIB(128) >> 12, 0, &l, err, sizeof(err)) ==
          -EINVAL);
    CHECK(strstr(err, "not above its base"));
}

/* Guest memory for the page-table walk: frame pfn at mem + pfn pages. */
struct guest_mem {
    unsigned char *mem;
    uint64_t nr;
};

static uint64_t *table_page(void *opaque, uint64_t pfn)
{
    struct guest_mem *g = opaque;

    return pfn < g->nr ? (uint64_t *)(g->mem + (pfn << XG_PAGE_SHIFT))
                       : NULL;
}

#define MFN_OFFSET UINT64_C(0x40000)

/* Translate va through the tables from l's L4; the pfn, or XG_UNSET. */
static uint64_t walk(const struct guest_mem *g, uint64_t l4pfn, uint64_t va,
                     int *rw)
{
    uint64_t pfn = l4pfn, e = 0;
    int lvl;

    *rw = 1;
    for ( lvl = XG_PT_LEVELS - 1; lvl >= 0; lvl-- )
    {
        e = ((const uint64_t *)(g->mem + (pfn << XG_PAGE_SHIFT)))
            [(va >> xg_entry_shift(lvl)) & 511];
        if ( !(e & XG_PTE_PRESENT) )
            return XG_UNSET;
        pfn = ((e >> XG_PAGE_SHIFT) & ((UINT64_C(1) << 40) - 1)) - MFN_OFFSET;
        if ( pfn >= g->nr )
            return XG_UNSET;
    }
    *rw = !!(e & XG_PTE_RW);
    return pfn;
}

static void pgtables_walk(int modern)
{
    struct xg_pv_kernel k = linux_kernel(modern);
    struct xg_pv_layout l;
    struct guest_mem g = { NULL, MIB(96) >> 12 };
    uint64_t *p2m = NULL, pfn, va, got, l4;
    char err[256];
    int rw;

    CHECK(xg_pv_layout(&k, g.nr, 1000000, &l, err, sizeof(err)) == 0);
    g.mem = calloc(g.nr, XG_PAGE_SIZE);
    p2m = malloc(g.nr * sizeof(*p2m));
    CHECK(g.mem && p2m);
    for ( pfn = 0; pfn < g.nr; pfn++ )
        p2m[pfn] = pfn + MFN_OFFSET;
    CHECK(xg_pv_fill_pgtables(&l, p2m, table_page, &g) == 0);
    l4 = l.pgtables.pfn;
    /* Every page of the initial mapping, the tables read-only. */
    for ( va = l.virt_base; va < l.virt_pgtab_end; va += XG_PAGE_SIZE )
    {
        pfn = (va - l.virt_base) >> XG_PAGE_SHIFT;
        got = walk(&g, l4, va, &rw);
        if ( got != pfn )
            break;
        if ( rw != !(pfn >= l.pgtables.pfn &&
                     pfn < l.pgtables.pfn + l.pgtables.pages) )
            break;
    }
    CHECK(va == l.virt_pgtab_end);
    /* Nothing mapped just past it. */
    CHECK(walk(&g, l4, l.virt_pgtab_end, &rw) == XG_UNSET);
    if ( modern )
    {
        /* The p2m list at INIT_P2M, through the second mapping's tables. */
        for ( va = l.p2m.vstart; va < l.p2m.vend; va += XG_PAGE_SIZE )
            if ( walk(&g, l4, va, &rw) !=
                 l.p2m.pfn + ((va - l.p2m.vstart) >> XG_PAGE_SHIFT) || !rw )
                break;
        CHECK(va == l.p2m.vend);
    }
    free(g.mem);
    free(p2m);
}

static void pgtables_classic(void)
{
    pgtables_walk(0);
}

static void pgtables_init_p2m(void)
{
    pgtables_walk(1);
}

/* gzip of len bytes of data into a malloc'd buffer. */
static unsigned char *gzip(const void *data, size_t len, size_t *out)
{
    z_stream z;
    size_t cap = len + 1024;
    unsigned char *buf = malloc(cap);

    memset(&z, 0, sizeof(z));
    if ( !buf || deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
                              Z_DEFAULT_STRATEGY) != Z_OK )
        abort();
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)len;
    z.next_out = buf;
    z.avail_out = (uInt)cap;
    if ( deflate(&z, Z_FINISH) != Z_STREAM_END )
        abort();
    *out = cap - z.avail_out;
    deflateEnd(&z);
    return buf;
}

static void ramdisk_gunzip(void)
{
    char a[5000], b[3000];
    unsigned char *ga, *gb, *cat;
    size_t la, lb;
    void *data;
    uint64_t len, seg;
    unsigned int i;

    for ( i = 0; i < sizeof(a); i++ )
        a[i] = (char)('a' + i % 23);
    for ( i = 0; i < sizeof(b); i++ )
        b[i] = (char)('0' + i % 7);
    ga = gzip(a, sizeof(a), &la);
    gb = gzip(b, sizeof(b), &lb);
    /* Two members (concatenated cpio.gz archives), both inflated. */
    cat = malloc(la + lb);
    CHECK(cat);
    memcpy(cat, ga, la);
    memcpy(cat + la, gb, lb);
    data = cat;
    len = la + lb;
    xg_ramdisk_gunzip(&data, &len, &seg);
    CHECK(len == sizeof(a) + sizeof(b));
    CHECK(!memcmp(data, a, sizeof(a)) &&
          !memcmp((char *)data + sizeof(a), b, sizeof(b)));
    CHECK(seg >= len);
    free(data);
    /* Not gzip: left as it is. */
    data = malloc(sizeof(a));
    CHECK(data);
    memcpy(data, a, sizeof(a));
    len = sizeof(a);
    xg_ramdisk_gunzip(&data, &len, &seg);
    CHECK(len == sizeof(a) && seg == len && !memcmp(data, a, len));
    free(data);
    /* Corrupt gzip: passed on compressed for the guest to judge. */
    ga[la / 2] ^= 0xff;
    data = ga;
    len = la;
    xg_ramdisk_gunzip(&data, &len, &seg);
    CHECK(data == ga && len == la && seg == la);
    free(ga);
    free(gb);
}

int main(void)
{
    static const struct { const char *name; void (*fn)(void); } cases[] = {
        { "layout-classic", layout_classic },
        { "layout-init-p2m", layout_init_p2m },
        { "layout-refusals", layout_refusals },
        { "pgtables-classic", pgtables_classic },
        { "pgtables-init-p2m", pgtables_init_p2m },
        { "ramdisk-gunzip", ramdisk_gunzip },
    };
    unsigned int i;
    int before;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        current = cases[i].name;
        before = failures;
        cases[i].fn();
        if ( failures == before )
            printf("PASS: guest/%s\n", current);
    }
    return failures ? 1 : 0;
}
