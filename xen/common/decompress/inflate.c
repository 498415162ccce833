/*
 * Deflate decoder (RFC 1951) for whole buffers.
 *
 * Huffman codes are decoded through a 9-bit lookup table; longer codes (and
 * the last few bits of the input) take the canonical bit-by-bit path, which
 * also detects truncation exactly.  The output buffer is the history window,
 * so a match may reach back to its very first byte and no further.
 */
#include "private.h"

#define MAX_BITS     15     /* longest code deflate allows */
#define FAST_BITS    9      /* lookup-table index width */
#define NUM_LITLEN   288    /* literal/length alphabet incl. 2 unused codes */
#define NUM_DIST     32     /* distance alphabet incl. 2 unused codes */
#define NUM_CLEN     19     /* code-length alphabet */

/* A canonical Huffman code: counts per length, symbols by code order. */
struct huffman {
    u16 count[MAX_BITS + 1];
    u16 symbol[NUM_LITLEN];
    u16 fast[1u << FAST_BITS];  /* (symbol << 4) | length, 0 = not here */
};

struct inflate_state {
    const u8 *in;
    size_t in_len, in_pos;
    u64 bitbuf;                 /* LSB-first bit buffer */
    unsigned int bitcnt;
    u8 *out;
    size_t out_size, out_pos;
    const char *reason;
    struct huffman litlen, dist;
    u8 lens[NUM_LITLEN + NUM_DIST];
};

_Static_assert(sizeof(struct inflate_state) <= INFLATE_WS_SIZE,
               "INFLATE_WS_SIZE too small");

/* Base values and extra bits of length codes 257..285 and distance codes. */
static const u16 len_base[29] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const u8 len_extra[29] = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
    3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const u16 dist_base[30] = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
    257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289,
    16385, 24577 };
static const u8 dist_extra[30] = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
    7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };
/* The order in which code-length code lengths are transmitted. */
static const u8 clen_order[NUM_CLEN] = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

/* Top up the bit buffer with whole bytes while there is room and input. */
static void refill(struct inflate_state *s)
{
    while ( s->bitcnt <= 56 && s->in_pos < s->in_len )
    {
        s->bitbuf |= (u64)s->in[s->in_pos++] << s->bitcnt;
        s->bitcnt += 8;
    }
}

/* Take n (<= 32) bits; -ENODATA if the input runs out first. */
static int getbits(struct inflate_state *s, unsigned int n, u32 *val)
{
    if ( s->bitcnt < n )
    {
        refill(s);
        if ( s->bitcnt < n )
        {
            s->reason = "deflate data truncated";
            return -ENODATA;
        }
    }
    *val = (u32)(s->bitbuf & ((1ull << n) - 1));
    s->bitbuf >>= n;
    s->bitcnt -= n;
    return 0;
}

/*
 * Build h from lens[0..n).  Over-subscribed codes are refused; incomplete
 * codes only when allow_incomplete (a lone code of length 1 is the one case
 * zlib accepts for literal/length and distance trees).
 */
static int huffman_build(struct huffman *h, const u8 *lens, unsigned int n,
                         bool allow_incomplete)
{
    u16 offs[MAX_BITS + 2];
    unsigned int len, sym, max = 0;
    int left = 1;

    memset(h->count, 0, sizeof(h->count));
    memset(h->fast, 0, sizeof(h->fast));
    for ( sym = 0; sym < n; sym++ )
        h->count[lens[sym]]++;
    for ( len = 1; len <= MAX_BITS; len++ )
    {
        left <<= 1;
        left -= h->count[len];
        if ( left < 0 )
            return -EILSEQ;
        if ( h->count[len] )
            max = len;
    }
    if ( left > 0 && !(allow_incomplete && max <= 1) )
        return -EILSEQ;

    offs[1] = 0;
    for ( len = 1; len <= MAX_BITS; len++ )
        offs[len + 1] = offs[len] + h->count[len];
    for ( sym = 0; sym < n; sym++ )
        if ( lens[sym] )
            h->symbol[offs[lens[sym]]++] = sym;

    /* Fast table: walk the symbols in code order, assigning codes. */
    {
        unsigned int code = 0, idx = 0;

        for ( len = 1; len <= FAST_BITS; len++ )
        {
            unsigned int i;

            for ( i = 0; i < h->count[len]; i++, idx++, code++ )
            {
                unsigned int rev = 0, b, fill;

                for ( b = 0; b < len; b++ )
                    rev |= ((code >> b) & 1) << (len - 1 - b);
                for ( fill = rev; fill < (1u << FAST_BITS); fill += 1u << len )
                    h->fast[fill] = (u16)((h->symbol[idx] << 4) | len);
            }
            code <<= 1;
        }
    }
    return 0;
}

