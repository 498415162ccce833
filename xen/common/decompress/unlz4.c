/*
 * LZ4 decoder: the legacy frame that `lz4 -l` writes and Linux's compressed
 * kernels use (CONFIG_KERNEL_LZ4), and the LZ4 frame format (lz4_Frame_format
 * 1.6.x) that plain `lz4` writes.  Both wrap the LZ4 block format: sequences
 * of a token, literals, a 16-bit offset and a match length.
 *
 * Legacy frame: magic 0x184C2102, then blocks each a u32 LE compressed size
 * and data decoding to at most 8 MiB, until the input ends; there is no end
 * mark and no checksum, so the caller must know where the data stops (a
 * bzImage's trailing size word is not part of it).  A repeated magic starts
 * another legacy stream, which is decoded too, as lz4 and Linux do.
 */
#include "private.h"

#define LZ4_LEGACY_MAGIC      0x184C2102u
#define LZ4_FRAME_MAGIC       0x184D2204u
#define LZ4_LEGACY_BLOCK_MAX  (8u << 20)
/* LZ4_COMPRESSBOUND(8 MiB): the largest legal legacy block. */
#define LZ4_LEGACY_CSIZE_MAX  (LZ4_LEGACY_BLOCK_MAX + LZ4_LEGACY_BLOCK_MAX / 255 + 16)
#define LZ4_MIN_MATCH         4

#define LZ4F_VERSION_MASK     0xc0
#define LZ4F_VERSION_01       0x40
#define LZ4F_BLOCK_INDEP      0x20
#define LZ4F_BLOCK_CHECKSUM   0x10
#define LZ4F_CONTENT_SIZE     0x08
#define LZ4F_CONTENT_CHECKSUM 0x04
#define LZ4F_RESERVED         0x02
#define LZ4F_DICT_ID          0x01
#define LZ4F_UNCOMPRESSED     0x80000000u

/* Add the 255-extension bytes of a length to *len; false if they run out. */
static bool lz4_length(const u8 *src, size_t end, size_t *ip, size_t *len)
{
    u8 b;

    do {
        if ( *ip >= end )
            return false;
        b = src[(*ip)++];
        *len += b;
    } while ( b == 255 );
    return true;
}

/*
 * Decode one LZ4 block src[0..slen) to out + *pos, producing at most limit
 * bytes.  Matches may reach back to window_start and no further.
 */
static int lz4_block(const u8 *src, size_t slen, u8 *out, size_t out_size,
                     size_t *pos, size_t window_start, size_t limit,
                     const char **reason)
{
    size_t ip = 0, op = *pos, end = op + limit;
    int rc = -EILSEQ;

    if ( end > out_size || end < op )
        end = out_size;

    *reason = "corrupt LZ4 block";
    for ( ;; )
    {
        size_t lit, mlen, offset;
        u8 token;

        if ( ip >= slen )
            goto out;   /* a block must end with a literal-only sequence */
        token = src[ip++];

        lit = token >> 4;
        if ( lit == 15 && !lz4_length(src, slen, &ip, &lit) )
            goto out;
        if ( lit > slen - ip )
            goto out;
        if ( lit > end - op )
            goto overflow;
        memcpy(out + op, src + ip, lit);
        op += lit;
        ip += lit;
        if ( ip == slen )
            break;

        if ( slen - ip < 2 )
            goto out;
        offset = get_le16(src + ip);
        ip += 2;
        if ( offset == 0 || offset > op - window_start )
        {
            *reason = "LZ4 match offset out of range";
            goto out;
        }
        mlen = token & 15;
        if ( mlen == 15 && !lz4_length(src, slen, &ip, &mlen) )
            goto out;
        mlen += LZ4_MIN_MATCH;
        if ( mlen > end - op )
            goto overflow;
        {
            u8 *d = out + op;
            const u8 *s = d - offset;
            size_t i;

            for ( i = 0; i < mlen; i++ )
                d[i] = s[i];
        }
        op += mlen;
    }
    rc = 0;
    *reason = NULL;
    goto out;

 overflow:
    /* Past the block's own limit is corruption; past the buffer is ours. */
    if ( end == out_size )
    {
        *reason = "output buffer too small";
        rc = -ENOSPC;
    }
    else
        *reason = "LZ4 block decodes to more than its maximum size";
 out:
    *pos = op;
    return rc;
}

/* Legacy frame(s) from in[4..in_len). */
static int unlz4_legacy(const u8 *in, size_t in_len, u8 *out,
                        size_t out_size, struct decompress_result *res)
{
    size_t ip = 4, op = 0;
    const char *reason = NULL;
    int rc;

    while ( ip < in_len )
    {
        size_t csize, start;

        if ( in_len - ip < 4 )
            return decomp_finish(res, -ENODATA, op, ip,
                                 "LZ4 block header truncated");
        csize = get_le32(in + ip);
        if ( csize == LZ4_LEGACY_MAGIC )
        {
            ip += 4;
            continue;
        }
        if ( csize == 0 || csize > LZ4_LEGACY_CSIZE_MAX )
            return decomp_finish(res, -EILSEQ, op, ip,
                                 "invalid LZ4 legacy block size");
        ip += 4;
        if ( in_len - ip < csize )
            return decomp_finish(res, -ENODATA, op, ip,
                                 "LZ4 block truncated");
        start = op;
        rc = lz4_block(in + ip, csize, out, out_size, &op, start,
                       LZ4_LEGACY_BLOCK_MAX, &reason);
        if ( rc )
            return decomp_finish(res, rc, op, ip, reason);
        ip += csize;
    }
    return decomp_finish(res, 0, op, ip, NULL);
}

