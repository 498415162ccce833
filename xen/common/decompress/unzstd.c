/*
 * Zstandard frame decoder (RFC 8878): frame header, raw/RLE/compressed
 * blocks, sequences with FSE-coded literal lengths, match lengths and
 * offsets, repeat offsets, and the xxHash64 content checksum.  One frame is
 * decoded into the output buffer, which is also the window; dictionaries
 * are not supported (a frame that names one is refused).
 */
#include "zstd_private.h"

#define ZSTD_MAGIC 0xFD2FB528u

_Static_assert(sizeof(struct zstd_ws) <= UNZSTD_WORKSPACE_SIZE,
               "UNZSTD_WORKSPACE_SIZE too small");

/* Predefined distributions (RFC 8878 3.1.1.3.2.2). */
static const s16 ll_default[36] = {
    4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
    -1, -1, -1, -1 };
static const s16 ml_default[53] = {
    1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
    -1, -1, -1, -1, -1 };
static const s16 of_default[29] = {
    1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1 };

/* Literal-length and match-length codes: baseline and extra bits. */
static const u32 ll_base[36] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096,
    8192, 16384, 32768, 65536 };
static const u8 ll_bits[36] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12,
    13, 14, 15, 16 };
static const u32 ml_base[53] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
    19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
    35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
    4099, 8195, 16387, 32771, 65539 };
static const u8 ml_bits[53] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11,
    12, 13, 14, 15, 16 };

struct unzstd_state {
    struct zstd_ws *ws;
    u8 *out;
    size_t out_size, pos;
    size_t block_max;
    u32 rep[3];
    const char *reason;
};

/*
 * Set up one of the three sequence tables according to its compression
 * mode.  *used gets the bytes of description consumed from in.
 */
static int seq_table(struct unzstd_state *s, unsigned int mode,
                     const u8 *in, size_t len, size_t *used,
                     struct zstd_fse_cell *cells, struct zstd_fse_table *t,
                     const s16 *def, unsigned int def_n, unsigned int def_log,
                     unsigned int max_symbol, unsigned int max_log)
{
    *used = 0;
    switch ( mode )
    {
    case 0:     /* predefined */
        if ( zstd_fse_build(def, def_n, def_log, cells) )
            return -EILSEQ;
        t->log = def_log;
        break;
    case 1:     /* RLE */
        if ( len < 1 || in[0] > max_symbol )
            return -EILSEQ;
        zstd_fse_rle(cells, in[0]);
        t->log = 0;
        *used = 1;
        break;
    case 2:     /* FSE-compressed */
        if ( zstd_fse_read(in, len, used, max_symbol, max_log, cells, &t->log,
                           s->ws->norm) )
            return -EILSEQ;
        break;
    default:    /* repeat */
        if ( !t->valid )
            return -EILSEQ;
        return 0;
    }
    t->valid = true;
    return 0;
}

/* Resolve an Offset_Value into an offset, updating the repeat history. */
static u32 seq_offset(struct unzstd_state *s, u32 ov, u32 ll)
{
    u32 off;

    if ( ov > 3 )
        off = ov - 3;
    else
    {
        unsigned int idx = ov - 1 + (ll == 0);

        if ( idx == 0 )
            return s->rep[0];
        off = idx == 3 ? s->rep[0] - 1 : s->rep[idx];
        if ( idx == 1 )
        {
            s->rep[1] = s->rep[0];
            s->rep[0] = off;
            return off;
        }
    }
    s->rep[2] = s->rep[1];
    s->rep[1] = s->rep[0];
    s->rep[0] = off;
    return off;
}

/*
 * Execute one sequence: ll literals from *lit, then a match of ml bytes at
 * offset off.  lit_in_out says the literals sit at the end of the output,
 * in which case writes must stay below the remaining literals.
 */
