/*
 * Table-driven CRC-32 and CRC-64, the integrity checks of gzip and xz.
 * The tables live in the caller's workspace, built on demand, so that the
 * hypervisor image carries no large constant tables and no writable statics.
 * Both CRCs are the reflected form, pre- and post-inverted by the caller's
 * convention below: crc_update(0, data) gives the standard check value.
 */
#include "private.h"

#define CRC32_POLY 0xEDB88320u
#define CRC64_POLY 0xC96C5795D7870F42ull

/* Fill table[256] for crc32_update(). */
void crc32_init_table(u32 *table)
{
    unsigned int i, b;

    for ( i = 0; i < 256; i++ )
    {
        u32 c = i;

        for ( b = 0; b < 8; b++ )
            c = (c & 1) ? (c >> 1) ^ CRC32_POLY : c >> 1;
        table[i] = c;
    }
}

/*
 * Continue a CRC-32 over len more bytes.  Start with crc = 0; the result is
 * the standard (inverted) CRC-32 of everything fed so far.
 */
u32 crc32_update(const u32 *table, u32 crc, const u8 *p, size_t len)
{
    crc = ~crc;
    while ( len-- )
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

/* See private.h: eight shifts per byte, no table. */
u32 crc32_small(u32 crc, const u8 *p, size_t len)
{
    unsigned int b;

    crc = ~crc;
    while ( len-- )
    {
        crc ^= *p++;
        for ( b = 0; b < 8; b++ )
            crc = (crc & 1) ? (crc >> 1) ^ CRC32_POLY : crc >> 1;
    }
    return ~crc;
}

/* Fill table[256] for crc64_update(). */
void crc64_init_table(u64 *table)
{
    unsigned int i, b;

    for ( i = 0; i < 256; i++ )
    {
        u64 c = i;

        for ( b = 0; b < 8; b++ )
            c = (c & 1) ? (c >> 1) ^ CRC64_POLY : c >> 1;
        table[i] = c;
    }
}

/* Continue a CRC-64 over len more bytes; same conventions as crc32_update. */
u64 crc64_update(const u64 *table, u64 crc, const u8 *p, size_t len)
{
    crc = ~crc;
    while ( len-- )
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}
