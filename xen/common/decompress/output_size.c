/*
 * The decompressed size a stream records about itself, so that a caller can
 * size the output buffer before decoding a compressed module that has no
 * bzImage size word.  Every value is a claim of the input: the decoders
 * still verify it against the data.
 */
#include "private.h"

static int fail(const char **reason, const char *why, int rc)
{
    if ( reason )
        *reason = why;
    return rc;
}

/* gzip: ISIZE, the last four bytes of the member (size modulo 2^32). */
static int gzip_size(const u8 *in, size_t len, size_t *size,
                     const char **reason)
{
    if ( len < 18 )
        return fail(reason, "gzip data too short to hold a trailer",
                    -ENODATA);
    *size = get_le32(in + len - 4);
    return 0;
}

/* An xz multibyte integer from in[*pos..end). */
static int varint(const u8 *in, size_t end, size_t *pos, u64 *val)
{
    unsigned int i;

    *val = 0;
    for ( i = 0; i < 9 && *pos < end; i++ )
    {
        u8 b = in[(*pos)++];

        *val |= (u64)(b & 0x7f) << (7 * i);
        if ( !(b & 0x80) )
            return 0;
    }
    return -EILSEQ;
}

/*
 * xz: find the stream footer (after any zero stream padding), then sum the
 * uncompressed sizes of the index records it points back to.
 */
static int xz_size(const u8 *in, size_t len, size_t *size,
                   const char **reason)
{
    size_t end = len, isize, istart, p;
    u64 count, i, unpadded, usize, total = 0;

    while ( end >= 4 && end % 4 == 0 && !get_le32(in + end - 4) && end > 24 )
        end -= 4;
    if ( end < 24 || in[end - 2] != 'Y' || in[end - 1] != 'Z' )
        return fail(reason, "xz stream footer not found", -ENODATA);
    isize = ((size_t)get_le32(in + end - 8) + 1) * 4;
    if ( isize > end - 24 )
        return fail(reason, "xz index size out of range", -EILSEQ);
    istart = end - 12 - isize;
    if ( in[istart] != 0 ||
         get_le32(in + end - 16) != crc32_small(0, in + istart, isize - 4) )
        return fail(reason, "corrupt xz index", -EILSEQ);
    p = istart + 1;
    if ( varint(in, end - 16, &p, &count) )
        return fail(reason, "corrupt xz index", -EILSEQ);
    for ( i = 0; i < count; i++ )
    {
        if ( varint(in, end - 16, &p, &unpadded) ||
             varint(in, end - 16, &p, &usize) || total + usize < total )
            return fail(reason, "corrupt xz index", -EILSEQ);
        total += usize;
    }
    if ( total != (size_t)total )
        return fail(reason, "xz stream larger than memory", -EILSEQ);
    *size = (size_t)total;
    return 0;
}

/* zstd: the Frame_Content_Size field, when the frame header has one. */
static int zstd_size(const u8 *in, size_t len, size_t *size,
                     const char **reason)
{
    static const u8 did[4] = { 0, 1, 2, 4 };
    u8 fhd;
    size_t p, n, i;
    u64 v = 0;

    if ( len < 5 )
        return fail(reason, "zstd frame header truncated", -ENODATA);
    fhd = in[4];
    n = (fhd >> 6) ? (size_t)1 << (fhd >> 6) : (fhd & 0x20) ? 1 : 0;
    if ( !n )
        return fail(reason, "zstd frame does not record its size",
                    -EOPNOTSUPP);
    p = 5 + ((fhd & 0x20) ? 0 : 1) + did[fhd & 3];
    if ( len < p + n )
        return fail(reason, "zstd frame header truncated", -ENODATA);
    for ( i = 0; i < n; i++ )
        v |= (u64)in[p + i] << (8 * i);
    if ( n == 2 )
        v += 256;
    if ( v != (size_t)v )
        return fail(reason, "zstd frame larger than memory", -EILSEQ);
    *size = (size_t)v;
    return 0;
}

/* LZ4 frame: the optional Content Size after FLG and BD. */
static int lz4_size(const u8 *in, size_t len, size_t *size,
                    const char **reason)
{
    u64 v;

    if ( len < 6 )
        return fail(reason, "LZ4 frame header truncated", -ENODATA);
    if ( !(in[4] & 0x08) )
        return fail(reason, "LZ4 frame does not record its size",
                    -EOPNOTSUPP);
    if ( len < 14 )
        return fail(reason, "LZ4 frame header truncated", -ENODATA);
    v = get_le64(in + 6);
    if ( v != (size_t)v )
        return fail(reason, "LZ4 frame larger than memory", -EILSEQ);
    *size = (size_t)v;
    return 0;
}

/* See xen/decompress.h. */
int decompress_output_size(const void *in_, size_t in_len, size_t *size,
                           const char **reason)
{
    const u8 *in = in_;

    switch ( decompress_detect(in, in_len) )
    {
    case DECOMPRESS_GZIP:
        return gzip_size(in, in_len, size, reason);
    case DECOMPRESS_XZ:
        return xz_size(in, in_len, size, reason);
    case DECOMPRESS_ZSTD:
        return zstd_size(in, in_len, size, reason);
    case DECOMPRESS_LZ4:
        return lz4_size(in, in_len, size, reason);
    case DECOMPRESS_LZ4_LEGACY:
        return fail(reason, "LZ4 legacy frames do not record their size",
                    -EOPNOTSUPP);
    case DECOMPRESS_UNKNOWN:
        break;
    }
    return fail(reason, "unknown compression format", -ENOEXEC);
}
