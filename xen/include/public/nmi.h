/* SPDX-License-Identifier: MIT */
/*
 * public/nmi.h: HYPERVISOR_nmi_op(unsigned int cmd, void *arg) and the
 * reasons the hypervisor gives for an NMI it forwards to the hardware
 * domain (bits of arch_shared_info.nmi_reason).
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_NMI_H__
#define __XEN_PUBLIC_NMI_H__

#include "xen.h"

/* I/O check error (ISA port 0x61 bit 6). */
#define _XEN_NMIREASON_io_error 0
#define XEN_NMIREASON_io_error (1UL << _XEN_NMIREASON_io_error)
/* PCI SERR (ISA port 0x61 bit 7). */
#define _XEN_NMIREASON_pci_serr 1
#define XEN_NMIREASON_pci_serr (1UL << _XEN_NMIREASON_pci_serr)
#if __XEN_INTERFACE_VERSION__ < 0x00040300
/* The older name of the same bit. */
#define _XEN_NMIREASON_parity_error 1
#define XEN_NMIREASON_parity_error (1UL << _XEN_NMIREASON_parity_error)
#endif
/* An NMI of unknown origin. */
#define _XEN_NMIREASON_unknown 2
#define XEN_NMIREASON_unknown (1UL << _XEN_NMIREASON_unknown)

/*
 * XENNMI_register_callback: the NMI entry point of the calling vCPU (only
 * dom0's vCPU 0 may; others get -EINVAL).  Returns 0 or a negative errno.
 */
#define XENNMI_register_callback 0
struct xennmi_callback {
    uint64_t handler_address; /* IN: entry point */
    uint64_t pad;             /* IN: zero */
};
typedef struct xennmi_callback xennmi_callback_t;
DEFINE_XEN_GUEST_HANDLE(xennmi_callback_t);

/* XENNMI_unregister_callback (arg NULL): remove it. */
#define XENNMI_unregister_callback 1

#endif /* __XEN_PUBLIC_NMI_H__ */
