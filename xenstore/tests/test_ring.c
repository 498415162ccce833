/*
 * test_ring.c: the shared-ring transport, end to end: a private xenstored
 * serves simulated guests whose ring pages are files (--test-ring-dir).
 * Covers introduction, requests and events over the ring, ring wrap-around,
 * unprivileged quotas, the "outstanding" limit, broken indexes and
 * over-long payloads (ring error field), reconnection and release.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xenstore.h>

#include "daemon.h"
#include "guest.h"
#include "harness.h"

static struct daemon d;
static struct xs_handle *h;
static char buf[16384];

#define G(g, type, spec) guest_cmd((g), (type), 0, (spec), buf, sizeof(buf))

static int up(struct guest *g, unsigned int domid)
{
    char path[64];
    struct xs_permissions p = { domid, XS_PERM_NONE };

    if ( guest_create(g, d.rings, domid) )
        return -1;
    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    if ( !xs_write(h, XBT_NULL, path, "", 0) ||
         !xs_set_permissions(h, XBT_NULL, path, &p, 1) )
        return -1;
    return xs_introduce_domain(h, domid, 4242, 7) ? 0 : -1;
}

static void test_basic(void)
{
    struct guest g;

    CHECK(!up(&g, 5));
    CHECK(g.intf->server_features & XENSTORE_SERVER_FEATURE_RECONNECTION);
    CHECK(g.intf->server_features & XENSTORE_SERVER_FEATURE_ERROR);
    CHECK_STR(G(&g, XS_WRITE, "name|guest5"), "OK|");
    CHECK_STR(G(&g, XS_READ, "/local/domain/5/name|"), "guest5");
    CHECK_STR(G(&g, XS_GET_DOMAIN_PATH, "5|"), "/local/domain/5|");
    CHECK_STR(G(&g, XS_READ, "/tool|"), "E:EACCES");
    CHECK_STR(G(&g, XS_INTRODUCE, "9|1|1|"), "E:EACCES");
    CHECK(xs_is_domain_introduced(h, 5));
    {
        char *v = xs_read(h, XBT_NULL, "/local/domain/5/name", NULL);

        CHECK_STR(v, "guest5");
        free(v);
    }
    guest_destroy(&g);
}

static void test_wrap(void)
{
    static char spec[4200], expect[3100];
    struct guest g;
    int i;

    CHECK(!up(&g, 6));
    /* Values of 2000 bytes: every message wraps the 1024-byte rings. */
    for ( i = 0; i < 20; i++ )
    {
        memset(expect, 'a' + i, 2000);
        expect[2000] = '\0';
        snprintf(spec, sizeof(spec), "big|%s", expect);
        CHECK_STR(G(&g, XS_WRITE, spec), "OK|");
        CHECK_STR(G(&g, XS_READ, "big|"), expect);
    }
    guest_destroy(&g);
}

static void test_events(void)
{
    struct guest g;
    char ev[256];

    CHECK(!up(&g, 7));
    CHECK_STR(G(&g, XS_WATCH, "device|tok|"), "OK|");
    CHECK_STR(guest_wait_event(&g, ev, sizeof(ev), 2000), "device|tok|");
    CHECK(xs_write(h, XBT_NULL, "/local/domain/7/device/vbd", "1", 1));
    CHECK_STR(guest_wait_event(&g, ev, sizeof(ev), 2000), "device/vbd|tok|");
    guest_destroy(&g);
}

static void test_quotas(void)
{
    struct guest g;
    char spec[64];
    char *r;
    int i;

    CHECK(!up(&g, 8));
    r = xs_control_command(h, "quota", "set\0nodes\0" "10", 13);
    CHECK_STR(r, "OK");
    free(r);
    /* /local/domain/8 itself counts: 9 more nodes fit. */
    for ( i = 0; i < 9; i++ )
    {
        snprintf(spec, sizeof(spec), "n%d|x", i);
        CHECK_STR(G(&g, XS_WRITE, spec), "OK|");
    }
    CHECK_STR(G(&g, XS_WRITE, "one-too-many|x"), "E:ENOSPC");
    r = xs_control_command(h, "quota", "set\0nodes\0" "1000", 15);
    free(r);
    for ( i = 0; i < 128; i++ )
    {
        snprintf(spec, sizeof(spec), "w%d|t|", i);
        if ( strcmp(G(&g, XS_WATCH, spec), "OK|") )
            break;
    }
    CHECK_INT(i, 128);
    CHECK_STR(G(&g, XS_WATCH, "w-last|t|"), "E:E2BIG");
    /* The daemon and dom0 carry on. */
    CHECK(xs_write(h, XBT_NULL, "/after", "1", 1));
    guest_destroy(&g);
}

