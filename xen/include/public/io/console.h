/* SPDX-License-Identifier: MIT */
/*
 * public/io/console.h: the PV console ring page.
 *
 * One page shared between a domain (the frontend) and the console daemon
 * in dom0 (the backend), found through start_info.console.domU (PV) or
 * HVM_PARAM_CONSOLE_PFN, with an event channel to signal each side.  "in"
 * carries keyboard input to the guest, "out" carries its output.  Indexes
 * run freely and are reduced modulo the ring size with MASK_XENCONS_IDX;
 * the writer of a ring advances prod, the reader advances cons.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_IO_CONSOLE_H__
#define __XEN_PUBLIC_IO_CONSOLE_H__

#include <stdint.h>

typedef uint32_t XENCONS_RING_IDX;

/* The position in @ring (an array whose size is a power of two) of @idx. */
#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

struct xencons_interface {
    char in[1024];             /* OUT: input for the guest */
    char out[2048];            /* IN: output of the guest */
    XENCONS_RING_IDX in_cons;  /* IN: guest's read index in "in" */
    XENCONS_RING_IDX in_prod;  /* OUT: backend's write index in "in" */
    XENCONS_RING_IDX out_cons; /* OUT: backend's read index in "out" */
    XENCONS_RING_IDX out_prod; /* IN: guest's write index in "out" */
};

#ifdef XEN_WANT_FLEX_CONSOLE_RING
/* The console ring as a flexible byte ring (ring.h), for tools. */
#include "ring.h"
DEFINE_XEN_FLEX_RING(xencons);
#endif

#endif /* __XEN_PUBLIC_IO_CONSOLE_H__ */
