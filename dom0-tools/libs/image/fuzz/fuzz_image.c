/*
 * fuzz_image.c: libFuzzer target for the whole loader: open an image from
 * memory, walk every note and segment, run every check, load it.
 *
 * Invariants checked on every input (a violation aborts, which libFuzzer
 * reports as a crash): an open either succeeds with info, or fails with a
 * negative errno, a reason and nothing left open; loading an opened image
 * into a buffer of load_size bytes works unless the PV check also refuses.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xenimage.h"

/* Bytes are read through a volatile sum so that reads are not elided. */
static volatile unsigned int sink;

static void walk(struct xenimage *img)
{
    struct xenimage_segment seg;
    struct xenimage_note note;
    unsigned int i, j;

    for ( i = 0; !xenimage_note(img, i, &note); i++ )
        for ( j = 0; j < note.descsz; j++ )
            sink += ((const uint8_t *)note.desc)[j];
    for ( i = 0; !xenimage_segment(img, i, &seg); i++ )
        sink += seg.flags;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned int checks[] = {
        XENIMAGE_CHECK_PV, XENIMAGE_CHECK_PV | XENIMAGE_CHECK_DOM0,
        XENIMAGE_CHECK_PVH, XENIMAGE_CHECK_PVH | XENIMAGE_CHECK_DOM0,
    };
    struct xenimage *img = xenimage_create();
    const struct xenimage_info *info;
    unsigned int i;
    uint8_t *buf;
    int rc;

    if ( !img )
        return 0;
    xenimage_set_limit(img, 1u << 20); /* bombs must stop early */
    rc = xenimage_open_mem(img, data, size);
    info = xenimage_info(img);
    if ( rc )
    {
        if ( rc > 0 || info || !xenimage_error(img)[0] )
            abort();
        goto out;
    }
    if ( !info || info->load_size > (3u << 20) )
        abort();
    walk(img);
    sink += strlen(info->guest_os) + strlen(info->features);
    for ( i = 0; i < sizeof(checks) / sizeof(checks[0]); i++ )
        if ( xenimage_check(img, checks[i]) > 0 )
            abort();

    buf = malloc(info->load_size ? info->load_size : 1);
    if ( buf )
    {
        rc = xenimage_load(img, buf, info->load_size);
        if ( rc && xenimage_check(img, XENIMAGE_CHECK_PV) != rc )
            abort();
        free(buf);
    }
 out:
    xenimage_destroy(img);
    return 0;
}
