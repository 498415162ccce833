/*
 * Sets of inclusive ranges of unsigned longs: what a domain may use of the
 * machine's I/O ports, I/O memory frames and IRQs (XEN_DOMCTL_*_permission).
 *
 * A set keeps disjoint, non-adjacent ranges in ascending order, merged on
 * insertion and split on removal.  Each set holds at most RANGESET_MAX_RANGES
 * ranges so that a toolstack cannot make the hypervisor allocate without
 * bound; an operation that would need more fails with -ENOSPC and changes
 * nothing.  Every operation takes the set's own lock.
 */
#ifndef XEN_RANGESET_H
#define XEN_RANGESET_H

#include <xen/types.h>
#include <xen/spinlock.h>

#define RANGESET_MAX_RANGES 256

struct rangeset_range {
    unsigned long s, e;         /* inclusive */
};

struct rangeset {
    spinlock_t lock;
    unsigned int nr;            /* ranges in use */
    unsigned int room;          /* ranges allocated */
    struct rangeset_range *r;   /* [room], sorted, disjoint, not adjacent */
};

void rangeset_init(struct rangeset *rs);
/* Free the ranges; the set is empty (and usable) afterwards. */
void rangeset_destroy(struct rangeset *rs);

/* Add or remove [s, e]: 0, -EINVAL (s > e), -ENOMEM or -ENOSPC. */
int rangeset_add_range(struct rangeset *rs, unsigned long s, unsigned long e);
int rangeset_remove_range(struct rangeset *rs, unsigned long s, unsigned long e);

/* Is all of [s, e] in the set? */
bool rangeset_contains_range(struct rangeset *rs, unsigned long s, unsigned long e);
/* Does any of [s, e] lie in the set? */
bool rangeset_overlaps_range(struct rangeset *rs, unsigned long s, unsigned long e);
unsigned int rangeset_nr_ranges(struct rangeset *rs);

/* Print the set as "name: { a-b, c }" (debug keys). */
void rangeset_printk(struct rangeset *rs, const char *name, bool hex);

#endif /* XEN_RANGESET_H */
