/*
 * The boot allocator and the buddy heap (common/page_alloc.c) over 64 MiB of
 * simulated RAM: alignment, disjointness, coalescing back to the initial state,
 * address-width limits, domain limits, and that no allocation ever sees stale data.
 */
#include <stdlib.h>
#include <string.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include "harness.h"
#include "host_stubs.h"

#define RAM_PAGES 16384UL                 /* 64 MiB */
#define FIRST_FREE 256UL                  /* frames below stay "reserved" */

unsigned long frametable_chunk_mapped[1] = { ~0UL };
static struct domain test_dom;

struct domain *get_domain_by_id(domid_t id)
{
    return id == test_dom.domain_id ? &test_dom : NULL;
}

void put_domain(struct domain *d)
{
}

static void setup_ram(void)
{
    static bool done;

    if ( done )
        return;
    host_directmap = aligned_alloc(4096, RAM_PAGES * PAGE_SIZE);
    memset(host_directmap, 0xaa, RAM_PAGES * PAGE_SIZE);    /* "previous owner's data" */
    frame_table = calloc(RAM_PAGES, sizeof(struct page_info));
    max_page = RAM_PAGES;
    total_pages = RAM_PAGES;
    done = true;
}

static bool page_is(unsigned long mfn, unsigned char byte)
{
    const unsigned char *p = (const unsigned char *)host_directmap + mfn * PAGE_SIZE;
    unsigned long i;

    for ( i = 0; i < PAGE_SIZE; i++ )
        if ( p[i] != byte )
            return false;
    return true;
}

TEST(boot_allocator)
{
    unsigned long a, b, c;

    setup_ram();
    init_boot_pages(FIRST_FREE << PAGE_SHIFT, 1024UL << PAGE_SHIFT);
    init_boot_pages(2048UL << PAGE_SHIFT, RAM_PAGES << PAGE_SHIFT);
    init_boot_pages(1024UL << PAGE_SHIFT, 2048UL << PAGE_SHIFT);   /* joins both */
    /* From the top, aligned. */
    a = alloc_boot_pages(1, 1);
    CHECK_EQ(a, RAM_PAGES - 1);
    b = alloc_boot_pages(16, 16);
    CHECK_EQ(b, RAM_PAGES - 32);          /* below a, 16-aligned */
    CHECK_EQ(b % 16, 0);
    c = alloc_boot_pages(512, 512);
    CHECK_EQ(c % 512, 0);
    CHECK(c + 512 <= b);
    /* The limit keeps allocations low. */
    boot_alloc_limit_mfn = 1000;
    a = alloc_boot_pages(4, 1);
    CHECK(a + 4 <= 1000);
    boot_alloc_limit_mfn = ~0UL;
    /* The rest goes to the heap as dirty memory. */
    end_boot_allocator();
    CHECK(heap_is_up());
    CHECK(avail_heap_pages() > 3000);
    CHECK_EQ(dirty_heap_pages(), avail_heap_pages());
}

TEST(alloc_is_scrubbed)
{
    struct page_info *pg = alloc_domheap_pages(NULL, 0, 0);

    CHECK(pg != NULL);
    CHECK(page_is(page_to_mfn(pg), 0));
    free_domheap_pages(pg, 0);
    pg = alloc_domheap_pages(NULL, 3, MEMF_no_scrub);
    CHECK(pg != NULL);
    CHECK(page_is(page_to_mfn(pg), 0xaa)); /* caller said it overwrites anyway */
    free_domheap_pages(pg, 3);
}

TEST(background_scrub_cleans_everything)
{
    unsigned long steps = 0, mfn;

    while ( scrub_free_pages() && steps < 100000 )
        steps++;
    CHECK_EQ(dirty_heap_pages(), 0);
    for ( mfn = 0; mfn < RAM_PAGES; mfn++ )
        if ( frame_table[mfn].count_info & PGC_free )
            CHECK(page_is(mfn, 0));
}

