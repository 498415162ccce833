/*
 * decompress.c: recognise a compressed kernel and decode it within bounds.
 *
 * The magic numbers are those Linux's lib/decompress.c and Xen's
 * xen/common/decompress.c recognise.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decompress.h"

/* First allocation when the output size is unknown. */
#define SINK_INITIAL (1u << 20)

static const struct {
    uint8_t magic[6];
    uint8_t len;
    enum xenimage_compression comp;
} magics[] = {
    { { 0x1f, 0x8b }, 2, XENIMAGE_COMP_GZIP },
    { { 'B', 'Z', 'h' }, 3, XENIMAGE_COMP_BZIP2 },
    { { 0x5d, 0x00 }, 2, XENIMAGE_COMP_LZMA },
    { { 0xfd, '7', 'z', 'X', 'Z', 0x00 }, 6, XENIMAGE_COMP_XZ },
    { { 0x89, 'L', 'Z', 'O' }, 4, XENIMAGE_COMP_LZO },
    { { 0x02, 0x21, 0x4c, 0x18 }, 4, XENIMAGE_COMP_LZ4_LEGACY },
    { { 0x04, 0x22, 0x4d, 0x18 }, 4, XENIMAGE_COMP_LZ4_FRAME },
    { { 0x28, 0xb5, 0x2f, 0xfd }, 4, XENIMAGE_COMP_ZSTD },
};

enum xenimage_compression decompress_probe(const uint8_t *buf, size_t size)
{
    unsigned int i;

    for ( i = 0; i < sizeof(magics) / sizeof(magics[0]); i++ )
        if ( size >= magics[i].len &&
             !memcmp(buf, magics[i].magic, magics[i].len) )
            return magics[i].comp;
    return XENIMAGE_COMP_NONE;
}

int sink_reserve(struct sink *s, size_t want, size_t *avail)
{
    uint64_t need = (uint64_t)s->len + want, cap;
    uint8_t *p;

    if ( need > s->max )
        need = s->max;
    if ( need > s->cap )
    {
        cap = s->cap ? (uint64_t)s->cap * 2 : SINK_INITIAL;
        if ( s->advertised )
            cap = s->max; /* the size is known: allocate it once */
        if ( cap < need )
            cap = need;
        if ( cap > s->max )
            cap = s->max;
        if ( cap > SIZE_MAX )
            return sink_nomem(s);
        p = realloc(s->buf, cap ? cap : 1);
        if ( !p )
            return sink_nomem(s);
        s->buf = p;
        s->cap = cap;
    }
    *avail = s->cap - s->len;
    return 0;
}

uint8_t *sink_space(struct sink *s, size_t *avail)
{
    s->in_scratch = false;
    if ( s->len < s->max )
    {
        if ( sink_reserve(s, SINK_INITIAL, avail) )
            return NULL;
        return s->buf + s->len;
    }
    s->in_scratch = true;
    *avail = sizeof(s->scratch);
    return s->scratch;
}

int sink_commit(struct sink *s, size_t n)
{
    if ( s->in_scratch )
        return n ? sink_overflow(s) : 0;
    s->len += n;
    return 0;
}

int sink_overflow(struct sink *s)
{
    if ( s->advertised )
        return image_fail(s->img, -EFBIG,
                          "%s decompresses to more than the %" PRIu64
                          " bytes it advertises (corrupt size or "
                          "decompression bomb)", s->what, s->advertised);
    return image_fail(s->img, -EFBIG,
                      "%s decompresses to more than the limit of %" PRIu64
                      " bytes (decompression bomb?)", s->what, s->max);
}

int sink_corrupt(struct sink *s, const char *why)
{
    return image_fail(s->img, -ENOEXEC, "%s is corrupt: %s", s->what, why);
}

int sink_truncated(struct sink *s)
{
    return image_fail(s->img, -ENOEXEC,
                      "%s is truncated: the compressed stream ends early "
                      "(after %zu bytes of output)", s->what, s->len);
}

int sink_nomem(struct sink *s)
{
    return image_fail(s->img, -ENOMEM, "%s: out of memory", s->what);
}

/*
 * Decode in[0, in_size) as comp into a new buffer of at most advertised
 * bytes (or the handle's limit when advertised is 0), which must then be
 * filled exactly.  On success *out is the caller's to free.
 */
int decompress(struct xenimage *img, enum xenimage_compression comp,
               const uint8_t *in, size_t in_size, uint64_t advertised,
               uint8_t **out, size_t *out_size)
{
    struct sink s;
    char what[64];
    int rc;

    memset(&s, 0, sizeof(s));
    snprintf(what, sizeof(what), "%s %s", xenimage_compression_name(comp),
             img->info.container == XENIMAGE_CONTAINER_BZIMAGE ?
             "payload" : "data");
    s.img = img;
    s.what = what;
    s.advertised = advertised;
    s.max = advertised ? advertised : img->limit;

    switch ( comp )
    {
    case XENIMAGE_COMP_GZIP:       rc = gunzip(&s, in, in_size); break;
    case XENIMAGE_COMP_BZIP2:      rc = bunzip2(&s, in, in_size); break;
    case XENIMAGE_COMP_LZMA:       rc = unxz(&s, in, in_size, true); break;
    case XENIMAGE_COMP_XZ:         rc = unxz(&s, in, in_size, false); break;
    case XENIMAGE_COMP_LZ4_LEGACY: rc = unlz4_legacy(&s, in, in_size); break;
    case XENIMAGE_COMP_LZ4_FRAME:  rc = unlz4_frame(&s, in, in_size); break;
    case XENIMAGE_COMP_ZSTD:       rc = unzstd(&s, in, in_size); break;
    default:
        rc = image_fail(img, -EOPNOTSUPP,
                        "%s compression is not supported (use gzip, bzip2, "
                        "lzma, xz, lz4 or zstd)",
                        xenimage_compression_name(comp));
        break;
    }

    if ( !rc && advertised && s.len != advertised )
        rc = image_fail(img, -ENOEXEC,
                        "%s decompressed to %zu bytes but advertises %" PRIu64
                        " (truncated or corrupt)", what, s.len, advertised);
    if ( !rc && s.len == 0 )
        rc = image_fail(img, -ENOEXEC, "%s decompresses to nothing", what);
    if ( rc )
    {
        free(s.buf);
        return rc;
    }
    *out = s.buf;
    *out_size = s.len;
    return 0;
}
