/* SPDX-License-Identifier: MIT */
/*
 * public/domctl.h: HYPERVISOR_domctl(struct xen_domctl *op), the
 * toolstack's operations on one domain: create, destroy, pause, query,
 * limits, vCPUs, scheduling, permissions, saved state.
 *
 * Only the hypervisor and the toolstack may use it, and the interface
 * changes between releases: every call carries
 * XEN_DOMCTL_INTERFACE_VERSION and a hypervisor refuses any other value
 * with -EACCES.  op->domain names the target domain.
 *
 * This header describes the subset a basic toolstack needs; every command
 * number is listed, but only the argument structures below are described
 * (see docs/abi.md).
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#if !defined(__XEN__) && !defined(__XEN_TOOLS__)
#error "domctl operations are intended for use by node control tools only"
#endif

#include "xen.h"
#include "event_channel.h"
#include "grant_table.h"
#include "memory.h"

/* Xen 4.17. */
#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015

/*
 * XEN_DOMCTL_createdomain: op->domain is IN/OUT; an invalid id (0, or at
 * or above DOMID_FIRST_RESERVED) asks the hypervisor to choose one.
 */
struct xen_domctl_createdomain {
    uint32_t ssidref;           /* IN: security label (XSM) */
    xen_domain_handle_t handle; /* IN: the domain's UUID */
/* An HVM domain rather than PV. */
#define _XEN_DOMCTL_CDF_hvm 0
#define XEN_DOMCTL_CDF_hvm (1U << _XEN_DOMCTL_CDF_hvm)
/* Use hardware-assisted paging. */
#define _XEN_DOMCTL_CDF_hap 1
#define XEN_DOMCTL_CDF_hap (1U << _XEN_DOMCTL_CDF_hap)
/* Have tboot verify the domain's memory across sleep states. */
#define _XEN_DOMCTL_CDF_s3_integrity 2
#define XEN_DOMCTL_CDF_s3_integrity (1U << _XEN_DOMCTL_CDF_s3_integrity)
/* No out-of-sync shadow page tables. */
#define _XEN_DOMCTL_CDF_oos_off 3
#define XEN_DOMCTL_CDF_oos_off (1U << _XEN_DOMCTL_CDF_oos_off)
/* The domain runs xenstored. */
#define _XEN_DOMCTL_CDF_xs_domain 4
#define XEN_DOMCTL_CDF_xs_domain (1U << _XEN_DOMCTL_CDF_xs_domain)
/* The domain may use the IOMMU (passed-through devices). */
#define _XEN_DOMCTL_CDF_iommu 5
#define XEN_DOMCTL_CDF_iommu (1U << _XEN_DOMCTL_CDF_iommu)
/* Nested virtualisation. */
#define _XEN_DOMCTL_CDF_nested_virt 6
#define XEN_DOMCTL_CDF_nested_virt (1U << _XEN_DOMCTL_CDF_nested_virt)
/* Expose the virtual PMU. */
#define XEN_DOMCTL_CDF_vpmu (1U << 7)
/* The highest flag, for checking requests. */
#define XEN_DOMCTL_CDF_MAX XEN_DOMCTL_CDF_vpmu
    uint32_t flags; /* IN: XEN_DOMCTL_CDF_* */
/* Do not share the HAP page tables with the IOMMU. */
#define _XEN_DOMCTL_IOMMU_no_sharept 0
#define XEN_DOMCTL_IOMMU_no_sharept (1U << _XEN_DOMCTL_IOMMU_no_sharept)
#define XEN_DOMCTL_IOMMU_MAX XEN_DOMCTL_IOMMU_no_sharept
    uint32_t iommu_opts; /* IN: XEN_DOMCTL_IOMMU_* */
    /*
     * IN: limits on what the domain may use.  For the grant and maptrack
     * frames a negative value means the hypervisor's default.  (Before
     * 4.13 the event channel limit was XEN_DOMCTL_set_max_evtchn.)
     */
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;
    int32_t max_grant_frames;
    int32_t max_maptrack_frames;
/* Bits 3:0 of grant_opts: the highest grant table version allowed. */
#define XEN_DOMCTL_GRANT_version_mask 0xf
#define XEN_DOMCTL_GRANT_version(v) (XEN_DOMCTL_GRANT_version_mask & (v))
    uint32_t grant_opts;   /* IN */
    uint32_t vmtrace_size; /* IN: per-vCPU trace buffer bytes, 0 for none */
    uint32_t cpupool_id;   /* IN: pool to put the domain in (0: default) */
    struct xen_arch_domainconfig arch; /* IN */
};

