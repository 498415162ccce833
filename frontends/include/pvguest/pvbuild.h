/*
 * A minimal 64-bit PV domain builder for test guests running as domain 0:
 * what Xen's libxenguest does for a PV kernel, for small images (the
 * bootstrap region must fit in 511 pages).
 *
 * Layout (Xen's public xen.h "start of day" contract): from the image's
 * VIRT_BASE, pfn-for-page, the kernel, the p2m list, start_info, the
 * xenstore and console pages, the bootstrap page tables (mapped read-only),
 * and a one-page stack.  The domain's frames are written through foreign
 * mappings (mmu_update with foreigndom), its L4 is pinned as the domain's
 * (mmuext_op with foreigndom), the hypercall page is filled by
 * XEN_DOMCTL_hypercall_init, and vCPU 0 gets its context by
 * XEN_DOMCTL_setvcpucontext.  The domain stays paused.
 */
#ifndef PVGUEST_PVBUILD_H
#define PVGUEST_PVBUILD_H

#include <pvguest/lib.h>
#include <xen/event_channel.h>

struct pvbuild {
    /* IN */
    domid_t domid;
    const void *image;              /* an ELF64 PV kernel */
    unsigned long image_len;
    unsigned long nr_pages;         /* memory the domain gets (populated here) */
    xen_pfn_t *p2m;                 /* [nr_pages]: filled with the MFNs */
    unsigned long shared_info_mfn;  /* from getdomaininfo */
    evtchn_port_t store_evtchn;     /* the domain's ports named in start_info */
    evtchn_port_t console_evtchn;
    /* OUT */
    unsigned long virt_base, entry;
    unsigned long p2m_pfn, start_info_pfn, store_pfn, console_pfn;
    unsigned long pt_pfn, nr_pt, stack_pfn, region_pages;
    unsigned long hypercall_pfn;    /* ~0: the image has no hypercall page */
    unsigned long l4_mfn;
    const char *why;                /* what failed */
};

/* Give the domain nr_pages (populate_physmap); 0 or -errno with b->why set. */
long pvbuild_populate(struct pvbuild *b);
/* Load the image and set up the domain as above; 0 or -errno with b->why set. */
long pvbuild_load(struct pvbuild *b);

/* Map the domain's frame 'mfn' at scratch VA 'va' (foreign mapping), or unmap (mfn ~0). */
long pvbuild_map_foreign(domid_t dom, void *va, unsigned long mfn, bool writable);

#endif /* PVGUEST_PVBUILD_H */
