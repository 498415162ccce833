/*
 * PCI configuration space and the devices domain 0 reports.
 *
 * The hypervisor touches configuration space only to program MSI and MSI-X
 * (msi.c).  It uses mechanism 1 (address to port 0xcf8, data at 0xcfc-0xcff),
 * which domain 0 also uses through the port emulation; pci_conf_lock serialises
 * the two.  Devices are recorded when domain 0 reports them, as Xen does: MSI is
 * refused for a device nobody reported.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <asm/io.h>
#include <asm/pci.h>

static DEFINE_SPINLOCK(conf_lock);
static DEFINE_SPINLOCK(devs_lock);
static struct pci_dev *pci_devs;        /* guarded by devs_lock */

unsigned long pci_conf_lock(void)
{
    unsigned long flags;

    spin_lock_irqsave(&conf_lock, flags);
    return flags;
}

void pci_conf_unlock(unsigned long flags)
{
    spin_unlock_irqrestore(&conf_lock, flags);
}

static void conf_select(u8 bus, u8 devfn, unsigned int reg)
{
    outl(0x80000000u | ((u32)bus << 16) | ((u32)devfn << 8) | (reg & 0xfc), 0xcf8);
}

u8 pci_conf_read8(u8 bus, u8 devfn, unsigned int reg)
{
    unsigned long flags = pci_conf_lock();
    u8 v;

    conf_select(bus, devfn, reg);
    v = inb(0xcfc + (reg & 3));
    pci_conf_unlock(flags);
    return v;
}

u16 pci_conf_read16(u8 bus, u8 devfn, unsigned int reg)
{
    unsigned long flags = pci_conf_lock();
    u16 v;

    conf_select(bus, devfn, reg);
    v = inw(0xcfc + (reg & 2));
    pci_conf_unlock(flags);
    return v;
}

u32 pci_conf_read32(u8 bus, u8 devfn, unsigned int reg)
{
    unsigned long flags = pci_conf_lock();
    u32 v;

    conf_select(bus, devfn, reg);
    v = inl(0xcfc);
    pci_conf_unlock(flags);
    return v;
}

void pci_conf_write8(u8 bus, u8 devfn, unsigned int reg, u8 val)
{
    unsigned long flags = pci_conf_lock();

    conf_select(bus, devfn, reg);
    outb(val, 0xcfc + (reg & 3));
    pci_conf_unlock(flags);
}

void pci_conf_write16(u8 bus, u8 devfn, unsigned int reg, u16 val)
{
    unsigned long flags = pci_conf_lock();

    conf_select(bus, devfn, reg);
    outw(val, 0xcfc + (reg & 2));
    pci_conf_unlock(flags);
}

void pci_conf_write32(u8 bus, u8 devfn, unsigned int reg, u32 val)
{
    unsigned long flags = pci_conf_lock();

    conf_select(bus, devfn, reg);
    outl(val, 0xcfc);
    pci_conf_unlock(flags);
}

unsigned int pci_find_cap(u8 bus, u8 devfn, unsigned int cap)
{
    unsigned int pos, ttl = 48;     /* at most 48 capabilities fit in 192 bytes */

    if ( !(pci_conf_read16(bus, devfn, PCI_STATUS) & PCI_STATUS_CAP_LIST) )
        return 0;
    pos = pci_conf_read8(bus, devfn, PCI_CAPABILITY_LIST);
    while ( ttl-- && pos >= 0x40 )
    {
        pos &= ~3u;
        if ( pci_conf_read8(bus, devfn, pos) == cap )
            return pos;
        pos = pci_conf_read8(bus, devfn, pos + 1);
    }
    return 0;
}

void pcidevs_lock(void)
{
    spin_lock(&devs_lock);
}

void pcidevs_unlock(void)
{
    spin_unlock(&devs_lock);
}

struct pci_dev *pci_get_pdev(u16 seg, u8 bus, u8 devfn)
{
    struct pci_dev *p;

    for ( p = pci_devs; p; p = p->next )
        if ( p->seg == seg && p->bus == bus && p->devfn == devfn )
            return p;
    return NULL;
}

int pci_add_device(u16 seg, u8 bus, u8 devfn)
{
    struct pci_dev *p;
    int rc = 0;

    if ( seg )
        return -EOPNOTSUPP;             /* only segment 0, through ports 0xcf8/0xcfc */
    if ( pci_conf_read16(bus, devfn, PCI_VENDOR_ID) == 0xffff )
        return -ENODEV;
    pcidevs_lock();
    if ( pci_get_pdev(seg, bus, devfn) )
        goto out;                       /* reported again: nothing changes */
    p = xzalloc(struct pci_dev);
    if ( !p )
    {
        rc = -ENOMEM;
        goto out;
    }
    p->seg = seg;
    p->bus = bus;
    p->devfn = devfn;
    p->msi_pos = pci_find_cap(bus, devfn, PCI_CAP_ID_MSI);
    p->msix_pos = pci_find_cap(bus, devfn, PCI_CAP_ID_MSIX);
    p->next = pci_devs;
    pci_devs = p;
    printk(XENLOG_INFO "PCI add device %04x:%02x:%02x.%u%s%s\n", seg, bus, PCI_SLOT(devfn),
           PCI_FUNC(devfn), p->msi_pos ? " MSI" : "", p->msix_pos ? " MSI-X" : "");
 out:
    pcidevs_unlock();
    return rc;
}

int pci_remove_device(u16 seg, u8 bus, u8 devfn)
{
    struct pci_dev **pp, *p;
    int rc = -ENODEV;

    pcidevs_lock();
    for ( pp = &pci_devs; (p = *pp); pp = &p->next )
    {
        if ( p->seg != seg || p->bus != bus || p->devfn != devfn )
            continue;
        if ( p->msi_list )
        {
            rc = -EBUSY;
            break;
        }
        *pp = p->next;
        /* Its MSI-X table mapping, if any, stays in msi.c's cache for reuse. */
        xfree(p);
        printk(XENLOG_INFO "PCI remove device %04x:%02x:%02x.%u\n", seg, bus,
               PCI_SLOT(devfn), PCI_FUNC(devfn));
        rc = 0;
        break;
    }
    pcidevs_unlock();
    return rc;
}

void dump_pci_devices(void)
{
    struct pci_dev *p;

    printk("PCI devices reported by domain 0:\n");
    pcidevs_lock();
    for ( p = pci_devs; p; p = p->next )
        printk("  %04x:%02x:%02x.%u%s%s%s\n", p->seg, p->bus, PCI_SLOT(p->devfn),
               PCI_FUNC(p->devfn), p->msi_pos ? " MSI" : "", p->msix_pos ? " MSI-X" : "",
               p->msi_list ? " (interrupts mapped)" : "");
    pcidevs_unlock();
}
