/*
 * xxHash32 and xxHash64 over a whole buffer.  LZ4 frames use xxHash32 (seed 0)
 * for header, block and content checksums; zstd frames use the low 32 bits of
 * xxHash64 (seed 0) as content checksum.  The constants and the round/merge
 * structure are those of the xxHash specification.
 */
#include "private.h"

#define P32_1 0x9E3779B1u
#define P32_2 0x85EBCA77u
#define P32_3 0xC2B2AE3Du
#define P32_4 0x27D4EB2Fu
#define P32_5 0x165667B1u

#define P64_1 0x9E3779B185EBCA87ull
#define P64_2 0xC2B2AE3D27D4EB4Full
#define P64_3 0x165667B19E3779F9ull
#define P64_4 0x85EBCA77C2B2AE63ull
#define P64_5 0x27D4EB2F165667C5ull

static u32 xxh32_round(u32 acc, u32 lane)
{
    return rotl32(acc + lane * P32_2, 13) * P32_1;
}

/* xxHash32 of p[0..len) with the given seed. */
u32 xxh32(const u8 *p, size_t len, u32 seed)
{
    const u8 *end = p + len;
    u32 h;

    if ( len >= 16 )
    {
        u32 v1 = seed + P32_1 + P32_2, v2 = seed + P32_2;
        u32 v3 = seed, v4 = seed - P32_1;

        do {
            v1 = xxh32_round(v1, get_le32(p));
            v2 = xxh32_round(v2, get_le32(p + 4));
            v3 = xxh32_round(v3, get_le32(p + 8));
            v4 = xxh32_round(v4, get_le32(p + 12));
            p += 16;
        } while ( end - p >= 16 );
        h = rotl32(v1, 1) + rotl32(v2, 7) + rotl32(v3, 12) + rotl32(v4, 18);
    }
    else
        h = seed + P32_5;

    h += (u32)len;
    for ( ; end - p >= 4; p += 4 )
        h = rotl32(h + get_le32(p) * P32_3, 17) * P32_4;
    for ( ; p < end; p++ )
        h = rotl32(h + *p * P32_5, 11) * P32_1;

    h ^= h >> 15;
    h *= P32_2;
    h ^= h >> 13;
    h *= P32_3;
    h ^= h >> 16;
    return h;
}

static u64 xxh64_round(u64 acc, u64 lane)
{
    return rotl64(acc + lane * P64_2, 31) * P64_1;
}

static u64 xxh64_merge(u64 h, u64 v)
{
    return (h ^ xxh64_round(0, v)) * P64_1 + P64_4;
}

/* xxHash64 of p[0..len) with the given seed. */
u64 xxh64(const u8 *p, size_t len, u64 seed)
{
    const u8 *end = p + len;
    u64 h;

    if ( len >= 32 )
    {
        u64 v1 = seed + P64_1 + P64_2, v2 = seed + P64_2;
        u64 v3 = seed, v4 = seed - P64_1;

        do {
            v1 = xxh64_round(v1, get_le64(p));
            v2 = xxh64_round(v2, get_le64(p + 8));
            v3 = xxh64_round(v3, get_le64(p + 16));
            v4 = xxh64_round(v4, get_le64(p + 24));
            p += 32;
        } while ( end - p >= 32 );
        h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
        h = xxh64_merge(h, v1);
        h = xxh64_merge(h, v2);
        h = xxh64_merge(h, v3);
        h = xxh64_merge(h, v4);
    }
    else
        h = seed + P64_5;

    h += (u64)len;
    for ( ; end - p >= 8; p += 8 )
        h = rotl64(h ^ xxh64_round(0, get_le64(p)), 27) * P64_1 + P64_4;
    if ( end - p >= 4 )
    {
        h = rotl64(h ^ (u64)get_le32(p) * P64_1, 23) * P64_2 + P64_3;
        p += 4;
    }
    for ( ; p < end; p++ )
        h = rotl64(h ^ *p * P64_5, 11) * P64_1;

    h ^= h >> 33;
    h *= P64_2;
    h ^= h >> 29;
    h *= P64_3;
    h ^= h >> 32;
    return h;
}
