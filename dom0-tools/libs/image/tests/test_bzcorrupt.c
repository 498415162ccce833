/*
 * test_bzcorrupt.c: damaged bzImages and compressed streams, decompression
 * bombs, and sweeps of truncations and bit flips.
 */
#include <errno.h>
#include <stdlib.h>

#include "harness.h"
#include "mkimage.h"

#define OFF MK_BZ_PAYLOAD_OFF

static enum mk_comp comp;

/* A bzImage of the Linux preset; *plen gets the payload length. */
static uint8_t *make_bz(enum mk_comp c, size_t *blen, size_t *plen,
                        size_t *elf_len)
{
    struct mk_elf e;
    size_t len, clen;
    uint8_t *elf, *z, *bz;

    mk_elf_linux64(&e);
    elf = mk_elf_build(&e, &len);
    z = mk_compress(c, elf, len, &clen);
    bz = mk_bzimage(z, clen, c != MK_GZIP, len, blen);
    *plen = clen + (c != MK_GZIP ? 4 : 0);
    if ( elf_len )
        *elf_len = len;
    free(z);
    free(elf);
    return bz;
}

/* Open buf with a limit; the error must match, nothing must stay open. */
static void expect_open_err(const uint8_t *buf, size_t len, uint64_t limit,
                            int rc, const char *reason)
{
    struct xenimage *img = xenimage_create();

    if ( limit )
        xenimage_set_limit(img, limit);
    EXPECT_ERR(img, xenimage_open_mem(img, buf, len), rc, reason);
    EXPECT(!xenimage_info(img));
    xenimage_destroy(img);
}

static void test_header_damage(void)
{
    size_t blen, plen;
    uint8_t *bz = make_bz(MK_XZ, &blen, &plen, NULL), *b;
    uint32_t v;

    b = malloc(blen);
#define FRESH() memcpy(b, bz, blen)
    FRESH();
    expect_open_err(b, 0x220, 0, -ENOEXEC,
                    "bzImage: truncated setup header (544 bytes, need 592)");
    mk_put16(b + 0x206, 0x0207);
    expect_open_err(b, blen, 0, -ENOEXEC,
                    "bzImage: boot protocol 2.07 is too old");
    FRESH();
    b[0x1f1] = 255;
    expect_open_err(b, blen, 0, -ENOEXEC,
                    "bzImage: 255 setup sectors extend past the end of the "
                    "file");
    FRESH();
    mk_put32(b + 0x248, 0x10000000);
    expect_open_err(b, blen, 0, -ENOEXEC, "extends past the end of the file");
    FRESH();
    v = b[0x24c] | (b[0x24d] << 8) | (b[0x24e] << 16);
    mk_put32(b + 0x24c, v + 0x1000);
    expect_open_err(b, blen, 0, -ENOEXEC,
                    "truncated or bad payload_offset/length");
    FRESH();
    mk_put32(b + 0x24c, 0);
    expect_open_err(b, blen, 0, -ENOEXEC, "bzImage: payload_length is 0");
    FRESH();
    expect_open_err(b, OFF + plen / 2, 0, -ENOEXEC,
                    "extends past the end of the file");
    memset(b + OFF, 0, 8);
    expect_open_err(b, blen, 0, -ENOEXEC,
                    "bzImage payload is neither ELF nor in a known "
                    "compression format");
    FRESH();
    memcpy(b + OFF, "\x89LZO", 4);
    expect_open_err(b, blen, 0, -EOPNOTSUPP,
                    "lzo compression is not supported");
    FRESH();
    mk_put32(b + OFF + plen - 4, 0);
    expect_open_err(b, blen, 0, -ENOEXEC,
                    "xz payload advertises an uncompressed size of 0");
#undef FRESH
    free(b);
    free(bz);
}

/* A payload that decompresses fine but is not an ELF. */
static void test_not_elf_inside(void)
{
    static const char text[] = "This is not a kernel, just some text.";
    size_t clen, blen;
    uint8_t *z = mk_compress(MK_XZ, (const uint8_t *)text, sizeof(text),
                             &clen);
    uint8_t *bz = mk_bzimage(z, clen, 1, sizeof(text), &blen);

    expect_open_err(bz, blen, 0, -ENOEXEC,
                    "xz payload does not decompress to an ELF image");
    free(bz);
    free(z);
}

