/* SPDX-License-Identifier: MIT */
/*
 * public/arch-x86_64.h: the old name of the x86_64 interface header, kept
 * because code written for early Xen includes it.  Everything is in
 * arch-x86/xen.h.
 *
 * HYPERVISOR_set_callbacks(unsigned long event_selector,
 *                          unsigned long event_address,
 *                          unsigned long failsafe_selector,
 *                          unsigned long failsafe_address)
 * registers the event upcall entry and the failsafe entry (taken when the
 * hypervisor cannot load the guest's segment registers).  On x86_64 the
 * selectors are ignored.  callback.h has the newer form.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_64_H__

#include "arch-x86/xen.h"

#endif /* __XEN_PUBLIC_ARCH_X86_64_H__ */