static int seq_exec(struct unzstd_state *s, const u8 **lit, size_t *nlit,
                    bool lit_in_out, size_t block_start, u32 ll, u32 ml,
                    u32 off)
{
    size_t limit = s->out_size, i;
    const u8 *src;
    u8 *d;

    if ( ll > *nlit )
    {
        s->reason = "zstd sequence uses more literals than there are";
        return -EILSEQ;
    }
    if ( lit_in_out )
        limit = (size_t)(*lit + ll - s->out);
    if ( (size_t)ll + ml > limit - s->pos )
    {
        s->reason = "output buffer too small";
        return -ENOSPC;
    }
    if ( s->pos + ll + ml - block_start > s->block_max )
    {
        s->reason = "zstd block larger than its maximum size";
        return -EILSEQ;
    }
    memmove(s->out + s->pos, *lit, ll);
    *lit += ll;
    *nlit -= ll;
    s->pos += ll;

    if ( off == 0 || off > s->pos )
    {
        s->reason = "zstd match offset out of range";
        return -EILSEQ;
    }
    d = s->out + s->pos;
    src = d - off;
    for ( i = 0; i < ml; i++ )
        d[i] = src[i];
    s->pos += ml;
    return 0;
}

/* The sequences section in[0..len) of a compressed block, then execute. */
static int zstd_sequences(struct unzstd_state *s, const u8 *in, size_t len,
                          const u8 *lit, size_t nlit, bool lit_in_out,
                          size_t block_start)
{
    struct zstd_ws *ws = s->ws;
    size_t ip = 0, used;
    u32 nseq, i, st_ll, st_of, st_ml;
    struct zstd_bits b;
    unsigned int modes;
    int rc;

    s->reason = "corrupt zstd sequences section";
    if ( len < 1 )
        return -EILSEQ;
    nseq = in[0];
    ip = 1;
    if ( nseq >= 128 )
    {
        if ( nseq == 255 )
        {
            if ( len < 3 )
                return -EILSEQ;
            nseq = get_le16(in + 1) + 0x7f00;
            ip = 3;
        }
        else
        {
            if ( len < 2 )
                return -EILSEQ;
            nseq = ((nseq - 128) << 8) + in[1];
            ip = 2;
        }
    }
    if ( nseq == 0 )
    {
        if ( ip != len )
            return -EILSEQ;
        goto tail;
    }

    if ( ip >= len )
        return -EILSEQ;
    modes = in[ip++];
    if ( modes & 3 )
        return -EILSEQ;
    if ( seq_table(s, modes >> 6, in + ip, len - ip, &used, ws->ll, &ws->ll_t,
                   ll_default, 36, 6, ZSTD_LL_MAX_SYMBOL, ZSTD_LL_LOG_MAX) )
        return -EILSEQ;
    ip += used;
    if ( seq_table(s, (modes >> 4) & 3, in + ip, len - ip, &used, ws->of,
                   &ws->of_t, of_default, 29, 5, ZSTD_OF_MAX_SYMBOL,
                   ZSTD_OF_LOG_MAX) )
        return -EILSEQ;
    ip += used;
    if ( seq_table(s, (modes >> 2) & 3, in + ip, len - ip, &used, ws->ml,
                   &ws->ml_t, ml_default, 53, 6, ZSTD_ML_MAX_SYMBOL,
                   ZSTD_ML_LOG_MAX) )
        return -EILSEQ;
    ip += used;

    if ( ip >= len || zstd_bits_init(&b, in + ip, len - ip) )
        return -EILSEQ;
    st_ll = zstd_bits_read(&b, ws->ll_t.log);
    st_of = zstd_bits_read(&b, ws->of_t.log);
    st_ml = zstd_bits_read(&b, ws->ml_t.log);

    for ( i = 0; i < nseq; i++ )
    {
        const struct zstd_fse_cell *cl = &ws->ll[st_ll];
        const struct zstd_fse_cell *co = &ws->of[st_of];
        const struct zstd_fse_cell *cm = &ws->ml[st_ml];
        u32 ov, ml, ll;

        ov = (1u << co->symbol) + zstd_bits_read(&b, co->symbol);
        ml = ml_base[cm->symbol] + zstd_bits_read(&b, ml_bits[cm->symbol]);
        ll = ll_base[cl->symbol] + zstd_bits_read(&b, ll_bits[cl->symbol]);
        if ( b.left < 0 )
            return -EILSEQ;

        if ( (rc = seq_exec(s, &lit, &nlit, lit_in_out, block_start, ll, ml,
                            seq_offset(s, ov, ll))) )
            return rc;

        if ( i + 1 < nseq )
        {
            st_ll = cl->base + zstd_bits_read(&b, cl->nbits);
            st_ml = cm->base + zstd_bits_read(&b, cm->nbits);
            st_of = co->base + zstd_bits_read(&b, co->nbits);
        }
    }
    if ( b.left != 0 )
        return -EILSEQ;

 tail:
    /* Whatever literals remain follow the last sequence. */
    if ( nlit > s->out_size - s->pos )
    {
        s->reason = "output buffer too small";
        return -ENOSPC;
    }
    if ( s->pos + nlit - block_start > s->block_max )
    {
        s->reason = "zstd block larger than its maximum size";
        return -EILSEQ;
    }
    memmove(s->out + s->pos, lit, nlit);
    s->pos += nlit;
    return 0;
}

