/*
 * xc_domain.c: the domctl operations of a domain's life: create, destroy,
 * pause, query, limits.
 */
#include <stdlib.h>

#include "xc_private.h"

/* See xc.h. */
int xc_domain_create(xc_interface *xch, uint32_t *domid,
                     const struct xc_domain_config *cfg)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_createdomain };
    struct xen_domctl_createdomain *c = &op.u.createdomain;
    int rc;

    xc__clear_error(xch);
    if ( !domid || !cfg )
        return xc__inval(xch, "xc_domain_create: no domain id or config");
    if ( *domid && (rc = xc__check_domid(xch, "xc_domain_create", *domid)) )
        return rc;
    if ( cfg->max_vcpus < 1 || cfg->max_vcpus > XC_MAX_VCPUS )
        return xc__inval(xch, "xc_domain_create: %u vCPUs: must be 1 to %u",
                         cfg->max_vcpus, XC_MAX_VCPUS);
    if ( cfg->flags & ~(uint32_t)(XEN_DOMCTL_CDF_MAX * 2 - 1) )
        return xc__inval(xch, "xc_domain_create: unknown flags %#x",
                         cfg->flags);
    if ( (cfg->flags & XC_CDF_HAP) && !(cfg->flags & XC_CDF_HVM) )
        return xc__inval(xch, "xc_domain_create: hardware-assisted paging "
                         "needs an HVM domain");
    if ( cfg->max_grant_version < 1 || cfg->max_grant_version > 2 )
        return xc__inval(xch, "xc_domain_create: grant table version %u: "
                         "must be 1 or 2", cfg->max_grant_version);
    if ( cfg->max_grant_frames < -1 || cfg->max_maptrack_frames < -1 )
        return xc__inval(xch, "xc_domain_create: negative grant or maptrack "
                         "frames (-1 asks for the default)");

    op.domain = (domid_t)*domid;
    c->ssidref = cfg->ssidref;
    memcpy(c->handle, cfg->handle, sizeof(c->handle));
    c->flags = cfg->flags;
    c->max_vcpus = cfg->max_vcpus;
    c->max_evtchn_port = cfg->max_evtchn_port;
    c->max_grant_frames = cfg->max_grant_frames;
    c->max_maptrack_frames = cfg->max_maptrack_frames;
    c->grant_opts = XEN_DOMCTL_GRANT_version(cfg->max_grant_version);
    /* A PV guest emulates nothing; an HVM one everything but the PIT's
     * legacy PIRQ routing and vPCI (libxl's defaults). */
    c->arch.emulation_flags = (cfg->flags & XC_CDF_HVM)
        ? (XEN_X86_EMU_ALL & ~(XEN_X86_EMU_VPCI | XEN_X86_EMU_USE_PIRQ)) : 0;
    rc = xc__domctl(xch, &op, "createdomain");
    if ( rc < 0 )
        return rc;
    *domid = op.domain;

    /* Xen 4.17 allocates the vCPUs here, with the same number. */
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_max_vcpus;
    op.domain = (domid_t)*domid;
    op.u.max_vcpus.max = cfg->max_vcpus;
    rc = xc__domctl(xch, &op, "max_vcpus");
    if ( rc < 0 )
    {
        char saved[sizeof(xch->err)];

        memcpy(saved, xch->err, sizeof(saved));
        xc_domain_destroy(xch, *domid);
        memcpy(xch->err, saved, sizeof(saved));
        return rc;
    }
    return 0;
}

/* A domctl with no argument but the domain. */
static int simple_domctl(xc_interface *xch, uint32_t domid, uint32_t cmd,
                         const char *name)
{
    struct xen_domctl op = { .cmd = cmd, .domain = (domid_t)domid };
    int rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, name, domid)) )
        return rc;
    return xc__domctl(xch, &op, name);
}

/* See xc.h. */
int xc_domain_destroy(xc_interface *xch, uint32_t domid)
{
    unsigned int tries;
    int rc;

    /* Xen frees a dying domain's memory in pieces and says -EAGAIN until
     * it is done; bounded, it never takes more than a few rounds. */
    for ( tries = 0; tries < 100000; tries++ )
    {
        rc = simple_domctl(xch, domid, XEN_DOMCTL_destroydomain,
                           "destroydomain");
        if ( rc != -EAGAIN )
            return rc;
    }
    return rc;
}

int xc_domain_pause(xc_interface *xch, uint32_t domid)
{
    return simple_domctl(xch, domid, XEN_DOMCTL_pausedomain, "pausedomain");
}

int xc_domain_unpause(xc_interface *xch, uint32_t domid)
{
    return simple_domctl(xch, domid, XEN_DOMCTL_unpausedomain,
                         "unpausedomain");
}

