/* SPDX-License-Identifier: MIT */
/*
 * public/sysctl.h: HYPERVISOR_sysctl(struct xen_sysctl *op), the
 * toolstack's operations on the whole host: the console ring, physical
 * CPUs and memory, lists of domains, CPU pools and scheduler settings.
 *
 * As with domctl, only the hypervisor and the toolstack may use it, and
 * every call carries XEN_SYSCTL_INTERFACE_VERSION (-EACCES for any other).
 *
 * This header describes the subset a basic toolstack needs; every command
 * number is listed, but only the argument structures below are described
 * (see docs/abi.md).
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_SYSCTL_H__
#define __XEN_PUBLIC_SYSCTL_H__

#if !defined(__XEN__) && !defined(__XEN_TOOLS__)
#error "sysctl operations are intended for use by node control tools only"
#endif

#include "xen.h"
#include "domctl.h"
#include "physdev.h"

/* Xen 4.17. */
#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015

/* XEN_SYSCTL_readconsole: read the hypervisor's console ring ("xl dmesg"). */
struct xen_sysctl_readconsole {
    uint8_t clear;       /* IN: empty the ring after reading */
    uint8_t incremental; /* IN: start at index rather than the oldest byte */
    uint8_t pad0, pad1;
    uint32_t index; /* IN: where to start; OUT: where reading stopped */
    XEN_GUEST_HANDLE_64(char) buffer; /* IN: where to copy */
    uint32_t count;                   /* IN: buffer size; OUT: bytes copied */
};

/* xen_sysctl_physinfo.capabilities */
/* HVM guests are possible. */
#define _XEN_SYSCTL_PHYSCAP_hvm 0
#define XEN_SYSCTL_PHYSCAP_hvm (1u << _XEN_SYSCTL_PHYSCAP_hvm)
/* PV guests are possible. */
#define _XEN_SYSCTL_PHYSCAP_pv 1
#define XEN_SYSCTL_PHYSCAP_pv (1u << _XEN_SYSCTL_PHYSCAP_pv)
/* Devices can be passed through with an IOMMU. */
#define _XEN_SYSCTL_PHYSCAP_directio 2
#define XEN_SYSCTL_PHYSCAP_directio (1u << _XEN_SYSCTL_PHYSCAP_directio)
/* Hardware-assisted paging. */
#define _XEN_SYSCTL_PHYSCAP_hap 3
#define XEN_SYSCTL_PHYSCAP_hap (1u << _XEN_SYSCTL_PHYSCAP_hap)
/* Shadow paging. */
#define _XEN_SYSCTL_PHYSCAP_shadow 4
#define XEN_SYSCTL_PHYSCAP_shadow (1u << _XEN_SYSCTL_PHYSCAP_shadow)
/* HAP page tables can be shared with the IOMMU. */
#define _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share 5
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share                                  \
    (1u << _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share)
/* Processor trace for guests. */
#define XEN_SYSCTL_PHYSCAP_vmtrace (1u << 6)
/* A virtual PMU. */
#define XEN_SYSCTL_PHYSCAP_vpmu (1u << 7)
/* Grant table versions available. */
#define XEN_SYSCTL_PHYSCAP_gnttab_v1 (1u << 8)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2 (1u << 9)
/* The highest capability, for checking. */
#define XEN_SYSCTL_PHYSCAP_MAX XEN_SYSCTL_PHYSCAP_gnttab_v2

/* XEN_SYSCTL_physinfo: the host. */
struct xen_sysctl_physinfo {
    uint32_t threads_per_core;          /* OUT */
    uint32_t cores_per_socket;          /* OUT */
    uint32_t nr_cpus;                   /* OUT: CPUs online */
    uint32_t max_cpu_id;                /* OUT: highest possible CPU number */
    uint32_t nr_nodes;                  /* OUT: NUMA nodes online */
    uint32_t max_node_id;               /* OUT: highest possible node number */
    uint32_t cpu_khz;                   /* OUT */
    uint32_t capabilities;              /* OUT: XEN_SYSCTL_PHYSCAP_* */
    uint32_t arch_capabilities;         /* OUT: architecture-specific bits */
    uint32_t pad;                       /* OUT: zero */
    uint64_aligned_t total_pages;       /* OUT */
    uint64_aligned_t free_pages;        /* OUT */
    uint64_aligned_t scrub_pages;       /* OUT: free but not yet scrubbed */
    uint64_aligned_t outstanding_pages; /* OUT: claimed by domains */
    uint64_aligned_t max_mfn;           /* OUT: highest possible MFN */
    uint32_t hw_cap[8];                 /* OUT: CPU feature words */
};

