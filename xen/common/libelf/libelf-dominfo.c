/*
 * The Xen ELF notes of a guest kernel: read them into struct elf_dom_parms
 * and check them.  Behaviour follows Xen 4.17's libelf-dominfo.c (which
 * notes are strings or numbers, PT_NOTE first then SHT_NOTE, the feature
 * names, the LOADER/GUEST_OS/XEN_VERSION and address checks); the code and
 * its stricter bounds checking are our own.
 */
#include "libelf-private.h"

/* Feature names FEATURES may use, indexed by XENFEAT_* bit. */
static const char *const elf_xen_feature_names[] = {
    [XENFEAT_writable_page_tables] = "writable_page_tables",
    [XENFEAT_writable_descriptor_tables] = "writable_descriptor_tables",
    [XENFEAT_auto_translated_physmap] = "auto_translated_physmap",
    [XENFEAT_supervisor_mode_kernel] = "supervisor_mode_kernel",
    [XENFEAT_pae_pgdir_above_4gb] = "pae_pgdir_above_4gb",
    [XENFEAT_hvm_callback_vector] = "hvm_callback_vector",
    [XENFEAT_dom0] = "dom0",
};
#define NR_FEATURE_NAMES \
    (sizeof(elf_xen_feature_names) / sizeof(elf_xen_feature_names[0]))

/* Which note types carry a string (the rest are numbers). */
static const bool elf_note_is_string[ELF_XEN_NOTE_MAX + 1] = {
    [XEN_ELFNOTE_XEN_VERSION] = true,
    [XEN_ELFNOTE_GUEST_OS] = true,
    [XEN_ELFNOTE_GUEST_VERSION] = true,
    [XEN_ELFNOTE_LOADER] = true,
    [XEN_ELFNOTE_PAE_MODE] = true,
    [XEN_ELFNOTE_FEATURES] = true,
    [XEN_ELFNOTE_BSD_SYMTAB] = true,
};

static void feature_set(u32 *map, unsigned int bit)
{
    map[bit / 32] |= 1u << (bit % 32);
}

/* See xen/libelf.h.  Names longer than Xen's 63-character buffer never match. */
int elf_xen_parse_features(const char *features, size_t len, u32 *supported,
                           u32 *required)
{
    size_t pos = 0;

    while ( pos < len && features[pos] )
    {
        size_t n = 0, i;
        const char *name = features + pos;
        bool req;

        while ( pos + n < len && name[n] && name[n] != '|' )
            n++;
        pos += n + (pos + n < len && name[n] == '|');

        req = n && name[0] == '!';
        if ( req )
        {
            name++;
            n--;
        }
        for ( i = 0; i < NR_FEATURE_NAMES; i++ )
        {
            const char *f = elf_xen_feature_names[i];

            if ( f && strlen(f) == n && !memcmp(f, name, n) )
            {
                feature_set(supported, i);
                if ( req && required )
                    feature_set(required, i);
                break;
            }
        }
        if ( i == NR_FEATURE_NAMES && req && required )
            return -EOPNOTSUPP;
    }
    return 0;
}

/* Copy a string note into a 16-byte field, truncating like Xen. */
static void note_string(char *dst, const u8 *desc, u64 descsz)
{
    size_t i;

    for ( i = 0; i < 15 && i < descsz && desc[i]; i++ )
        dst[i] = (char)desc[i];
    dst[i] = '\0';
}

/* A numeric note: 1, 2, 4 or 8 bytes, little-endian. */
static int note_number(const u8 *desc, u64 descsz, u64 *val)
{
    switch ( descsz )
    {
    case 1: *val = desc[0]; return 0;
    case 2: *val = elf_get16(desc); return 0;
    case 4: *val = elf_get32(desc); return 0;
    case 8: *val = elf_get64(desc); return 0;
    }
    return -EILSEQ;
}

