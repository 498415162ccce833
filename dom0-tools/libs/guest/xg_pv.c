/*
 * xg_pv.c: building a 64-bit PV guest in a domain, the way Xen 4.17's
 * libxenguest does (xc_dom_* for x86_64): check the kernel, lay it out,
 * claim and populate the memory, load the kernel and ramdisk, write the
 * p2m list, start_info, page tables and shared_info, pin the top table,
 * seed the console and xenstore grants, and set vCPU 0's registers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "public/xen.h"
#include "public/grant_table.h"

#include "xenimage.h"
#include "xg_private.h"

/* A ramdisk larger than this is refused (as libxenguest's 1 GiB bound). */
#define RAMDISK_MAX (UINT64_C(1) << 30)
/* 2 MiB extents are asked for in batches of this many. */
#define SUPERPAGE_BATCH 512
#define SUPERPAGE_ORDER 9

/* A guest range mapped into this process. */
struct mapped {
    uint64_t pfn, pages;
    void *addr;
};

/* See xg.h: what xg_pv_load found. */
struct xg_pv_guest {
    struct xenimage *img;
    void *ramdisk;
    uint64_t ramdisk_size;     /* bytes of ramdisk (inflated) */
    uint64_t ramdisk_seg;      /* bytes its segment spans */
    char *kernel, *cmdline;
    char guest_type[32];
    struct xg_pv_kernel k;
    struct xg_pv_layout layout;
};

/* One xg_pv_load() or xg_pv_build() in progress. */
struct build {
    xc_interface *xch;
    uint32_t domid;
    xg_pv_guest *g;
    const struct xg_pv_ports *ports;
    struct xg_pv_result *res;
    struct xg_pv_layout *l;
    uint64_t *p2m;            /* pfn -> mfn, l->nr_pages entries */
    struct mapped pgtables;   /* the initial mapping's tables */
    struct mapped p2m_seg;    /* the p2m list (and its tables) */
    char **err;
};