/* XEN_SYSCTL_sched_id: the scheduler of the default pool. */
struct xen_sysctl_sched_id {
    uint32_t sched_id; /* OUT: XEN_SCHEDULER_* */
};

/*
 * XEN_SYSCTL_getdomaininfolist: getdomaininfo for up to max_domains
 * domains with ids from first_domain up.
 */
struct xen_sysctl_getdomaininfolist {
    domid_t first_domain;                                   /* IN */
    uint32_t max_domains;                                   /* IN */
    XEN_GUEST_HANDLE_64(xen_domctl_getdomaininfo_t) buffer; /* OUT */
    uint32_t num_domains;                                   /* OUT */
};

/* XEN_SYSCTL_debug_keys: press the hypervisor's debug keys. */
struct xen_sysctl_debug_keys {
    XEN_GUEST_HANDLE_64(const_char) keys; /* IN */
    uint32_t nr_keys;                     /* IN */
};

/* XEN_SYSCTL_getcpuinfo: idle time of each physical CPU. */
struct xen_sysctl_cpuinfo {
    uint64_aligned_t idletime; /* OUT: ns */
};
typedef struct xen_sysctl_cpuinfo xen_sysctl_cpuinfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_cpuinfo_t);
struct xen_sysctl_getcpuinfo {
    uint32_t max_cpus;                              /* IN: room in info */
    XEN_GUEST_HANDLE_64(xen_sysctl_cpuinfo_t) info; /* OUT */
    uint32_t nr_cpus;                               /* OUT: entries written */
};

/* "Not known" values of the topology queries. */
#define XEN_INVALID_CORE_ID (~0U)
#define XEN_INVALID_SOCKET_ID (~0U)
#define XEN_INVALID_NODE_ID (~0U)

/* XEN_SYSCTL_cputopoinfo: where each CPU sits. */
struct xen_sysctl_cputopo {
    uint32_t core;   /* OUT */
    uint32_t socket; /* OUT */
    uint32_t node;   /* OUT */
};
typedef struct xen_sysctl_cputopo xen_sysctl_cputopo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_cputopo_t);

/*
 * With a null cputopo, num_cpus returns the number of entries needed.
 * Otherwise num_cpus is the room given; on return, the number written, or
 * the number wanted if the room was too small (and partial data written).
 */
struct xen_sysctl_cputopoinfo {
    uint32_t num_cpus;                                 /* IN/OUT */
    XEN_GUEST_HANDLE_64(xen_sysctl_cputopo_t) cputopo; /* OUT */
};

/* XEN_SYSCTL_numainfo: memory per node and distances between nodes. */
#define XEN_INVALID_MEM_SZ (~0U)
#define XEN_INVALID_NODE_DIST (~0U)

struct xen_sysctl_meminfo {
    uint64_t memsize; /* OUT: bytes */
    uint64_t memfree; /* OUT: bytes */
};
typedef struct xen_sysctl_meminfo xen_sysctl_meminfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_meminfo_t);

/*
 * num_nodes works as num_cpus of cputopoinfo; distance is indexed
 * [i * N + j] with N the num_nodes returned.
 */
struct xen_sysctl_numainfo {
    uint32_t num_nodes;                                /* IN/OUT */
    XEN_GUEST_HANDLE_64(xen_sysctl_meminfo_t) meminfo; /* OUT */
    XEN_GUEST_HANDLE_64(uint32) distance;              /* OUT */
};

/*
 * XEN_SYSCTL_cpupool_op.  The letters say which operations (Create,
 * Destroy, Info, Add cpu, Remove cpu, Move domain, Free info) use a field.
 * Errors: -EBUSY a pool still has domains, -EAGAIN retry a removal,
 * -EADDRINUSE a vCPU is pinned to the CPU, -ENODEV the CPU is not free (or
 * not in the pool), -ENOENT no such pool, -EEXIST the pool exists.
 */
