/*
 * xc_host.c: the host: physinfo, the hypervisor's console ring, versions.
 */
#include <stdio.h>

#include "public/version.h"

#include "xc_private.h"

/* See xc.h. */
int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_physinfo };
    struct xen_sysctl_physinfo *p = &op.u.physinfo;
    int rc;

    xc__clear_error(xch);
    if ( !info )
        return xc__inval(xch, "xc_physinfo: no result buffer");
    rc = xc__sysctl(xch, &op, "physinfo");
    if ( rc < 0 )
        return rc;
    memset(info, 0, sizeof(*info));
    info->threads_per_core = p->threads_per_core;
    info->cores_per_socket = p->cores_per_socket;
    info->nr_cpus = p->nr_cpus;
    info->max_cpu_id = p->max_cpu_id;
    info->nr_nodes = p->nr_nodes;
    info->max_node_id = p->max_node_id;
    info->cpu_khz = p->cpu_khz;
    info->capabilities = p->capabilities;
    info->total_pages = p->total_pages;
    info->free_pages = p->free_pages;
    info->scrub_pages = p->scrub_pages;
    info->outstanding_pages = p->outstanding_pages;
    info->max_mfn = p->max_mfn;
    memcpy(info->hw_cap, p->hw_cap, sizeof(info->hw_cap));
    return 0;
}

/* See xc.h. */
int xc_readconsolering(xc_interface *xch, char *buf, unsigned int *size,
                       int clear, int incremental, uint32_t *index)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_readconsole };
    unsigned int room;
    char *b;
    int rc;

    xc__clear_error(xch);
    if ( !buf || !size || !*size )
        return xc__inval(xch, "xc_readconsolering: no buffer");
    if ( incremental && !index )
        return xc__inval(xch, "xc_readconsolering: incremental reading "
                         "needs an index");
    room = *size;
    b = xc__buf(xch, room);
    if ( !b )
        return -ENOMEM;
    op.u.readconsole.clear = !!clear;
    op.u.readconsole.incremental = !!incremental;
    op.u.readconsole.index = index ? *index : 0;
    op.u.readconsole.count = *size;
    set_xen_guest_handle(op.u.readconsole.buffer, b);
    rc = xc__sysctl(xch, &op, "readconsole");
    if ( rc >= 0 )
    {
        if ( op.u.readconsole.count > room )
            op.u.readconsole.count = room;
        memcpy(buf, b, op.u.readconsole.count);
        *size = op.u.readconsole.count;
        if ( index )
            *index = op.u.readconsole.index;
        rc = 0;
    }
    xc__buf_free(xch, b, room);
    return rc;
}

/* One XENVER_ sub-op into a buffer of size bytes. */
static long xenver(xc_interface *xch, unsigned int cmd, void *arg,
                   size_t size, const char *name)
{
    if ( !arg )
    {
        long rc = xc__hypercall(xch, __HYPERVISOR_xen_version, cmd, 0, 0, 0,
                                0);

        return rc < 0 ? xc__fail(xch, (int)rc, "%s", name) : rc;
    }
    return xc__bounce_op(xch, __HYPERVISOR_xen_version, cmd, arg, size, name);
}

/* XENVER_build_id as hex; left empty when Xen has none (-ENODATA) or
 * does not know the call. */
static void build_id(xc_interface *xch, xc_version_info_t *v)
{
    struct {
        uint32_t len;
        unsigned char buf[64];
    } id;
    long rc, i;

    memset(&id, 0, sizeof(id));
    id.len = sizeof(id.buf);
    rc = xc__bounce_op(xch, __HYPERVISOR_xen_version, XENVER_build_id, &id,
                       sizeof(id), "XENVER_build_id");
    xc__clear_error(xch);
    for ( i = 0; i < rc && i < (long)sizeof(id.buf); i++ )
        snprintf(v->build_id + 2 * i, 3, "%02x", id.buf[i]);
}

/* Terminate a fixed-size string Xen filled. */
#define TERMINATE(s) ((s)[sizeof(s) - 1] = '\0')

/* See xc.h. */
int xc_version(xc_interface *xch, xc_version_info_t *v)
{
    struct xen_compile_info ci;
    struct xen_platform_parameters pp;
    long rc;

    xc__clear_error(xch);
    if ( !v )
        return xc__inval(xch, "xc_version: no result buffer");
    memset(v, 0, sizeof(*v));
    memset(&ci, 0, sizeof(ci));
    memset(&pp, 0, sizeof(pp));
    rc = xenver(xch, XENVER_version, NULL, 0, "XENVER_version");
    if ( rc < 0 )
        return (int)rc;
    v->major = (int)(rc >> 16);
    v->minor = (int)(rc & 0xffff);
    if ( (rc = xenver(xch, XENVER_extraversion, v->extra, sizeof(v->extra),
                      "XENVER_extraversion")) < 0 ||
         (rc = xenver(xch, XENVER_capabilities, v->capabilities,
                      sizeof(v->capabilities), "XENVER_capabilities")) < 0 ||
         (rc = xenver(xch, XENVER_changeset, v->changeset,
                      sizeof(v->changeset), "XENVER_changeset")) < 0 ||
         (rc = xenver(xch, XENVER_compile_info, &ci, sizeof(ci),
                      "XENVER_compile_info")) < 0 ||
         (rc = xenver(xch, XENVER_platform_parameters, &pp, sizeof(pp),
                      "XENVER_platform_parameters")) < 0 ||
         (rc = xenver(xch, XENVER_commandline, v->cmdline, sizeof(v->cmdline),
                      "XENVER_commandline")) < 0 )
        return (int)rc;
    rc = xenver(xch, XENVER_pagesize, NULL, 0, "XENVER_pagesize");
    if ( rc < 0 )
        return (int)rc;
    v->pagesize = (unsigned long)rc;
    build_id(xch, v);
    v->virt_start = pp.virt_start;
    TERMINATE(v->extra);
    TERMINATE(v->capabilities);
    TERMINATE(v->changeset);
    TERMINATE(v->cmdline);
    TERMINATE(ci.compiler);
    TERMINATE(ci.compile_by);
    TERMINATE(ci.compile_domain);
    TERMINATE(ci.compile_date);
    memcpy(v->compiler, ci.compiler, sizeof(v->compiler));
    memcpy(v->compile_by, ci.compile_by, sizeof(v->compile_by));
    memcpy(v->compile_domain, ci.compile_domain, sizeof(v->compile_domain));
    memcpy(v->compile_date, ci.compile_date, sizeof(v->compile_date));
    return 0;
}
