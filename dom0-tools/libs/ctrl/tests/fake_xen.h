/*
 * fake_xen.h: a libxc backend for host tests.  It records every hypercall
 * (op, arguments, and a copy of the domctl, sysctl or bounced structure it
 * pointed at) and answers through a test-supplied function, so a test can
 * check the bytes libxc hands the hypervisor and how it reads the answer.
 */
#ifndef DOM0_TOOLS_LIBS_CTRL_TESTS_FAKE_XEN_H
#define DOM0_TOOLS_LIBS_CTRL_TESTS_FAKE_XEN_H

#include "xc_private.h"

#define FAKE_MAX_CALLS 16
#define FAKE_BUF_BYTES 512

struct fake_call {
    unsigned int op;
    uint64_t args[5];
    unsigned char buf[FAKE_BUF_BYTES]; /* what the pointer argument held */
};

struct fake_xen {
    /* Called for each hypercall with the live buffer (domctl, sysctl or
     * the bounced argument; NULL for others); returns the result. */
    long (*answer)(struct fake_xen *f, unsigned int op, void *buf);
    void *opaque;
    unsigned int ncalls;
    struct fake_call calls[FAKE_MAX_CALLS];
    unsigned int bufs_live;   /* hypercall buffers not yet freed */
};

/* A handle over f (zeroed by the caller, answer set); NULL on ENOMEM. */
xc_interface *fake_xen_open(struct fake_xen *f);

#endif /* DOM0_TOOLS_LIBS_CTRL_TESTS_FAKE_XEN_H */
