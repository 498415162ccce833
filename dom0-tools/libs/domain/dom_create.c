/*
 * dom_create.c: creating a PV domain, in the order and with the xenstore
 * entries of Xen 4.17's libxl (libxl__domain_make, libxl__build_pre,
 * libxl__build_pv, libxl__build_post, the console device):
 *
 *   the kernel and ramdisk checked and laid out (nothing exists yet)
 *   createdomain (+ max_vcpus)        the domain exists, paused
 *   /local/domain/N, /vm/UUID, /libxl/N with their permissions
 *   max_mem, memory map, scheduler, affinity, two unbound event channels
 *   the PV build (libxg)
 *   memory, store, cpu entries; /vm start_time; XS_INTRODUCE to xenstored
 *   the console frontend and backend entries for xenconsoled
 *   the saved configuration under /var/lib/xen
 *   unpause (unless asked not to)
 *
 * Any failure after createdomain destroys the domain and removes what was
 * written, so a bad config or image leaves nothing behind.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "xg.h"
#include "dom_private.h"

/* What the model says, with libxl's defaults applied. */
struct pv_config {
    const char *name;
    uint8_t uuid[16];
    char uuid_str[37];
    unsigned int max_vcpus;
    uint8_t avail[XC_MAX_VCPUS / 8];  /* vCPUs online at boot */
    long long max_memkb, target_memkb;
    const char *kernel, *ramdisk, *cmdline;
    long long event_channels;
    long long max_grant_frames, max_maptrack_frames, max_grant_version;
    long long weight, cap;
    int ncpus_hard;                   /* cpumap bits given, 0: none */
    uint8_t cpumap[128];              /* hard affinity for every vCPU */
};

struct create {
    xldom_ctx *ctx;
    const domcfg *d;
    const struct xldom_create_opts *opts;
    struct pv_config c;
    uint32_t domid;
    int created;
    char dom_path[64], vm_path[64], libxl_path[64];
    uint32_t store_port, console_port;
    xg_pv_guest *guest;        /* the files, checked and laid out */
    struct xg_pv_result res;
    char **err;
};

