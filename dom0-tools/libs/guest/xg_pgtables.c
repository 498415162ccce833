/*
 * xg_pgtables.c: writing the bootstrap page tables of a laid-out guest.
 *
 * Every table of every mapping is walked entry by entry: an upper-level
 * entry points at the next-level table (of whichever mapping has one)
 * covering its address, an L1 entry at the frame of the mapped page.
 * The L1 entries that map page-table frames are read-only, as Xen
 * requires of a PV guest's page tables before they are pinned.
 */
#include <errno.h>
#include <string.h>

#include "xg_private.h"

/* Is pfn one of the page tables of l? */
static int is_pgtable(const struct xg_pv_layout *l, uint64_t pfn)
{
    unsigned int m;

    for ( m = 0; m < l->nr_mappings; m++ )
    {
        uint64_t first = l->map[m].lvl[XG_PT_LEVELS - 1].pfn;

        if ( pfn >= first && pfn < first + l->map[m].tables )
            return 1;
    }
    return 0;
}

/* The frame an entry of level lvl covering va points at, or XG_UNSET. */
static uint64_t target_pfn(const struct xg_pv_layout *l, unsigned int lvl,
                           uint64_t va)
{
    unsigned int m;

    for ( m = 0; m < l->nr_mappings; m++ )
    {
        const struct xg_mapping *map = &l->map[m];

        if ( lvl > 0 )
        {
            const struct xg_pt_level *lo = &map->lvl[lvl - 1];

            if ( lo->tables && va >= lo->from && va <= lo->to )
                return lo->pfn + ((va - lo->from) >> xg_entry_shift(lvl));
        }
        else if ( va >= map->from && va <= map->to )
            return map->area_pfn + ((va - map->from) >> XG_PAGE_SHIFT);
    }
    return XG_UNSET;
}

/* See xg.h. */
int xg_pv_fill_pgtables(const struct xg_pv_layout *l, const uint64_t *p2m,
                        uint64_t *(*table)(void *opaque, uint64_t pfn),
                        void *opaque)
{
    const unsigned int per_table = 1u << XG_PT_SHIFT;
    unsigned int m, lvl, t, i;

    for ( m = 0; m < l->nr_mappings; m++ )
        for ( lvl = 0; lvl < XG_PT_LEVELS; lvl++ )
        {
            const struct xg_pt_level *pl = &l->map[m].lvl[lvl];

            for ( t = 0; t < pl->tables; t++ )
            {
                uint64_t *pt = table(opaque, pl->pfn + t);
                uint64_t base = pl->from +
                    ((uint64_t)t << xg_entry_shift(lvl + 1));

                if ( !pt )
                    return -EINVAL;
                memset(pt, 0, XG_PAGE_SIZE);
                for ( i = 0; i < per_table; i++ )
                {
                    uint64_t va = base + ((uint64_t)i << xg_entry_shift(lvl));
                    uint64_t pfn = target_pfn(l, lvl, va), prot;

                    if ( pfn == XG_UNSET )
                        continue;
                    if ( pfn >= l->nr_pages )
                        return -EINVAL;
                    prot = lvl ? XG_UPPER_PROT : XG_L1_PROT;
                    if ( !lvl && is_pgtable(l, pfn) )
                        prot &= ~XG_PTE_RW;
                    pt[i] = (p2m[pfn] << XG_PAGE_SHIFT) | prot;
                }
            }
        }
    return 0;
}
