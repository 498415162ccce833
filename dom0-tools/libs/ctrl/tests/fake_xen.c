/*
 * fake_xen.c: see fake_xen.h.
 */
#include <stdlib.h>

#include "fake_xen.h"

/* The argument that points at a buffer: domctl and sysctl take it first,
 * the cmd-style ops (memory_op, event_channel_op, ...) second. */
static void *pointer_arg(unsigned int op, const uint64_t args[5])
{
    switch ( op )
    {
    case __HYPERVISOR_domctl:
    case __HYPERVISOR_sysctl:
        return (void *)(uintptr_t)args[0];
    case __HYPERVISOR_memory_op:
    case __HYPERVISOR_event_channel_op:
    case __HYPERVISOR_grant_table_op:
    case __HYPERVISOR_xen_version:
        return (void *)(uintptr_t)args[1];
    default:
        return NULL;
    }
}

static long fake_hypercall(xc_interface *xch, unsigned int op,
                           const uint64_t args[5])
{
    struct fake_xen *f = xch->priv;
    struct fake_call *c = NULL;
    void *buf = pointer_arg(op, args);

    if ( f->ncalls < FAKE_MAX_CALLS )
    {
        c = &f->calls[f->ncalls];
        c->op = op;
        memcpy(c->args, args, sizeof(c->args));
        /* The buffers come from fake_buf_alloc: at least a page. */
        if ( buf )
            memcpy(c->buf, buf, FAKE_BUF_BYTES);
    }
    f->ncalls++;
    return f->answer ? f->answer(f, op, buf) : -ENOSYS;
}

/* Whole pages, zeroed, as privcmd's buffers are. */
static void *fake_buf_alloc(xc_interface *xch, size_t size)
{
    struct fake_xen *f = xch->priv;
    void *p = calloc(1, (size + XC_PAGE_SIZE - 1) & ~(size_t)(XC_PAGE_SIZE - 1));

    if ( p )
        f->bufs_live++;
    return p;
}

static void fake_buf_free(xc_interface *xch, void *p, size_t size)
{
    struct fake_xen *f = xch->priv;

    (void)size;
    f->bufs_live--;
    free(p);
}

static const struct xc_ops fake_ops = {
    .hypercall = fake_hypercall,
    .buf_alloc = fake_buf_alloc,
    .buf_free = fake_buf_free,
};

xc_interface *fake_xen_open(struct fake_xen *f)
{
    return xc__open_ops(&fake_ops, f);
}