/* Apply one Xen note to parms. */
static int elf_xen_parse_note(struct elf_dom_parms *parms, u32 type,
                              const u8 *desc, u64 descsz, const char **reason)
{
    char str[16];
    u64 val = 0;

    if ( type > ELF_XEN_NOTE_MAX || type == XEN_ELFNOTE_INFO )
        return 0;   /* unknown notes are ignored, as in Xen */
    parms->notes_seen |= 1u << type;

    /*
     * Strings end at a NUL or at the end of the descriptor: Linux does not
     * terminate FEATURES inside it (the padding after it is zero).
     */
    if ( elf_note_is_string[type] )
        note_string(str, desc, descsz);
    else if ( type == XEN_ELFNOTE_L1_MFN_VALID )
    {
        /* Two words (mask, value): 32-bit kernels use .long, 64-bit .quad. */
        if ( descsz == 8 )
        {
            parms->l1_mfn_valid_mask = elf_get32(desc);
            parms->l1_mfn_valid_value = elf_get32(desc + 4);
        }
        else if ( descsz == 16 )
        {
            parms->l1_mfn_valid_mask = elf_get64(desc);
            parms->l1_mfn_valid_value = elf_get64(desc + 8);
        }
        else
            return elf_fail(reason, "Xen L1_MFN_VALID note of a bad size",
                            -EILSEQ);
        return 0;
    }
    else if ( type == XEN_ELFNOTE_SUPPORTED_FEATURES )
    {
        unsigned int i;

        /* An array of 32-bit words, as many as the note holds. */
        for ( i = 0; i < ELF_XEN_FEATURE_WORDS && (u64)(i + 1) * 4 <= descsz;
              i++ )
            parms->f_supported[i] |= elf_get32(desc + 4 * i);
        return 0;
    }
    else if ( note_number(desc, descsz, &val) )
        return elf_fail(reason, "numeric Xen ELF note of a bad size",
                        -EILSEQ);

    switch ( type )
    {
    case XEN_ELFNOTE_LOADER:
        memcpy(parms->loader, str, sizeof(str));
        break;
    case XEN_ELFNOTE_GUEST_OS:
        memcpy(parms->guest_os, str, sizeof(str));
        break;
    case XEN_ELFNOTE_GUEST_VERSION:
        memcpy(parms->guest_ver, str, sizeof(str));
        break;
    case XEN_ELFNOTE_XEN_VERSION:
        memcpy(parms->xen_ver, str, sizeof(str));
        break;
    case XEN_ELFNOTE_PAE_MODE:
        if ( !strcmp(str, "yes") )
            parms->pae = XEN_PAE_EXTCR3;
        if ( strstr(str, "bimodal") )
            parms->pae = XEN_PAE_BIMODAL;
        break;
    case XEN_ELFNOTE_BSD_SYMTAB:
        if ( !strcmp(str, "yes") )
            parms->bsd_symtab = true;
        break;
    case XEN_ELFNOTE_FEATURES:
        if ( elf_xen_parse_features((const char *)desc, descsz,
                                    parms->f_supported, parms->f_required) )
            return elf_fail(reason, "kernel requires a Xen feature we do "
                                    "not know", -EOPNOTSUPP);
        break;
    case XEN_ELFNOTE_VIRT_BASE:
        parms->virt_base = val;
        break;
    case XEN_ELFNOTE_ENTRY:
        parms->virt_entry = val;
        break;
    case XEN_ELFNOTE_INIT_P2M:
        parms->p2m_base = val;
        break;
    case XEN_ELFNOTE_MOD_START_PFN:
        parms->unmapped_initrd = val != 0;
        break;
    case XEN_ELFNOTE_PADDR_OFFSET:
        parms->elf_paddr_offset = val;
        break;
    case XEN_ELFNOTE_HYPERCALL_PAGE:
        parms->virt_hypercall = val;
        break;
    case XEN_ELFNOTE_HV_START_LOW:
        parms->virt_hv_start_low = val;
        break;
    case XEN_ELFNOTE_SUSPEND_CANCEL:
        parms->suspend_cancel = val != 0;
        break;
    case XEN_ELFNOTE_PHYS32_ENTRY:
        parms->phys_entry = (u32)val;
        break;
    }
    return 0;
}

