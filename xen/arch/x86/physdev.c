/*
 * physdev_op: a guest's I/O privilege level, and (for domain 0) the interrupt
 * plumbing and the machine's devices: GSIs and MSIs mapped to PIRQs (pirq.c) and
 * delivered as events, the IO-APICs, the PCI devices dom0 finds.  Each command's
 * argument is copied in, checked and handed on; the answer is copied back only
 * when the command succeeded.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/irq.h>
#include <xen/sched.h>
#include <asm/domain.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/io_apic.h>
#include <asm/msi.h>
#include <asm/pci.h>
#include <asm/pirq.h>
#include <public/physdev.h>

/*
 * PHYSDEVOP_apic_write, as Xen's ioapic_guest_write treats it: the hypervisor
 * owns vectors and destinations, so only a redirection entry's trigger mode and
 * polarity are taken from the low word, and only for a line nobody uses yet;
 * everything else is accepted and ignored.
 */
static long physdev_apic_write(const struct physdev_apic *a)
{
    unsigned int gsi;

    if ( io_apic_reg_gsi(a->apic_physbase, a->reg, &gsi) )
    {
        u32 dummy;

        /* Not a redirection entry: fine if the register exists. */
        return io_apic_guest_read(a->apic_physbase, a->reg, &dummy);
    }
    if ( (a->reg - IO_APIC_REDTBL) & 1 )
        return 0;                               /* destination: the hypervisor's */
    if ( irq_setup_gsi(gsi, a->value & RTE_LEVEL, a->value & RTE_ACTIVE_LOW) == -EINVAL )
        return -EINVAL;
    return 0;                                   /* a live line stays as it is */
}

/*
 * The PCI device commands: record or forget a device, write its MSI messages
 * again, note that pciback prepared or released its MSI-X.  -ENODEV for a device
 * not recorded (or without MSI-X, for the last two).
 */
static long pci_op(int cmd, u16 seg, u8 bus, u8 devfn)
{
    struct pci_dev *dev;
    long rc = 0;

    switch ( cmd )
    {
    case PHYSDEVOP_manage_pci_add:
    case PHYSDEVOP_manage_pci_add_ext:
    case PHYSDEVOP_pci_device_add:
        return pci_add_device(seg, bus, devfn);
    case PHYSDEVOP_manage_pci_remove:
    case PHYSDEVOP_pci_device_remove:
        return pci_remove_device(seg, bus, devfn);
    }
    pcidevs_lock();
    dev = pci_get_pdev(seg, bus, devfn);
    if ( !dev )
        rc = -ENODEV;
    else if ( cmd == PHYSDEVOP_restore_msi || cmd == PHYSDEVOP_restore_msi_ext )
        msi_restore(dev);
    else if ( !dev->msix_pos )
        rc = -ENODEV;
    else if ( cmd == PHYSDEVOP_prepare_msix )
    {
        if ( dev->msi_list )
            rc = -EBUSY;
        else
            dev->msix_prepared = true;
    }
    else
        dev->msix_prepared = false;
    pcidevs_unlock();
    return rc;
}

#define COPY_IN(op)                                                         \
    do {                                                                    \
        if ( raw_copy_from_guest(&(op), arg.p, sizeof(op)) )                \
            return -EFAULT;                                                 \
    } while ( 0 )

/* Copy 'op' back, unless the call failed: then only its result counts. */
#define COPY_OUT(op, rc)                                                    \
    ((rc) ? (rc) : raw_copy_to_guest(arg.p, &(op), sizeof(op)) ? -EFAULT : 0)

