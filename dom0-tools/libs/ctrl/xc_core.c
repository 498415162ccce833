/*
 * xc_core.c: handles, errors, hypercall buffers and the domctl/sysctl
 * envelope shared by every wrapper.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "xc_private.h"

/* See xc_private.h. */
xc_interface *xc__open_ops(const struct xc_ops *ops, void *priv)
{
    xc_interface *xch = calloc(1, sizeof(*xch));

    if ( !xch )
        return NULL;
    xch->ops = ops;
    xch->priv = priv;
    return xch;
}

/* See xc.h. */
void xc_interface_close(xc_interface *xch)
{
    if ( !xch )
        return;
    if ( xch->ops && xch->ops->close )
        xch->ops->close(xch);
    free(xch);
}

/* See xc.h. */
const char *xc_error(const xc_interface *xch)
{
    return xch ? xch->err : "no handle";
}

void xc__clear_error(xc_interface *xch)
{
    xch->err[0] = '\0';
}

const char *xc__errno_name(int err)
{
    static const struct { int e; const char *name; } names[] = {
        { EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
        { EINTR, "EINTR" }, { EIO, "EIO" }, { ENXIO, "ENXIO" },
        { E2BIG, "E2BIG" }, { EBADF, "EBADF" }, { EAGAIN, "EAGAIN" },
        { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
        { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { ENODEV, "ENODEV" },
        { EINVAL, "EINVAL" }, { ENOSPC, "ENOSPC" }, { ERANGE, "ERANGE" },
        { ENOSYS, "ENOSYS" }, { EOPNOTSUPP, "EOPNOTSUPP" },
        { ENOTTY, "ENOTTY" }, { EDOM, "EDOM" }, { ENODATA, "ENODATA" },
        { EOVERFLOW, "EOVERFLOW" }, { ETIMEDOUT, "ETIMEDOUT" },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(names) / sizeof(names[0]); i++ )
        if ( names[i].e == err )
            return names[i].name;
    return "E?";
}

int xc__fail(xc_interface *xch, int rc, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(xch->err, sizeof(xch->err), fmt, ap);
    va_end(ap);
    if ( n >= 0 && (size_t)n < sizeof(xch->err) )
        snprintf(xch->err + n, sizeof(xch->err) - n, ": %s (-%s)",
                 strerror(-rc), xc__errno_name(-rc));
    return rc;
}

int xc__inval(xc_interface *xch, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(xch->err, sizeof(xch->err), fmt, ap);
    va_end(ap);
    return -EINVAL;
}

int xc__check_domid(xc_interface *xch, const char *fn, uint32_t domid)
{
    if ( domid >= XC_DOMID_FIRST_RESERVED )
        return xc__inval(xch, "%s: domain id %u is not an ordinary domain "
                         "(must be below %u)", fn, domid,
                         XC_DOMID_FIRST_RESERVED);
    return 0;
}

void *xc__buf(xc_interface *xch, size_t size)
{
    void *p;

    if ( !size )
        size = 1;
    p = xch->ops->buf_alloc(xch, size);
    if ( !p )
        xc__fail(xch, -ENOMEM, "hypercall buffer of %zu bytes", size);
    return p;
}

void xc__buf_free(xc_interface *xch, void *p, size_t size)
{
    if ( p )
        xch->ops->buf_free(xch, p, size ? size : 1);
}

long xc__hypercall(xc_interface *xch, unsigned int op, uint64_t a0,
                   uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
    const uint64_t args[5] = { a0, a1, a2, a3, a4 };

    return xch->ops->hypercall(xch, op, args);
}

int xc__domctl(xc_interface *xch, struct xen_domctl *op, const char *name)
{
    struct xen_domctl *b = xc__buf(xch, sizeof(*b));
    long rc;

    if ( !b )
        return -ENOMEM;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    memcpy(b, op, sizeof(*b));
    rc = xc__hypercall(xch, __HYPERVISOR_domctl, (uintptr_t)b, 0, 0, 0, 0);
    memcpy(op, b, sizeof(*b));
    xc__buf_free(xch, b, sizeof(*b));
    if ( rc < 0 )
        return xc__fail(xch, (int)rc, "XEN_DOMCTL_%s (domain %u)", name,
                        op->domain);
    return (int)rc;
}

int xc__sysctl(xc_interface *xch, struct xen_sysctl *op, const char *name)
{
    struct xen_sysctl *b = xc__buf(xch, sizeof(*b));
    long rc;

    if ( !b )
        return -ENOMEM;
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    memcpy(b, op, sizeof(*b));
    rc = xc__hypercall(xch, __HYPERVISOR_sysctl, (uintptr_t)b, 0, 0, 0, 0);
    memcpy(op, b, sizeof(*b));
    xc__buf_free(xch, b, sizeof(*b));
    if ( rc < 0 )
        return xc__fail(xch, (int)rc, "XEN_SYSCTL_%s", name);
    return (int)rc;
}

long xc__bounce_op(xc_interface *xch, unsigned int op, unsigned int cmd,
                   void *arg, size_t size, const char *name)
{
    void *b = xc__buf(xch, size);
    long rc;

    if ( !b )
        return -ENOMEM;
    memcpy(b, arg, size);
    rc = xc__hypercall(xch, op, cmd, (uintptr_t)b, 0, 0, 0);
    memcpy(arg, b, size);
    xc__buf_free(xch, b, size);
    if ( rc < 0 )
        return xc__fail(xch, (int)rc, "%s", name);
    return rc;
}
