/*
 * xg_ramdisk.c: a gzip'd ramdisk is handed to the guest decompressed, as
 * Xen's libxenguest does (xc_dom_check_gzip / xc_dom_do_gunzip): it
 * reserves the size the gzip trailer states plus 16 bytes.  Unlike
 * libxenguest, every member of a multi-member file (concatenated cpio.gz
 * archives, as initramfs tools and this project's tests make) is
 * inflated, and a stream zlib cannot inflate is passed on compressed for
 * the guest's kernel to deal with, instead of failing the build.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "xg_private.h"

/* The most a ramdisk may inflate to (libxenguest's bound). */
#define GUNZIP_MAX (UINT64_C(1) << 30)

/* Inflate every gzip member of in[0..len) into a buffer; NULL when the
 * data is not a clean gzip stream or inflates past GUNZIP_MAX. */
static void *inflate_all(const unsigned char *in, size_t len, size_t guess,
                         size_t *outlen)
{
    z_stream z;
    unsigned char *out = NULL, *bigger;
    size_t cap = guess ? guess : len * 4, used = 0;
    int rc = Z_OK;

    memset(&z, 0, sizeof(z));
    if ( inflateInit2(&z, 16 + MAX_WBITS) != Z_OK )
        return NULL;
    z.next_in = (unsigned char *)in;
    z.avail_in = (uInt)len;
    for ( ;; )
    {
        if ( used == cap || !out )
        {
            if ( out )
                cap *= 2;
            if ( cap > GUNZIP_MAX )
                goto fail;
            bigger = realloc(out, cap);
            if ( !bigger )
                goto fail;
            out = bigger;
        }
        z.next_out = out + used;
        z.avail_out = (uInt)(cap - used);
        rc = inflate(&z, Z_NO_FLUSH);
        used = cap - z.avail_out;
        if ( rc == Z_STREAM_END )
        {
            /* Another member, or zero padding, may follow. */
            while ( z.avail_in && !*z.next_in )
            {
                z.next_in++;
                z.avail_in--;
            }
            if ( !z.avail_in )
                break;
            if ( inflateReset(&z) != Z_OK )
                goto fail;
            continue;
        }
        if ( rc != Z_OK && !(rc == Z_BUF_ERROR && used == cap) )
            goto fail;
        if ( !z.avail_in && used < cap )
            goto fail;   /* truncated */
    }
    inflateEnd(&z);
    *outlen = used;
    return out;
 fail:
    inflateEnd(&z);
    free(out);
    return NULL;
}

/* See xg_private.h. */
void xg_ramdisk_gunzip(void **data, uint64_t *len, uint64_t *seg_size)
{
    const unsigned char *p = *data;
    uint64_t isize;
    size_t outlen = 0;
    void *out;

    *seg_size = *len;
    if ( *len < 18 || p[0] != 0x1f || p[1] != 0x8b )
        return;
    isize = (uint64_t)p[*len - 4] | (uint64_t)p[*len - 3] << 8 |
            (uint64_t)p[*len - 2] << 16 | (uint64_t)p[*len - 1] << 24;
    if ( isize > GUNZIP_MAX )
        return;
    out = inflate_all(p, *len, isize + 16, &outlen);
    if ( !out )
        return;
    free(*data);
    *data = out;
    *len = outlen;
    *seg_size = outlen > isize + 16 ? outlen : isize + 16;
}