#define XEN_SYSCTL_CPUPOOL_OP_CREATE 1     /* C */
#define XEN_SYSCTL_CPUPOOL_OP_DESTROY 2    /* D */
#define XEN_SYSCTL_CPUPOOL_OP_INFO 3       /* I */
#define XEN_SYSCTL_CPUPOOL_OP_ADDCPU 4     /* A */
#define XEN_SYSCTL_CPUPOOL_OP_RMCPU 5      /* R */
#define XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN 6 /* M */
#define XEN_SYSCTL_CPUPOOL_OP_FREEINFO 7   /* F */
/* Any pool id (create), or any CPU (add, remove). */
#define XEN_SYSCTL_CPUPOOL_PAR_ANY 0xFFFFFFFF
struct xen_sysctl_cpupool_op {
    uint32_t op;                 /* IN: XEN_SYSCTL_CPUPOOL_OP_* */
    uint32_t cpupool_id;         /* IN: CDIARM; OUT: CI */
    uint32_t sched_id;           /* IN: C; OUT: I */
    uint32_t domid;              /* IN: M */
    uint32_t cpu;                /* IN: AR */
    uint32_t n_dom;              /* OUT: I */
    struct xenctl_bitmap cpumap; /* OUT: IF */
};

/* The ARINC 653 scheduler's fixed schedule. */
#define ARINC653_MAX_DOMAINS_PER_SCHEDULE 64
struct xen_sysctl_arinc653_schedule {
    uint64_aligned_t major_frame; /* IN/OUT: ns */
    uint8_t num_sched_entries;    /* IN/OUT: entries used */
    struct {
        xen_domain_handle_t dom_handle; /* IN/OUT: the domain's UUID */
        uint32_t vcpu_id;               /* IN/OUT */
        uint64_aligned_t runtime;       /* IN/OUT: ns per major frame */
    } sched_entries[ARINC653_MAX_DOMAINS_PER_SCHEDULE]; /* IN/OUT */
};
typedef struct xen_sysctl_arinc653_schedule xen_sysctl_arinc653_schedule_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_arinc653_schedule_t);

/* Limits of the context-switch rate limit (us), credit and credit2. */
#define XEN_SYSCTL_SCHED_RATELIMIT_MAX 500000
#define XEN_SYSCTL_SCHED_RATELIMIT_MIN 100

struct xen_sysctl_credit_schedule {
#define XEN_SYSCTL_CSCHED_TSLICE_MAX 1000
#define XEN_SYSCTL_CSCHED_TSLICE_MIN 1
    uint32_t tslice_ms;    /* IN/OUT: time slice */
    uint32_t ratelimit_us; /* IN/OUT */
#define XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US (100 * 1000)
    /* IN/OUT: how long a vCPU stays cache-hot on its CPU */
    uint32_t vcpu_migr_delay_us;
};

struct xen_sysctl_credit2_schedule {
    uint32_t ratelimit_us; /* IN/OUT */
};

/* XEN_SYSCTL_scheduler_op: parameters of a pool's scheduler. */
#define XEN_SYSCTL_SCHEDOP_putinfo 0
#define XEN_SYSCTL_SCHEDOP_getinfo 1
struct xen_sysctl_scheduler_op {
    uint32_t cpupool_id; /* IN */
    uint32_t sched_id;   /* IN: XEN_SCHEDULER_* */
    uint32_t cmd;        /* IN: XEN_SYSCTL_SCHEDOP_* */
    union {
        struct xen_sysctl_sched_arinc653 {
            /* IN: the schedule to set or fill */
            XEN_GUEST_HANDLE_64(xen_sysctl_arinc653_schedule_t) schedule;
        } sched_arinc653;                                 /* IN/OUT */
        struct xen_sysctl_credit_schedule sched_credit;   /* IN/OUT */
        struct xen_sysctl_credit2_schedule sched_credit2; /* IN/OUT */
    } u;
};

/*
 * XEN_SYSCTL_get_cpu_featureset: a featureset (the CPUID feature words in
 * Xen's order) of the host.  With a null features handle, nr_features
 * returns the number of words there are; a buffer too small gets what fits
 * and -ENOBUFS.
 */
