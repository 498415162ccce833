/*
 * guest.h: a simulated guest for host tests: it owns a xenstore ring page
 * (a file the daemon maps through --test-ring-dir) and a datagram socket
 * standing in for its event channel, and speaks the ring protocol as a
 * guest kernel's xenbus does.
 */
#ifndef XENSTORE_TESTS_GUEST_H
#define XENSTORE_TESTS_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xen/io/xs_wire.h"

struct guest
{
    unsigned int domid;
    char dir[320];
    int evt;                                /* our "event channel" */
    struct xenstore_domain_interface *intf;
    uint32_t req_id;
    char events[8192];                      /* "path|token|;" ... */
    unsigned int nevents;
};

/* Create the ring file and event socket of domid under dir (not yet
 * introduced).  0 or -1. */
int guest_create(struct guest *g, const char *dir, unsigned int domid);
void guest_destroy(struct guest *g);
/* Kick the daemon. */
void guest_kick(struct guest *g);
/* Put raw bytes into the request ring (waits for space, bounded). */
int guest_put(struct guest *g, const void *data, size_t len, int timeout_ms);
/* Send one request. */
int guest_send(struct guest *g, uint32_t type, uint32_t tx, const void *body,
               size_t len);
/* Receive one message; 0 or -1 on timeout. */
int guest_recv(struct guest *g, struct xsd_sockmsg *hdr, char *body,
               int timeout_ms);
/*
 * A request with "|" standing for NUL in spec; the reply as text in out
 * ("E:NAME" for errors).  Watch events met on the way are recorded.
 */
const char *guest_cmd(struct guest *g, uint32_t type, uint32_t tx,
                      const char *spec, char *out, size_t outlen);
/* Wait for a watch event; the event as "path|token|" or NULL. */
const char *guest_wait_event(struct guest *g, char *out, size_t outlen,
                             int timeout_ms);

#endif
