/*
 * ELF header and program/section header access with bounds checks.
 * Offsets follow the ELF specification's Elf32 and Elf64 layouts.
 */
#include "libelf-private.h"

#define EHDR32_SIZE  52
#define EHDR64_SIZE  64
#define PHDR32_SIZE  32
#define PHDR64_SIZE  56
#define SHDR32_SIZE  40
#define SHDR64_SIZE  64

/* Read the class-dependent ELF header fields. */
static void elf_read_ehdr(struct elf_binary *elf)
{
    const u8 *e = elf->image;

    elf->type = elf_get16(e + 16);
    elf->machine = elf_get16(e + 18);
    if ( elf->class == ELFCLASS64 )
    {
        elf->entry = elf_get64(e + 24);
        elf->phoff = elf_get64(e + 32);
        elf->shoff = elf_get64(e + 40);
        elf->phentsize = elf_get16(e + 54);
        elf->phnum = elf_get16(e + 56);
        elf->shentsize = elf_get16(e + 58);
        elf->shnum = elf_get16(e + 60);
        elf->shstrndx = elf_get16(e + 62);
    }
    else
    {
        elf->entry = elf_get32(e + 24);
        elf->phoff = elf_get32(e + 28);
        elf->shoff = elf_get32(e + 32);
        elf->phentsize = elf_get16(e + 42);
        elf->phnum = elf_get16(e + 44);
        elf->shentsize = elf_get16(e + 46);
        elf->shnum = elf_get16(e + 48);
        elf->shstrndx = elf_get16(e + 50);
    }
}

/* See xen/libelf.h. */
int elf_phdr_by_index(const struct elf_binary *elf, unsigned int i,
                      struct elf_phdr *ph)
{
    const u8 *p;

    if ( i >= elf->phnum )
        return -EINVAL;
    p = elf->image + elf->phoff + (u64)i * elf->phentsize;
    ph->type = elf_get32(p);
    if ( elf->class == ELFCLASS64 )
    {
        ph->flags = elf_get32(p + 4);
        ph->offset = elf_get64(p + 8);
        ph->vaddr = elf_get64(p + 16);
        ph->paddr = elf_get64(p + 24);
        ph->filesz = elf_get64(p + 32);
        ph->memsz = elf_get64(p + 40);
        ph->align = elf_get64(p + 48);
    }
    else
    {
        ph->offset = elf_get32(p + 4);
        ph->vaddr = elf_get32(p + 8);
        ph->paddr = elf_get32(p + 12);
        ph->filesz = elf_get32(p + 16);
        ph->memsz = elf_get32(p + 20);
        ph->flags = elf_get32(p + 24);
        ph->align = elf_get32(p + 28);
    }
    return 0;
}

/* See xen/libelf.h. */
int elf_shdr_by_index(const struct elf_binary *elf, unsigned int i,
                      struct elf_shdr *sh)
{
    const u8 *p;

    if ( i >= elf->shnum )
        return -EINVAL;
    p = elf->image + elf->shoff + (u64)i * elf->shentsize;
    sh->name = elf_get32(p);
    sh->type = elf_get32(p + 4);
    if ( elf->class == ELFCLASS64 )
    {
        sh->offset = elf_get64(p + 24);
        sh->size = elf_get64(p + 32);
    }
    else
    {
        sh->offset = elf_get32(p + 16);
        sh->size = elf_get32(p + 20);
    }
    return 0;
}

/* See xen/libelf.h: Xen loads PT_LOAD segments with any of R, W, X. */
bool elf_phdr_is_loadable(const struct elf_phdr *ph)
{
    return ph->type == PT_LOAD && (ph->flags & (PF_R | PF_W | PF_X));
}

/*
 * Validate every loadable segment and compute [pstart, pend).  Segments are
 * placed by p_paddr, so that is what must not overflow or overlap.
 */
