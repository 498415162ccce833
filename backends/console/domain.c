/*
 * domain.c: each guest's console: discovery through xenstore, the ring
 * mapping and event channel, the pty, and the data between them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <termios.h>
#include <unistd.h>

#include <xenstore.h>

#include "xc.h"
#include "console.h"

#define GNTTAB_RESERVED_CONSOLE 0
/* libxl's console/limit when none is given. */
#define DEFAULT_LIMIT (1024 * 1024)

static struct domain *find(struct daemon *dm, uint32_t domid)
{
    struct domain *d;

    for ( d = dm->domains; d; d = d->next )
        if ( d->domid == domid )
            return d;
    return NULL;
}

/* An allocated copy of conspath/rel, or NULL. */
static char *read_node(struct daemon *dm, struct domain *d, const char *rel)
{
    char path[128];

    snprintf(path, sizeof(path), "%s/%s", d->conspath, rel);
    return xs_read(dm->xsh, XBT_NULL, path, NULL);
}

/* A number in conspath/rel; -1 when absent or not a number. */
static long long read_number(struct daemon *dm, struct domain *d,
                             const char *rel)
{
    char *v = read_node(dm, d, rel), *end;
    long long n = -1;

    if ( v && *v )
    {
        n = strtoll(v, &end, 10);
        if ( *end || n < 0 )
            n = -1;
    }
    free(v);
    return n;
}

/* A pty whose slave stays open (so that writes never fail for want of a
 * reader) and passes bytes unchanged. */
