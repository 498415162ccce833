/*
 * xc.h: libxc, the domain control library (our libxenctrl).
 *
 * Hypercalls from dom0 user space through Linux's /dev/xen/privcmd, with
 * Xen 4.17's domctl, sysctl, memory_op, mmuext_op, event channel, grant
 * table, sched_op and xen_version interfaces; foreign memory mapping; and
 * the /dev/xen/evtchn, /dev/xen/gntdev and /dev/xen/gntalloc devices.
 * Names follow libxenctrl's where the operation is the same, so a Xen
 * developer finds xc_domain_create() where they expect it; the types are
 * this library's own, so that callers need no Xen header.
 *
 * Conventions: functions returning int return 0 (or a count, where said)
 * on success and a negative errno value on failure; xc_error() then holds
 * one line naming the operation and the reason, e.g.
 *   "XEN_DOMCTL_createdomain: Cannot allocate memory (-ENOMEM)".
 * Arguments are checked before anything reaches the hypervisor; a bad one
 * gives -EINVAL and says which.  Handles are not thread-safe.
 */
#ifndef DOM0_TOOLS_LIBS_CTRL_INCLUDE_XC_H
#define DOM0_TOOLS_LIBS_CTRL_INCLUDE_XC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xc_interface xc_interface;

/* Domain ids: ordinary domains are below XC_DOMID_FIRST_RESERVED. */
#define XC_DOMID_FIRST_RESERVED 0x7FF0u
#define XC_DOMID_SELF 0x7FF0u
#define XC_DOMID_INVALID 0x7FF4u

#define XC_PAGE_SHIFT 12
#define XC_PAGE_SIZE (1u << XC_PAGE_SHIFT)

/*
 * Open /dev/xen/privcmd (or /proc/xen/privcmd) and /dev/xen/hypercall for
 * hypercall buffers (mlock'd memory when that device is missing).  On
 * failure *err is an allocated message naming the device and the reason.
 */
int xc_interface_open(xc_interface **xch, char **err);
/* Close a handle; NULL is fine. */
void xc_interface_close(xc_interface *xch);
/* The last failure of this handle ("" after none); never NULL. */
const char *xc_error(const xc_interface *xch);

/* ---- domains (domctl) ------------------------------------------------ */

/* XEN_DOMCTL_CDF_* flags of xc_domain_create. */
#define XC_CDF_HVM (1u << 0)
#define XC_CDF_HAP (1u << 1)
#define XC_CDF_IOMMU (1u << 5)

struct xc_domain_config {
    uint32_t flags;              /* XC_CDF_* */
    uint32_t max_vcpus;          /* 1 to XC_MAX_VCPUS */
    uint32_t max_evtchn_port;    /* highest port the domain may bind */
    int32_t max_grant_frames;    /* -1: the hypervisor's default */
    int32_t max_maptrack_frames; /* -1: the hypervisor's default */
    uint32_t max_grant_version;  /* 1 or 2 */
    uint32_t ssidref;            /* XSM label, 0 */
    uint8_t handle[16];          /* the domain's UUID */
};
#define XC_MAX_VCPUS 4096

/*
 * XEN_DOMCTL_createdomain, then XEN_DOMCTL_max_vcpus (Xen 4.17 still
 * allocates the vCPUs there).  *domid: 0 asks Xen to choose one, else the
 * id wanted; on success the id given.  The domain starts paused.  If the
 * second step fails the domain is destroyed again.
 */
int xc_domain_create(xc_interface *xch, uint32_t *domid,
                     const struct xc_domain_config *cfg);
/* XEN_DOMCTL_destroydomain, repeated while Xen says -EAGAIN. */
int xc_domain_destroy(xc_interface *xch, uint32_t domid);
int xc_domain_pause(xc_interface *xch, uint32_t domid);
int xc_domain_unpause(xc_interface *xch, uint32_t domid);

/* What XEN_DOMCTL_getdomaininfo reports, decoded. */
typedef struct xc_dominfo {
    uint32_t domid;
    uint32_t flags;             /* raw XEN_DOMINF_* */
    unsigned int dying:1, hvm:1, shutdown:1, paused:1, blocked:1,
        running:1, debugged:1, xenstore:1, hap:1;
    unsigned int shutdown_reason; /* XC_SHUTDOWN_*, when shutdown */
    uint64_t tot_pages;
    uint64_t max_pages;
    uint64_t outstanding_pages;
    uint64_t shared_info_frame; /* machine frame (PV) */
    uint64_t cpu_time;          /* ns */
    uint32_t nr_online_vcpus;
    uint32_t max_vcpu_id;       /* UINT32_MAX without vCPUs */
    uint32_t ssidref;
    uint32_t cpupool;
    uint8_t handle[16];
} xc_dominfo_t;

