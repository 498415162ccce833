/* SPDX-License-Identifier: MIT */
/*
 * public/hvm/params.h: the HVM_PARAM_* of HVMOP_{set,get}_param.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_HVM_PARAMS_H__
#define __XEN_PUBLIC_HVM_PARAMS_H__

#include "hvm_op.h"

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/* Retired parameters, kept so the numbers are not reused. */
#define HVM_PARAM_PAE_ENABLED 4
#define HVM_PARAM_DM_DOMAIN 13
#define HVM_PARAM_MEMORY_EVENT_CR0 20
#define HVM_PARAM_MEMORY_EVENT_CR3 21
#define HVM_PARAM_MEMORY_EVENT_CR4 22
#define HVM_PARAM_MEMORY_EVENT_INT3 23
#define HVM_PARAM_NESTEDHVM 24
#define HVM_PARAM_MEMORY_EVENT_SINGLE_STEP 25
#define HVM_PARAM_BUFIOREQ_EVTCHN 26
#define HVM_PARAM_MEMORY_EVENT_MSR 30
#endif

/*
 * How event-channel upcalls for vCPU 0 are delivered: 0 for not at all,
 * else bits 63:56 hold a HVM_PARAM_CALLBACK_TYPE_* and the rest its data.
 */
#define HVM_PARAM_CALLBACK_IRQ 0
#define HVM_PARAM_CALLBACK_IRQ_TYPE_MASK xen_mk_ullong(0xFF00000000000000)
/* Bits 55:0: a GSI (not 0, which would mean "off"). */
#define HVM_PARAM_CALLBACK_TYPE_GSI 0
/* Bits 47:32 segment, 31:16 bus, 15:8 devfn, 1:0 INTx pin. */
#define HVM_PARAM_CALLBACK_TYPE_PCI_INTX 1
/* Bits 7:0: a vector (with XENFEAT_hvm_callback_vector). */
#define HVM_PARAM_CALLBACK_TYPE_VECTOR 2

/* Where the xenstore ring is, for HVM guests' xenbus. */
#define HVM_PARAM_STORE_PFN 1
#define HVM_PARAM_STORE_EVTCHN 2

/* The device model's synchronous and buffered ioreq pages. */
#define HVM_PARAM_IOREQ_PFN 5
#define HVM_PARAM_BUFIOREQ_PFN 6

/*
 * Viridian (Hyper-V) enlightenments to expose: a mask of HVMPV_*, which
 * must include HVMPV_base_freq.
 */
#define HVM_PARAM_VIRIDIAN 9

/* Hypercall, APIC access, VP index and frequency MSRs. */
#define _HVMPV_base_freq 0
#define HVMPV_base_freq (1 << _HVMPV_base_freq)
/* Without the frequency MSRs (the set of releases before 4.4). */
#define _HVMPV_no_freq 1
#define HVMPV_no_freq (1 << _HVMPV_no_freq)
/* The partition reference counter MSR. */
#define _HVMPV_time_ref_count 2
#define HVMPV_time_ref_count (1 << _HVMPV_time_ref_count)
/* The reference TSC page. */
#define _HVMPV_reference_tsc 3
#define HVMPV_reference_tsc (1 << _HVMPV_reference_tsc)
/* Remote TLB flush by hypercall. */
#define _HVMPV_hcall_remote_tlb_flush 4
#define HVMPV_hcall_remote_tlb_flush (1 << _HVMPV_hcall_remote_tlb_flush)
/* APIC assist page. */
#define _HVMPV_apic_assist 5
#define HVMPV_apic_assist (1 << _HVMPV_apic_assist)
/* Crash MSRs. */
#define _HVMPV_crash_ctl 6
#define HVMPV_crash_ctl (1 << _HVMPV_crash_ctl)
/* Synthetic interrupt controller MSRs. */
#define _HVMPV_synic 7
#define HVMPV_synic (1 << _HVMPV_synic)
/* Synthetic timer MSRs. */
#define _HVMPV_stimer 8
#define HVMPV_stimer (1 << _HVMPV_stimer)
/* Cluster IPI hypercall. */
#define _HVMPV_hcall_ipi 9
#define HVMPV_hcall_ipi (1 << _HVMPV_hcall_ipi)
/* ExProcessorMasks. */
#define _HVMPV_ex_processor_masks 10
#define HVMPV_ex_processor_masks (1 << _HVMPV_ex_processor_masks)
/* More than 64 virtual processors. */
#define _HVMPV_no_vp_limit 11
#define HVMPV_no_vp_limit (1 << _HVMPV_no_vp_limit)
/* vCPU hot-plug. */
#define _HVMPV_cpu_hotplug 12
#define HVMPV_cpu_hotplug (1 << _HVMPV_cpu_hotplug)