/* XEN_DOMCTL_getdomaininfo: the state of op->domain. */
struct xen_domctl_getdomaininfo {
    domid_t domain; /* OUT: also in op->domain */
    uint16_t pad1;  /* OUT: zero */
/* Being destroyed. */
#define _XEN_DOMINF_dying 0
#define XEN_DOMINF_dying (1U << _XEN_DOMINF_dying)
/* An HVM domain. */
#define _XEN_DOMINF_hvm_guest 1
#define XEN_DOMINF_hvm_guest (1U << _XEN_DOMINF_hvm_guest)
/* The guest shut down (reason in the shutdown field). */
#define _XEN_DOMINF_shutdown 2
#define XEN_DOMINF_shutdown (1U << _XEN_DOMINF_shutdown)
/* Paused by the toolstack. */
#define _XEN_DOMINF_paused 3
#define XEN_DOMINF_paused (1U << _XEN_DOMINF_paused)
/* All vCPUs blocked waiting for events. */
#define _XEN_DOMINF_blocked 4
#define XEN_DOMINF_blocked (1U << _XEN_DOMINF_blocked)
/* A vCPU is running. */
#define _XEN_DOMINF_running 5
#define XEN_DOMINF_running (1U << _XEN_DOMINF_running)
/* Under a debugger. */
#define _XEN_DOMINF_debugged 6
#define XEN_DOMINF_debugged (1U << _XEN_DOMINF_debugged)
/* Runs xenstored. */
#define _XEN_DOMINF_xs_domain 7
#define XEN_DOMINF_xs_domain (1U << _XEN_DOMINF_xs_domain)
/* Uses hardware-assisted paging. */
#define _XEN_DOMINF_hap 8
#define XEN_DOMINF_hap (1U << _XEN_DOMINF_hap)
/* The SHUTDOWN_* reason, in bits 23:16. */
#define XEN_DOMINF_shutdownmask 255
#define XEN_DOMINF_shutdownshift 16
    uint32_t flags;                     /* OUT: XEN_DOMINF_* */
    uint64_aligned_t tot_pages;         /* OUT: pages allocated */
    uint64_aligned_t max_pages;         /* OUT: allocation limit */
    uint64_aligned_t outstanding_pages; /* OUT: claimed, not allocated */
    uint64_aligned_t shr_pages;         /* OUT: shared pages */
    uint64_aligned_t paged_pages;       /* OUT: paged-out pages */
    uint64_aligned_t shared_info_frame; /* OUT: GMFN of shared_info */
    uint64_aligned_t cpu_time;          /* OUT: ns of CPU used */
    uint32_t nr_online_vcpus;           /* OUT */
/* max_vcpu_id of a domain with no vCPUs. */
#define XEN_INVALID_MAX_VCPU_ID (~0U)
    uint32_t max_vcpu_id;       /* OUT: highest vCPU id */
    uint32_t ssidref;           /* OUT */
    xen_domain_handle_t handle; /* OUT */
    uint32_t cpupool;           /* OUT */
    uint8_t gpaddr_bits;        /* OUT: guest-physical address bits */
    uint8_t pad2[7];            /* OUT: zero */
    struct xen_arch_domainconfig arch_config; /* OUT */
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t);

