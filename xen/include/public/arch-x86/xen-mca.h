/* SPDX-License-Identifier: MIT */
/*
 * public/arch-x86/xen-mca.h: HYPERVISOR_mca(xen_mc_t *op), machine-check
 * reporting to the hardware domain.
 *
 * The hypervisor handles machine-check exceptions itself and queues what it
 * found as telemetry; it raises VIRQ_MCA for dom0, which fetches the records
 * (XEN_MC_fetch) and relates them to physical CPUs described by
 * XEN_MC_physcpuinfo.  Only the calls and structures listed here are part of
 * this project's interface; the telemetry record types (mcinfo_common and the
 * records that start with it) are Xen's, in mc_info.mi_data.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_MCA_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_MCA_H__

#include "../xen.h"

/* The hypercall: the first architecture-specific number. */
#define __HYPERVISOR_mca __HYPERVISOR_arch_0

/* xen_mc.interface_version must be exactly this. */
#define XEN_MCA_INTERFACE_VERSION 0x01ecc003

/* xen_mc_fetch.flags, IN */
#define XEN_MC_NONURGENT 0x0001 /* polled (correctable) errors */
#define XEN_MC_URGENT 0x0002    /* errors from a machine-check exception */
#define XEN_MC_ACK 0x0004       /* acknowledge the record fetch_id names */

/* xen_mc_fetch.flags and xen_mc_notifydomain.flags, OUT */
#define XEN_MC_OK 0x0
#define XEN_MC_FETCHFAILED 0x1
#define XEN_MC_NODATA 0x2       /* nothing queued */
#define XEN_MC_NOMATCH 0x4
#define XEN_MC_CANNOTHANDLE 0x8
#define XEN_MC_NOTDELIVERED 0x10

#define XEN_MC_VCPUID_INVALID 0xffff

#ifndef __ASSEMBLY__

/* Global virtual interrupt for dom0: telemetry is waiting. */
#define VIRQ_MCA VIRQ_ARCH_0

/* Room for the telemetry records of one fetch. */
#define MCINFO_HYPERCALLSIZE 1024
#define MCINFO_MAXSIZE 768

#define MCINFO_FLAGS_UNCOMPLETE 0x1 /* mc_info.flags: records were dropped */

/* A buffer of telemetry records (mi_nentries of them, back to back). */
struct mc_info {
    uint32_t mi_nentries;                       /* OUT */
    uint32_t flags;                             /* OUT: MCINFO_FLAGS_* */
    uint64_t mi_data[(MCINFO_MAXSIZE - 1) / 8]; /* OUT: the records */
};
typedef struct mc_info mc_info_t;
DEFINE_XEN_GUEST_HANDLE(mc_info_t);

/* An MSR and its value. */
struct mcinfo_msr {
    uint64_t reg;   /* OUT: MSR number */
    uint64_t value; /* OUT */
};
typedef struct mcinfo_msr xen_mcinfo_msr_t;

/* mcinfo_logical_cpu.mc_msrvalues[] entries */
#define __MC_MSR_ARRAYSIZE 8
#if __XEN_INTERFACE_VERSION__ <= 0x00040d00
#define __MC_NMSRS 1
#endif

/* mcinfo_logical_cpu.mc_cpu_caps[]: CPUID feature words, by index. */
#define MC_NCAPS 7
#define MC_CAPS_STD_EDX 0 /* leaf 0x00000001, EDX */
#define MC_CAPS_AMD_EDX 1 /* leaf 0x80000001, EDX */
#define MC_CAPS_TM 2      /* leaf 0x80860001 (Transmeta) */
#define MC_CAPS_LINUX 3   /* Linux's own flags */
#define MC_CAPS_STD_ECX 4 /* leaf 0x00000001, ECX */
#define MC_CAPS_VIA 5     /* leaf 0xc0000001 */
#define MC_CAPS_AMD_ECX 6 /* leaf 0x80000001, ECX */

/* One physical CPU, as XEN_MC_physcpuinfo describes it. */
struct mcinfo_logical_cpu {
    uint32_t mc_cpunr;           /* OUT: the hypervisor's CPU number */
    uint32_t mc_chipid;          /* OUT: package */
    uint16_t mc_coreid;          /* OUT: core within the package */
    uint16_t mc_threadid;        /* OUT: thread within the core */
    uint32_t mc_apicid;          /* OUT */
    uint32_t mc_clusterid;       /* OUT */
    uint32_t mc_ncores;          /* OUT: cores in the package */
    uint32_t mc_ncores_active;   /* OUT */
    uint32_t mc_nthreads;        /* OUT: threads per core */
    int32_t mc_cpuid_level;      /* OUT: highest basic CPUID leaf */
    uint32_t mc_family;          /* OUT */
    uint32_t mc_vendor;          /* OUT: the hypervisor's vendor code */
    uint32_t mc_model;           /* OUT */
    uint32_t mc_step;            /* OUT */
    char mc_vendorid[16];        /* OUT: CPUID vendor string */
    char mc_brandid[64];         /* OUT: CPUID brand string */
    uint32_t mc_cpu_caps[MC_NCAPS]; /* OUT: MC_CAPS_* words */
    uint32_t mc_cache_size;      /* OUT: KiB */
    uint32_t mc_cache_alignment; /* OUT: bytes */
    int32_t mc_nmsrvals;         /* OUT: entries used in mc_msrvalues */
    xen_mcinfo_msr_t mc_msrvalues[__MC_MSR_ARRAYSIZE]; /* OUT */
};
typedef struct mcinfo_logical_cpu xen_mc_logical_cpu_t;
DEFINE_XEN_GUEST_HANDLE(xen_mc_logical_cpu_t);