/* Verbose progress through opts->log. */
static void say(struct create *cr, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void say(struct create *cr, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if ( !cr->opts || !cr->opts->log )
        return;
    va_start(ap, fmt);
    if ( vasprintf(&msg, fmt, ap) >= 0 )
    {
        cr->opts->log(cr->opts->opaque, msg);
        free(msg);
    }
    va_end(ap);
}

static long long get_int(const domcfg *d, const char *path, long long dflt)
{
    long long v;

    return domcfg_get_int(d, path, &v) ? dflt : v;
}

/* Device lists this toolstack has no backend for yet. */
static const struct {
    const char *path, *what;
} unsupported_devices[] = {
    { "disks", "disk= (no block backend yet)" },
    { "nics", "vif= (no network backend yet)" },
    { "pcidevs", "pci= (no PCI passthrough yet)" },
    { "dtdevs", "dtdev=" },
    { "vfbs", "vfb= (no framebuffer backend yet)" },
    { "vtpms", "vtpm=" },
    { "p9s", "p9=" },
    { "channels", "channel=" },
    { "usbctrls", "usbctrl=" },
};

/* See xldom.h. */
int xldom_check_config(const domcfg *d, char **err)
{
    const char *type = domcfg_get_string(d, "c_info.type");
    unsigned int i;

    if ( !type || strcmp(type, "pv") )
        return dom_fail(err, -ENOTSUP, "type \"%s\" guests cannot be built "
                        "by this toolstack yet: only PV (type=\"pv\")",
                        type ? type : "?");
    if ( !domcfg_get_string(d, "c_info.name") )
        return dom_fail(err, -EINVAL, "the domain has no name (name=)");
    if ( domcfg_get_string(d, "b_info.bootloader") ||
         domcfg_get_string(d, "b_info.type.pv.bootloader") )
        return dom_fail(err, -ENOTSUP, "bootloader= is not supported yet: "
                        "give the kernel (kernel=) instead");
    if ( !domcfg_get_string(d, "b_info.kernel") &&
         !domcfg_get_string(d, "b_info.type.pv.kernel") )
        return dom_fail(err, -EINVAL, "no kernel given: a PV guest boots a "
                        "kernel from dom0's files (kernel=)");
    for ( i = 0; i < sizeof(unsupported_devices) /
                     sizeof(unsupported_devices[0]); i++ )
        if ( domcfg_get_count(d, unsupported_devices[i].path) > 0 )
            return dom_fail(err, -ENOTSUP, "devices are not supported by "
                            "this toolstack yet: remove %s",
                            unsupported_devices[i].what);
    return 0;
}

/* Fill cr->c from the model. */
static int read_config(struct create *cr)
{
    const domcfg *d = cr->d;
    struct pv_config *c = &cr->c;
    long long v;
    int i, n, rc;

    if ( (rc = xldom_check_config(d, cr->err)) )
        return rc;
    c->name = domcfg_get_string(d, "c_info.name");
    if ( !domcfg_get_string(d, "c_info.uuid") ||
         xldom_uuid_parse(domcfg_get_string(d, "c_info.uuid"), c->uuid) )
        return dom_fail(cr->err, -EINVAL, "the domain has no valid UUID");
    xldom_uuid_str(c->uuid, c->uuid_str);

    v = get_int(d, "b_info.max_vcpus", 0);
    c->max_vcpus = v > 0 ? (unsigned int)v : 1;
    if ( c->max_vcpus > XC_MAX_VCPUS )
        return dom_fail(cr->err, -EINVAL, "%u vCPUs: the most is %u",
                        c->max_vcpus, XC_MAX_VCPUS);
    n = domcfg_get_count(d, "b_info.avail_vcpus");
    for ( i = 0; i < n; i++ )
    {
        char path[48];

        snprintf(path, sizeof(path), "b_info.avail_vcpus[%d]", i);
        v = get_int(d, path, -1);
        if ( v >= 0 && v < c->max_vcpus )
            c->avail[v / 8] |= 1u << (v % 8);
    }
    if ( n <= 0 )
        for ( i = 0; i < (int)c->max_vcpus; i++ )
            c->avail[i / 8] |= 1u << (i % 8);

    /* libxl: 32 MiB unless said; the target defaults to the maximum. */
    c->max_memkb = get_int(d, "b_info.max_memkb", -1);
    if ( c->max_memkb < 0 )
        c->max_memkb = 32 * 1024;
    c->target_memkb = get_int(d, "b_info.target_memkb", -1);
    if ( c->target_memkb < 0 )
        c->target_memkb = c->max_memkb;

    c->kernel = domcfg_get_string(d, "b_info.kernel");
    if ( !c->kernel )
        c->kernel = domcfg_get_string(d, "b_info.type.pv.kernel");
    c->ramdisk = domcfg_get_string(d, "b_info.ramdisk");
    if ( !c->ramdisk )
        c->ramdisk = domcfg_get_string(d, "b_info.type.pv.ramdisk");
    c->cmdline = domcfg_get_string(d, "b_info.cmdline");
    if ( !c->cmdline )
        c->cmdline = domcfg_get_string(d, "b_info.type.pv.cmdline");

    c->event_channels = get_int(d, "b_info.event_channels", 0);
    if ( c->event_channels <= 0 )
        c->event_channels = 1023;
    c->max_grant_frames = get_int(d, "b_info.max_grant_frames", -1);
    c->max_maptrack_frames = get_int(d, "b_info.max_maptrack_frames", -1);
    c->max_grant_version = get_int(d, "b_info.max_grant_version", -1);
    c->weight = get_int(d, "b_info.sched_params.weight", -1);
    c->cap = get_int(d, "b_info.sched_params.cap", -1);

    n = domcfg_get_count(d, "b_info.cpumap");
    for ( i = 0; i < n; i++ )
    {
        char path[48];

        snprintf(path, sizeof(path), "b_info.cpumap[%d]", i);
        v = get_int(d, path, -1);
        if ( v >= 0 && v < (long long)sizeof(c->cpumap) * 8 )
        {
            c->cpumap[v / 8] |= 1u << (v % 8);
            if ( v + 1 > c->ncpus_hard )
                c->ncpus_hard = (int)v + 1;
        }
    }
    return 0;
}

/* No other domain may have the name (libxl__domain_rename's check). */
static int check_name(struct create *cr)
{
    uint32_t other;
    char *why = NULL;

    if ( !xldom_find(cr->ctx, cr->c.name, &other, &why) &&
         strspn(cr->c.name, "0123456789") != strlen(cr->c.name) )
    {
        free(why);
        return dom_fail(cr->err, -EEXIST, "Domain with name \"%s\" already "
                        "exists (domain %u).", cr->c.name, other);
    }
    free(why);
    return 0;
}

/*
 * The host must have the guest's memory free (xl's freemem() without
 * ballooning dom0): refused here, before anything is created.
 */
static int check_memory(struct create *cr)
{
    xc_physinfo_t pi;
    uint64_t free_kb;

    if ( xc_physinfo(cr->ctx->xch, &pi) )
        return 0;   /* the claim in the build says it precisely */
    free_kb = (pi.free_pages - (pi.outstanding_pages < pi.free_pages
                                ? pi.outstanding_pages : pi.free_pages)) * 4;
    if ( (uint64_t)cr->c.target_memkb > free_kb )
        return dom_fail(cr->err, -ENOMEM, "not enough free memory: the guest "
                        "needs %lld MiB (memory=) but the host has %llu MiB "
                        "free", cr->c.target_memkb / 1024,
                        (unsigned long long)free_kb / 1024);
    return 0;
}

/* XEN_DOMCTL_createdomain with libxl's defaults for a PV guest. */
static int make_domain(struct create *cr)
{
    struct xc_domain_config cfg;
    xc_physinfo_t pi;
    int rc;

    memset(&cfg, 0, sizeof(cfg));
    cfg.max_vcpus = cr->c.max_vcpus;
    cfg.max_evtchn_port = (uint32_t)cr->c.event_channels;
    cfg.max_grant_frames = (int32_t)cr->c.max_grant_frames;
    cfg.max_maptrack_frames = (int32_t)cr->c.max_maptrack_frames;
    /* The highest grant version the host offers, unless the config says. */
    cfg.max_grant_version = 1;
    if ( cr->c.max_grant_version > 0 )
        cfg.max_grant_version = (uint32_t)cr->c.max_grant_version;
    else if ( !xc_physinfo(cr->ctx->xch, &pi) &&
              (pi.capabilities & XC_PHYSCAP_GNTTAB_V2) )
        cfg.max_grant_version = 2;
    memcpy(cfg.handle, cr->c.uuid, 16);
    cr->domid = 0;
    rc = xc_domain_create(cr->ctx->xch, &cr->domid, &cfg);
    if ( rc )
        return dom_fail(cr->err, rc, "creating the domain: %s",
                        xc_error(cr->ctx->xch));
    cr->created = 1;
    snprintf(cr->dom_path, sizeof(cr->dom_path), "/local/domain/%u",
             cr->domid);
    snprintf(cr->vm_path, sizeof(cr->vm_path), "/vm/%s", cr->c.uuid_str);
    snprintf(cr->libxl_path, sizeof(cr->libxl_path), "/libxl/%u", cr->domid);
    say(cr, "created domain %u (%s)", cr->domid, cr->c.name);
    return 0;
}

/* Path under the domain's directory. */
#define DP(buf, cr, rel) (snprintf(buf, sizeof(buf), "%s/%s", (cr)->dom_path, \
                                   rel), buf)

