/*
 * .xz container decoder (XZ Utils' "The .xz File Format" 1.1.0): stream
 * header, blocks, index and stream footer, with the filter chains the kernel
 * build produces: LZMA2 alone, or the x86 BCJ filter in front of LZMA2
 * (scripts/xz_wrap.sh: --check=crc32 --x86 --lzma2=,dict=32MiB).  Checks
 * None, CRC32 and CRC64 are verified; SHA-256 and other IDs are refused.
 * One stream is decoded; stream padding and further streams are left alone.
 */
#include "xz_private.h"

#define XZ_HEADER_SIZE   12
#define XZ_FOOTER_SIZE   12
#define XZ_FILTER_X86    0x04
#define XZ_FILTER_LZMA2  0x21
#define XZ_CHECK_NONE    0x00
#define XZ_CHECK_CRC32   0x01
#define XZ_CHECK_CRC64   0x04

struct unxz_ws {
    struct lzma2_dec lzma2;
    u32 crc32_table[256];
    u64 crc64_table[256];
};

_Static_assert(sizeof(struct unxz_ws) <= UNXZ_WORKSPACE_SIZE,
               "UNXZ_WORKSPACE_SIZE too small");

/* Running summary of blocks, compared with the index at the end. */
struct xz_tally {
    u64 count;
    u64 unpadded;
    u64 uncompressed;
    u32 crc;
};

struct unxz_state {
    const u8 *in;
    size_t in_len, pos;
    u8 *out;
    size_t out_size, out_pos;
    struct unxz_ws *ws;
    unsigned int check;
    const char *reason;
    struct xz_tally blocks, index;
};

static const u8 xz_header_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

/* Size in bytes of the check field for check ID id (the format's table). */
static unsigned int xz_check_size(unsigned int id)
{
    if ( id == 0 )
        return 0;
    return 4u << ((id - 1) / 3);
}

/*
 * Read a multibyte integer at *pos, not past limit.  Returns 0, -ENODATA if
 * limit cuts it, -EILSEQ if it is over-long or not minimally encoded.
 */
static int xz_varint(const u8 *in, size_t limit, size_t *pos, u64 *val)
{
    unsigned int i;

    *val = 0;
    for ( i = 0; i < 9; i++ )
    {
        u8 b;

        if ( *pos >= limit )
            return -ENODATA;
        b = in[(*pos)++];
        *val |= (u64)(b & 0x7f) << (7 * i);
        if ( !(b & 0x80) )
            return (b == 0 && i > 0) ? -EILSEQ : 0;
    }
    return -EILSEQ;
}

/* Add one block's (unpadded, uncompressed) sizes to a tally. */
static void xz_tally_add(struct unxz_state *s, struct xz_tally *t,
                         u64 unpadded, u64 uncompressed)
{
    u8 rec[16];
    unsigned int i;

    for ( i = 0; i < 8; i++ )
    {
        rec[i] = (u8)(unpadded >> (8 * i));
        rec[8 + i] = (u8)(uncompressed >> (8 * i));
    }
    t->count++;
    t->unpadded += unpadded;
    t->uncompressed += uncompressed;
    t->crc = crc32_update(s->ws->crc32_table, t->crc, rec, sizeof(rec));
}

/* Stream header: magic, flags and their CRC32. */
static int xz_stream_header(struct unxz_state *s)
{
    size_t n = s->in_len < sizeof(xz_header_magic) ? s->in_len
                                                   : sizeof(xz_header_magic);

    if ( memcmp(s->in, xz_header_magic, n) )
    {
        s->reason = "not xz data (bad magic)";
        return -ENOEXEC;
    }
    if ( s->in_len < XZ_HEADER_SIZE )
    {
        s->reason = "xz header truncated";
        return -ENODATA;
    }
    if ( get_le32(s->in + 8) != crc32_update(s->ws->crc32_table, 0,
                                             s->in + 6, 2) )
    {
        s->reason = "xz stream header CRC mismatch";
        return -EBADMSG;
    }
    if ( s->in[6] != 0 || (s->in[7] & 0xf0) )
    {
        s->reason = "xz stream flags not supported";
        return -EOPNOTSUPP;
    }
    s->check = s->in[7];
    if ( s->check != XZ_CHECK_NONE && s->check != XZ_CHECK_CRC32 &&
         s->check != XZ_CHECK_CRC64 )
    {
        s->reason = "xz check type not supported (only none, CRC32, CRC64)";
        return -EOPNOTSUPP;
    }
    s->pos = XZ_HEADER_SIZE;
    return 0;
}

