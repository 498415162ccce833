/*
 * test_corrupt.c: damaged images, each refused with its own reason, and
 * sweeps of truncations and bit flips that must never crash or leave a
 * half-open handle.  Decompression bombs live here too.
 */
#include <errno.h>
#include <stdlib.h>

#include "harness.h"
#include "mkimage.h"

/* The image a case damages, and how. */
struct corrupt_case {
    const char *name;
    int is64;
    void (*damage)(uint8_t *b, size_t *len);
    int rc;
    const char *reason;
};

static uint64_t get64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;

    for ( i = 7; i >= 0; i-- )
        v = (v << 8) | p[i];
    return v;
}

static uint32_t get32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* The program header i of the Linux preset (ELF64 unless is32). */
static uint8_t *phdr64(uint8_t *b, unsigned int i)
{
    return b + 64 + i * 56;
}

static void bad_magic(uint8_t *b, size_t *len)
{
    (void)len;
    b[1] = 'X';
}

static void short_ident(uint8_t *b, size_t *len)
{
    (void)b;
    *len = 10;
}

static void short_header(uint8_t *b, size_t *len)
{
    (void)b;
    *len = 40;
}

static void bad_class(uint8_t *b, size_t *len)
{
    (void)len;
    b[4] = 3;
}

static void big_endian(uint8_t *b, size_t *len)
{
    (void)len;
    b[5] = 2;
}

static void bad_version(uint8_t *b, size_t *len)
{
    (void)len;
    b[6] = 0;
}

static void aarch64(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put16(b + 18, 183);
}

static void machine_x86_64(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put16(b + 18, 62);
}

static void relocatable(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put16(b + 16, 1);
}

static void no_phdrs(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put16(b + 56, 0);
}

static void bad_phentsize(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put16(b + 54, 48);
}

static void cut_phdrs(uint8_t *b, size_t *len)
{
    (void)b;
    *len = 64 + 2 * 56;
}

static void cut_segment(uint8_t *b, size_t *len)
{
    *len = get64(phdr64(b, 3) + 8) + 10;
}

static void cut_shdrs(uint8_t *b, size_t *len)
{
    *len = get64(b + 40) + 70;
}

static void filesz_above_memsz(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put64(phdr64(b, 0) + 40, 0x1000);
}

static void wraps(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put64(phdr64(b, 3) + 24, 0xfffffffffffff000);
}

static void wraps32(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put32(b + 52 + 12, 0xfffff000); /* segment 0's p_paddr */
}

static void overlap(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put64(phdr64(b, 1) + 24, 0x1001000);
}

static void nothing_loadable(uint8_t *b, size_t *len)
{
    unsigned int i;

    (void)len;
    for ( i = 0; i < 4; i++ )
        mk_put32(phdr64(b, i) + 4, 0);
}

static void huge_span(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put64(phdr64(b, 3) + 40, 0x40000000);
}

static void note_header_cut(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put64(phdr64(b, 4) + 32, 30);
}

static void note_desc_cut(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put64(phdr64(b, 4) + 32, 20);
}

static void note_segment_outside(uint8_t *b, size_t *len)
{
    mk_put64(phdr64(b, 4) + 8, *len - 8);
}

/* Find the first Xen note of a type in the Linux preset's note segment. */
static uint8_t *find_note(uint8_t *b, uint32_t type)
{
    uint8_t *p = b + get64(phdr64(b, 4) + 8);
    unsigned int i;

    for ( i = 0; i < 40; i++ )
    {
        uint32_t namesz = get32(p), descsz = get32(p + 4);

        if ( get32(p + 8) == type && !memcmp(p + 12, "Xen", 4) )
            return p;
        p += 12 + ((namesz + 3) & ~3u) + ((descsz + 3) & ~3u);
    }
    abort();
}

static void entry_3_bytes(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put32(find_note(b, 1) + 4, 3);
}

static void features_3_bytes(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put32(find_note(b, 17) + 4, 3);
}

static void l1_12_bytes(uint8_t *b, size_t *len)
{
    (void)len;
    mk_put32(find_note(b, 13) + 4, 12);
}

