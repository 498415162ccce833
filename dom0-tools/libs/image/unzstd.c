/*
 * unzstd.c: zstd payloads through libzstd.
 *
 * Linux compresses with "zstd -22 --ultra" (scripts/Makefile.lib), whose
 * window is at most 2^27 bytes, the decoder's default bound, kept here.
 */
#include <string.h>
#include <zstd.h>

#include "decompress.h"

#define ZSTD_MAGIC 0xfd2fb528u

/* Decode consecutive zstd frames; bytes after the last frame are ignored. */
int unzstd(struct sink *s, const uint8_t *in, size_t in_size)
{
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    ZSTD_inBuffer zin = { in, in_size, 0 };
    ZSTD_outBuffer zout;
    unsigned int stalls = 0;
    size_t avail, ret, before;
    uint8_t *out;
    int rc = 0;

    if ( !dctx )
        return sink_nomem(s);
    ZSTD_DCtx_setParameter(dctx, ZSTD_d_windowLogMax, 27);

    for ( ;; )
    {
        out = sink_space(s, &avail);
        if ( !out )
        {
            rc = -ENOMEM;
            break;
        }
        zout.dst = out;
        zout.size = avail;
        zout.pos = 0;
        before = zin.pos;

        ret = ZSTD_decompressStream(dctx, &zout, &zin);
        if ( ZSTD_isError(ret) )
        {
            rc = sink_corrupt(s, ZSTD_getErrorName(ret));
            break;
        }
        rc = sink_commit(s, zout.pos);
        if ( rc )
            break;
        if ( ret == 0 ) /* a frame ended and is flushed */
        {
            if ( in_size - zin.pos < 4 ||
                 get_le32(in + zin.pos) != ZSTD_MAGIC )
                break;
            continue;
        }
        stalls = (zout.pos || zin.pos != before) ? 0 : stalls + 1;
        if ( stalls >= 2 )
        {
            rc = zin.pos == in_size ? sink_truncated(s) :
                                      sink_corrupt(s, "no progress");
            break;
        }
    }
    ZSTD_freeDCtx(dctx);
    return rc;
}