static int open_pty(struct domain *d)
{
    struct termios t;
    const char *name;

    d->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if ( d->master < 0 )
        return -errno;
    if ( grantpt(d->master) || unlockpt(d->master) ||
         !(name = ptsname(d->master)) )
        goto fail;
    snprintf(d->tty, sizeof(d->tty), "%s", name);
    d->slave = open(d->tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if ( d->slave < 0 )
        goto fail;
    if ( !tcgetattr(d->slave, &t) )
    {
        cfmakeraw(&t);
        tcsetattr(d->slave, TCSANOW, &t);
    }
    fcntl(d->master, F_SETFL, fcntl(d->master, F_GETFL) | O_NONBLOCK);
    return 0;
 fail:
    if ( d->slave >= 0 )
        close(d->slave);
    close(d->master);
    d->master = d->slave = -1;
    return -EIO;
}

/* Undo connect(). */
static void disconnect(struct daemon *dm, struct domain *d)
{
    if ( d->local_port >= 0 )
        xc_evtchn_unbind(dm->xce, (uint32_t)d->local_port);
    d->local_port = -1;
    if ( d->page )
    {
        if ( d->by_grant )
            xc_gnttab_unmap(dm->xgt, d->page, 1);
        else
            xc_unmap(d->page, 1);
    }
    d->page = NULL;
    if ( d->master >= 0 )
        close(d->master);
    if ( d->slave >= 0 )
        close(d->slave);
    d->master = d->slave = -1;
    if ( d->log_fd >= 0 )
        close(d->log_fd);
    d->log_fd = -1;
    buffer_free(&d->out);
    d->connected = false;
}

/* The guest log file, named after the guest. */
static void open_guest_log(struct daemon *dm, struct domain *d)
{
    char path[64], file[160], *name;

    if ( !dm->opt.log_guest )
        return;
    snprintf(path, sizeof(path), "/local/domain/%u/name", d->domid);
    name = xs_read(dm->xsh, XBT_NULL, path, NULL);
    if ( name && *name && !strchr(name, '/') )
        snprintf(file, sizeof(file), "guest-%s.log", name);
    else
        snprintf(file, sizeof(file), "guest-%u.log", d->domid);
    free(name);
    d->log_fd = log_open(dm->opt.log_dir, file);
    d->log_bol = true;
    if ( d->log_fd < 0 )
        say(dm, LOG_WARNING, "cannot open %s/%s: %s", dm->opt.log_dir, file,
            strerror(errno));
}

/*
 * Connect when the toolstack has written ring-ref and port: map the ring
 * (by grant, else by frame), bind the event channel, make the pty and
 * record it in console/tty.
 */
static void connect(struct daemon *dm, struct domain *d)
{
    long long ring_ref = read_number(dm, d, "ring-ref");
    long long port = read_number(dm, d, "port");
    long long limit = read_number(dm, d, "limit");
    char *type = read_node(dm, d, "type"), path[128];
    int rc;

    if ( ring_ref < 0 || port < 0 )
        goto out;  /* not yet written */
    if ( type && *type && strcmp(type, "xenconsoled") )
        goto out;  /* served by another backend (ioemu) */
    d->page = NULL;
    if ( dm->xgt )
    {
        d->page = xc_gnttab_map_grant_ref(dm->xgt, d->domid,
                                          GNTTAB_RESERVED_CONSOLE,
                                          XC_PROT_READ | XC_PROT_WRITE);
        d->by_grant = d->page != NULL;
    }
    if ( !d->page )
        d->page = xc_map_foreign_page(dm->xch, d->domid,
                                      XC_PROT_READ | XC_PROT_WRITE,
                                      (uint64_t)ring_ref);
    if ( !d->page )
    {
        say(dm, LOG_ERR, "domain %u: cannot map its console ring (frame "
            "%#llx): %s", d->domid, ring_ref, xc_error(dm->xch));
        goto out;
    }
    rc = xc_evtchn_bind_interdomain(dm->xce, d->domid, (uint32_t)port);
    if ( rc < 0 )
    {
        say(dm, LOG_ERR, "domain %u: cannot bind event channel %lld: %s",
            d->domid, port, strerror(-rc));
        disconnect(dm, d);
        goto out;
    }
    d->local_port = rc;
    d->remote_port = (uint32_t)port;
    rc = open_pty(d);
    if ( rc )
    {
        say(dm, LOG_ERR, "domain %u: cannot open a pty: %s", d->domid,
            strerror(-rc));
        disconnect(dm, d);
        goto out;
    }
    buffer_init(&d->out, limit > 0 ? (size_t)limit : DEFAULT_LIMIT,
                dm->opt.discard);
    snprintf(path, sizeof(path), "%s/tty", d->conspath);
    if ( !xs_write(dm->xsh, XBT_NULL, path, d->tty, strlen(d->tty)) )
        say(dm, LOG_WARNING, "domain %u: cannot write %s: %s", d->domid, path,
            strerror(errno));
    open_guest_log(dm, d);
    d->connected = true;
    say(dm, LOG_INFO, "domain %u: console on %s (ring %s, port %lld)",
        d->domid, d->tty, d->by_grant ? "by grant" : "by frame", port);
    /* What the guest wrote before we were here; then tell it we are. */
    domain_take_output(dm, d);
    domain_flush_out(dm, d);
    xc_evtchn_notify(dm->xce, (uint32_t)d->local_port);
 out:
    free(type);
}

/* Forget a domain (gone or dying). */
static void drop(struct daemon *dm, struct domain *d)
{
    struct domain **pp;

    for ( pp = &dm->domains; *pp; pp = &(*pp)->next )
        if ( *pp == d )
        {
            *pp = d->next;
            break;
        }
    if ( d->watched )
    {
        char token[32];

        snprintf(token, sizeof(token), "dom%u", d->domid);
        xs_unwatch(dm->xsh, d->conspath, token);
    }
    if ( d->connected )
        say(dm, LOG_INFO, "domain %u: gone, console closed", d->domid);
    disconnect(dm, d);
    free(d);
}

/* Start following a new domain. */
static struct domain *add(struct daemon *dm, uint32_t domid)
{
    struct domain *d = calloc(1, sizeof(*d));
    char token[32];

    if ( !d )
        return NULL;
    d->domid = domid;
    d->local_port = d->master = d->slave = d->log_fd = -1;
    snprintf(d->conspath, sizeof(d->conspath), "/local/domain/%u/console",
             domid);
    snprintf(token, sizeof(token), "dom%u", domid);
    /* The watch fires once now and again when the toolstack writes. */
    d->watched = xs_watch(dm->xsh, d->conspath, token);
    d->next = dm->domains;
    dm->domains = d;
    return d;
}

/* See console.h. */
void domains_refresh(struct daemon *dm)
{
    xc_dominfo_t info[256];
    struct domain *d, *next;
    uint32_t first = 1;
    int n, i;

    for ( d = dm->domains; d; d = d->next )
        d->seen = false;
    for ( ;; )
    {
        n = xc_domain_getinfolist(dm->xch, first, 256, info);
        if ( n < 0 )
        {
            say(dm, LOG_ERR, "listing domains: %s", xc_error(dm->xch));
            /* Keep what we have rather than drop everything. */
            for ( d = dm->domains; d; d = d->next )
                d->seen = true;
            return;
        }
        for ( i = 0; i < n; i++ )
        {
            if ( info[i].dying )
                continue;
            d = find(dm, info[i].domid);
            if ( !d )
                d = add(dm, info[i].domid);
            if ( d )
            {
                d->seen = true;
                if ( !d->connected )
                    connect(dm, d);
            }
        }
        if ( n < 256 )
            break;
        first = info[n - 1].domid + 1;
    }
    for ( d = dm->domains; d; d = next )
    {
        next = d->next;
        if ( !d->seen )
            drop(dm, d);
    }
}

/* See console.h. */
void domain_console_changed(struct daemon *dm, uint32_t domid)
{
    struct domain *d = find(dm, domid);

    if ( d && !d->connected )
        connect(dm, d);
}

/* See console.h. */
void domain_take_output(struct daemon *dm, struct domain *d)
{
    char buf[2048];
    size_t room, n;
    bool corrupt;

    if ( !d->connected )
        return;
    for ( ;; )
    {
        room = buffer_room(&d->out);
        if ( !room )
            break;
        n = ring_read_out(d->page, buf, room < sizeof(buf) ? room
                                                           : sizeof(buf),
                          &corrupt);
        if ( corrupt && !d->warned_corrupt )
        {
            say(dm, LOG_WARNING, "domain %u: its console ring indexes are "
                "inconsistent; ignoring its output", d->domid);
            d->warned_corrupt = true;
        }
        if ( !n )
            break;
        log_write(d->log_fd, buf, n, dm->opt.stamp_guest, &d->log_bol);
        buffer_append(&d->out, buf, n);
    }
}

/* See console.h. */
void domain_flush_out(struct daemon *dm, struct domain *d)
{
    ssize_t n;

    (void)dm;
    while ( d->connected && d->out.len )
    {
        n = write(d->master, d->out.data, d->out.len);
        if ( n <= 0 )
            break;  /* EAGAIN: poll says when the pty takes more */
        buffer_consume(&d->out, (size_t)n);
    }
}

/* See console.h. */
void domain_read_pty(struct daemon *dm, struct domain *d)
{
    char buf[1024];
    size_t space;
    ssize_t n;

    if ( !d->connected )
        return;
    space = ring_in_space(d->page);
    if ( !space )
        return;
    n = read(d->master, buf, space < sizeof(buf) ? space : sizeof(buf));
    if ( n <= 0 )
        return;
    ring_write_in(d->page, buf, (size_t)n);
    xc_evtchn_notify(dm->xce, (uint32_t)d->local_port);
}

/* See console.h. */
void domain_port_fired(struct daemon *dm, int port)
{
    struct domain *d;

    for ( d = dm->domains; d; d = d->next )
        if ( d->connected && d->local_port == port )
        {
            domain_take_output(dm, d);
            domain_flush_out(dm, d);
            /* The guest may wait for room in either ring. */
            xc_evtchn_notify(dm->xce, (uint32_t)port);
            return;
        }
}

/* See console.h. */
void domains_free(struct daemon *dm)
{
    while ( dm->domains )
        drop(dm, dm->domains);
}

/* See console.h. */
void domains_reopen_logs(struct daemon *dm)
{
    struct domain *d;

    for ( d = dm->domains; d; d = d->next )
        if ( d->connected )
        {
            if ( d->log_fd >= 0 )
                close(d->log_fd);
            d->log_fd = -1;
            open_guest_log(dm, d);
        }
}
