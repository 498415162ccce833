/*
 * The x86 branch/call/jump filter of the .xz format, decoding direction.
 *
 * The encoder rewrites the 32-bit relative operand of E8 (call) and E9 (jmp)
 * instructions into an absolute one so that repeated calls to one target
 * compress well; we turn them back.  Which E8/E9 bytes count is decided by
 * the same heuristic as the encoder's (XZ Utils' simple/x86.c, described in
 * the .xz format documentation): a window of the last three byte positions
 * that held E8/E9 ("prev_mask"), and operands whose top byte is 0x00 or 0xFF.
 * Applied once over a whole block's output, after LZMA2 decoding finished,
 * as Linux's single-call mode does, so the dictionary never sees it.
 */
#include "xz_private.h"

static bool ms_byte_ok(u8 b)
{
    return b == 0x00 || b == 0xff;
}

/* See xz_private.h. */
void bcj_x86_decode(u8 *buf, size_t size, u32 start)
{
    static const bool mask_allowed[8] = { 1, 1, 1, 0, 1, 0, 0, 0 };
    static const u8 mask_bit[8] = { 0, 1, 2, 2, 3, 3, 3, 3 };
    size_t i, prev_pos = (size_t)-1, limit;
    u32 prev_mask = 0;

    if ( size <= 4 )
        return;
    limit = size - 4;

    for ( i = 0; i < limit; i++ )
    {
        u32 src, dest;
        size_t gap;

        if ( (buf[i] & 0xfe) != 0xe8 )
            continue;

        gap = i - prev_pos;
        if ( gap > 3 )
            prev_mask = 0;
        else
        {
            prev_mask = (prev_mask << (gap - 1)) & 7;
            if ( prev_mask &&
                 (!mask_allowed[prev_mask] ||
                  ms_byte_ok(buf[i + 4 - mask_bit[prev_mask]])) )
            {
                prev_pos = i;
                prev_mask = (prev_mask << 1) | 1;
                continue;
            }
        }
        prev_pos = i;

        if ( !ms_byte_ok(buf[i + 4]) )
        {
            prev_mask = (prev_mask << 1) | 1;
            continue;
        }

        src = get_le32(buf + i + 1);
        for ( ;; )
        {
            unsigned int shift;

            dest = src - (start + (u32)i + 5);
            if ( !prev_mask )
                break;
            shift = mask_bit[prev_mask] * 8;
            if ( !ms_byte_ok((u8)(dest >> (24 - shift))) )
                break;
            src = dest ^ ((1u << (32 - shift)) - 1);
        }
        /* Sign-extend bit 24 over the top byte. */
        dest &= 0x01ffffff;
        dest |= 0u - (dest & 0x01000000);
        buf[i + 1] = (u8)dest;
        buf[i + 2] = (u8)(dest >> 8);
        buf[i + 3] = (u8)(dest >> 16);
        buf[i + 4] = (u8)(dest >> 24);
        i += 4;
    }
}
