/*
 * Sets of inclusive ranges (xen/rangeset.h): a sorted array, searched
 * linearly (sets are small: a few I/O ranges per domain), grown in steps of
 * 8 ranges up to RANGESET_MAX_RANGES.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/rangeset.h>

void rangeset_init(struct rangeset *rs)
{
    spin_lock_init(&rs->lock);
    rs->nr = rs->room = 0;
    rs->r = NULL;
}

void rangeset_destroy(struct rangeset *rs)
{
    unsigned long flags;
    struct rangeset_range *old;

    spin_lock_irqsave(&rs->lock, flags);
    old = rs->r;
    rs->r = NULL;
    rs->nr = rs->room = 0;
    spin_unlock_irqrestore(&rs->lock, flags);
    xfree(old);
}

/* Make room for 'want' ranges; the caller holds no lock (may allocate). */
static int rangeset_reserve(struct rangeset *rs, unsigned int want,
                            struct rangeset_range **spare, unsigned int *spare_room)
{
    *spare = NULL;
    *spare_room = 0;
    if ( want > RANGESET_MAX_RANGES )
        return -ENOSPC;
    if ( want <= rs->room )
        return 0;
    *spare_room = min_t(unsigned int, (want + 7) & ~7u, RANGESET_MAX_RANGES);
    *spare = xmalloc_array(struct rangeset_range, *spare_room);
    return *spare ? 0 : -ENOMEM;
}

/*
 * Replace ranges [first, last) of the array by the 'nnew' ranges in 'ins',
 * moving into 'spare' when the array is too small.  Returns what the caller
 * frees (outside the lock): the old array if it moved, else the unused spare.
 */
static struct rangeset_range *splice(struct rangeset *rs, unsigned int first,
                                     unsigned int last,
                                     const struct rangeset_range *ins,
                                     unsigned int nnew,
                                     struct rangeset_range *spare,
                                     unsigned int spare_room)
{
    unsigned int tail = rs->nr - last, n = first + nnew + tail;
    struct rangeset_range *unused = spare;

    if ( n > rs->room )
    {
        BUG_ON(!spare || n > spare_room);
        if ( first )
            memcpy(spare, rs->r, first * sizeof(*spare));
        if ( tail )
            memcpy(spare + first + nnew, rs->r + last, tail * sizeof(*spare));
        unused = rs->r;
        rs->r = spare;
        rs->room = spare_room;
    }
    else if ( tail )
        memmove(rs->r + first + nnew, rs->r + last, tail * sizeof(*rs->r));
    if ( nnew )
        memcpy(rs->r + first, ins, nnew * sizeof(*ins));
    rs->nr = n;
    return unused;
}

int rangeset_add_range(struct rangeset *rs, unsigned long s, unsigned long e)
{
    struct rangeset_range *spare, *old = NULL, merged;
    unsigned int first, last, spare_room;
    unsigned long flags;
    int rc;

    if ( s > e )
        return -EINVAL;
    for ( ;; )
    {
        rc = rangeset_reserve(rs, rs->nr + 1, &spare, &spare_room);
        if ( rc && rc != -ENOSPC )
            return rc;
        spin_lock_irqsave(&rs->lock, flags);
        /* Ranges that overlap or touch [s, e] merge with it. */
        for ( first = 0; first < rs->nr && rs->r[first].e < s && rs->r[first].e + 1 < s;
              first++ )
            ;
        for ( last = first; last < rs->nr && (rs->r[last].s <= e || rs->r[last].s - 1 <= e);
              last++ )
            ;
        if ( first + 1 + (rs->nr - last) <= max(rs->room, spare_room) )
            break;
        /* Another CPU grew the set meanwhile, or it is full. */
        spin_unlock_irqrestore(&rs->lock, flags);
        xfree(spare);
        if ( rc == -ENOSPC || rs->nr + 1 > RANGESET_MAX_RANGES )
            return -ENOSPC;
    }
    merged.s = first < last ? min(s, rs->r[first].s) : s;
    merged.e = first < last ? max(e, rs->r[last - 1].e) : e;
    old = splice(rs, first, last, &merged, 1, spare, spare_room);
    spin_unlock_irqrestore(&rs->lock, flags);
    xfree(old);
    return 0;
}

int rangeset_remove_range(struct rangeset *rs, unsigned long s, unsigned long e)
{
    struct rangeset_range *spare, *old = NULL, keep[2];
    unsigned int first, last, spare_room, nkeep = 0;
    unsigned long flags;
    int rc;

    if ( s > e )
        return -EINVAL;
    for ( ;; )
    {
        rc = rangeset_reserve(rs, rs->nr + 1, &spare, &spare_room);
        if ( rc && rc != -ENOSPC )
            return rc;
        spin_lock_irqsave(&rs->lock, flags);
        for ( first = 0; first < rs->nr && rs->r[first].e < s; first++ )
            ;
        for ( last = first; last < rs->nr && rs->r[last].s <= e; last++ )
            ;
        nkeep = 0;
        if ( first < last && rs->r[first].s < s )
            keep[nkeep++] = (struct rangeset_range){ rs->r[first].s, s - 1 };
        if ( first < last && rs->r[last - 1].e > e )
            keep[nkeep++] = (struct rangeset_range){ e + 1, rs->r[last - 1].e };
        if ( first + nkeep + (rs->nr - last) <= max(rs->room, spare_room) )
            break;
        /* Splitting one range in two needs a slot the set does not have. */
        spin_unlock_irqrestore(&rs->lock, flags);
        xfree(spare);
        if ( rc == -ENOSPC || rs->nr + 1 > RANGESET_MAX_RANGES )
            return -ENOSPC;
    }
    old = splice(rs, first, last, keep, nkeep, spare, spare_room);
    spin_unlock_irqrestore(&rs->lock, flags);
    xfree(old);
    return 0;
}

bool rangeset_contains_range(struct rangeset *rs, unsigned long s, unsigned long e)
{
    unsigned long flags;
    unsigned int i;
    bool found = false;

    if ( s > e )
        return false;
    spin_lock_irqsave(&rs->lock, flags);
    for ( i = 0; i < rs->nr && rs->r[i].s <= s; i++ )
        if ( rs->r[i].e >= e )
        {
            found = true;
            break;
        }
    spin_unlock_irqrestore(&rs->lock, flags);
    return found;
}

bool rangeset_overlaps_range(struct rangeset *rs, unsigned long s, unsigned long e)
{
    unsigned long flags;
    unsigned int i;
    bool found = false;

    if ( s > e )
        return false;
    spin_lock_irqsave(&rs->lock, flags);
    for ( i = 0; i < rs->nr && rs->r[i].s <= e; i++ )
        if ( rs->r[i].e >= s )
        {
            found = true;
            break;
        }
    spin_unlock_irqrestore(&rs->lock, flags);
    return found;
}

unsigned int rangeset_nr_ranges(struct rangeset *rs)
{
    return READ_ONCE(rs->nr);
}

void rangeset_printk(struct rangeset *rs, const char *name, bool hex)
{
    unsigned long flags;
    unsigned int i;

    spin_lock_irqsave(&rs->lock, flags);
    printk("    %s: {", name);
    for ( i = 0; i < rs->nr; i++ )
    {
        printk(hex ? "%s %lx" : "%s %lu", i ? "," : "", rs->r[i].s);
        if ( rs->r[i].e != rs->r[i].s )
            printk(hex ? "-%lx" : "-%lu", rs->r[i].e);
    }
    printk(" }\n");
    spin_unlock_irqrestore(&rs->lock, flags);
}
