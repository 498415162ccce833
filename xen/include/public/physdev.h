/* SPDX-License-Identifier: MIT */
/*
 * public/physdev.h: HYPERVISOR_physdev_op(int cmd, void *arg), physical
 * device and interrupt management for domains that drive hardware.
 *
 * Physical IRQs reach a domain as "pirqs" bound to event channels
 * (EVTCHNOP_bind_pirq).  Dom0 maps GSIs and MSIs to pirqs, acknowledges
 * them, reports the PCI devices it finds, and sets the I/O privilege level
 * of its vCPUs.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_PHYSDEV_H__
#define __XEN_PUBLIC_PHYSDEV_H__

#include "xen.h"

/* PHYSDEVOP_eoi: the guest finished servicing a pirq (end of interrupt). */
#define PHYSDEVOP_eoi 12
struct physdev_eoi {
    uint32_t irq; /* IN: pirq */
};
typedef struct physdev_eoi physdev_eoi_t;
DEFINE_XEN_GUEST_HANDLE(physdev_eoi_t);

/*
 * PHYSDEVOP_pirq_eoi_gmfn_v1/_v2: register a page used as a bitmap indexed
 * by pirq, in which the hypervisor says which pirqs need PHYSDEVOP_eoi.
 * After v1 (not v2), PHYSDEVOP_eoi also unmasks the pirq's event channel.
 */
#define PHYSDEVOP_pirq_eoi_gmfn_v1 17
#define PHYSDEVOP_pirq_eoi_gmfn_v2 28
struct physdev_pirq_eoi_gmfn {
    xen_pfn_t gmfn; /* IN: the bitmap page */
};
typedef struct physdev_pirq_eoi_gmfn physdev_pirq_eoi_gmfn_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pirq_eoi_gmfn_t);

/* PHYSDEVOP_irq_status_query: how a pirq must be handled. */
#define PHYSDEVOP_irq_status_query 5
struct physdev_irq_status_query {
    uint32_t irq;   /* IN: pirq */
    uint32_t flags; /* OUT: XENIRQSTAT_* */
};
typedef struct physdev_irq_status_query physdev_irq_status_query_t;
DEFINE_XEN_GUEST_HANDLE(physdev_irq_status_query_t);

/* The pirq needs PHYSDEVOP_eoi once serviced. */
#define _XENIRQSTAT_needs_eoi (0)
#define XENIRQSTAT_needs_eoi (1U << _XENIRQSTAT_needs_eoi)
/* The pirq is shared with other domains. */
#define _XENIRQSTAT_shared (1)
#define XENIRQSTAT_shared (1U << _XENIRQSTAT_shared)

/*
 * PHYSDEVOP_set_iopl: the calling vCPU's virtual I/O privilege level; at
 * the level the guest kernel runs at or above, it may use IN/OUT on the
 * ports the domain was granted.
 */
#define PHYSDEVOP_set_iopl 6
struct physdev_set_iopl {
    uint32_t iopl; /* IN: 0-3 */
};
typedef struct physdev_set_iopl physdev_set_iopl_t;
DEFINE_XEN_GUEST_HANDLE(physdev_set_iopl_t);

/* PHYSDEVOP_set_iobitmap: a TSS-style permission bitmap for the vCPU. */
#define PHYSDEVOP_set_iobitmap 7
struct physdev_set_iobitmap {
#if __XEN_INTERFACE_VERSION__ >= 0x00030205
    XEN_GUEST_HANDLE(uint8) bitmap; /* IN: one bit per port, 0 = allowed */
#else
    uint8_t *bitmap; /* IN: one bit per port, 0 = allowed */
#endif
    uint32_t nr_ports; /* IN: ports the bitmap covers */
};
typedef struct physdev_set_iobitmap physdev_set_iobitmap_t;
DEFINE_XEN_GUEST_HANDLE(physdev_set_iobitmap_t);

/* PHYSDEVOP_apic_read/_write: an IO-APIC register. */
#define PHYSDEVOP_apic_read 8
#define PHYSDEVOP_apic_write 9
struct physdev_apic {
    uint64_t apic_physbase; /* IN: the IO-APIC's physical base */
    uint32_t reg;           /* IN: register index */
    uint32_t value;         /* IN for write, OUT for read */
};
typedef struct physdev_apic physdev_apic_t;
DEFINE_XEN_GUEST_HANDLE(physdev_apic_t);

/* PHYSDEVOP_alloc_irq_vector/_free_irq_vector: a vector for an IRQ. */
#define PHYSDEVOP_alloc_irq_vector 10
#define PHYSDEVOP_free_irq_vector 11
struct physdev_irq {
    uint32_t irq;    /* IN */
    uint32_t vector; /* OUT for alloc, IN for free */
};
typedef struct physdev_irq physdev_irq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_irq_t);

