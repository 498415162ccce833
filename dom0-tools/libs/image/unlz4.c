/*
 * unlz4.c: lz4 payloads through liblz4, in both container formats.
 *
 * Linux compresses with "lz4 -l", the legacy format (lib/decompress_unlz4.c):
 * the magic 0x184c2102, then blocks, each a little-endian u32 compressed
 * length and the data, decoding to at most 8 MiB; the magic may appear again
 * where a block length is expected (concatenated streams).  There is no end
 * marker: the stream ends with its input, which is why the bzImage's
 * trailing size word must be cut off first.  The modern frame format
 * (magic 0x184d2204) goes through liblz4's LZ4F decoder.
 */
#include <lz4.h>
#include <lz4frame.h>
#include <stdlib.h>
#include <string.h>

#include "decompress.h"

#define LZ4_LEGACY_MAGIC 0x184c2102u
#define LZ4_LEGACY_BLOCK (8u << 20)

/*
 * A block did not fit in the room left: decode it again into a scratch area
 * of a full block to tell a corrupt block from one that overflows.
 */
static int unlz4_classify(struct sink *s, const uint8_t *blk, size_t csize)
{
    char *tmp = malloc(LZ4_LEGACY_BLOCK);
    int n;

    if ( !tmp )
        return sink_nomem(s);
    n = LZ4_decompress_safe((const char *)blk, tmp, (int)csize,
                            LZ4_LEGACY_BLOCK);
    free(tmp);
    return n >= 0 ? sink_overflow(s) : sink_corrupt(s, "bad lz4 block");
}

int unlz4_legacy(struct sink *s, const uint8_t *in, size_t in_size)
{
    size_t pos = 4, avail, csize;
    int n, rc;

    while ( pos < in_size )
    {
        if ( in_size - pos < 4 )
            return sink_truncated(s);
        csize = get_le32(in + pos);
        pos += 4;
        if ( csize == LZ4_LEGACY_MAGIC )
            continue;
        if ( csize == 0 || csize > (size_t)LZ4_compressBound(LZ4_LEGACY_BLOCK) )
            return sink_corrupt(s, "block length out of range");
        if ( csize > in_size - pos )
            return sink_truncated(s);

        rc = sink_reserve(s, LZ4_LEGACY_BLOCK, &avail);
        if ( rc )
            return rc;
        if ( avail > LZ4_LEGACY_BLOCK )
            avail = LZ4_LEGACY_BLOCK;
        n = LZ4_decompress_safe((const char *)in + pos,
                                (char *)s->buf + s->len, (int)csize,
                                (int)avail);
        if ( n < 0 )
            return avail < LZ4_LEGACY_BLOCK ?
                   unlz4_classify(s, in + pos, csize) :
                   sink_corrupt(s, "bad lz4 block");
        s->len += n;
        pos += csize;
    }
    return 0;
}

int unlz4_frame(struct sink *s, const uint8_t *in, size_t in_size)
{
    LZ4F_dctx *dctx = NULL;
    size_t pos = 0, avail, src, ret;
    unsigned int stalls = 0;
    uint8_t *out;
    int rc = 0;

    if ( LZ4F_isError(LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION)) )
        return sink_nomem(s);

    for ( ;; )
    {
        out = sink_space(s, &avail);
        if ( !out )
        {
            rc = -ENOMEM;
            break;
        }
        src = in_size - pos;
        ret = LZ4F_decompress(dctx, out, &avail, in + pos, &src, NULL);
        if ( LZ4F_isError(ret) )
        {
            rc = sink_corrupt(s, LZ4F_getErrorName(ret));
            break;
        }
        pos += src;
        rc = sink_commit(s, avail);
        if ( rc || ret == 0 ) /* 0: the frame is complete */
            break;
        stalls = (avail || src) ? 0 : stalls + 1;
        if ( stalls >= 2 )
        {
            rc = pos == in_size ? sink_truncated(s) :
                                  sink_corrupt(s, "no progress");
            break;
        }
    }
    LZ4F_freeDecompressionContext(dctx);
    return rc;
}
