/*
 * LZMA2 decoder writing straight into the output buffer (single-call mode).
 *
 * LZMA2 wraps LZMA in chunks: each carries its exact compressed and
 * uncompressed sizes, may reset the dictionary, the state or the properties,
 * or holds raw bytes.  Knowing the sizes up front lets every chunk be bounds
 * checked before it is decoded: truncated input is -ENODATA at the chunk
 * header, a chunk that would overflow the output is -ENOSPC, and the range
 * decoder can never read outside its chunk.  The model (states, probability
 * layout, length and distance coding) follows the LZMA specification in the
 * LZMA SDK and the .xz format documentation.
 */
#include "xz_private.h"

#define PROB_BITS      11
#define PROB_INIT      (1u << (PROB_BITS - 1))
#define PROB_MOVE_BITS 5
#define RC_TOP         (1u << 24)
#define MATCH_LEN_MIN  2
#define LIT_STATES     7

/* Normalise the range; reading past the chunk means it is corrupt. */
static inline int rc_normalize(struct lzma2_dec *s)
{
    if ( s->range < RC_TOP )
    {
        if ( s->rc_pos >= s->rc_end )
            return -EILSEQ;
        s->range <<= 8;
        s->code = (s->code << 8) | s->rc_in[s->rc_pos++];
    }
    return 0;
}

/* Decode one bit with adaptive probability *p; returns 0, 1 or -EILSEQ. */
static inline int rc_bit(struct lzma2_dec *s, u16 *p)
{
    u32 bound;

    if ( rc_normalize(s) )
        return -EILSEQ;
    bound = (s->range >> PROB_BITS) * *p;
    if ( s->code < bound )
    {
        s->range = bound;
        *p += ((1u << PROB_BITS) - *p) >> PROB_MOVE_BITS;
        return 0;
    }
    s->range -= bound;
    s->code -= bound;
    *p -= *p >> PROB_MOVE_BITS;
    return 1;
}

/* Decode a bit tree of nbits levels; the symbol or -EILSEQ. */
static int rc_bittree(struct lzma2_dec *s, u16 *probs, unsigned int nbits)
{
    u32 m = 1;
    unsigned int i;

    for ( i = 0; i < nbits; i++ )
    {
        int b = rc_bit(s, &probs[m]);

        if ( b < 0 )
            return b;
        m = (m << 1) | (u32)b;
    }
    return (int)(m - (1u << nbits));
}

/* Decode a reversed bit tree, adding the bits to *dest from bit 0 up. */
static int rc_bittree_reverse(struct lzma2_dec *s, u16 *probs,
                              unsigned int nbits, u32 *dest)
{
    u32 m = 1;
    unsigned int i;

    for ( i = 0; i < nbits; i++ )
    {
        int b = rc_bit(s, &probs[m]);

        if ( b < 0 )
            return b;
        m = (m << 1) | (u32)b;
        *dest += (u32)b << i;
    }
    return 0;
}

/* Decode nbits equiprobable bits, most significant first, into *dest. */
static int rc_direct(struct lzma2_dec *s, unsigned int nbits, u32 *dest)
{
    while ( nbits-- )
    {
        u32 mask;

        if ( rc_normalize(s) )
            return -EILSEQ;
        s->range >>= 1;
        s->code -= s->range;
        mask = 0u - (s->code >> 31);
        s->code += s->range & mask;
        *dest = (*dest << 1) + (mask + 1);
    }
    return 0;
}

/* Set every probability of the model to one half. */
static void lzma_reset_state(struct lzma2_dec *s)
{
    u16 *p = (u16 *)&s->probs;
    size_t i, n = sizeof(s->probs) / sizeof(u16);

    for ( i = 0; i < n; i++ )
        p[i] = PROB_INIT;
    s->state = 0;
    s->rep0 = s->rep1 = s->rep2 = s->rep3 = 0;
}