/* physdev_map_pirq.type */
#define MAP_PIRQ_TYPE_MSI 0x0
#define MAP_PIRQ_TYPE_GSI 0x1
#define MAP_PIRQ_TYPE_UNKNOWN 0x2
#define MAP_PIRQ_TYPE_MSI_SEG 0x3
#define MAP_PIRQ_TYPE_MULTI_MSI 0x4

/*
 * PHYSDEVOP_map_pirq: give @domid a pirq for a GSI or an MSI(-X) vector.
 * A pirq of -1 on input lets the hypervisor choose.
 */
#define PHYSDEVOP_map_pirq 13
struct physdev_map_pirq {
    domid_t domid;       /* IN */
    int32_t type;        /* IN: MAP_PIRQ_TYPE_* */
    int32_t index;       /* IN: GSI, or MSI-X entry (not for MULTI_MSI) */
    int32_t pirq;        /* IN/OUT */
    int32_t bus;         /* IN: PCI bus; segment in bits 31:16 for *MSI_SEG,
                                MULTI_MSI */
    int32_t devfn;       /* IN: PCI device and function */
    int32_t entry_nr;    /* IN: MSI vectors wanted; OUT for MULTI_MSI */
    uint64_t table_base; /* IN: MSI-X table address */
};
typedef struct physdev_map_pirq physdev_map_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_map_pirq_t);

/* PHYSDEVOP_unmap_pirq: undo PHYSDEVOP_map_pirq. */
#define PHYSDEVOP_unmap_pirq 14
struct physdev_unmap_pirq {
    domid_t domid; /* IN */
    int32_t pirq;  /* IN */
};
typedef struct physdev_unmap_pirq physdev_unmap_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_unmap_pirq_t);

/* PHYSDEVOP_manage_pci_add/_remove: a PCI device on segment 0 (obsolete). */
#define PHYSDEVOP_manage_pci_add 15
#define PHYSDEVOP_manage_pci_remove 16
struct physdev_manage_pci {
    uint8_t bus;   /* IN */
    uint8_t devfn; /* IN */
};
typedef struct physdev_manage_pci physdev_manage_pci_t;
DEFINE_XEN_GUEST_HANDLE(physdev_manage_pci_t);

/* PHYSDEVOP_restore_msi: reprogram a device's MSI after a reset. */
#define PHYSDEVOP_restore_msi 19
struct physdev_restore_msi {
    uint8_t bus;   /* IN */
    uint8_t devfn; /* IN */
};
typedef struct physdev_restore_msi physdev_restore_msi_t;
DEFINE_XEN_GUEST_HANDLE(physdev_restore_msi_t);

/* PHYSDEVOP_manage_pci_add_ext: add a device, possibly an SR-IOV VF. */
#define PHYSDEVOP_manage_pci_add_ext 20
struct physdev_manage_pci_ext {
    uint8_t bus;        /* IN */
    uint8_t devfn;      /* IN */
    uint32_t is_extfn;  /* IN: an ARI extended function */
    uint32_t is_virtfn; /* IN: a virtual function */
    struct {
        uint8_t bus;   /* IN */
        uint8_t devfn; /* IN */
    } physfn;          /* IN: the physical function of a virtfn */
};
typedef struct physdev_manage_pci_ext physdev_manage_pci_ext_t;
DEFINE_XEN_GUEST_HANDLE(physdev_manage_pci_ext_t);

/* Argument of the old physdev_op_compat hypercall (before 0x00030202). */
struct physdev_op {
    uint32_t cmd; /* IN: PHYSDEVOP_* */
    union {
        physdev_irq_status_query_t irq_status_query;
        physdev_set_iopl_t set_iopl;
        physdev_set_iobitmap_t set_iobitmap;
        physdev_apic_t apic_op;
        physdev_irq_t irq_op;
    } u; /* IN/OUT: the argument of cmd */
};
typedef struct physdev_op physdev_op_t;
DEFINE_XEN_GUEST_HANDLE(physdev_op_t);

/* PHYSDEVOP_setup_gsi: trigger mode and polarity of a GSI, from ACPI. */
#define PHYSDEVOP_setup_gsi 21
struct physdev_setup_gsi {
    int32_t gsi;        /* IN */
    uint8_t triggering; /* IN: 0 edge, 1 level */
    uint8_t polarity;   /* IN: 0 active high, 1 active low */
};
typedef struct physdev_setup_gsi physdev_setup_gsi_t;
DEFINE_XEN_GUEST_HANDLE(physdev_setup_gsi_t);

/* 22 is unused. */

/* PHYSDEVOP_get_free_pirq: a free pirq for a GSI or MSI. */
#define PHYSDEVOP_get_free_pirq 23
struct physdev_get_free_pirq {
    int32_t type;  /* IN: MAP_PIRQ_TYPE_GSI or MAP_PIRQ_TYPE_MSI */
    uint32_t pirq; /* OUT */
};
typedef struct physdev_get_free_pirq physdev_get_free_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_get_free_pirq_t);

/* physdev_pci_mmcfg_reserved.flags: the region is reserved in E820. */
#define XEN_PCI_MMCFG_RESERVED 0x1

