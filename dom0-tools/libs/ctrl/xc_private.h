/*
 * xc_private.h: what the files of libxc share.  Xen's public headers are
 * used here, never in xc.h.
 */
#ifndef DOM0_TOOLS_LIBS_CTRL_XC_PRIVATE_H
#define DOM0_TOOLS_LIBS_CTRL_XC_PRIVATE_H

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "public/xen.h"
#include "public/domctl.h"
#include "public/sysctl.h"

#include "xc.h"

/*
 * How a handle reaches the hypervisor.  The real backend goes through
 * Linux's privcmd driver (xc_privcmd.c); the host tests install one that
 * records the calls and answers them.
 */
struct xc_ops {
    /* Issue hypercall op; returns its result (>= 0) or a negative errno. */
    long (*hypercall)(xc_interface *xch, unsigned int op,
                      const uint64_t args[5]);
    /* size bytes (rounded up to pages) Xen may access during a hypercall:
     * zeroed, or NULL. */
    void *(*buf_alloc)(xc_interface *xch, size_t size);
    void (*buf_free)(xc_interface *xch, void *p, size_t size);
    /* See xc_map_foreign_pages(); returns NULL with errno set. */
    void *(*map_foreign)(xc_interface *xch, uint32_t domid, int prot,
                         const uint64_t *frames, int *err, unsigned int num);
    /* See xc_map_resource(). */
    void *(*map_resource)(xc_interface *xch, uint32_t domid,
                          unsigned int type, unsigned int id,
                          unsigned int frame, unsigned int nr, int prot);
    /* Release what the backend holds (priv). */
    void (*close)(xc_interface *xch);
};

struct xc_interface {
    const struct xc_ops *ops;
    void *priv;    /* the backend's state */
    char err[256]; /* the last failure */
};

/* A handle over the given backend (tests); NULL when out of memory. */
xc_interface *xc__open_ops(const struct xc_ops *ops, void *priv);

/* Record a failure: "what: strerror (-ENAME)"; returns rc (negative). */
int xc__fail(xc_interface *xch, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Record a bad argument: "what: reason"; returns -EINVAL. */
int xc__inval(xc_interface *xch, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Forget the last failure. */
void xc__clear_error(xc_interface *xch);

/* The symbolic name of an errno value ("EPERM"), or "E?" */
const char *xc__errno_name(int err);

/* Hypercall-safe buffers (see struct xc_ops). */
void *xc__buf(xc_interface *xch, size_t size);
void xc__buf_free(xc_interface *xch, void *p, size_t size);

/* Issue a hypercall with up to five arguments. */
long xc__hypercall(xc_interface *xch, unsigned int op, uint64_t a0,
                   uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4);

/*
 * Issue a domctl or sysctl: *op (with cmd and arguments filled in) is
 * stamped with the interface version, copied into a hypercall buffer,
 * issued, and copied back whatever the outcome.  name says which command
 * in error messages.
 */
int xc__domctl(xc_interface *xch, struct xen_domctl *op, const char *name);
int xc__sysctl(xc_interface *xch, struct xen_sysctl *op, const char *name);

/* Issue a hypercall whose one argument is a structure at arg (size bytes),
 * bounced through a hypercall buffer both ways: HYPERVISOR_op(cmd, &arg). */
long xc__bounce_op(xc_interface *xch, unsigned int op, unsigned int cmd,
                   void *arg, size_t size, const char *name);

/* Checks shared by the wrappers; each returns 0 or -EINVAL with a message
 * naming the function. */
int xc__check_domid(xc_interface *xch, const char *fn, uint32_t domid);

#endif /* DOM0_TOOLS_LIBS_CTRL_XC_PRIVATE_H */