/* The directories libxl__domain_make writes, in one transaction. */
static int write_domain_dirs(struct create *cr, xs_transaction_t t)
{
    struct xs_handle *xsh = cr->ctx->xsh;
    struct xs_permissions noperm[1] = { { 0, XS_PERM_NONE } };
    struct xs_permissions roperm[2] = { { 0, XS_PERM_NONE },
                                        { cr->domid, XS_PERM_READ } };
    struct xs_permissions rwperm[1] = { { cr->domid, XS_PERM_NONE } };
    static const char *const ro_dirs[] = { "cpu", "memory", "device",
                                           "control" };
    static const char *const rw_nodes[] = {
        "control/shutdown", "control/feature-poweroff",
        "control/feature-reboot", "control/feature-suspend", "control/sysrq",
        "device/suspend/event-channel", "data", "drivers", "feature", "attr",
        "error",
    };
    char p[160];
    unsigned int i;
    int rc = 0;

    xs_rm(xsh, t, cr->dom_path);
    xs_rm(xsh, t, cr->vm_path);
    xs_rm(xsh, t, cr->libxl_path);
    if ( (rc = dom_xs_mknod(xsh, t, cr->dom_path, roperm, 2)) ||
         (rc = dom_xs_mknod(xsh, t, cr->vm_path, roperm, 2)) ||
         (rc = dom_xs_mknod(xsh, t, cr->libxl_path, noperm, 1)) )
        return rc;
    snprintf(p, sizeof(p), "%s/device", cr->libxl_path);
    if ( (rc = dom_xs_mknod(xsh, t, p, noperm, 1)) )
        return rc;
    snprintf(p, sizeof(p), "%s/type", cr->libxl_path);
    if ( (rc = dom_xs_write(xsh, t, p, "pv")) )
        return rc;
    /* libxl records its device model version even for a PV guest. */
    snprintf(p, sizeof(p), "%s/dm-version", cr->libxl_path);
    if ( (rc = dom_xs_write(xsh, t, p, "qemu_xen")) ||
         (rc = dom_xs_write(xsh, t, DP(p, cr, "vm"), cr->vm_path)) ||
         (rc = dom_xs_write(xsh, t, DP(p, cr, "name"), cr->c.name)) )
        return rc;
    for ( i = 0; i < sizeof(ro_dirs) / sizeof(ro_dirs[0]); i++ )
        if ( (rc = dom_xs_mknod(xsh, t, DP(p, cr, ro_dirs[i]), roperm, 2)) )
            return rc;
    for ( i = 0; i < sizeof(rw_nodes) / sizeof(rw_nodes[0]); i++ )
        if ( (rc = dom_xs_mknod(xsh, t, DP(p, cr, rw_nodes[i]), rwperm, 1)) )
            return rc;
    if ( (rc = dom_xs_write(xsh, t, DP(p, cr,
             "control/platform-feature-multiprocessor-suspend"), "1")) ||
         (rc = dom_xs_write(xsh, t, DP(p, cr,
             "control/platform-feature-xs_reset_watches"), "1")) )
        return rc;
    snprintf(p, sizeof(p), "%s/uuid", cr->vm_path);
    if ( (rc = dom_xs_write(xsh, t, p, cr->c.uuid_str)) )
        return rc;
    snprintf(p, sizeof(p), "%s/name", cr->vm_path);
    return dom_xs_write(xsh, t, p, cr->c.name);
}

