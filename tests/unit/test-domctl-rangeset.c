/*
 * Range sets (common/rangeset.c), what XEN_DOMCTL_{iomem,ioport,irq}_permission
 * record: merging of touching and overlapping ranges, splitting on removal,
 * containment and overlap queries, the bound on ranges kept, and the edges of
 * the unsigned long space.
 */
#include <stdlib.h>
#include <string.h>
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/rangeset.h>
#include "harness.h"
#include "host_stubs.h"

static size_t live_allocs;

void *xmalloc_bytes(size_t n) { live_allocs++; return malloc(n); }
void xfree(void *p) { if ( p ) live_allocs--; free(p); }

/* The set as "s-e,s-e" for compact assertions. */
static const char *show(struct rangeset *rs)
{
    static char buf[512];
    size_t len = 0;
    unsigned int i;

    buf[0] = 0;
    for ( i = 0; i < rs->nr; i++ )
        len += snprintf(buf + len, sizeof(buf) - len, "%s%lx-%lx", i ? "," : "",
                        rs->r[i].s, rs->r[i].e);
    return buf;
}

TEST(add_merges_touching_and_overlapping)
{
    struct rangeset rs;

    rangeset_init(&rs);
    CHECK_EQ(rangeset_add_range(&rs, 10, 19), 0);
    CHECK_EQ(rangeset_add_range(&rs, 30, 39), 0);
    CHECK_STR(show(&rs), "a-13,1e-27");
    CHECK_EQ(rangeset_add_range(&rs, 20, 29), 0);      /* touches both: one range */
    CHECK_STR(show(&rs), "a-27");
    CHECK_EQ(rangeset_add_range(&rs, 5, 12), 0);       /* overlaps the start */
    CHECK_EQ(rangeset_add_range(&rs, 50, 50), 0);
    CHECK_EQ(rangeset_add_range(&rs, 45, 60), 0);      /* swallows 50 */
    CHECK_STR(show(&rs), "5-27,2d-3c");
    CHECK_EQ(rangeset_add_range(&rs, 0, 100), 0);      /* swallows everything */
    CHECK_STR(show(&rs), "0-64");
    CHECK_EQ(rangeset_add_range(&rs, 7, 3), -EINVAL);
    rangeset_destroy(&rs);
    CHECK_EQ(rs.nr, 0);
}

TEST(remove_splits_and_trims)
{
    struct rangeset rs;

    rangeset_init(&rs);
    rangeset_add_range(&rs, 0, 99);
    CHECK_EQ(rangeset_remove_range(&rs, 40, 49), 0);   /* a hole: two ranges */
    CHECK_STR(show(&rs), "0-27,32-63");
    CHECK_EQ(rangeset_remove_range(&rs, 90, 200), 0);  /* the tail */
    CHECK_EQ(rangeset_remove_range(&rs, 0, 0), 0);     /* the head */
    CHECK_STR(show(&rs), "1-27,32-59");
    CHECK_EQ(rangeset_remove_range(&rs, 30, 60), 0);   /* spans the gap */
    CHECK_STR(show(&rs), "1-1d,3d-59");
    CHECK_EQ(rangeset_remove_range(&rs, 500, 600), 0); /* nothing there */
    CHECK_EQ(rangeset_remove_range(&rs, 0, ~0UL), 0);
    CHECK_EQ(rs.nr, 0);
    rangeset_destroy(&rs);
}

TEST(queries)
{
    struct rangeset rs;

    rangeset_init(&rs);
    CHECK(!rangeset_contains_range(&rs, 0, 0));
    rangeset_add_range(&rs, 0x2f8, 0x2ff);
    rangeset_add_range(&rs, 0x3f8, 0x3ff);
    CHECK(rangeset_contains_range(&rs, 0x2f8, 0x2ff));
    CHECK(rangeset_contains_range(&rs, 0x2fa, 0x2fb));
    CHECK(!rangeset_contains_range(&rs, 0x2f8, 0x300));   /* runs past the end */
    CHECK(!rangeset_contains_range(&rs, 0x2ff, 0x3f8));   /* spans the gap */
    CHECK(rangeset_overlaps_range(&rs, 0x2ff, 0x3f8));
    CHECK(!rangeset_overlaps_range(&rs, 0x300, 0x3f7));
    CHECK(!rangeset_contains_range(&rs, 0x2ff, 0x2f8));   /* backwards */
    CHECK_EQ(rangeset_nr_ranges(&rs), 2);
    rangeset_destroy(&rs);
}

TEST(edges_of_the_space)
{
    struct rangeset rs;

    rangeset_init(&rs);
    CHECK_EQ(rangeset_add_range(&rs, ~0UL - 1, ~0UL), 0);
    CHECK_EQ(rangeset_add_range(&rs, 0, 0), 0);
    CHECK(rangeset_contains_range(&rs, ~0UL, ~0UL));
    CHECK_EQ(rangeset_add_range(&rs, 1, ~0UL - 2), 0);   /* joins both ends */
    CHECK_EQ(rs.nr, 1);
    CHECK(rangeset_contains_range(&rs, 0, ~0UL));
    CHECK_EQ(rangeset_remove_range(&rs, 1, ~0UL - 1), 0);
    CHECK_STR(show(&rs), "0-0,ffffffffffffffff-ffffffffffffffff");
    rangeset_destroy(&rs);
}

TEST(bounded_number_of_ranges)
{
    struct rangeset rs;
    unsigned long i;

    rangeset_init(&rs);
    for ( i = 0; i < RANGESET_MAX_RANGES; i++ )
        CHECK_EQ(rangeset_add_range(&rs, i * 4, i * 4 + 1), 0);
    CHECK_EQ(rs.nr, RANGESET_MAX_RANGES);
    /* A new separate range does not fit; nothing changes. */
    CHECK_EQ(rangeset_add_range(&rs, 10000, 10001), -ENOSPC);
    CHECK_EQ(rs.nr, RANGESET_MAX_RANGES);
    /* Splitting one would need another slot. */
    CHECK_EQ(rangeset_remove_range(&rs, 0, 0), 0);       /* a trim still works */
    CHECK_EQ(rangeset_add_range(&rs, 0, 0), 0);
    CHECK_EQ(rangeset_add_range(&rs, 2, 2), 0);          /* merging still works */
    /* 0-7 touches 8-9 as well: three ranges become one. */
    CHECK_EQ(rangeset_add_range(&rs, 0, 7), 0);
    CHECK_EQ(rs.nr, RANGESET_MAX_RANGES - 2);
    CHECK_EQ(rangeset_add_range(&rs, 10000, 10001), 0);  /* room again */
    rangeset_destroy(&rs);
    CHECK_EQ(live_allocs, 0);
}

int main(void)
{
    test_suite = "domctl-rangeset";
    RUN(add_merges_touching_and_overlapping);
    RUN(remove_splits_and_trims);
    RUN(queries);
    RUN(edges_of_the_space);
    RUN(bounded_number_of_ranges);
    return test_summary();
}
