/* SPDX-License-Identifier: MIT */
/*
 * public/features.h: the feature bits of XENVER_get_features.
 *
 * A guest kernel lists the features it supports in its XEN_ELFNOTE_FEATURES
 * string (names without "XENFEAT_", separated by '|', a leading '!' meaning
 * "required") or as a bitmap in XEN_ELFNOTE_SUPPORTED_FEATURES.  A kernel
 * that can run as dom0 must include XENFEAT_dom0 there.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_FEATURES_H__
#define __XEN_PUBLIC_FEATURES_H__

/* Page tables may be written directly; no need to keep them read-only. */
#define XENFEAT_writable_page_tables 0
/* Descriptor tables may be written directly. */
#define XENFEAT_writable_descriptor_tables 1
/*
 * The hypervisor translates pseudo-physical to machine addresses itself, so
 * page tables hold guest frame numbers (HVM, PVH).
 */
#define XENFEAT_auto_translated_physmap 2
/* The guest kernel runs in supervisor mode (ring 0). */
#define XENFEAT_supervisor_mode_kernel 3
/* PAE page directories may live above 4 GiB. */
#define XENFEAT_pae_pgdir_above_4gb 4
/* x86: MMU_PT_UPDATE_PRESERVE_AD is available. */
#define XENFEAT_mmu_pt_update_preserve_ad 5
/* x86: MMUEXT_CLEAR_PAGE and MMUEXT_COPY_PAGE are available. */
#define XENFEAT_highmem_assist 6
/* GNTTABOP_map_grant_ref puts the GNTMAP_guest_avail bits into the PTE. */
#define XENFEAT_gnttab_map_avail_bits 7
/* x86 HVM: events may be delivered through a callback vector. */
#define XENFEAT_hvm_callback_vector 8
/* x86 HVM: the pvclock is safe to use. */
#define XENFEAT_hvm_safe_pvclock 9
/* x86 HVM: physical interrupts may be routed as pirqs. */
#define XENFEAT_hvm_pirqs 10
/* The domain may run as dom0. */
#define XENFEAT_dom0 11
/* 12 (grant_map_identity) is deprecated and never reported. */
/* XENMEMF_vnode may name a virtual node in memory ops. */
#define XENFEAT_memory_op_vnode_supported 13
/* Arm: the SMC calling convention is supported. */
#define XENFEAT_ARM_SMCCC_supported 14
/*
 * x86 PVH: the ACPI RSDP may be anywhere, not only below 1 MiB (consulted
 * only when XEN_ELFNOTE_GUEST_OS says "linux").
 */
#define XENFEAT_linux_rsdp_unrestricted 15
/*
 * Whether the domain's frames are mapped 1:1 (gfn == mfn).  Without either
 * bit: x86 PV domains are direct-mapped and translated ones are not.
 */
#define XENFEAT_not_direct_mapped 16
#define XENFEAT_direct_mapped 17

/* Number of 32-bit words of features (XENVER_get_features submaps). */
#define XENFEAT_NR_SUBMAPS 1

#endif /* __XEN_PUBLIC_FEATURES_H__ */
