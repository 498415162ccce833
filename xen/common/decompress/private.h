/*
 * Helpers shared by the decompressors: little-endian loads, result reporting
 * and the checksums the formats carry (CRC32, CRC64, xxHash32, xxHash64).
 * Internal to xen/common/decompress/.
 */
#ifndef XEN_COMMON_DECOMPRESS_PRIVATE_H
#define XEN_COMMON_DECOMPRESS_PRIVATE_H

#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/string.h>
#include <xen/types.h>

static inline u16 get_le16(const u8 *p)
{
    return (u16)(p[0] | (p[1] << 8));
}

static inline u32 get_le32(const u8 *p)
{
    return (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) |
           ((u32)p[3] << 24);
}

static inline u64 get_le64(const u8 *p)
{
    return (u64)get_le32(p) | ((u64)get_le32(p + 4) << 32);
}

static inline u32 rotl32(u32 x, unsigned int r)
{
    return (x << r) | (x >> (32 - r));
}

static inline u64 rotl64(u64 x, unsigned int r)
{
    return (x << r) | (x >> (64 - r));
}

/*
 * Fill in *res (which may be NULL) and return rc.  Every decoder leaves
 * through here so that out_len/in_used/reason are always meaningful.
 */
static inline int decomp_finish(struct decompress_result *res, int rc,
                                size_t out_len, size_t in_used,
                                const char *reason)
{
    if ( res )
    {
        res->out_len = out_len;
        res->in_used = in_used;
        res->reason = rc ? reason : NULL;
    }
    return rc;
}

/* Workspaces must be 8-byte aligned and at least need bytes long. */
static inline bool decomp_ws_ok(const void *ws, size_t ws_size, size_t need)
{
    return ws_size >= need && (need == 0 || (ws && !((uintptr_t)ws & 7)));
}

/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as gzip and xz use. */
#define CRC32_TABLE_SIZE (256 * sizeof(u32))
void crc32_init_table(u32 *table);
u32 crc32_update(const u32 *table, u32 crc, const u8 *p, size_t len);

/* The same CRC-32 bit by bit, for short data when no table is at hand. */
u32 crc32_small(u32 crc, const u8 *p, size_t len);

/* CRC-64 (ECMA-182, reflected polynomial 0xC96C5795D7870F42), as xz uses. */
#define CRC64_TABLE_SIZE (256 * sizeof(u64))
void crc64_init_table(u64 *table);
u64 crc64_update(const u64 *table, u64 crc, const u8 *p, size_t len);

/* xxHash32 and xxHash64 of a whole buffer (LZ4 frames, zstd frames). */
u32 xxh32(const u8 *p, size_t len, u32 seed);
u64 xxh64(const u8 *p, size_t len, u64 seed);

/*
 * Raw deflate (RFC 1951) into out[0..out_size), the output doubling as the
 * 32 KiB history window.  ws must hold INFLATE_WS_SIZE bytes.  On return
 * *in_used counts the bytes up to and including the one holding the final
 * block's last bit, *out_len the bytes produced.
 */
#define INFLATE_WS_SIZE (4u * 1024)
int inflate_raw(const u8 *in, size_t in_len, size_t *in_used,
                u8 *out, size_t out_size, size_t *out_len,
                void *ws, const char **reason);

#endif /* XEN_COMMON_DECOMPRESS_PRIVATE_H */
