/*
 * The maptrack table (common/grant_maptrack.c): handles are unique while in
 * use, the table grows a page at a time up to its limit and then refuses,
 * freed handles are reused last (FIFO), and tearing it down frees every page
 * (LeakSanitizer checks that).
 */
#include <stdlib.h>
#include <string.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/grant_table.h>
#include "harness.h"
#include "host_stubs.h"

static unsigned int pages_live;
static unsigned int fail_allocs_after = ~0U;   /* simulate running out of memory */

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags)
{
    void *p;

    if ( !fail_allocs_after )
        return NULL;
    fail_allocs_after--;
    p = aligned_alloc(PAGE_SIZE, PAGE_SIZE << order);
    if ( p )
    {
        memset(p, 0x5a, PAGE_SIZE << order);   /* stale contents */
        pages_live++;
    }
    return p;
}

void free_xenheap_pages(void *v, unsigned int order)
{
    if ( v )
        pages_live--;
    free(v);
}

void *xzalloc_bytes(size_t n)
{
    return calloc(1, n);
}

void xfree(void *p)
{
    free(p);
}

TEST(handles_unique_until_full)
{
    struct grant_table gt;
    unsigned int n = 2 * MAPTRACK_PER_PAGE, i;
    unsigned char *seen = calloc(n, 1);

    CHECK_EQ(maptrack_init(&gt, 2), 0);
    CHECK_EQ(gt.maptrack_limit, 0);
    for ( i = 0; i < n; i++ )
    {
        grant_handle_t h = get_maptrack_handle(&gt);

        CHECK(h < n);
        if ( h >= n )
            break;
        CHECK(!seen[h]);
        seen[h] = 1;
        CHECK_EQ(maptrack_entry(&gt, h)->flags, 0);
        maptrack_entry(&gt, h)->flags = GNTMAP_host_map;    /* "in use" */
        /* The table grows one page at a time, when the free list runs dry. */
        CHECK_EQ(gt.maptrack_limit, (i / MAPTRACK_PER_PAGE + 1) * MAPTRACK_PER_PAGE);
    }
    CHECK_EQ(gt.maptrack_in_use, n);
    CHECK_EQ(get_maptrack_handle(&gt), MAPTRACK_TAIL);
    CHECK_EQ(get_maptrack_handle(&gt), MAPTRACK_TAIL);
    CHECK_EQ(pages_live, 2);
    maptrack_destroy(&gt);
    CHECK_EQ(pages_live, 0);
    free(seen);
}

TEST(freed_handles_are_reused_last)
{
    struct grant_table gt;
    grant_handle_t a, b, c, h;
    unsigned int i;

    CHECK_EQ(maptrack_init(&gt, 1), 0);
    a = get_maptrack_handle(&gt);
    b = get_maptrack_handle(&gt);
    CHECK_EQ(a, 0);
    CHECK_EQ(b, 1);
    put_maptrack_handle(&gt, a);
    /* Every other free handle comes before a again. */
    for ( i = 0; i < MAPTRACK_PER_PAGE - 2; i++ )
    {
        h = get_maptrack_handle(&gt);
        CHECK(h != a && h != b);
    }
    c = get_maptrack_handle(&gt);
    CHECK_EQ(c, a);
    CHECK_EQ(get_maptrack_handle(&gt), MAPTRACK_TAIL);
    /* Full: a handle given back is the next one handed out. */
    put_maptrack_handle(&gt, b);
    CHECK_EQ(get_maptrack_handle(&gt), b);
    CHECK_EQ(gt.maptrack_in_use, MAPTRACK_PER_PAGE);
    maptrack_destroy(&gt);
    CHECK_EQ(pages_live, 0);
}

TEST(entries_start_free_and_zeroed)
{
    struct grant_table gt;
    grant_handle_t h;
    struct grant_mapping *mt;

    CHECK_EQ(maptrack_init(&gt, 1), 0);
    h = get_maptrack_handle(&gt);
    mt = maptrack_entry(&gt, h);
    CHECK_EQ(mt->flags, 0);
    CHECK_EQ(mt->ref, 0);
    CHECK_EQ(mt->domid, 0);
    mt->flags = GNTMAP_host_map | GNTMAP_readonly;
    mt->ref = 77;
    mt->domid = 3;
    put_maptrack_handle(&gt, h);
    /* A freed entry no longer looks like a mapping (unmap checks flags first). */
    CHECK_EQ(mt->flags, 0);
    maptrack_destroy(&gt);
}

TEST(no_frames_no_handles)
{
    struct grant_table gt;

    CHECK_EQ(maptrack_init(&gt, 0), 0);
    CHECK_EQ(get_maptrack_handle(&gt), MAPTRACK_TAIL);
    CHECK_EQ(pages_live, 0);
    maptrack_destroy(&gt);
}

TEST(out_of_memory_refuses_then_recovers)
{
    struct grant_table gt;
    unsigned int i;

    CHECK_EQ(maptrack_init(&gt, 4), 0);
    fail_allocs_after = 1;
    for ( i = 0; i < MAPTRACK_PER_PAGE; i++ )
        CHECK(get_maptrack_handle(&gt) != MAPTRACK_TAIL);
    CHECK_EQ(get_maptrack_handle(&gt), MAPTRACK_TAIL);
    CHECK_EQ(gt.maptrack_limit, MAPTRACK_PER_PAGE);
    fail_allocs_after = ~0U;
    CHECK_EQ(get_maptrack_handle(&gt), MAPTRACK_PER_PAGE);
    maptrack_destroy(&gt);
    CHECK_EQ(pages_live, 0);
}

int main(void)
{
    test_suite = "gnttab-maptrack";
    RUN(handles_unique_until_full);
    RUN(freed_handles_are_reused_last);
    RUN(entries_start_free_and_zeroed);
    RUN(no_frames_no_handles);
    RUN(out_of_memory_refuses_then_recovers);
    return test_summary();
}