/* Run fn in a transaction, again while xenstored says EAGAIN (bounded). */
static int in_transaction(struct create *cr,
                          int (*fn)(struct create *, xs_transaction_t),
                          const char *what)
{
    unsigned int tries;
    xs_transaction_t t;
    int rc = -EAGAIN;

    for ( tries = 0; tries < 20 && rc == -EAGAIN; tries++ )
    {
        t = xs_transaction_start(cr->ctx->xsh);
        if ( !t )
            return dom_fail(cr->err, -errno, "xenstore transaction for %s: "
                            "%s", what, strerror(errno));
        rc = fn(cr, t);
        if ( rc )
        {
            xs_transaction_end(cr->ctx->xsh, t, true);
            break;
        }
        rc = xs_transaction_end(cr->ctx->xsh, t, false) ? 0 : -errno;
    }
    if ( rc )
        return dom_fail(cr->err, rc, "writing %s to xenstore: %s", what,
                        strerror(-rc));
    return 0;
}

/* Limits, scheduling and event channels (libxl__build_pre). */
static int build_pre(struct create *cr)
{
    xc_interface *xch = cr->ctx->xch;
    const struct pv_config *c = &cr->c;
    struct xc_sched_credit sc;
    unsigned int v, sched;
    int rc;

    if ( (rc = xc_domain_setmaxmem(xch, cr->domid,
                                   c->max_memkb + DOM_MAXMEM_CONSTANT)) ||
         (rc = xc_domain_set_memmap_limit(xch, cr->domid, c->max_memkb)) )
        return dom_fail(cr->err, rc, "%s", xc_error(xch));
    if ( c->ncpus_hard )
        for ( v = 0; v < c->max_vcpus; v++ )
        {
            uint8_t map[sizeof(c->cpumap)];

            memcpy(map, c->cpumap, sizeof(map));
            if ( (rc = xc_vcpu_setaffinity(xch, cr->domid, v, map, NULL,
                                           (unsigned int)c->ncpus_hard)) )
                return dom_fail(cr->err, rc, "%s", xc_error(xch));
        }
    /*
     * weight= and cap= go to whichever of credit and credit2 runs (Xen
     * 4.17's default is credit2, ours credit); other schedulers have no
     * such parameters and, as in libxl, ignore them.
     */
    if ( (c->weight >= 0 || c->cap >= 0) && !xc_sched_id(xch, &sched) &&
         (sched == XC_SCHEDULER_CREDIT || sched == XC_SCHEDULER_CREDIT2) )
    {
        int credit2 = sched == XC_SCHEDULER_CREDIT2;

        rc = credit2 ? xc_sched_credit2_domain_get(xch, cr->domid, &sc)
                     : xc_sched_credit_domain_get(xch, cr->domid, &sc);
        if ( rc )
            return dom_fail(cr->err, rc, "%s", xc_error(xch));
        if ( c->weight >= 0 )
            sc.weight = (uint16_t)c->weight;
        if ( c->cap >= 0 )
            sc.cap = (uint16_t)c->cap;
        rc = credit2 ? xc_sched_credit2_domain_set(xch, cr->domid, &sc)
                     : xc_sched_credit_domain_set(xch, cr->domid, &sc);
        if ( rc )
            return dom_fail(cr->err, rc, "%s", xc_error(xch));
    }
    if ( (rc = xc_evtchn_alloc_unbound(xch, cr->domid, 0, &cr->store_port)) ||
         (rc = xc_evtchn_alloc_unbound(xch, cr->domid, 0,
                                       &cr->console_port)) )
        return dom_fail(cr->err, rc, "%s", xc_error(xch));
    return 0;
}

