/*
 * guest.c: see guest.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "guest.h"

int guest_create(struct guest *g, const char *dir, unsigned int domid)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    char path[400];
    int fd;

    memset(g, 0, sizeof(*g));
    g->domid = domid;
    g->evt = -1;
    snprintf(g->dir, sizeof(g->dir), "%s", dir);
    snprintf(path, sizeof(path), "%s/dom%u.ring", dir, domid);
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if ( fd < 0 || ftruncate(fd, 4096) )
        return -1;
    g->intf = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if ( g->intf == MAP_FAILED )
        return -1;
    if ( strlen(dir) + 24 >= sizeof(a.sun_path) )
        return -1;
    sprintf(a.sun_path, "%s/dom%u.evtchn", dir, domid);
    unlink(a.sun_path);
    g->evt = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if ( g->evt < 0 || bind(g->evt, (struct sockaddr *)&a, sizeof(a)) )
        return -1;
    return 0;
}

void guest_destroy(struct guest *g)
{
    if ( g->intf && g->intf != MAP_FAILED )
        munmap(g->intf, 4096);
    if ( g->evt >= 0 )
        close(g->evt);
    g->intf = NULL;
    g->evt = -1;
}

void guest_kick(struct guest *g)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    uint32_t id = g->domid;

    if ( strlen(g->dir) + 20 >= sizeof(a.sun_path) )
        return;
    sprintf(a.sun_path, "%s/xenstored.evtchn", g->dir);
    sendto(g->evt, &id, sizeof(id), 0, (struct sockaddr *)&a, sizeof(a));
}

/* Wait (bounded) for a kick from the daemon; drains queued kicks. */
static void wait_kick(struct guest *g, int timeout_ms)
{
    struct pollfd p = { g->evt, POLLIN, 0 };
    uint32_t buf;

    if ( poll(&p, 1, timeout_ms) > 0 )
        while ( recv(g->evt, &buf, sizeof(buf), MSG_DONTWAIT) > 0 )
            ;
}

int guest_put(struct guest *g, const void *data, size_t len, int timeout_ms)
{
    const char *p = data;
    int waited = 0;

    while ( len )
    {
        XENSTORE_RING_IDX prod = g->intf->req_prod;
        XENSTORE_RING_IDX cons = __atomic_load_n(&g->intf->req_cons,
                                                 __ATOMIC_ACQUIRE);
        size_t space = XENSTORE_RING_SIZE - (prod - cons), n, first;

        if ( !space )
        {
            if ( waited >= timeout_ms )
                return -1;
            wait_kick(g, 10);
            waited += 10;
            continue;
        }
        n = len < space ? len : space;
        first = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(prod);
        if ( first > n )
            first = n;
        memcpy(g->intf->req + MASK_XENSTORE_IDX(prod), p, first);
        memcpy(g->intf->req, p + first, n - first);
        __atomic_store_n(&g->intf->req_prod, prod + n, __ATOMIC_RELEASE);
        guest_kick(g);
        p += n;
        len -= n;
    }
    return 0;
}

int guest_send(struct guest *g, uint32_t type, uint32_t tx, const void *body,
               size_t len)
{
    struct xsd_sockmsg h = { type, ++g->req_id, tx, len };

    if ( guest_put(g, &h, sizeof(h), 5000) )
        return -1;
    return guest_put(g, body, len, 5000);
}

static int get_bytes(struct guest *g, void *data, size_t len, int timeout_ms)
{
    char *p = data;
    int waited = 0;

    while ( len )
    {
        XENSTORE_RING_IDX cons = g->intf->rsp_cons;
        XENSTORE_RING_IDX prod = __atomic_load_n(&g->intf->rsp_prod,
                                                 __ATOMIC_ACQUIRE);
        size_t avail = prod - cons, n, first;

        if ( !avail )
        {
            if ( waited >= timeout_ms )
                return -1;
            wait_kick(g, 10);
            waited += 10;
            continue;
        }
        n = len < avail ? len : avail;
        first = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(cons);
        if ( first > n )
            first = n;
        memcpy(p, g->intf->rsp + MASK_XENSTORE_IDX(cons), first);
        memcpy(p + first, g->intf->rsp, n - first);
        __atomic_store_n(&g->intf->rsp_cons, cons + n, __ATOMIC_RELEASE);
        guest_kick(g);
        p += n;
        len -= n;
    }
    return 0;
}

int guest_recv(struct guest *g, struct xsd_sockmsg *hdr, char *body,
               int timeout_ms)
{
    if ( get_bytes(g, hdr, sizeof(*hdr), timeout_ms) ||
         hdr->len > XENSTORE_PAYLOAD_MAX ||
         get_bytes(g, body, hdr->len, 5000) )
        return -1;
    body[hdr->len] = '\0';
    return 0;
}

static void text(char *out, size_t outlen, const char *body, size_t len)
{
    size_t i, n = len < outlen - 1 ? len : outlen - 1;

    for ( i = 0; i < n; i++ )
        out[i] = body[i] ? body[i] : '|';
    out[n] = '\0';
}

const char *guest_cmd(struct guest *g, uint32_t type, uint32_t tx,
                      const char *spec, char *out, size_t outlen)
{
    char body[XENSTORE_PAYLOAD_MAX + 1];
    size_t i, len = strlen(spec);
    struct xsd_sockmsg h;
    uint32_t id;

    for ( i = 0; i < len && i < XENSTORE_PAYLOAD_MAX; i++ )
        body[i] = spec[i] == '|' ? '\0' : spec[i];
    if ( guest_send(g, type, tx, body, len) )
        return "(send failed)";
    id = g->req_id;
    for ( ;; )
    {
        if ( guest_recv(g, &h, body, 5000) )
            return "(timeout)";
        if ( h.type == XS_WATCH_EVENT )
        {
            char ev[2 * XENSTORE_PAYLOAD_MAX];

            text(ev, sizeof(ev), body, h.len);
            g->nevents++;
            if ( strlen(g->events) + strlen(ev) + 2 < sizeof(g->events) )
            {
                strcat(g->events, ev);
                strcat(g->events, ";");
            }
            continue;
        }
        if ( h.req_id != id )
            return "(wrong req_id)";
        break;
    }
    if ( h.type == XS_ERROR )
        snprintf(out, outlen, "E:%s", body);
    else
        text(out, outlen, body, h.len);
    return out;
}

const char *guest_wait_event(struct guest *g, char *out, size_t outlen,
                             int timeout_ms)
{
    char body[XENSTORE_PAYLOAD_MAX + 1];
    struct xsd_sockmsg h;

    if ( g->events[0] )
    {
        char *semi = strchr(g->events, ';');
        size_t l = semi - g->events;

        snprintf(out, outlen, "%.*s", (int)l, g->events);
        memmove(g->events, semi + 1, strlen(semi + 1) + 1);
        return out;
    }
    if ( guest_recv(g, &h, body, timeout_ms) || h.type != XS_WATCH_EVENT )
        return NULL;
    text(out, outlen, body, h.len);
    return out;
}