/* The trailing size word lies, one way or the other. */
static void test_size_lies(void)
{
    size_t blen, plen, len;
    uint8_t *bz = make_bz(comp, &blen, &plen, &len);
    char want[160];
    const char *name = mk_comp_name[comp];

    mk_put32(bz + OFF + plen - 4, len - 100);
    snprintf(want, sizeof(want), "%s payload decompresses to more than the "
             "%zu bytes it advertises", name, len - 100);
    expect_open_err(bz, blen, 0, -EFBIG, want);

    mk_put32(bz + OFF + plen - 4, len + 100);
    if ( comp == MK_GZIP ) /* zlib compares gzip's own ISIZE first */
        snprintf(want, sizeof(want), "gzip payload is corrupt: incorrect "
                 "length check");
    else
        snprintf(want, sizeof(want), "%s payload decompressed to %zu bytes "
                 "but advertises %zu (truncated or corrupt)", name, len,
                 len + 100);
    expect_open_err(bz, blen, 0, -ENOEXEC, want);
    free(bz);
}

/* The compressed stream stops half way (the size word kept). */
static void test_truncated_stream(void)
{
    size_t blen, plen, cut;
    uint8_t *bz = make_bz(comp, &blen, &plen, NULL);
    char want[96];

    cut = (plen - 4) / 2;
    memmove(bz + OFF + cut, bz + OFF + plen - 4, 4);
    mk_put32(bz + 0x24c, cut + 4);
    if ( comp == MK_GZIP ) /* gzip has no extra size word: the cut shows */
        snprintf(want, sizeof(want), "gzip payload is ");
    else
        snprintf(want, sizeof(want), "%s payload is truncated",
                 mk_comp_name[comp]);
    expect_open_err(bz, blen, 0, -ENOEXEC, want);
    free(bz);
}

/*
 * Damage inside the stream.  Formats with checksums (gzip, bzip2, xz, and
 * lz4 and zstd as their tools write them) catch a flipped bit; the legacy
 * lz4 and lzma formats have none, so their headers are damaged instead.
 */
static void test_damaged_stream(void)
{
    size_t blen, plen;
    uint8_t *bz = make_bz(comp, &blen, &plen, NULL);
    char want[96];

    snprintf(want, sizeof(want), "%s payload is corrupt", mk_comp_name[comp]);
    if ( comp == MK_LZ4_LEGACY )
    {
        mk_put32(bz + OFF + 4, 0x7fffffff);
        strcat(want, ": block length out of range");
    }
    else if ( comp == MK_LZMA )
    {
        bz[OFF + 4] = 0xff; /* dictionary size 4 GiB */
        strcat(want, ": needs a dictionary above 256 MiB");
    }
    else if ( comp == MK_BZIP2 )
    {
        /* A flipped bit can make bzip2 wait for more input; its block CRC
         * (after "BZhN" and the block magic) is what catches damage. */
        bz[OFF + 12] ^= 0x10;
        strcat(want, ": bad bzip2 data or CRC");
    }
    else
        bz[OFF + plen / 2] ^= 0x10;
    expect_open_err(bz, blen, 0, -ENOEXEC, want);
    free(bz);
}

/* 12 MiB that compress to almost nothing: an ELF header, then zeros. */
static uint8_t *bomb(enum mk_comp c, size_t *clen, size_t *len)
{
    uint8_t *raw, *z;

    *len = 12u << 20;
    raw = mk_alloc(*len);
    memcpy(raw, "\177ELF\2\1\1", 7);
    z = mk_compress(c, raw, *len, clen);
    free(raw);
    return z;
}

static void test_bomb(void)
{
    size_t clen, len, blen;
    uint8_t *z = bomb(comp, &clen, &len), *bz;
    char want[160];

    /* The bzImage says 1 MiB: decoding stops there. */
    bz = mk_bzimage(z, clen, comp != MK_GZIP, 1u << 20, &blen);
    if ( comp == MK_GZIP )
        mk_put32(bz + OFF + clen - 4, 1u << 20);
    snprintf(want, sizeof(want), "%s payload decompresses to more than the "
             "1048576 bytes it advertises", mk_comp_name[comp]);
    expect_open_err(bz, blen, 0, -EFBIG, want);
    free(bz);

    /* A bare stream states nothing (but gzip): the limit stops it. */
    if ( comp == MK_GZIP )
        snprintf(want, sizeof(want), "gzip payload advertises 12582912 bytes "
                 "uncompressed, above the limit of 4194304 bytes");
    else
        snprintf(want, sizeof(want), "%s data decompresses to more than the "
                 "limit of 4194304 bytes", mk_comp_name[comp]);
    expect_open_err(z, clen, 4u << 20, -EFBIG, want);
    free(z);
}

