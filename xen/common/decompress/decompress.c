/*
 * Format detection by magic number, and the one entry point that picks the
 * decoder.  The magics are those of the formats' specifications; the lz4
 * legacy magic is what `lz4 -l` (and Linux's compressed kernels) write.
 */
#include "private.h"

#define LZ4_LEGACY_MAGIC 0x184C2102u
#define LZ4_FRAME_MAGIC  0x184D2204u
#define ZSTD_MAGIC       0xFD2FB528u

static const u8 xz_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

/* See xen/decompress.h. */
enum decompress_format decompress_detect(const void *in_, size_t in_len)
{
    const u8 *in = in_;

    if ( !in )
        return DECOMPRESS_UNKNOWN;
    if ( in_len >= 2 && in[0] == 0x1f && in[1] == 0x8b )
        return DECOMPRESS_GZIP;
    if ( in_len >= sizeof(xz_magic) && !memcmp(in, xz_magic, sizeof(xz_magic)) )
        return DECOMPRESS_XZ;
    if ( in_len >= 4 )
    {
        switch ( get_le32(in) )
        {
        case LZ4_LEGACY_MAGIC:
            return DECOMPRESS_LZ4_LEGACY;
        case LZ4_FRAME_MAGIC:
            return DECOMPRESS_LZ4;
        case ZSTD_MAGIC:
            return DECOMPRESS_ZSTD;
        }
    }
    return DECOMPRESS_UNKNOWN;
}

/* See xen/decompress.h. */
const char *decompress_format_name(enum decompress_format fmt)
{
    switch ( fmt )
    {
    case DECOMPRESS_GZIP:       return "gzip";
    case DECOMPRESS_XZ:         return "xz";
    case DECOMPRESS_LZ4_LEGACY: return "lz4-legacy";
    case DECOMPRESS_LZ4:        return "lz4";
    case DECOMPRESS_ZSTD:       return "zstd";
    case DECOMPRESS_UNKNOWN:    break;
    }
    return "unknown";
}

/* See xen/decompress.h. */
size_t decompress_workspace_size(enum decompress_format fmt)
{
    switch ( fmt )
    {
    case DECOMPRESS_GZIP:       return GUNZIP_WORKSPACE_SIZE;
    case DECOMPRESS_XZ:         return UNXZ_WORKSPACE_SIZE;
    case DECOMPRESS_LZ4_LEGACY:
    case DECOMPRESS_LZ4:        return UNLZ4_WORKSPACE_SIZE;
    case DECOMPRESS_ZSTD:       return UNZSTD_WORKSPACE_SIZE;
    case DECOMPRESS_UNKNOWN:    break;
    }
    return 0;
}

/* See xen/decompress.h. */
int decompress(const void *in, size_t in_len, void *out, size_t out_size,
               void *ws, size_t ws_size, struct decompress_result *res)
{
    switch ( decompress_detect(in, in_len) )
    {
    case DECOMPRESS_GZIP:
        return gunzip(in, in_len, out, out_size, ws, ws_size, res);
    case DECOMPRESS_XZ:
        return unxz(in, in_len, out, out_size, ws, ws_size, res);
    case DECOMPRESS_LZ4_LEGACY:
    case DECOMPRESS_LZ4:
        return unlz4(in, in_len, out, out_size, ws, ws_size, res);
    case DECOMPRESS_ZSTD:
        return unzstd(in, in_len, out, out_size, ws, ws_size, res);
    case DECOMPRESS_UNKNOWN:
        break;
    }
    return decomp_finish(res, -ENOEXEC, 0, 0, "unknown compression format");
}