/* PHYSDEVOP_pci_mmcfg_reserved: an MMCONFIG region dom0 found usable. */
#define PHYSDEVOP_pci_mmcfg_reserved 24
struct physdev_pci_mmcfg_reserved {
    uint64_t address;  /* IN: base of the region */
    uint16_t segment;  /* IN: PCI segment */
    uint8_t start_bus; /* IN */
    uint8_t end_bus;   /* IN */
    uint32_t flags;    /* IN: XEN_PCI_MMCFG_RESERVED */
};
typedef struct physdev_pci_mmcfg_reserved physdev_pci_mmcfg_reserved_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pci_mmcfg_reserved_t);

/* physdev_pci_device_add.flags */
#define XEN_PCI_DEV_EXTFN 0x1  /* ARI extended function */
#define XEN_PCI_DEV_VIRTFN 0x2 /* SR-IOV virtual function */
#define XEN_PCI_DEV_PXM 0x4    /* optarr[0] holds the proximity domain */

/* PHYSDEVOP_pci_device_add: dom0 found a PCI device. */
#define PHYSDEVOP_pci_device_add 25
struct physdev_pci_device_add {
    uint16_t seg;   /* IN */
    uint8_t bus;    /* IN */
    uint8_t devfn;  /* IN */
    uint32_t flags; /* IN: XEN_PCI_DEV_* */
    struct {
        uint8_t bus;   /* IN */
        uint8_t devfn; /* IN */
    } physfn;          /* IN: the physical function of a virtfn */
    uint32_t optarr[XEN_FLEX_ARRAY_DIM]; /* IN: optional values, per flags */
};
typedef struct physdev_pci_device_add physdev_pci_device_add_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pci_device_add_t);

/* These take a physdev_pci_device. */
#define PHYSDEVOP_pci_device_remove 26
#define PHYSDEVOP_restore_msi_ext 27
/* Dom0 announces that a device's MSI-X BARs won't (prepare) or may
 * (release) move. */
#define PHYSDEVOP_prepare_msix 30
#define PHYSDEVOP_release_msix 31
struct physdev_pci_device {
    uint16_t seg;  /* IN */
    uint8_t bus;   /* IN */
    uint8_t devfn; /* IN */
};
typedef struct physdev_pci_device physdev_pci_device_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pci_device_t);

/* physdev_dbgp_op.op: around a reset of a USB debug port controller. */
#define PHYSDEVOP_DBGP_RESET_PREPARE 1
#define PHYSDEVOP_DBGP_RESET_DONE 2

/* physdev_dbgp_op.bus */
#define PHYSDEVOP_DBGP_BUS_UNKNOWN 0
#define PHYSDEVOP_DBGP_BUS_PCI 1

/* PHYSDEVOP_dbgp_op: coordinate with the hypervisor's EHCI debug port. */
#define PHYSDEVOP_dbgp_op 29
struct physdev_dbgp_op {
    uint8_t op;  /* IN: PHYSDEVOP_DBGP_RESET_* */
    uint8_t bus; /* IN: PHYSDEVOP_DBGP_BUS_* */
    union {
        physdev_pci_device_t pci; /* IN: for PHYSDEVOP_DBGP_BUS_PCI */
    } u;
};
typedef struct physdev_dbgp_op physdev_dbgp_op_t;
DEFINE_XEN_GUEST_HANDLE(physdev_dbgp_op_t);

/* Obsolete since 0x00030202 and refused by current hypervisors. */
#define PHYSDEVOP_IRQ_UNMASK_NOTIFY 4

#if __XEN_INTERFACE_VERSION__ < 0x00040600
/* The capitalised names of the oldest interface. */
#define PHYSDEVOP_IRQ_STATUS_QUERY PHYSDEVOP_irq_status_query
#define PHYSDEVOP_SET_IOPL PHYSDEVOP_set_iopl
#define PHYSDEVOP_SET_IOBITMAP PHYSDEVOP_set_iobitmap
#define PHYSDEVOP_APIC_READ PHYSDEVOP_apic_read
#define PHYSDEVOP_APIC_WRITE PHYSDEVOP_apic_write
#define PHYSDEVOP_ASSIGN_VECTOR PHYSDEVOP_alloc_irq_vector
#define PHYSDEVOP_FREE_VECTOR PHYSDEVOP_free_irq_vector
#define PHYSDEVOP_IRQ_NEEDS_UNMASK_NOTIFY XENIRQSTAT_needs_eoi
#define PHYSDEVOP_IRQ_SHARED XENIRQSTAT_shared
#endif

#if __XEN_INTERFACE_VERSION__ < 0x00040200
#define PHYSDEVOP_pirq_eoi_gmfn PHYSDEVOP_pirq_eoi_gmfn_v1
#else
#define PHYSDEVOP_pirq_eoi_gmfn PHYSDEVOP_pirq_eoi_gmfn_v2
#endif

#endif /* __XEN_PUBLIC_PHYSDEV_H__ */
