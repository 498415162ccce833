/* SPDX-License-Identifier: MIT */
/*
 * public/io/protocols.h: names of the ring ABIs a frontend may announce in
 * its "protocol" xenstore node, when its word size differs from the
 * backend's (for example a 32-bit guest on a 64-bit dom0).
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_IO_PROTOCOLS_H__
#define __XEN_PUBLIC_IO_PROTOCOLS_H__

#define XEN_IO_PROTO_ABI_X86_32 "x86_32-abi"
#define XEN_IO_PROTO_ABI_X86_64 "x86_64-abi"
#define XEN_IO_PROTO_ABI_ARM "arm-abi"

#if defined(__x86_64__)
#define XEN_IO_PROTO_ABI_NATIVE XEN_IO_PROTO_ABI_X86_64
#else
#error "These headers describe the x86_64 interface only."
#endif

#endif /* __XEN_PUBLIC_IO_PROTOCOLS_H__ */
