/*
 * Domain creation, teardown and control (common/domain.c, common/domctl.c,
 * arch/x86/domctl.c): what those files share besides xen/sched.h.
 */
#ifndef XEN_DOMAIN_H
#define XEN_DOMAIN_H

#include <xen/types.h>
#include <public/domctl.h>

struct domain;
struct vcpu;

/*
 * Limits a createdomain request is checked against (Xen 4.17's, or ours
 * where we support less).  MAX_VIRT_CPUS is Xen's PV limit; we can place at
 * most PERDOMAIN_MAX_VCPUS vCPUs in the per-domain area.
 */
#define MAX_VIRT_CPUS               8192
#define DOMCTL_MAX_GRANT_VERSION    1       /* v2 is not offered (physinfo says so) */

/*
 * Check a XEN_DOMCTL_createdomain configuration as Xen 4.17 does for a
 * hypervisor without HVM, IOMMU, vmtrace, vPMU or tboot: 0 or the errno Xen
 * gives (-EINVAL for most, -EOPNOTSUPP for emulation flags a PV domain
 * cannot have, -ESRCH for a CPU pool other than 0).  Pure: no side effects.
 */
int domain_config_check(const struct xen_domctl_createdomain *config);

/* The first free domain id after 'rover' (wrapping, skipping 0), as Xen picks. */
struct domid_picker {
    domid_t rover;
};
int domid_pick(struct domid_picker *p, bool (*is_free)(domid_t id), domid_t *out);

/* Global VIRQs (VIRQ_DOM_EXC, ...) go to their handler domain, else domain 0. */
void send_global_virq(unsigned int virq);
int set_global_virq_handler(struct domain *d, unsigned int virq);
void clear_global_virq_handlers(struct domain *d);

void vcpu_pause_nosync(struct vcpu *v);

/* PIRQs (arch/x86/pirq.c; weak defaults in domctl.c until it provides them). */
unsigned int domain_nr_pirqs(const struct domain *d);
unsigned int pirq_access_permitted(struct domain *d, unsigned int pirq);

/* XEN_DOMCTL_getdomaininfo's record of one domain. */
void getdomaininfo(struct domain *d, struct xen_domctl_getdomaininfo *info);

/* The architecture's domctls (arch/x86/domctl.c); -ENOSYS for unknown ones. */
long arch_do_domctl(struct xen_domctl *op, struct domain *d,
                    XEN_GUEST_HANDLE_PARAM(void) u_domctl, bool *copyback);

#endif /* XEN_DOMAIN_H */