struct xen_sysctl_cpu_featureset {
#define XEN_SYSCTL_cpu_featureset_raw 0
#define XEN_SYSCTL_cpu_featureset_host 1
#define XEN_SYSCTL_cpu_featureset_pv 2
#define XEN_SYSCTL_cpu_featureset_hvm 3
#define XEN_SYSCTL_cpu_featureset_pv_max 4
#define XEN_SYSCTL_cpu_featureset_hvm_max 5
    uint32_t index;       /* IN: XEN_SYSCTL_cpu_featureset_* */
    uint32_t nr_features; /* IN: room; OUT: words written (or wanted) */
    XEN_GUEST_HANDLE_64(uint32) features; /* OUT */
};

/* XEN_SYSCTL_get_cpu_policy: one of the host's CPUID/MSR policies. */
struct xen_sysctl_cpu_policy {
#define XEN_SYSCTL_cpu_policy_raw 0
#define XEN_SYSCTL_cpu_policy_host 1
#define XEN_SYSCTL_cpu_policy_pv_max 2
#define XEN_SYSCTL_cpu_policy_hvm_max 3
#define XEN_SYSCTL_cpu_policy_pv_default 4
#define XEN_SYSCTL_cpu_policy_hvm_default 5
    uint32_t index;     /* IN: XEN_SYSCTL_cpu_policy_* */
    uint32_t nr_leaves; /* IN: room (null leaves: asks the maximum); OUT */
    uint32_t nr_msrs;   /* IN: room (null msrs: asks the maximum); OUT */
    uint32_t _rsvd;     /* IN: zero */
    XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) leaves; /* OUT */
    XEN_GUEST_HANDLE_64(xen_msr_entry_t) msrs;    /* OUT */
};
typedef struct xen_sysctl_cpu_policy xen_sysctl_cpu_policy_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_cpu_policy_t);

struct xen_sysctl {
    uint32_t cmd; /* IN: XEN_SYSCTL_* */
#define XEN_SYSCTL_readconsole 1
#define XEN_SYSCTL_tbuf_op 2
#define XEN_SYSCTL_physinfo 3
#define XEN_SYSCTL_sched_id 4
#define XEN_SYSCTL_perfc_op 5
#define XEN_SYSCTL_getdomaininfolist 6
#define XEN_SYSCTL_debug_keys 7
#define XEN_SYSCTL_getcpuinfo 8
#define XEN_SYSCTL_availheap 9
#define XEN_SYSCTL_get_pmstat 10
#define XEN_SYSCTL_cpu_hotplug 11
#define XEN_SYSCTL_pm_op 12
#define XEN_SYSCTL_page_offline_op 14
#define XEN_SYSCTL_lockprof_op 15
#define XEN_SYSCTL_cputopoinfo 16
#define XEN_SYSCTL_numainfo 17
#define XEN_SYSCTL_cpupool_op 18
#define XEN_SYSCTL_scheduler_op 19
#define XEN_SYSCTL_coverage_op 20
#define XEN_SYSCTL_psr_cmt_op 21
#define XEN_SYSCTL_pcitopoinfo 22
#define XEN_SYSCTL_psr_alloc 23
/* 24 was tmem_op. */
#define XEN_SYSCTL_get_cpu_levelling_caps 25
#define XEN_SYSCTL_get_cpu_featureset 26
#define XEN_SYSCTL_livepatch_op 27
/* 28 was set_parameter. */
#define XEN_SYSCTL_get_cpu_policy 29
    uint32_t interface_version; /* IN: XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct xen_sysctl_readconsole readconsole;
        struct xen_sysctl_physinfo physinfo;
        struct xen_sysctl_cputopoinfo cputopoinfo;
        struct xen_sysctl_numainfo numainfo;
        struct xen_sysctl_sched_id sched_id;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        struct xen_sysctl_debug_keys debug_keys;
        struct xen_sysctl_getcpuinfo getcpuinfo;
        struct xen_sysctl_cpupool_op cpupool_op;
        struct xen_sysctl_scheduler_op scheduler_op;
        struct xen_sysctl_cpu_policy cpu_policy;
        struct xen_sysctl_cpu_featureset cpu_featureset;
        uint8_t pad[128]; /* IN/OUT: sizes the union */
    } u;                  /* IN/OUT: the argument of cmd */
};
typedef struct xen_sysctl xen_sysctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_t);

#endif /* __XEN_PUBLIC_SYSCTL_H__ */
