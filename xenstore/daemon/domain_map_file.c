/*
 * domain_map_file.c: a host stand-in for grant mapping and event channels,
 * used by the tests and benchmarks (xenstored --test-ring-dir DIR).
 *
 * Domain N's ring page is the 4096-byte file DIR/domN.ring, mapped shared by
 * the daemon and by the test's simulated guest.  Event channels are datagrams:
 * a guest kicks the daemon by sending its domid (u32) to DIR/xenstored.evtchn;
 * the daemon kicks a guest by sending the local port (u32) to
 * DIR/domN.evtchn, if the guest bound it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "domain_map.h"

#define MAX_PORTS 4096

struct dmap_file
{
    struct dmap m;
    char *dir;
    int fd;
    unsigned int next_port;
    int port_domid[MAX_PORTS];  /* -1: free */
};

static void *file_map_ring(struct dmap *m, unsigned int domid, uint64_t mfn)
{
    struct dmap_file *f = (struct dmap_file *)m;
    char path[4096];
    struct stat st;
    void *p;
    int fd;

    (void)mfn;
    snprintf(path, sizeof(path), "%s/dom%u.ring", f->dir, domid);
    fd = open(path, O_RDWR | O_CLOEXEC);
    if ( fd < 0 )
        return NULL;
    if ( fstat(fd, &st) || st.st_size < 4096 )
    {
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

static void file_unmap_ring(struct dmap *m, void *page)
{
    (void)m;
    if ( page )
        munmap(page, 4096);
}

static int file_bind(struct dmap *m, unsigned int domid,
                     unsigned int remote_port)
{
    struct dmap_file *f = (struct dmap_file *)m;
    unsigned int i;

    (void)remote_port;
    for ( i = 0; i < MAX_PORTS; i++ )
    {
        unsigned int p = 1 + (f->next_port + i) % (MAX_PORTS - 1);

        if ( f->port_domid[p] < 0 )
        {
            f->port_domid[p] = domid;
            f->next_port = p;
            return p;
        }
    }
    return -ENOSPC;
}

static void file_unbind(struct dmap *m, unsigned int port)
{
    struct dmap_file *f = (struct dmap_file *)m;

    if ( port < MAX_PORTS )
        f->port_domid[port] = -1;
}

static void file_notify(struct dmap *m, unsigned int port)
{
    struct dmap_file *f = (struct dmap_file *)m;
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    uint32_t msg = port;

    if ( port >= MAX_PORTS || f->port_domid[port] < 0 )
        return;
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/dom%d.evtchn", f->dir,
             f->port_domid[port]);
    sendto(f->fd, &msg, sizeof(msg), MSG_DONTWAIT, (struct sockaddr *)&addr,
           sizeof(addr));
}

static int file_fd(struct dmap *m)
{
    return ((struct dmap_file *)m)->fd;
}

static int file_pending(struct dmap *m, unsigned int *ports, int max)
{
    struct dmap_file *f = (struct dmap_file *)m;
    int n = 0;

    while ( n < max )
    {
        uint32_t domid;
        unsigned int p;

        if ( recv(f->fd, &domid, sizeof(domid), MSG_DONTWAIT) !=
             sizeof(domid) )
            break;
        for ( p = 1; p < MAX_PORTS && n < max; p++ )
            if ( f->port_domid[p] == (int)domid )
                ports[n++] = p;
    }
    return n;
}

static void file_close(struct dmap *m)
{
    struct dmap_file *f = (struct dmap_file *)m;

    close(f->fd);
    free(f->dir);
    free(f);
}

static const struct dmap_ops file_ops = {
    .map_ring = file_map_ring,
    .unmap_ring = file_unmap_ring,
    .bind = file_bind,
    .unbind = file_unbind,
    .notify = file_notify,
    .fd = file_fd,
    .pending = file_pending,
    .close = file_close,
};

/* See domain_map.h. */
struct dmap *dmap_file_open(const char *dir)
{
    struct dmap_file *f = calloc(1, sizeof(*f));
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int i;

    if ( !f )
        return NULL;
    f->m.ops = &file_ops;
    f->m.virq_port = -1;
    f->dir = strdup(dir);
    for ( i = 0; i < MAX_PORTS; i++ )
        f->port_domid[i] = -1;
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/xenstored.evtchn", dir);
    unlink(addr.sun_path);
    f->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if ( !f->dir || f->fd < 0 ||
         bind(f->fd, (struct sockaddr *)&addr, sizeof(addr)) )
    {
        if ( f->fd >= 0 )
            close(f->fd);
        free(f->dir);
        free(f);
        return NULL;
    }
    return &f->m;
}
