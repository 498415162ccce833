/* SPDX-License-Identifier: MIT */
/*
 * public/xen-compat.h: which revision of the interface the includer gets.
 *
 * Every public header tests __XEN_INTERFACE_VERSION__ to decide between the
 * current layout of a structure and an older one.  The hypervisor and the
 * toolstack (__XEN__ or __XEN_TOOLS__ defined) always see the latest
 * revision.  A guest chooses by defining __XEN_INTERFACE_VERSION__ before the
 * first include; a guest that says nothing gets the legacy interface
 * (version 0), exactly as with Xen's own headers.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_XEN_COMPAT_H__
#define __XEN_PUBLIC_XEN_COMPAT_H__

/* Xen 4.15 to 4.17 all publish interface revision 0x00040e00. */
#define __XEN_LATEST_INTERFACE_VERSION__ 0x00040e00

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/* The hypervisor and its tools are built with matching headers. */
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#elif !defined(__XEN_INTERFACE_VERSION__)
/* A guest that names no revision gets the oldest layouts. */
#define __XEN_INTERFACE_VERSION__ 0x00000000
#endif

#if __XEN_INTERFACE_VERSION__ > __XEN_LATEST_INTERFACE_VERSION__
#error "__XEN_INTERFACE_VERSION__ is newer than these headers describe."
#endif

/* Dimension of a trailing variable-length array in compat structures. */
#define COMPAT_FLEX_ARRAY_DIM XEN_FLEX_ARRAY_DIM

#endif /* __XEN_PUBLIC_XEN_COMPAT_H__ */