/*
 * XEN_DOMCTL_getpageframeinfo3: the page-table type of each frame named in
 * array (machine frames for a PV domain), written back over the frame
 * number as one XEN_DOMCTL_PFINFO_* value.
 */
#define XEN_DOMCTL_PFINFO_LTAB_SHIFT 28
#define XEN_DOMCTL_PFINFO_NOTAB (0x0U << 28)     /* not a page table */
#define XEN_DOMCTL_PFINFO_L1TAB (0x1U << 28)
#define XEN_DOMCTL_PFINFO_L2TAB (0x2U << 28)
#define XEN_DOMCTL_PFINFO_L3TAB (0x3U << 28)
#define XEN_DOMCTL_PFINFO_L4TAB (0x4U << 28)
#define XEN_DOMCTL_PFINFO_LTABTYPE_MASK (0x7U << 28)
#define XEN_DOMCTL_PFINFO_LPINTAB (0x1U << 31)   /* pinned */
#define XEN_DOMCTL_PFINFO_XTAB (0xfU << 28)      /* not the domain's frame */
#define XEN_DOMCTL_PFINFO_XALLOC (0xeU << 28)    /* allocate-only */
#define XEN_DOMCTL_PFINFO_BROKEN (0xdU << 28)    /* broken memory */
#define XEN_DOMCTL_PFINFO_LTAB_MASK (0xfU << 28)
struct xen_domctl_getpageframeinfo3 {
    uint64_aligned_t num;                /* IN: entries (at most 1024) */
    XEN_GUEST_HANDLE_64(xen_pfn_t) array; /* IN: frames; OUT: types */
};

/*
 * XEN_DOMCTL_shadow_op: shadow paging and log-dirty tracking (not used
 * by a PV domain that manages its own page tables).
 */
#define XEN_DOMCTL_SHADOW_OP_OFF 0
#define XEN_DOMCTL_SHADOW_OP_ENABLE 32
#define XEN_DOMCTL_SHADOW_OP_CLEAN 11
#define XEN_DOMCTL_SHADOW_OP_PEEK 12
#define XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION 30
#define XEN_DOMCTL_SHADOW_OP_SET_ALLOCATION 31
#define XEN_DOMCTL_SHADOW_OP_ENABLE_TEST 1
#define XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY 2
/* Mode flags of XEN_DOMCTL_SHADOW_OP_ENABLE. */
#define XEN_DOMCTL_SHADOW_ENABLE_REFCOUNT (1 << 1)
#define XEN_DOMCTL_SHADOW_ENABLE_LOG_DIRTY (1 << 2)
#define XEN_DOMCTL_SHADOW_ENABLE_TRANSLATE (1 << 3)
#define XEN_DOMCTL_SHADOW_ENABLE_EXTERNAL (1 << 4)
/* Mode flag of CLEAN and PEEK: the last round of a migration. */
#define XEN_DOMCTL_SHADOW_LOGDIRTY_FINAL (1 << 0)
struct xen_domctl_shadow_op_stats {
    uint32_t fault_count; /* OUT */
    uint32_t dirty_count; /* OUT */
};
struct xen_domctl_shadow_op {
    uint32_t op;   /* IN: XEN_DOMCTL_SHADOW_OP_* */
    uint32_t mode; /* IN: ENABLE or LOGDIRTY flags */
    uint32_t mb;   /* IN/OUT: shadow memory in MiB (GET/SET_ALLOCATION) */
    XEN_GUEST_HANDLE_64(uint8) dirty_bitmap; /* OUT: CLEAN, PEEK */
    uint64_aligned_t pages; /* IN: bitmap size; OUT: pages covered */
    struct xen_domctl_shadow_op_stats stats; /* OUT */
};

/* XEN_DOMCTL_max_mem: the allocation limit. */
struct xen_domctl_max_mem {
    uint64_aligned_t max_memkb; /* IN */
};

