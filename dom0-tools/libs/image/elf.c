/*
 * elf.c: validate the ELF headers and collect the loadable segments.
 *
 * Layouts are the System V gABI's.  Which segments are loaded and how the
 * physical extent is computed follow Xen's libelf (elf_phdr_is_loadable,
 * elf_parse_binary): PT_LOAD segments with any of R, W, X set, placed by
 * p_paddr.  Unlike libelf, every header is checked against the image size
 * here, once, so later code can trust offsets and sizes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define ET_EXEC  2
#define ET_DYN   3
#define PT_LOAD  1
#define PF_RWX   7
#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHT_NOBITS 8

static const char *machine_name(unsigned int m)
{
    switch ( m )
    {
    case EM_386:    return "i386";
    case EM_X86_64: return "x86-64";
    case 8:         return "MIPS";
    case 20:        return "PowerPC";
    case 21:        return "PowerPC64";
    case 40:        return "ARM";
    case 183:       return "AArch64";
    case 243:       return "RISC-V";
    }
    return "an unknown machine";
}

/* The idx-th section header, or NULL when out of range. */
const uint8_t *elf_shdr(const struct xenimage *img, unsigned int idx)
{
    if ( idx >= img->shnum )
        return NULL;
    return img->elf + img->shoff + (uint64_t)idx * (img->is64 ? 64 : 40);
}

/* One field of a section header, whatever the ELF class. */
uint64_t elf_shdr_field(const struct xenimage *img, const uint8_t *sh,
                        unsigned int field)
{
    static const uint8_t off64[] = { 0, 4, 8, 16, 24, 32, 40, 44, 48, 56 };
    static const uint8_t off32[] = { 0, 4, 8, 12, 16, 20, 24, 28, 32, 36 };

    if ( img->is64 )
        return (field == SH_NAME || field == SH_TYPE || field == SH_LINK ||
                field == SH_INFO) ? get_le32(sh + off64[field]) :
                                    get_le64(sh + off64[field]);
    return get_le32(sh + off32[field]);
}

/* Decode program header i into seg; return its p_type. */
static uint32_t elf_phdr(const struct xenimage *img, unsigned int i,
                         struct xenimage_segment *seg)
{
    const uint8_t *ph = img->elf + img->phoff + (uint64_t)i *
                        (img->is64 ? 56 : 32);

    if ( img->is64 )
    {
        seg->flags = get_le32(ph + 4);
        seg->offset = get_le64(ph + 8);
        seg->vaddr = get_le64(ph + 16);
        seg->paddr = get_le64(ph + 24);
        seg->filesz = get_le64(ph + 32);
        seg->memsz = get_le64(ph + 40);
    }
    else
    {
        seg->offset = get_le32(ph + 4);
        seg->vaddr = get_le32(ph + 8);
        seg->paddr = get_le32(ph + 12);
        seg->filesz = get_le32(ph + 16);
        seg->memsz = get_le32(ph + 20);
        seg->flags = get_le32(ph + 24);
    }
    return get_le32(ph);
}