TEST(alignment_disjoint_coalesce)
{
    static struct page_info *chunks[4096];
    static unsigned int orders[4096];
    unsigned long before = avail_heap_pages(), used = 0;
    unsigned int n = 0, i, j;

    /* Allocate a mix of orders until memory runs out. */
    for ( i = 0; n < 4096; i++ )
    {
        unsigned int order = (i * 7) % 6;
        struct page_info *pg = alloc_domheap_pages(NULL, order, MEMF_no_scrub);

        if ( !pg )
        {
            if ( order == 0 )
                break;
            continue;
        }
        CHECK_EQ(page_to_mfn(pg) & ((1UL << order) - 1), 0);
        chunks[n] = pg;
        orders[n++] = order;
        used += 1UL << order;
    }
    CHECK_EQ(avail_heap_pages(), 0);
    CHECK_EQ(used, before);
    CHECK(alloc_domheap_pages(NULL, 0, 0) == NULL);

    /* No two allocations overlap. */
    for ( i = 0; i < n; i++ )
        for ( j = i + 1; j < n; j++ )
        {
            unsigned long a = page_to_mfn(chunks[i]), b = page_to_mfn(chunks[j]);

            CHECK(a + (1UL << orders[i]) <= b || b + (1UL << orders[j]) <= a);
        }

    /* Free in an interleaved order; everything must be allocatable as big chunks again. */
    for ( i = 0; i < n; i += 2 )
        free_xenheap_pages(page_to_virt(chunks[i]), orders[i]);
    for ( i = 1; i < n; i += 2 )
        free_xenheap_pages(page_to_virt(chunks[i]), orders[i]);
    CHECK_EQ(avail_heap_pages(), before);
    while ( scrub_free_pages() )
        ;
    /* 4096..8191 is one aligned 16 MiB range of free RAM: it must come back whole. */
    {
        struct page_info *big = alloc_domheap_pages(NULL, 12, 0);

        CHECK(big != NULL);
        if ( big )
        {
            CHECK_EQ(page_to_mfn(big) % 4096, 0);
            CHECK(page_is(page_to_mfn(big), 0) && page_is(page_to_mfn(big) + 4095, 0));
            free_domheap_pages(big, 12);
        }
    }
}

TEST(address_width_limit)
{
    unsigned int i;

    /* Below 16 MiB = frames below 4096. */
    for ( i = 0; i < 64; i++ )
    {
        struct page_info *pg = alloc_domheap_pages(NULL, 0, MEMF_bits(24));

        CHECK(pg != NULL);
        if ( pg )
            CHECK(page_to_mfn(pg) < 4096);
    }
    /* Nothing free below 1 MiB (frames < 256 are reserved). */
    CHECK(alloc_domheap_pages(NULL, 0, MEMF_bits(20)) == NULL);
}

TEST(domain_limits_and_accounting)
{
    struct page_info *a, *b, *c;

    test_dom.domain_id = 5;
    test_dom.max_pages = 4;
    page_list_init(&test_dom.page_list);
    a = alloc_domheap_pages(&test_dom, 1, 0);
    b = alloc_domheap_pages(&test_dom, 0, 0);
    c = alloc_domheap_pages(&test_dom, 1, 0);     /* would make 5 > 4 */
    CHECK(a && b);
    CHECK(c == NULL);
    CHECK_EQ(test_dom.tot_pages, 3);
    CHECK_EQ(test_dom.page_list.count, 3);
    CHECK_EQ(a->owner, 5);
    CHECK(a->count_info & PGC_allocated);
    free_domheap_pages(b, 0);
    CHECK_EQ(test_dom.tot_pages, 2);
    free_domheap_pages(a, 1);
    CHECK_EQ(test_dom.tot_pages, 0);
    CHECK(page_list_empty(&test_dom.page_list));
}

TEST(freed_data_never_leaks)
{
    struct page_info *pg = alloc_domheap_pages(NULL, 0, 0);
    unsigned long mfn;

    CHECK(pg != NULL);
    if ( !pg )
        return;
    mfn = page_to_mfn(pg);
    memset(page_to_virt(pg), 0x5c, PAGE_SIZE);    /* a secret */
    free_domheap_pages(pg, 0);
    CHECK(dirty_heap_pages() >= 1);
    /* Whoever gets that frame next sees zeroes. */
    for ( ;; )
    {
        struct page_info *p = alloc_domheap_pages(NULL, 0, 0);

        CHECK(p != NULL);
        if ( !p )
            break;
        CHECK(page_is(page_to_mfn(p), 0));
        if ( page_to_mfn(p) == mfn )
            break;
    }
}

int main(void)
{
    test_suite = "page_alloc";
    RUN(boot_allocator);
    RUN(alloc_is_scrubbed);
    RUN(background_scrub_cleans_everything);
    RUN(alignment_disjoint_coalesce);
    RUN(address_width_limit);
    RUN(domain_limits_and_accounting);
    RUN(freed_data_never_leaks);
    return test_summary();
}
