/*
 * MSI and MSI-X programming (see asm/msi.h).
 *
 * Capability layouts (PCI Local Bus 3.0, section 6.8):
 *   MSI:   +2 control (bit 0 enable, 6:4 vectors enabled, 7 64-bit address,
 *          8 per-vector masking), +4 address, then [+8 upper address,] data, mask.
 *   MSI-X: +2 control (10:0 table size - 1, 14 function mask, 15 enable),
 *          +4 table offset | BAR indicator; 16-byte entries of address low,
 *          address high, data, vector control (bit 0 masked).
 * Table entries are written with the function masked and MSI-X enabled, since
 * some devices ignore table writes while MSI-X is off (Linux and Xen do the same);
 * the control register is then put back as domain 0 left it.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <asm/e820.h>
#include <asm/io.h>
#include <asm/msi.h>
#include <asm/pci.h>

#define MSI_FLAGS_ENABLE        0x0001
#define MSI_FLAGS_QSIZE         0x0070
#define MSI_FLAGS_64BIT         0x0080
#define MSI_FLAGS_MASKBIT       0x0100

#define MSIX_FLAGS_QSIZE        0x07ff
#define MSIX_FLAGS_MASKALL      0x4000
#define MSIX_FLAGS_ENABLE       0x8000
#define MSIX_TABLE_BIR          0x7
#define MSIX_ENTRY_SIZE         16
#define MSIX_ENTRY_VECTOR_CTRL  12
#define MSIX_VECTOR_MASKED      1

/*
 * MSI-X table mappings.  The hypervisor's vmap space is never given back, so a
 * table is mapped once per physical address and the mapping reused; a domain 0
 * that moves BARs around endlessly runs out of slots (-ENOSPC), not of address
 * space.  Guarded by pcidevs_lock.
 */
#define MSIX_MAPS 64
static struct {
    u64 pa;                     /* page-aligned */
    unsigned int pages;
    volatile u8 *va;
} msix_maps[MSIX_MAPS];

static volatile u8 *msix_map_table(u64 pa, unsigned int len, int *err)
{
    u64 first = pa & PAGE_MASK;
    unsigned int pages = PFN_UP(pa + len - first), i;
    void *va;

    for ( i = 0; i < MSIX_MAPS && msix_maps[i].va; i++ )
        if ( msix_maps[i].pa == first && msix_maps[i].pages >= pages )
            return msix_maps[i].va + (pa - first);
    if ( i == MSIX_MAPS )
    {
        *err = -ENOSPC;
        return NULL;
    }
    va = ioremap(first, (size_t)pages << PAGE_SHIFT);
    if ( !va )
    {
        *err = -ENOMEM;
        return NULL;
    }
    msix_maps[i].pa = first;
    msix_maps[i].pages = pages;
    msix_maps[i].va = va;
    return msix_maps[i].va + (pa - first);
}

/* Does [pa, pa + len) touch RAM?  A table there would let a device write memory. */
static bool range_touches_ram(u64 pa, u64 len)
{
    unsigned int i;

    for ( i = 0; i < e820.nr_map; i++ )
        if ( e820.map[i].type == E820_RAM && pa < e820.map[i].addr + e820.map[i].size &&
             e820.map[i].addr < pa + len )
            return true;
    return false;
}

/* The memory address BAR 'bir' decodes, or 0 (I/O BAR, no such BAR, unassigned). */
static u64 read_mem_bar(const struct pci_dev *dev, unsigned int bir)
{
    unsigned int reg = PCI_BASE_ADDRESS_0 + 4 * bir;
    unsigned int max_bars = (pci_conf_read8(dev->bus, dev->devfn, PCI_HEADER_TYPE) & 0x7f)
                            ? 2 : 6;
    u32 lo;
    u64 addr;

    if ( bir >= max_bars )
        return 0;
    lo = pci_conf_read32(dev->bus, dev->devfn, reg);
    if ( lo & 1 )
        return 0;                               /* I/O space */
    addr = lo & ~0xfULL;
    if ( ((lo >> 1) & 3) == 2 )                 /* 64-bit BAR: the next one is the top */
    {
        if ( bir + 1 >= max_bars )
            return 0;
        addr |= (u64)pci_conf_read32(dev->bus, dev->devfn, reg + 4) << 32;
    }
    return addr;
}

