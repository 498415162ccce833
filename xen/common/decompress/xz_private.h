/*
 * Interfaces between the parts of the xz decoder: the .xz container
 * (unxz.c), the LZMA2 decoder (lzma2.c) and the x86 BCJ filter (bcj_x86.c).
 */
#ifndef XEN_COMMON_DECOMPRESS_XZ_PRIVATE_H
#define XEN_COMMON_DECOMPRESS_XZ_PRIVATE_H

#include "private.h"

/* LZMA model sizes (the LZMA specification's constants). */
#define LZMA_STATES          12
#define LZMA_POS_STATES_MAX  16     /* 1 << pb, pb <= 4 */
#define LZMA_LITERAL_CODER   0x300
#define LZMA_LC_LP_MAX       4      /* LZMA2 requires lc + lp <= 4 */
#define LZMA_DIST_STATES     4
#define LZMA_DIST_SLOTS      64
#define LZMA_END_POS_MODEL   14
#define LZMA_FULL_DISTANCES  128
#define LZMA_ALIGN_BITS      4
#define LZMA_LEN_LOW_BITS    3
#define LZMA_LEN_MID_BITS    3
#define LZMA_LEN_HIGH_BITS   8

/* Probabilities of one length decoder. */
struct lzma_len_probs {
    u16 choice;
    u16 choice2;
    u16 low[LZMA_POS_STATES_MAX][1 << LZMA_LEN_LOW_BITS];
    u16 mid[LZMA_POS_STATES_MAX][1 << LZMA_LEN_MID_BITS];
    u16 high[1 << LZMA_LEN_HIGH_BITS];
};

/* All adaptive probabilities of the LZMA model (the bulk of the workspace). */
struct lzma_probs {
    u16 is_match[LZMA_STATES][LZMA_POS_STATES_MAX];
    u16 is_rep[LZMA_STATES];
    u16 is_rep0[LZMA_STATES];
    u16 is_rep1[LZMA_STATES];
    u16 is_rep2[LZMA_STATES];
    u16 is_rep0_long[LZMA_STATES][LZMA_POS_STATES_MAX];
    u16 dist_slot[LZMA_DIST_STATES][LZMA_DIST_SLOTS];
    u16 dist_special[LZMA_FULL_DISTANCES - LZMA_END_POS_MODEL];
    u16 dist_align[1 << LZMA_ALIGN_BITS];
    struct lzma_len_probs match_len;
    struct lzma_len_probs rep_len;
    u16 literal[LZMA_LITERAL_CODER << LZMA_LC_LP_MAX];
};

/*
 * Decoder state of an LZMA2 stream being decoded straight into the output
 * buffer (single-call mode: the output is the dictionary).
 */
struct lzma2_dec {
    /* Range decoder over the current chunk's compressed bytes. */
    const u8 *rc_in;
    size_t rc_pos, rc_end;
    u32 range, code;

    /* Output (dictionary): matches may not reach before dict_start. */
    u8 *out;
    size_t out_size, pos, dict_start;

    /* LZMA state. */
    unsigned int state, lc, lp, pb;
    u32 rep0, rep1, rep2, rep3;
    bool need_dict_reset, need_props;
    const char *reason;

    struct lzma_probs probs;
};

/*
 * Decode the LZMA2 data at in[0..in_len) into out starting at out + *out_pos
 * (earlier bytes are never referenced: each block resets the dictionary).
 * On return *in_used is how far the LZMA2 data reached (its end marker
 * included) and *out_pos was advanced by what was produced.
 */
int lzma2_decode(struct lzma2_dec *s, const u8 *in, size_t in_len,
                 size_t *in_used, u8 *out, size_t out_size, size_t *out_pos,
                 const char **reason);

/*
 * Undo the x86 BCJ filter in place over buf[0..size), which starts at
 * stream position start (the filter's start offset).  The last four bytes
 * are left as they are, as the format requires.
 */
void bcj_x86_decode(u8 *buf, size_t size, u32 start);

#endif /* XEN_COMMON_DECOMPRESS_XZ_PRIVATE_H */
