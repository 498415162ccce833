/*
 * domctl and sysctl helpers for test guests acting as a toolstack (see
 * pvguest/ctl.h).
 */
#define __XEN_TOOLS__ 1
#include <pvguest/ctl.h>
#include <pvguest/lib.h>

long do_domctl(struct xen_domctl *op)
{
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return HYPERVISOR_domctl(op);
}

long do_sysctl(struct xen_sysctl *op)
{
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return HYPERVISOR_sysctl(op);
}

long domctl_simple(unsigned int cmd, domid_t dom)
{
    struct xen_domctl op = { .cmd = cmd, .domain = dom };

    return do_domctl(&op);
}

void createdomain_defaults(struct xen_domctl_createdomain *c, unsigned int max_vcpus)
{
    memset(c, 0, sizeof(*c));
    c->max_vcpus = max_vcpus;
    c->max_evtchn_port = 1023;
    c->max_grant_frames = 4;
    c->max_maptrack_frames = 0;
    c->grant_opts = XEN_DOMCTL_GRANT_version(1);
}

long create_domain(const struct xen_domctl_createdomain *c, domid_t *dom)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_createdomain, .domain = *dom };
    long rc;

    op.u.createdomain = *c;
    rc = do_domctl(&op);
    if ( !rc )
        *dom = op.domain;
    return rc;
}

long destroy_domain(domid_t dom)
{
    return domctl_simple(XEN_DOMCTL_destroydomain, dom);
}

long getdomaininfo(domid_t dom, struct xen_domctl_getdomaininfo *info)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = dom };
    long rc = do_domctl(&op);

    if ( !rc )
        *info = op.u.getdomaininfo;
    return rc;
}

long set_max_mem_pages(domid_t dom, unsigned long pages)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_mem, .domain = dom };

    op.u.max_mem.max_memkb = (uint64_t)pages << (PAGE_SHIFT - 10);
    return do_domctl(&op);
}

long sysctl_physinfo(struct xen_sysctl_physinfo *pi)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_physinfo };
    long rc = do_sysctl(&op);

    if ( !rc )
        *pi = op.u.physinfo;
    return rc;
}

long populate_physmap(domid_t dom, xen_pfn_t *list, unsigned int nr)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr,
        .extent_order = 0,
        .domid = dom,
    };

    set_xen_guest_handle(r.extent_start, list);
    return HYPERVISOR_memory_op(XENMEM_populate_physmap, &r);
}

long count_domains(void)
{
    static struct xen_domctl_getdomaininfo infos[64];
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_getdomaininfolist };
    long rc;

    op.u.getdomaininfolist.first_domain = 0;
    op.u.getdomaininfolist.max_domains = ARRAY_SIZE(infos);
    set_xen_guest_handle(op.u.getdomaininfolist.buffer, infos);
    rc = do_sysctl(&op);
    return rc ? rc : (long)op.u.getdomaininfolist.num_domains;
}