/* Set *b->err (once) to the formatted message; returns rc. */
static int fail(struct build *b, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(struct build *b, int rc, const char *fmt, ...)
{
    va_list ap;

    if ( *b->err )
        return rc;
    va_start(ap, fmt);
    if ( vasprintf(b->err, fmt, ap) < 0 )
        *b->err = NULL;
    va_end(ap);
    return rc;
}

/* Read the ramdisk (whole, bounded) into the guest. */
static int read_ramdisk(struct build *b, const char *path)
{
    struct stat st;
    uint64_t got = 0;
    ssize_t n;
    int fd, rc = 0;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if ( fd < 0 )
        return fail(b, -errno, "%s: cannot open the ramdisk: %s", path,
                    strerror(errno));
    if ( fstat(fd, &st) || !S_ISREG(st.st_mode) )
    {
        rc = fail(b, -EINVAL, "%s: the ramdisk is not a regular file", path);
        goto out;
    }
    if ( (uint64_t)st.st_size > RAMDISK_MAX || st.st_size == 0 )
    {
        rc = fail(b, -EFBIG, "%s: the ramdisk is %s (%llu bytes; 1 to %llu "
                  "allowed)", path, st.st_size ? "too large" : "empty",
                  (unsigned long long)st.st_size,
                  (unsigned long long)RAMDISK_MAX);
        goto out;
    }
    b->g->ramdisk = malloc(st.st_size);
    if ( !b->g->ramdisk )
    {
        rc = fail(b, -ENOMEM, "%s: no memory to read the ramdisk", path);
        goto out;
    }
    while ( got < (uint64_t)st.st_size )
    {
        n = read(fd, (char *)b->g->ramdisk + got, st.st_size - got);
        if ( n <= 0 )
        {
            rc = fail(b, n < 0 ? -errno : -EIO, "%s: reading the ramdisk: %s",
                      path, n < 0 ? strerror(errno) : "file shrank");
            goto out;
        }
        got += n;
    }
    b->g->ramdisk_size = got;
    xg_ramdisk_gunzip(&b->g->ramdisk, &b->g->ramdisk_size,
                      &b->g->ramdisk_seg);
 out:
    close(fd);
    return rc;
}

/* Open and check the kernel; fill k from its notes. */
static int read_kernel(struct build *b, struct xg_pv_kernel *k)
{
    const struct xenimage_info *info;
    xg_pv_guest *g = b->g;
    int rc;

    g->img = xenimage_create();
    if ( !g->img )
        return fail(b, -ENOMEM, "no memory for the kernel image");
    if ( (rc = xenimage_open_file(g->img, g->kernel)) ||
         (rc = xenimage_check(g->img, XENIMAGE_CHECK_PV)) )
        return fail(b, rc, "%s", xenimage_error(g->img));
    info = xenimage_info(g->img);
    if ( strcmp(info->guest_type, "xen-3.0-x86_64") )
        return fail(b, -EINVAL, "%s: a %s kernel; only 64-bit PV guests "
                    "(xen-3.0-x86_64) can be built", g->kernel,
                    info->guest_type);
    k->virt_base = info->pv_virt_base;
    k->virt_kstart = info->virt_kstart;
    k->virt_kend = info->virt_kend;
    k->p2m_base = info->p2m_base == XENIMAGE_UNSET ? XG_UNSET
                                                   : info->p2m_base;
    k->unmapped_initrd = info->mod_start_pfn != XENIMAGE_UNSET &&
                         info->mod_start_pfn != 0;
    snprintf(g->guest_type, sizeof(g->guest_type), "%s", info->guest_type);
    return 0;
}

/*
 * Claim, then populate every pfn: 2 MiB extents first (in batches), then
 * single pages for the rest or wherever the hypervisor gave no more large
 * ones.  b->p2m gets the machine frames.
 */
static int populate(struct build *b)
{
    uint64_t nr = b->l->nr_pages, pfn, done = 0, extents[SUPERPAGE_BATCH];
    xc_physinfo_t pi;
    long n;
    unsigned int j, count;
    int rc;

    /* Fail early, with the numbers, when the host has too little: before
     * this process allocates anything in proportion. */
    rc = xc_domain_claim_pages(b->xch, b->domid, nr);
    if ( rc == -ENOMEM )
    {
        if ( !xc_physinfo(b->xch, &pi) )
            return fail(b, rc, "not enough free memory on the host for %llu "
                        "KiB (%llu KiB free)", (unsigned long long)nr * 4,
                        (unsigned long long)pi.free_pages * 4);
        return fail(b, rc, "not enough free memory on the host for %llu KiB",
                    (unsigned long long)nr * 4);
    }
    /* Other failures (no claims on this hypervisor) leave populate to say. */

    b->p2m = malloc(nr * sizeof(*b->p2m));
    if ( !b->p2m )
    {
        xc_domain_claim_pages(b->xch, b->domid, 0);
        return fail(b, -ENOMEM, "no memory for the p2m of %llu pages",
                    (unsigned long long)nr);
    }
    for ( pfn = 0; pfn < nr; pfn++ )
        b->p2m[pfn] = pfn;

    while ( nr - done >= (1u << SUPERPAGE_ORDER) )
    {
        count = (nr - done) >> SUPERPAGE_ORDER;
        if ( count > SUPERPAGE_BATCH )
            count = SUPERPAGE_BATCH;
        for ( j = 0; j < count; j++ )
            extents[j] = done + ((uint64_t)j << SUPERPAGE_ORDER);
        n = xc_domain_populate_physmap(b->xch, b->domid, count,
                                       SUPERPAGE_ORDER, 0, extents);
        if ( n <= 0 )
            break;
        for ( j = 0; j < (unsigned int)n; j++ )
            for ( pfn = 0; pfn < (1u << SUPERPAGE_ORDER); pfn++ )
                b->p2m[done++] = extents[j] + pfn;
        if ( (unsigned int)n < count )
            break;
    }
    if ( done < nr )
    {
        n = xc_domain_populate_physmap(b->xch, b->domid, nr - done, 0, 0,
                                       b->p2m + done);
        if ( n < 0 || (uint64_t)n < nr - done )
        {
            rc = n < 0 ? (int)n : -ENOMEM;
            xc_domain_claim_pages(b->xch, b->domid, 0);
            return fail(b, rc, "allocating the guest's memory: %llu of %llu "
                        "pages: %s", (unsigned long long)(done + (n > 0 ? n : 0)),
                        (unsigned long long)nr, xc_error(b->xch));
        }
    }
    /* Whatever is left of the claim is not needed. */
    xc_domain_claim_pages(b->xch, b->domid, 0);
    return 0;
}

/* Map guest frames [pfn, pfn + pages) writable into m. */
static int map_range(struct build *b, struct mapped *m, uint64_t pfn,
                     uint64_t pages, const char *what)
{
    m->pfn = pfn;
    m->pages = pages;
    m->addr = NULL;
    if ( !pages )
        return 0;
    m->addr = xc_map_foreign_pages(b->xch, b->domid,
                                   XC_PROT_READ | XC_PROT_WRITE,
                                   b->p2m + pfn, NULL, (unsigned int)pages);
    if ( !m->addr )
        return fail(b, -errno ? -errno : -EFAULT, "mapping the guest's %s: %s",
                    what, xc_error(b->xch));
    return 0;
}

static void unmap_range(struct mapped *m)
{
    if ( m->addr )
        xc_unmap(m->addr, (unsigned int)m->pages);
    m->addr = NULL;
}

/* Map seg, zero it, copy len bytes of data (if any) to its start, unmap. */
static int write_seg(struct build *b, const struct xg_seg *seg,
                     const void *data, uint64_t len, const char *what)
{
    struct mapped m;
    int rc;

    if ( !seg->pages )
        return 0;
    if ( (rc = map_range(b, &m, seg->pfn, seg->pages, what)) )
        return rc;
    memset(m.addr, 0, seg->pages << XG_PAGE_SHIFT);
    if ( data )
        memcpy(m.addr, data, len);
    unmap_range(&m);
    return 0;
}

/* Load the kernel's segments into its pages. */
static int load_kernel(struct build *b)
{
    const struct xg_seg *seg = &b->l->kernel;
    const struct xenimage_info *info = xenimage_info(b->g->img);
    struct mapped m;
    int rc;

    if ( info->load_size > seg->pages << XG_PAGE_SHIFT )
        return fail(b, -EINVAL, "%s: loads %llu bytes into %llu pages",
                    b->g->kernel, (unsigned long long)info->load_size,
                    (unsigned long long)seg->pages);
    if ( (rc = map_range(b, &m, seg->pfn, seg->pages, "kernel")) )
        return rc;
    memset(m.addr, 0, seg->pages << XG_PAGE_SHIFT);
    rc = xenimage_load(b->g->img, m.addr, seg->pages << XG_PAGE_SHIFT);
    unmap_range(&m);
    if ( rc )
        return fail(b, rc, "%s", xenimage_error(b->g->img));
    return 0;
}

/* table() for xg_pv_fill_pgtables: a page of one of the mapped ranges. */
static uint64_t *table_page(void *opaque, uint64_t pfn)
{
    struct build *b = opaque;
    struct mapped *r[2] = { &b->pgtables, &b->p2m_seg };
    unsigned int i;

    for ( i = 0; i < 2; i++ )
        if ( r[i]->addr && pfn >= r[i]->pfn && pfn < r[i]->pfn + r[i]->pages )
            return (uint64_t *)((char *)r[i]->addr +
                                ((pfn - r[i]->pfn) << XG_PAGE_SHIFT));
    return NULL;
}

/* The p2m list, the page tables and start_info. */
static int write_tables(struct build *b)
{
    const struct xg_pv_layout *l = b->l;
    const struct xenimage_info *info = xenimage_info(b->g->img);
    struct xg_seg sl = l->start_info;
    struct mapped si;
    start_info_t *s;
    int rc;

    if ( (rc = map_range(b, &b->p2m_seg, l->p2m.pfn, l->p2m.pages,
                         "p2m list")) ||
         (rc = map_range(b, &b->pgtables, l->pgtables.pfn, l->pgtables.pages,
                         "page tables")) )
        return rc;
    memset(b->p2m_seg.addr, 0, l->p2m.pages << XG_PAGE_SHIFT);
    memcpy(b->p2m_seg.addr, b->p2m, l->nr_pages * sizeof(uint64_t));
    if ( xg_pv_fill_pgtables(l, b->p2m, table_page, b) )
        return fail(b, -EINVAL, "writing the page tables: a table outside "
                    "the mapped ranges (layout bug)");

    if ( (rc = map_range(b, &si, sl.pfn, 1, "start info")) )
        return rc;
    s = si.addr;
    memset(s, 0, XG_PAGE_SIZE);
    snprintf(s->magic, sizeof(s->magic), "%s", b->g->guest_type);
    s->nr_pages = l->nr_pages;
    s->shared_info = 0; /* filled in by boot_late() */
    s->pt_base = l->pgtables.vstart;
    s->nr_pt_frames = l->map[0].tables;
    s->mfn_list = l->p2m.vstart;
    s->flags = b->ports->sif_flags |
               (l->mod_start_pfn ? SIF_MOD_START_PFN : 0);
    s->store_mfn = b->p2m[l->xenstore.pfn];
    s->store_evtchn = b->ports->store_evtchn;
    s->console.domU.mfn = b->p2m[l->console.pfn];
    s->console.domU.evtchn = b->ports->console_evtchn;
    if ( b->g->ramdisk_size )
    {
        s->mod_start = l->mod_start;
        s->mod_len = l->mod_len;
    }
    if ( b->g->cmdline )
        snprintf((char *)s->cmd_line, MAX_GUEST_CMDLINE, "%s",
                 b->g->cmdline);
    if ( l->nr_mappings > 1 )
    {
        s->first_p2m_pfn = l->p2m.pfn;
        s->nr_p2m_frames = l->p2m.pages;
    }
    (void)info;
    unmap_range(&si);
    return 0;
}

/*
 * shared_info (every vCPU's events masked, as the guest expects to find
 * it), start_info's pointer to it, the pinned top table.
 */
static int boot_late(struct build *b)
{
    const struct xg_pv_layout *l = b->l;
    xc_dominfo_t di;
    struct mapped si;
    shared_info_t *sh;
    unsigned int i;
    int rc;

    if ( (rc = xc_domain_getinfo(b->xch, b->domid, &di)) )
        return fail(b, rc, "%s", xc_error(b->xch));
    sh = xc_map_foreign_page(b->xch, b->domid, XC_PROT_READ | XC_PROT_WRITE,
                             di.shared_info_frame);
    if ( !sh )
        return fail(b, -EFAULT, "mapping shared_info: %s", xc_error(b->xch));
    memset(sh, 0, XG_PAGE_SIZE);
    for ( i = 0; i < XEN_LEGACY_MAX_VCPUS; i++ )
        sh->vcpu_info[i].evtchn_upcall_mask = 1;
    xc_unmap(sh, 1);

    if ( (rc = map_range(b, &si, l->start_info.pfn, 1, "start info")) )
        return rc;
    ((start_info_t *)si.addr)->shared_info = di.shared_info_frame
                                             << XG_PAGE_SHIFT;
    unmap_range(&si);

    /* Xen refuses to pin tables this process still maps writable. */
    unmap_range(&b->pgtables);
    unmap_range(&b->p2m_seg);
    if ( (rc = xc_mmuext_pin_table(b->xch, b->domid, 4,
                                   b->p2m[l->pgtables.pfn])) )
        return fail(b, rc, "pinning the guest's page tables: %s",
                    xc_error(b->xch));
    return 0;
}

/* vCPU 0 starts at the kernel's entry with start_info in %rsi. */
static int set_vcpu0(struct build *b)
{
    const struct xg_pv_layout *l = b->l;
    struct vcpu_guest_context *c = calloc(1, sizeof(*c));
    int rc;

    if ( !c )
        return fail(b, -ENOMEM, "no memory for the vCPU context");
    c->user_regs.rip = xenimage_info(b->g->img)->pv_entry;
    c->user_regs.rsp = l->virt_base +
                       ((l->bootstack.pfn + 1) << XG_PAGE_SHIFT);
    c->user_regs.rsi = l->virt_base + (l->start_info.pfn << XG_PAGE_SHIFT);
    c->user_regs.rflags = 1u << 9; /* interrupts (events) enabled */
    c->user_regs.cs = FLAT_KERNEL_CS;
    c->user_regs.ss = FLAT_KERNEL_SS;
    c->user_regs.ds = c->user_regs.es = FLAT_KERNEL_DS;
    c->user_regs.fs = c->user_regs.gs = FLAT_KERNEL_DS;
    c->kernel_ss = c->user_regs.ss;
    c->kernel_sp = c->user_regs.rsp;
    c->debugreg[6] = 0xffff0ff0; /* DR6 and DR7 reset values */
    c->debugreg[7] = 0x00000400;
    c->flags = VGCF_in_kernel | VGCF_online;
    c->ctrlreg[3] = b->p2m[l->pgtables.pfn] << XG_PAGE_SHIFT;
    rc = xc_vcpu_setcontext(b->xch, b->domid, 0, c, sizeof(*c));
    free(c);
    if ( rc )
        return fail(b, rc, "setting vCPU 0's registers: %s", xc_error(b->xch));
    return 0;
}

/* Fill one reserved grant entry (flags last, so the entry is whole when
 * it becomes valid). */
static void grant(grant_entry_v1_t *g, uint32_t domid, uint64_t frame)
{
    g->domid = (domid_t)domid;
    g->frame = (uint32_t)frame;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    g->flags = GTF_permit_access;
}

/*
 * The console and xenstore rings as grant entries GNTTAB_RESERVED_CONSOLE
 * and _XENSTORE of the guest's table, for backends that map by grant.
 * The table's first frame is mapped as a resource (XENMEM_acquire_resource)
 * or, where that is missing, found with GNTTABOP_setup_table and mapped
 * as a foreign frame.  Without grant tables at all, nothing is seeded.
 */
static int seed_grants(struct build *b)
{
    const struct xg_pv_ports *r = b->ports;
    grant_entry_v1_t *gt;
    uint64_t frame;
    int rc;

    gt = xc_map_resource(b->xch, b->domid, XC_RESOURCE_GRANT_TABLE,
                         XC_RESOURCE_GRANT_TABLE_ID_SHARED, 0, 1,
                         XC_PROT_READ | XC_PROT_WRITE);
    if ( !gt )
    {
        rc = xc_gnttab_frame0(b->xch, b->domid, &frame);
        if ( rc == -ENOSYS || rc == -EOPNOTSUPP )
            return 0;
        if ( rc )
            return fail(b, rc, "finding the guest's grant table: %s",
                        xc_error(b->xch));
        gt = xc_map_foreign_page(b->xch, b->domid,
                                 XC_PROT_READ | XC_PROT_WRITE, frame);
        if ( !gt )
            return fail(b, -EFAULT, "mapping the guest's grant table: %s",
                        xc_error(b->xch));
    }
    if ( r->console_domid != b->domid )
        grant(&gt[GNTTAB_RESERVED_CONSOLE], r->console_domid,
              b->p2m[b->l->console.pfn]);
    if ( r->store_domid != b->domid )
        grant(&gt[GNTTAB_RESERVED_XENSTORE], r->store_domid,
              b->p2m[b->l->xenstore.pfn]);
    xc_unmap(gt, 1);
    b->res->grants_seeded = 1;
    return 0;
}

/* See xg.h. */
int xg_pv_load(const struct xg_pv_request *req, xg_pv_guest **gp, char **err)
{
    struct build b = { .err = err };
    char lerr[256];
    int rc;

    *err = NULL;
    *gp = NULL;
    if ( !req || !req->kernel )
        return fail(&b, -EINVAL, "no kernel given");
    if ( req->mem_kb < 4 || req->mem_kb / 4 > (UINT64_C(1) << 40) )
        return fail(&b, -EINVAL, "memory of %llu KiB is out of range",
                    (unsigned long long)req->mem_kb);
    b.g = calloc(1, sizeof(*b.g));
    if ( !b.g || !(b.g->kernel = strdup(req->kernel)) ||
         (req->cmdline && !(b.g->cmdline = strdup(req->cmdline))) )
    {
        rc = fail(&b, -ENOMEM, "out of memory");
        goto out;
    }
    if ( (rc = read_kernel(&b, &b.g->k)) ||
         (req->ramdisk && (rc = read_ramdisk(&b, req->ramdisk))) )
        goto out;
    rc = xg_pv_layout(&b.g->k, req->mem_kb / 4, b.g->ramdisk_seg,
                      &b.g->layout, lerr, sizeof(lerr));
    if ( rc )
    {
        fail(&b, rc, "%s: %s", req->kernel, lerr);
        goto out;
    }
    *gp = b.g;
    b.g = NULL;
 out:
    xg_pv_free(b.g);
    return rc;
}

void xg_pv_free(xg_pv_guest *g)
{
    if ( !g )
        return;
    xenimage_destroy(g->img);
    free(g->ramdisk);
    free(g->kernel);
    free(g->cmdline);
    free(g);
}

const struct xg_pv_layout *xg_pv_guest_layout(const xg_pv_guest *g)
{
    return &g->layout;
}

/* See xg.h. */
int xg_pv_build(xc_interface *xch, uint32_t domid, xg_pv_guest *g,
                const struct xg_pv_ports *ports, struct xg_pv_result *res,
                char **err)
{
    struct build b = { .xch = xch, .domid = domid, .g = g, .ports = ports,
                       .res = res, .err = err };
    const struct xenimage_info *info;
    int rc;

    *err = NULL;
    memset(res, 0, sizeof(*res));
    if ( !g || !ports )
        return fail(&b, -EINVAL, "no guest or ports given");
    res->layout = g->layout;
    b.l = &res->layout;
    snprintf(res->guest_type, sizeof(res->guest_type), "%s", g->guest_type);

    if ( (rc = xc_domain_set_address_size(xch, domid, 64)) )
    {
        fail(&b, rc, "%s", xc_error(xch));
        goto out;
    }
    if ( (rc = populate(&b)) ||
         (rc = load_kernel(&b)) ||
         (rc = write_seg(&b, &b.l->ramdisk, g->ramdisk, g->ramdisk_size,
                         "ramdisk")) ||
         (rc = write_seg(&b, &b.l->xenstore, NULL, 0, "xenstore page")) ||
         (rc = write_seg(&b, &b.l->console, NULL, 0, "console page")) ||
         (rc = write_seg(&b, &b.l->bootstack, NULL, 0, "boot stack")) ||
         (rc = write_tables(&b)) )
        goto out;
    info = xenimage_info(g->img);
    if ( info->virt_hypercall != XENIMAGE_UNSET &&
         (rc = xc_domain_hypercall_init(xch, domid,
                  b.p2m[(info->virt_hypercall - g->k.virt_base) >>
                        XG_PAGE_SHIFT])) )
    {
        fail(&b, rc, "%s", xc_error(xch));
        goto out;
    }
    if ( (rc = boot_late(&b)) || (rc = set_vcpu0(&b)) ||
         (rc = seed_grants(&b)) )
        goto out;
    res->store_mfn = b.p2m[b.l->xenstore.pfn];
    res->console_mfn = b.p2m[b.l->console.pfn];
    rc = 0;

 out:
    unmap_range(&b.pgtables);
    unmap_range(&b.p2m_seg);
    free(b.p2m);
    if ( rc && !*err )
        fail(&b, rc, "building the guest: %s", strerror(-rc));
    return rc;
}