static int elf_check_segments(struct elf_binary *elf, const char **reason)
{
    struct elf_phdr a, b;
    unsigned int i, j, loadable = 0;

    elf->pstart = ~0ull;
    elf->pend = 0;
    for ( i = 0; i < elf->phnum; i++ )
    {
        elf_phdr_by_index(elf, i, &a);
        if ( a.type == PT_NOTE && !elf_range_ok(elf, a.offset, a.filesz) )
            return elf_fail(reason, "ELF note segment outside the file",
                            -EILSEQ);
        if ( !elf_phdr_is_loadable(&a) )
            continue;
        if ( !elf_range_ok(elf, a.offset, a.filesz) )
            return elf_fail(reason, "ELF segment outside the file", -EILSEQ);
        if ( a.filesz > a.memsz )
            return elf_fail(reason, "ELF segment with filesz > memsz",
                            -EILSEQ);
        if ( a.paddr + a.memsz < a.paddr )
            return elf_fail(reason, "ELF segment address overflows", -EILSEQ);
        for ( j = 0; j < i; j++ )
        {
            elf_phdr_by_index(elf, j, &b);
            if ( elf_phdr_is_loadable(&b) && a.memsz && b.memsz &&
                 a.paddr < b.paddr + b.memsz && b.paddr < a.paddr + a.memsz )
                return elf_fail(reason, "ELF segments overlap", -EILSEQ);
        }
        if ( a.paddr < elf->pstart )
            elf->pstart = a.paddr;
        if ( a.paddr + a.memsz > elf->pend )
            elf->pend = a.paddr + a.memsz;
        loadable++;
    }
    if ( !loadable )
        return elf_fail(reason, "ELF image has no loadable segment",
                        -ENOEXEC);
    return 0;
}

/* See xen/libelf.h. */
int elf_init(struct elf_binary *elf, const void *image, size_t size,
             const char **reason)
{
    const u8 *e = image;
    unsigned int ehsize, phent, shent;

    memset(elf, 0, sizeof(*elf));
    if ( !e || size < 16 || e[0] != 0x7f || e[1] != 'E' || e[2] != 'L' ||
         e[3] != 'F' )
        return elf_fail(reason, "not an ELF image", -ENOEXEC);
    if ( e[4] != ELFCLASS32 && e[4] != ELFCLASS64 )
        return elf_fail(reason, "unknown ELF class", -ENOEXEC);
    if ( e[5] != ELFDATA2LSB )
        return elf_fail(reason, "ELF image is not little-endian",
                        -EOPNOTSUPP);
    if ( e[6] != EV_CURRENT )
        return elf_fail(reason, "unknown ELF version", -ENOEXEC);

    elf->image = e;
    elf->size = size;
    elf->class = e[4];
    ehsize = elf->class == ELFCLASS64 ? EHDR64_SIZE : EHDR32_SIZE;
    phent = elf->class == ELFCLASS64 ? PHDR64_SIZE : PHDR32_SIZE;
    shent = elf->class == ELFCLASS64 ? SHDR64_SIZE : SHDR32_SIZE;
    if ( size < ehsize )
        return elf_fail(reason, "ELF header truncated", -EILSEQ);
    elf_read_ehdr(elf);

    if ( elf->type != ET_EXEC && elf->type != ET_DYN )
        return elf_fail(reason, "ELF image is not an executable", -ENOEXEC);
    if ( elf->phnum == PN_XNUM )
        return elf_fail(reason, "extended ELF program header numbering",
                        -EOPNOTSUPP);
    if ( elf->phnum > ELF_MAX_PHDRS )
        return elf_fail(reason, "too many ELF program headers", -EILSEQ);
    if ( elf->phnum && (elf->phentsize < phent ||
                        !elf_range_ok(elf, elf->phoff,
                                      (u64)elf->phnum * elf->phentsize)) )
        return elf_fail(reason, "ELF program headers outside the file",
                        -EILSEQ);
    if ( elf->shnum && (elf->shentsize < shent ||
                        !elf_range_ok(elf, elf->shoff,
                                      (u64)elf->shnum * elf->shentsize)) )
        return elf_fail(reason, "ELF section headers outside the file",
                        -EILSEQ);

    return elf_check_segments(elf, reason);
}