/* The entries libxl__build_post writes. */
static int write_build_post(struct create *cr, xs_transaction_t t)
{
    struct xs_handle *xsh = cr->ctx->xsh;
    struct timeval now;
    char p[160];
    unsigned int v;
    int rc;

    if ( (rc = dom_xs_printf(xsh, t, DP(p, cr, "memory/static-max"), "%lld",
                             cr->c.max_memkb)) ||
         (rc = dom_xs_printf(xsh, t, DP(p, cr, "memory/target"), "%lld",
                             cr->c.target_memkb)) ||
         (rc = dom_xs_write(xsh, t, DP(p, cr, "memory/videoram"), "0")) ||
         (rc = dom_xs_printf(xsh, t, DP(p, cr, "domid"), "%u", cr->domid)) ||
         (rc = dom_xs_printf(xsh, t, DP(p, cr, "store/port"), "%u",
                             cr->store_port)) ||
         (rc = dom_xs_printf(xsh, t, DP(p, cr, "store/ring-ref"), "%llu",
                             (unsigned long long)cr->res.store_mfn)) )
        return rc;
    for ( v = 0; v < cr->c.max_vcpus; v++ )
    {
        char rel[48];

        snprintf(rel, sizeof(rel), "cpu/%u/availability", v);
        if ( (rc = dom_xs_write(xsh, t, DP(p, cr, rel),
                                cr->c.avail[v / 8] & (1u << (v % 8))
                                ? "online" : "offline")) )
            return rc;
    }
    /* What libxl__domain_build records under /vm for a PV guest. */
#define VM(rel, val) (snprintf(p, sizeof(p), "%s/%s", cr->vm_path, rel),     \
                      dom_xs_write(xsh, t, p, val))
    if ( (rc = VM("image/ostype", "linux")) ||
         (rc = VM("image/kernel", cr->c.kernel)) ||
         (cr->c.ramdisk && (rc = VM("image/ramdisk", cr->c.ramdisk))) ||
         (cr->c.cmdline && (rc = VM("image/cmdline", cr->c.cmdline))) )
        return rc;