/*
 * Parse a block header at s->pos.  On success *data is where the compressed
 * data starts and the sizes/filter options are filled in (~0 = not given).
 */
static int xz_block_header(struct unxz_state *s, size_t *data, u64 *csize,
                           u64 *usize, bool *bcj, u32 *bcj_start)
{
    size_t hsize = ((size_t)s->in[s->pos] + 1) * 4;
    size_t p = s->pos + 2, end;
    unsigned int flags, nfilters, i;
    u64 id, psize;
    int rc;

    if ( s->in_len - s->pos < hsize )
    {
        s->reason = "xz block header truncated";
        return -ENODATA;
    }
    end = s->pos + hsize - 4;
    if ( get_le32(s->in + end) != crc32_update(s->ws->crc32_table, 0,
                                               s->in + s->pos, hsize - 4) )
    {
        s->reason = "xz block header CRC mismatch";
        return -EBADMSG;
    }
    flags = s->in[s->pos + 1];
    if ( flags & 0x3c )
    {
        s->reason = "xz block flags not supported";
        return -EOPNOTSUPP;
    }
    *csize = *usize = ~0ull;
    if ( (flags & 0x40) && (rc = xz_varint(s->in, end, &p, csize)) )
        goto corrupt;
    if ( (flags & 0x80) && (rc = xz_varint(s->in, end, &p, usize)) )
        goto corrupt;
    if ( *csize == 0 )
        goto corrupt;

    nfilters = (flags & 3) + 1;
    *bcj = false;
    *bcj_start = 0;
    for ( i = 0; i < nfilters; i++ )
    {
        if ( xz_varint(s->in, end, &p, &id) ||
             xz_varint(s->in, end, &p, &psize) || psize > end - p )
            goto corrupt;
        if ( i + 1 < nfilters && id == XZ_FILTER_X86 && !*bcj &&
             (psize == 0 || psize == 4) )
        {
            *bcj = true;
            if ( psize == 4 )
                *bcj_start = get_le32(s->in + p);
        }
        else if ( i + 1 == nfilters && id == XZ_FILTER_LZMA2 && psize == 1 )
        {
            /* Dictionary size: irrelevant in single-call mode, but valid. */
            if ( s->in[p] > 40 )
                goto corrupt;
        }
        else
        {
            s->reason = "xz filter chain not supported (only x86 BCJ + LZMA2)";
            return -EOPNOTSUPP;
        }
        p += psize;
    }
    for ( ; p < end; p++ )
        if ( s->in[p] )
            goto corrupt;
    *data = s->pos + hsize;
    return 0;

 corrupt:
    s->reason = "corrupt xz block header";
    return -EILSEQ;
}

/* Decode one block at s->pos, verifying its sizes, padding and check. */
static int xz_block(struct unxz_state *s)
{
    size_t data, used = 0, start = s->out_pos, csize, usize, p, csz;
    u64 want_csize, want_usize;
    bool bcj;
    u32 bcj_start;
    int rc;

    rc = xz_block_header(s, &data, &want_csize, &want_usize, &bcj,
                         &bcj_start);
    if ( rc )
        return rc;

    rc = lzma2_decode(&s->ws->lzma2, s->in + data, s->in_len - data, &used,
                      s->out, s->out_size, &s->out_pos, &s->reason);
    if ( rc )
    {
        s->pos = data + used;
        return rc;
    }
    csize = used;
    usize = s->out_pos - start;
    if ( (want_csize != ~0ull && want_csize != csize) ||
         (want_usize != ~0ull && want_usize != usize) )
    {
        s->reason = "xz block sizes disagree with its header";
        return -EBADMSG;
    }
    if ( bcj )
        bcj_x86_decode(s->out + start, usize, bcj_start);

    /* Block padding to a multiple of four, then the check. */
    p = data + csize;
    for ( ; (p - data) & 3; p++ )
    {
        if ( p >= s->in_len )
            goto truncated;
        if ( s->in[p] )
        {
            s->reason = "xz block padding is not zero";
            return -EILSEQ;
        }
    }
    csz = xz_check_size(s->check);
    if ( s->in_len - p < csz )
        goto truncated;
    if ( s->check == XZ_CHECK_CRC32 &&
         get_le32(s->in + p) != crc32_update(s->ws->crc32_table, 0,
                                             s->out + start, usize) )
    {
        s->reason = "xz CRC32 mismatch";
        return -EBADMSG;
    }
    if ( s->check == XZ_CHECK_CRC64 &&
         get_le64(s->in + p) != crc64_update(s->ws->crc64_table, 0,
                                             s->out + start, usize) )
    {
        s->reason = "xz CRC64 mismatch";
        return -EBADMSG;
    }
    xz_tally_add(s, &s->blocks, (data - s->pos) + csize + csz, usize);
    s->pos = p + csz;
    return 0;

 truncated:
    s->pos = p;
    s->reason = "xz data truncated";
    return -ENODATA;
}