static unsigned int msi_data_reg(unsigned int pos, u16 control)
{
    return pos + ((control & MSI_FLAGS_64BIT) ? 0xc : 0x8);
}

static unsigned int msi_mask_reg(unsigned int pos, u16 control)
{
    return pos + ((control & MSI_FLAGS_64BIT) ? 0x10 : 0xc);
}

static u32 msg_address(const struct msi_desc *m)
{
    return MSI_ADDR_BASE | (m->dest << MSI_ADDR_DEST_SHIFT);
}

static u32 msg_data(const struct msi_desc *m)
{
    /* Fixed delivery, edge-triggered. */
    return MSI_DATA_LEVEL_ASSERT | m->vector;
}

/* Write address and data of an MSI vector; masked if the device can mask. */
static void msi_write(const struct msi_desc *m, bool masked)
{
    const struct pci_dev *dev = m->dev;
    unsigned int pos = dev->msi_pos;
    u16 control = pci_conf_read16(dev->bus, dev->devfn, pos + 2);

    if ( control & MSI_FLAGS_MASKBIT )
        pci_conf_write32(dev->bus, dev->devfn, msi_mask_reg(pos, control), masked);
    pci_conf_write32(dev->bus, dev->devfn, pos + 4, msg_address(m));
    if ( control & MSI_FLAGS_64BIT )
        pci_conf_write32(dev->bus, dev->devfn, pos + 8, 0);
    pci_conf_write16(dev->bus, dev->devfn, msi_data_reg(pos, control), msg_data(m));
    /* One vector: clear "multiple message enable". */
    pci_conf_write16(dev->bus, dev->devfn, pos + 2, control & ~MSI_FLAGS_QSIZE);
}

/* Write one MSI-X table entry, function-masked while it is written. */
static void msix_write(const struct msi_desc *m, bool masked)
{
    const struct pci_dev *dev = m->dev;
    unsigned int ctrl_reg = dev->msix_pos + 2;
    u16 control = pci_conf_read16(dev->bus, dev->devfn, ctrl_reg);

    pci_conf_write16(dev->bus, dev->devfn, ctrl_reg,
                     control | MSIX_FLAGS_ENABLE | MSIX_FLAGS_MASKALL);
    writel(MSIX_VECTOR_MASKED, m->entry_va + MSIX_ENTRY_VECTOR_CTRL);
    writel(msg_address(m), m->entry_va + 0);
    writel(0, m->entry_va + 4);
    writel(msg_data(m), m->entry_va + 8);
    if ( !masked )
        writel(0, m->entry_va + MSIX_ENTRY_VECTOR_CTRL);
    (void)readl(m->entry_va + MSIX_ENTRY_VECTOR_CTRL);     /* flush the writes */
    pci_conf_write16(dev->bus, dev->devfn, ctrl_reg, control);
}

/* Is a vector of this kind (and, for MSI-X, this entry) set up on 'dev'? */
static bool has_entry(const struct pci_dev *dev, bool msix, bool any_entry, unsigned int entry)
{
    const struct msi_desc *m;

    for ( m = dev->msi_list; m; m = m->next )
        if ( m->msix == msix && (!msix || any_entry || m->entry == entry) )
            return true;
    return false;
}

/* Check and map the MSI-X table of 'dev' for entry 'entry_nr'. */
static int msix_prepare(struct pci_dev *dev, unsigned int entry_nr, u64 table_base,
                        volatile u8 **entry_va)
{
    unsigned int pos = dev->msix_pos, nr;
    u32 table;
    u64 bar, pa;
    volatile u8 *va;
    int err = 0;

    nr = (pci_conf_read16(dev->bus, dev->devfn, pos + 2) & MSIX_FLAGS_QSIZE) + 1;
    if ( entry_nr >= nr )
        return -EINVAL;
    table = pci_conf_read32(dev->bus, dev->devfn, pos + 4);
    bar = read_mem_bar(dev, table & MSIX_TABLE_BIR);
    if ( !bar )
        return -ENODEV;
    if ( table_base && table_base != bar )
        printk(XENLOG_WARNING "MSI-X %02x:%02x.%u: table BAR at %#lx, domain 0 said %#lx\n",
               dev->bus, PCI_SLOT(dev->devfn), PCI_FUNC(dev->devfn),
               (unsigned long)bar, (unsigned long)table_base);
    pa = bar + (table & ~MSIX_TABLE_BIR);
    if ( range_touches_ram(pa, (u64)nr * MSIX_ENTRY_SIZE) )
        return -EINVAL;
    if ( dev->msix_table && dev->msix_table_pa == pa && dev->msix_nr_entries == nr )
        va = dev->msix_table;
    else
    {
        va = msix_map_table(pa, nr * MSIX_ENTRY_SIZE, &err);
        if ( !va )
            return err;
        dev->msix_table = va;
        dev->msix_table_pa = pa;
        dev->msix_nr_entries = nr;
    }
    *entry_va = va + entry_nr * MSIX_ENTRY_SIZE;
    return 0;
}

