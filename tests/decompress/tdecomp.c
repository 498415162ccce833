/*
 * Host test driver for the hypervisor's decompressors (xen/common/decompress).
 *
 *   tdecomp check FMT FLAGS NAME COMPRESSED ORIGINAL [NAME COMPRESSED ORIGINAL]...
 *       Decode each COMPRESSED (made by the real tool from ORIGINAL) and run
 *       the battery below, one PASS/FAIL line each:
 *         NAME/decode     exact-size output equals ORIGINAL, whole input used
 *         NAME/roomy      same with a much larger output buffer, and via the
 *                         format-detecting decompress()
 *         NAME/truncate   every tested prefix fails with -ENODATA
 *         NAME/bitflip    single-bit corruptions fail cleanly or, where the
 *                         format has a checksum, still give ORIGINAL
 *         NAME/overflow   too small an output buffer gives -ENOSPC
 *         NAME/trailing   bytes after the stream are left alone
 *         NAME/checksum   a corrupted stored checksum gives -EBADMSG
 *         NAME/size       a wrong stored size gives -EBADMSG
 *       FLAGS: "nocheck" (no content checksum), "legacy" (lz4 legacy frame),
 *       or "-" for none.
 *   tdecomp expect FMT NAME COMPRESSED ERRNO
 *       Decoding must fail with -ERRNO (e.g. EOPNOTSUPP), with a reason.
 *   tdecomp args
 *       Argument checks common to all decoders.
 *
 * Buffers are malloc'ed to their exact sizes so that AddressSanitizer sees
 * any access outside them.  FMT is gzip, xz, lz4, zstd or auto.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/decompress.h>

/* The hypervisor's errno values are what the decoders return. */
#include <xen/errno.h>

/* Internal to the decoders (xxhash.c), used to re-seal lz4 headers. */
uint32_t xxh32(const uint8_t *p, size_t len, uint32_t seed);

typedef int (*decoder_fn)(const void *, size_t, void *, size_t, void *, size_t,
                          struct decompress_result *);

struct buf {
    unsigned char *p;
    size_t len;
};

static int failures;

static void report(int ok, const char *name, const char *what, const char *why)
{
    printf("%s: %s/%s", ok ? "PASS" : "FAIL", name, what);
    if ( !ok && why )
        printf(" (%s)", why);
    printf("\n");
    if ( !ok )
        failures++;
}

static struct buf slurp(const char *path)
{
    struct buf b = { NULL, 0 };
    FILE *f = fopen(path, "rb");
    long n;

