/*
 * notes.c: find and parse the Xen ELF notes.
 *
 * Semantics of Xen's libelf (elf_xen_parse, elf_xen_parse_note): notes
 * owned by "Xen" are read from every PT_NOTE segment (skipping those whose
 * p_offset is 0, which old binutils wrote), then, only if none was found,
 * from SHT_NOTE sections, then from the legacy "__xen_guest" section.  A
 * later note of a type overrides an earlier one.  Note entries are padded to
 * 4 bytes, or to 8 in an ELF64 segment or section aligned to 8 (gABI).
 *
 * Stricter than libelf: a note that runs past its segment, or a numeric note
 * whose size is not 1, 2, 4 or 8 bytes, makes the image corrupt instead of
 * silently reading 0.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define PT_NOTE  4
#define SHT_NOTE 7

enum note_kind { NOTE_UNKNOWN, NOTE_STRING, NOTE_NUMBER, NOTE_FEATURES,
                 NOTE_L1_MFN_VALID, NOTE_RAW };

static enum note_kind note_kind(unsigned int type)
{
    switch ( type )
    {
    case XENIMAGE_NOTE_INFO:
    case XENIMAGE_NOTE_XEN_VERSION:
    case XENIMAGE_NOTE_GUEST_OS:
    case XENIMAGE_NOTE_GUEST_VERSION:
    case XENIMAGE_NOTE_LOADER:
    case XENIMAGE_NOTE_PAE_MODE:
    case XENIMAGE_NOTE_FEATURES:
    case XENIMAGE_NOTE_BSD_SYMTAB:
        return NOTE_STRING;
    case XENIMAGE_NOTE_ENTRY:
    case XENIMAGE_NOTE_HYPERCALL_PAGE:
    case XENIMAGE_NOTE_VIRT_BASE:
    case XENIMAGE_NOTE_PADDR_OFFSET:
    case XENIMAGE_NOTE_HV_START_LOW:
    case XENIMAGE_NOTE_SUSPEND_CANCEL:
    case XENIMAGE_NOTE_INIT_P2M:
    case XENIMAGE_NOTE_MOD_START_PFN:
    case XENIMAGE_NOTE_PHYS32_ENTRY:
        return NOTE_NUMBER;
    case XENIMAGE_NOTE_SUPPORTED_FEATURES:
        return NOTE_FEATURES;
    case XENIMAGE_NOTE_L1_MFN_VALID:
        return NOTE_L1_MFN_VALID;
    case XENIMAGE_NOTE_PHYS32_RELOC:
        return NOTE_RAW;
    }
    return NOTE_UNKNOWN;
}

/* A little-endian number of 1, 2, 4 or 8 bytes. */
static uint64_t note_number(const uint8_t *p, uint32_t size)
{
    switch ( size )
    {
    case 1: return p[0];
    case 2: return get_le16(p);
    case 4: return get_le32(p);
    default: return get_le64(p);
    }
}

static uint64_t *number_field(struct xenimage_info *info, unsigned int type)
{
    switch ( type )
    {
    case XENIMAGE_NOTE_ENTRY:          return &info->virt_entry;
    case XENIMAGE_NOTE_HYPERCALL_PAGE: return &info->virt_hypercall;
    case XENIMAGE_NOTE_VIRT_BASE:      return &info->virt_base;
    case XENIMAGE_NOTE_PADDR_OFFSET:   return &info->paddr_offset;
    case XENIMAGE_NOTE_HV_START_LOW:   return &info->hv_start_low;
    case XENIMAGE_NOTE_SUSPEND_CANCEL: return &info->suspend_cancel;
    case XENIMAGE_NOTE_INIT_P2M:       return &info->p2m_base;
    case XENIMAGE_NOTE_MOD_START_PFN:  return &info->mod_start_pfn;
    case XENIMAGE_NOTE_PHYS32_ENTRY:   return &info->phys_entry;
    }
    return NULL;
}