/* XEN_DOMCTL_setvcpucontext / XEN_DOMCTL_getvcpucontext. */
struct xen_domctl_vcpucontext {
    uint32_t vcpu;                                  /* IN */
    XEN_GUEST_HANDLE_64(vcpu_guest_context_t) ctxt; /* IN/OUT */
};

/* XEN_DOMCTL_getvcpuinfo */
struct xen_domctl_getvcpuinfo {
    uint32_t vcpu;             /* IN */
    uint8_t online;            /* OUT: up */
    uint8_t blocked;           /* OUT: waiting for an event */
    uint8_t running;           /* OUT: on a CPU now */
    uint64_aligned_t cpu_time; /* OUT: ns of CPU used */
    uint32_t cpu;              /* OUT: physical CPU it last ran on */
};

/* XEN_DOMCTL_setnodeaffinity / XEN_DOMCTL_getnodeaffinity */
struct xen_domctl_nodeaffinity {
    struct xenctl_bitmap nodemap; /* IN */
};

/* XEN_DOMCTL_setvcpuaffinity / XEN_DOMCTL_getvcpuaffinity */
struct xen_domctl_vcpuaffinity {
    uint32_t vcpu; /* IN */
/* The hard affinity (where the vCPU may run). */
#define _XEN_VCPUAFFINITY_HARD 0
#define XEN_VCPUAFFINITY_HARD (1U << _XEN_VCPUAFFINITY_HARD)
/* The soft affinity (where it prefers to run). */
#define _XEN_VCPUAFFINITY_SOFT 1
#define XEN_VCPUAFFINITY_SOFT (1U << _XEN_VCPUAFFINITY_SOFT)
/* Undo a SCHEDOP_pin_override. */
#define _XEN_VCPUAFFINITY_FORCE 2
#define XEN_VCPUAFFINITY_FORCE (1U << _XEN_VCPUAFFINITY_FORCE)
    uint32_t flags; /* IN: XEN_VCPUAFFINITY_* */
    /*
     * set: IN the wanted masks, OUT the effective ones (intersected with
     * the pool's online CPUs, and soft with hard).  get: OUT the masks as
     * last set.
     */
    struct xenctl_bitmap cpumap_hard;
    struct xenctl_bitmap cpumap_soft;
};

/*
 * XEN_DOMCTL_max_vcpus: allocate the vCPUs; max must equal the
 * createdomain max_vcpus.
 */
struct xen_domctl_max_vcpus {
    uint32_t max; /* IN */
};

/* Schedulers (XEN_DOMCTL_scheduler_op, XEN_SYSCTL_sched_id). */
#define XEN_SCHEDULER_CREDIT 5
#define XEN_SCHEDULER_CREDIT2 6
#define XEN_SCHEDULER_ARINC653 7
#define XEN_SCHEDULER_RTDS 8
#define XEN_SCHEDULER_NULL 9

struct xen_domctl_sched_credit {
    uint16_t weight; /* IN/OUT: relative share (default 256) */
    uint16_t cap;    /* IN/OUT: % of one CPU at most, 0 for none */
};

struct xen_domctl_sched_credit2 {
    uint16_t weight; /* IN/OUT */
    uint16_t cap;    /* IN/OUT */
};

struct xen_domctl_sched_rtds {
    uint32_t period; /* IN/OUT: us */
    uint32_t budget; /* IN/OUT: us */
/* May run beyond its budget when CPUs are idle. */
#define _XEN_DOMCTL_SCHEDRT_extra 0
#define XEN_DOMCTL_SCHEDRT_extra (1U << _XEN_DOMCTL_SCHEDRT_extra)
    uint32_t flags; /* IN/OUT: XEN_DOMCTL_SCHEDRT_* */
};

