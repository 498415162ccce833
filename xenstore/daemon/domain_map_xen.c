/*
 * domain_map_xen.c: reaching guests on Xen through Linux's devices.
 *
 * Ring pages: /dev/xen/gntdev maps grant reference GNTTAB_RESERVED_XENSTORE
 * (1) of the domain, which the toolstack seeds; if that fails, the frame
 * given to XS_INTRODUCE is mapped with privcmd's IOCTL_PRIVCMD_MMAPBATCH_V2.
 * Event channels: /dev/xen/evtchn (bind interdomain, notify, read pending
 * ports then write them back to unmask).  Domain deaths: VIRQ_DOM_EXC (3) and
 * XEN_DOMCTL_getdomaininfo through privcmd's hypercall ioctl.  Dom0's own
 * ring: /proc/xen/xsd_kva and /proc/xen/xsd_port from the xenfs mount.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

/* The Linux UAPI headers use the hypervisor's type names. */
typedef uint16_t domid_t;
typedef uint32_t grant_ref_t;
#include <xen/evtchn.h>
#include <xen/gntdev.h>

#include "domain_map.h"

#define GNTTAB_RESERVED_XENSTORE 1
#define VIRQ_DOM_EXC 3
#define PAGE_SIZE 4096

/* privcmd's UAPI (linux include/uapi/xen/privcmd.h), whose installed header
 * needs kernel-internal ones. */
struct privcmd_hypercall
{
    uint64_t op;
    uint64_t arg[5];
};

struct privcmd_mmapbatch_v2
{
    unsigned int num;
    uint16_t dom;
    uint64_t addr;
    const uint64_t *arr;
    int *err;
};

#define IOCTL_PRIVCMD_HYPERCALL                                               \
    _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))
#define IOCTL_PRIVCMD_MMAPBATCH_V2                                            \
    _IOC(_IOC_NONE, 'P', 4, sizeof(struct privcmd_mmapbatch_v2))

/* Xen 4.17 public/domctl.h: the getdomaininfo call. */
#define HYPERVISOR_domctl 36
#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015
#define XEN_DOMCTL_getdomaininfo 5
#define XEN_DOMINF_dying (1u << 0)
#define XEN_DOMINF_shutdown (1u << 2)

struct dmap_xen
{
    struct dmap m;
    int evtchn;
    int gntdev;
    int privcmd;
    void *domctl_page;          /* locked buffer for hypercall arguments */
    struct
    {
        void *page;
        bool grant;
    } maps[256];
};

static void *xen_map_ring(struct dmap *m, unsigned int domid, uint64_t mfn)
{
    struct dmap_xen *x = (struct dmap_xen *)m;
    struct ioctl_gntdev_map_grant_ref map = { .count = 1 };
    void *p = MAP_FAILED;
    int i;

    for ( i = 0; i < 256 && x->maps[i].page; i++ )
        ;
    if ( i == 256 )
    {
        errno = ENOSPC;
        return NULL;
    }
    map.refs[0].domid = domid;
    map.refs[0].ref = GNTTAB_RESERVED_XENSTORE;
    if ( x->gntdev >= 0 && !ioctl(x->gntdev, IOCTL_GNTDEV_MAP_GRANT_REF, &map) )
    {
        p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
                 x->gntdev, map.index);
        if ( p != MAP_FAILED )
        {
            x->maps[i].grant = true;
            x->maps[i].page = p;
            return p;
        }
    }
    if ( x->privcmd >= 0 )
    {
        int err = 0;
        struct privcmd_mmapbatch_v2 batch = { 1, domid, 0, &mfn, &err };

        p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
                 x->privcmd, 0);
        if ( p == MAP_FAILED )
            return NULL;
        batch.addr = (uintptr_t)p;
        if ( ioctl(x->privcmd, IOCTL_PRIVCMD_MMAPBATCH_V2, &batch) || err )
        {
            munmap(p, PAGE_SIZE);
            return NULL;
        }
        x->maps[i].grant = false;
        x->maps[i].page = p;
        return p;
    }
    return NULL;
}

static void xen_unmap_ring(struct dmap *m, void *page)
{
    struct dmap_xen *x = (struct dmap_xen *)m;
    int i;

    for ( i = 0; i < 256; i++ )
        if ( x->maps[i].page == page )
        {
            munmap(page, PAGE_SIZE);
            x->maps[i].page = NULL;
            return;
        }
}

static int xen_bind(struct dmap *m, unsigned int domid,
                    unsigned int remote_port)
{
    struct dmap_xen *x = (struct dmap_xen *)m;
    struct ioctl_evtchn_bind_interdomain b = { domid, remote_port };
    int rc = ioctl(x->evtchn, IOCTL_EVTCHN_BIND_INTERDOMAIN, &b);

    return rc < 0 ? -errno : rc;
}

static void xen_unbind(struct dmap *m, unsigned int port)
{
    struct dmap_xen *x = (struct dmap_xen *)m;
    struct ioctl_evtchn_unbind u = { port };

    ioctl(x->evtchn, IOCTL_EVTCHN_UNBIND, &u);
}