/* A compressed block in[0..len). */
static int zstd_compressed_block(struct unzstd_state *s, const u8 *in,
                                 size_t len)
{
    const u8 *lit;
    size_t used, nlit;
    int rc;

    rc = zstd_literals(s->ws, in, len, &used, s->out, s->out_size, s->pos,
                       &lit, &nlit, &s->reason);
    if ( rc )
        return rc;
    /* Raw literals stay in the input; the others sit at the output's end. */
    return zstd_sequences(s, in + used, len - used, lit, nlit,
                          nlit && lit == s->out + s->out_size - nlit, s->pos);
}

/* Parse the frame header at in; on success *hlen is its size. */
static int zstd_frame_header(const u8 *in, size_t in_len, size_t *hlen,
                             u64 *fcs, bool *has_fcs, u64 *window,
                             bool *checksum, const char **reason)
{
    static const u8 did_size[4] = { 0, 1, 2, 4 };
    u8 fhd;
    unsigned int fcs_flag, fcs_size, did;
    bool single;
    size_t p = 5;
    u32 dict = 0;
    unsigned int i;

    if ( in_len < 5 )
        goto truncated;
    fhd = in[4];
    fcs_flag = fhd >> 6;
    single = fhd & 0x20;
    if ( fhd & 0x08 )
    {
        *reason = "zstd frame header has the reserved bit set";
        return -EILSEQ;
    }
    *checksum = fhd & 0x04;
    did = did_size[fhd & 3];
    fcs_size = fcs_flag == 0 ? (single ? 1 : 0) : 1u << fcs_flag;

    *window = 0;
    if ( !single )
    {
        unsigned int exp;

        if ( in_len < 6 )
            goto truncated;
        exp = (in[5] >> 3) + 10;
        *window = (1ull << exp) + ((1ull << exp) >> 3) * (in[5] & 7);
        p = 6;
    }
    if ( in_len - p < did + fcs_size )
        goto truncated;
    for ( i = 0; i < did; i++ )
        dict |= (u32)in[p + i] << (8 * i);
    p += did;
    *fcs = 0;
    for ( i = 0; i < fcs_size; i++ )
        *fcs |= (u64)in[p + i] << (8 * i);
    if ( fcs_size == 2 )
        *fcs += 256;
    p += fcs_size;
    *has_fcs = fcs_size != 0;
    if ( single )
        *window = *fcs;
    if ( dict )
    {
        *reason = "zstd frame needs a dictionary";
        return -EOPNOTSUPP;
    }
    *hlen = p;
    return 0;

 truncated:
    *reason = "zstd frame header truncated";
    return -ENODATA;
}