/* Per-vCPU parameters. */
typedef struct xen_domctl_schedparam_vcpu {
    union {
        struct xen_domctl_sched_credit credit;
        struct xen_domctl_sched_credit2 credit2;
        struct xen_domctl_sched_rtds rtds;
    } u;             /* IN/OUT */
    uint32_t vcpuid; /* IN */
} xen_domctl_schedparam_vcpu_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_schedparam_vcpu_t);

/*
 * putinfo sets the parameters of every vCPU; getinfo reads the domain's
 * (or, for per-vCPU schedulers, the default) parameters; putvcpuinfo and
 * getvcpuinfo work per vCPU and fail on schedulers without per-vCPU
 * parameters.
 */
#define XEN_DOMCTL_SCHEDOP_putinfo 0
#define XEN_DOMCTL_SCHEDOP_getinfo 1
#define XEN_DOMCTL_SCHEDOP_putvcpuinfo 2
#define XEN_DOMCTL_SCHEDOP_getvcpuinfo 3
struct xen_domctl_scheduler_op {
    uint32_t sched_id; /* IN: XEN_SCHEDULER_* */
    uint32_t cmd;      /* IN: XEN_DOMCTL_SCHEDOP_* */
    union {
        struct xen_domctl_sched_credit credit;   /* IN/OUT */
        struct xen_domctl_sched_credit2 credit2; /* IN/OUT */
        struct xen_domctl_sched_rtds rtds;       /* IN/OUT */
        struct {
            /* IN/OUT */
            XEN_GUEST_HANDLE_64(xen_domctl_schedparam_vcpu_t) vcpus;
            uint32_t nr_vcpus; /* IN: entries; OUT: entries processed */
            uint32_t padding;  /* IN: zero */
        } v;
    } u;
};

/* XEN_DOMCTL_setdomainhandle */
struct xen_domctl_setdomainhandle {
    xen_domain_handle_t handle; /* IN */
};

/* XEN_DOMCTL_setdebugging */
struct xen_domctl_setdebugging {
    uint8_t enable; /* IN */
};

/* XEN_DOMCTL_irq_permission: let the domain use a pirq, or stop it. */
struct xen_domctl_irq_permission {
    uint32_t pirq;        /* IN */
    uint8_t allow_access; /* IN: non-zero to allow */
    uint8_t pad[3];       /* IN: zero */
};

/* XEN_DOMCTL_iomem_permission: machine frames the domain may map. */
struct xen_domctl_iomem_permission {
    uint64_aligned_t first_mfn; /* IN */
    uint64_aligned_t nr_mfns;   /* IN: more than 0 */
    uint8_t allow_access;       /* IN: non-zero to allow */
};

/* XEN_DOMCTL_ioport_permission: I/O ports the domain may use. */
struct xen_domctl_ioport_permission {
    uint32_t first_port;  /* IN */
    uint32_t nr_ports;    /* IN */
    uint8_t allow_access; /* IN: non-zero to allow */
};

/*
 * XEN_DOMCTL_memory_mapping: map (or unmap) machine frames of I/O memory
 * into an HVM guest's physical address space.
 */
#define DPCI_ADD_MAPPING 1
#define DPCI_REMOVE_MAPPING 0
struct xen_domctl_memory_mapping {
    uint64_aligned_t first_gfn; /* IN: first guest frame */
    uint64_aligned_t first_mfn; /* IN: first machine frame */
    uint64_aligned_t nr_mfns;   /* IN: frames, more than 0 */
    uint32_t add_mapping;       /* IN: DPCI_ADD_MAPPING or DPCI_REMOVE_MAPPING */
    uint32_t padding;           /* IN: zero */
};

/* XEN_DOMCTL_hypercall_init: fill a page of the domain with hypercall stubs. */
struct xen_domctl_hypercall_init {
    uint64_aligned_t gmfn; /* IN */
};

/* XEN_DOMCTL_settimeoffset: the domain's wall clock offset. */
struct xen_domctl_settimeoffset {
    int64_aligned_t time_offset_seconds; /* IN */
};