/* One domain; -ESRCH when it does not exist. */
int xc_domain_getinfo(xc_interface *xch, uint32_t domid, xc_dominfo_t *info);
/*
 * Up to max domains with ids >= first, in id order (XEN_SYSCTL_
 * getdomaininfolist); returns how many were written.
 */
int xc_domain_getinfolist(xc_interface *xch, uint32_t first,
                          unsigned int max, xc_dominfo_t *info);

/* XEN_DOMCTL_max_mem: the allocation limit, in KiB. */
int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid,
                        uint64_t max_memkb);
/* XENMEM_set_memory_map with one RAM entry of limit_kb (PV guests). */
int xc_domain_set_memmap_limit(xc_interface *xch, uint32_t domid,
                               uint64_t limit_kb);
/* XEN_DOMCTL_set_address_size: 32 or 64 (PV guests). */
int xc_domain_set_address_size(xc_interface *xch, uint32_t domid,
                               unsigned int bits);
/* XEN_DOMCTL_hypercall_init: fill the guest frame gmfn with stubs. */
int xc_domain_hypercall_init(xc_interface *xch, uint32_t domid,
                             uint64_t gmfn);
/* XEN_DOMCTL_setdomainhandle: change the domain's UUID. */
int xc_domain_sethandle(xc_interface *xch, uint32_t domid,
                        const uint8_t handle[16]);

/* SHUTDOWN_* reasons. */
#define XC_SHUTDOWN_POWEROFF 0
#define XC_SHUTDOWN_REBOOT 1
#define XC_SHUTDOWN_SUSPEND 2
#define XC_SHUTDOWN_CRASH 3
#define XC_SHUTDOWN_WATCHDOG 4
#define XC_SHUTDOWN_SOFT_RESET 5
/* SCHEDOP_remote_shutdown: shut the domain down as if it had asked. */
int xc_domain_shutdown(xc_interface *xch, uint32_t domid, unsigned int reason);

/*
 * XENMEM_populate_physmap: give the domain nr extents of 2^order pages.
 * extents[] holds the guest frames in and, for PV guests, the machine
 * frames out.  Returns how many extents were populated (may be fewer than
 * nr when memory runs out), or a negative errno when none could be.
 */
long xc_domain_populate_physmap(xc_interface *xch, uint32_t domid,
                                unsigned long nr, unsigned int order,
                                unsigned int memflags, uint64_t *extents);
/* XENMEM_claim_pages: reserve nr pages for the domain (0 cancels). */
int xc_domain_claim_pages(xc_interface *xch, uint32_t domid, uint64_t nr);
/* XENMEM_get_sharing_freed_pages / _shared_pages: pages saved by memory
 * sharing and pages shared; 0 or more, or a negative errno. */
long xc_sharing_freed_pages(xc_interface *xch);
long xc_sharing_used_frames(xc_interface *xch);
/* XEN_SYSCTL_cpupool_op FREEINFO: how many CPUs are in no pool. */
int xc_cpupool_free_cpus(xc_interface *xch, unsigned int *count);
/* XENMEM_maximum_ram_page: the highest machine frame of RAM. */
int xc_maximum_ram_page(xc_interface *xch, uint64_t *mfn);

/* MMUEXT_PIN_L{1..4}_TABLE / MMUEXT_UNPIN_TABLE of a frame of domid. */
int xc_mmuext_pin_table(xc_interface *xch, uint32_t domid,
                        unsigned int level, uint64_t mfn);
int xc_mmuext_unpin_table(xc_interface *xch, uint32_t domid, uint64_t mfn);

/* The size of struct vcpu_guest_context on x86_64. */
#define XC_VCPU_CONTEXT_SIZE 5168
/* XEN_DOMCTL_setvcpucontext / getvcpucontext; ctxt is XC_VCPU_CONTEXT_SIZE
 * bytes laid out as Xen's vcpu_guest_context. */
int xc_vcpu_setcontext(xc_interface *xch, uint32_t domid, unsigned int vcpu,
                       const void *ctxt, size_t size);
int xc_vcpu_getcontext(xc_interface *xch, uint32_t domid, unsigned int vcpu,
                       void *ctxt, size_t size);