#define HVMPV_feature_mask                                                     \
    (HVMPV_base_freq | HVMPV_no_freq | HVMPV_time_ref_count |                  \
     HVMPV_reference_tsc | HVMPV_hcall_remote_tlb_flush | HVMPV_apic_assist |  \
     HVMPV_crash_ctl | HVMPV_synic | HVMPV_stimer | HVMPV_hcall_ipi |          \
     HVMPV_ex_processor_masks | HVMPV_no_vp_limit | HVMPV_cpu_hotplug)

/*
 * What virtual timers do about ticks missed while the vCPU was not running:
 *  delay_for_missed_ticks (default): deliver them when it runs again, its
 *    time advancing tick by tick;
 *  no_delay_for_missed_ticks: deliver them, but time follows real time;
 *  no_missed_ticks_pending: drop them, keeping the tick rate above zero;
 *  one_missed_tick_pending: deliver one late tick for all of them.
 */
#define HVM_PARAM_TIMER_MODE 10
#define HVMPTM_delay_for_missed_ticks 0
#define HVMPTM_no_delay_for_missed_ticks 1
#define HVMPTM_no_missed_ticks_pending 2
#define HVMPTM_one_missed_tick_pending 3

/* Boolean: emulate an HPET. */
#define HVM_PARAM_HPET_ENABLED 11
/* Identity-mapped page directory for VMX guests with paging off. */
#define HVM_PARAM_IDENT_PT 12
/* ACPI sleep state (S0 or S3). */
#define HVM_PARAM_ACPI_S_STATE 14
/* TSS for VMX real mode. */
#define HVM_PARAM_VM86_TSS 15
/* Boolean: align periodic timers to fewer interrupts. */
#define HVM_PARAM_VPT_ALIGN 16
/* Where the PV console ring is, for HVM guests. */
#define HVM_PARAM_CONSOLE_PFN 17
#define HVM_PARAM_CONSOLE_EVTCHN 18
/*
 * ACPI PM1a and timer block addresses: 0 the old ones (0x1f40, 0x1f44,
 * 0x1f48), 1 QEMU's (0xb000, 0xb004, 0xb008).
 */
#define HVM_PARAM_ACPI_IOPORTS_LOCATION 19
/* Rings of the paging, monitor and sharing vm_event channels. */
#define HVM_PARAM_PAGING_RING_PFN 27
#define HVM_PARAM_MONITOR_RING_PFN 28
#define HVM_PARAM_SHARING_RING_PFN 29
/* SHUTDOWN_* reason to use when the guest triple-faults. */
#define HVM_PARAM_TRIPLE_FAULT_REASON 31
/* Pages set aside for ioreq servers. */
#define HVM_PARAM_IOREQ_SERVER_PFN 32
#define HVM_PARAM_NR_IOREQ_SERVER_PAGES 33
/* Guest physical address of the VM generation id. */
#define HVM_PARAM_VM_GENERATION_ID_ADDR 34

/* Who may use alternate p2m views. */
#define HVM_PARAM_ALTP2M 35
#define XEN_ALTP2M_disabled 0
#define XEN_ALTP2M_mixed 1
#define XEN_ALTP2M_external 2
#define XEN_ALTP2M_limited 3

/*
 * Width of the x87 FIP/FDP the hypervisor saves: 8, 4, or 0 to decide
 * from the values (CPUs without FPCSDS).
 */
#define HVM_PARAM_X87_FIP_WIDTH 36
/* VMX real-mode TSS: address in bits 31:0, size in bits 63:32. */
#define HVM_PARAM_VM86_TSS_SIZED 37
/* Machine-check capabilities. */
#define HVM_PARAM_MCA_CAP 38
#define XEN_HVM_MCA_CAP_LMCE (xen_mk_ullong(1) << 0)
#define XEN_HVM_MCA_CAP_MASK XEN_HVM_MCA_CAP_LMCE

#define HVM_NR_PARAMS 39

#endif /* __XEN_PUBLIC_HVM_PARAMS_H__ */
