/*
 * PCI devices as the hypervisor knows them (arch/x86/pci.c): configuration space
 * access (mechanism 1, ports 0xcf8/0xcfc, segment 0, the first 256 bytes), and the
 * list of devices domain 0 reported (PHYSDEVOP_pci_device_add and friends), which
 * MSI and MSI-X need.
 */
#ifndef ASM_PCI_H
#define ASM_PCI_H

#include <xen/types.h>

#define PCI_VENDOR_ID       0x00
#define PCI_COMMAND         0x04
#define PCI_STATUS          0x06
#define  PCI_STATUS_CAP_LIST 0x10
#define PCI_HEADER_TYPE     0x0e
#define PCI_BASE_ADDRESS_0  0x10
#define PCI_CAPABILITY_LIST 0x34

#define PCI_CAP_ID_MSI      0x05
#define PCI_CAP_ID_MSIX     0x11

#define PCI_SLOT(devfn)     (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)     ((devfn) & 7)

struct msi_desc;

/* A device domain 0 told us about; guarded by pcidevs_lock. */
struct pci_dev {
    u16 seg;
    u8 bus;
    u8 devfn;
    u8 msi_pos;                 /* MSI capability offset, 0 if none */
    u8 msix_pos;                /* MSI-X capability offset, 0 if none */
    bool msix_prepared;         /* PHYSDEVOP_prepare_msix (pciback) */
    /* MSI-X table: its address when last mapped, and the mapping (msi.c). */
    u64 msix_table_pa;
    unsigned int msix_nr_entries;
    volatile u8 *msix_table;
    struct msi_desc *msi_list;  /* interrupts mapped on this device */
    struct pci_dev *next;
};

/*
 * Configuration space of seg 0 bus:devfn, offset 'reg' (< 256, naturally
 * aligned).  Serialised with each other and with domain 0's own accesses through
 * ports 0xcf8/0xcfc (pci_conf_lock).
 */
u8 pci_conf_read8(u8 bus, u8 devfn, unsigned int reg);
u16 pci_conf_read16(u8 bus, u8 devfn, unsigned int reg);
u32 pci_conf_read32(u8 bus, u8 devfn, unsigned int reg);
void pci_conf_write8(u8 bus, u8 devfn, unsigned int reg, u8 val);
void pci_conf_write16(u8 bus, u8 devfn, unsigned int reg, u16 val);
void pci_conf_write32(u8 bus, u8 devfn, unsigned int reg, u32 val);

/*
 * For the emulation of domain 0's port accesses: hold this lock from its write of
 * 0xcf8 to its access of 0xcfc-0xcff, so the hypervisor's accesses cannot come in
 * between.
 */
unsigned long pci_conf_lock(void);
void pci_conf_unlock(unsigned long flags);

/* Offset of capability 'cap' in the device's list, or 0. */
unsigned int pci_find_cap(u8 bus, u8 devfn, unsigned int cap);

/* The device list.  Callers of pci_get_pdev() hold pcidevs_lock. */
void pcidevs_lock(void);
void pcidevs_unlock(void);
struct pci_dev *pci_get_pdev(u16 seg, u8 bus, u8 devfn);
/* 0, or -ENODEV (no such device answers), -ENOMEM, -EOPNOTSUPP (segment). */
int pci_add_device(u16 seg, u8 bus, u8 devfn);
/* 0, or -ENODEV (not known), -EBUSY (interrupts still mapped on it). */
int pci_remove_device(u16 seg, u8 bus, u8 devfn);
void dump_pci_devices(void);

#endif /* ASM_PCI_H */
