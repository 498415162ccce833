/*
 * struct xenctl_bitmap (public/xen.h), the toolstack's CPU and node masks:
 * bytes in guest memory, bit n in byte n / 8, nr_bits of them.  Copies are
 * clipped to the shorter of the two bitmaps; bits the hypervisor has beyond
 * the guest's are dropped, guest bytes beyond the hypervisor's are zeroed,
 * and stray bits past nr_bits in the guest's last byte are ignored (Xen's
 * rules).
 */
#ifndef XEN_XENCTL_BITMAP_H
#define XEN_XENCTL_BITMAP_H

#include <xen/types.h>
#include <xen/cpumask.h>
#include <public/xen.h>

/* Pure conversions between a bitmap of longs and its bytes, nbits long. */
void bitmap_long_to_byte(u8 *bytes, const unsigned long *bits, unsigned int nbits);
void bitmap_byte_to_long(unsigned long *bits, const u8 *bytes, unsigned int nbits);

/*
 * Fill 'bits' (nbits) from the guest's bitmap: 0 or -EFAULT.  Bits the guest
 * does not give are clear.
 */
int xenctl_bitmap_to_bitmap(unsigned long *bits, const struct xenctl_bitmap *x,
                            unsigned int nbits);
/* Write 'bits' (nbits) into the guest's bitmap: 0 or -EFAULT. */
int bitmap_to_xenctl_bitmap(struct xenctl_bitmap *x, const unsigned long *bits,
                            unsigned int nbits);

static inline int xenctl_bitmap_to_cpumask(cpumask_t *m, const struct xenctl_bitmap *x)
{
    cpumask_clear(m);
    return xenctl_bitmap_to_bitmap(m->bits, x, nr_cpu_ids);
}

static inline int cpumask_to_xenctl_bitmap(struct xenctl_bitmap *x, const cpumask_t *m)
{
    return bitmap_to_xenctl_bitmap(x, m->bits, nr_cpu_ids);
}

#endif /* XEN_XENCTL_BITMAP_H */