/* Canonical bit-by-bit decode; exact about truncation. */
static int decode_slow(struct inflate_state *s, const struct huffman *h)
{
    int code = 0, first = 0, index = 0;
    unsigned int len;
    u32 bit;
    int rc;

    for ( len = 1; len <= MAX_BITS; len++ )
    {
        int count = h->count[len];

        if ( (rc = getbits(s, 1, &bit)) )
            return rc;
        code |= bit;
        if ( code - count < first )
            return h->symbol[index + (code - first)];
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
    }
    s->reason = "invalid Huffman code";
    return -EILSEQ;
}

/* Decode one symbol of h: >= 0 is the symbol, < 0 an errno. */
static int decode(struct inflate_state *s, const struct huffman *h)
{
    u16 e;

    if ( s->bitcnt < FAST_BITS )
        refill(s);
    if ( s->bitcnt >= FAST_BITS )
    {
        e = h->fast[s->bitbuf & ((1u << FAST_BITS) - 1)];
        if ( e )
        {
            s->bitbuf >>= e & 15;
            s->bitcnt -= e & 15;
            return e >> 4;
        }
    }
    return decode_slow(s, h);
}

/* A stored block: byte-align, LEN, ~LEN, then LEN raw bytes. */
static int inflate_stored(struct inflate_state *s)
{
    u32 len, nlen;

    /* Drop to a byte boundary, then hand buffered whole bytes back. */
    s->bitbuf >>= s->bitcnt & 7;
    s->bitcnt &= ~7u;
    s->in_pos -= s->bitcnt / 8;
    s->bitbuf = 0;
    s->bitcnt = 0;

    if ( s->in_len - s->in_pos < 4 )
    {
        s->reason = "deflate data truncated";
        return -ENODATA;
    }
    len = get_le16(s->in + s->in_pos);
    nlen = get_le16(s->in + s->in_pos + 2);
    s->in_pos += 4;
    if ( len != (~nlen & 0xffff) )
    {
        s->reason = "stored block length check failed";
        return -EILSEQ;
    }
    if ( s->in_len - s->in_pos < len )
    {
        s->reason = "deflate data truncated";
        return -ENODATA;
    }
    if ( s->out_size - s->out_pos < len )
    {
        s->reason = "output buffer too small";
        return -ENOSPC;
    }
    memcpy(s->out + s->out_pos, s->in + s->in_pos, len);
    s->out_pos += len;
    s->in_pos += len;
    return 0;
}

/* Decode literal/length and distance symbols until end of block. */
static int inflate_codes(struct inflate_state *s)
{
    for ( ;; )
    {
        int sym = decode(s, &s->litlen);
        u32 extra, len, dist;
        int rc;

        if ( sym < 0 )
            return sym;
        if ( sym < 256 )
        {
            if ( s->out_pos >= s->out_size )
            {
                s->reason = "output buffer too small";
                return -ENOSPC;
            }
            s->out[s->out_pos++] = (u8)sym;
            continue;
        }
        if ( sym == 256 )
            return 0;

        sym -= 257;
        if ( sym >= 29 )
        {
            s->reason = "invalid length code";
            return -EILSEQ;
        }
        if ( (rc = getbits(s, len_extra[sym], &extra)) )
            return rc;
        len = len_base[sym] + extra;

        sym = decode(s, &s->dist);
        if ( sym < 0 )
            return sym;
        if ( sym >= 30 )
        {
            s->reason = "invalid distance code";
            return -EILSEQ;
        }
        if ( (rc = getbits(s, dist_extra[sym], &extra)) )
            return rc;
        dist = dist_base[sym] + extra;
        if ( dist > s->out_pos )
        {
            s->reason = "distance too far back";
            return -EILSEQ;
        }
        if ( s->out_size - s->out_pos < len )
        {
            s->reason = "output buffer too small";
            return -ENOSPC;
        }
        {
            u8 *d = s->out + s->out_pos;
            const u8 *src = d - dist;
            u32 i;

            for ( i = 0; i < len; i++ )
                d[i] = src[i];
        }
        s->out_pos += len;
    }
}