/* An LZ4 frame (magic already checked) from in[0..in_len). */
static int unlz4_frame(const u8 *in, size_t in_len, u8 *out, size_t out_size,
                       struct decompress_result *res)
{
    size_t ip = 4, op = 0, hdr_len, block_max;
    const char *reason = NULL;
    u64 content_size = 0;
    u8 flg, bd;
    int rc;

    if ( in_len < 7 )
        return decomp_finish(res, -ENODATA, 0, in_len,
                             "LZ4 frame header truncated");
    flg = in[4];
    bd = in[5];
    if ( (flg & LZ4F_VERSION_MASK) != LZ4F_VERSION_01 ||
         (flg & LZ4F_RESERVED) || (bd & 0x8f) || ((bd >> 4) & 7) < 4 )
        return decomp_finish(res, -EILSEQ, 0, 4,
                             "invalid LZ4 frame descriptor");
    block_max = (size_t)1 << (8 + 2 * ((bd >> 4) & 7));
    hdr_len = 2 + ((flg & LZ4F_CONTENT_SIZE) ? 8 : 0) +
              ((flg & LZ4F_DICT_ID) ? 4 : 0);
    if ( in_len - 4 < hdr_len + 1 )
        return decomp_finish(res, -ENODATA, 0, in_len,
                             "LZ4 frame header truncated");
    if ( in[4 + hdr_len] != (u8)(xxh32(in + 4, hdr_len, 0) >> 8) )
        return decomp_finish(res, -EBADMSG, 0, 4 + hdr_len + 1,
                             "LZ4 frame header checksum mismatch");
    if ( flg & LZ4F_DICT_ID )
        return decomp_finish(res, -EOPNOTSUPP, 0, 4 + hdr_len + 1,
                             "LZ4 frame needs a dictionary");
    if ( flg & LZ4F_CONTENT_SIZE )
    {
        content_size = get_le64(in + 6);
        if ( content_size > out_size )
            return decomp_finish(res, -ENOSPC, 0, 4 + hdr_len + 1,
                                 "output buffer too small");
    }
    ip = 4 + hdr_len + 1;

    for ( ;; )
    {
        size_t bsize, start = op;
        u32 word;

        if ( in_len - ip < 4 )
            return decomp_finish(res, -ENODATA, op, in_len,
                                 "LZ4 frame truncated");
        word = get_le32(in + ip);
        ip += 4;
        if ( word == 0 )
            break;
        bsize = word & ~LZ4F_UNCOMPRESSED;
        if ( bsize > block_max )
            return decomp_finish(res, -EILSEQ, op, ip,
                                 "LZ4 block larger than the frame allows");
        if ( in_len - ip < bsize + ((flg & LZ4F_BLOCK_CHECKSUM) ? 4 : 0) )
            return decomp_finish(res, -ENODATA, op, in_len,
                                 "LZ4 frame truncated");
        if ( (flg & LZ4F_BLOCK_CHECKSUM) &&
             get_le32(in + ip + bsize) != xxh32(in + ip, bsize, 0) )
            return decomp_finish(res, -EBADMSG, op, ip,
                                 "LZ4 block checksum mismatch");
        if ( word & LZ4F_UNCOMPRESSED )
        {
            if ( bsize > out_size - op )
                return decomp_finish(res, -ENOSPC, op, ip,
                                     "output buffer too small");
            memcpy(out + op, in + ip, bsize);
            op += bsize;
        }
        else
        {
            rc = lz4_block(in + ip, bsize, out, out_size, &op,
                           (flg & LZ4F_BLOCK_INDEP) ? start : 0, block_max,
                           &reason);
            if ( rc )
                return decomp_finish(res, rc, op, ip, reason);
        }
        ip += bsize + ((flg & LZ4F_BLOCK_CHECKSUM) ? 4 : 0);
    }

    if ( flg & LZ4F_CONTENT_CHECKSUM )
    {
        if ( in_len - ip < 4 )
            return decomp_finish(res, -ENODATA, op, in_len,
                                 "LZ4 content checksum truncated");
        if ( get_le32(in + ip) != xxh32(out, op, 0) )
            return decomp_finish(res, -EBADMSG, op, ip + 4,
                                 "LZ4 content checksum mismatch");
        ip += 4;
    }
    if ( (flg & LZ4F_CONTENT_SIZE) && content_size != op )
        return decomp_finish(res, -EBADMSG, op, ip,
                             "LZ4 content size mismatch");
    return decomp_finish(res, 0, op, ip, NULL);
}

/* See xen/decompress.h.  The workspace is unused (size 0 is fine). */
int unlz4(const void *in_, size_t in_len, void *out, size_t out_size,
          void *ws, size_t ws_size, struct decompress_result *res)
{
    const u8 *in = in_;
    static const u8 legacy[4] = { 0x02, 0x21, 0x4c, 0x18 };
    static const u8 frame[4] = { 0x04, 0x22, 0x4d, 0x18 };
    size_t n = in_len < 4 ? in_len : 4;

    (void)ws;
    (void)ws_size;
    if ( !in || (!out && out_size) )
        return decomp_finish(res, -EINVAL, 0, 0, "bad arguments");
    if ( memcmp(in, legacy, n) && memcmp(in, frame, n) )
        return decomp_finish(res, -ENOEXEC, 0, 0, "not LZ4 data (bad magic)");
    if ( in_len < 4 )
        return decomp_finish(res, -ENODATA, 0, in_len, "LZ4 data truncated");
    if ( get_le32(in) == LZ4_LEGACY_MAGIC )
        return unlz4_legacy(in, in_len, out, out_size, res);
    return unlz4_frame(in, in_len, out, out_size, res);
}
