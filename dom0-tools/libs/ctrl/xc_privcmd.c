/*
 * xc_privcmd.c: the real backend, Linux's privcmd driver.
 *
 * Hypercalls go through IOCTL_PRIVCMD_HYPERCALL, whose arguments point
 * into this process: the hypervisor reads and writes those buffers through
 * dom0's page tables while the ioctl runs, so they must stay resident.
 * Linux's /dev/xen/hypercall (privcmd-buf.c) hands out such pages by mmap;
 * where it is missing, anonymous memory locked with mlock does.
 * Foreign frames are mapped by mmap'ing privcmd and filling the range with
 * IOCTL_PRIVCMD_MMAPBATCH_V2 (the whole range, in one call, as the driver
 * requires), or IOCTL_PRIVCMD_MMAP_RESOURCE for resources.
 * (Facts from linux include/uapi/xen/privcmd.h and drivers/xen/privcmd*.c.)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xc_private.h"

struct privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};

struct privcmd_mmapbatch_v2 {
    unsigned int num;
    uint16_t dom;
    uint64_t addr;
    const uint64_t *arr;
    int *err;
};

struct privcmd_mmap_resource {
    uint16_t dom;
    uint32_t type;
    uint32_t id;
    uint32_t idx;
    uint64_t num;
    uint64_t addr;
};

#define IOCTL_PRIVCMD_HYPERCALL                                               \
    _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))
#define IOCTL_PRIVCMD_MMAPBATCH_V2                                            \
    _IOC(_IOC_NONE, 'P', 4, sizeof(struct privcmd_mmapbatch_v2))
#define IOCTL_PRIVCMD_MMAP_RESOURCE                                           \
    _IOC(_IOC_NONE, 'P', 7, sizeof(struct privcmd_mmap_resource))

struct privcmd {
    int fd;       /* /dev/xen/privcmd */
    int buf_fd;   /* /dev/xen/hypercall, or -1 */
    void *cache;  /* one spare page for the small, frequent buffers */
};

static size_t page_round(size_t size)
{
    return (size + XC_PAGE_SIZE - 1) & ~((size_t)XC_PAGE_SIZE - 1);
}

static long pc_hypercall(xc_interface *xch, unsigned int op,
                         const uint64_t args[5])
{
    struct privcmd *pc = xch->priv;
    struct privcmd_hypercall call = { op, { args[0], args[1], args[2],
                                            args[3], args[4] } };
    long rc = ioctl(pc->fd, IOCTL_PRIVCMD_HYPERCALL, &call);

    return rc < 0 ? -errno : rc;
}

static void *pc_buf_alloc(xc_interface *xch, size_t size)
{
    struct privcmd *pc = xch->priv;
    size_t len = page_round(size);
    void *p;

    if ( len == XC_PAGE_SIZE && pc->cache )
    {
        p = pc->cache;
        pc->cache = NULL;
        memset(p, 0, len);
        return p;
    }
    if ( pc->buf_fd >= 0 )
    {
        p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, pc->buf_fd, 0);
        if ( p != MAP_FAILED )
            return p;
    }
    p = mmap(NULL, len, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
    if ( p == MAP_FAILED )
        return NULL;
    /* MAP_LOCKED is best effort; mlock says whether it held. */
    if ( mlock(p, len) )
    {
        munmap(p, len);
        return NULL;
    }
    return p;
}

static void pc_buf_free(xc_interface *xch, void *p, size_t size)
{
    struct privcmd *pc = xch->priv;
    size_t len = page_round(size);

    if ( len == XC_PAGE_SIZE && !pc->cache )
    {
        pc->cache = p;
        return;
    }
    munmap(p, len);
}

