/*
 * xc_gnttab.c: grants through Linux's /dev/xen/gntdev (mapping other
 * domains' grants) and /dev/xen/gntalloc (granting our pages to them).
 * An ioctl reserves an offset of the device for the grants; mmap at that
 * offset maps them; another ioctl gives the offset back
 * (linux include/uapi/xen/gntdev.h, gntalloc.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xc.h"

typedef uint16_t domid_t;
typedef uint32_t grant_ref_t;
#include <xen/gntdev.h>
#include <xen/gntalloc.h>

struct xc_gnttab {
    int fd;
};

struct xc_gntshr {
    int fd;
};

/* Open one of the grant devices for a handle. */
static int open_dev(const char *path, int *fd, char **err)
{
    int rc;

    *err = NULL;
    *fd = open(path, O_RDWR | O_CLOEXEC);
    if ( *fd >= 0 )
        return 0;
    rc = -errno;
    if ( asprintf(err, "cannot open %s: %s", path, strerror(-rc)) < 0 )
        *err = NULL;
    return rc;
}

/* See xc.h. */
int xc_gnttab_open(xc_gnttab **xgtp, char **err)
{
    xc_gnttab *xgt = calloc(1, sizeof(*xgt));
    int rc;

    *xgtp = NULL;
    *err = NULL;
    if ( !xgt )
        return -ENOMEM;
    if ( (rc = open_dev("/dev/xen/gntdev", &xgt->fd, err)) )
    {
        free(xgt);
        return rc;
    }
    *xgtp = xgt;
    return 0;
}

void xc_gnttab_close(xc_gnttab *xgt)
{
    if ( !xgt )
        return;
    close(xgt->fd);
    free(xgt);
}

/* See xc.h. */
void *xc_gnttab_map_grant_ref(xc_gnttab *xgt, uint32_t domid, uint32_t ref,
                              int prot)
{
    struct ioctl_gntdev_map_grant_ref map = { .count = 1 };
    struct ioctl_gntdev_unmap_grant_ref unmap = { .count = 1 };
    int mprot = (prot & XC_PROT_READ ? PROT_READ : 0) |
                (prot & XC_PROT_WRITE ? PROT_WRITE : 0);
    void *p;
    int e;

    if ( domid >= XC_DOMID_FIRST_RESERVED || !mprot )
    {
        errno = EINVAL;
        return NULL;
    }
    map.refs[0].domid = domid;
    map.refs[0].ref = ref;
    if ( ioctl(xgt->fd, IOCTL_GNTDEV_MAP_GRANT_REF, &map) < 0 )
        return NULL;
    p = mmap(NULL, XC_PAGE_SIZE, mprot, MAP_SHARED, xgt->fd, map.index);
    if ( p == MAP_FAILED )
    {
        e = errno;
        unmap.index = map.index;
        ioctl(xgt->fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &unmap);
        errno = e;
        return NULL;
    }
    /* The mapping holds the grant; the offset is no longer needed.  The
     * grant is unmapped when the memory is. */
    unmap.index = map.index;
    ioctl(xgt->fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &unmap);
    return p;
}

int xc_gnttab_unmap(xc_gnttab *xgt, void *addr, unsigned int count)
{
    (void)xgt;
    if ( !addr )
        return 0;
    return munmap(addr, (size_t)count * XC_PAGE_SIZE) ? -errno : 0;
}

/* See xc.h. */
int xc_gntshr_open(xc_gntshr **xgsp, char **err)
{
    xc_gntshr *xgs = calloc(1, sizeof(*xgs));
    int rc;

    *xgsp = NULL;
    *err = NULL;
    if ( !xgs )
        return -ENOMEM;
    if ( (rc = open_dev("/dev/xen/gntalloc", &xgs->fd, err)) )
    {
        free(xgs);
        return rc;
    }
    *xgsp = xgs;
    return 0;
}

void xc_gntshr_close(xc_gntshr *xgs)
{
    if ( !xgs )
        return;
    close(xgs->fd);
    free(xgs);
}

/* See xc.h. */
void *xc_gntshr_share_pages(xc_gntshr *xgs, uint32_t domid,
                            unsigned int count, uint32_t *refs, int writable)
{
    struct ioctl_gntalloc_alloc_gref *a;
    struct ioctl_gntalloc_dealloc_gref d;
    void *p = NULL;
    int e;

    if ( domid >= XC_DOMID_FIRST_RESERVED || !count || count > 1024 || !refs )
    {
        errno = EINVAL;
        return NULL;
    }
    a = calloc(1, sizeof(*a) + count * sizeof(a->gref_ids[0]));
    if ( !a )
        return NULL;
    a->domid = (uint16_t)domid;
    a->flags = writable ? GNTALLOC_FLAG_WRITABLE : 0;
    a->count = count;
    if ( ioctl(xgs->fd, IOCTL_GNTALLOC_ALLOC_GREF, a) < 0 )
        goto out;
    p = mmap(NULL, (size_t)count * XC_PAGE_SIZE, PROT_READ | PROT_WRITE,
             MAP_SHARED, xgs->fd, a->index);
    /* As with gntdev, the mapping keeps the pages; release the offset. */
    d.index = a->index;
    d.count = count;
    e = errno;
    ioctl(xgs->fd, IOCTL_GNTALLOC_DEALLOC_GREF, &d);
    errno = e;
    if ( p == MAP_FAILED )
    {
        p = NULL;
        goto out;
    }
    memcpy(refs, a->gref_ids, count * sizeof(*refs));
 out:
    free(a);
    return p;
}

int xc_gntshr_unshare(xc_gntshr *xgs, void *addr, unsigned int count)
{
    (void)xgs;
    if ( !addr )
        return 0;
    return munmap(addr, (size_t)count * XC_PAGE_SIZE) ? -errno : 0;
}