/* Check the identification bytes and the file header. */
static int elf_parse_ehdr(struct xenimage *img)
{
    const uint8_t *e = img->elf;
    size_t size = img->elf_size;
    unsigned int want, type, machine, phentsize, shentsize;

    if ( size < 16 )
        return image_fail(img, -ENOEXEC, "ELF: truncated header");
    if ( e[4] != 1 && e[4] != 2 )
        return image_fail(img, -ENOEXEC, "ELF: unknown class %u", e[4]);
    img->is64 = e[4] == 2;
    if ( e[5] == 2 )
        return image_fail(img, -ENOEXEC,
                          "ELF: big-endian image; x86 kernels are "
                          "little-endian");
    if ( e[5] != 1 || e[6] != 1 )
        return image_fail(img, -ENOEXEC,
                          "ELF: unknown data encoding %u or version %u",
                          e[5], e[6]);
    if ( size < (img->is64 ? 64u : 52u) )
        return image_fail(img, -ENOEXEC, "ELF: truncated header");

    type = get_le16(e + 16);
    machine = get_le16(e + 18);
    want = img->is64 ? EM_X86_64 : EM_386;
    if ( type != ET_EXEC && type != ET_DYN )
        return image_fail(img, -ENOEXEC,
                          "ELF: type %u is not an executable", type);
    if ( machine != want )
        return image_fail(img, -ENOEXEC,
                          "ELF: wrong architecture: ELF%u for %s (e_machine "
                          "%u); Xen x86 needs ELF%u for %s",
                          img->is64 ? 64 : 32, machine_name(machine),
                          machine, img->is64 ? 64 : 32, machine_name(want));

    if ( img->is64 )
    {
        img->info.elf_entry = get_le64(e + 24);
        img->phoff = get_le64(e + 32);
        img->shoff = get_le64(e + 40);
        phentsize = get_le16(e + 54);
        img->phnum = get_le16(e + 56);
        shentsize = get_le16(e + 58);
        img->shnum = get_le16(e + 60);
        img->shstrndx = get_le16(e + 62);
    }
    else
    {
        img->info.elf_entry = get_le32(e + 24);
        img->phoff = get_le32(e + 28);
        img->shoff = get_le32(e + 32);
        phentsize = get_le16(e + 42);
        img->phnum = get_le16(e + 44);
        shentsize = get_le16(e + 46);
        img->shnum = get_le16(e + 48);
        img->shstrndx = get_le16(e + 50);
    }
    img->info.elf_class = img->is64 ? 64 : 32;
    img->info.elf_machine = machine;

    if ( img->phnum == 0 )
        return image_fail(img, -ENOEXEC, "ELF: no program headers");
    if ( img->phnum > XENIMAGE_MAX_PHDRS )
        return image_fail(img, -ENOEXEC, "ELF: %u program headers is too many",
                          img->phnum);
    if ( phentsize != (img->is64 ? 56u : 32u) )
        return image_fail(img, -ENOEXEC,
                          "ELF: program header entry size %u, expected %u",
                          phentsize, img->is64 ? 56 : 32);
    if ( !range_ok(img->phoff, (uint64_t)img->phnum * phentsize, size) )
        return image_fail(img, -ENOEXEC,
                          "ELF: program headers at 0x%" PRIx64 " extend past "
                          "the end of the image (0x%zx bytes): truncated",
                          img->phoff, size);

    img->shentsize = shentsize;
    return 0;
}

/* Check the section header table; after the segments, whose errors say more. */
static int elf_parse_shdrs(struct xenimage *img)
{
    if ( img->shoff == 0 )
        img->shnum = 0;
    if ( img->shnum && img->shentsize != (img->is64 ? 64u : 40u) )
        return image_fail(img, -ENOEXEC,
                          "ELF: section header entry size %u, expected %u",
                          img->shentsize, img->is64 ? 64 : 40);
    if ( !range_ok(img->shoff, (uint64_t)img->shnum * img->shentsize,
                   img->elf_size) )
        return image_fail(img, -ENOEXEC,
                          "ELF: section headers at 0x%" PRIx64 " extend past "
                          "the end of the image (0x%zx bytes): truncated",
                          img->shoff, img->elf_size);
    if ( img->shstrndx >= img->shnum )
        img->shstrndx = 0;
    return 0;
}

static int seg_cmp(const void *a, const void *b)
{
    const struct xenimage_segment *x = a, *y = b;

    return x->paddr < y->paddr ? -1 : x->paddr > y->paddr;
}

/* Refuse segments that share physical memory: loading them is ambiguous. */
static int elf_check_overlap(struct xenimage *img)
{
    struct xenimage_segment *sorted;
    uint64_t end = 0, start = 0;
    unsigned int i;
    int rc = 0;

    sorted = malloc(img->nr_segs * sizeof(*sorted));
    if ( !sorted )
        return image_fail(img, -ENOMEM, "out of memory");
    memcpy(sorted, img->segs, img->nr_segs * sizeof(*sorted));
    qsort(sorted, img->nr_segs, sizeof(*sorted), seg_cmp);
    /* Empty segments occupy nothing; end is the furthest end so far. */
    for ( i = 0; i < img->nr_segs && !rc; i++ )
    {
        if ( !sorted[i].memsz )
            continue;
        if ( end && sorted[i].paddr < end )
            rc = image_fail(img, -ENOEXEC,
                            "ELF: segments at paddr 0x%" PRIx64 " and 0x%"
                            PRIx64 " overlap", start, sorted[i].paddr);
        if ( sorted[i].paddr + sorted[i].memsz > end )
        {
            end = sorted[i].paddr + sorted[i].memsz;
            start = sorted[i].paddr;
        }
    }
    free(sorted);
    return rc;
}