/* Decode a match or repeat length; the length or a negative errno. */
static int lzma_len(struct lzma2_dec *s, struct lzma_len_probs *l,
                    unsigned int pos_state)
{
    int b, v;

    if ( (b = rc_bit(s, &l->choice)) < 0 )
        return b;
    if ( !b )
    {
        v = rc_bittree(s, l->low[pos_state], LZMA_LEN_LOW_BITS);
        return v < 0 ? v : v + MATCH_LEN_MIN;
    }
    if ( (b = rc_bit(s, &l->choice2)) < 0 )
        return b;
    if ( !b )
    {
        v = rc_bittree(s, l->mid[pos_state], LZMA_LEN_MID_BITS);
        return v < 0 ? v : v + MATCH_LEN_MIN + (1 << LZMA_LEN_LOW_BITS);
    }
    v = rc_bittree(s, l->high, LZMA_LEN_HIGH_BITS);
    return v < 0 ? v : v + MATCH_LEN_MIN + (2 << LZMA_LEN_LOW_BITS);
}

/* Decode the distance of a new match of length len into s->rep0. */
static int lzma_dist(struct lzma2_dec *s, unsigned int len)
{
    unsigned int dist_state = len - MATCH_LEN_MIN;
    unsigned int limit;
    int slot;
    u32 dist;

    if ( dist_state >= LZMA_DIST_STATES )
        dist_state = LZMA_DIST_STATES - 1;
    slot = rc_bittree(s, s->probs.dist_slot[dist_state], 6);
    if ( slot < 0 )
        return slot;
    if ( slot < 4 )
    {
        s->rep0 = (u32)slot;
        return 0;
    }

    limit = ((unsigned int)slot >> 1) - 1;
    dist = (2u | ((u32)slot & 1)) << limit;
    if ( slot < LZMA_END_POS_MODEL )
    {
        /* The tree for this slot starts at dist - slot in dist_special. */
        if ( rc_bittree_reverse(s, s->probs.dist_special + dist - slot - 1,
                                limit, &dist) )
            return -EILSEQ;
    }
    else
    {
        u32 direct = 0;

        if ( rc_direct(s, limit - LZMA_ALIGN_BITS, &direct) )
            return -EILSEQ;
        dist += direct << LZMA_ALIGN_BITS;
        if ( rc_bittree_reverse(s, s->probs.dist_align, LZMA_ALIGN_BITS,
                                &dist) )
            return -EILSEQ;
    }
    s->rep0 = dist;
    return 0;
}

/* Decode one literal at s->pos. */
static int lzma_literal(struct lzma2_dec *s)
{
    u32 prev = s->pos > s->dict_start ? s->out[s->pos - 1] : 0;
    u32 lit_state = (((u32)s->pos & ((1u << s->lp) - 1)) << s->lc) +
                    (prev >> (8 - s->lc));
    u16 *probs = s->probs.literal + LZMA_LITERAL_CODER * lit_state;
    u32 sym = 1;
    int b;

    if ( s->state < LIT_STATES )
    {
        while ( sym < 0x100 )
        {
            if ( (b = rc_bit(s, &probs[sym])) < 0 )
                return b;
            sym = (sym << 1) | (u32)b;
        }
    }
    else
    {
        /* "Matched" literal: the byte at rep0 guides the first bits. */
        u32 match_byte = s->out[s->pos - s->rep0 - 1];
        u32 offset = 0x100;

        while ( sym < 0x100 )
        {
            u32 match_bit;

            match_byte <<= 1;
            match_bit = match_byte & offset;
            if ( (b = rc_bit(s, &probs[offset + match_bit + sym])) < 0 )
                return b;
            sym = (sym << 1) | (u32)b;
            offset &= b ? match_bit : ~match_bit;
        }
    }
    s->out[s->pos++] = (u8)sym;

    if ( s->state < 4 )
        s->state = 0;
    else if ( s->state < 10 )
        s->state -= 3;
    else
        s->state -= 6;
    return 0;
}

