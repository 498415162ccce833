/*
 * Bit operations on arrays of unsigned long.  The plain names are atomic; the
 * __-prefixed ones are not and need the caller's own exclusion.
 */
#ifndef XEN_BITOPS_H
#define XEN_BITOPS_H

#include <xen/types.h>

#define BITS_PER_LONG       64
#define BITS_TO_LONGS(n)    (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define BIT(n)              (1UL << (n))
#define BIT_WORD(n)         ((n) / BITS_PER_LONG)
#define BIT_MASK(n)         (1UL << ((n) % BITS_PER_LONG))

static inline void set_bit(unsigned int nr, volatile unsigned long *addr)
{
    __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(unsigned int nr, volatile unsigned long *addr)
{
    __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline bool test_and_set_bit(unsigned int nr, volatile unsigned long *addr)
{
    return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST) &
           BIT_MASK(nr);
}

static inline bool test_and_clear_bit(unsigned int nr, volatile unsigned long *addr)
{
    return __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST) &
           BIT_MASK(nr);
}

static inline void __set_bit(unsigned int nr, unsigned long *addr)
{
    addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned int nr, unsigned long *addr)
{
    addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline bool test_bit(unsigned int nr, const volatile unsigned long *addr)
{
    return (addr[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

/* Index of the first set bit at or after 'start', or 'size' if none. */
static inline unsigned int find_next_bit(const unsigned long *addr, unsigned int size,
                                         unsigned int start)
{
    while ( start < size )
    {
        unsigned long w = addr[BIT_WORD(start)] >> (start % BITS_PER_LONG);

        if ( w )
        {
            start += __builtin_ctzl(w);
            return start < size ? start : size;
        }
        start = (BIT_WORD(start) + 1) * BITS_PER_LONG;
    }
    return size;
}

static inline unsigned int find_first_bit(const unsigned long *addr, unsigned int size)
{
    return find_next_bit(addr, size, 0);
}

static inline unsigned int find_next_zero_bit(const unsigned long *addr, unsigned int size,
                                              unsigned int start)
{
    while ( start < size )
    {
        unsigned long w = ~addr[BIT_WORD(start)] >> (start % BITS_PER_LONG);

        if ( w )
        {
            start += __builtin_ctzl(w);
            return start < size ? start : size;
        }
        start = (BIT_WORD(start) + 1) * BITS_PER_LONG;
    }
    return size;
}

/* Population count without the POPCNT instruction (not on every CPU we boot on). */
static inline unsigned int hweight64(u64 w)
{
    w = w - ((w >> 1) & 0x5555555555555555ULL);
    w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
    w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return (unsigned int)((w * 0x0101010101010101ULL) >> 56);
}

static inline unsigned int bitmap_weight(const unsigned long *addr, unsigned int size)
{
    unsigned int i, w = 0;

    for ( i = 0; i < BITS_TO_LONGS(size); i++ )
    {
        unsigned long word = addr[i];

        if ( (i + 1) * BITS_PER_LONG > size )
            word &= (1UL << (size % BITS_PER_LONG)) - 1;
        w += hweight64(word);
    }
    return w;
}

#endif /* XEN_BITOPS_H */