static void test_outstanding(void)
{
    struct guest g;
    struct xsd_sockmsg hdr;
    char body[XENSTORE_PAYLOAD_MAX + 1];
    int i, got = 0;

    CHECK(!up(&g, 9));
    CHECK_STR(G(&g, XS_WRITE, "x|value"), "OK|");
    /* 60 requests without reading replies: the daemon answers what fits
     * and waits; nothing is lost once the guest reads. */
    for ( i = 0; i < 60; i++ )
        CHECK(!guest_send(&g, XS_READ, 0, "x", 2));
    for ( i = 0; i < 60; i++ )
    {
        if ( guest_recv(&g, &hdr, body, 3000) )
            break;
        got += hdr.type == XS_READ && !strcmp(body, "value");
    }
    CHECK_INT(got, 60);
    guest_destroy(&g);
}

static void test_bad_index(void)
{
    struct guest g;

    CHECK(!up(&g, 10));
    g.intf->req_prod = g.intf->req_cons + 5000;
    guest_kick(&g);
    for ( int i = 0; i < 200 && !g.intf->error; i++ )
        usleep(10000);
    CHECK_INT(g.intf->error, XENSTORE_ERROR_RINGIDX);
    CHECK(xs_write(h, XBT_NULL, "/still", "ok", 2));
    guest_destroy(&g);
}

static void test_too_long(void)
{
    struct guest g;
    struct xsd_sockmsg hdr = { XS_WRITE, 1, 0, XENSTORE_PAYLOAD_MAX + 1 };

    CHECK(!up(&g, 11));
    CHECK(!guest_put(&g, &hdr, sizeof(hdr), 1000));
    for ( int i = 0; i < 200 && !g.intf->error; i++ )
        usleep(10000);
    CHECK_INT(g.intf->error, XENSTORE_ERROR_PROTO);
    CHECK(xs_write(h, XBT_NULL, "/still", "ok", 2));
    guest_destroy(&g);
}

static void test_reconnect(void)
{
    struct guest g;
    char ev[256];

    CHECK(!up(&g, 12));
    CHECK_STR(G(&g, XS_WATCH, "a|t|"), "OK|");
    CHECK_STR(guest_wait_event(&g, ev, sizeof(ev), 2000), "a|t|");
    g.intf->connection = XENSTORE_RECONNECT;
    guest_kick(&g);
    for ( int i = 0; i < 200 && g.intf->connection; i++ )
        usleep(10000);
    CHECK_INT(g.intf->connection, XENSTORE_CONNECTED);
    CHECK_INT(g.intf->req_prod, 0);
    CHECK_INT(g.intf->rsp_prod, 0);
    /* Watches went with the old connection; the ring works again. */
    CHECK(xs_write(h, XBT_NULL, "/local/domain/12/a", "1", 1));
    CHECK_STR(G(&g, XS_READ, "a|"), "1");
    CHECK_INT(g.nevents, 0);
    guest_destroy(&g);
}

static void test_release(void)
{
    struct guest g;
    struct xs_handle *w = xs_open(0);
    unsigned int n;
    char **vec;

    CHECK(w && xs_watch(w, "@releaseDomain", "rel"));
    vec = xs_read_watch(w, &n);     /* the initial event */
    free(vec);
    CHECK(!up(&g, 13));
    CHECK_STR(G(&g, XS_WRITE, "mine|1"), "OK|");
    CHECK(xs_release_domain(h, 13));
    vec = xs_read_watch(w, &n);
    CHECK(vec && !strcmp(vec[XS_WATCH_PATH], "@releaseDomain"));
    free(vec);
    CHECK(!xs_is_domain_introduced(h, 13));
    /* Its nodes are gone (it owned them). */
    CHECK(!xs_read(h, XBT_NULL, "/local/domain/13/mine", NULL));
    CHECK(!xs_release_domain(h, 13) && errno == ENOENT);
    xs_close(w);
    guest_destroy(&g);
}

int main(void)
{
    h_suite = "xenstore/ring";
    if ( daemon_prepare(&d) || daemon_start(&d, NULL) || !(h = xs_open(0)) )
    {
        printf("FAIL: xenstore/ring/start-daemon\n");
        daemon_cleanup(&d);
        return 1;
    }
    RUN(test_basic);
    RUN(test_wrap);
    RUN(test_events);
    RUN(test_quotas);
    RUN(test_outstanding);
    RUN(test_bad_index);
    RUN(test_too_long);
    RUN(test_reconnect);
    RUN(test_release);
    xs_close(h);
    if ( daemon_stop(&d, SIGTERM) != 0 )
    {
        printf("FAIL: xenstore/ring/clean-exit\n");
        h_total_failed++;
    }
    else
        printf("PASS: xenstore/ring/clean-exit\n");
    daemon_cleanup(&d);
    return h_total_failed ? 1 : 0;
}
