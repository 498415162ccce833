/*
 * load.c: copy the image into a buffer standing for guest-physical memory.
 *
 * As Xen's elf_load_binary(): each loadable segment goes to its p_paddr
 * (relative to pstart), its p_filesz bytes from the file and the rest of
 * p_memsz zeroed.  Holes between segments are zeroed as well, so the caller
 * needs no pre-cleared memory.  With BSD_SYMTAB, the symbol and string
 * tables follow, behind a small ELF header (elf_load_bsdsyms()).
 */
#include <errno.h>
#include <string.h>

#include "private.h"

static void put_le16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    put_le16(p, v);
    put_le16(p + 2, v >> 16);
}

static void put_le64(uint8_t *p, uint64_t v)
{
    put_le32(p, v);
    put_le32(p + 4, v >> 32);
}

/* Store an ELF word: 8 bytes in ELF64, 4 in ELF32. */
static void put_word(const struct xenimage *img, uint8_t *p, uint64_t v)
{
    if ( img->is64 )
        put_le64(p, v);
    else
        put_le32(p, v);
}

static uint64_t round_up(uint64_t x, uint64_t align)
{
    return (x + align - 1) & ~(align - 1);
}

/*
 * Write the symbol table block at out: u32 size, then an ELF header whose
 * three section headers (null, symtab, strtab) point at the copies of the
 * tables that follow, offsets relative to that ELF header.
 */
static void load_bsd_symtab(const struct xenimage *img, uint8_t *out)
{
    const uint8_t *sym = img->elf + img->symtab_shdr;
    const uint8_t *str = img->elf + img->strtab_shdr;
    unsigned int ehsz = img->is64 ? 64 : 52, shsz = img->is64 ? 64 : 40;
    uint64_t word = img->is64 ? 8 : 4;
    uint64_t symsz = elf_shdr_field(img, sym, SH_SIZE);
    uint64_t strsz = elf_shdr_field(img, str, SH_SIZE);
    uint64_t symoff = round_up(4 + 64 + 3 * shsz, word);
    uint64_t stroff = round_up(symoff + symsz, word);
    uint8_t *ehdr = out + 4, *shdr = ehdr + 64;

    put_le32(out, (uint32_t)(stroff + strsz - 4));

    memcpy(ehdr, img->elf, ehsz);
    put_le32(ehdr + 20, 1); /* e_version */
    put_word(img, ehdr + (img->is64 ? 32 : 28), 0);  /* e_phoff */
    put_word(img, ehdr + (img->is64 ? 40 : 32), 64); /* e_shoff */
    put_le16(ehdr + ehsz - 12, ehsz);                 /* e_ehsize */
    put_le16(ehdr + ehsz - 10, 0);                    /* e_phentsize */
    put_le16(ehdr + ehsz - 8, 0);                     /* e_phnum */
    put_le16(ehdr + ehsz - 6, shsz);                  /* e_shentsize */
    put_le16(ehdr + ehsz - 4, 3);                     /* e_shnum */
    put_le16(ehdr + ehsz - 2, 0);                     /* e_shstrndx */

    memcpy(shdr + shsz, sym, shsz);
    put_word(img, shdr + shsz + (img->is64 ? 24 : 16), symoff - 4);
    put_le32(shdr + shsz + (img->is64 ? 40 : 24), 2); /* sh_link */
    memcpy(shdr + 2 * shsz, str, shsz);
    put_word(img, shdr + 2 * shsz + (img->is64 ? 24 : 16), stroff - 4);

    memcpy(out + symoff, img->elf + elf_shdr_field(img, sym, SH_OFFSET),
           symsz);
    memcpy(out + stroff, img->elf + elf_shdr_field(img, str, SH_OFFSET),
           strsz);
}

int xenimage_load(struct xenimage *img, void *dst, size_t dst_size)
{
    const struct xenimage_info *info;
    uint8_t *out = dst;
    unsigned int i;

    if ( !img || !dst )
        return -EINVAL;
    if ( !img->open )
        return image_fail(img, -EINVAL, "no image is open");
    info = &img->info;
    if ( dst_size < info->load_size )
        return image_fail(img, -ENOSPC,
                          "buffer of %zu bytes is too small: the image "
                          "needs %" PRIu64, dst_size, info->load_size);
    if ( info->bsd_symtab && info->bsd_symtab_pend == XENIMAGE_UNSET )
        return image_fail(img, -ENOEXEC,
                          "BSD_SYMTAB asks for the symbol table, but the "
                          "image has none (or no room for it)");

    memset(out, 0, info->load_size);
    for ( i = 0; i < img->nr_segs; i++ )
    {
        const struct xenimage_segment *seg = &img->segs[i];

        memcpy(out + (seg->paddr - info->pstart), img->elf + seg->offset,
               seg->filesz);
    }
    if ( info->bsd_symtab_pend != XENIMAGE_UNSET )
        load_bsd_symtab(img, out + (info->bsd_symtab_pstart - info->pstart));
    img->err[0] = '\0';
    return 0;
}