/* Copy len bytes from rep0 + 1 back, within the chunk ending at end. */
static int lzma_copy(struct lzma2_dec *s, unsigned int len, size_t end)
{
    u8 *d;
    const u8 *src;
    unsigned int i;

    if ( s->rep0 >= s->pos - s->dict_start )
    {
        s->reason = "LZMA match distance beyond the dictionary";
        return -EILSEQ;
    }
    if ( len > end - s->pos )
    {
        s->reason = "LZMA match runs past the end of its chunk";
        return -EILSEQ;
    }
    d = s->out + s->pos;
    src = d - s->rep0 - 1;
    for ( i = 0; i < len; i++ )
        d[i] = src[i];
    s->pos += len;
    return 0;
}

/* Decode one LZMA chunk producing exactly up to position end. */
static int lzma_chunk(struct lzma2_dec *s, size_t end)
{
    u32 pb_mask = (1u << s->pb) - 1;
    int b, len;

    s->reason = "corrupt LZMA data";
    while ( s->pos < end )
    {
        unsigned int pos_state = (unsigned int)s->pos & pb_mask;

        if ( (b = rc_bit(s, &s->probs.is_match[s->state][pos_state])) < 0 )
            return b;
        if ( !b )
        {
            if ( (b = lzma_literal(s)) < 0 )
                return b;
            continue;
        }

        if ( (b = rc_bit(s, &s->probs.is_rep[s->state])) < 0 )
            return b;
        if ( !b )
        {
            /* A new match. */
            s->rep3 = s->rep2;
            s->rep2 = s->rep1;
            s->rep1 = s->rep0;
            len = lzma_len(s, &s->probs.match_len, pos_state);
            if ( len < 0 )
                return len;
            s->state = s->state < LIT_STATES ? 7 : 10;
            if ( (b = lzma_dist(s, (unsigned int)len)) < 0 )
                return b;
        }
        else
        {
            if ( (b = rc_bit(s, &s->probs.is_rep0[s->state])) < 0 )
                return b;
            if ( !b )
            {
                b = rc_bit(s, &s->probs.is_rep0_long[s->state][pos_state]);
                if ( b < 0 )
                    return b;
                if ( !b )
                {
                    /* Short rep: one byte from rep0. */
                    s->state = s->state < LIT_STATES ? 9 : 11;
                    if ( (b = lzma_copy(s, 1, end)) < 0 )
                        return b;
                    continue;
                }
            }
            else
            {
                u32 dist;

                if ( (b = rc_bit(s, &s->probs.is_rep1[s->state])) < 0 )
                    return b;
                if ( !b )
                    dist = s->rep1;
                else
                {
                    if ( (b = rc_bit(s, &s->probs.is_rep2[s->state])) < 0 )
                        return b;
                    if ( !b )
                        dist = s->rep2;
                    else
                    {
                        dist = s->rep3;
                        s->rep3 = s->rep2;
                    }
                    s->rep2 = s->rep1;
                }
                s->rep1 = s->rep0;
                s->rep0 = dist;
            }
            len = lzma_len(s, &s->probs.rep_len, pos_state);
            if ( len < 0 )
                return len;
            s->state = s->state < LIT_STATES ? 8 : 11;
        }
        if ( (b = lzma_copy(s, (unsigned int)len, end)) < 0 )
            return b;
    }
    return 0;
}

/* Take the lc/lp/pb properties byte of an LZMA chunk. */
static int lzma_props(struct lzma2_dec *s, u8 props)
{
    if ( props >= 9 * 5 * 5 )
        return -EILSEQ;
    s->pb = props / 45;
    props %= 45;
    s->lp = props / 9;
    s->lc = props % 9;
    if ( s->lc + s->lp > LZMA_LC_LP_MAX )
        return -EILSEQ;
    return 0;
}

