/*
 * mkcompress.c: compress test kernels as Linux's build does and wrap them
 * in a bzImage (see mkimage.h).
 */
#include <bzlib.h>
#include <lz4.h>
#include <lz4frame.h>
#include <lz4hc.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "mkimage.h"

const char *const mk_comp_name[MK_NR_COMP] = {
    "gzip", "bzip2", "lzma", "xz", "lz4-legacy", "lz4", "zstd",
};

static void die(const char *what)
{
    fprintf(stderr, "mkimage: %s failed\n", what);
    exit(2);
}

static size_t mk_gzip(const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
    z_stream z;

    memset(&z, 0, sizeof(z));
    if ( deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
                      Z_DEFAULT_STRATEGY) != Z_OK )
        die("deflateInit2");
    z.next_in = (Bytef *)in;
    z.avail_in = len;
    z.next_out = out;
    z.avail_out = cap;
    if ( deflate(&z, Z_FINISH) != Z_STREAM_END )
        die("deflate");
    deflateEnd(&z);
    return z.total_out;
}

/* Like xz(1), shrink the dictionary to what an input of len bytes needs. */
static uint32_t dict_for(size_t len, uint32_t dict)
{
    while ( dict > 4096 && dict / 2 >= len )
        dict /= 2;
    return dict;
}

/* xz --check=crc32 --x86 --lzma2=,dict=32MiB (scripts/xz_wrap.sh) */
static size_t mk_xz(const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
    lzma_options_lzma opt;
    lzma_filter filters[3];
    size_t pos = 0;

    if ( lzma_lzma_preset(&opt, 6) )
        die("lzma_lzma_preset");
    opt.dict_size = dict_for(len, 32u << 20);
    filters[0].id = LZMA_FILTER_X86;
    filters[0].options = NULL;
    filters[1].id = LZMA_FILTER_LZMA2;
    filters[1].options = &opt;
    filters[2].id = LZMA_VLI_UNKNOWN;
    if ( lzma_stream_buffer_encode(filters, LZMA_CHECK_CRC32, NULL, in, len,
                                   out, &pos, cap) != LZMA_OK )
        die("lzma_stream_buffer_encode");
    return pos;
}

static size_t mk_lzma(const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
    lzma_stream z = LZMA_STREAM_INIT;
    lzma_options_lzma opt;

    if ( lzma_lzma_preset(&opt, 6) )
        die("lzma_lzma_preset");
    opt.dict_size = dict_for(len, opt.dict_size);
    if ( lzma_alone_encoder(&z, &opt) )
        die("lzma_alone_encoder");
    z.next_in = in;
    z.avail_in = len;
    z.next_out = out;
    z.avail_out = cap;
    if ( lzma_code(&z, LZMA_FINISH) != LZMA_STREAM_END )
        die("lzma_code");
    lzma_end(&z);
    return z.total_out;
}

/* lz4 -l: the legacy frame, 8 MiB blocks each behind its u32 length. */
static size_t mk_lz4_legacy(const uint8_t *in, size_t len, uint8_t *out,
                            size_t cap)
{
    size_t pos = 4, done = 0, chunk;
    int n;

    mk_put32(out, 0x184c2102);
    while ( done < len )
    {
        chunk = len - done < (8u << 20) ? len - done : (8u << 20);
        n = LZ4_compress_HC((const char *)in + done, (char *)out + pos + 4,
                            chunk, cap - pos - 4, 9);
        if ( n <= 0 )
            die("LZ4_compress_HC");
        mk_put32(out + pos, n);
        pos += 4 + n;
        done += chunk;
    }
    return pos;
}

/* lz4 and zstd, as their command-line tools: with content checksums. */
static size_t mk_lz4_frame(const uint8_t *in, size_t len, uint8_t *out,
                           size_t cap)
{
    LZ4F_preferences_t prefs;
    size_t n;

    memset(&prefs, 0, sizeof(prefs));
    prefs.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
    prefs.frameInfo.contentSize = len;
    n = LZ4F_compressFrame(out, cap, in, len, &prefs);
    if ( LZ4F_isError(n) )
        die("LZ4F_compressFrame");
    return n;
}

static size_t mk_zstd(const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
    ZSTD_CCtx *c = ZSTD_createCCtx();
    size_t n;

    if ( !c || ZSTD_isError(ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel,
                                                   19)) ||
         ZSTD_isError(ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1)) )
        die("ZSTD_CCtx_setParameter");
    n = ZSTD_compress2(c, out, cap, in, len);
    if ( ZSTD_isError(n) )
        die("ZSTD_compress2");
    ZSTD_freeCCtx(c);
    return n;
}

uint8_t *mk_compress(enum mk_comp comp, const uint8_t *in, size_t len,
                     size_t *out_len)
{
    size_t cap = len + len / 2 + (1u << 16), n = 0;
    unsigned int bzlen;
    uint8_t *out = mk_alloc(cap);

    switch ( comp )
    {
    case MK_GZIP:
        n = mk_gzip(in, len, out, cap);
        break;
    case MK_BZIP2:
        bzlen = cap;
        /* Blocks no larger than needed: the decoder allocates for them. */
        if ( BZ2_bzBuffToBuffCompress((char *)out, &bzlen, (char *)in, len,
                                      len < 800000 ? len / 100000 + 1 : 9, 0,
                                      0) != BZ_OK )
            die("BZ2_bzBuffToBuffCompress");
        n = bzlen;
        break;
    case MK_LZMA:
        n = mk_lzma(in, len, out, cap);
        break;
    case MK_XZ:
        n = mk_xz(in, len, out, cap);
        break;
    case MK_LZ4_LEGACY:
        n = mk_lz4_legacy(in, len, out, cap);
        break;
    case MK_LZ4_FRAME:
        n = mk_lz4_frame(in, len, out, cap);
        if ( LZ4F_isError(n) )
            die("LZ4F_compressFrame");
        break;
    case MK_ZSTD:
        n = mk_zstd(in, len, out, cap);
        break;
    case MK_NR_COMP:
        die("compression type");
    }
    *out_len = n;
    return out;
}

uint8_t *mk_bzimage(const uint8_t *payload, size_t plen, int append_size,
                    uint32_t usize, size_t *len)
{
    size_t setup = (MK_BZ_SETUP_SECTS + 1) * 512;
    size_t off = MK_BZ_PAYLOAD_OFF, total, i;
    size_t total_payload = plen + (append_size ? 4 : 0);
    uint8_t *b;

    total = off + total_payload + 0x100;
    b = mk_alloc(total);
    memcpy(b, "MZ", 2);
    b[0x1f1] = MK_BZ_SETUP_SECTS;
    mk_put16(b + 0x1fe, 0xaa55);
    memcpy(b + 0x202, "HdrS", 4);
    mk_put16(b + 0x206, 0x020f);
    mk_put16(b + 0x20e, 0x400 - 0x200);
    memcpy(b + 0x400, MK_BZ_VERSION_STR, sizeof(MK_BZ_VERSION_STR));
    mk_put32(b + 0x248, off - setup);
    mk_put32(b + 0x24c, total_payload);
    for ( i = setup; i < off; i++ )
        b[i] = 0xcc; /* the decompressor's head code */
    memcpy(b + off, payload, plen);
    if ( append_size )
        mk_put32(b + off + plen, usize);
    for ( i = off + total_payload; i < total; i++ )
        b[i] = 0x90;
    *len = total;
    return b;
}
