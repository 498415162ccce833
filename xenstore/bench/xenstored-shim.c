/*
 * xenstored-shim.c: LD_PRELOAD shim that lets Debian's Xen 4.17 C xenstored
 * (xen-utils-4.17, /usr/lib/xen-4.17/bin/xenstored) run on a plain host for
 * the side-by-side benchmark.  It replaces the libxenctrl, libxenevtchn and
 * libxengnttab calls the daemon makes with inert stand-ins, and hands it
 * ordinary memory for the /proc/xen/xsd_kva page and a port number for
 * /proc/xen/xsd_port (dom0's ring, which nobody uses here).  Not part of the
 * product; only the benchmark loads it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#define SHIM __attribute__((visibility("default")))

static int fake_handle;
static int evtchn_fd = -1;
static unsigned int next_port = 1;

SHIM void *xc_interface_open(void *logger, void *dombuild_logger,
                             unsigned open_flags)
{
    (void)logger;
    (void)dombuild_logger;
    (void)open_flags;
    return &fake_handle;
}

SHIM int xc_interface_close(void *xch)
{
    (void)xch;
    return 0;
}

/*
 * Every domain the daemon asks about exists and runs: fill the leading
 * fields of xc_dominfo_t (domid, ssidref, the flag bits dying, crashed,
 * shutdown, ...) of one entry.
 */
SHIM int xc_domain_getinfo(void *xch, uint32_t first, unsigned int max,
                           void *info)
{
    uint32_t *p = info;

    (void)xch;
    if ( !max )
        return 0;
    p[0] = first;
    p[1] = 0;
    p[2] = 0;
    return 1;
}

SHIM void *xenevtchn_open(void *logger, unsigned int flags)
{
    (void)logger;
    (void)flags;
    if ( evtchn_fd < 0 )
        evtchn_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    return &fake_handle;
}

SHIM void *xenevtchn_fdopen(void *logger, int fd, unsigned int flags)
{
    (void)fd;
    return xenevtchn_open(logger, flags);
}

SHIM int xenevtchn_close(void *xce)
{
    (void)xce;
    return 0;
}

SHIM int xenevtchn_fd(void *xce)
{
    (void)xce;
    return evtchn_fd;
}

SHIM int xenevtchn_bind_virq(void *xce, unsigned int virq)
{
    (void)xce;
    (void)virq;
    return next_port++;
}

SHIM int xenevtchn_bind_interdomain(void *xce, uint32_t domid,
                                    unsigned int port)
{
    (void)xce;
    (void)domid;
    (void)port;
    return next_port++;
}

SHIM int xenevtchn_notify(void *xce, unsigned int port)
{
    (void)xce;
    (void)port;
    return 0;
}

SHIM int xenevtchn_pending(void *xce)
{
    (void)xce;
    return -1;
}

SHIM int xenevtchn_unmask(void *xce, unsigned int port)
{
    (void)xce;
    (void)port;
    return 0;
}

SHIM int xenevtchn_unbind(void *xce, unsigned int port)
{
    (void)xce;
    (void)port;
    return 0;
}

SHIM void *xengnttab_open(void *logger, unsigned int flags)
{
    (void)logger;
    (void)flags;
    return &fake_handle;
}

SHIM int xengnttab_close(void *xgt)
{
    (void)xgt;
    return 0;
}

SHIM int xengnttab_set_max_grants(void *xgt, uint32_t count)
{
    (void)xgt;
    (void)count;
    return 0;
}

SHIM void *xengnttab_map_grant_ref(void *xgt, uint32_t domid, uint32_t ref,
                                   int prot)
{
    (void)xgt;
    (void)domid;
    (void)ref;
    (void)prot;
    return NULL;
}

SHIM int xengnttab_unmap(void *xgt, void *start_address, uint32_t count)
{
    (void)xgt;
    (void)start_address;
    (void)count;
    return 0;
}

/* /proc/xen/xsd_kva: a page of memory; /proc/xen/xsd_port: "1". */
SHIM int open(const char *path, int flags, ...)
{
    static int (*real_open)(const char *, int, ...);
    mode_t mode = 0;
    va_list ap;

    if ( !strcmp(path, "/proc/xen/xsd_kva") ||
         !strcmp(path, "/proc/xen/xsd_port") )
    {
        int fd = memfd_create("xsd", MFD_CLOEXEC);

        if ( fd < 0 )
            return -1;
        if ( path[15] == 'k' )
        {
            if ( ftruncate(fd, 4096) )
                return -1;
        }
        else if ( write(fd, "1\n", 2) != 2 || lseek(fd, 0, SEEK_SET) )
            return -1;
        return fd;
    }
    if ( !real_open )
        real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    va_start(ap, flags);
    if ( flags & (O_CREAT | O_TMPFILE) )
        mode = va_arg(ap, mode_t);
    va_end(ap);
    return real_open(path, flags, mode);
}
