/*
 * Physical IRQs of a domain (arch/x86/pirq.c): the numbers a guest names
 * interrupts by in physdev_op and EVTCHNOP_bind_pirq, each mapped to one of the
 * hypervisor's IRQs (a GSI or an MSI vector, xen/irq.h).  The table is guarded by
 * the domain's event_lock.
 */
#ifndef ASM_PIRQ_H
#define ASM_PIRQ_H

#include <xen/types.h>
#include <public/xen.h>
#include <public/event_channel.h>

struct domain;

/*
 * EVTCHNOP_bind_pirq and the closing of a PIRQ port (event_lock held).  Bind:
 * -EINVAL (out of range, or not mapped), -EPERM (a domain without the right to
 * map it), -EEXIST (bound already), or what the IRQ layer says.
 */
int pirq_guest_bind(struct domain *d, unsigned int pirq, evtchn_port_t port, bool will_share);
void pirq_guest_unbind(struct domain *d, unsigned int pirq);
/* The port a PIRQ is bound to, 0 if none (event_lock held). */
evtchn_port_t pirq_to_evtchn(struct domain *d, unsigned int pirq);
/* Unmap every PIRQ and free the table; its ports are closed already. */
void pirq_domain_destroy(struct domain *d);

/*
 * The physdev_op commands about PIRQs, with their argument already copied in
 * (physdev.c); each returns 0 or a negative errno, and fills the OUT fields.
 * pirq_map: the caller must be the hardware domain (-EPERM); GSI, MSI and MSI-X.
 */
struct physdev_map_pirq;
struct physdev_unmap_pirq;
struct physdev_irq_status_query;
struct physdev_get_free_pirq;
long pirq_map(struct physdev_map_pirq *map);
long pirq_unmap(const struct physdev_unmap_pirq *unmap);
long pirq_eoi(unsigned int pirq);
/* Register the EOI bitmap page; v1: PHYSDEVOP_eoi also unmasks the port. */
long pirq_eoi_gmfn(xen_pfn_t gmfn, bool v1);
long pirq_status_query(struct physdev_irq_status_query *q);
long pirq_get_free(struct physdev_get_free_pirq *g);
/* The obsolete PHYSDEVOP_IRQ_UNMASK_NOTIFY: EOI what waits and is not masked. */
long pirq_unmask_notify(void);

/* event_channel.c: unmask a port of d as EVTCHNOP_unmask would (event_lock not held). */
int evtchn_unmask_port(struct domain *d, evtchn_port_t port);

#endif /* ASM_PIRQ_H */