/* Decode Xen's getdomaininfo record. */
static void decode_info(xc_dominfo_t *out,
                        const struct xen_domctl_getdomaininfo *in)
{
    memset(out, 0, sizeof(*out));
    out->domid = in->domain;
    out->flags = in->flags;
    out->dying = !!(in->flags & XEN_DOMINF_dying);
    out->hvm = !!(in->flags & XEN_DOMINF_hvm_guest);
    out->shutdown = !!(in->flags & XEN_DOMINF_shutdown);
    out->paused = !!(in->flags & XEN_DOMINF_paused);
    out->blocked = !!(in->flags & XEN_DOMINF_blocked);
    out->running = !!(in->flags & XEN_DOMINF_running);
    out->debugged = !!(in->flags & XEN_DOMINF_debugged);
    out->xenstore = !!(in->flags & XEN_DOMINF_xs_domain);
    out->hap = !!(in->flags & XEN_DOMINF_hap);
    out->shutdown_reason = (in->flags >> XEN_DOMINF_shutdownshift) &
                           XEN_DOMINF_shutdownmask;
    out->tot_pages = in->tot_pages;
    out->max_pages = in->max_pages;
    out->outstanding_pages = in->outstanding_pages;
    out->shared_info_frame = in->shared_info_frame;
    out->cpu_time = in->cpu_time;
    out->nr_online_vcpus = in->nr_online_vcpus;
    out->max_vcpu_id = in->max_vcpu_id;
    out->ssidref = in->ssidref;
    out->cpupool = in->cpupool;
    memcpy(out->handle, in->handle, sizeof(out->handle));
}

/* See xc.h. */
int xc_domain_getinfo(xc_interface *xch, uint32_t domid, xc_dominfo_t *info)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getdomaininfo,
                             .domain = (domid_t)domid };
    int rc;

    xc__clear_error(xch);
    if ( !info )
        return xc__inval(xch, "xc_domain_getinfo: no result buffer");
    if ( (rc = xc__check_domid(xch, "xc_domain_getinfo", domid)) )
        return rc;
    rc = xc__domctl(xch, &op, "getdomaininfo");
    if ( rc < 0 )
        return rc;
    /* Some versions answer with the next domain that exists. */
    if ( op.u.getdomaininfo.domain != domid )
        return xc__fail(xch, -ESRCH, "XEN_DOMCTL_getdomaininfo (domain %u)",
                        domid);
    decode_info(info, &op.u.getdomaininfo);
    return 0;
}

/* See xc.h. */
int xc_domain_getinfolist(xc_interface *xch, uint32_t first,
                          unsigned int max, xc_dominfo_t *info)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_getdomaininfolist };
    struct xen_domctl_getdomaininfo *buf;
    size_t size;
    unsigned int i, n;
    int rc;

    xc__clear_error(xch);
    if ( !info || !max )
        return xc__inval(xch, "xc_domain_getinfolist: no room for results");
    if ( max > XC_DOMID_FIRST_RESERVED )
        max = XC_DOMID_FIRST_RESERVED;
    if ( (rc = xc__check_domid(xch, "xc_domain_getinfolist", first)) )
        return rc;
    size = (size_t)max * sizeof(*buf);
    buf = xc__buf(xch, size);
    if ( !buf )
        return -ENOMEM;
    op.u.getdomaininfolist.first_domain = (domid_t)first;
    op.u.getdomaininfolist.max_domains = max;
    set_xen_guest_handle(op.u.getdomaininfolist.buffer, buf);
    rc = xc__sysctl(xch, &op, "getdomaininfolist");
    if ( rc >= 0 )
    {
        n = op.u.getdomaininfolist.num_domains;
        if ( n > max )
            n = max;
        for ( i = 0; i < n; i++ )
            decode_info(&info[i], &buf[i]);
        rc = (int)n;
    }
    xc__buf_free(xch, buf, size);
    return rc;
}

/* See xc.h. */
int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid, uint64_t max_memkb)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_mem,
                             .domain = (domid_t)domid };
    int rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_domain_setmaxmem", domid)) )
        return rc;
    if ( max_memkb > (UINT64_MAX >> 10) )
        return xc__inval(xch, "xc_domain_setmaxmem: %llu KiB is too large",
                         (unsigned long long)max_memkb);
    op.u.max_mem.max_memkb = max_memkb;
    return xc__domctl(xch, &op, "max_mem");
}

/* See xc.h. */
int xc_domain_set_address_size(xc_interface *xch, uint32_t domid,
                               unsigned int bits)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_set_address_size,
                             .domain = (domid_t)domid };
    int rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_domain_set_address_size", domid)) )
        return rc;
    if ( bits != 32 && bits != 64 )
        return xc__inval(xch, "xc_domain_set_address_size: %u bits: must be "
                         "32 or 64", bits);
    op.u.address_size.size = bits;
    return xc__domctl(xch, &op, "set_address_size");
}

/* See xc.h. */
int xc_domain_hypercall_init(xc_interface *xch, uint32_t domid, uint64_t gmfn)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_hypercall_init,
                             .domain = (domid_t)domid };
    int rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_domain_hypercall_init", domid)) )
        return rc;
    op.u.hypercall_init.gmfn = gmfn;
    return xc__domctl(xch, &op, "hypercall_init");
}

/* See xc.h. */
int xc_domain_sethandle(xc_interface *xch, uint32_t domid,
                        const uint8_t handle[16])
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_setdomainhandle,
                             .domain = (domid_t)domid };
    int rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_domain_sethandle", domid)) )
        return rc;
    if ( !handle )
        return xc__inval(xch, "xc_domain_sethandle: no handle");
    memcpy(op.u.setdomainhandle.handle, handle, 16);
    return xc__domctl(xch, &op, "setdomainhandle");
}