/* Collect the loadable segments and their physical extent. */
static int elf_parse_phdrs(struct xenimage *img)
{
    struct xenimage_info *info = &img->info;
    uint64_t top = img->is64 ? UINT64_MAX : UINT32_MAX;
    struct xenimage_segment seg;
    unsigned int i;

    img->segs = calloc(img->phnum, sizeof(*img->segs));
    if ( !img->segs )
        return image_fail(img, -ENOMEM, "out of memory");
    info->pstart = UINT64_MAX;
    for ( i = 0; i < img->phnum; i++ )
    {
        if ( elf_phdr(img, i, &seg) != PT_LOAD || !(seg.flags & PF_RWX) )
            continue;
        if ( seg.filesz > seg.memsz )
            return image_fail(img, -ENOEXEC,
                              "ELF: segment %u has p_filesz 0x%" PRIx64
                              " above p_memsz 0x%" PRIx64, i, seg.filesz,
                              seg.memsz);
        if ( !range_ok(seg.offset, seg.filesz, img->elf_size) )
            return image_fail(img, -ENOEXEC,
                              "ELF: segment %u (0x%" PRIx64 " bytes at file "
                              "offset 0x%" PRIx64 ") extends past the end of "
                              "the image (0x%zx bytes): truncated", i,
                              seg.filesz, seg.offset, img->elf_size);
        if ( seg.memsz > top - seg.paddr )
            return image_fail(img, -ENOEXEC,
                              "ELF: segment %u (paddr 0x%" PRIx64 " + 0x%"
                              PRIx64 ") wraps around the address space", i,
                              seg.paddr, seg.memsz);
        img->segs[img->nr_segs++] = seg;
        if ( seg.paddr < info->pstart )
            info->pstart = seg.paddr;
        if ( seg.paddr + seg.memsz > info->pend )
            info->pend = seg.paddr + seg.memsz;
    }
    info->nr_segments = img->nr_segs;

    if ( img->nr_segs == 0 )
        return image_fail(img, -ENOEXEC, "ELF: no loadable segments");
    if ( info->pend - info->pstart > img->limit )
        return image_fail(img, -EFBIG,
                          "ELF: loadable segments span 0x%" PRIx64 " bytes, "
                          "above the limit of 0x%" PRIx64,
                          info->pend - info->pstart, img->limit);
    return elf_check_overlap(img);
}

/* Remember the symbol table and its strings, for BSD_SYMTAB. */
static int elf_find_symtab(struct xenimage *img)
{
    const uint8_t *sh, *str;
    unsigned int i, link;

    for ( i = 1; i < img->shnum; i++ )
    {
        sh = elf_shdr(img, i);
        if ( elf_shdr_field(img, sh, SH_TYPE) != SHT_SYMTAB )
            continue;
        link = elf_shdr_field(img, sh, SH_LINK);
        str = elf_shdr(img, link);
        if ( link == 0 || !str ||
             elf_shdr_field(img, str, SH_TYPE) != SHT_STRTAB )
            return image_fail(img, -ENOEXEC,
                              "ELF: symbol table (section %u) links to "
                              "section %u, not a string table", i, link);
        if ( !range_ok(elf_shdr_field(img, sh, SH_OFFSET),
                       elf_shdr_field(img, sh, SH_SIZE), img->elf_size) ||
             !range_ok(elf_shdr_field(img, str, SH_OFFSET),
                       elf_shdr_field(img, str, SH_SIZE), img->elf_size) )
            return image_fail(img, -ENOEXEC,
                              "ELF: symbol table extends past the end of the "
                              "image: truncated");
        img->symtab_shdr = sh - img->elf;
        img->strtab_shdr = str - img->elf;
        return 0;
    }
    return 0;
}

int elf_parse(struct xenimage *img)
{
    int rc = elf_parse_ehdr(img);

    if ( !rc )
        rc = elf_parse_phdrs(img);
    if ( !rc )
        rc = elf_parse_shdrs(img);
    if ( !rc )
        rc = elf_find_symtab(img);
    return rc;
}