/* XEN_MC_fetch: take (or acknowledge) one queued telemetry record. */
#define XEN_MC_fetch 1
struct xen_mc_fetch {
    uint32_t flags;   /* IN: XEN_MC_(NON)URGENT, XEN_MC_ACK; OUT: XEN_MC_OK... */
    uint32_t _pad0;   /* IN: 0 */
    uint64_t fetch_id; /* OUT: the record's id; IN with XEN_MC_ACK: which to ack */
    XEN_GUEST_HANDLE(mc_info_t) data; /* IN: where the record goes */
};
typedef struct xen_mc_fetch xen_mc_fetch_t;
DEFINE_XEN_GUEST_HANDLE(xen_mc_fetch_t);

/* XEN_MC_notifydomain: pass an error on to the domain it concerns. */
#define XEN_MC_notifydomain 2
struct xen_mc_notifydomain {
    uint16_t mc_domid;  /* IN */
    uint16_t mc_vcpuid; /* IN */
    uint32_t flags;     /* IN/OUT: XEN_MC_* */
};
typedef struct xen_mc_notifydomain xen_mc_notifydomain_t;
DEFINE_XEN_GUEST_HANDLE(xen_mc_notifydomain_t);

/*
 * XEN_MC_physcpuinfo: with a null handle, the number of online CPUs in ncpus;
 * otherwise up to ncpus descriptions (and their number in ncpus).
 */
#define XEN_MC_physcpuinfo 3
struct xen_mc_physcpuinfo {
    uint32_t ncpus; /* IN: room in info; OUT: CPUs described */
    uint32_t _pad0; /* IN: 0 */
    XEN_GUEST_HANDLE(xen_mc_logical_cpu_t) info; /* IN: the array, or null */
};
typedef struct xen_mc_physcpuinfo xen_mc_physcpuinfo_t;

/* XEN_MC_msrinject: write machine-check MSRs of a CPU (testing). */
#define XEN_MC_msrinject 4
#define MC_MSRINJ_MAXMSRS 8
struct xen_mc_msrinject {
    uint32_t mcinj_cpunr; /* IN: CPU */
    uint32_t mcinj_flags; /* IN: MC_MSRINJ_F_* */
    uint32_t mcinj_count; /* IN: entries used in mcinj_msr */
    domid_t mcinj_domid;  /* IN: with MC_MSRINJ_F_GPADDR */
    uint16_t _pad0;       /* IN: 0 */
    xen_mcinfo_msr_t mcinj_msr[MC_MSRINJ_MAXMSRS]; /* IN */
};
typedef struct xen_mc_msrinject xen_mc_msrinject_t;

#define MC_MSRINJ_F_INTERPOSE 0x1
#define MC_MSRINJ_F_GPADDR 0x2

/* XEN_MC_mceinject: raise a machine-check exception on a CPU (testing). */
#define XEN_MC_mceinject 5
struct xen_mc_mceinject {
    unsigned int mceinj_cpunr; /* IN */
};
typedef struct xen_mc_mceinject xen_mc_mceinject_t;

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/* XEN_MC_inject_v2: raise a machine check of a kind on a set of CPUs. */
#define XEN_MC_inject_v2 6
#define XEN_MC_INJECT_TYPE_MASK 0x7
#define XEN_MC_INJECT_TYPE_MCE 0x0
#define XEN_MC_INJECT_TYPE_CMCI 0x1
#define XEN_MC_INJECT_TYPE_LMCE 0x2
#define XEN_MC_INJECT_CPU_BROADCAST 0x8

struct xen_mc_inject_v2 {
    uint32_t flags;          /* IN: XEN_MC_INJECT_* */
    xenctl_bitmap_t cpumap;  /* IN: unless XEN_MC_INJECT_CPU_BROADCAST */
};
typedef struct xen_mc_inject_v2 xen_mc_inject_v2_t;
#endif

struct xen_mc {
    uint32_t cmd;               /* IN: XEN_MC_* */
    uint32_t interface_version; /* IN: XEN_MCA_INTERFACE_VERSION */
    union {
        xen_mc_fetch_t mc_fetch;
        xen_mc_notifydomain_t mc_notifydomain;
        xen_mc_physcpuinfo_t mc_physcpuinfo;
        xen_mc_msrinject_t mc_msrinject;
        xen_mc_mceinject_t mc_mceinject;
#if defined(__XEN__) || defined(__XEN_TOOLS__)
        xen_mc_inject_v2_t mc_inject_v2;
#endif
    } u; /* IN/OUT: the argument of cmd */
};
typedef struct xen_mc xen_mc_t;
DEFINE_XEN_GUEST_HANDLE(xen_mc_t);

#endif /* __ASSEMBLY__ */

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_MCA_H__ */
