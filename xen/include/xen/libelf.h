/*
 * ELF loading for domain builders: parse an ELF32/ELF64 (little-endian)
 * kernel image with every offset and size bounds checked, read its Xen ELF
 * notes into struct elf_dom_parms, check them as Xen 4.17 does, and copy
 * the loadable segments out through a caller-supplied callback.
 *
 * The image is only ever read, byte by byte where fields may be unaligned;
 * nothing is allocated and nothing is printed.  Errors are negative errno
 * values, each with a static reason string (for "dom0 kernel: <reason>"):
 *   -ENOEXEC     not an ELF image, or not one Xen can boot (no Xen notes,
 *                LOADER/GUEST_OS/XEN_VERSION not acceptable)
 *   -EILSEQ      malformed: headers, segments or notes outside the file,
 *                overflowing offsets, overlapping segments, absurd counts,
 *                numeric notes of an impossible size
 *   -EOPNOTSUPP  well-formed but not supported: big-endian, extended
 *                program header numbering, a required feature we do not
 *                know, a kernel that cannot be a 64-bit PV dom0
 *   -ERANGE      the notes and the segments disagree (entry outside the
 *                kernel, VIRT_BASE above it, INIT_P2M inside it, ...)
 *
 * Facts (layouts, note numbers and semantics) are those of the ELF
 * specification, Xen's public/elfnote.h and public/features.h, and Xen's
 * libelf behaviour (xen/common/libelf/libelf-dominfo.c), re-implemented.
 */
#ifndef XEN_LIBELF_H
#define XEN_LIBELF_H

#include <xen/types.h>

/* ELF identification and the values we look at. */
#define ELFCLASS32      1
#define ELFCLASS64      2
#define ELFDATA2LSB     1
#define EV_CURRENT      1
#define ET_EXEC         2
#define ET_DYN          3
#define EM_386          3
#define EM_X86_64       62
#define PT_LOAD         1
#define PT_NOTE         4
#define PF_X            1
#define PF_W            2
#define PF_R            4
#define SHT_NOTE        7
#define PN_XNUM         0xffff

/* Limits on hostile images (Linux's vmlinux has 5 program headers). */
#define ELF_MAX_PHDRS           512
#define ELF_MAX_TOTAL_NOTES     65536   /* Xen's ELF_MAX_TOTAL_NOTE_COUNT */

/* Xen ELF note types (public/elfnote.h). */
#ifndef XEN_ELFNOTE_ENTRY
#define XEN_ELFNOTE_INFO               0
#define XEN_ELFNOTE_ENTRY              1
#define XEN_ELFNOTE_HYPERCALL_PAGE     2
#define XEN_ELFNOTE_VIRT_BASE          3
#define XEN_ELFNOTE_PADDR_OFFSET       4
#define XEN_ELFNOTE_XEN_VERSION        5
#define XEN_ELFNOTE_GUEST_OS           6
#define XEN_ELFNOTE_GUEST_VERSION      7
#define XEN_ELFNOTE_LOADER             8
#define XEN_ELFNOTE_PAE_MODE           9
#define XEN_ELFNOTE_FEATURES          10
#define XEN_ELFNOTE_BSD_SYMTAB        11
#define XEN_ELFNOTE_HV_START_LOW      12
#define XEN_ELFNOTE_L1_MFN_VALID      13
#define XEN_ELFNOTE_SUSPEND_CANCEL    14
#define XEN_ELFNOTE_INIT_P2M          15
#define XEN_ELFNOTE_MOD_START_PFN     16
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17
#define XEN_ELFNOTE_PHYS32_ENTRY      18
#endif
#define ELF_XEN_NOTE_MAX              18

/* Feature bits that FEATURES names (public/features.h numbering). */
#ifndef XENFEAT_dom0
#define XENFEAT_writable_page_tables       0
#define XENFEAT_writable_descriptor_tables 1
#define XENFEAT_auto_translated_physmap    2
#define XENFEAT_supervisor_mode_kernel     3
#define XENFEAT_pae_pgdir_above_4gb        4
#define XENFEAT_hvm_callback_vector        8
#define XENFEAT_dom0                      11
#endif
#define ELF_XEN_FEATURE_WORDS   1       /* XENFEAT_NR_SUBMAPS */

#define ELF_UNSET_ADDR    (~(u64)0)
#define ELF_UNSET_ADDR32  (~(u32)0)

/* A parsed image: header fields, normalised to 64 bits. */
struct elf_binary {
    const u8 *image;
    size_t size;
    unsigned int class;         /* ELFCLASS32 or ELFCLASS64 */
    u16 type, machine;
    u64 entry;
    u64 phoff, shoff;
    unsigned int phnum, phentsize;
    unsigned int shnum, shentsize, shstrndx;
    u64 pstart, pend;           /* p_paddr extent of the loadable segments */
};

/* A program header, normalised to 64 bits. */
struct elf_phdr {
    u32 type, flags;
    u64 offset, vaddr, paddr, filesz, memsz, align;
};