/* See xen/decompress.h. */
int unzstd(const void *in_, size_t in_len, void *out, size_t out_size,
           void *ws, size_t ws_size, struct decompress_result *res)
{
    static const u8 magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };
    const u8 *in = in_;
    struct unzstd_state s;
    size_t ip, n = in_len < 4 ? in_len : 4;
    u64 fcs, window;
    bool has_fcs, checksum;
    int rc;

    if ( !in || (!out && out_size) ||
         !decomp_ws_ok(ws, ws_size, UNZSTD_WORKSPACE_SIZE) )
        return decomp_finish(res, -EINVAL, 0, 0, "bad arguments");
    if ( memcmp(in, magic, n) )
        return decomp_finish(res, -ENOEXEC, 0, 0, "not zstd data (bad magic)");

    memset(&s, 0, sizeof(s));
    s.ws = ws;
    s.out = out;
    s.out_size = out_size;
    s.rep[0] = 1;
    s.rep[1] = 4;
    s.rep[2] = 8;
    s.ws->huf_valid = false;
    s.ws->ll_t.valid = s.ws->ml_t.valid = s.ws->of_t.valid = false;

    rc = zstd_frame_header(in, in_len, &ip, &fcs, &has_fcs, &window,
                           &checksum, &s.reason);
    if ( rc )
        return decomp_finish(res, rc, 0, 0, s.reason);
    if ( has_fcs && fcs > out_size )
        return decomp_finish(res, -ENOSPC, 0, ip, "output buffer too small");
    s.block_max = window < ZSTD_BLOCK_MAX ? (size_t)window : ZSTD_BLOCK_MAX;

    for ( ;; )
    {
        u32 hdr;
        size_t bsize;
        unsigned int type;
        bool last;

        if ( in_len - ip < 3 )
        {
            s.reason = "zstd frame truncated";
            rc = -ENODATA;
            goto out;
        }
        hdr = in[ip] | ((u32)in[ip + 1] << 8) | ((u32)in[ip + 2] << 16);
        ip += 3;
        last = hdr & 1;
        type = (hdr >> 1) & 3;
        bsize = hdr >> 3;

        if ( type == 3 || bsize > s.block_max )
        {
            s.reason = type == 3 ? "zstd reserved block type"
                                 : "zstd block larger than its maximum size";
            rc = -EILSEQ;
            goto out;
        }
        if ( in_len - ip < (type == 1 ? 1 : bsize) )
        {
            s.reason = "zstd frame truncated";
            rc = -ENODATA;
            goto out;
        }
        if ( type != 2 && bsize > out_size - s.pos )
        {
            s.reason = "output buffer too small";
            rc = -ENOSPC;
            goto out;
        }
        switch ( type )
        {
        case 0:
            memcpy(s.out + s.pos, in + ip, bsize);
            s.pos += bsize;
            ip += bsize;
            break;
        case 1:
            memset(s.out + s.pos, in[ip], bsize);
            s.pos += bsize;
            ip += 1;
            break;
        default:
            if ( (rc = zstd_compressed_block(&s, in + ip, bsize)) )
                goto out;
            ip += bsize;
            break;
        }
        if ( last )
            break;
    }

    if ( has_fcs && s.pos != fcs )
    {
        s.reason = "zstd frame content size mismatch";
        rc = -EBADMSG;
        goto out;
    }
    if ( checksum )
    {
        if ( in_len - ip < 4 )
        {
            s.reason = "zstd content checksum truncated";
            rc = -ENODATA;
            goto out;
        }
        if ( get_le32(in + ip) != (u32)xxh64(s.out, s.pos, 0) )
        {
            ip += 4;
            s.reason = "zstd content checksum mismatch";
            rc = -EBADMSG;
            goto out;
        }
        ip += 4;
    }
    rc = 0;

 out:
    return decomp_finish(res, rc, s.pos, ip, s.reason);
}
