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

/* The PHYSDEVOPs about interrupts and PCI devices (physdev.c hands them on). */
long pirq_physdev_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);

/* event_channel.c: unmask a port of d as EVTCHNOP_unmask would (event_lock not held). */
int evtchn_unmask_port(struct domain *d, evtchn_port_t port);

#endif /* ASM_PIRQ_H */