/*
 * XEN_DOMCTL_gethvmcontext / XEN_DOMCTL_sethvmcontext: an HVM domain's
 * saved device and CPU state (hvm/save.h records); gethvmcontext with a
 * null buffer returns the size needed.
 */
struct xen_domctl_hvmcontext {
    uint32_t size;                     /* IN: buffer size; OUT: bytes used */
    XEN_GUEST_HANDLE_64(uint8) buffer; /* IN/OUT */
};

/* XEN_DOMCTL_set_address_size / XEN_DOMCTL_get_address_size: 32 or 64. */
struct xen_domctl_address_size {
    uint32_t size; /* IN for set, OUT for get */
};

/* XEN_DOMCTL_sendtrigger: a virtual button or interrupt for an HVM guest. */
#define XEN_DOMCTL_SENDTRIGGER_NMI 0
#define XEN_DOMCTL_SENDTRIGGER_RESET 1
#define XEN_DOMCTL_SENDTRIGGER_INIT 2
#define XEN_DOMCTL_SENDTRIGGER_POWER 3
#define XEN_DOMCTL_SENDTRIGGER_SLEEP 4
struct xen_domctl_sendtrigger {
    uint32_t trigger; /* IN: XEN_DOMCTL_SENDTRIGGER_* */
    uint32_t vcpu;    /* IN */
};

/* XEN_DOMCTL_set_target: let op->domain (a device model) manage target. */
struct xen_domctl_set_target {
    domid_t target; /* IN */
};

/* "Unused" in CPUID inputs of the older set_cpuid interface. */
#define XEN_CPUID_INPUT_UNUSED 0xFFFFFFFF

/*
 * XEN_DOMCTL_get_cpu_policy / XEN_DOMCTL_set_cpu_policy: the domain's
 * CPUID and MSR policy.
 */
struct xen_domctl_cpu_policy {
    uint32_t nr_leaves; /* IN: room in leaves; OUT: leaves written */
    uint32_t nr_msrs;   /* IN: room in msrs; OUT: MSRs written */
    XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) leaves; /* IN/OUT */
    XEN_GUEST_HANDLE_64(xen_msr_entry_t) msrs;    /* IN/OUT */
    /* OUT (set, some failures): the leaf, subleaf or MSR refused. */
    uint32_t err_leaf, err_subleaf, err_msr;
};
typedef struct xen_domctl_cpu_policy xen_domctl_cpu_policy_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_cpu_policy_t);

/*
 * XEN_DOMCTL_gettscinfo / XEN_DOMCTL_settscinfo: how the domain's TSC
 * relates to the host's (tsc_mode: 0 default, 1 always emulate, 2 never
 * emulate), and the state a migration carries.
 */
struct xen_domctl_tsc_info {
    uint32_t tsc_mode;              /* IN/OUT */
    uint32_t gtsc_khz;              /* IN/OUT: guest TSC frequency */
    uint32_t incarnation;           /* IN/OUT: times the TSC was restored */
    uint32_t pad;                   /* IN: zero */
    uint64_aligned_t elapsed_nsec;  /* IN/OUT: guest time */
};

/*
 * XEN_DOMCTL_getvcpuextstate / XEN_DOMCTL_setvcpuextstate: a vCPU's
 * extended (XSAVE) state as XCR0, XCR0 accumulated, then the XSAVE area.
 * A get with size and xfeature_mask zero, or a null buffer, returns the
 * size needed and the host's feature mask.
 */
struct xen_domctl_vcpuextstate {
    uint32_t vcpu;                       /* IN */
    uint64_aligned_t xfeature_mask;      /* get: IN/OUT */
    uint64_aligned_t size;               /* IN/OUT: bytes */
    XEN_GUEST_HANDLE_64(uint64) buffer;  /* IN/OUT */
};