/* An honest size that is above the limit is refused before decoding. */
static void test_limits(void)
{
    size_t clen, len, blen;
    uint8_t *z = bomb(MK_XZ, &clen, &len), *bz;

    bz = mk_bzimage(z, clen, 1, len, &blen);
    expect_open_err(bz, blen, 8u << 20, -EFBIG,
                    "xz payload advertises 12582912 bytes uncompressed, above "
                    "the limit of 8388608 bytes");
    expect_open_err(bz, blen, 4096, -EFBIG,
                    "bytes is above the limit of 4096 bytes");
    free(bz);
    free(z);
}

/* Every open either succeeds fully or fails with a reason and no state. */
static void expect_sane(const uint8_t *b, size_t len, int must_fail)
{
    struct xenimage *img = xenimage_create();
    const struct xenimage_info *in;
    uint8_t *buf;
    int rc;

    xenimage_set_limit(img, 4u << 20);
    rc = xenimage_open_mem(img, b, len);
    in = xenimage_info(img);
    if ( rc )
        EXPECT(!in && xenimage_error(img)[0] && rc < 0);
    else
    {
        EXPECT(!must_fail && in);
        xenimage_check(img, XENIMAGE_CHECK_PV | XENIMAGE_CHECK_PVH);
        buf = malloc(in->load_size);
        EXPECT(buf);
        /* Loading may refuse only what the PV check refuses too. */
        rc = xenimage_load(img, buf, in->load_size);
        if ( rc )
            EXPECT(xenimage_error(img)[0] &&
                   xenimage_check(img, XENIMAGE_CHECK_PV) == rc);
        free(buf);
    }
    xenimage_destroy(img);
}

static void test_sweep_truncate_elf(void)
{
    struct mk_elf e;
    size_t len, l;
    uint8_t *b;

    mk_elf_linux64(&e);
    b = mk_elf_build(&e, &len);
    for ( l = 0; l < len; l += 3 )
        expect_sane(b, l, l < len - e.trailing);
    free(b);
}

static void test_sweep_truncate_bz(void)
{
    size_t blen, plen, l, i;
    uint8_t *bz = make_bz(comp, &blen, &plen, NULL);

    for ( i = 0; i < 97; i++ )
    {
        l = (OFF + plen) * i / 97;
        expect_sane(bz, l, 1);
    }
    free(bz);
}

static void test_sweep_bitflip_elf(void)
{
    struct mk_elf e;
    size_t len, i;
    uint8_t *b;

    mk_elf_linux64(&e);
    e.symtab = 1;
    mk_note_str(&e, 11, "yes");
    b = mk_elf_build(&e, &len);
    for ( i = 0; i < len; i += (i < 0x200 ? 1 : 5) )
    {
        b[i] ^= 1u << (i % 8);
        expect_sane(b, len, 0);
        b[i] ^= 1u << (i % 8);
    }
    free(b);
}

static void test_sweep_bitflip_bz(void)
{
    size_t i, blen, plen;
    uint8_t *bz;

    bz = make_bz(comp, &blen, &plen, NULL);
    for ( i = 0x1f0; i < OFF + plen; i += (i < 0x260 ? 1 : 61) )
    {
        bz[i] ^= 0x80 >> (i % 8);
        expect_sane(bz, blen, 0);
        bz[i] ^= 0x80 >> (i % 8);
    }
    free(bz);
}

void test_bzimage_corrupt_cases(void);
void test_bzimage_corrupt_cases(void)
{
    char name[96];
    unsigned int i;

    t_case("corrupt/bzimage-header", test_header_damage);
    t_case("corrupt/bzimage-not-elf-inside", test_not_elf_inside);
    for ( i = 0; i < MK_NR_COMP; i++ )
    {
        comp = i;
        snprintf(name, sizeof(name), "corrupt/%s-size-lies", mk_comp_name[i]);
        t_case(name, test_size_lies);
        snprintf(name, sizeof(name), "corrupt/%s-truncated", mk_comp_name[i]);
        t_case(name, test_truncated_stream);
        snprintf(name, sizeof(name), "corrupt/%s-damaged", mk_comp_name[i]);
        t_case(name, test_damaged_stream);
        snprintf(name, sizeof(name), "bomb/%s", mk_comp_name[i]);
        t_case(name, test_bomb);
        snprintf(name, sizeof(name), "sweep/truncate-bzimage-%s",
                 mk_comp_name[i]);
        t_case(name, test_sweep_truncate_bz);
    }
    t_case("bomb/limits", test_limits);
    t_case("sweep/truncate-elf", test_sweep_truncate_elf);
    t_case("sweep/bitflip-elf", test_sweep_bitflip_elf);
    comp = MK_GZIP;
    t_case("sweep/bitflip-bzimage-gzip", test_sweep_bitflip_bz);
}