/* The commands only the hardware domain may use (checked by the caller). */
static long privileged_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    long rc;

    switch ( cmd )
    {
    case PHYSDEVOP_setup_gsi:
    {
        struct physdev_setup_gsi op;

        COPY_IN(op);
        if ( op.gsi < 0 )
            return -EINVAL;
        return irq_setup_gsi(op.gsi, op.triggering, op.polarity);
    }
    case PHYSDEVOP_apic_read:
    {
        struct physdev_apic op;

        COPY_IN(op);
        rc = io_apic_guest_read(op.apic_physbase, op.reg, &op.value);
        return COPY_OUT(op, rc);
    }
    case PHYSDEVOP_apic_write:
    {
        struct physdev_apic op;

        COPY_IN(op);
        return physdev_apic_write(&op);
    }
    case PHYSDEVOP_manage_pci_add:
    case PHYSDEVOP_manage_pci_remove:
    {
        struct physdev_manage_pci op;

        COPY_IN(op);
        return pci_op(cmd, 0, op.bus, op.devfn);
    }
    case PHYSDEVOP_manage_pci_add_ext:
    {
        struct physdev_manage_pci_ext op;

        COPY_IN(op);
        return pci_op(cmd, 0, op.bus, op.devfn);
    }
    case PHYSDEVOP_pci_device_add:
    {
        struct physdev_pci_device_add op;   /* optarr[] is not read */

        COPY_IN(op);
        return pci_op(cmd, op.seg, op.bus, op.devfn);
    }
    case PHYSDEVOP_restore_msi:
    {
        struct physdev_restore_msi op;

        COPY_IN(op);
        return pci_op(cmd, 0, op.bus, op.devfn);
    }
    case PHYSDEVOP_pci_device_remove:
    case PHYSDEVOP_restore_msi_ext:
    case PHYSDEVOP_prepare_msix:
    case PHYSDEVOP_release_msix:
    {
        struct physdev_pci_device op;

        COPY_IN(op);
        return pci_op(cmd, op.seg, op.bus, op.devfn);
    }
    }
    return -ENOSYS;
}

/* The hypercall: every command a PV guest may use, checked before it acts. */
long do_physdev_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct vcpu *v = current;
    long rc;

    switch ( cmd )
    {
    case PHYSDEVOP_set_iopl:
    {
        struct physdev_set_iopl op;

        COPY_IN(op);
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
        COPY_IN(op);
        op.vector = op.irq;
        return COPY_OUT(op, 0);
    }
    case PHYSDEVOP_map_pirq:
    {
        struct physdev_map_pirq op;

        COPY_IN(op);
        rc = pirq_map(&op);
        return COPY_OUT(op, rc);
    }
    case PHYSDEVOP_unmap_pirq:
    {
        struct physdev_unmap_pirq op;

        COPY_IN(op);
        return pirq_unmap(&op);
    }
    case PHYSDEVOP_eoi:
    {
        struct physdev_eoi op;

        COPY_IN(op);
        return pirq_eoi(op.irq);
    }
    case PHYSDEVOP_pirq_eoi_gmfn_v1:
    case PHYSDEVOP_pirq_eoi_gmfn_v2:
    {
        struct physdev_pirq_eoi_gmfn op;

        COPY_IN(op);
        return pirq_eoi_gmfn(op.gmfn, cmd == PHYSDEVOP_pirq_eoi_gmfn_v1);
    }
    case PHYSDEVOP_irq_status_query:
    {
        struct physdev_irq_status_query op;

        COPY_IN(op);
        rc = pirq_status_query(&op);
        return COPY_OUT(op, rc);
    }
    case PHYSDEVOP_get_free_pirq:
    {
        struct physdev_get_free_pirq op;

        COPY_IN(op);
        rc = pirq_get_free(&op);
        return COPY_OUT(op, rc);
    }
    case PHYSDEVOP_IRQ_UNMASK_NOTIFY:
        return pirq_unmask_notify();
    case PHYSDEVOP_setup_gsi:
    case PHYSDEVOP_apic_read:
    case PHYSDEVOP_apic_write:
    case PHYSDEVOP_manage_pci_add:
    case PHYSDEVOP_manage_pci_remove:
    case PHYSDEVOP_manage_pci_add_ext:
    case PHYSDEVOP_pci_device_add:
    case PHYSDEVOP_pci_device_remove:
    case PHYSDEVOP_restore_msi:
    case PHYSDEVOP_restore_msi_ext:
    case PHYSDEVOP_prepare_msix:
    case PHYSDEVOP_release_msix:
        if ( !current->domain->is_privileged )
            return -EPERM;
        return privileged_op(cmd, arg);
    }
    return -ENOSYS;
}
