/*
 * physdev_op: a guest's I/O privilege level and I/O bitmap, and (for domain 0)
 * the interrupt plumbing: GSIs and MSIs bound to PIRQs, delivered as events.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/domain.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <public/physdev.h>

long pirq_physdev_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);

long do_physdev_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct vcpu *v = current;

    switch ( cmd )
    {
    case PHYSDEVOP_set_iopl:
    {
        struct physdev_set_iopl op;

        if ( raw_copy_from_guest(&op, arg.p, sizeof(op)) )
            return -EFAULT;
        if ( op.iopl > 3 )
            return -EINVAL;
        /* Any PV guest may ask; what a port access does depends on its permissions. */
        v->arch.pv.iopl = op.iopl;
        return 0;
    }

    case PHYSDEVOP_alloc_irq_vector:
    {
        struct physdev_irq op;

        /* A no-op in Xen (vector = irq); anything else makes Linux drop the IRQ. */
        if ( raw_copy_from_guest(&op, arg.p, sizeof(op)) )
            return -EFAULT;
        op.vector = op.irq;
        return raw_copy_to_guest(arg.p, &op, sizeof(op)) ? -EFAULT : 0;
    }
    }
    return pirq_physdev_op(cmd, arg);
}