#undef VM
    gettimeofday(&now, NULL);
    snprintf(p, sizeof(p), "%s/start_time", cr->vm_path);
    return dom_xs_printf(xsh, t, p, "%lu.%02d", (unsigned long)now.tv_sec,
                         (int)(now.tv_usec / 10000));
}

/*
 * Console 0 (libxl__device_console_add for xenconsoled): the frontend is
 * the domain's console/ directory, the backend dom0's
 * backend/console/N/0, and libxl keeps its own copy of the backend under
 * /libxl/N/device/console/0.  As libxl 4.17 leaves them, every frontend
 * node is dom0's and readable by the guest except backend-id, which is
 * the guest's; xenconsoled fills in tty.
 */
static int write_console(struct create *cr, xs_transaction_t t)
{
    struct xs_handle *xsh = cr->ctx->xsh;
    struct xs_permissions guest[2] = { { cr->domid, XS_PERM_NONE },
                                       { 0, XS_PERM_READ } };
    struct xs_permissions roperm[2] = { { 0, XS_PERM_NONE },
                                        { cr->domid, XS_PERM_READ } };
    struct xs_permissions noperm[1] = { { 0, XS_PERM_NONE } };
    char front[96], back[96], lback[96], p[160], port[16], ring[32], lim[16];
    char domid[16];
    const char *const bents[][2] = {
        { "frontend", front }, { "frontend-id", domid }, { "online", "1" },
        { "state", "1" }, { "protocol", "vt100" },
    };
    const char *const fents[][2] = {
        { "backend", back }, { "limit", lim }, { "type", "xenconsoled" },
        { "output", "pty" }, { "tty", "" }, { "port", port },
        { "ring-ref", ring },
    };
    unsigned int i;
    int rc;

    snprintf(front, sizeof(front), "%s/console", cr->dom_path);
    snprintf(back, sizeof(back), "/local/domain/0/backend/console/%u/0",
             cr->domid);
    snprintf(lback, sizeof(lback), "%s/device/console/0", cr->libxl_path);
    snprintf(domid, sizeof(domid), "%u", cr->domid);
    snprintf(port, sizeof(port), "%u", cr->console_port);
    snprintf(ring, sizeof(ring), "%llu",
             (unsigned long long)cr->res.console_mfn);
    snprintf(lim, sizeof(lim), "%d", DOM_CONSOLE_LIMIT);

    xs_rm(xsh, t, front);
    if ( (rc = dom_xs_mknod(xsh, t, front, roperm, 2)) )
        return rc;
    for ( i = 0; i < sizeof(fents) / sizeof(fents[0]); i++ )
    {
        snprintf(p, sizeof(p), "%s/%s", front, fents[i][0]);
        if ( (rc = dom_xs_write_perms(xsh, t, p, fents[i][1], roperm, 2)) )
            return rc;
    }
    snprintf(p, sizeof(p), "%s/backend-id", front);
    if ( (rc = dom_xs_write_perms(xsh, t, p, "0", guest, 2)) )
        return rc;

    xs_rm(xsh, t, back);
    xs_rm(xsh, t, lback);
    if ( (rc = dom_xs_mknod(xsh, t, back, roperm, 2)) ||
         (rc = dom_xs_mknod(xsh, t, lback, noperm, 1)) )
        return rc;
    for ( i = 0; i < sizeof(bents) / sizeof(bents[0]); i++ )
    {
        snprintf(p, sizeof(p), "%s/%s", back, bents[i][0]);
        if ( (rc = dom_xs_write(xsh, t, p, bents[i][1])) )
            return rc;
        snprintf(p, sizeof(p), "%s/%s", lback, bents[i][0]);
        if ( (rc = dom_xs_write(xsh, t, p, bents[i][1])) )
            return rc;
    }
    snprintf(p, sizeof(p), "%s/backend", lback);
    return dom_xs_write(xsh, t, p, back);
}

/* The kernel and ramdisk, read, checked and laid out before anything is
 * created: a bad file or too little memory leaves nothing to undo. */