static void *pc_map_foreign(xc_interface *xch, uint32_t domid, int prot,
                            const uint64_t *frames, int *err,
                            unsigned int num)
{
    struct privcmd *pc = xch->priv;
    size_t len = (size_t)num << XC_PAGE_SHIFT;
    struct privcmd_mmapbatch_v2 batch = { num, (uint16_t)domid, 0, frames,
                                          err };
    int mprot = (prot & XC_PROT_READ ? PROT_READ : 0) |
                (prot & XC_PROT_WRITE ? PROT_WRITE : 0);
    void *p = mmap(NULL, len, mprot, MAP_SHARED, pc->fd, 0);
    int saved;

    if ( p == MAP_FAILED )
        return NULL;
    batch.addr = (uintptr_t)p;
    if ( ioctl(pc->fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &batch) < 0 &&
         errno != ENOENT )
    {
        saved = errno;
        munmap(p, len);
        errno = saved;
        return NULL;
    }
    /* ENOENT means some frames failed (paged out or refused): err[] says
     * which; the caller decides. */
    return p;
}

static void *pc_map_resource(xc_interface *xch, uint32_t domid,
                             unsigned int type, unsigned int id,
                             unsigned int frame, unsigned int nr, int prot)
{
    struct privcmd *pc = xch->priv;
    size_t len = (size_t)nr << XC_PAGE_SHIFT;
    struct privcmd_mmap_resource res = { (uint16_t)domid, type, id, frame,
                                         nr, 0 };
    int mprot = (prot & XC_PROT_READ ? PROT_READ : 0) |
                (prot & XC_PROT_WRITE ? PROT_WRITE : 0);
    void *p = mmap(NULL, len, mprot, MAP_SHARED, pc->fd, 0);
    int saved;

    if ( p == MAP_FAILED )
        return NULL;
    res.addr = (uintptr_t)p;
    if ( ioctl(pc->fd, IOCTL_PRIVCMD_MMAP_RESOURCE, &res) < 0 )
    {
        saved = errno;
        munmap(p, len);
        /* An old kernel does not know the ioctl. */
        errno = saved == ENOTTY ? EOPNOTSUPP : saved;
        return NULL;
    }
    return p;
}

static void pc_close(xc_interface *xch)
{
    struct privcmd *pc = xch->priv;

    if ( !pc )
        return;
    if ( pc->cache )
        munmap(pc->cache, XC_PAGE_SIZE);
    if ( pc->buf_fd >= 0 )
        close(pc->buf_fd);
    if ( pc->fd >= 0 )
        close(pc->fd);
    free(pc);
}

static const struct xc_ops privcmd_ops = {
    .hypercall = pc_hypercall,
    .buf_alloc = pc_buf_alloc,
    .buf_free = pc_buf_free,
    .map_foreign = pc_map_foreign,
    .map_resource = pc_map_resource,
    .close = pc_close,
};

/* See xc.h. */
int xc_interface_open(xc_interface **xchp, char **err)
{
    struct privcmd *pc = NULL;
    const char *path = "/dev/xen/privcmd";
    int rc;

    *xchp = NULL;
    *err = NULL;
    pc = calloc(1, sizeof(*pc));
    if ( !pc )
    {
        rc = -ENOMEM;
        goto fail;
    }
    pc->buf_fd = -1;
    pc->fd = open(path, O_RDWR | O_CLOEXEC);
    if ( pc->fd < 0 && errno == ENOENT )
    {
        path = "/proc/xen/privcmd";
        pc->fd = open(path, O_RDWR | O_CLOEXEC);
    }
    if ( pc->fd < 0 )
    {
        rc = -errno;
        goto fail;
    }
    pc->buf_fd = open("/dev/xen/hypercall", O_RDWR | O_CLOEXEC);
    *xchp = xc__open_ops(&privcmd_ops, pc);
    if ( !*xchp )
    {
        rc = -ENOMEM;
        goto fail;
    }
    return 0;

 fail:
    if ( rc == -ENOENT )
    {
        if ( asprintf(err, "cannot open /dev/xen/privcmd or "
                      "/proc/xen/privcmd: %s (not running on Xen, or the "
                      "xen-privcmd driver is not loaded)", strerror(-rc)) < 0 )
            *err = NULL;
    }
    else if ( asprintf(err, "cannot open %s: %s", path, strerror(-rc)) < 0 )
        *err = NULL;
    if ( pc )
    {
        if ( pc->fd >= 0 )
            close(pc->fd);
        if ( pc->buf_fd >= 0 )
            close(pc->buf_fd);
        free(pc);
    }
    return rc;
}
