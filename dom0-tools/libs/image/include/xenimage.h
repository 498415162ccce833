/*
 * xenimage.h: inspect and load Xen guest kernel images.
 *
 * A kernel image is an ELF64 or ELF32 x86 executable carrying Xen ELF notes
 * (or the legacy "__xen_guest" section), either as is, compressed (gzip,
 * bzip2, lzma, xz, lz4, zstd), or wrapped in a Linux bzImage whose payload is
 * such a compressed ELF.  The library finds the ELF, validates it, parses the
 * notes with the semantics of Xen's libelf, reports what a domain builder
 * needs (entry points, features, extents) and copies the loadable segments
 * into a buffer.
 *
 * Usage:
 *     struct xenimage *img = xenimage_create();
 *     if ( !img || xenimage_open_file(img, path) )
 *         fprintf(stderr, "%s\n", xenimage_error(img));
 *     info = xenimage_info(img);
 *     rc = xenimage_check(img, XENIMAGE_CHECK_PV | XENIMAGE_CHECK_DOM0);
 *     rc = xenimage_load(img, buf, info->load_size);
 *     xenimage_destroy(img);
 *
 * Functions returning int return 0 or a negative errno value; on failure
 * xenimage_error() holds one line naming the image and the reason.
 * Everything returned points into the handle and stays valid until the next
 * xenimage_open_*() or xenimage_destroy().  A handle is not thread-safe.
 */
#ifndef XENIMAGE_H
#define XENIMAGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct xenimage;

/* Default bound on input size, decompressed size and loaded size: 1 GiB. */
#define XENIMAGE_DEFAULT_LIMIT (UINT64_C(1) << 30)

/* A numeric field that the image does not set. */
#define XENIMAGE_UNSET UINT64_MAX

/* How the ELF was packaged. */
enum xenimage_container {
    XENIMAGE_CONTAINER_NONE = 0,
    XENIMAGE_CONTAINER_ELF,        /* a plain ELF file */
    XENIMAGE_CONTAINER_COMPRESSED, /* a compressed ELF (vmlinux.gz) */
    XENIMAGE_CONTAINER_BZIMAGE,    /* a Linux x86 bzImage */
};

enum xenimage_compression {
    XENIMAGE_COMP_NONE = 0,
    XENIMAGE_COMP_GZIP,
    XENIMAGE_COMP_BZIP2,
    XENIMAGE_COMP_LZMA,
    XENIMAGE_COMP_XZ,
    XENIMAGE_COMP_LZO, /* recognised, not supported */
    XENIMAGE_COMP_LZ4_LEGACY,
    XENIMAGE_COMP_LZ4_FRAME,
    XENIMAGE_COMP_ZSTD,
};

/* Xen ELF note types: the numbers of XEN_ELFNOTE_* in public/elfnote.h. */
enum xenimage_note_type {
    XENIMAGE_NOTE_INFO = 0,
    XENIMAGE_NOTE_ENTRY = 1,
    XENIMAGE_NOTE_HYPERCALL_PAGE = 2,
    XENIMAGE_NOTE_VIRT_BASE = 3,
    XENIMAGE_NOTE_PADDR_OFFSET = 4,
    XENIMAGE_NOTE_XEN_VERSION = 5,
    XENIMAGE_NOTE_GUEST_OS = 6,
    XENIMAGE_NOTE_GUEST_VERSION = 7,
    XENIMAGE_NOTE_LOADER = 8,
    XENIMAGE_NOTE_PAE_MODE = 9,
    XENIMAGE_NOTE_FEATURES = 10,
    XENIMAGE_NOTE_BSD_SYMTAB = 11,
    XENIMAGE_NOTE_HV_START_LOW = 12,
    XENIMAGE_NOTE_L1_MFN_VALID = 13,
    XENIMAGE_NOTE_SUSPEND_CANCEL = 14,
    XENIMAGE_NOTE_INIT_P2M = 15,
    XENIMAGE_NOTE_MOD_START_PFN = 16,
    XENIMAGE_NOTE_SUPPORTED_FEATURES = 17,
    XENIMAGE_NOTE_PHYS32_ENTRY = 18,
    XENIMAGE_NOTE_PHYS32_RELOC = 19,
    XENIMAGE_NR_NOTE_TYPES
};

/* PAE_MODE, as Xen's libelf interprets it (XEN_PAE_*). */
enum xenimage_pae {
    XENIMAGE_PAE_NO = 0,
    XENIMAGE_PAE_YES = 1,
    XENIMAGE_PAE_EXTCR3 = 2,
    XENIMAGE_PAE_BIMODAL = 3,
};

/* XENFEAT_* bits that matter to a loader (public/features.h). */
#define XENIMAGE_FEAT_supervisor_mode_kernel 3
#define XENIMAGE_FEAT_dom0 11

/* What an image says about itself; numbers are XENIMAGE_UNSET when absent. */
struct xenimage_info {
    /* The container. */
    enum xenimage_container container;
    enum xenimage_compression compression;
    uint64_t file_size;       /* bytes given to xenimage_open_*() */
    uint64_t payload_offset;  /* where the (compressed) ELF starts */
    uint64_t payload_size;    /* its length, trailing size word included */
    uint64_t advertised_size; /* uncompressed size the container states */
    unsigned int boot_protocol;  /* bzImage: 0x020f for 2.15, else 0 */
    unsigned int setup_sects;    /* bzImage: 512-byte setup sectors */
    const char *kernel_version;  /* bzImage: the setup header's string */

