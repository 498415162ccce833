/*
 * unxz.c: xz and legacy lzma payloads through liblzma.
 *
 * Linux compresses its xz payload with the x86 BCJ filter, LZMA2 with a
 * 32 MiB dictionary and CRC32 checks (scripts/xz_wrap.sh); the legacy
 * .lzma format uses up to 64 MiB.  liblzma's stream decoder handles BCJ.
 */
#include <lzma.h>
#include <string.h>

#include "decompress.h"

/* Enough for every preset's dictionary, small enough to refuse bombs. */
#define UNXZ_MEMLIMIT (UINT64_C(256) << 20)

static int unxz_error(struct sink *s, lzma_ret ret, bool input_done)
{
    switch ( ret )
    {
    case LZMA_MEM_ERROR:
        return sink_nomem(s);
    case LZMA_MEMLIMIT_ERROR:
        return sink_corrupt(s, "needs a dictionary above 256 MiB");
    case LZMA_FORMAT_ERROR:
        return sink_corrupt(s, "bad header");
    case LZMA_OPTIONS_ERROR:
        return sink_corrupt(s, "unsupported filter or options");
    case LZMA_DATA_ERROR:
        return sink_corrupt(s, "bad compressed data or check");
    case LZMA_BUF_ERROR:
        return input_done ? sink_truncated(s) :
                            sink_corrupt(s, "decoder made no progress");
    default:
        return sink_corrupt(s, "decoder error");
    }
}

/* Decode one xz stream (or a .lzma file when alone); ignore what follows. */
int unxz(struct sink *s, const uint8_t *in, size_t in_size, bool alone)
{
    lzma_stream z = LZMA_STREAM_INIT;
    size_t avail;
    uint8_t *out;
    lzma_ret ret;
    int rc;

    ret = alone ? lzma_alone_decoder(&z, UNXZ_MEMLIMIT) :
                  lzma_stream_decoder(&z, UNXZ_MEMLIMIT, 0);
    if ( ret != LZMA_OK )
        return sink_nomem(s);

    z.next_in = in;
    z.avail_in = in_size;
    for ( ;; )
    {
        out = sink_space(s, &avail);
        if ( !out )
        {
            rc = -ENOMEM;
            break;
        }
        z.next_out = out;
        z.avail_out = avail;

        /* All input is present, so finish; BUF_ERROR means it ran out. */
        ret = lzma_code(&z, LZMA_FINISH);
        rc = sink_commit(s, avail - z.avail_out);
        if ( rc || ret == LZMA_STREAM_END )
            break;
        if ( ret != LZMA_OK )
        {
            rc = unxz_error(s, ret, z.avail_in == 0);
            break;
        }
    }
    lzma_end(&z);
    return rc;
}
