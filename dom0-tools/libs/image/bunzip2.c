/*
 * bunzip2.c: bzip2 payloads through libbz2.
 */
#include <bzlib.h>
#include <limits.h>
#include <string.h>

#include "decompress.h"

/* Decode one bzip2 stream; bytes after its end are ignored. */
int bunzip2(struct sink *s, const uint8_t *in, size_t in_size)
{
    bz_stream bz;
    size_t fed = 0, avail, produced;
    unsigned int stalls = 0;
    uint8_t *out;
    int ret, rc;

    memset(&bz, 0, sizeof(bz));
    if ( BZ2_bzDecompressInit(&bz, 0, 0) != BZ_OK )
        return sink_nomem(s);

    for ( ;; )
    {
        unsigned int in_before;

        if ( bz.avail_in == 0 && fed < in_size )
        {
            size_t chunk = in_size - fed;

            if ( chunk > UINT_MAX )
                chunk = UINT_MAX;
            bz.next_in = (char *)(in + fed);
            bz.avail_in = (unsigned int)chunk;
            fed += chunk;
        }
        out = sink_space(s, &avail);
        if ( !out )
        {
            rc = -ENOMEM;
            break;
        }
        if ( avail > UINT_MAX )
            avail = UINT_MAX;
        bz.next_out = (char *)out;
        bz.avail_out = (unsigned int)avail;
        in_before = bz.avail_in;

        ret = BZ2_bzDecompress(&bz);
        produced = avail - bz.avail_out;
        rc = sink_commit(s, produced);
        if ( rc || ret == BZ_STREAM_END )
            break;
        if ( ret == BZ_OK )
        {
            /* No input left and nothing produced twice running: it ended. */
            stalls = (produced || bz.avail_in != in_before) ? 0 : stalls + 1;
            if ( stalls < 2 )
                continue;
            rc = (bz.avail_in == 0 && fed == in_size) ?
                 sink_truncated(s) : sink_corrupt(s, "no progress");
        }
        else if ( ret == BZ_MEM_ERROR )
            rc = sink_nomem(s);
        else if ( ret == BZ_DATA_ERROR_MAGIC )
            rc = sink_corrupt(s, "bad bzip2 magic");
        else
            rc = sink_corrupt(s, "bad bzip2 data or CRC");
        break;
    }
    BZ2_bzDecompressEnd(&bz);
    return rc;
}