/* A section header, normalised (the fields we use). */
struct elf_shdr {
    u32 name, type;
    u64 offset, size;
};

enum elf_pae_mode {
    XEN_PAE_NO = 0,
    XEN_PAE_YES,
    XEN_PAE_EXTCR3,
    XEN_PAE_BIMODAL,
};

/* What the Xen notes say, plus the layout computed from them. */
struct elf_dom_parms {
    /* Numeric notes; ELF_UNSET_ADDR (or _ADDR32) when absent. */
    u64 virt_base;              /* VIRT_BASE */
    u64 virt_entry;             /* ENTRY (e_entry if absent, after checks) */
    u64 virt_hypercall;         /* HYPERCALL_PAGE */
    u64 virt_hv_start_low;      /* HV_START_LOW */
    u64 p2m_base;               /* INIT_P2M */
    u64 elf_paddr_offset;       /* PADDR_OFFSET (defaulted by the checks) */
    u32 phys_entry;             /* PHYS32_ENTRY (PVH) */
    u64 l1_mfn_valid_mask, l1_mfn_valid_value;  /* L1_MFN_VALID */
    u32 f_supported[ELF_XEN_FEATURE_WORDS];     /* FEATURES + SUPPORTED_FEATURES */
    u32 f_required[ELF_XEN_FEATURE_WORDS];      /* FEATURES entries with '!' */
    enum elf_pae_mode pae;      /* PAE_MODE */
    bool bsd_symtab;            /* BSD_SYMTAB "yes" (symbols not loaded) */
    bool unmapped_initrd;       /* MOD_START_PFN != 0 */
    bool suspend_cancel;        /* SUSPEND_CANCEL != 0 */
    /* String notes, NUL-terminated, truncated like Xen's to 15 chars. */
    char guest_os[16], guest_ver[16], xen_ver[16], loader[16];

    u32 notes_seen;             /* bit n: note type n was present */
    unsigned int xen_notes;     /* how many Xen notes were read */
    bool notes_from_sections;   /* SHT_NOTE fallback was used */

    /* Computed by elf_xen_parse() (VIRT_BASE + p_paddr - PADDR_OFFSET). */
    u64 virt_offset;            /* add to p_paddr to get the load address */
    u64 virt_kstart, virt_kend; /* [start, end) of the loaded kernel */
};

/*
 * Check and parse the ELF header of image[0..size) and the extents of its
 * loadable segments (PT_LOAD with any of R/W/X set, placed by p_paddr).
 * Every program header is validated: inside the file, filesz <= memsz, no
 * address overflow, no two loadable segments overlapping.
 */
int elf_init(struct elf_binary *elf, const void *image, size_t size,
             const char **reason);

/* Program header / section header i (bounds were checked by elf_init). */
int elf_phdr_by_index(const struct elf_binary *elf, unsigned int i,
                      struct elf_phdr *ph);
int elf_shdr_by_index(const struct elf_binary *elf, unsigned int i,
                      struct elf_shdr *sh);

/* True for segments that get loaded. */
bool elf_phdr_is_loadable(const struct elf_phdr *ph);

/*
 * Parse a FEATURES string ("a|!b|c") of len bytes (it need not be
 * NUL-terminated) into supported/required bitmaps; unknown names are
 * ignored unless required.  Returns 0 or -EOPNOTSUPP.
 */
int elf_xen_parse_features(const char *features, size_t len, u32 *supported,
                           u32 *required);

/*
 * Read the Xen notes (PT_NOTE segments; SHT_NOTE sections if those hold
 * none) into *parms, then check them and compute the layout the way Xen's
 * elf_xen_parse() does.  hvm selects the PVH rules (PHYS32_ENTRY suffices,
 * virt_base and paddr_offset forced to 0).
 */
int elf_xen_parse(const struct elf_binary *elf, struct elf_dom_parms *parms,
                  bool hvm, const char **reason);

/*
 * The extra checks for a 64-bit PV domain 0: an x86-64 ELF64 image whose
 * notes advertise XENFEAT_dom0 and do not require supervisor_mode_kernel
 * (Xen's dom0 builder refuses those).
 */
int elf_xen_dom0_check(const struct elf_binary *elf,
                       const struct elf_dom_parms *parms, const char **reason);

/*
 * Copy callback: put len bytes at guest virtual address dest, copied from
 * src, or zeros when src is NULL.  Returns 0 or a negative errno, which
 * stops the load and is passed back.
 */
typedef int elf_load_fn(void *opaque, u64 dest, const void *src, u64 len);

/*
 * Load every loadable segment at p_paddr + parms->virt_offset: its file
 * bytes, then zeros up to p_memsz (bss).  parms comes from elf_xen_parse().
 */
int elf_load_binary(const struct elf_binary *elf,
                    const struct elf_dom_parms *parms, elf_load_fn *copy,
                    void *opaque, const char **reason);

#endif /* XEN_LIBELF_H */
