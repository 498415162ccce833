/*
 * gunzip.c: gzip (RFC 1952) payloads through zlib.
 */
#include <limits.h>
#include <string.h>
#include <zlib.h>

#include "decompress.h"

/* Decode one gzip member; bytes after its trailer are ignored. */
int gunzip(struct sink *s, const uint8_t *in, size_t in_size)
{
    z_stream z;
    size_t fed = 0, avail, produced;
    uint8_t *out;
    int ret, rc;

    memset(&z, 0, sizeof(z));
    if ( inflateInit2(&z, 16 + MAX_WBITS) != Z_OK ) /* gzip wrapper only */
        return sink_nomem(s);

    for ( ;; )
    {
        if ( z.avail_in == 0 && fed < in_size )
        {
            size_t chunk = in_size - fed;

            if ( chunk > UINT_MAX )
                chunk = UINT_MAX;
            z.next_in = (Bytef *)(in + fed);
            z.avail_in = (uInt)chunk;
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
        z.next_out = out;
        z.avail_out = (uInt)avail;

        ret = inflate(&z, Z_NO_FLUSH);
        produced = avail - z.avail_out;
        rc = sink_commit(s, produced);
        if ( rc )
            break;
        if ( ret == Z_STREAM_END )
            break;
        if ( ret == Z_OK )
            continue; /* zlib returns Z_OK only after making progress */
        if ( ret == Z_BUF_ERROR && z.avail_in == 0 && fed == in_size )
            rc = sink_truncated(s);
        else if ( ret == Z_MEM_ERROR )
            rc = sink_nomem(s);
        else
            rc = sink_corrupt(s, z.msg ? z.msg : "inflate failed");
        break;
    }
    inflateEnd(&z);
    return rc;
}