/* Interpret one Xen note; desc has descsz bytes inside the image. */
static int note_parse(struct xenimage *img, uint32_t type, const uint8_t *desc,
                      uint32_t descsz)
{
    struct xenimage_info *info = &img->info;
    const char *name = xenimage_note_name(type);
    uint64_t *field;
    uint32_t unit;
    size_t len;

    switch ( note_kind(type) )
    {
    case NOTE_STRING:
        if ( descsz > XENIMAGE_MAX_STRING )
            return image_fail(img, -ENOEXEC,
                              "ELF: note %s is %u bytes long, over %u", name,
                              descsz, XENIMAGE_MAX_STRING);
        /* Linux's FEATURES has no NUL within its descsz: stop at either. */
        len = strnlen((const char *)desc, descsz);
        return image_note_string(img, type, (const char *)desc, len);

    case NOTE_NUMBER:
        if ( descsz != 1 && descsz != 2 && descsz != 4 && descsz != 8 )
            return image_fail(img, -ENOEXEC,
                              "ELF: note %s has a %u-byte value; expected 1, "
                              "2, 4 or 8", name, descsz);
        field = number_field(info, type);
        *field = note_number(desc, descsz);
        if ( type == XENIMAGE_NOTE_PHYS32_ENTRY )
            *field &= UINT32_MAX; /* libelf keeps 32 bits */
        return 0;

    case NOTE_FEATURES:
        /* An array of 32-bit XENFEAT submaps; Xen knows one. */
        if ( descsz == 0 || descsz % 4 )
            return image_fail(img, -ENOEXEC,
                              "ELF: note SUPPORTED_FEATURES has %u bytes, not "
                              "a multiple of 4", descsz);
        info->f_supported |= get_le32(desc);
        return 0;

    case NOTE_L1_MFN_VALID:
        /* Mask/value pairs of 32-bit words if 8 bytes long, else 64-bit. */
        unit = descsz == 8 ? 4 : 8;
        if ( descsz == 0 || descsz % (2 * unit) )
            return image_fail(img, -ENOEXEC,
                              "ELF: note L1_MFN_VALID has %u bytes, not "
                              "mask/value pairs", descsz);
        info->l1_mfn_valid_mask = note_number(desc, unit);
        info->l1_mfn_valid_value = note_number(desc + unit, unit);
        return 0;

    default:
        return 0; /* kept in the list for readnotes, otherwise ignored */
    }
}

/* Append a Xen note to the handle's list. */
static int note_record(struct xenimage *img, uint32_t type,
                       const uint8_t *desc, uint32_t descsz)
{
    struct xenimage_note *n;

    if ( img->nr_notes == img->notes_cap )
    {
        unsigned int cap = img->notes_cap ? img->notes_cap * 2 : 32;

        n = realloc(img->notes, cap * sizeof(*n));
        if ( !n )
            return image_fail(img, -ENOMEM, "out of memory");
        img->notes = n;
        img->notes_cap = cap;
    }
    n = &img->notes[img->nr_notes++];
    n->type = type;
    n->descsz = descsz;
    n->desc = desc;
    if ( type < XENIMAGE_NR_NOTE_TYPES )
        img->note_seen[type] = true;
    return note_parse(img, type, desc, descsz);
}

static uint64_t round_up(uint64_t x, unsigned int align)
{
    return (x + align - 1) & ~(uint64_t)(align - 1);
}

/*
 * Walk the notes in [off, off + len) of the ELF, which the caller checked,
 * parsing those owned by "Xen".  what names the container for messages.
 */
static int notes_walk(struct xenimage *img, uint64_t off, uint64_t len,
                      unsigned int align, const char *what, unsigned int idx,
                      unsigned int *total)
{
    const uint8_t *base = img->elf + off;
    uint64_t pos = 0, desc;
    uint32_t namesz, descsz, type;
    int rc;

    while ( pos < len )
    {
        if ( ++*total > XENIMAGE_MAX_NOTES )
            return image_fail(img, -ENOEXEC, "ELF: too many notes");
        if ( len - pos < 12 )
            return image_fail(img, -ENOEXEC,
                              "ELF: note %s %u: truncated note header at "
                              "offset 0x%" PRIx64, what, idx, off + pos);
        namesz = get_le32(base + pos);
        descsz = get_le32(base + pos + 4);
        type = get_le32(base + pos + 8);
        desc = pos + round_up(12 + (uint64_t)namesz, align);
        if ( desc > len || descsz > len - desc )
            return image_fail(img, -ENOEXEC,
                              "ELF: note %s %u: note at offset 0x%" PRIx64
                              " (name %u bytes, value %u bytes) runs past its "
                              "end", what, idx, off + pos, namesz, descsz);

        if ( (namesz == 4 || namesz == 3) &&
             !memcmp(base + pos + 12, "Xen", 3) &&
             (namesz == 3 || base[pos + 15] == '\0') )
        {
            rc = note_record(img, type, base + desc, descsz);
            if ( rc )
                return rc;
        }
        pos = desc + round_up(descsz, align);
    }
    return 0;
}

