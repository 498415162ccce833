/*
 * Zstandard literals section (RFC 8878 3.1.1.3.1 and 4.2): raw, RLE,
 * Huffman-compressed (with a tree description) and treeless (reusing the
 * previous tree), in one or four streams.
 *
 * Decoded literals are put at the very end of the output buffer.  The
 * sequence executor copies them forward to the write position, which never
 * passes the next unread literal unless the output would overflow anyway
 * (the zstd library's "literals in dst" arrangement); this keeps the 128 KiB
 * literal buffer out of the workspace.
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

/*
 * Decode FSE-compressed Huffman weights from in[0..len) into ws->weights
 * (RFC 8878 4.2.1.2: two interleaved states over one backward stream).
 */
static int huf_weights_fse(struct zstd_ws *ws, const u8 *in, size_t len,
                           unsigned int *nweights)
{
    struct zstd_bits b;
    unsigned int log, n = 0;
    size_t used;
    u32 st1, st2;

    if ( zstd_fse_read(in, len, &used, ZSTD_HUF_LOG_MAX + 1, ZSTD_HUF_WEIGHT_LOG,
                       ws->hw, &log, ws->norm) )
        return -EILSEQ;
    if ( used >= len || zstd_bits_init(&b, in + used, len - used) )
        return -EILSEQ;
    st1 = zstd_bits_read(&b, log);
    st2 = zstd_bits_read(&b, log);
    if ( b.left < 0 )
        return -EILSEQ;

    for ( ;; )
    {
        if ( n + 2 > 255 )
            return -EILSEQ;
        ws->weights[n++] = ws->hw[st1].symbol;
        st1 = ws->hw[st1].base + zstd_bits_read(&b, ws->hw[st1].nbits);
        if ( b.left < 0 )
        {
            ws->weights[n++] = ws->hw[st2].symbol;
            break;
        }
        ws->weights[n++] = ws->hw[st2].symbol;
        st2 = ws->hw[st2].base + zstd_bits_read(&b, ws->hw[st2].nbits);
        if ( b.left < 0 )
        {
            if ( n + 1 > 255 )
                return -EILSEQ;
            ws->weights[n++] = ws->hw[st1].symbol;
            break;
        }
    }
    *nweights = n;
    return 0;
}

/*
 * Read a Huffman tree description at in[0..len) and build ws->huf.
 * *used gets its size.
 */
static int huf_read_tree(struct zstd_ws *ws, const u8 *in, size_t len,
                         size_t *used)
{
    u32 rank_count[ZSTD_HUF_LOG_MAX + 2] = { 0 };
    u32 rank_start[ZSTD_HUF_LOG_MAX + 2];
    unsigned int nweights, i, w, max_bits;
    u32 total = 0, rest, pos;
    u8 hdr;

    if ( len < 1 )
        return -EILSEQ;
    hdr = in[0];
    if ( hdr < 128 )
    {
        if ( (size_t)hdr + 1 > len ||
             huf_weights_fse(ws, in + 1, hdr, &nweights) )
            return -EILSEQ;
        *used = 1 + (size_t)hdr;
    }
    else
    {
        nweights = hdr - 127;
        *used = 1 + (nweights + 1) / 2;
        if ( *used > len )
            return -EILSEQ;
        for ( i = 0; i < nweights; i++ )
            ws->weights[i] = (i & 1) ? in[1 + i / 2] & 15 : in[1 + i / 2] >> 4;
    }

    for ( i = 0; i < nweights; i++ )
    {
        if ( ws->weights[i] > ZSTD_HUF_LOG_MAX )
            return -EILSEQ;
        rank_count[ws->weights[i]]++;
        if ( ws->weights[i] )
            total += (1u << ws->weights[i]) >> 1;
    }
    if ( total == 0 )
        return -EILSEQ;
    max_bits = highbit(total) + 1;
    if ( max_bits > ZSTD_HUF_LOG_MAX )
        return -EILSEQ;
    /* The last weight is implied: it completes a power of two. */
    rest = (1u << max_bits) - total;
    if ( rest & (rest - 1) )
        return -EILSEQ;
    w = highbit(rest) + 1;
    ws->weights[nweights++] = (u8)w;
    rank_count[w]++;
    if ( rank_count[1] < 2 || (rank_count[1] & 1) )
        return -EILSEQ;

    /* Longest codes (smallest weights) take the lowest table indices. */
    pos = 0;
    for ( w = 1; w <= max_bits; w++ )
    {
        rank_start[w] = pos;
        pos += rank_count[w] << (w - 1);
    }
    for ( i = 0; i < nweights; i++ )
    {
        u32 n, span;

        w = ws->weights[i];
        if ( !w )
            continue;
        span = (1u << w) >> 1;
        for ( n = 0; n < span; n++ )
        {
            ws->huf[rank_start[w] + n].symbol = (u8)i;
            ws->huf[rank_start[w] + n].nbits = (u8)(max_bits + 1 - w);
        }
        rank_start[w] += span;
    }
    ws->huf_bits = max_bits;
    ws->huf_valid = true;
    return 0;
}