/* XEN_DOMCTL_subscribe: the event channel for XEN_DOMCTL_* suspend events. */
struct xen_domctl_subscribe {
    uint32_t port; /* IN */
};

/* XEN_DOMCTL_set_virq_handler: the domain that gets a global VIRQ. */
struct xen_domctl_set_virq_handler {
    uint32_t virq; /* IN */
};

/*
 * XEN_DOMCTL_get_paging_mempool_size / XEN_DOMCTL_set_paging_mempool_size:
 * bytes of memory the hypervisor keeps for the domain's page tables (HAP
 * or shadow).  A set may fail part-way.
 */
struct xen_domctl_paging_mempool {
    uint64_aligned_t size; /* IN for set, OUT for get */
};

struct xen_domctl {
    uint32_t cmd; /* IN: XEN_DOMCTL_* */
#define XEN_DOMCTL_createdomain 1
#define XEN_DOMCTL_destroydomain 2
#define XEN_DOMCTL_pausedomain 3
#define XEN_DOMCTL_unpausedomain 4
#define XEN_DOMCTL_getdomaininfo 5
/* 6-8 were getmemlist and getpageframeinfo{,2}. */
#define XEN_DOMCTL_setvcpuaffinity 9
#define XEN_DOMCTL_shadow_op 10
#define XEN_DOMCTL_max_mem 11
#define XEN_DOMCTL_setvcpucontext 12
#define XEN_DOMCTL_getvcpucontext 13
#define XEN_DOMCTL_getvcpuinfo 14
#define XEN_DOMCTL_max_vcpus 15
#define XEN_DOMCTL_scheduler_op 16
#define XEN_DOMCTL_setdomainhandle 17
#define XEN_DOMCTL_setdebugging 18
#define XEN_DOMCTL_irq_permission 19
#define XEN_DOMCTL_iomem_permission 20
#define XEN_DOMCTL_ioport_permission 21
#define XEN_DOMCTL_hypercall_init 22
#ifdef __XEN__
/* The hypervisor's continuation of XEN_DOMCTL_soft_reset. */
#define XEN_DOMCTL_soft_reset_cont 23
#endif
#define XEN_DOMCTL_settimeoffset 24
#define XEN_DOMCTL_getvcpuaffinity 25
#define XEN_DOMCTL_real_mode_area 26 /* obsolete (PPC) */
#define XEN_DOMCTL_resumedomain 27
#define XEN_DOMCTL_sendtrigger 28
#define XEN_DOMCTL_subscribe 29
#define XEN_DOMCTL_gethvmcontext 33
#define XEN_DOMCTL_sethvmcontext 34
#define XEN_DOMCTL_set_address_size 35
#define XEN_DOMCTL_get_address_size 36
#define XEN_DOMCTL_assign_device 37
#define XEN_DOMCTL_bind_pt_irq 38
#define XEN_DOMCTL_memory_mapping 39
#define XEN_DOMCTL_ioport_mapping 40
#define XEN_DOMCTL_set_ext_vcpucontext 42
#define XEN_DOMCTL_get_ext_vcpucontext 43
#define XEN_DOMCTL_set_opt_feature 44 /* obsolete (IA64) */
#define XEN_DOMCTL_test_assign_device 45
#define XEN_DOMCTL_set_target 46
#define XEN_DOMCTL_deassign_device 47
#define XEN_DOMCTL_unbind_pt_irq 48
#define XEN_DOMCTL_get_device_group 50
#define XEN_DOMCTL_debug_op 54
#define XEN_DOMCTL_gethvmcontext_partial 55
#define XEN_DOMCTL_vm_event_op 56
#define XEN_DOMCTL_mem_sharing_op 57
#define XEN_DOMCTL_gettscinfo 59
#define XEN_DOMCTL_settscinfo 60
#define XEN_DOMCTL_getpageframeinfo3 61
#define XEN_DOMCTL_setvcpuextstate 62
#define XEN_DOMCTL_getvcpuextstate 63
#define XEN_DOMCTL_set_access_required 64
#define XEN_DOMCTL_audit_p2m 65
#define XEN_DOMCTL_set_virq_handler 66
#define XEN_DOMCTL_set_broken_page_p2m 67
#define XEN_DOMCTL_setnodeaffinity 68
#define XEN_DOMCTL_getnodeaffinity 69
/* 70 was set_max_evtchn, now createdomain's max_evtchn_port. */
#define XEN_DOMCTL_cacheflush 71
#define XEN_DOMCTL_get_vcpu_msrs 72
#define XEN_DOMCTL_set_vcpu_msrs 73
#define XEN_DOMCTL_setvnumainfo 74
#define XEN_DOMCTL_psr_cmt_op 75
#define XEN_DOMCTL_monitor_op 77
#define XEN_DOMCTL_psr_alloc 78
#define XEN_DOMCTL_soft_reset 79
/* 80 was set_gnttab_limits, now part of createdomain. */
#define XEN_DOMCTL_vuart_op 81
#define XEN_DOMCTL_get_cpu_policy 82
#define XEN_DOMCTL_set_cpu_policy 83
#define XEN_DOMCTL_vmtrace_op 84
#define XEN_DOMCTL_get_paging_mempool_size 85
#define XEN_DOMCTL_set_paging_mempool_size 86
#define XEN_DOMCTL_gdbsx_guestmemio 1000
#define XEN_DOMCTL_gdbsx_pausevcpu 1001
#define XEN_DOMCTL_gdbsx_unpausevcpu 1002
#define XEN_DOMCTL_gdbsx_domstatus 1003
    uint32_t interface_version; /* IN: XEN_DOMCTL_INTERFACE_VERSION */
    domid_t domain;             /* IN (IN/OUT for createdomain) */
    uint16_t _pad[3];           /* IN: zero */
    union {
        struct xen_domctl_createdomain createdomain;
        struct xen_domctl_getdomaininfo getdomaininfo;
        struct xen_domctl_nodeaffinity nodeaffinity;
        struct xen_domctl_vcpuaffinity vcpuaffinity;
        struct xen_domctl_max_mem max_mem;
        struct xen_domctl_getpageframeinfo3 getpageframeinfo3;
        struct xen_domctl_shadow_op shadow_op;
        struct xen_domctl_vcpucontext vcpucontext;
        struct xen_domctl_getvcpuinfo getvcpuinfo;
        struct xen_domctl_max_vcpus max_vcpus;
        struct xen_domctl_scheduler_op scheduler_op;
        struct xen_domctl_setdomainhandle setdomainhandle;
        struct xen_domctl_setdebugging setdebugging;
        struct xen_domctl_irq_permission irq_permission;
        struct xen_domctl_iomem_permission iomem_permission;
        struct xen_domctl_ioport_permission ioport_permission;
        struct xen_domctl_hypercall_init hypercall_init;
        struct xen_domctl_memory_mapping memory_mapping;
        struct xen_domctl_settimeoffset settimeoffset;
        struct xen_domctl_tsc_info tsc_info;
        struct xen_domctl_hvmcontext hvmcontext;
        struct xen_domctl_address_size address_size;
        struct xen_domctl_sendtrigger sendtrigger;
        struct xen_domctl_set_target set_target;
        struct xen_domctl_subscribe subscribe;
        struct xen_domctl_cpu_policy cpu_policy;
        struct xen_domctl_vcpuextstate vcpuextstate;
        struct xen_domctl_set_virq_handler set_virq_handler;
        struct xen_domctl_paging_mempool paging_mempool;
        uint8_t pad[128]; /* IN/OUT: sizes the union */
    } u;                  /* IN/OUT: the argument of cmd */
};
typedef struct xen_domctl xen_domctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_t);

#endif /* __XEN_PUBLIC_DOMCTL_H__ */
