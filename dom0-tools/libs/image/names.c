/*
 * names.c: printable names for note types, XENFEAT bits and compressors.
 */
#include "private.h"

/* The names Xen's libelf and readnotes use (public/elfnote.h). */
static const char *const note_names[XENIMAGE_NR_NOTE_TYPES] = {
    [XENIMAGE_NOTE_INFO] = "INFO",
    [XENIMAGE_NOTE_ENTRY] = "ENTRY",
    [XENIMAGE_NOTE_HYPERCALL_PAGE] = "HYPERCALL_PAGE",
    [XENIMAGE_NOTE_VIRT_BASE] = "VIRT_BASE",
    [XENIMAGE_NOTE_PADDR_OFFSET] = "PADDR_OFFSET",
    [XENIMAGE_NOTE_XEN_VERSION] = "XEN_VERSION",
    [XENIMAGE_NOTE_GUEST_OS] = "GUEST_OS",
    [XENIMAGE_NOTE_GUEST_VERSION] = "GUEST_VERSION",
    [XENIMAGE_NOTE_LOADER] = "LOADER",
    [XENIMAGE_NOTE_PAE_MODE] = "PAE_MODE",
    [XENIMAGE_NOTE_FEATURES] = "FEATURES",
    [XENIMAGE_NOTE_BSD_SYMTAB] = "BSD_SYMTAB",
    [XENIMAGE_NOTE_HV_START_LOW] = "HV_START_LOW",
    [XENIMAGE_NOTE_L1_MFN_VALID] = "L1_MFN_VALID",
    [XENIMAGE_NOTE_SUSPEND_CANCEL] = "SUSPEND_CANCEL",
    [XENIMAGE_NOTE_INIT_P2M] = "INIT_P2M",
    [XENIMAGE_NOTE_MOD_START_PFN] = "MOD_START_PFN",
    [XENIMAGE_NOTE_SUPPORTED_FEATURES] = "SUPPORTED_FEATURES",
    [XENIMAGE_NOTE_PHYS32_ENTRY] = "PHYS32_ENTRY",
    [XENIMAGE_NOTE_PHYS32_RELOC] = "PHYS32_RELOC",
};

/* XENFEAT_* names without the prefix (public/features.h). */
static const char *const feature_names[32] = {
    [0] = "writable_page_tables",
    [1] = "writable_descriptor_tables",
    [2] = "auto_translated_physmap",
    [3] = "supervisor_mode_kernel",
    [4] = "pae_pgdir_above_4gb",
    [5] = "mmu_pt_update_preserve_ad",
    [6] = "highmem_assist",
    [7] = "gnttab_map_avail_bits",
    [8] = "hvm_callback_vector",
    [9] = "hvm_safe_pvclock",
    [10] = "hvm_pirqs",
    [11] = "dom0",
    [12] = "grant_map_identity",
    [13] = "memory_op_vnode_supported",
    [14] = "ARM_SMCCC_supported",
    [15] = "linux_rsdp_unrestricted",
    [16] = "not_direct_mapped",
    [17] = "direct_mapped",
};

const char *xenimage_note_name(unsigned int type)
{
    return type < XENIMAGE_NR_NOTE_TYPES ? note_names[type] : NULL;
}

const char *xenimage_feature_name(unsigned int bit)
{
    return bit < 32 ? feature_names[bit] : NULL;
}

const char *xenimage_compression_name(enum xenimage_compression comp)
{
    switch ( comp )
    {
    case XENIMAGE_COMP_NONE:       return "none";
    case XENIMAGE_COMP_GZIP:       return "gzip";
    case XENIMAGE_COMP_BZIP2:      return "bzip2";
    case XENIMAGE_COMP_LZMA:       return "lzma";
    case XENIMAGE_COMP_XZ:         return "xz";
    case XENIMAGE_COMP_LZO:        return "lzo";
    case XENIMAGE_COMP_LZ4_LEGACY: return "lz4-legacy";
    case XENIMAGE_COMP_LZ4_FRAME:  return "lz4";
    case XENIMAGE_COMP_ZSTD:       return "zstd";
    }
    return "?";
}
