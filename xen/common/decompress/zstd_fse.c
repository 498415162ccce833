/*
 * Zstandard entropy plumbing: the backward bit stream and Finite State
 * Entropy tables (RFC 8878 sections 4.1 and 4.1.1): reading a normalised
 * distribution and spreading it into a decoding table.
 */
#include "zstd_private.h"

/* Index of the highest set bit of a non-zero x. */
static unsigned int highbit(u32 x)
{
    unsigned int n = 0;

    while ( x >>= 1 )
        n++;
    return n;
}

/* See zstd_private.h.  The last byte carries the end marker (its top 1). */
int zstd_bits_init(struct zstd_bits *b, const u8 *p, size_t len)
{
    if ( len == 0 || p[len - 1] == 0 )
        return -EILSEQ;
    b->p = p;
    b->len = len;
    b->left = (long)((len - 1) * 8 + highbit(p[len - 1]));
    return 0;
}

/* Little-endian load of the bytes at [byte, byte + 8), clipped to len. */
static u64 bits_load(const struct zstd_bits *b, size_t byte)
{
    u64 w = 0;
    size_t i;

    if ( byte + 8 <= b->len )
        return get_le64(b->p + byte);
    for ( i = 0; byte + i < b->len && i < 8; i++ )
        w |= (u64)b->p[byte + i] << (8 * i);
    return w;
}

/* See zstd_private.h: the next n (<= 32) bits, zeros past the start. */
u32 zstd_bits_peek(const struct zstd_bits *b, unsigned int n)
{
    u64 mask = (1ull << n) - 1;
    size_t pos;

    if ( n == 0 )
        return 0;
    if ( b->left >= (long)n )
    {
        pos = (size_t)b->left - n;
        return (u32)((bits_load(b, pos >> 3) >> (pos & 7)) & mask);
    }
    if ( b->left <= 0 )
        return 0;
    return (u32)((bits_load(b, 0) & ((1ull << b->left) - 1)) <<
                 (n - (unsigned int)b->left));
}

/* See zstd_private.h. */
void zstd_fse_rle(struct zstd_fse_cell *cells, u8 symbol)
{
    cells[0].symbol = symbol;
    cells[0].nbits = 0;
    cells[0].base = 0;
}

/* See zstd_private.h.  norm[s] == -1 marks a "less than one" probability. */
int zstd_fse_build(const s16 *norm, unsigned int nsymbols, unsigned int log,
                   struct zstd_fse_cell *cells)
{
    u16 next[ZSTD_FSE_SYMBOLS_MAX];
    u32 size = 1u << log, high = size - 1, mask = size - 1;
    u32 step = (size >> 1) + (size >> 3) + 3, pos = 0, u;
    u32 total = 0;
    unsigned int s;
    int i;

    if ( nsymbols > ZSTD_FSE_SYMBOLS_MAX )
        return -EILSEQ;
    for ( s = 0; s < nsymbols; s++ )
        total += norm[s] < 0 ? 1 : (u32)norm[s];
    if ( total != size )
        return -EILSEQ;
    for ( s = 0; s < nsymbols; s++ )
    {
        if ( norm[s] == -1 )
        {
            cells[high--].symbol = (u8)s;
            next[s] = 1;
        }
        else
            next[s] = (u16)norm[s];
    }
    for ( s = 0; s < nsymbols; s++ )
        for ( i = 0; i < norm[s]; i++ )
        {
            cells[pos].symbol = (u8)s;
            do {
                pos = (pos + step) & mask;
            } while ( pos > high );
        }
    if ( pos != 0 )
        return -EILSEQ;

    for ( u = 0; u < size; u++ )
    {
        u32 st = next[cells[u].symbol]++;
        unsigned int nb = log - highbit(st);

        cells[u].nbits = (u8)nb;
        cells[u].base = (u16)((st << nb) - size);
    }
    return 0;
}

/* n (<= 24) bits at forward bit position pos of in[0..len), zeros past it. */
static u32 fwd_bits(const u8 *in, size_t len, size_t pos, unsigned int n)
{
    size_t byte = pos >> 3, i;
    u32 w = 0;

    for ( i = 0; i < 4 && byte + i < len; i++ )
        w |= (u32)in[byte + i] << (8 * i);
    return (w >> (pos & 7)) & ((1u << n) - 1);
}

/* See zstd_private.h (RFC 8878 4.1.1, "FSE Table Description"). */
int zstd_fse_read(const u8 *in, size_t len, size_t *used,
                  unsigned int max_symbol, unsigned int max_log,
                  struct zstd_fse_cell *cells, unsigned int *log,
                  s16 *norm)
{
    size_t bitpos, bitlen = len * 8;
    unsigned int sym = 0, nbits, al;
    s32 remaining, threshold;
    bool prev_zero = false;

    if ( len == 0 )
        return -EILSEQ;
    al = (in[0] & 15) + 5;
    bitpos = 4;
    if ( al > max_log )
        return -EILSEQ;
    remaining = (1 << al) + 1;
    threshold = 1 << al;
    nbits = al + 1;

    while ( remaining > 1 && sym <= max_symbol )
    {
        s32 max, count;
        u32 v;

        if ( prev_zero )
        {
            /* 2-bit repeat counts of further zero probabilities; 3 = more. */
            unsigned int end = sym, rep;

            do {
                rep = fwd_bits(in, len, bitpos, 2);
                bitpos += 2;
                end += rep;
            } while ( rep == 3 && bitpos <= bitlen && end <= max_symbol );
            if ( bitpos > bitlen || end > max_symbol )
                return -EILSEQ;
            while ( sym < end )
                norm[sym++] = 0;
        }

        v = fwd_bits(in, len, bitpos, nbits);
        max = (2 * threshold - 1) - remaining;
        if ( (s32)(v & (u32)(threshold - 1)) < max )
        {
            count = (s32)(v & (u32)(threshold - 1));
            bitpos += nbits - 1;
        }
        else
        {
            count = (s32)v;
            if ( count >= threshold )
                count -= max;
            bitpos += nbits;
        }
        if ( bitpos > bitlen )
            return -EILSEQ;
        count--;
        remaining -= count < 0 ? -count : count;
        if ( remaining < 1 )
            return -EILSEQ;
        norm[sym++] = (s16)count;
        prev_zero = count == 0;
        while ( remaining < threshold )
        {
            nbits--;
            threshold >>= 1;
        }
    }
    if ( remaining != 1 )
        return -EILSEQ;
    *used = (bitpos + 7) >> 3;
    *log = al;
    return zstd_fse_build(norm, sym, al, cells);
}
