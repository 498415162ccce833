/*
 * xg.h: libxg, the PV domain builder (our libxenguest).
 *
 * Builds a 64-bit PV guest in a domain the caller created (paused, with
 * its vCPUs and memory limit set): loads the kernel (ELF or bzImage, any
 * compression libxenimage reads) and ramdisk, populates the domain's
 * memory, lays out the initial virtual address space a PV kernel expects
 * and sets vCPU 0 to start it.  The layout is Xen 4.17 libxenguest's: see
 * xg_pv_layout() and docs/toolstack.md.
 *
 * Two levels of API:
 *   xg_pv_load()    reads and checks the files and lays the guest out;
 *   xg_pv_build()   then does everything against the hypervisor (libxc);
 *   xg_pv_layout()  and xg_pv_fill_pgtables() are the pure computations
 *                   they use, for tests and for tools that explain a layout.
 */
#ifndef DOM0_TOOLS_LIBS_GUEST_INCLUDE_XG_H
#define DOM0_TOOLS_LIBS_GUEST_INCLUDE_XG_H

#include <stddef.h>
#include <stdint.h>

#include "xc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A numeric field the kernel does not set. */
#define XG_UNSET UINT64_MAX

/* What the layout needs to know of the kernel (its Xen notes). */
struct xg_pv_kernel {
    uint64_t virt_base;       /* VIRT_BASE (0 when absent) */
    uint64_t virt_kstart;     /* first byte of the loaded kernel */
    uint64_t virt_kend;       /* end of the loaded kernel */
    uint64_t p2m_base;        /* INIT_P2M, or XG_UNSET */
    int unmapped_initrd;      /* MOD_START_PFN: pass the initrd by pfn */
};

/* A piece of the guest: virtual [vstart, vend), frames [pfn, pfn+pages). */
struct xg_seg {
    uint64_t vstart, vend;
    uint64_t pfn, pages;
};

/* The page tables of one level of one mapped area: they map virtual
 * [from, to] (inclusive, 48-bit), tables pages from pfn on. */
struct xg_pt_level {
    uint64_t from, to;
    uint64_t pfn;
    unsigned int tables;
};

/* A virtual area mapped page by page to frames area_pfn, area_pfn+1... */
struct xg_mapping {
    uint64_t from, to;     /* inclusive, 48-bit */
    uint64_t area_pfn;
    unsigned int tables;   /* page-table pages of this mapping */
    struct xg_pt_level lvl[4]; /* L1 .. L4 */
};

struct xg_pv_layout {
    uint64_t nr_pages;     /* the domain's pages (= p2m entries) */
    uint64_t virt_base;
    struct xg_seg kernel, ramdisk, p2m, start_info, xenstore, console,
        pgtables, bootstack;
    unsigned int nr_mappings;   /* 1, or 2 with the p2m at INIT_P2M */
    struct xg_mapping map[2];
    uint64_t virt_pgtab_end;    /* end of the initial mapping */
    uint64_t pfn_alloc_end;     /* first frame nothing was put in */
    uint64_t mod_start, mod_len; /* start_info's */
    int mod_start_pfn;          /* SIF_MOD_START_PFN */
    uint64_t p2m_tables_pfn;    /* first table mapping the p2m (2 mappings) */
};

/*
 * Lay out a PV guest of nr_pages pages with a ramdisk of ramdisk_size
 * bytes (0: none), in Xen 4.17 libxenguest's order: the kernel at its
 * address, the ramdisk (unless passed by pfn), the p2m list (unless
 * INIT_P2M places it), start_info, the xenstore and console pages, the
 * page tables, the boot stack; the initial mapping is extended to a 4 MiB
 * boundary with at least 512 KiB to spare; then the ramdisk when passed by
 * pfn, then the p2m list at INIT_P2M with its own page tables.
 * Returns 0, or -EINVAL / -ENOMEM with a message in err.
 */
int xg_pv_layout(const struct xg_pv_kernel *k, uint64_t nr_pages,
                 uint64_t ramdisk_size, struct xg_pv_layout *l,
                 char *err, size_t errlen);

/*
 * Write the page-table entries of layout l: p2m[pfn] is the machine frame
 * of each pfn (l->nr_pages entries); table(opaque, pfn) returns the
 * writable 4 KiB page holding guest frame pfn (a page table).  Tables are
 * written in full (entries that map nothing are zero); the entries that
 * map the page tables themselves are read-only.
 * Returns 0 or -EINVAL when table() fails.
 */
int xg_pv_fill_pgtables(const struct xg_pv_layout *l, const uint64_t *p2m,
                        uint64_t *(*table)(void *opaque, uint64_t pfn),
                        void *opaque);

/* What to build: files and memory. */
struct xg_pv_request {
    const char *kernel;        /* path of the kernel image */
    const char *ramdisk;       /* path, or NULL */
    const char *cmdline;       /* or NULL */
    uint64_t mem_kb;           /* initial memory (the target) */
};

/* A guest read, checked and laid out, not yet in any domain. */
typedef struct xg_pv_guest xg_pv_guest;

/*
 * Read and check the kernel (libxenimage: Xen's PV checks, 64-bit only)
 * and the ramdisk, and lay the guest out (xg_pv_layout).  Everything that
 * can be wrong with the files or the memory size is found here, before a
 * domain exists.  Returns 0, or a negative errno with *err an allocated
 * message naming the file and the reason.
 */
int xg_pv_load(const struct xg_pv_request *req, xg_pv_guest **g, char **err);
void xg_pv_free(xg_pv_guest *g);
/* The layout xg_pv_load computed. */
const struct xg_pv_layout *xg_pv_guest_layout(const xg_pv_guest *g);

/* What the guest is connected to (its start_info). */
struct xg_pv_ports {
    uint32_t store_domid, console_domid;   /* backends, normally 0 */
    uint32_t store_evtchn, console_evtchn; /* unbound ports of the guest */
    uint32_t sif_flags;                    /* extra SIF_* flags */
};

/* What was built. */
struct xg_pv_result {
    uint64_t store_mfn, console_mfn;
    char guest_type[32];       /* "xen-3.0-x86_64" */
    int grants_seeded;         /* console and xenstore grant entries set */
    struct xg_pv_layout layout;
};

/*
 * Build g in domain domid (created, paused, max_vcpus set, memory limit
 * high enough): claim and populate its memory, load, write the initial
 * layout, pin the page tables, seed the grants, set vCPU 0.  On failure
 * returns a negative errno with *err an allocated message naming the step;
 * the domain is left as it is for the caller to destroy.
 */
int xg_pv_build(xc_interface *xch, uint32_t domid, xg_pv_guest *g,
                const struct xg_pv_ports *ports, struct xg_pv_result *res,
                char **err);

#ifdef __cplusplus
}
#endif

#endif /* DOM0_TOOLS_LIBS_GUEST_INCLUDE_XG_H */
