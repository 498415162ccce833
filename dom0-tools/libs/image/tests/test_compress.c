/*
 * test_compress.c: every compression format, inside a bzImage and as a bare
 * compressed file, small and large (several lz4 blocks, buffers that grow).
 */
#include <errno.h>
#include <stdlib.h>

#include "harness.h"
#include "mkimage.h"

static const enum xenimage_compression lib_comp[MK_NR_COMP] = {
    [MK_GZIP] = XENIMAGE_COMP_GZIP,
    [MK_BZIP2] = XENIMAGE_COMP_BZIP2,
    [MK_LZMA] = XENIMAGE_COMP_LZMA,
    [MK_XZ] = XENIMAGE_COMP_XZ,
    [MK_LZ4_LEGACY] = XENIMAGE_COMP_LZ4_LEGACY,
    [MK_LZ4_FRAME] = XENIMAGE_COMP_LZ4_FRAME,
    [MK_ZSTD] = XENIMAGE_COMP_ZSTD,
};

static enum mk_comp current;
static int big;

/* The ELF under test: the Linux preset, or one with a 9 MiB segment. */
static uint8_t *test_elf(size_t *len)
{
    struct mk_elf e;

    mk_elf_linux64(&e);
    if ( big )
    {
        e.segs[3].filesz = 9u << 20;
        e.segs[3].memsz = 10u << 20;
    }
    return mk_elf_build(&e, len);
}

/* The decompressed ELF must load exactly as the original does. */
static void expect_same_load(struct xenimage *img, const uint8_t *elf,
                             size_t len)
{
    struct xenimage *ref = t_open(elf, len);
    const struct xenimage_info *a = xenimage_info(img);
    const struct xenimage_info *b = xenimage_info(ref);
    uint8_t *x, *y;

    if ( !a || !b )
        goto out;
    EXPECT_U64(a->load_size, b->load_size);
    EXPECT_U64(a->pv_entry, b->pv_entry);
    EXPECT_U64(a->nr_notes, b->nr_notes);
    x = malloc(a->load_size);
    y = malloc(b->load_size);
    EXPECT(x && y && !xenimage_load(img, x, a->load_size) &&
           !xenimage_load(ref, y, b->load_size) &&
           !memcmp(x, y, a->load_size));
    free(x);
    free(y);
 out:
    xenimage_destroy(ref);
}

static void test_bzimage(void)
{
    size_t len, clen, blen;
    uint8_t *elf = test_elf(&len);
    uint8_t *c = mk_compress(current, elf, len, &clen);
    int gzip = current == MK_GZIP;
    uint8_t *bz = mk_bzimage(c, clen, !gzip, len, &blen);
    struct xenimage *img = t_open(bz, blen);
    const struct xenimage_info *in = xenimage_info(img);

    if ( in )
    {
        EXPECT_U64(in->container, XENIMAGE_CONTAINER_BZIMAGE);
        EXPECT_U64(in->compression, lib_comp[current]);
        EXPECT_U64(in->boot_protocol, 0x020f);
        EXPECT_U64(in->setup_sects, MK_BZ_SETUP_SECTS);
        EXPECT_STR(in->kernel_version, MK_BZ_VERSION_STR);
        EXPECT_U64(in->payload_offset, MK_BZ_PAYLOAD_OFF);
        EXPECT_U64(in->payload_size, clen + (gzip ? 0 : 4));
        EXPECT_U64(in->advertised_size, len);
        EXPECT_U64(in->elf_size, len);
        EXPECT_U64(in->file_size, blen);
        expect_same_load(img, elf, len);
        EXPECT_U64(xenimage_check(img, XENIMAGE_CHECK_PV |
                                       XENIMAGE_CHECK_DOM0), 0);
    }
    xenimage_destroy(img);
    free(bz);
    free(c);
    free(elf);
}