/*
 * Walk the notes in image[off, off + len): 4-byte aligned headers of namesz,
 * descsz and type, then the padded name and descriptor.  Xen notes (name
 * "Xen") go to parms; *total counts every note against the global limit.
 */
static int elf_xen_parse_notes(const struct elf_binary *elf,
                               struct elf_dom_parms *parms, u64 off, u64 len,
                               unsigned int *total, const char **reason)
{
    const u8 *p = elf->image + off;
    u64 pos = 0;
    int rc;

    /* Fewer than 12 bytes left is tail padding, not a note. */
    while ( len - pos >= 12 )
    {
        u64 namesz = elf_get32(p + pos), descsz = elf_get32(p + pos + 4);
        u32 type = elf_get32(p + pos + 8);
        u64 name = pos + 12;
        u64 desc = name + ((namesz + 3) & ~3ull);
        u64 next = desc + ((descsz + 3) & ~3ull);

        if ( desc > len || next > len || desc + descsz > len )
            return elf_fail(reason, "ELF note runs off the end of its "
                                    "segment", -EILSEQ);
        if ( ++*total > ELF_MAX_TOTAL_NOTES )
            return elf_fail(reason, "too many ELF notes", -EILSEQ);
        if ( namesz == 4 && !memcmp(p + name, "Xen", 4) )
        {
            if ( (rc = elf_xen_parse_note(parms, type, p + desc, descsz,
                                          reason)) )
                return rc;
            parms->xen_notes++;
        }
        pos = next;
    }
    return 0;
}

/* PT_NOTE segments first; SHT_NOTE sections only if those held no Xen note. */
static int elf_xen_find_notes(const struct elf_binary *elf,
                              struct elf_dom_parms *parms, const char **reason)
{
    unsigned int i, total = 0;
    int rc;

    for ( i = 0; i < elf->phnum; i++ )
    {
        struct elf_phdr ph;

        elf_phdr_by_index(elf, i, &ph);
        /* Some binutils leave p_offset 0 in note segments: skip those. */
        if ( ph.type != PT_NOTE || ph.offset == 0 )
            continue;
        if ( (rc = elf_xen_parse_notes(elf, parms, ph.offset, ph.filesz,
                                       &total, reason)) )
            return rc;
    }
    if ( parms->xen_notes )
        return 0;

    for ( i = 1; i < elf->shnum; i++ )
    {
        struct elf_shdr sh;

        elf_shdr_by_index(elf, i, &sh);
        if ( sh.type != SHT_NOTE )
            continue;
        if ( !elf_range_ok(elf, sh.offset, sh.size) )
            return elf_fail(reason, "ELF note section outside the file",
                            -EILSEQ);
        if ( (rc = elf_xen_parse_notes(elf, parms, sh.offset, sh.size,
                                       &total, reason)) )
            return rc;
    }
    parms->notes_from_sections = parms->xen_notes != 0;
    return 0;
}

/* Xen's elf_xen_note_check(): is this a kernel Xen agrees to load? */
static int elf_xen_note_check(const struct elf_binary *elf,
                              const struct elf_dom_parms *parms, bool hvm,
                              const char **reason)
{
    if ( !parms->xen_notes )
    {
        if ( elf->machine == EM_386 || elf->machine == EM_X86_64 )
            return elf_fail(reason, "not a Xen ELF image: no Xen ELF notes",
                            -ENOEXEC);
        return 0;
    }
    /* PVH needs nothing but PHYS32_ENTRY. */
    if ( hvm && parms->phys_entry != ELF_UNSET_ADDR32 )
        return 0;
    if ( strncmp(parms->loader, "generic", 7) &&
         strncmp(parms->guest_os, "linux", 5) )
        return elf_fail(reason, "kernel is neither for the generic loader "
                                "nor Linux (LOADER/GUEST_OS notes)",
                        -ENOEXEC);
    if ( strncmp(parms->xen_ver, "xen-3.0", 7) )
        return elf_fail(reason, "kernel is not built for Xen 3.0 "
                                "(XEN_VERSION note)", -ENOEXEC);
    return 0;
}