static const struct corrupt_case elf_cases[] = {
    { "elf-bad-magic", 1, bad_magic, -ENOEXEC, "not a kernel image" },
    { "elf-truncated-ident", 1, short_ident, -ENOEXEC,
      "ELF: truncated header" },
    { "elf-truncated-header", 1, short_header, -ENOEXEC,
      "ELF: truncated header" },
    { "elf-bad-class", 1, bad_class, -ENOEXEC, "ELF: unknown class 3" },
    { "elf-big-endian", 1, big_endian, -ENOEXEC,
      "big-endian image; x86 kernels are little-endian" },
    { "elf-bad-version", 1, bad_version, -ENOEXEC,
      "unknown data encoding 1 or version 0" },
    { "elf64-wrong-arch", 1, aarch64, -ENOEXEC,
      "wrong architecture: ELF64 for AArch64 (e_machine 183); Xen x86 needs "
      "ELF64 for x86-64" },
    { "elf32-wrong-arch", 0, machine_x86_64, -ENOEXEC,
      "wrong architecture: ELF32 for x86-64 (e_machine 62); Xen x86 needs "
      "ELF32 for i386" },
    { "elf-relocatable", 1, relocatable, -ENOEXEC,
      "type 1 is not an executable" },
    { "elf-no-program-headers", 1, no_phdrs, -ENOEXEC,
      "no program headers" },
    { "elf-bad-phentsize", 1, bad_phentsize, -ENOEXEC,
      "program header entry size 48, expected 56" },
    { "elf-truncated-phdrs", 1, cut_phdrs, -ENOEXEC,
      "program headers at 0x40 extend past the end of the image" },
    { "elf-truncated-segment", 1, cut_segment, -ENOEXEC,
      "segment 3 (0x1000 bytes at file offset" },
    { "elf-truncated-shdrs", 1, cut_shdrs, -ENOEXEC,
      "section headers at" },
    { "elf-filesz-above-memsz", 1, filesz_above_memsz, -ENOEXEC,
      "segment 0 has p_filesz 0x3000 above p_memsz 0x1000" },
    { "elf64-segment-wraps", 1, wraps, -ENOEXEC,
      "segment 3 (paddr 0xfffffffffffff000 + 0x3000) wraps around" },
    { "elf32-segment-wraps", 0, wraps32, -ENOEXEC,
      "segment 0 (paddr 0xfffff000 + 0x2000) wraps around" },
    { "elf-overlapping-segments", 1, overlap, -ENOEXEC,
      "segments at paddr 0x1000000 and 0x1001000 overlap" },
    { "elf-nothing-loadable", 1, nothing_loadable, -ENOEXEC,
      "no loadable segments" },
    { "elf-span-above-limit", 1, huge_span, -EFBIG,
      "loadable segments span 0x40012000 bytes, above the limit" },
    { "note-header-cut", 1, note_header_cut, -ENOEXEC,
      "note segment 4: truncated note header" },
    { "note-value-cut", 1, note_desc_cut, -ENOEXEC,
      "(name 4 bytes, value 6 bytes) runs past its end" },
    { "note-segment-outside-file", 1, note_segment_outside, -ENOEXEC,
      "note segment 4 extends past the end of the image" },
    { "note-entry-3-bytes", 1, entry_3_bytes, -ENOEXEC,
      "note ENTRY has a 3-byte value; expected 1, 2, 4 or 8" },
    { "note-supported-features-3-bytes", 1, features_3_bytes, -ENOEXEC,
      "SUPPORTED_FEATURES has 3 bytes" },
    { "note-l1-mfn-valid-12-bytes", 1, l1_12_bytes, -ENOEXEC,
      "L1_MFN_VALID has 12 bytes" },
};

static const struct corrupt_case *current;

static void run_elf_case(void)
{
    struct xenimage *img = xenimage_create();
    struct mk_elf e;
    size_t len;
    uint8_t *b;

    if ( current->is64 )
        mk_elf_linux64(&e);
    else
        mk_elf_linux32(&e);
    b = mk_elf_build(&e, &len);
    current->damage(b, &len);
    EXPECT_ERR(img, xenimage_open_mem(img, b, len), current->rc,
               current->reason);
    EXPECT(!xenimage_info(img));
    xenimage_destroy(img);
    free(b);
}

/* A string note above the 1 KiB bound. */
static void test_long_string(void)
{
    struct xenimage *img = xenimage_create();
    char s[1101];
    struct mk_elf e;
    size_t len;
    uint8_t *b;

    memset(s, 'a', sizeof(s) - 1);
    s[sizeof(s) - 1] = '\0';
    mk_elf_linux64(&e);
    mk_note_str(&e, 7, s);
    b = mk_elf_build(&e, &len);
    EXPECT_ERR(img, xenimage_open_mem(img, b, len), -ENOEXEC,
               "note GUEST_VERSION is 1101 bytes long, over 1024");
    xenimage_destroy(img);
    free(b);
}

/* A symbol table whose string table link is wrong. */
static void test_bad_symtab_link(void)
{
    struct xenimage *img = xenimage_create();
    struct mk_elf e;
    uint64_t shoff;
    unsigned int i, shnum;
    size_t len;
    uint8_t *b;

    mk_elf_linux64(&e);
    e.symtab = 1;
    b = mk_elf_build(&e, &len);
    shoff = get64(b + 40);
    shnum = b[60] | (b[61] << 8);
    for ( i = 1; i < shnum; i++ )
        if ( get32(b + shoff + i * 64 + 4) == 2 )
            mk_put32(b + shoff + i * 64 + 40, 0);
    EXPECT_ERR(img, xenimage_open_mem(img, b, len), -ENOEXEC,
               "links to section 0, not a string table");
    xenimage_destroy(img);
    free(b);
}

void test_bzimage_corrupt_cases(void);

void test_corrupt_cases(void)
{
    char name[96];
    unsigned int i;

    for ( i = 0; i < sizeof(elf_cases) / sizeof(elf_cases[0]); i++ )
    {
        current = &elf_cases[i];
        snprintf(name, sizeof(name), "corrupt/%s", elf_cases[i].name);
        t_case(name, run_elf_case);
    }
    t_case("corrupt/note-string-too-long", test_long_string);
    t_case("corrupt/symtab-bad-link", test_bad_symtab_link);
    test_bzimage_corrupt_cases();
}