typedef struct xc_vcpuinfo {
    unsigned int online:1, blocked:1, running:1;
    uint64_t cpu_time; /* ns */
    uint32_t cpu;      /* physical CPU it last ran on */
} xc_vcpuinfo_t;
/* XEN_DOMCTL_getvcpuinfo */
int xc_vcpu_getinfo(xc_interface *xch, uint32_t domid, unsigned int vcpu,
                    xc_vcpuinfo_t *info);

/*
 * XEN_DOMCTL_{get,set}vcpuaffinity.  Maps are bitmaps of nbits CPUs (bit
 * N of byte N / 8); either may be NULL to leave it (set) or skip it (get).
 * set writes back the effective maps.
 */
int xc_vcpu_getaffinity(xc_interface *xch, uint32_t domid, unsigned int vcpu,
                        uint8_t *hard, uint8_t *soft, unsigned int nbits);
int xc_vcpu_setaffinity(xc_interface *xch, uint32_t domid, unsigned int vcpu,
                        uint8_t *hard, uint8_t *soft, unsigned int nbits);

/* ---- scheduler --------------------------------------------------------- */

#define XC_SCHEDULER_CREDIT 5
#define XC_SCHEDULER_CREDIT2 6
#define XC_SCHEDULER_ARINC653 7
#define XC_SCHEDULER_RTDS 8
#define XC_SCHEDULER_NULL 9
/* XEN_SYSCTL_sched_id: the default pool's scheduler. */
int xc_sched_id(xc_interface *xch, unsigned int *sched_id);

struct xc_sched_credit {
    uint16_t weight; /* 1-65535, default 256 */
    uint16_t cap;    /* % of one CPU, 0 for none */
};
int xc_sched_credit_domain_get(xc_interface *xch, uint32_t domid,
                               struct xc_sched_credit *p);
int xc_sched_credit_domain_set(xc_interface *xch, uint32_t domid,
                               const struct xc_sched_credit *p);

/* The same for credit2, Xen 4.17's default (weight and cap have the same
 * meaning and layout). */
int xc_sched_credit2_domain_get(xc_interface *xch, uint32_t domid,
                                struct xc_sched_credit *p);
int xc_sched_credit2_domain_set(xc_interface *xch, uint32_t domid,
                                const struct xc_sched_credit *p);

struct xc_sched_credit_params {
    uint32_t tslice_ms;          /* 1-1000 */
    uint32_t ratelimit_us;       /* 0 or 100-500000 */
    uint32_t vcpu_migr_delay_us; /* 0-100000 */
};
int xc_sched_credit_params_get(xc_interface *xch, uint32_t cpupool,
                               struct xc_sched_credit_params *p);
int xc_sched_credit_params_set(xc_interface *xch, uint32_t cpupool,
                               const struct xc_sched_credit_params *p);

/* ---- the host (sysctl, xen_version) ------------------------------------ */

typedef struct xc_physinfo {
    uint32_t threads_per_core, cores_per_socket, nr_cpus, max_cpu_id;
    uint32_t nr_nodes, max_node_id, cpu_khz, capabilities;
    uint64_t total_pages, free_pages, scrub_pages, outstanding_pages;
    uint64_t max_mfn;
    uint32_t hw_cap[8];
} xc_physinfo_t;
/* XEN_SYSCTL_PHYSCAP_* */
#define XC_PHYSCAP_HVM (1u << 0)
#define XC_PHYSCAP_PV (1u << 1)
#define XC_PHYSCAP_DIRECTIO (1u << 2)
#define XC_PHYSCAP_HAP (1u << 3)
#define XC_PHYSCAP_SHADOW (1u << 4)
#define XC_PHYSCAP_GNTTAB_V1 (1u << 8)
#define XC_PHYSCAP_GNTTAB_V2 (1u << 9)
int xc_physinfo(xc_interface *xch, xc_physinfo_t *info);

/*
 * XEN_SYSCTL_readconsole: copy up to *size bytes of the hypervisor's
 * console ring into buf; *size becomes the bytes copied.  With incremental,
 * reading starts at *index and *index is advanced; clear empties the ring.
 */
int xc_readconsolering(xc_interface *xch, char *buf, unsigned int *size,
                       int clear, int incremental, uint32_t *index);

typedef struct xc_version_info {
    int major, minor;
    char extra[16];
    char capabilities[1024];
    char changeset[64];
    char compiler[64], compile_by[16], compile_domain[32], compile_date[32];
    char cmdline[1024];
    unsigned long pagesize;
    unsigned long virt_start; /* XENVER_platform_parameters */
    char build_id[129];       /* hex, "" when Xen has none */
} xc_version_info_t;
/* Every XENVER_* string and number xl info prints. */
int xc_version(xc_interface *xch, xc_version_info_t *v);

