/*
 * Message-signalled interrupts (arch/x86/msi.c).  The hypervisor, not domain 0,
 * writes the address and data of every MSI and MSI-X vector, as Xen does: the
 * message names one of the hypervisor's vectors on the CPU that takes device
 * interrupts, and the IRQ layer turns it into an event for the PIRQ's owner.
 * Domain 0 still enables MSI or MSI-X in the capability's control register.
 */
#ifndef ASM_MSI_H
#define ASM_MSI_H

#include <xen/types.h>

struct pci_dev;

/* Address and data of a message (Intel SDM vol. 3, "Message Signalled Interrupts"). */
#define MSI_ADDR_BASE           0xfee00000u
#define MSI_ADDR_DEST_SHIFT     12
#define MSI_DATA_LEVEL_ASSERT   (1u << 14)

/* One vector of a device; guarded by pcidevs_lock (fields fixed once set up). */
struct msi_desc {
    struct pci_dev *dev;
    struct msi_desc *next;      /* on dev->msi_list */
    bool msix;
    bool maskable;              /* MSI-X, or MSI with per-vector masking */
    bool masked;                /* as msi_set_mask() last left it */
    unsigned int entry;         /* MSI-X table index; 0 for MSI */
    unsigned int irq;
    u8 vector;
    u32 dest;                   /* APIC id */
    volatile u8 *entry_va;      /* MSI-X: this entry of the mapped table */
};

/*
 * Give 'dev' one message for 'irq' ('vector' on APIC id 'dest'): MSI if 'msix' is
 * false, else MSI-X table entry 'entry_nr'.  The vector starts masked.  The caller
 * holds pcidevs_lock.  Returns 0 and the descriptor in *out, or -ENODEV (no such
 * capability, no table BAR), -EINVAL (entry out of range, table in RAM), -EEXIST
 * (MSI already set up, or that MSI-X entry taken), -EBUSY (the other kind of
 * message is in use on the device), -ENOMEM / -ENOSPC (table mappings).
 */
int msi_setup(struct pci_dev *dev, bool msix, unsigned int entry_nr, u64 table_base,
              unsigned int irq, unsigned int vector, u32 dest, struct msi_desc **out);
/* Mask the vector, take it off its device and free it (pcidevs_lock held). */
void msi_free(struct msi_desc *m);
/* Mask or unmask one vector; a no-op for MSI without per-vector masking. */
void msi_set_mask(struct msi_desc *m, bool mask);
/* Write every vector of 'dev' again, after a reset (pcidevs_lock held). */
void msi_restore(struct pci_dev *dev);

#endif /* ASM_MSI_H */
