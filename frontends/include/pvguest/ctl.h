/*
 * The toolstack's hypercalls from a test guest running as domain 0:
 * domctl and sysctl (Xen 4.17's interface, versions 0x15), and small
 * helpers around them.
 *
 * domctl.h and sysctl.h are for tools only: a file using this header
 * defines __XEN_TOOLS__ before its first #include, so that every public
 * header sees it.
 */
#ifndef PVGUEST_CTL_H
#define PVGUEST_CTL_H

#ifndef __XEN_TOOLS__
#error "define __XEN_TOOLS__ before the first #include to use <pvguest/ctl.h>"
#endif

#include <pvguest/hypercall.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>

/* The hypercalls as they are: the caller fills in interface_version. */
static inline long HYPERVISOR_domctl(struct xen_domctl *op)
{
    return HC(__HYPERVISOR_domctl, op, 0, 0, 0, 0);
}

static inline long HYPERVISOR_sysctl(struct xen_sysctl *op)
{
    return HC(__HYPERVISOR_sysctl, op, 0, 0, 0, 0);
}

/* With the interface version set. */
long do_domctl(struct xen_domctl *op);
long do_sysctl(struct xen_sysctl *op);

/* A domctl 'cmd' on 'dom' with a zeroed argument; returns the hypercall's answer. */
long domctl_simple(unsigned int cmd, domid_t dom);

/* The usual PV domU configuration: one version-1 grant table, no emulation. */
void createdomain_defaults(struct xen_domctl_createdomain *c, unsigned int max_vcpus);
/* XEN_DOMCTL_createdomain; *dom IN (0: pick) and OUT. */
long create_domain(const struct xen_domctl_createdomain *c, domid_t *dom);
long destroy_domain(domid_t dom);
long getdomaininfo(domid_t dom, struct xen_domctl_getdomaininfo *info);
long set_max_mem_pages(domid_t dom, unsigned long pages);
long sysctl_physinfo(struct xen_sysctl_physinfo *pi);

/* XENMEM_populate_physmap of order-0 extents for another domain: extents done. */
long populate_physmap(domid_t dom, xen_pfn_t *list, unsigned int nr);

/* Count of domains in XEN_SYSCTL_getdomaininfolist (all of them). */
long count_domains(void);

#endif /* PVGUEST_CTL_H */