    /* The ELF executable. */
    uint64_t elf_size;        /* bytes of ELF data after decompression */
    unsigned int elf_class;   /* 32 or 64 */
    unsigned int elf_machine; /* EM_386 (3) or EM_X86_64 (62) */
    uint64_t elf_entry;       /* e_entry */
    unsigned int nr_segments; /* loadable PT_LOAD segments */
    uint64_t pstart, pend;    /* physical extent of those segments */

    /* The Xen notes, as given (XENIMAGE_UNSET when absent). */
    unsigned int nr_notes;        /* Xen notes found */
    int notes_from_sections;      /* found in SHT_NOTE, not PT_NOTE */
    int legacy_guest_info;        /* found in "__xen_guest" instead */
    const char *guest_os;         /* "" when absent */
    const char *guest_version;
    const char *xen_version;
    const char *loader;
    const char *features;         /* the FEATURES string */
    const char *pae_mode;         /* the PAE_MODE string */
    enum xenimage_pae pae;
    int bsd_symtab;               /* BSD_SYMTAB "yes" */
    uint64_t virt_base;
    uint64_t paddr_offset;
    uint64_t virt_entry;          /* ENTRY */
    uint64_t virt_hypercall;      /* HYPERCALL_PAGE */
    uint64_t hv_start_low;
    uint64_t p2m_base;            /* INIT_P2M */
    uint64_t mod_start_pfn;       /* MOD_START_PFN */
    uint64_t suspend_cancel;
    uint64_t l1_mfn_valid_mask, l1_mfn_valid_value; /* first pair */
    uint64_t phys_entry;          /* PHYS32_ENTRY: the PVH entry */
    uint32_t f_supported;         /* XENFEAT_* bits, FEATURES | SUPPORTED */
    uint32_t f_required;          /* XENFEAT_* bits marked '!' */
    const char *f_unknown_required; /* first unknown '!' feature, or NULL */

    /* The PV layout, computed as Xen's elf_xen_addr_calc_check() does. */
    const char *guest_type;       /* "xen-3.0-x86_64", "xen-3.0-x86_32p" */
    uint64_t pv_virt_base;        /* VIRT_BASE, or 0 */
    uint64_t pv_paddr_offset;     /* PADDR_OFFSET, or its default */
    uint64_t virt_kstart, virt_kend;
    uint64_t pv_entry;            /* ENTRY, or e_entry */
    uint64_t bsd_symtab_pstart, bsd_symtab_pend; /* UNSET without */
    uint64_t load_size;           /* bytes xenimage_load() writes */
};

/* A loadable segment (PT_LOAD), in program header order. */
struct xenimage_segment {
    uint64_t offset, vaddr, paddr, filesz, memsz;
    uint32_t flags; /* PF_X 1, PF_W 2, PF_R 4 */
};

/* A note owned by "Xen", in file order; desc points into the image. */
struct xenimage_note {
    uint32_t type;
    uint32_t descsz;
    const void *desc;
};

/* Allocate an empty handle (NULL when out of memory). */
struct xenimage *xenimage_create(void);
/* Free a handle and everything it returned; NULL is fine. */
void xenimage_destroy(struct xenimage *img);

/* Bound input, decompressed and loaded sizes (bytes, >= 4096). */
int xenimage_set_limit(struct xenimage *img, uint64_t bytes);

/* Read and validate an image; the previous one, if any, is dropped. */
int xenimage_open_file(struct xenimage *img, const char *path);
/* The same from memory; the bytes are copied. */
int xenimage_open_mem(struct xenimage *img, const void *buf, size_t len);

/* The reason of the last failure ("" after a success); NULL-safe. */
const char *xenimage_error(const struct xenimage *img);
/* What the open image says; NULL when none is open. */
const struct xenimage_info *xenimage_info(const struct xenimage *img);
/* The idx-th loadable segment or Xen note: 0, or -ENOENT past the end. */
int xenimage_segment(const struct xenimage *img, unsigned int idx,
                     struct xenimage_segment *seg);
int xenimage_note(const struct xenimage *img, unsigned int idx,
                  struct xenimage_note *note);

/* Xen's acceptance checks for a guest kind; flags may be combined. */
#define XENIMAGE_CHECK_PV   1u /* paravirtualised: Xen's PV loader */
#define XENIMAGE_CHECK_PVH  2u /* PVH: the PHYS32_ENTRY path */
#define XENIMAGE_CHECK_DOM0 4u /* as the initial domain (else a domU) */
int xenimage_check(struct xenimage *img, unsigned int flags);

/*
 * Copy the image into dst, which stands for physical addresses
 * [pstart, pstart + load_size): each segment at p_paddr - pstart, zeroes for
 * .bss and for holes, then the BSD symbol table when the image asks for one.
 */
int xenimage_load(struct xenimage *img, void *dst, size_t dst_size);

/* Names: "ENTRY", "dom0", "xz"; NULL (notes, features) or "?" if unknown. */
const char *xenimage_note_name(unsigned int type);
const char *xenimage_feature_name(unsigned int bit);
const char *xenimage_compression_name(enum xenimage_compression comp);

#ifdef __cplusplus
}
#endif

#endif /* XENIMAGE_H */