static int load_guest(struct create *cr)
{
    struct xg_pv_request req;
    char *why = NULL;
    int rc;

    memset(&req, 0, sizeof(req));
    req.kernel = cr->c.kernel;
    req.ramdisk = cr->c.ramdisk;
    req.cmdline = cr->c.cmdline;
    req.mem_kb = (uint64_t)cr->c.target_memkb;
    rc = xg_pv_load(&req, &cr->guest, &why);
    if ( rc )
    {
        dom_fail(cr->err, rc, "%s", why ? why : "reading the guest failed");
        free(why);
    }
    return rc;
}

/* The PV build proper. */
static int build(struct create *cr)
{
    struct xg_pv_ports ports;
    char *why = NULL;
    int rc;

    memset(&ports, 0, sizeof(ports));
    ports.store_evtchn = cr->store_port;
    ports.console_evtchn = cr->console_port;
    rc = xg_pv_build(cr->ctx->xch, cr->domid, cr->guest, &ports, &cr->res,
                     &why);
    if ( rc )
    {
        dom_fail(cr->err, rc, "%s", why ? why : "building the guest failed");
        free(why);
        return rc;
    }
    say(cr, "built %s guest: kernel at %#llx, %llu pages, start_info pfn "
        "%#llx, xenstore mfn %#llx, console mfn %#llx%s", cr->res.guest_type,
        (unsigned long long)cr->res.layout.kernel.vstart,
        (unsigned long long)cr->res.layout.nr_pages,
        (unsigned long long)cr->res.layout.start_info.pfn,
        (unsigned long long)cr->res.store_mfn,
        (unsigned long long)cr->res.console_mfn,
        cr->res.grants_seeded ? ", grants seeded" : "");
    return 0;
}

/* Save the configuration (libxl-json) and the config file (xl). */
static int save_config(struct create *cr)
{
    char *json = NULL;
    int rc;

    if ( domcfg_to_json(cr->d, &json) )
        return dom_fail(cr->err, -ENOMEM, "converting the configuration to "
                        "JSON");
    rc = dom_userdata_store(cr->domid, cr->c.uuid, "libxl-json", json,
                            strlen(json), cr->err);
    free(json);
    if ( !rc && cr->opts && cr->opts->config_text )
        rc = dom_userdata_store(cr->domid, cr->c.uuid, "xl",
                                cr->opts->config_text, cr->opts->config_len,
                                cr->err);
    return rc;
}

/* See xldom.h. */
int xldom_create(xldom_ctx *ctx, const domcfg *d,
                 const struct xldom_create_opts *opts, uint32_t *domid,
                 char **err)
{
    struct create cr;
    xc_interface *xch = ctx->xch;
    int rc;

    memset(&cr, 0, sizeof(cr));
    cr.ctx = ctx;
    cr.d = d;
    cr.opts = opts;
    cr.err = err;
    if ( (rc = read_config(&cr)) || (rc = check_name(&cr)) ||
         (rc = check_memory(&cr)) || (rc = load_guest(&cr)) ||
         (rc = make_domain(&cr)) ||
         (rc = in_transaction(&cr, write_domain_dirs, "the domain's "
                              "directories")) ||
         (rc = build_pre(&cr)) || (rc = build(&cr)) ||
         (rc = in_transaction(&cr, write_build_post, "the domain's "
                              "entries")) )
        goto fail;
    if ( !xs_introduce_domain(ctx->xsh, cr.domid, cr.res.store_mfn,
                              cr.store_port) )
    {
        rc = dom_fail(err, -errno, "introducing domain %u to xenstored: %s",
                      cr.domid, strerror(errno));
        goto fail;
    }
    if ( (rc = in_transaction(&cr, write_console, "the console")) ||
         (rc = save_config(&cr)) )
        goto fail;
    if ( !(opts && opts->paused) && (rc = xc_domain_unpause(xch, cr.domid)) )
    {
        dom_fail(err, rc, "%s", xc_error(xch));
        goto fail;
    }
    *domid = cr.domid;
    xg_pv_free(cr.guest);
    return 0;

 fail:
    xg_pv_free(cr.guest);
    if ( cr.created )
    {
        char *ignored = NULL;

        say(&cr, "destroying domain %u after the failure", cr.domid);
        xldom_destroy(ctx, cr.domid, &ignored);
        free(ignored);
        /* Even if it was never fully written. */
        dom_xs_cleanup(ctx->xsh, cr.domid, cr.vm_path);
    }
    return rc;
}