/* Set up the fixed codes of block type 1. */
static int inflate_fixed_tables(struct inflate_state *s)
{
    unsigned int i;

    for ( i = 0; i < 144; i++ )
        s->lens[i] = 8;
    for ( ; i < 256; i++ )
        s->lens[i] = 9;
    for ( ; i < 280; i++ )
        s->lens[i] = 7;
    for ( ; i < NUM_LITLEN; i++ )
        s->lens[i] = 8;
    if ( huffman_build(&s->litlen, s->lens, NUM_LITLEN, false) )
        return -EILSEQ;
    for ( i = 0; i < NUM_DIST; i++ )
        s->lens[i] = 5;
    return huffman_build(&s->dist, s->lens, NUM_DIST, false);
}

/* Read the code descriptions of a dynamic block (type 2). */
static int inflate_dynamic_tables(struct inflate_state *s)
{
    u32 hlit, hdist, hclen, v;
    unsigned int i, n;
    int rc;

    if ( (rc = getbits(s, 5, &hlit)) || (rc = getbits(s, 5, &hdist)) ||
         (rc = getbits(s, 4, &hclen)) )
        return rc;
    hlit += 257;
    hdist += 1;
    hclen += 4;
    if ( hlit > 286 || hdist > 30 )
    {
        s->reason = "too many length or distance codes";
        return -EILSEQ;
    }

    memset(s->lens, 0, NUM_CLEN);
    for ( i = 0; i < hclen; i++ )
    {
        if ( (rc = getbits(s, 3, &v)) )
            return rc;
        s->lens[clen_order[i]] = (u8)v;
    }
    /* The code-length code lives in the litlen slot while we use it. */
    if ( huffman_build(&s->litlen, s->lens, NUM_CLEN, false) )
    {
        s->reason = "invalid code-length code";
        return -EILSEQ;
    }

    for ( n = 0; n < hlit + hdist; )
    {
        int sym = decode(s, &s->litlen);
        u32 rep;
        u8 fill = 0;

        if ( sym < 0 )
            return sym;
        if ( sym < 16 )
        {
            s->lens[n++] = (u8)sym;
            continue;
        }
        if ( sym == 16 )
        {
            if ( n == 0 )
            {
                s->reason = "repeat with no previous length";
                return -EILSEQ;
            }
            fill = s->lens[n - 1];
            rc = getbits(s, 2, &rep);
            rep += 3;
        }
        else if ( sym == 17 )
        {
            rc = getbits(s, 3, &rep);
            rep += 3;
        }
        else
        {
            rc = getbits(s, 7, &rep);
            rep += 11;
        }
        if ( rc )
            return rc;
        if ( n + rep > hlit + hdist )
        {
            s->reason = "code lengths overrun";
            return -EILSEQ;
        }
        while ( rep-- )
            s->lens[n++] = fill;
    }

    if ( s->lens[256] == 0 )
    {
        s->reason = "missing end-of-block code";
        return -EILSEQ;
    }
    if ( huffman_build(&s->litlen, s->lens, hlit, true) ||
         huffman_build(&s->dist, s->lens + hlit, hdist, true) )
    {
        s->reason = "invalid literal/length or distance code";
        return -EILSEQ;
    }
    return 0;
}

/* See private.h. */
int inflate_raw(const u8 *in, size_t in_len, size_t *in_used,
                u8 *out, size_t out_size, size_t *out_len,
                void *ws, const char **reason)
{
    struct inflate_state *s = ws;
    u32 last, type;
    int rc;

    memset(s, 0, sizeof(*s));
    s->in = in;
    s->in_len = in_len;
    s->out = out;
    s->out_size = out_size;
    s->reason = "invalid deflate data";

    do {
        if ( (rc = getbits(s, 1, &last)) || (rc = getbits(s, 2, &type)) )
            goto out;
        switch ( type )
        {
        case 0:
            rc = inflate_stored(s);
            break;
        case 1:
            rc = inflate_fixed_tables(s);
            if ( !rc )
                rc = inflate_codes(s);
            break;
        case 2:
            rc = inflate_dynamic_tables(s);
            if ( !rc )
                rc = inflate_codes(s);
            break;
        default:
            s->reason = "invalid deflate block type";
            rc = -EILSEQ;
            break;
        }
    } while ( !rc && !last );

 out:
    /* Whole bytes still in the bit buffer were not used. */
    *in_used = s->in_pos - s->bitcnt / 8;
    *out_len = s->out_pos;
    *reason = s->reason;
    return rc;
}
