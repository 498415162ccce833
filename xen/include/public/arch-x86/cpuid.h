/* SPDX-License-Identifier: MIT */
/*
 * public/arch-x86/cpuid.h: the hypervisor's CPUID leaves.
 *
 * The Xen leaves start at 0x40000000, or at the next free multiple of 0x100
 * above it when another hypervisor interface (Viridian) takes the first
 * block; a guest scans for the signature.  Leaf numbers below are relative
 * to that base:
 *  +0  EAX: highest Xen leaf; EBX, ECX, EDX: "XenVMMXenVMM".
 *  +1  EAX: version, major in bits 31:16 and minor in 15:0.
 *  +2  EAX: number of hypercall pages (1); EBX: MSR that installs the
 *      hypercall page; ECX: XEN_CPUID_FEAT1_*; EDX: 0.
 *  +3  TSC: sub-leaf 0 EAX flags (bit 0 emulated, bit 1 reliable, bit 2
 *      RDTSCP), EBX tsc_mode, ECX guest kHz, EDX incarnation; sub-leaf 1
 *      offset (EAX low, EBX high), ECX mul and EDX shift for ns; sub-leaf 2
 *      EAX host kHz.
 *  +4  HVM: EAX XEN_HVM_CPUID_*, EBX vCPU id, ECX domain id.
 *  +5  PV: EAX highest sub-leaf, EBX bits 7:0 machine address width.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_CPUID_H__
#define __XEN_PUBLIC_ARCH_X86_CPUID_H__

#define XEN_CPUID_FIRST_LEAF 0x40000000
#define XEN_CPUID_LEAF(i) (XEN_CPUID_FIRST_LEAF + (i))

/* The signature in EBX, ECX, EDX of the first leaf. */
#define XEN_CPUID_SIGNATURE_EBX 0x566e6558 /* "XenV" */
#define XEN_CPUID_SIGNATURE_ECX 0x65584d4d /* "MMXe" */
#define XEN_CPUID_SIGNATURE_EDX 0x4d4d566e /* "nVMM" */

/* Leaf +2 ECX: MMU_PT_UPDATE_PRESERVE_AD works for this guest. */
#define _XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD 0
#define XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD (1u << 0)

/* Leaf +4 EAX, HVM guests. */
#define XEN_HVM_CPUID_APIC_ACCESS_VIRT (1u << 0) /* APIC registers virtual */
#define XEN_HVM_CPUID_X2APIC_VIRT (1u << 1)      /* x2APIC virtualised */
#define XEN_HVM_CPUID_IOMMU_MAPPINGS (1u << 2)   /* foreign maps are in IOMMU */
#define XEN_HVM_CPUID_VCPU_ID_PRESENT (1u << 3)  /* EBX holds the vCPU id */
#define XEN_HVM_CPUID_DOMID_PRESENT (1u << 4)    /* ECX holds the domain id */
/*
 * Non-remappable interrupts may carry destination id bits 14:8 in IO-APIC
 * RTE bits 55:49 and MSI address bits 11:5 (15-bit APIC ids).
 */
#define XEN_HVM_CPUID_EXT_DEST_ID (1u << 5)
/* Per-vCPU upcall vectors work with physical IRQs bound to event channels. */
#define XEN_HVM_CPUID_UPCALL_VECTOR (1u << 6)

/* Leaf +5 EBX: machine address width, counting hot-pluggable memory. */
#define XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK (0xffu << 0)

/* The number of Xen leaves after the first. */
#define XEN_CPUID_MAX_NUM_LEAVES 5

#endif /* __XEN_PUBLIC_ARCH_X86_CPUID_H__ */
