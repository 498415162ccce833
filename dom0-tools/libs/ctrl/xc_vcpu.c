/*
 * xc_vcpu.c: a domain's vCPUs: register state, status, affinity.
 */
#include <stdlib.h>

#include "xc_private.h"

_Static_assert(sizeof(struct vcpu_guest_context) == XC_VCPU_CONTEXT_SIZE,
               "XC_VCPU_CONTEXT_SIZE is vcpu_guest_context's size");

/* Check the domain, vCPU and context buffer of a context call. */
static int check_ctxt(xc_interface *xch, const char *fn, uint32_t domid,
                      unsigned int vcpu, const void *ctxt, size_t size)
{
    int rc;

    if ( (rc = xc__check_domid(xch, fn, domid)) )
        return rc;
    if ( vcpu >= XC_MAX_VCPUS )
        return xc__inval(xch, "%s: vCPU %u: the most is %u", fn, vcpu,
                         XC_MAX_VCPUS - 1);
    if ( !ctxt || size != XC_VCPU_CONTEXT_SIZE )
        return xc__inval(xch, "%s: the context must be %u bytes, not %zu",
                         fn, XC_VCPU_CONTEXT_SIZE, ctxt ? size : 0);
    return 0;
}

/* set or get the context through a hypercall buffer. */
static int vcpucontext(xc_interface *xch, uint32_t cmd, const char *name,
                       uint32_t domid, unsigned int vcpu, void *ctxt)
{
    struct xen_domctl op = { .cmd = cmd, .domain = (domid_t)domid };
    void *b = xc__buf(xch, XC_VCPU_CONTEXT_SIZE);
    int rc;

    if ( !b )
        return -ENOMEM;
    if ( cmd == XEN_DOMCTL_setvcpucontext )
        memcpy(b, ctxt, XC_VCPU_CONTEXT_SIZE);
    op.u.vcpucontext.vcpu = vcpu;
    set_xen_guest_handle(op.u.vcpucontext.ctxt, b);
    rc = xc__domctl(xch, &op, name);
    if ( rc >= 0 && cmd == XEN_DOMCTL_getvcpucontext )
        memcpy(ctxt, b, XC_VCPU_CONTEXT_SIZE);
    xc__buf_free(xch, b, XC_VCPU_CONTEXT_SIZE);
    return rc < 0 ? rc : 0;
}

/* See xc.h. */
int xc_vcpu_setcontext(xc_interface *xch, uint32_t domid, unsigned int vcpu,
                       const void *ctxt, size_t size)
{
    int rc;

    xc__clear_error(xch);
    if ( (rc = check_ctxt(xch, "xc_vcpu_setcontext", domid, vcpu, ctxt,
                          size)) )
        return rc;
    return vcpucontext(xch, XEN_DOMCTL_setvcpucontext, "setvcpucontext",
                       domid, vcpu, (void *)ctxt);
}

/* See xc.h. */
int xc_vcpu_getcontext(xc_interface *xch, uint32_t domid, unsigned int vcpu,
                       void *ctxt, size_t size)
{
    int rc;

    xc__clear_error(xch);
    if ( (rc = check_ctxt(xch, "xc_vcpu_getcontext", domid, vcpu, ctxt,
                          size)) )
        return rc;
    return vcpucontext(xch, XEN_DOMCTL_getvcpucontext, "getvcpucontext",
                       domid, vcpu, ctxt);
}

/* See xc.h. */
int xc_vcpu_getinfo(xc_interface *xch, uint32_t domid, unsigned int vcpu,
                    xc_vcpuinfo_t *info)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getvcpuinfo,
                             .domain = (domid_t)domid };
    int rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_vcpu_getinfo", domid)) )
        return rc;
    if ( !info )
        return xc__inval(xch, "xc_vcpu_getinfo: no result buffer");
    op.u.getvcpuinfo.vcpu = vcpu;
    rc = xc__domctl(xch, &op, "getvcpuinfo");
    if ( rc < 0 )
        return rc;
    memset(info, 0, sizeof(*info));
    info->online = !!op.u.getvcpuinfo.online;
    info->blocked = !!op.u.getvcpuinfo.blocked;
    info->running = !!op.u.getvcpuinfo.running;
    info->cpu_time = op.u.getvcpuinfo.cpu_time;
    info->cpu = op.u.getvcpuinfo.cpu;
    return 0;
}

/* The affinity call both ways; hard/soft may be NULL. */
static int vcpuaffinity(xc_interface *xch, uint32_t cmd, const char *fn,
                        uint32_t domid, unsigned int vcpu, uint8_t *hard,
                        uint8_t *soft, unsigned int nbits)
{
    struct xen_domctl op = { .cmd = cmd, .domain = (domid_t)domid };
    struct xen_domctl_vcpuaffinity *a = &op.u.vcpuaffinity;
    size_t bytes = (nbits + 7) / 8;
    uint8_t *bh = NULL, *bs = NULL;
    int rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, fn, domid)) )
        return rc;
    if ( !hard && !soft )
        return xc__inval(xch, "%s: neither a hard nor a soft map", fn);
    if ( nbits == 0 || nbits > 65536 )
        return xc__inval(xch, "%s: maps of %u CPUs: must be 1 to 65536", fn,
                         nbits);
    rc = -ENOMEM;
    if ( (hard && !(bh = xc__buf(xch, bytes))) ||
         (soft && !(bs = xc__buf(xch, bytes))) )
        goto out;
    a->vcpu = vcpu;
    if ( hard )
    {
        a->flags |= XEN_VCPUAFFINITY_HARD;
        if ( cmd == XEN_DOMCTL_setvcpuaffinity )
            memcpy(bh, hard, bytes);
        set_xen_guest_handle(a->cpumap_hard.bitmap, bh);
        a->cpumap_hard.nr_bits = nbits;
    }
    if ( soft )
    {
        a->flags |= XEN_VCPUAFFINITY_SOFT;
        if ( cmd == XEN_DOMCTL_setvcpuaffinity )
            memcpy(bs, soft, bytes);
        set_xen_guest_handle(a->cpumap_soft.bitmap, bs);
        a->cpumap_soft.nr_bits = nbits;
    }
    rc = xc__domctl(xch, &op, cmd == XEN_DOMCTL_setvcpuaffinity
                              ? "setvcpuaffinity" : "getvcpuaffinity");
    if ( rc >= 0 )
    {
        /* set writes back the effective maps; get the maps as set. */
        if ( hard )
            memcpy(hard, bh, bytes);
        if ( soft )
            memcpy(soft, bs, bytes);
        rc = 0;
    }
 out:
    xc__buf_free(xch, bh, bytes);
    xc__buf_free(xch, bs, bytes);
    return rc;
}

/* See xc.h. */
int xc_vcpu_getaffinity(xc_interface *xch, uint32_t domid, unsigned int vcpu,
                        uint8_t *hard, uint8_t *soft, unsigned int nbits)
{
    return vcpuaffinity(xch, XEN_DOMCTL_getvcpuaffinity,
                        "xc_vcpu_getaffinity", domid, vcpu, hard, soft, nbits);
}

int xc_vcpu_setaffinity(xc_interface *xch, uint32_t domid, unsigned int vcpu,
                        uint8_t *hard, uint8_t *soft, unsigned int nbits)
{
    return vcpuaffinity(xch, XEN_DOMCTL_setvcpuaffinity,
                        "xc_vcpu_setaffinity", domid, vcpu, hard, soft, nbits);
}