/* ---- event channels and grants through hypercalls ---------------------- */

/* EVTCHNOP_alloc_unbound: a port of domid that remote may bind. */
int xc_evtchn_alloc_unbound(xc_interface *xch, uint32_t domid,
                            uint32_t remote, uint32_t *port);
/* GNTTABOP_setup_table for one frame: the frame of domid's grant table 0. */
int xc_gnttab_frame0(xc_interface *xch, uint32_t domid, uint64_t *frame);

/* ---- foreign memory ---------------------------------------------------- */

#define XC_PROT_READ 1
#define XC_PROT_WRITE 2
/*
 * Map num frames of domid (machine frames of a PV guest) contiguously,
 * through IOCTL_PRIVCMD_MMAPBATCH_V2.  err (may be NULL) gets a negative
 * errno per frame; any failed frame fails the call unless err is given.
 * NULL on failure.  Unmap with xc_unmap(addr, num).
 */
void *xc_map_foreign_pages(xc_interface *xch, uint32_t domid, int prot,
                           const uint64_t *frames, int *err,
                           unsigned int num);
/* One frame. */
void *xc_map_foreign_page(xc_interface *xch, uint32_t domid, int prot,
                          uint64_t frame);
int xc_unmap(void *addr, unsigned int num);

#define XC_RESOURCE_GRANT_TABLE 1
#define XC_RESOURCE_GRANT_TABLE_ID_SHARED 0
/*
 * IOCTL_PRIVCMD_MMAP_RESOURCE (XENMEM_acquire_resource): map nr frames of
 * a resource of domid.  NULL on failure, errno -EOPNOTSUPP where the
 * kernel or hypervisor lacks it.  Unmap with xc_unmap(addr, nr).
 */
void *xc_map_resource(xc_interface *xch, uint32_t domid, unsigned int type,
                      unsigned int id, unsigned int frame, unsigned int nr,
                      int prot);

/* ---- /dev/xen/evtchn ---------------------------------------------------- */

typedef struct xc_evtchn xc_evtchn;
int xc_evtchn_open(xc_evtchn **xce, char **err);
void xc_evtchn_close(xc_evtchn *xce);
/* A descriptor that is readable when a bound port fired (non-blocking). */
int xc_evtchn_fd(const xc_evtchn *xce);
/* Bind to remote_port of domid; returns the local port. */
int xc_evtchn_bind_interdomain(xc_evtchn *xce, uint32_t domid,
                               uint32_t remote_port);
/* Bind a VIRQ_* of dom0; returns the local port. */
int xc_evtchn_bind_virq(xc_evtchn *xce, unsigned int virq);
int xc_evtchn_unbind(xc_evtchn *xce, uint32_t port);
int xc_evtchn_notify(xc_evtchn *xce, uint32_t port);
/* The next port that fired, or -EAGAIN; it stays masked until unmask. */
int xc_evtchn_pending(xc_evtchn *xce);
int xc_evtchn_unmask(xc_evtchn *xce, uint32_t port);

#define XC_VIRQ_CON 2
#define XC_VIRQ_DOM_EXC 3

/* ---- /dev/xen/gntdev and /dev/xen/gntalloc ----------------------------- */

typedef struct xc_gnttab xc_gnttab;
int xc_gnttab_open(xc_gnttab **xgt, char **err);
void xc_gnttab_close(xc_gnttab *xgt);
/* Map grant ref of domid; NULL on failure (errno set). */
void *xc_gnttab_map_grant_ref(xc_gnttab *xgt, uint32_t domid, uint32_t ref,
                              int prot);
int xc_gnttab_unmap(xc_gnttab *xgt, void *addr, unsigned int count);

typedef struct xc_gntshr xc_gntshr;
int xc_gntshr_open(xc_gntshr **xgs, char **err);
void xc_gntshr_close(xc_gntshr *xgs);
/* Share count fresh pages with domid; refs[] gets their grant refs. */
void *xc_gntshr_share_pages(xc_gntshr *xgs, uint32_t domid,
                            unsigned int count, uint32_t *refs,
                            int writable);
int xc_gntshr_unshare(xc_gntshr *xgs, void *addr, unsigned int count);

#ifdef __cplusplus
}
#endif

#endif /* DOM0_TOOLS_LIBS_CTRL_INCLUDE_XC_H */
