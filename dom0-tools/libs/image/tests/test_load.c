/*
 * test_load.c: xenimage_load() places segments by p_paddr, zeroes .bss and
 * holes, refuses small buffers untouched, and lays out the BSD symbol table.
 */
#include <errno.h>
#include <stdlib.h>

#include "harness.h"
#include "mkimage.h"

static uint64_t get_le(const uint8_t *p, unsigned int n)
{
    uint64_t v = 0;

    while ( n-- )
        v = (v << 8) | p[n];
    return v;
}

/* Every byte of the buffer is what the segments say, or zero. */
static void expect_segments(const struct mk_elf *e, const uint8_t *buf,
                            uint64_t pstart, uint64_t size)
{
    uint64_t a, j, bad = 0;
    unsigned int i;
    int in_seg;

    for ( a = 0; a < size; a++ )
    {
        uint8_t want = 0;

        in_seg = 0;
        for ( i = 0; i < e->nr_segs && !in_seg; i++ )
        {
            const struct mk_seg *s = &e->segs[i];

            if ( pstart + a >= s->paddr && pstart + a < s->paddr + s->memsz )
            {
                in_seg = 1;
                j = pstart + a - s->paddr;
                want = j < s->filesz ? mk_seg_byte(i, j) : 0;
            }
        }
        if ( buf[a] != want && bad++ < 3 )
            fprintf(stderr, "    byte at paddr %#" PRIx64 " is %#x, expected "
                    "%#x\n", pstart + a, buf[a], want);
    }
    EXPECT(bad == 0);
}

static void test_load_linux64(void)
{
    const struct xenimage_info *in;
    struct xenimage *img;
    struct mk_elf e;
    uint8_t *b, *buf;
    size_t len;

    mk_elf_linux64(&e);
    b = mk_elf_build(&e, &len);
    img = t_open(b, len);
    in = xenimage_info(img);
    if ( in )
    {
        buf = malloc(in->load_size + 16);
        memset(buf, 0xaa, in->load_size + 16);
        EXPECT(!xenimage_load(img, buf, in->load_size + 16));
        expect_segments(&e, buf, in->pstart, in->load_size);
        EXPECT(buf[in->load_size] == 0xaa); /* nothing past load_size */
        free(buf);
    }
    xenimage_destroy(img);
    free(b);
}

static void test_load_small_buffer(void)
{
    const struct xenimage_info *in;
    struct xenimage *img;
    struct mk_elf e;
    uint8_t *b, *buf;
    size_t len, i;

    mk_elf_linux64(&e);
    b = mk_elf_build(&e, &len);
    img = t_open(b, len);
    in = xenimage_info(img);
    if ( in )
    {
        buf = malloc(in->load_size);
        memset(buf, 0xaa, in->load_size);
        EXPECT_ERR(img, xenimage_load(img, buf, in->load_size - 1), -ENOSPC,
                   "buffer of 86015 bytes is too small: the image needs "
                   "86016");
        for ( i = 0; i < in->load_size && buf[i] == 0xaa; i++ )
            ;
        EXPECT(i == in->load_size);
        EXPECT(xenimage_load(img, NULL, 10) == -EINVAL);
        free(buf);
    }
    xenimage_destroy(img);
    free(b);
}

/* The symbol table block after the kernel: size, ELF header, 3 sections. */
static void expect_bsd_symtab(const uint8_t *elf, int is64,
                              const uint8_t *blk)
{
    unsigned int ehsz = is64 ? 64 : 52, shsz = is64 ? 64 : 40, w = is64 ? 8 : 4;
    const uint8_t *eh = blk + 4, *sh = eh + 64;
    const uint8_t *src_sh = elf + get_le(elf + (is64 ? 40 : 32), w);
    unsigned int shnum = get_le(elf + (is64 ? 60 : 48), 2);
    uint64_t off, size, src_off;
    unsigned int i, found = 0;

    EXPECT(!memcmp(eh, "\177ELF", 4));
    EXPECT_U64(get_le(eh + ehsz - 4, 2), 3);       /* e_shnum */
    EXPECT_U64(get_le(eh + ehsz - 6, 2), shsz);    /* e_shentsize */
    EXPECT_U64(get_le(eh + ehsz - 8, 2), 0);       /* e_phnum */
    EXPECT_U64(get_le(eh + (is64 ? 40 : 32), w), 64); /* e_shoff */
    EXPECT_U64(get_le(sh + shsz + 4, 4), 2);       /* SHT_SYMTAB */
    EXPECT_U64(get_le(sh + shsz + (is64 ? 40 : 24), 4), 2); /* sh_link */
    EXPECT_U64(get_le(sh + 2 * shsz + 4, 4), 3);   /* SHT_STRTAB */

    /* Each copied table matches the file's, at its sh_offset. */
    for ( i = 1; i <= 2; i++ )
    {
        off = get_le(sh + i * shsz + (is64 ? 24 : 16), w);
        size = get_le(sh + i * shsz + (is64 ? 32 : 20), w);
        EXPECT((off + 4) % w == 0); /* aligned from the block start */
        for ( src_off = 0; src_off < shnum; src_off++ )
        {
            const uint8_t *s = src_sh + src_off * shsz;

            if ( get_le(s + 4, 4) == i + 1 &&
                 get_le(s + (is64 ? 32 : 20), w) == size &&
                 !memcmp(eh + off, elf + get_le(s + (is64 ? 24 : 16), w),
                         size) )
                found++;
        }
        if ( i == 2 )
            EXPECT_U64(get_le(blk, 4), off + size);
    }
    EXPECT(found >= 2);
}

static void run_bsd_symtab(int is64)
{
    const struct xenimage_info *in;
    struct xenimage *img;
    struct mk_elf e;
    uint8_t *b, *buf;
    size_t len;

    if ( is64 )
        mk_elf_linux64(&e);
    else
        mk_elf_linux32(&e);
    e.symtab = 1;
    mk_note_str(&e, 11, "yes");
    b = mk_elf_build(&e, &len);
    img = t_open(b, len);
    in = xenimage_info(img);
    if ( in )
    {
        EXPECT(in->bsd_symtab);
        EXPECT_U64(in->bsd_symtab_pstart, in->pend); /* already aligned */
        EXPECT_U64(in->load_size, in->bsd_symtab_pend - in->pstart);
        EXPECT_U64(in->virt_kend, in->bsd_symtab_pend + in->pv_virt_base);
        EXPECT(!xenimage_check(img, XENIMAGE_CHECK_PV));
        buf = malloc(in->load_size);
        memset(buf, 0xaa, in->load_size);
        EXPECT(!xenimage_load(img, buf, in->load_size));
        expect_segments(&e, buf, in->pstart, in->pend - in->pstart);
        expect_bsd_symtab(b, is64, buf + (in->bsd_symtab_pstart - in->pstart));
        free(buf);
    }
    xenimage_destroy(img);
    free(b);
}

static void test_bsd_symtab64(void)
{
    run_bsd_symtab(1);
}

static void test_bsd_symtab32(void)
{
    run_bsd_symtab(0);
}

void test_load_cases(void)
{
    t_case("load/linux64-by-paddr", test_load_linux64);
    t_case("load/buffer-too-small", test_load_small_buffer);
    t_case("load/bsd-symtab-elf64", test_bsd_symtab64);
    t_case("load/bsd-symtab-elf32", test_bsd_symtab32);
}