static void xen_notify(struct dmap *m, unsigned int port)
{
    struct dmap_xen *x = (struct dmap_xen *)m;
    struct ioctl_evtchn_notify n = { port };

    ioctl(x->evtchn, IOCTL_EVTCHN_NOTIFY, &n);
}

static int xen_fd(struct dmap *m)
{
    return ((struct dmap_xen *)m)->evtchn;
}

static int xen_pending(struct dmap *m, unsigned int *ports, int max)
{
    struct dmap_xen *x = (struct dmap_xen *)m;
    uint32_t buf[64];
    ssize_t n;
    int k;

    if ( max > 64 )
        max = 64;
    n = read(x->evtchn, buf, max * sizeof(uint32_t));
    if ( n <= 0 )
        return n < 0 && errno != EAGAIN ? -1 : 0;
    n /= sizeof(uint32_t);
    for ( k = 0; k < n; k++ )
        ports[k] = buf[k];
    /* Writing the ports back unmasks them. */
    if ( write(x->evtchn, buf, n * sizeof(uint32_t)) < 0 )
        return -1;
    return n;
}

/* Flags of domid from XEN_DOMCTL_getdomaininfo; -1 when it does not exist. */
static long domain_flags(struct dmap_xen *x, unsigned int domid)
{
    uint32_t *d = x->domctl_page;
    struct privcmd_hypercall call = { HYPERVISOR_domctl,
                                      { (uintptr_t)d, 0, 0, 0, 0 } };

    memset(d, 0, 256);
    d[0] = XEN_DOMCTL_getdomaininfo;
    d[1] = XEN_DOMCTL_INTERFACE_VERSION;
    *(uint16_t *)&d[2] = domid;
    if ( ioctl(x->privcmd, IOCTL_PRIVCMD_HYPERCALL, &call) < 0 )
        return -1;
    /*
     * struct xen_domctl: cmd, interface_version, domain, 6 bytes of padding,
     * then the union at byte 16: getdomaininfo's domain (u16, pad) and flags.
     * In 4.17 it reports the first existing domain at or after domid.
     */
    if ( *(uint16_t *)&d[4] != domid )
        return -1;
    return d[5];
}

static int xen_dead_domains(struct dmap *m, const unsigned int *domids, int n,
                            unsigned int *gone, int *dead, int max)
{
    struct dmap_xen *x = (struct dmap_xen *)m;
    int i, k = 0;

    if ( x->privcmd < 0 || !x->domctl_page )
        return 0;
    for ( i = 0; i < n && k < max; i++ )
    {
        long flags = domids[i] ? domain_flags(x, domids[i]) : 0;

        if ( flags < 0 || (flags & XEN_DOMINF_dying) )
        {
            gone[k] = domids[i];
            dead[k++] = 1;
        }
        else if ( flags & XEN_DOMINF_shutdown )
        {
            gone[k] = domids[i];
            dead[k++] = 0;
        }
    }
    return k;
}

static void *xen_dom0_ring(struct dmap *m, unsigned int *remote_port)
{
    char buf[32];
    void *p;
    ssize_t n;
    int fd;

    (void)m;
    fd = open("/proc/xen/xsd_port", O_RDONLY | O_CLOEXEC);
    if ( fd < 0 )
        return NULL;
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if ( n <= 0 )
        return NULL;
    buf[n] = '\0';
    *remote_port = strtoul(buf, NULL, 10);
    fd = open("/proc/xen/xsd_kva", O_RDWR | O_CLOEXEC);
    if ( fd < 0 )
        return NULL;
    p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

static void xen_close(struct dmap *m)
{
    struct dmap_xen *x = (struct dmap_xen *)m;

    if ( x->gntdev >= 0 )
        close(x->gntdev);
    if ( x->privcmd >= 0 )
        close(x->privcmd);
    if ( x->domctl_page )
        munmap(x->domctl_page, PAGE_SIZE);
    close(x->evtchn);
    free(x);
}

static const struct dmap_ops xen_ops = {
    .map_ring = xen_map_ring,
    .unmap_ring = xen_unmap_ring,
    .bind = xen_bind,
    .unbind = xen_unbind,
    .notify = xen_notify,
    .fd = xen_fd,
    .pending = xen_pending,
    .dead_domains = xen_dead_domains,
    .dom0_ring = xen_dom0_ring,
    .close = xen_close,
};

/* See domain_map.h. */
struct dmap *dmap_xen_open(void)
{
    struct dmap_xen *x = calloc(1, sizeof(*x));
    struct ioctl_evtchn_bind_virq virq = { VIRQ_DOM_EXC };
    int rc;

    if ( !x )
        return NULL;
    x->m.ops = &xen_ops;
    x->evtchn = open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if ( x->evtchn < 0 )
    {
        free(x);
        return NULL;
    }
    x->gntdev = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
    x->privcmd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    x->domctl_page = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
    if ( x->domctl_page == MAP_FAILED )
        x->domctl_page = NULL;
    rc = ioctl(x->evtchn, IOCTL_EVTCHN_BIND_VIRQ, &virq);
    x->m.virq_port = rc < 0 ? -1 : rc;
    return &x->m;
}
