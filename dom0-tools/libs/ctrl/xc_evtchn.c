/*
 * xc_evtchn.c: event channels through Linux's /dev/xen/evtchn.
 *
 * Reading the device gives the ports that fired (each masked until its
 * number is written back); ioctls bind, unbind and notify
 * (linux include/uapi/xen/evtchn.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "xc.h"

/* The Linux UAPI header names the hypervisor's type. */
typedef uint16_t domid_t;
#include <xen/evtchn.h>

struct xc_evtchn {
    int fd;
};

/* See xc.h. */
int xc_evtchn_open(xc_evtchn **xcep, char **err)
{
    xc_evtchn *xce = calloc(1, sizeof(*xce));
    int rc;

    *xcep = NULL;
    *err = NULL;
    if ( !xce )
        return -ENOMEM;
    xce->fd = open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if ( xce->fd < 0 )
    {
        rc = -errno;
        if ( asprintf(err, "cannot open /dev/xen/evtchn: %s%s", strerror(-rc),
                      rc == -ENOENT ? " (is xen-evtchn loaded?)" : "") < 0 )
            *err = NULL;
        free(xce);
        return rc;
    }
    *xcep = xce;
    return 0;
}

void xc_evtchn_close(xc_evtchn *xce)
{
    if ( !xce )
        return;
    close(xce->fd);
    free(xce);
}

int xc_evtchn_fd(const xc_evtchn *xce)
{
    return xce->fd;
}

/* See xc.h. */
int xc_evtchn_bind_interdomain(xc_evtchn *xce, uint32_t domid,
                               uint32_t remote_port)
{
    struct ioctl_evtchn_bind_interdomain b = { domid, remote_port };
    int rc;

    if ( domid >= XC_DOMID_FIRST_RESERVED )
        return -EINVAL;
    rc = ioctl(xce->fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &b);
    return rc < 0 ? -errno : rc;
}

int xc_evtchn_bind_virq(xc_evtchn *xce, unsigned int virq)
{
    struct ioctl_evtchn_bind_virq b = { virq };
    int rc;

    if ( virq >= 24 )
        return -EINVAL;
    rc = ioctl(xce->fd, IOCTL_EVTCHN_BIND_VIRQ, &b);
    return rc < 0 ? -errno : rc;
}

int xc_evtchn_unbind(xc_evtchn *xce, uint32_t port)
{
    struct ioctl_evtchn_unbind u = { port };

    return ioctl(xce->fd, IOCTL_EVTCHN_UNBIND, &u) < 0 ? -errno : 0;
}

int xc_evtchn_notify(xc_evtchn *xce, uint32_t port)
{
    struct ioctl_evtchn_notify n = { port };

    return ioctl(xce->fd, IOCTL_EVTCHN_NOTIFY, &n) < 0 ? -errno : 0;
}

/* See xc.h. */
int xc_evtchn_pending(xc_evtchn *xce)
{
    uint32_t port;
    ssize_t n = read(xce->fd, &port, sizeof(port));

    if ( n == (ssize_t)sizeof(port) )
        return (int)port;
    if ( n < 0 )
        return -errno;
    return -EAGAIN;
}

int xc_evtchn_unmask(xc_evtchn *xce, uint32_t port)
{
    ssize_t n = write(xce->fd, &port, sizeof(port));

    return n == (ssize_t)sizeof(port) ? 0 : (n < 0 ? -errno : -EIO);
}
