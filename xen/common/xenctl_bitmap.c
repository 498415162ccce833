/*
 * struct xenctl_bitmap copies (xen/xenctl_bitmap.h).  The byte buffers are
 * small (a byte per 8 CPUs, NR_CPUS at most), so they live on the stack.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/xenctl_bitmap.h>
#include <asm/guest_access.h>

#define MAX_BITMAP_BYTES ((NR_CPUS > 64 ? NR_CPUS : 64) / 8)

void bitmap_long_to_byte(u8 *bytes, const unsigned long *bits, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < (nbits + 7) / 8; i++ )
    {
        unsigned int b = i * 8;
        u8 v = bits[b / BITS_PER_LONG] >> (b % BITS_PER_LONG);

        /* The last byte keeps only the bits below nbits. */
        if ( nbits - b < 8 )
            v &= (1u << (nbits - b)) - 1;
        bytes[i] = v;
    }
}

void bitmap_byte_to_long(unsigned long *bits, const u8 *bytes, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < (nbits + BITS_PER_LONG - 1) / BITS_PER_LONG; i++ )
        bits[i] = 0;
    for ( i = 0; i < (nbits + 7) / 8; i++ )
    {
        unsigned int b = i * 8;
        unsigned long v = bytes[i];

        if ( nbits - b < 8 )
            v &= (1u << (nbits - b)) - 1;
        bits[b / BITS_PER_LONG] |= v << (b % BITS_PER_LONG);
    }
}

int xenctl_bitmap_to_bitmap(unsigned long *bits, const struct xenctl_bitmap *x,
                            unsigned int nbits)
{
    u8 bytes[MAX_BITMAP_BYTES] = { 0 };
    unsigned int guest_bytes = (x->nr_bits + 7) / 8;
    unsigned int copy = min_t(unsigned int, guest_bytes, (nbits + 7) / 8);

    BUG_ON((nbits + 7) / 8 > sizeof(bytes));
    if ( copy )
    {
        if ( copy_from_guest(bytes, x->bitmap, copy) )
            return -EFAULT;
        /* Bits past nr_bits in the guest's last byte are not part of it. */
        if ( (x->nr_bits & 7) && guest_bytes == copy )
            bytes[guest_bytes - 1] &= ~(0xffu << (x->nr_bits & 7));
    }
    bitmap_byte_to_long(bits, bytes, nbits);
    return 0;
}

int bitmap_to_xenctl_bitmap(struct xenctl_bitmap *x, const unsigned long *bits,
                            unsigned int nbits)
{
    u8 bytes[MAX_BITMAP_BYTES];
    unsigned int guest_bytes = (x->nr_bits + 7) / 8;
    unsigned int copy = min_t(unsigned int, guest_bytes, (nbits + 7) / 8);

    BUG_ON((nbits + 7) / 8 > sizeof(bytes));
    bitmap_long_to_byte(bytes, bits, nbits);
    if ( copy && copy_to_guest(x->bitmap, bytes, copy) )
        return -EFAULT;
    if ( guest_bytes > copy && raw_clear_guest(x->bitmap.p + copy, guest_bytes - copy) )
        return -EFAULT;
    return 0;
}