/* Decode n literals from one Huffman stream in[0..len) into dst. */
static int huf_stream(const struct zstd_ws *ws, const u8 *in, size_t len,
                      u8 *dst, size_t n)
{
    struct zstd_bits b;
    size_t i;

    if ( zstd_bits_init(&b, in, len) )
        return -EILSEQ;
    for ( i = 0; i < n; i++ )
    {
        const struct zstd_huf_cell *c =
            &ws->huf[zstd_bits_peek(&b, ws->huf_bits)];

        b.left -= c->nbits;
        dst[i] = c->symbol;
    }
    /* Every bit of the stream, and no more, must have been used. */
    return b.left == 0 ? 0 : -EILSEQ;
}

/* Decode Huffman-coded literals in[0..len) (1 or 4 streams) into dst. */
static int huf_literals(const struct zstd_ws *ws, const u8 *in, size_t len,
                        bool four, u8 *dst, size_t n)
{
    size_t seg, sz[4], off = 6, i;

    if ( !four )
        return huf_stream(ws, in, len, dst, n);

    if ( len < 6 )
        return -EILSEQ;
    seg = (n + 3) / 4;
    if ( 3 * seg > n )
        return -EILSEQ;
    sz[0] = get_le16(in);
    sz[1] = get_le16(in + 2);
    sz[2] = get_le16(in + 4);
    if ( sz[0] + sz[1] + sz[2] > len - 6 )
        return -EILSEQ;
    sz[3] = len - 6 - sz[0] - sz[1] - sz[2];
    for ( i = 0; i < 4; i++ )
    {
        size_t cnt = i < 3 ? seg : n - 3 * seg;

        if ( huf_stream(ws, in + off, sz[i], dst + i * seg, cnt) )
            return -EILSEQ;
        off += sz[i];
    }
    return 0;
}

/* See zstd_private.h. */
int zstd_literals(struct zstd_ws *ws, const u8 *in, size_t len, size_t *used,
                  u8 *out, size_t out_size, size_t out_pos,
                  const u8 **lit, size_t *nlit, const char **reason)
{
    unsigned int type, fmt;
    size_t hsize, regen, csize = 0, tree = 0;
    bool four = false;
    u8 *dst;

    *reason = "corrupt zstd literals section";
    if ( len < 1 )
        return -EILSEQ;
    type = in[0] & 3;
    fmt = (in[0] >> 2) & 3;

    if ( type < 2 )
    {
        /* Raw or RLE: 1, 2 or 3 header bytes, no compressed size. */
        if ( !(fmt & 1) )
        {
            hsize = 1;
            regen = in[0] >> 3;
        }
        else
        {
            hsize = fmt == 1 ? 2 : 3;
            if ( len < hsize )
                return -EILSEQ;
            regen = (in[0] >> 4) + ((size_t)in[1] << 4);
            if ( hsize == 3 )
                regen += (size_t)in[2] << 12;
        }
    }
    else
    {
        u64 v;

        hsize = fmt < 2 ? 3 : fmt + 2;
        if ( len < hsize )
            return -EILSEQ;
        v = in[0] | ((u64)in[1] << 8) | ((u64)in[2] << 16);
        if ( hsize > 3 )
            v |= (u64)in[3] << 24;
        if ( hsize > 4 )
            v |= (u64)in[4] << 32;
        four = fmt != 0;
        {
            unsigned int bits = hsize == 3 ? 10 : hsize == 4 ? 14 : 18;

            regen = (size_t)((v >> 4) & ((1u << bits) - 1));
            csize = (size_t)((v >> (4 + bits)) & ((1u << bits) - 1));
        }
    }
    if ( regen > ZSTD_BLOCK_MAX )
        return -EILSEQ;
    *nlit = regen;

    if ( type == 0 )
    {
        if ( len - hsize < regen )
            return -EILSEQ;
        *lit = in + hsize;
        *used = hsize + regen;
        return 0;
    }

    /* RLE and Huffman literals go to the end of the output buffer. */
    if ( out_size - out_pos < regen )
    {
        *reason = "output buffer too small";
        return -ENOSPC;
    }
    dst = out + out_size - regen;
    *lit = dst;

    if ( type == 1 )
    {
        if ( len - hsize < 1 )
            return -EILSEQ;
        memset(dst, in[hsize], regen);
        *used = hsize + 1;
        return 0;
    }

    if ( len - hsize < csize )
        return -EILSEQ;
    if ( type == 2 )
    {
        if ( huf_read_tree(ws, in + hsize, csize, &tree) )
        {
            *reason = "corrupt zstd Huffman tree";
            return -EILSEQ;
        }
    }
    else if ( !ws->huf_valid )
    {
        *reason = "zstd treeless literals without a previous tree";
        return -EILSEQ;
    }
    if ( huf_literals(ws, in + hsize + tree, csize - tree, four, dst, regen) )
    {
        *reason = "corrupt zstd Huffman-coded literals";
        return -EILSEQ;
    }
    *used = hsize + csize;
    return 0;
}