/* Notes of all PT_NOTE segments. */
static int notes_from_segments(struct xenimage *img, unsigned int *total)
{
    unsigned int i, esz = img->is64 ? 56 : 32;
    uint64_t off, size, align;
    const uint8_t *ph;
    int rc;

    for ( i = 0; i < img->phnum; i++ )
    {
        ph = img->elf + img->phoff + (uint64_t)i * esz;
        if ( get_le32(ph) != PT_NOTE )
            continue;
        off = img->is64 ? get_le64(ph + 8) : get_le32(ph + 4);
        size = img->is64 ? get_le64(ph + 32) : get_le32(ph + 16);
        align = img->is64 ? get_le64(ph + 48) : get_le32(ph + 28);
        if ( off == 0 )
            continue;
        if ( !range_ok(off, size, img->elf_size) )
            return image_fail(img, -ENOEXEC,
                              "ELF: note segment %u extends past the end of "
                              "the image: truncated", i);
        rc = notes_walk(img, off, size, img->is64 && align == 8 ? 8 : 4,
                        "segment", i, total);
        if ( rc )
            return rc;
    }
    return 0;
}

/* Notes of all SHT_NOTE sections. */
static int notes_from_sections(struct xenimage *img, unsigned int *total)
{
    uint64_t off, size, align;
    const uint8_t *sh;
    unsigned int i;
    int rc;

    for ( i = 1; i < img->shnum; i++ )
    {
        sh = elf_shdr(img, i);
        if ( elf_shdr_field(img, sh, SH_TYPE) != SHT_NOTE )
            continue;
        off = elf_shdr_field(img, sh, SH_OFFSET);
        size = elf_shdr_field(img, sh, SH_SIZE);
        align = elf_shdr_field(img, sh, SH_ADDRALIGN);
        if ( !range_ok(off, size, img->elf_size) )
            return image_fail(img, -ENOEXEC,
                              "ELF: note section %u extends past the end of "
                              "the image: truncated", i);
        rc = notes_walk(img, off, size, img->is64 && align == 8 ? 8 : 4,
                        "section", i, total);
        if ( rc )
            return rc;
    }
    return 0;
}

/* The section called name, or NULL. */
static const uint8_t *section_by_name(struct xenimage *img, const char *name)
{
    const uint8_t *strtab = elf_shdr(img, img->shstrndx), *sh;
    uint64_t off, size, n;
    size_t want = strlen(name) + 1;
    unsigned int i;

    if ( !img->shstrndx || !strtab )
        return NULL;
    off = elf_shdr_field(img, strtab, SH_OFFSET);
    size = elf_shdr_field(img, strtab, SH_SIZE);
    if ( !range_ok(off, size, img->elf_size) )
        return NULL;
    for ( i = 1; i < img->shnum; i++ )
    {
        sh = elf_shdr(img, i);
        n = elf_shdr_field(img, sh, SH_NAME);
        if ( range_ok(n, want, size) &&
             !memcmp(img->elf + off + n, name, want) )
            return sh;
    }
    return NULL;
}

/* The pre-notes "__xen_guest" string section. */
static int notes_from_guest_info(struct xenimage *img)
{
    const uint8_t *sh = section_by_name(img, "__xen_guest");
    uint64_t off, size;

    if ( !sh )
        return 0;
    off = elf_shdr_field(img, sh, SH_OFFSET);
    size = elf_shdr_field(img, sh, SH_SIZE);
    if ( !range_ok(off, size, img->elf_size) )
        return image_fail(img, -ENOEXEC,
                          "ELF: section __xen_guest extends past the end of "
                          "the image: truncated");
    img->info.legacy_guest_info = 1;
    return guest_info_parse(img, img->elf + off, size);
}

int notes_parse(struct xenimage *img)
{
    struct xenimage_info *info = &img->info;
    unsigned int total = 0;
    int rc;

    info->virt_base = info->paddr_offset = info->virt_entry = XENIMAGE_UNSET;
    info->virt_hypercall = info->hv_start_low = info->p2m_base =
        XENIMAGE_UNSET;
    info->mod_start_pfn = info->suspend_cancel = info->phys_entry =
        XENIMAGE_UNSET;
    info->l1_mfn_valid_mask = info->l1_mfn_valid_value = XENIMAGE_UNSET;

    rc = notes_from_segments(img, &total);
    if ( !rc && img->nr_notes == 0 )
    {
        rc = notes_from_sections(img, &total);
        info->notes_from_sections = img->nr_notes != 0;
    }
    if ( !rc && img->nr_notes == 0 )
        rc = notes_from_guest_info(img);
    if ( rc )
        return rc;
    info->nr_notes = img->nr_notes;

    if ( img->strings[XENIMAGE_NOTE_FEATURES] )
        rc = features_parse(img, img->strings[XENIMAGE_NOTE_FEATURES]);
    return rc;
}