    if ( !f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 )
    {
        fprintf(stderr, "tdecomp: cannot read %s\n", path);
        exit(2);
    }
    rewind(f);
    b.len = (size_t)n;
    b.p = malloc(b.len ? b.len : 1);
    if ( !b.p || fread(b.p, 1, b.len, f) != b.len )
    {
        fprintf(stderr, "tdecomp: cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    return b;
}

static decoder_fn decoder(const char *fmt)
{
    if ( !strcmp(fmt, "gzip") )
        return gunzip;
    if ( !strcmp(fmt, "xz") )
        return unxz;
    if ( !strcmp(fmt, "lz4") )
        return unlz4;
    if ( !strcmp(fmt, "zstd") )
        return unzstd;
    if ( !strcmp(fmt, "auto") )
        return NULL;
    fprintf(stderr, "tdecomp: unknown format %s\n", fmt);
    exit(2);
}

/*
 * Run one decode of in[0..in_len) (copied to an exact-size buffer) into a
 * fresh out_size buffer.  *out gets that buffer (caller frees).
 */
static int run(decoder_fn fn, const unsigned char *in, size_t in_len,
               size_t out_size, unsigned char **out,
               struct decompress_result *res)
{
    unsigned char *inb = malloc(in_len ? in_len : 1);
    unsigned char *ob = malloc(out_size ? out_size : 1);
    size_t ws_size = fn == gunzip ? GUNZIP_WORKSPACE_SIZE :
                     fn == unxz ? UNXZ_WORKSPACE_SIZE :
                     fn == unzstd ? UNZSTD_WORKSPACE_SIZE :
                     fn == unlz4 ? UNLZ4_WORKSPACE_SIZE :
                     decompress_workspace_size(decompress_detect(in, in_len));
    void *ws = ws_size ? malloc(ws_size) : NULL;
    int rc;

    memcpy(inb, in, in_len);
    memset(res, 0xa5, sizeof(*res));
    rc = fn ? fn(inb, in_len, ob, out_size, ws, ws_size, res)
            : decompress(inb, in_len, ob, out_size, ws, ws_size, res);
    /* Contract: on failure a reason; sizes never beyond the buffers. */
    if ( rc && !res->reason )
        rc = -9999;
    if ( !rc && res->reason )
        rc = -9998;
    if ( res->out_len > out_size || res->in_used > in_len )
        rc = -9997;
    free(inb);
    free(ws);
    *out = ob;
    return rc;
}

static const char *errname(int rc)
{
    static char buf[32];

    switch ( -rc )
    {
    case 0:          return "success";
    case EINVAL:     return "EINVAL";
    case ENOEXEC:    return "ENOEXEC";
    case ENODATA:    return "ENODATA";
    case EILSEQ:     return "EILSEQ";
    case EBADMSG:    return "EBADMSG";
    case ENOSPC:     return "ENOSPC";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case 9999:       return "error without a reason";
    case 9998:       return "success with a reason";
    case 9997:       return "sizes beyond the buffers";
    }
    snprintf(buf, sizeof(buf), "%d", rc);
    return buf;
}

/* Deterministic pseudo-random numbers (a 64-bit LCG). */
static uint64_t rng_state;

static uint64_t rng(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return rng_state >> 17;
}

/* Expect rc == want; otherwise describe what happened into why. */
static int expect_rc(int rc, int want, char *why, size_t n, const char *ctx)
{
    if ( rc == want )
        return 1;
    snprintf(why, n, "%s: got %s, want %s", ctx, errname(rc), errname(want));
    return 0;
}

struct stream_info {
    int legacy, nocheck;
    size_t check_off, check_len;  /* stored checksum to corrupt, if any */
    size_t size_off;              /* stored size to corrupt, or SIZE_MAX */
    int size_fix;                 /* 1: xz index CRC, 2: lz4 header checksum */
    size_t fix_off, fix_len;
};

static uint32_t crc32_host(const unsigned char *p, size_t n)
{
    uint32_t c = ~0u;
    size_t i;
    int b;

    for ( i = 0; i < n; i++ )
    {
        c ^= p[i];
        for ( b = 0; b < 8; b++ )
            c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    }
    return ~c;
}

static uint32_t le32(const unsigned char *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void put_le32(unsigned char *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

/* Where each format stores its checksum and size (for the targeted tests). */
static void locate(const char *fmt, const struct buf *c, size_t used,
                   struct stream_info *si)
{
    si->check_len = 0;
    si->size_off = SIZE_MAX;
    si->size_fix = 0;
    if ( !strcmp(fmt, "gzip") && used >= 8 )
    {
        si->check_off = used - 8;
        si->check_len = 4;
        si->size_off = used - 4;
    }
    else if ( !strcmp(fmt, "xz") && used >= 24 )
    {
        /* Footer: backward size; index before it; last block's check. */
        size_t isz = ((size_t)le32(c->p + used - 8) + 1) * 4;
        unsigned int id = c->p[7] & 15;
        size_t csz = id ? 4u << ((id - 1) / 3) : 0;
        size_t istart = used - 12 - isz, p = istart + 1;

        if ( csz && c->p[istart + 1] != 0 )
        {
            si->check_off = istart - csz;
            si->check_len = csz;
        }
        /* First record's uncompressed size: skip count and unpadded size. */
        while ( c->p[p] & 0x80 )
            p++;
        p++;
        while ( c->p[p] & 0x80 )
            p++;
        p++;
        if ( c->p[istart + 1] != 0 )
        {
            si->size_off = p;
            si->size_fix = 1;
            si->fix_off = istart;
            si->fix_len = isz - 4;
        }
    }
    else if ( !strcmp(fmt, "zstd") && used >= 9 )
    {
        unsigned char fhd = c->p[4];
        int single = fhd & 0x20;
        static const size_t did[4] = { 0, 1, 2, 4 };
        size_t fcs = (fhd >> 6) ? (size_t)1 << (fhd >> 6) : (single ? 1 : 0);

        if ( fhd & 4 )
        {
            si->check_off = used - 4;
            si->check_len = 4;
        }
        if ( fcs )
            si->size_off = 5 + (single ? 0 : 1) + did[fhd & 3];
    }
    else if ( !strcmp(fmt, "lz4") && !si->legacy && used >= 11 )
    {
        unsigned char flg = c->p[4];

        if ( flg & 4 )
        {
            si->check_off = used - 4;
            si->check_len = 4;
        }
        if ( flg & 8 )
        {
            si->size_off = 6;
            si->size_fix = 2;
            si->fix_off = 4;
            si->fix_len = 10 + ((flg & 1) ? 4 : 0);
        }
    }
}

/* Re-seal a mutated size field so only the size check can catch it. */
static void fixup(struct buf *m, const struct stream_info *si)
{
    if ( si->size_fix == 1 )
        put_le32(m->p + si->fix_off + si->fix_len,
                 crc32_host(m->p + si->fix_off, si->fix_len));
    else if ( si->size_fix == 2 )
    {
        /* lz4 header checksum: second byte of xxh32 of the descriptor. */
        m->p[si->fix_off + si->fix_len] =
            (uint8_t)(xxh32(m->p + si->fix_off, si->fix_len, 0) >> 8);
    }
}

static int same(const unsigned char *out, const struct decompress_result *r,
                const struct buf *orig)
{
    return r->out_len == orig->len && !memcmp(out, orig->p, orig->len);
}

static void check_stream(const char *fmt, const char *name,
                         const struct buf *c, const struct buf *o,
                         const char *flags)
{
    decoder_fn fn = decoder(fmt);
    struct decompress_result r;
    struct stream_info si;
    unsigned char *out;
    char why[256] = "";
    int rc, ok, i, n;
    size_t used;

    memset(&si, 0, sizeof(si));
    si.legacy = flags && strstr(flags, "legacy");
    si.nocheck = flags && strstr(flags, "nocheck");
    rng_state = c->len * 2654435761u + 1;

    /* decode */
    rc = run(fn, c->p, c->len, o->len, &out, &r);
    ok = expect_rc(rc, 0, why, sizeof(why), "exact buffer");
    if ( ok && !same(out, &r, o) )
    {
        ok = 0;
        snprintf(why, sizeof(why), "output differs (%zu vs %zu bytes)",
                 r.out_len, o->len);
    }
    if ( ok && r.in_used != c->len )
    {
        ok = 0;
        snprintf(why, sizeof(why), "used %zu of %zu input bytes", r.in_used,
                 c->len);
    }
    used = r.in_used;
    free(out);
    report(ok, name, "decode", why);
    if ( !ok )
        return;

    /* size-hint: what the stream says it will produce, where it says. */
    {
        const char *hint_why = NULL;
        size_t hint = 0;

        rc = decompress_output_size(c->p, c->len, &hint, &hint_why);
        if ( rc == 0 )
            ok = hint == o->len;
        else
            ok = rc == -EOPNOTSUPP && !strcmp(fmt, "lz4") && hint_why;
        snprintf(why, sizeof(why), "rc %d (%s), size %zu, want %zu", rc,
                 hint_why ? hint_why : "-", hint, o->len);
        report(ok, name, "size-hint", why);
    }

    /* roomy: large output buffer, and the auto-detecting entry point. */
    rc = run(fn, c->p, c->len, o->len + 300000, &out, &r);
    ok = expect_rc(rc, 0, why, sizeof(why), "large buffer") && same(out, &r, o);
    free(out);
    if ( ok )
    {
        rc = run(NULL, c->p, c->len, o->len, &out, &r);
        ok = expect_rc(rc, 0, why, sizeof(why), "decompress()") &&
             same(out, &r, o);
        free(out);
    }
    report(ok, name, "roomy", why);

    /* truncate */
    /* Eight short prefixes (headers), then cuts at random places. */
    n = 8 + (o->len > 1000000 ? 3 : c->len > 100000 ? 6 : 32);
    ok = 1;
    for ( i = 0; i <= n && ok; i++ )
    {
        size_t len = i < 8 ? (size_t)i : c->len - 1 - rng() % c->len;

        if ( len >= c->len )
            continue;
        rc = run(fn, c->p, len, o->len, &out, &r);
        if ( si.legacy && rc == 0 )
        {
            /* No end mark: a cut at a block boundary is a shorter stream. */
            if ( !(r.out_len < o->len && !memcmp(out, o->p, r.out_len)) )
            {
                ok = 0;
                snprintf(why, sizeof(why), "cut at %zu decoded wrongly", len);
            }
        }
        else if ( rc != -ENODATA )
        {
            ok = 0;
            snprintf(why, sizeof(why), "cut at %zu of %zu: got %s", len,
                     c->len, errname(rc));
        }
        free(out);
    }
    report(ok, name, "truncate", why);

    /* bitflip */
    n = (int)(10000000 / (o->len + c->len + 1));
    n = n < 4 ? 4 : n > 150 ? 150 : n;
    ok = 1;
    for ( i = 0; i < n && ok; i++ )
    {
        size_t pos = i < 12 && (size_t)i < c->len ? (size_t)i : rng() % c->len;
        unsigned char bit = 1u << (rng() % 8);
        struct buf m = { malloc(c->len), c->len };

        memcpy(m.p, c->p, c->len);
        m.p[pos] ^= bit;
        {
            /* The size hint must cope with damage too (ASan watches). */
            size_t hint;
            const char *hw;

            (void)decompress_output_size(m.p, m.len, &hint, &hw);
        }
        rc = run(fn, m.p, m.len, o->len, &out, &r);
        free(m.p);
        switch ( -rc )
        {
        case 0:
            if ( !si.nocheck && !si.legacy && !same(out, &r, o) )
            {
                ok = 0;
                snprintf(why, sizeof(why),
                         "flip at %zu accepted with different output", pos);
            }
            break;
        case EILSEQ: case EBADMSG: case ENODATA: case ENOSPC: case EOPNOTSUPP:
        case ENOEXEC:
            break;
        default:
            ok = 0;
            snprintf(why, sizeof(why), "flip at %zu: %s", pos, errname(rc));
        }
        free(out);
    }
    report(ok, name, "bitflip", why);

    /* overflow */
    if ( o->len > 0 )
    {
        rc = run(fn, c->p, c->len, o->len - 1, &out, &r);
        free(out);
        ok = expect_rc(rc, -ENOSPC, why, sizeof(why), "one byte short");
        if ( ok )
        {
            rc = run(fn, c->p, c->len, o->len / 2, &out, &r);
            free(out);
            ok = expect_rc(rc, -ENOSPC, why, sizeof(why), "half size");
        }
        if ( ok )
        {
            rc = run(fn, c->p, c->len, 0, &out, &r);
            free(out);
            ok = expect_rc(rc, -ENOSPC, why, sizeof(why), "no room");
        }
        report(ok, name, "overflow", why);
    }

    /* trailing */
    if ( !si.legacy )
    {
        struct buf m = { malloc(c->len + 16), c->len + 16 };

        memcpy(m.p, c->p, c->len);
        memset(m.p + c->len, 0x5a, 16);
        rc = run(fn, m.p, m.len, o->len, &out, &r);
        ok = expect_rc(rc, 0, why, sizeof(why), "trailing bytes") &&
             same(out, &r, o);
        if ( ok && r.in_used != used )
        {
            ok = 0;
            snprintf(why, sizeof(why), "in_used %zu, want %zu", r.in_used, used);
        }
        free(out);
        free(m.p);
        report(ok, name, "trailing", why);
    }

    locate(fmt, c, used, &si);
    if ( si.check_len && !si.nocheck )
    {
        struct buf m = { malloc(c->len), c->len };

        memcpy(m.p, c->p, c->len);
        m.p[si.check_off + rng() % si.check_len] ^= 1u << (rng() % 8);
        rc = run(fn, m.p, m.len, o->len, &out, &r);
        ok = expect_rc(rc, -EBADMSG, why, sizeof(why), "bad checksum");
        free(out);
        free(m.p);
        report(ok, name, "checksum", why);
    }
    if ( si.size_off != SIZE_MAX )
    {
        struct buf m = { malloc(c->len), c->len };

        memcpy(m.p, c->p, c->len);
        /* Raise the size: zstd's single-segment window is the size too. */
        if ( m.p[si.size_off] <= 253 )
            m.p[si.size_off] += 2;
        else
            m.p[si.size_off] ^= 1;
        fixup(&m, &si);
        rc = run(fn, m.p, m.len, o->len + 64, &out, &r);
        ok = expect_rc(rc, -EBADMSG, why, sizeof(why), "wrong size");
        free(out);
        free(m.p);
        report(ok, name, "size", why);
    }
}

static int errno_by_name(const char *s)
{
    static const struct { const char *n; int v; } t[] = {
        { "EINVAL", EINVAL }, { "ENOEXEC", ENOEXEC }, { "ENODATA", ENODATA },
        { "EILSEQ", EILSEQ }, { "EBADMSG", EBADMSG }, { "ENOSPC", ENOSPC },
        { "EOPNOTSUPP", EOPNOTSUPP },
    };
    size_t i;

    for ( i = 0; i < sizeof(t) / sizeof(t[0]); i++ )
        if ( !strcmp(s, t[i].n) )
            return -t[i].v;
    fprintf(stderr, "tdecomp: unknown errno %s\n", s);
    exit(2);
}

/* Argument checks shared by all decoders. */
static void check_args(void)
{
    static const struct { const char *n; decoder_fn fn; size_t ws; } d[] = {
        { "gzip", gunzip, GUNZIP_WORKSPACE_SIZE },
        { "xz", unxz, UNXZ_WORKSPACE_SIZE },
        { "zstd", unzstd, UNZSTD_WORKSPACE_SIZE },
    };
    static const unsigned char junk[16] = "this is not it!";
    struct decompress_result r;
    unsigned char out[16];
    char why[128] = "";
    size_t i;
    int ok;

    for ( i = 0; i < sizeof(d) / sizeof(d[0]); i++ )
    {
        unsigned char *ws = malloc(d[i].ws + 8);
        char name[32];

        snprintf(name, sizeof(name), "args-%s", d[i].n);
        ok = expect_rc(d[i].fn(junk, sizeof(junk), out, sizeof(out), ws,
                               d[i].ws - 1, &r), -EINVAL, why, sizeof(why),
                       "short workspace") &&
             expect_rc(d[i].fn(junk, sizeof(junk), out, sizeof(out), ws + 1,
                               d[i].ws, &r), -EINVAL, why, sizeof(why),
                       "misaligned workspace") &&
             expect_rc(d[i].fn(NULL, 0, out, sizeof(out), ws, d[i].ws, &r),
                       -EINVAL, why, sizeof(why), "NULL input") &&
             expect_rc(d[i].fn(junk, sizeof(junk), out, sizeof(out), ws,
                               d[i].ws, &r), -ENOEXEC, why, sizeof(why),
                       "bad magic") &&
             r.reason != NULL &&
             expect_rc(d[i].fn(junk, sizeof(junk), out, sizeof(out), ws,
                               d[i].ws, NULL), -ENOEXEC, why, sizeof(why),
                       "NULL result");
        report(ok, name, "checks", why);
        free(ws);
    }
    ok = expect_rc(unlz4(junk, sizeof(junk), out, sizeof(out), NULL, 0, &r),
                   -ENOEXEC, why, sizeof(why), "bad magic") &&
         expect_rc(decompress(junk, sizeof(junk), out, sizeof(out), NULL, 0,
                              &r), -ENOEXEC, why, sizeof(why), "unknown") &&
         decompress_detect(junk, sizeof(junk)) == DECOMPRESS_UNKNOWN &&
         !strcmp(decompress_format_name(DECOMPRESS_XZ), "xz") &&
         decompress_workspace_size(DECOMPRESS_ZSTD) == UNZSTD_WORKSPACE_SIZE;
    report(ok, "args-lz4-detect", "checks", why);
}

/* One hand-made stream and the errno it must produce. */
struct crafted {
    const char *name;
    decoder_fn fn;
    const char *bytes;
    size_t len;
    int want;
};

/* Streams made by hand to hit one specific check each. */
static void check_crafted(void)
{
#define C(name, fn, bytes, want) { name, fn, bytes, sizeof(bytes) - 1, want }
    static const struct crafted t[] = {
        /* gzip: 10-byte header, then deflate. */
        C("gzip/reserved-flag", gunzip,
          "\x1f\x8b\x08\x20\0\0\0\0\0\x03\x03\0", -EILSEQ),
        C("gzip/not-deflate", gunzip,
          "\x1f\x8b\x09\0\0\0\0\0\0\x03\x03\0", -EOPNOTSUPP),
        C("gzip/block-type-3", gunzip,
          "\x1f\x8b\x08\0\0\0\0\0\0\x03\x07\0\0\0\0\0\0\0\0", -EILSEQ),
        C("gzip/stored-nlen-mismatch", gunzip,
          "\x1f\x8b\x08\0\0\0\0\0\0\x03\x01\x05\0\0\0hello", -EILSEQ),
        /* Fixed block: length 3 at distance 1 before any output. */
        C("gzip/distance-too-far", gunzip,
          "\x1f\x8b\x08\0\0\0\0\0\0\x03\x03\x02\0\0\0\0\0\0\0\0", -EILSEQ),
        C("gzip/header-crc", gunzip,
          "\x1f\x8b\x08\x02\0\0\0\0\0\x03\xff\xff\x03\0", -EBADMSG),
        /* lz4 legacy: magic, u32 block size, block. */
        C("lz4/offset-before-start", unlz4,
          "\x02\x21\x4c\x18\x03\0\0\0\x00\x01\x00", -EILSEQ),
        C("lz4/block-size-zero", unlz4, "\x02\x21\x4c\x18\0\0\0\0", -EILSEQ),
        C("lz4/block-size-absurd", unlz4,
          "\x02\x21\x4c\x18\xff\xff\xff\x7f", -EILSEQ),
        C("lz4/ends-after-match", unlz4,
          "\x02\x21\x4c\x18\x04\0\0\0\x10\x61\x01\x00", -EILSEQ),
        C("lz4/literals-past-block", unlz4,
          "\x02\x21\x4c\x18\x02\0\0\0\x50\x61", -EILSEQ),
        C("lz4/partial-block-header", unlz4,
          "\x02\x21\x4c\x18\x02\0\0\0\x10\x61\x01", -ENODATA),
        C("lz4/frame-version-0", unlz4,
          "\x04\x22\x4d\x18\x00\x40\x00\0\0\0\0", -EILSEQ),
        /* zstd: magic, frame header, blocks. */
        C("zstd/reserved-header-bit", unzstd,
          "\x28\xb5\x2f\xfd\x28\x05\x01\0\0", -EILSEQ),
        C("zstd/dictionary", unzstd,
          "\x28\xb5\x2f\xfd\x01\x00\x05\x01\0\0", -EOPNOTSUPP),
        C("zstd/reserved-block-type", unzstd,
          "\x28\xb5\x2f\xfd\x20\x05\x07\0\0", -EILSEQ),
        C("zstd/block-beyond-window", unzstd,
          "\x28\xb5\x2f\xfd\x20\x05\x31\0\0abcdef", -EILSEQ),
        C("zstd/rle-past-content-size", unzstd,
          "\x28\xb5\x2f\xfd\x20\x05\x33\0\0a", -EILSEQ),
        C("zstd/short-content", unzstd,
          "\x28\xb5\x2f\xfd\x20\x05\x21\0\0abcd", -EBADMSG),
        /* xz: stream header with its CRC32. */
        C("xz/header-crc", unxz,
          "\xfd" "7zXZ\0\0\x01\0\0\0\0", -EBADMSG),
        C("xz/reserved-check-id", unxz,
          "\xfd" "7zXZ\0\0\x02\xd3\x73\xd7\xaf", -EOPNOTSUPP),
    };
#undef C
    size_t i;

    for ( i = 0; i < sizeof(t) / sizeof(t[0]); i++ )
    {
        struct decompress_result r;
        unsigned char *out;
        char why[160] = "";
        int rc = run(t[i].fn, (const unsigned char *)t[i].bytes, t[i].len, 64,
                     &out, &r);

        free(out);
        report(expect_rc(rc, t[i].want, why, sizeof(why), "crafted"),
               t[i].name, "crafted", why);
    }
}

int main(int argc, char **argv)
{
    if ( argc >= 7 && (argc - 4) % 3 == 0 && !strcmp(argv[1], "check") )
    {
        int i;

        for ( i = 4; i < argc; i += 3 )
        {
            struct buf c = slurp(argv[i + 1]), o = slurp(argv[i + 2]);

            check_stream(argv[2], argv[i], &c, &o,
                         strcmp(argv[3], "-") ? argv[3] : NULL);
            free(c.p);
            free(o.p);
        }
    }
    else if ( argc == 6 && !strcmp(argv[1], "expect") )
    {
        struct buf c = slurp(argv[4]);
        struct decompress_result r;
        unsigned char *out;
        char why[256] = "";
        int rc = run(decoder(argv[2]), c.p, c.len, 1 << 24, &out, &r);

        report(expect_rc(rc, errno_by_name(argv[5]), why, sizeof(why),
                         "decode"), argv[3], "refused", why);
        free(out);
        free(c.p);
    }
    else if ( argc == 2 && !strcmp(argv[1], "args") )
    {
        check_args();
        check_crafted();
    }
    else
    {
        fprintf(stderr,
                "usage: tdecomp check FMT FLAGS NAME COMPRESSED ORIGINAL...\n"
                "       tdecomp expect FMT NAME COMPRESSED ERRNO\n"
                "       tdecomp args\n");
        return 2;
    }
    return failures ? 1 : 0;
}
