/* SPDX-License-Identifier: MIT */
/*
 * public/elfnote.h: the ELF notes by which a guest kernel describes itself
 * to the domain builder.
 *
 * Each note has name "Xen" and one of the types below, in a PT_NOTE segment
 * (or, failing that, an SHT_NOTE section).  Strings are NUL-terminated
 * ASCII; numbers are 4 or 8 bytes, as the note's descriptor size says.
 * Most notes replace a KEY=VALUE item of the older "__xen_guest" section,
 * named in brackets below.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_ELFNOTE_H__
#define __XEN_PUBLIC_ELFNOTE_H__

/* A NAME=VALUE string. */
#define XEN_ELFNOTE_INFO 0
/* Virtual address of the entry point [VIRT_ENTRY]. */
#define XEN_ELFNOTE_ENTRY 1
/*
 * Virtual address of the page the builder fills with hypercall stubs
 * [HYPERCALL_PAGE, which gave a page number instead].
 */
#define XEN_ELFNOTE_HYPERCALL_PAGE 2
/* Virtual address the image is mapped at; default 0 [VIRT_BASE]. */
#define XEN_ELFNOTE_VIRT_BASE 3
/*
 * What to subtract from an ELF physical address to get the pseudo-physical
 * address; default 0 [ELF_PADDR_OFFSET, whose default was VIRT_BASE].
 */
#define XEN_ELFNOTE_PADDR_OFFSET 4
/* Version of the interface the kernel expects, "xen-3.0" [XEN_VER]. */
#define XEN_ELFNOTE_XEN_VERSION 5
/* Name of the guest OS, e.g. "linux" [GUEST_OS]. */
#define XEN_ELFNOTE_GUEST_OS 6
/* Version of the guest OS [GUEST_VER]. */
#define XEN_ELFNOTE_GUEST_VERSION 7
/* Loader type, "generic" [LOADER]. */
#define XEN_ELFNOTE_LOADER 8
/*
 * 32-bit kernels: PAE support, "yes", "no", "bimodal" or "yes,bimodal";
 * "yes" implies PDPTs above 4 GiB are fine [PAE].
 */
#define XEN_ELFNOTE_PAE_MODE 9
/*
 * Features the kernel supports, as XENFEAT_ names without the prefix joined
 * by '|'; a '!' before a name means the kernel requires it [FEATURES].
 */
#define XEN_ELFNOTE_FEATURES 10
/* Whether the symbol table must be loaded, "yes" or "no" [BSD_SYMTAB]. */
#define XEN_ELFNOTE_BSD_SYMTAB 11
/*
 * Lowest address the hypervisor hole may start at (32-bit guests); also
 * says the kernel copes with a hole that starts higher.
 */
#define XEN_ELFNOTE_HV_START_LOW 12
/*
 * Pairs of (mask, value), each the size of a machine address: a
 * non-present L1 entry e with (e & mask) == value still holds a valid MFN.
 */
#define XEN_ELFNOTE_L1_MFN_VALID 13
/* The kernel supports cooperative suspend cancellation (numeric, 0). */
#define XEN_ELFNOTE_SUSPEND_CANCEL 14
/*
 * Virtual address at which the builder should map the initial p2m list,
 * outside the initial mapping (x86_64 only).  The kernel must cope with
 * large pages there, possibly misaligned in pfn space, and with the page
 * tables for it not being reachable through the initial mapping.
 */
#define XEN_ELFNOTE_INIT_P2M 15
/* The initrd may be passed unmapped, by pfn (SIF_MOD_START_PFN). */
#define XEN_ELFNOTE_MOD_START_PFN 16
/*
 * Features the kernel supports, as a bitmap of XENFEAT_* (numeric); added
 * to those of XEN_ELFNOTE_FEATURES.
 */
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17
/*
 * 32-bit physical entry point used when the kernel is started in an HVM
 * container (PVH): protected mode, paging off.
 */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

/* The highest note type above. */
#define XEN_ELFNOTE_MAX XEN_ELFNOTE_PHYS32_ENTRY

/* In crash dumps (kexec): system information, one note. */
#define XEN_ELFNOTE_CRASH_INFO 0x1000001
/* In crash dumps: per-CPU registers the "CORE" note lacks. */
#define XEN_ELFNOTE_CRASH_REGS 0x1000002

/* In toolstack dump-core files: marks the file as one. */
#define XEN_ELFNOTE_DUMPCORE_NONE 0x2000000
/* In dump-core files: the header. */
#define XEN_ELFNOTE_DUMPCORE_HEADER 0x2000001
/* In dump-core files: the hypervisor's version. */
#define XEN_ELFNOTE_DUMPCORE_XEN_VERSION 0x2000002
/* In dump-core files: the format version. */
#define XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION 0x2000003

#endif /* __XEN_PUBLIC_ELFNOTE_H__ */
