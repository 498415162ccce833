/*
 * domain_map.h: how the daemon reaches other domains' xenstore rings.
 *
 * On Xen the ring page is mapped through Linux's /dev/xen/gntdev (grant
 * reference GNTTAB_RESERVED_XENSTORE) or /dev/xen/privcmd (foreign frame) and
 * the event channel is bound through /dev/xen/evtchn (domain_map_xen.c).  For
 * tests on a plain host, domain_map_file.c maps a file and uses datagram
 * sockets as event channels, so the ring transport runs unchanged over
 * ordinary shared memory.
 */
#ifndef XENSTORE_DAEMON_DOMAIN_MAP_H
#define XENSTORE_DAEMON_DOMAIN_MAP_H

#include <stdint.h>

struct dmap;

struct dmap_ops
{
    /* Map domid's ring page; NULL with errno set on failure. */
    void *(*map_ring)(struct dmap *m, unsigned int domid, uint64_t mfn);
    void (*unmap_ring)(struct dmap *m, void *page);
    /* Bind to remote_port of domid; returns the local port or -errno. */
    int (*bind)(struct dmap *m, unsigned int domid, unsigned int remote_port);
    void (*unbind)(struct dmap *m, unsigned int local_port);
    /* Kick the other end of local_port. */
    void (*notify)(struct dmap *m, unsigned int local_port);
    /* The one file descriptor to poll for incoming events. */
    int (*fd)(struct dmap *m);
    /* Collect up to max fired local ports (and re-arm them); count or -1. */
    int (*pending)(struct dmap *m, unsigned int *ports, int max);
    /*
     * Domains that died or shut down since the last call (VIRQ_DOM_EXC):
     * fills gone[] with domids and dead[] with whether the domain no longer
     * exists at all; returns the count.  Optional.
     */
    int (*dead_domains)(struct dmap *m, const unsigned int *domids, int n,
                        unsigned int *gone, int *dead, int max);
    /* Dom0's own ring and port when the daemon runs in dom0. Optional. */
    void *(*dom0_ring)(struct dmap *m, unsigned int *remote_port);
    void (*close)(struct dmap *m);
};

struct dmap
{
    const struct dmap_ops *ops;
    int virq_port;              /* local port of VIRQ_DOM_EXC, -1 if none */
};

/* Open the Xen devices; NULL (errno set) when they are missing. */
struct dmap *dmap_xen_open(void);

/* Open the file-backed test transport in directory dir. */
struct dmap *dmap_file_open(const char *dir);

#endif /* XENSTORE_DAEMON_DOMAIN_MAP_H */