/* The index at s->pos: it must list exactly the blocks we decoded. */
static int xz_index(struct unxz_state *s)
{
    size_t start = s->pos, p = s->pos + 1;
    u64 count, i, unpadded, uncompressed;
    int rc;

    if ( (rc = xz_varint(s->in, s->in_len, &p, &count)) )
        goto bad;
    for ( i = 0; i < count; i++ )
    {
        if ( (rc = xz_varint(s->in, s->in_len, &p, &unpadded)) ||
             (rc = xz_varint(s->in, s->in_len, &p, &uncompressed)) )
            goto bad;
        xz_tally_add(s, &s->index, unpadded, uncompressed);
    }
    for ( ; (p - start) & 3; p++ )
    {
        if ( p >= s->in_len )
        {
            rc = -ENODATA;
            goto bad;
        }
        if ( s->in[p] )
        {
            rc = -EILSEQ;
            goto bad;
        }
    }
    if ( s->in_len - p < 4 )
    {
        rc = -ENODATA;
        goto bad;
    }
    if ( get_le32(s->in + p) != crc32_update(s->ws->crc32_table, 0,
                                             s->in + start, p - start) )
    {
        s->pos = p + 4;
        s->reason = "xz index CRC mismatch";
        return -EBADMSG;
    }
    s->pos = p + 4;
    if ( s->index.count != s->blocks.count ||
         s->index.unpadded != s->blocks.unpadded ||
         s->index.uncompressed != s->blocks.uncompressed ||
         s->index.crc != s->blocks.crc )
    {
        s->reason = "xz index does not match the blocks";
        return -EBADMSG;
    }
    return 0;

 bad:
    s->pos = p;
    s->reason = rc == -ENODATA ? "xz index truncated" : "corrupt xz index";
    return rc;
}

/* The stream footer after an index of index_size bytes. */
static int xz_stream_footer(struct unxz_state *s, size_t index_size)
{
    const u8 *f = s->in + s->pos;

    if ( s->in_len - s->pos < XZ_FOOTER_SIZE )
    {
        s->reason = "xz stream footer truncated";
        return -ENODATA;
    }
    if ( f[10] != 'Y' || f[11] != 'Z' )
    {
        s->reason = "corrupt xz stream footer (bad magic)";
        return -EILSEQ;
    }
    if ( get_le32(f) != crc32_update(s->ws->crc32_table, 0, f + 4, 6) )
    {
        s->reason = "xz stream footer CRC mismatch";
        return -EBADMSG;
    }
    if ( ((size_t)get_le32(f + 4) + 1) * 4 != index_size ||
         f[8] != 0 || f[9] != s->check )
    {
        s->reason = "xz stream footer disagrees with header or index";
        return -EBADMSG;
    }
    s->pos += XZ_FOOTER_SIZE;
    return 0;
}

/* See xen/decompress.h. */
int unxz(const void *in, size_t in_len, void *out, size_t out_size,
         void *ws, size_t ws_size, struct decompress_result *res)
{
    struct unxz_state s;
    size_t index_start;
    int rc;

    if ( !in || (!out && out_size) ||
         !decomp_ws_ok(ws, ws_size, UNXZ_WORKSPACE_SIZE) )
        return decomp_finish(res, -EINVAL, 0, 0, "bad arguments");

    memset(&s, 0, sizeof(s));
    s.in = in;
    s.in_len = in_len;
    s.out = out;
    s.out_size = out_size;
    s.ws = ws;
    crc32_init_table(s.ws->crc32_table);
    crc64_init_table(s.ws->crc64_table);

    if ( (rc = xz_stream_header(&s)) )
        goto out;
    for ( ;; )
    {
        if ( s.pos >= s.in_len )
        {
            s.reason = "xz data truncated";
            rc = -ENODATA;
            goto out;
        }
        if ( s.in[s.pos] == 0 )
            break;
        if ( (rc = xz_block(&s)) )
            goto out;
    }
    index_start = s.pos;
    if ( (rc = xz_index(&s)) )
        goto out;
    rc = xz_stream_footer(&s, s.pos - index_start);

 out:
    return decomp_finish(res, rc, s.out_pos, s.pos, s.reason);
}
