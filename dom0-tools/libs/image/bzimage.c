/*
 * bzimage.c: find the compressed kernel inside a Linux x86 bzImage.
 *
 * Facts from Linux's Documentation/x86/boot.rst (the real-mode setup header)
 * and Xen's bzimage_check(): the header magic "HdrS" sits at 0x202 and the
 * boot protocol version at 0x206; protocol 2.08 added payload_offset (0x248)
 * and payload_length (0x24c), counted from the end of the setup sectors,
 * which are setup_sects (0x1f1, 0 meaning 4) plus the boot sector.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define HDR_SETUP_SECTS    0x1f1
#define HDR_MAGIC          0x202
#define HDR_VERSION        0x206
#define HDR_KERNEL_VERSION 0x20e
#define HDR_PAYLOAD_OFFSET 0x248
#define HDR_PAYLOAD_LENGTH 0x24c
#define HDR_END            0x250
#define KERNEL_VERSION_MAX 256

/* Copy the setup header's kernel version string, if it is sane. */
static int bzimage_kernel_version(struct xenimage *img, const uint8_t *buf,
                                  size_t setup_size)
{
    uint16_t ptr = get_le16(buf + HDR_KERNEL_VERSION);
    size_t off = 0x200 + (size_t)ptr, len = 0, i;
    char *s;

    if ( !ptr || off >= setup_size )
        return 0;
    while ( off + len < setup_size && len < KERNEL_VERSION_MAX &&
            buf[off + len] )
        len++;

    s = malloc(len + 1);
    if ( !s )
        return image_fail(img, -ENOMEM, "out of memory");
    for ( i = 0; i < len; i++ )
    {
        uint8_t c = buf[off + i];

        s[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    s[len] = '\0';
    img->kernel_version = s;
    return 0;
}

/*
 * Decide whether buf is a bzImage.  Returns 0 if it is not, 1 if it is (with
 * info's container, boot protocol and payload place filled in), or a
 * negative errno when it claims to be one but its header is unusable.
 */
int bzimage_probe(struct xenimage *img, const uint8_t *buf, size_t size)
{
    struct xenimage_info *info = &img->info;
    unsigned int version, sects;
    uint64_t setup_size, off, len;

    if ( size < HDR_MAGIC + 4 || memcmp(buf + HDR_MAGIC, "HdrS", 4) )
        return 0;

    if ( size < HDR_END )
        return image_fail(img, -ENOEXEC,
                          "bzImage: truncated setup header (%zu bytes, "
                          "need %u)", size, HDR_END);
    version = get_le16(buf + HDR_VERSION);
    if ( version < 0x0208 )
        return image_fail(img, -ENOEXEC,
                          "bzImage: boot protocol %u.%02u is too old "
                          "(2.08 or later needed for payload_offset)",
                          version >> 8, version & 0xff);

    sects = buf[HDR_SETUP_SECTS];
    if ( sects == 0 )
        sects = 4;
    setup_size = (uint64_t)(sects + 1) * 512;
    off = setup_size + get_le32(buf + HDR_PAYLOAD_OFFSET);
    len = get_le32(buf + HDR_PAYLOAD_LENGTH);

    if ( setup_size > size )
        return image_fail(img, -ENOEXEC,
                          "bzImage: %u setup sectors extend past the end of "
                          "the file (%zu bytes): truncated", sects, size);
    if ( len == 0 )
        return image_fail(img, -ENOEXEC, "bzImage: payload_length is 0");
    if ( !range_ok(off, len, size) )
        return image_fail(img, -ENOEXEC,
                          "bzImage: payload at 0x%" PRIx64 "+0x%" PRIx64
                          " extends past the end of the file (0x%zx "
                          "bytes): truncated or bad payload_offset/length",
                          off, len, size);

    info->container = XENIMAGE_CONTAINER_BZIMAGE;
    info->boot_protocol = version;
    info->setup_sects = sects;
    info->payload_offset = off;
    info->payload_size = len;
    if ( bzimage_kernel_version(img, buf, setup_size) )
        return -ENOMEM;
    return 1;
}