int msi_setup(struct pci_dev *dev, bool msix, unsigned int entry_nr, u64 table_base,
              unsigned int irq, unsigned int vector, u32 dest, struct msi_desc **out)
{
    volatile u8 *entry_va = NULL;
    struct msi_desc *m;
    int rc;

    if ( !(msix ? dev->msix_pos : dev->msi_pos) )
        return -ENODEV;
    if ( has_entry(dev, msix, false, entry_nr) )
        return -EEXIST;
    if ( has_entry(dev, !msix, true, 0) )
        return -EBUSY;
    if ( msix && (rc = msix_prepare(dev, entry_nr, table_base, &entry_va)) )
        return rc;
    m = xzalloc(struct msi_desc);
    if ( !m )
        return -ENOMEM;
    m->dev = dev;
    m->msix = msix;
    m->entry = msix ? entry_nr : 0;
    m->irq = irq;
    m->vector = vector;
    m->dest = dest;
    m->entry_va = entry_va;
    m->masked = true;
    m->maskable = msix ||
        (pci_conf_read16(dev->bus, dev->devfn, dev->msi_pos + 2) & MSI_FLAGS_MASKBIT);
    if ( msix )
        msix_write(m, true);
    else
        msi_write(m, true);
    m->next = dev->msi_list;
    dev->msi_list = m;
    *out = m;
    return 0;
}

void msi_set_mask(struct msi_desc *m, bool mask)
{
    const struct pci_dev *dev = m->dev;

    m->masked = mask;
    if ( m->msix )
    {
        writel(mask ? MSIX_VECTOR_MASKED : 0, m->entry_va + MSIX_ENTRY_VECTOR_CTRL);
        (void)readl(m->entry_va + MSIX_ENTRY_VECTOR_CTRL);
    }
    else if ( m->maskable )
    {
        u16 control = pci_conf_read16(dev->bus, dev->devfn, dev->msi_pos + 2);

        pci_conf_write32(dev->bus, dev->devfn, msi_mask_reg(dev->msi_pos, control), mask);
    }
}

void msi_free(struct msi_desc *m)
{
    struct pci_dev *dev = m->dev;
    struct msi_desc **pp;

    msi_set_mask(m, true);
    for ( pp = &dev->msi_list; *pp; pp = &(*pp)->next )
        if ( *pp == m )
        {
            *pp = m->next;
            break;
        }
    /* As Xen: MSI goes off with its vector, MSI-X with its last entry. */
    if ( !m->msix )
    {
        u16 control = pci_conf_read16(dev->bus, dev->devfn, dev->msi_pos + 2);

        pci_conf_write16(dev->bus, dev->devfn, dev->msi_pos + 2, control & ~MSI_FLAGS_ENABLE);
    }
    else if ( !dev->msi_list )
    {
        u16 control = pci_conf_read16(dev->bus, dev->devfn, dev->msix_pos + 2);

        pci_conf_write16(dev->bus, dev->devfn, dev->msix_pos + 2,
                         control & ~MSIX_FLAGS_ENABLE);
    }
    xfree(m);
}

void msi_restore(struct pci_dev *dev)
{
    struct msi_desc *m;

    /* The mask state is what the IRQ layer last set, not what a reset left. */
    for ( m = dev->msi_list; m; m = m->next )
        if ( m->msix )
            msix_write(m, m->masked);
        else
            msi_write(m, m->masked);
}
