/*
 * Interfaces between the parts of the Zstandard decoder (RFC 8878): the
 * backward bit reader and FSE tables (zstd_fse.c), literals and Huffman
 * coding (zstd_literals.c), and frames, blocks and sequences (unzstd.c).
 */
#ifndef XEN_COMMON_DECOMPRESS_ZSTD_PRIVATE_H
#define XEN_COMMON_DECOMPRESS_ZSTD_PRIVATE_H

#include "private.h"

#define ZSTD_BLOCK_MAX       (128u * 1024)  /* Block_Maximum_Size cap */
#define ZSTD_HUF_LOG_MAX     11             /* Max_Number_of_Bits */
#define ZSTD_HUF_WEIGHT_LOG  6              /* FSE log for Huffman weights */
#define ZSTD_LL_LOG_MAX      9
#define ZSTD_ML_LOG_MAX      9
#define ZSTD_OF_LOG_MAX      8
#define ZSTD_LL_MAX_SYMBOL   35
#define ZSTD_ML_MAX_SYMBOL   52
#define ZSTD_OF_MAX_SYMBOL   31
#define ZSTD_FSE_SYMBOLS_MAX 64

/*
 * A backward bit stream (literal streams, sequences, Huffman weights): read
 * from the last byte's highest data bit down.  left counts unread bits and
 * goes negative when a reader asks for more bits than remain; the missing
 * bits read as zeros.
 */
struct zstd_bits {
    const u8 *p;
    size_t len;
    long left;
};

int zstd_bits_init(struct zstd_bits *b, const u8 *p, size_t len);
u32 zstd_bits_peek(const struct zstd_bits *b, unsigned int n);

static inline u32 zstd_bits_read(struct zstd_bits *b, unsigned int n)
{
    u32 v = zstd_bits_peek(b, n);

    b->left -= n;
    return v;
}

/* One cell of an FSE decoding table. */
struct zstd_fse_cell {
    u16 base;       /* next state = base + read(nbits) */
    u8 symbol;
    u8 nbits;
};

/* An FSE decoding table of 1 << log cells (log 0: one cell, RLE). */
struct zstd_fse_table {
    unsigned int log;
    bool valid;
};

/*
 * Read an FSE table description (forward bit stream) at in[0..len) for an
 * alphabet of max_symbol + 1 with accuracy log at most max_log, and build
 * the decoding table into cells.  *used gets the bytes consumed.
 */
int zstd_fse_read(const u8 *in, size_t len, size_t *used,
                  unsigned int max_symbol, unsigned int max_log,
                  struct zstd_fse_cell *cells, unsigned int *log,
                  s16 *norm_scratch);

/* Build a decoding table from a normalised distribution. */
int zstd_fse_build(const s16 *norm, unsigned int nsymbols, unsigned int log,
                   struct zstd_fse_cell *cells);

/* Build the one-cell table of an RLE-coded symbol. */
void zstd_fse_rle(struct zstd_fse_cell *cells, u8 symbol);

/* Huffman decoding table for literals: 1 << max_bits cells. */
struct zstd_huf_cell {
    u8 symbol;
    u8 nbits;
};

/* Decoder state that lives in the workspace (persists across blocks). */
struct zstd_ws {
    struct zstd_huf_cell huf[1u << ZSTD_HUF_LOG_MAX];
    struct zstd_fse_cell ll[1u << ZSTD_LL_LOG_MAX];
    struct zstd_fse_cell ml[1u << ZSTD_ML_LOG_MAX];
    struct zstd_fse_cell of[1u << ZSTD_OF_LOG_MAX];
    struct zstd_fse_cell hw[1u << ZSTD_HUF_WEIGHT_LOG];
    s16 norm[ZSTD_FSE_SYMBOLS_MAX];
    u8 weights[256];
    unsigned int huf_bits;
    bool huf_valid;
    struct zstd_fse_table ll_t, ml_t, of_t;
};

/*
 * Decode the literals section at in[0..len) of a compressed block.  The
 * literals end up either in the input (raw) or at the very end of the
 * output buffer, out[out_size - n .. out_size); lit and nlit say where.
 * *used is the section's size.
 */
int zstd_literals(struct zstd_ws *ws, const u8 *in, size_t len, size_t *used,
                  u8 *out, size_t out_size, size_t out_pos,
                  const u8 **lit, size_t *nlit, const char **reason);

#endif /* XEN_COMMON_DECOMPRESS_ZSTD_PRIVATE_H */
