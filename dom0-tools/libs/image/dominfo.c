/*
 * dominfo.c: what the notes mean for a PV domain builder.
 *
 * Semantics of Xen's elf_xen_addr_calc_check() for a PV guest: VIRT_BASE
 * defaults to 0; PADDR_OFFSET defaults to 0 with ELF notes and to VIRT_BASE
 * with the legacy "__xen_guest" string; the kernel occupies
 * [pstart, pend) + VIRT_BASE - PADDR_OFFSET; the entry is ENTRY or e_entry.
 * With BSD_SYMTAB the symbol table follows the kernel (elf_parse_bsdsyms).
 */
#include <string.h>

#include "private.h"

static uint64_t round_up(uint64_t x, uint64_t align)
{
    return (x + align - 1) & ~(align - 1);
}

static const char *string_or_empty(const struct xenimage *img,
                                   unsigned int type)
{
    return img->strings[type] ? img->strings[type] : "";
}

/* PAE_MODE: notes know "yes" and "bimodal", the legacy string "yes...". */
static enum xenimage_pae dominfo_pae(const struct xenimage *img)
{
    const char *s = img->strings[XENIMAGE_NOTE_PAE_MODE];

    if ( !s )
        return XENIMAGE_PAE_NO;
    if ( img->info.legacy_guest_info )
    {
        if ( !strcmp(s, "yes[extended-cr3]") )
            return XENIMAGE_PAE_EXTCR3;
        return strncmp(s, "yes", 3) ? XENIMAGE_PAE_NO : XENIMAGE_PAE_YES;
    }
    if ( strstr(s, "bimodal") )
        return XENIMAGE_PAE_BIMODAL;
    return strcmp(s, "yes") ? XENIMAGE_PAE_NO : XENIMAGE_PAE_EXTCR3;
}

/*
 * Room for the symbol table after the kernel: a u32 size, an ELF header
 * padded to 64 bytes, three section headers (null, symtab, strtab), then
 * the two tables, each rounded to the ELF word.  The same as Xen for ELF64.
 */
static void dominfo_bsd_symtab(struct xenimage *img)
{
    struct xenimage_info *info = &img->info;
    uint64_t word = img->is64 ? 8 : 4, sz;
    const uint8_t *sym, *str;

    if ( !info->bsd_symtab || !img->symtab_shdr )
        return;
    sym = img->elf + img->symtab_shdr;
    str = img->elf + img->strtab_shdr;
    sz = round_up(4 + 64 + 3 * (img->is64 ? 64 : 40), word);
    sz = round_up(sz + elf_shdr_field(img, sym, SH_SIZE), word);
    sz = round_up(sz + elf_shdr_field(img, str, SH_SIZE), word);
    if ( info->pend > UINT64_MAX - sz - word )
        return; /* no room at the top: xenimage_check() says so */
    info->bsd_symtab_pstart = round_up(info->pend, word);
    info->bsd_symtab_pend = info->bsd_symtab_pstart + sz;
}

void dominfo_compute(struct xenimage *img)
{
    struct xenimage_info *info = &img->info;
    const char *bsd = img->strings[XENIMAGE_NOTE_BSD_SYMTAB];
    uint64_t offset;

    info->guest_os = string_or_empty(img, XENIMAGE_NOTE_GUEST_OS);
    info->guest_version = string_or_empty(img, XENIMAGE_NOTE_GUEST_VERSION);
    info->xen_version = string_or_empty(img, XENIMAGE_NOTE_XEN_VERSION);
    info->loader = string_or_empty(img, XENIMAGE_NOTE_LOADER);
    info->features = string_or_empty(img, XENIMAGE_NOTE_FEATURES);
    info->pae_mode = string_or_empty(img, XENIMAGE_NOTE_PAE_MODE);
    info->pae = dominfo_pae(img);
    info->bsd_symtab = info->legacy_guest_info ? bsd != NULL :
                       (bsd && !strcmp(bsd, "yes"));

    if ( img->is64 )
        info->guest_type = "xen-3.0-x86_64";
    else
        info->guest_type = info->pae ? "xen-3.0-x86_32p" : "xen-3.0-x86_32";

    info->pv_virt_base = info->virt_base == XENIMAGE_UNSET ?
                         0 : info->virt_base;
    if ( info->paddr_offset != XENIMAGE_UNSET )
        info->pv_paddr_offset = info->paddr_offset;
    else
        info->pv_paddr_offset = info->legacy_guest_info ?
                                info->pv_virt_base : 0;
    offset = info->pv_virt_base - info->pv_paddr_offset;
    info->virt_kstart = info->pstart + offset;
    info->virt_kend = info->pend + offset;
    info->pv_entry = info->virt_entry == XENIMAGE_UNSET ?
                     info->elf_entry : info->virt_entry;

    info->bsd_symtab_pstart = info->bsd_symtab_pend = XENIMAGE_UNSET;
    dominfo_bsd_symtab(img);
    if ( info->bsd_symtab_pend != XENIMAGE_UNSET )
    {
        info->virt_kend = info->bsd_symtab_pend + offset;
        info->load_size = info->bsd_symtab_pend - info->pstart;
    }
    else
        info->load_size = info->pend - info->pstart;
}