/* Xen's elf_xen_addr_calc_check(): defaults, layout and its sanity. */
static int elf_xen_addr_calc_check(const struct elf_binary *elf,
                                   struct elf_dom_parms *parms, bool hvm,
                                   const char **reason)
{
    if ( parms->elf_paddr_offset != ELF_UNSET_ADDR &&
         parms->virt_base == ELF_UNSET_ADDR && !hvm )
        return elf_fail(reason, "PADDR_OFFSET note without VIRT_BASE",
                        -ERANGE);
    if ( parms->virt_base == ELF_UNSET_ADDR || hvm )
        parms->virt_base = 0;
    if ( parms->elf_paddr_offset == ELF_UNSET_ADDR || hvm )
        parms->elf_paddr_offset = 0;

    parms->virt_offset = parms->virt_base - parms->elf_paddr_offset;
    parms->virt_kstart = elf->pstart + parms->virt_offset;
    parms->virt_kend = elf->pend + parms->virt_offset;

    if ( parms->virt_entry == ELF_UNSET_ADDR || hvm )
        parms->virt_entry = hvm && parms->phys_entry != ELF_UNSET_ADDR32
                            ? parms->phys_entry : elf->entry;

    if ( parms->virt_kstart > parms->virt_kend )
        return elf_fail(reason, "kernel address range wraps around",
                        -ERANGE);
    if ( parms->virt_entry < parms->virt_kstart ||
         parms->virt_entry > parms->virt_kend )
        return elf_fail(reason, "entry point outside the kernel", -ERANGE);
    if ( parms->virt_base > parms->virt_kstart )
        return elf_fail(reason, "VIRT_BASE above the kernel's start",
                        -ERANGE);
    if ( parms->p2m_base != ELF_UNSET_ADDR &&
         parms->p2m_base >= parms->virt_kstart &&
         parms->p2m_base < parms->virt_kend )
        return elf_fail(reason, "INIT_P2M inside the kernel", -ERANGE);
    return 0;
}

/* See xen/libelf.h. */
int elf_xen_parse(const struct elf_binary *elf, struct elf_dom_parms *parms,
                  bool hvm, const char **reason)
{
    int rc;

    memset(parms, 0, sizeof(*parms));
    parms->virt_base = ELF_UNSET_ADDR;
    parms->virt_entry = ELF_UNSET_ADDR;
    parms->virt_hypercall = ELF_UNSET_ADDR;
    parms->virt_hv_start_low = ELF_UNSET_ADDR;
    parms->p2m_base = ELF_UNSET_ADDR;
    parms->elf_paddr_offset = ELF_UNSET_ADDR;
    parms->phys_entry = ELF_UNSET_ADDR32;

    if ( (rc = elf_xen_find_notes(elf, parms, reason)) ||
         (rc = elf_xen_note_check(elf, parms, hvm, reason)) ||
         (rc = elf_xen_addr_calc_check(elf, parms, hvm, reason)) )
        return rc;
    return 0;
}

/* See xen/libelf.h (Xen's dom0 builder checks, arch/x86/pv/dom0_build.c). */
int elf_xen_dom0_check(const struct elf_binary *elf,
                       const struct elf_dom_parms *parms, const char **reason)
{
    if ( elf->class != ELFCLASS64 || elf->machine != EM_X86_64 )
        return elf_fail(reason, "dom0 kernel must be a 64-bit x86 ELF",
                        -EOPNOTSUPP);
    if ( !(parms->f_supported[0] & (1u << XENFEAT_dom0)) )
        return elf_fail(reason, "kernel does not support running as dom0 "
                                "(XENFEAT_dom0 not in its notes)",
                        -EOPNOTSUPP);
    if ( parms->f_required[0] & (1u << XENFEAT_supervisor_mode_kernel) )
        return elf_fail(reason, "kernel requires supervisor_mode_kernel",
                        -EOPNOTSUPP);
    return 0;
}
