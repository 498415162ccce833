/*
 * Physical IRQs of domain 0 (PIRQs): GSIs and MSIs the hypervisor routes to event
 * channels.  Not implemented yet (the dom0-devices milestone): the physdev calls
 * answer -ENOSYS and no PIRQ can be bound.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hypercall.h>

int pirq_guest_bind(struct domain *d, unsigned int pirq, bool will_share);
void pirq_guest_unbind(struct domain *d, unsigned int pirq);
long pirq_physdev_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);

int pirq_guest_bind(struct domain *d, unsigned int pirq, bool will_share)
{
    return -EINVAL;
}

void pirq_guest_unbind(struct domain *d, unsigned int pirq)
{
}

long pirq_physdev_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    return -ENOSYS;
}