/* vmlinux.xz and friends: only gzip states its size (ISIZE). */
static void test_bare(void)
{
    size_t len, clen;
    uint8_t *elf = test_elf(&len);
    uint8_t *c = mk_compress(current, elf, len, &clen);
    struct xenimage *img = t_open(c, clen);
    const struct xenimage_info *in = xenimage_info(img);

    if ( in )
    {
        EXPECT_U64(in->container, XENIMAGE_CONTAINER_COMPRESSED);
        EXPECT_U64(in->compression, lib_comp[current]);
        EXPECT_U64(in->advertised_size, current == MK_GZIP ? len : 0);
        EXPECT_U64(in->payload_offset, 0);
        EXPECT_U64(in->elf_size, len);
        expect_same_load(img, elf, len);
    }
    xenimage_destroy(img);
    free(c);
    free(elf);
}

/* A bzImage may carry the ELF uncompressed (CONFIG_KERNEL_UNCOMPRESSED). */
static void test_uncompressed_payload(void)
{
    size_t len, blen;
    uint8_t *elf = test_elf(&len);
    uint8_t *bz = mk_bzimage(elf, len, 0, 0, &blen);
    struct xenimage *img = t_open(bz, blen);
    const struct xenimage_info *in = xenimage_info(img);

    EXPECT(in && in->container == XENIMAGE_CONTAINER_BZIMAGE &&
           in->compression == XENIMAGE_COMP_NONE && in->elf_size == len &&
           in->advertised_size == 0);
    if ( in )
        expect_same_load(img, elf, len);
    xenimage_destroy(img);
    free(bz);
    free(elf);
}

/* Two lz4 legacy streams back to back, as "cat a.lz4 b.lz4" gives. */
static void test_lz4_concatenated(void)
{
    size_t len, clen, half;
    uint8_t *elf = test_elf(&len), *a, *b, *cat, *bz;
    size_t alen, blen2, bzlen;
    struct xenimage *img;

    half = len / 2;
    a = mk_compress(MK_LZ4_LEGACY, elf, half, &alen);
    b = mk_compress(MK_LZ4_LEGACY, elf + half, len - half, &blen2);
    clen = alen + blen2;
    cat = malloc(clen);
    memcpy(cat, a, alen);
    memcpy(cat + alen, b, blen2);
    bz = mk_bzimage(cat, clen, 1, len, &bzlen);
    img = t_open(bz, bzlen);
    EXPECT(xenimage_info(img) && xenimage_info(img)->elf_size == len);
    if ( xenimage_info(img) )
        expect_same_load(img, elf, len);
    xenimage_destroy(img);
    free(bz);
    free(cat);
    free(b);
    free(a);
    free(elf);
}

void test_compress_cases(void);
void test_compress_cases(void)
{
    char name[64];
    unsigned int i;

    for ( i = 0; i < MK_NR_COMP; i++ )
    {
        current = i;
        snprintf(name, sizeof(name), "bzimage-%s", mk_comp_name[i]);
        t_case(name, test_bzimage);
        snprintf(name, sizeof(name), "bare-%s", mk_comp_name[i]);
        t_case(name, test_bare);
    }

    /* Large: several 8 MiB lz4 blocks, and output buffers that grow. */
    big = 1;
    for ( i = 0; i < MK_NR_COMP; i++ )
    {
        if ( i == MK_BZIP2 || i == MK_LZMA || i == MK_XZ )
            continue; /* slow to compress; the Debian kernels cover xz */
        current = i;
        snprintf(name, sizeof(name), "bzimage-%s-9MiB", mk_comp_name[i]);
        t_case(name, test_bzimage);
        snprintf(name, sizeof(name), "bare-%s-9MiB", mk_comp_name[i]);
        t_case(name, test_bare);
    }
    big = 0;
    t_case("bzimage-uncompressed-payload", test_uncompressed_payload);
    t_case("lz4-legacy-concatenated", test_lz4_concatenated);
}