/* See xz_private.h. */
int lzma2_decode(struct lzma2_dec *s, const u8 *in, size_t in_len,
                 size_t *in_used, u8 *out, size_t out_size, size_t *out_pos,
                 const char **reason)
{
    size_t ip = 0;
    int rc = 0;

    s->out = out;
    s->out_size = out_size;
    s->pos = s->dict_start = *out_pos;
    s->need_dict_reset = true;
    s->need_props = true;
    s->reason = NULL;

    for ( ;; )
    {
        u8 control;
        size_t usize, csize;

        if ( ip >= in_len )
            goto truncated;
        control = in[ip++];
        if ( control == 0x00 )
            break;

        if ( control >= 0xe0 || control == 0x01 )
        {
            s->need_props = true;
            s->need_dict_reset = false;
            s->dict_start = s->pos;
        }
        else if ( s->need_dict_reset )
        {
            s->reason = "LZMA2 data does not start with a dictionary reset";
            goto corrupt;
        }

        if ( control < 0x80 )
        {
            /* Uncompressed chunk: 0x01 or 0x02, big-endian size - 1. */
            if ( control > 0x02 )
            {
                s->reason = "invalid LZMA2 control byte";
                goto corrupt;
            }
            if ( in_len - ip < 2 )
                goto truncated;
            usize = (((size_t)in[ip] << 8) | in[ip + 1]) + 1;
            ip += 2;
            if ( in_len - ip < usize )
                goto truncated;
            if ( s->out_size - s->pos < usize )
                goto nospace;
            memcpy(s->out + s->pos, in + ip, usize);
            s->pos += usize;
            ip += usize;
            continue;
        }

        /* LZMA chunk. */
        if ( in_len - ip < 4 )
            goto truncated;
        usize = ((((size_t)control & 0x1f) << 16) | ((size_t)in[ip] << 8) |
                 in[ip + 1]) + 1;
        csize = (((size_t)in[ip + 2] << 8) | in[ip + 3]) + 1;
        ip += 4;
        if ( control >= 0xc0 )
        {
            if ( ip >= in_len )
                goto truncated;
            if ( lzma_props(s, in[ip++]) )
            {
                s->reason = "invalid LZMA properties";
                goto corrupt;
            }
            s->need_props = false;
        }
        else if ( s->need_props )
        {
            s->reason = "LZMA2 chunk without properties after a reset";
            goto corrupt;
        }
        if ( control >= 0xa0 )
            lzma_reset_state(s);

        if ( in_len - ip < csize )
            goto truncated;
        if ( s->out_size - s->pos < usize )
            goto nospace;
        if ( csize < 5 || in[ip] != 0x00 )
        {
            s->reason = "invalid LZMA range coder start";
            goto corrupt;
        }
        s->rc_in = in;
        s->rc_pos = ip + 5;
        s->rc_end = ip + csize;
        s->range = 0xffffffffu;
        s->code = get_le32(in + ip + 1);
        s->code = (s->code >> 24) | ((s->code >> 8) & 0xff00) |
                  ((s->code << 8) & 0xff0000) | (s->code << 24);

        rc = lzma_chunk(s, s->pos + usize);
        if ( rc )
        {
            if ( !s->reason )
                s->reason = "corrupt LZMA data";
            goto out;
        }
        /* The chunk must use exactly its bytes and leave the coder flushed. */
        if ( rc_normalize(s) || s->rc_pos != s->rc_end || s->code != 0 )
        {
            s->reason = "LZMA chunk size mismatch";
            goto corrupt;
        }
        ip = s->rc_end;
    }
    goto out;

 truncated:
    s->reason = "xz data truncated";
    rc = -ENODATA;
    goto out;
 nospace:
    s->reason = "output buffer too small";
    rc = -ENOSPC;
    goto out;
 corrupt:
    rc = -EILSEQ;
 out:
    *in_used = ip;
    *out_pos = s->pos;
    *reason = s->reason;
    return rc;
}
