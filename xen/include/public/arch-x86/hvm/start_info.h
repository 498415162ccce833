/* SPDX-License-Identifier: MIT */
/*
 * public/arch-x86/hvm/start_info.h: what a PVH guest (or an HVM guest
 * started directly) finds at boot, its physical address in %ebx.
 *
 * The layout is fixed by the byte offsets in the comments; all addresses
 * and sizes are 64-bit little-endian, and an address of 0 means "absent"
 * (nothing is loaded at 0).  Xen places everything below 4 GiB.  Version 1
 * added the memory map; later versions only append.
 *
 * Xen 4.17 keeps this header under arch-x86/hvm/, so it lives here too.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_HVM_START_INFO_H__
#define __XEN_PUBLIC_ARCH_X86_HVM_START_INFO_H__

#include <stdint.h>

/* "xEn3" with bit 7 of the 'E' set. */
#define XEN_HVM_START_MAGIC_VALUE 0x336ec578

/* Memory map entry types: the ACPI address range types. */
#define XEN_HVM_MEMMAP_TYPE_RAM 1
#define XEN_HVM_MEMMAP_TYPE_RESERVED 2
#define XEN_HVM_MEMMAP_TYPE_ACPI 3
#define XEN_HVM_MEMMAP_TYPE_NVS 4
#define XEN_HVM_MEMMAP_TYPE_UNUSABLE 5
#define XEN_HVM_MEMMAP_TYPE_DISABLED 6
#define XEN_HVM_MEMMAP_TYPE_PMEM 7

struct hvm_start_info {
    uint32_t magic;         /* OUT @0: XEN_HVM_START_MAGIC_VALUE */
    uint32_t version;       /* OUT @4: 1 */
    uint32_t flags;         /* OUT @8: SIF_* */
    uint32_t nr_modules;    /* OUT @12: entries at modlist_paddr */
    uint64_t modlist_paddr; /* OUT @16: array of hvm_modlist_entry */
    uint64_t cmdline_paddr; /* OUT @24: NUL-terminated command line */
    uint64_t rsdp_paddr;    /* OUT @32: ACPI RSDP */
    /* Version 1 and later: */
    uint64_t memmap_paddr;   /* OUT @40: array of hvm_memmap_table_entry */
    uint32_t memmap_entries; /* OUT @48: 0 when there is no map */
    uint32_t reserved;       /* OUT @52: zero */
};

struct hvm_modlist_entry {
    uint64_t paddr;         /* OUT @0: the module */
    uint64_t size;          /* OUT @8: its size in bytes */
    uint64_t cmdline_paddr; /* OUT @16: its NUL-terminated command line */
    uint64_t reserved;      /* OUT @24 */
};

struct hvm_memmap_table_entry {
    uint64_t addr;     /* OUT @0: base */
    uint64_t size;     /* OUT @8: bytes */
    uint32_t type;     /* OUT @16: XEN_HVM_MEMMAP_TYPE_* */
    uint32_t reserved; /* OUT @20: zero */
};

#endif /* __XEN_PUBLIC_ARCH_X86_HVM_START_INFO_H__ */
