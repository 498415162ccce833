/*
 * Linux bzImage: locate the compressed kernel behind the setup header and
 * turn it back into the vmlinux ELF image that domain 0 is built from.
 * See xen/include/xen/bzimage.h for the header facts relied on.
 */
#include <xen/bzimage.h>
#include <xen/errno.h>
#include <xen/string.h>

#define BZ_SETUP_SECTS      0x1f1
#define BZ_HEADER_MAGIC     0x202
#define BZ_VERSION          0x206
#define BZ_PAYLOAD_OFFSET   0x248
#define BZ_PAYLOAD_LENGTH   0x24c
#define BZ_HEADER_END       0x250
#define BZ_MIN_VERSION      0x0208
#define BZ_SECTOR           512

static u32 bz_le32(const u8 *p)
{
    return (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) |
           ((u32)p[3] << 24);
}

static void set_reason(const char **reason, const char *why)
{
    if ( reason )
        *reason = why;
}

/* See xen/bzimage.h. */
bool bzimage_check(const void *image, size_t len)
{
    const u8 *p = image;

    return p && len >= BZ_HEADER_MAGIC + 4 &&
           !memcmp(p + BZ_HEADER_MAGIC, "HdrS", 4);
}

/* Name compressions Linux can use that we do not decode, for the message. */
static const char *unsupported_compression(const u8 *p, size_t len)
{
    if ( len >= 3 && p[0] == 'B' && p[1] == 'Z' && p[2] == 'h' )
        return "bzImage payload is bzip2, which is not supported";
    if ( len >= 4 && p[0] == 0x89 && p[1] == 'L' && p[2] == 'Z' && p[3] == 'O' )
        return "bzImage payload is lzo, which is not supported";
    if ( len >= 3 && p[0] == 0x5d && p[1] == 0 && p[2] == 0 )
        return "bzImage payload is lzma (not xz), which is not supported";
    return "bzImage payload compression not recognised";
}

/* See xen/bzimage.h. */
int bzimage_parse(const void *image, size_t len, struct bzimage_info *info,
                  const char **reason)
{
    const u8 *p = image;
    size_t start, plen;

    if ( !bzimage_check(image, len) )
    {
        set_reason(reason, "not a bzImage (no HdrS signature)");
        return -ENOEXEC;
    }
    memset(info, 0, sizeof(*info));
    info->version = (u16)(p[BZ_VERSION] | (p[BZ_VERSION + 1] << 8));
    if ( info->version < BZ_MIN_VERSION )
    {
        set_reason(reason, "bzImage boot protocol older than 2.08");
        return -EOPNOTSUPP;
    }
    if ( len < BZ_HEADER_END )
    {
        set_reason(reason, "bzImage setup header truncated");
        return -ENODATA;
    }
    info->setup_sects = p[BZ_SETUP_SECTS] ? p[BZ_SETUP_SECTS] : 4;

    /* (setup_sects + 1) * 512 + a u32 cannot overflow a 64-bit size_t. */
    start = (info->setup_sects + 1) * (size_t)BZ_SECTOR +
            bz_le32(p + BZ_PAYLOAD_OFFSET);
    plen = bz_le32(p + BZ_PAYLOAD_LENGTH);
    if ( plen <= 4 )
    {
        set_reason(reason, "bzImage payload too short");
        return -EILSEQ;
    }
    if ( start > len || plen > len - start )
    {
        set_reason(reason, "bzImage payload runs past the end of the image");
        return -ENODATA;
    }
    info->payload_offset = start;
    info->payload_len = plen - 4;
    info->decompressed_size = bz_le32(p + start + plen - 4);
    if ( info->decompressed_size == 0 )
    {
        set_reason(reason, "bzImage records a decompressed size of 0");
        return -EILSEQ;
    }
    info->format = decompress_detect(p + start, info->payload_len);
    if ( info->format == DECOMPRESS_UNKNOWN )
    {
        set_reason(reason, unsupported_compression(p + start,
                                                   info->payload_len));
        return -EOPNOTSUPP;
    }
    return 0;
}

/* See xen/bzimage.h. */
int bzimage_decompress(const void *image, const struct bzimage_info *info,
                       void *out, size_t out_size, void *ws, size_t ws_size,
                       size_t *out_len, const char **reason)
{
    static const u8 elf_magic[4] = { 0x7f, 'E', 'L', 'F' };
    struct decompress_result res = { 0, 0, NULL };
    int rc;

    *out_len = 0;
    rc = decompress((const u8 *)image + info->payload_offset,
                    info->payload_len, out, out_size, ws, ws_size, &res);
    *out_len = res.out_len;
    if ( rc )
    {
        set_reason(reason, res.reason);
        return rc;
    }
    if ( res.out_len != info->decompressed_size )
    {
        set_reason(reason, "decompressed kernel size differs from the "
                           "size recorded in the bzImage");
        return -EBADMSG;
    }
    if ( res.out_len < sizeof(elf_magic) ||
         memcmp(out, elf_magic, sizeof(elf_magic)) )
    {
        set_reason(reason, "decompressed bzImage payload is not an ELF image");
        return -ENOEXEC;
    }
    return 0;
}
