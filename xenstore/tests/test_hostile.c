/*
 * test_hostile.c: hostile clients against a private daemon.  After each one,
 * a well-behaved client must still be served and the store must pass its
 * consistency check; the daemon's memory must stay bounded.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xenstore.h>

#include "daemon.h"
#include "guest.h"
#include "harness.h"

static struct daemon d;
static struct xs_handle *h;

static int raw_connect(void)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if ( fd < 0 || strlen(d.sock) >= sizeof(a.sun_path) )
        return -1;
    memcpy(a.sun_path, d.sock, strlen(d.sock) + 1);
    if ( connect(fd, (struct sockaddr *)&a, sizeof(a)) )
    {
        close(fd);
        return -1;
    }
    return fd;
}

static long daemon_rss_kb(void)
{
    char path[64], line[256];
    long kb = -1;
    FILE *f;

    snprintf(path, sizeof(path), "/proc/%d/status", (int)d.pid);
    f = fopen(path, "r");
    if ( !f )
        return -1;
    while ( fgets(line, sizeof(line), f) )
        if ( sscanf(line, "VmRSS: %ld", &kb) == 1 )
            break;
    fclose(f);
    return kb;
}

/* The daemon still serves a polite client and its store is consistent. */
static void still_healthy(void)
{
    char *v, *chk;

    CHECK(xs_write(h, XBT_NULL, "/healthy", "yes", 3));
    v = xs_read(h, XBT_NULL, "/healthy", NULL);
    CHECK_STR(v, "yes");
    free(v);
    chk = xs_control_command(h, "check", NULL, 0);
    CHECK_STR(chk, "OK");
    free(chk);
    CHECK(daemon_rss_kb() < 128 * 1024);
}

static void test_unread_flood(void)
{
    static char batch[1000 * 24];
    struct xsd_sockmsg hdr = { XS_READ, 0, 0, 8 };
    int fd = raw_connect(), i;
    long sent = 0;

    CHECK(fd >= 0);
    CHECK(xs_write(h, XBT_NULL, "/flood", "x", 1));
    fcntl(fd, F_SETFL, O_NONBLOCK);
    for ( i = 0; i < 1000; i++ )
    {
        hdr.req_id = i;
        memcpy(batch + i * 24, &hdr, 16);
        memcpy(batch + i * 24 + 16, "/flood\0", 8);
    }
    /*
     * Requests, never reading a reply, until the daemon stops reading them
     * (the socket stays full for 200 ms) or 1 000 000 went out.
     */
    while ( sent < 1000000 )
    {
        struct pollfd p = { fd, POLLOUT, 0 };
        ssize_t n;

        if ( poll(&p, 1, 200) != 1 )
            break;
        n = write(fd, batch, sizeof(batch));
        if ( n <= 0 )
            break;
        sent += n;
    }
    /* The daemon answered a good part before pushing back. */
    CHECK(sent > 100000);
    still_healthy();
    close(fd);
    still_healthy();
}

static void test_watch_storm(void)
{
    struct xs_handle *w = xs_open(0);
    xs_transaction_t t;
    char path[64];
    int i;

    CHECK(w != NULL);
    /* 500 watches on the whole tree, whose events are never read. */
    for ( i = 0; i < 500; i++ )
    {
        snprintf(path, sizeof(path), "tok%d", i);
        CHECK(xs_watch(w, "/", path));
    }
    t = xs_transaction_start(h);
    for ( i = 0; i < 2000; i++ )
    {
        snprintf(path, sizeof(path), "/storm/%d", i);
        xs_write(h, t, path, "1", 1);
    }
    CHECK(xs_transaction_end(h, t, false));
    for ( i = 0; i < 200; i++ )
    {
        snprintf(path, sizeof(path), "/storm/%d", i);
        CHECK(xs_write(h, XBT_NULL, path, "2", 1));
    }
    still_healthy();
    xs_close(w);
    still_healthy();
}

static void test_oversized(void)
{
    static char body[XENSTORE_PAYLOAD_MAX + 1];
    struct xsd_sockmsg hdr = { XS_WRITE, 1, 0, XENSTORE_PAYLOAD_MAX + 1 };
    int fd = raw_connect();
    char c;

    CHECK(fd >= 0);
    memset(body, 'v', sizeof(body));
    memcpy(body, "/big", 5);
    CHECK(write(fd, &hdr, sizeof(hdr)) == sizeof(hdr));
    CHECK(write(fd, body, sizeof(body)) > 0 || errno == EPIPE);
    /* The daemon hangs up on a 4097-byte payload. */
    CHECK(read(fd, &c, 1) == 0);
    close(fd);
    /* Exactly 4096 bytes (path and value) is fine. */
    CHECK(xs_write(h, XBT_NULL, "/big", body + 5, XENSTORE_PAYLOAD_MAX - 5));
    still_healthy();
}

static void test_big_delete(void)
{
    static char path[XENSTORE_ABS_PATH_MAX + 1];
    xs_transaction_t t = xs_transaction_start(h);
    size_t len = 0;
    int i;

    /* 10 000 nodes in one subtree, removed with one request. */
    for ( i = 0; i < 10000; i++ )
    {
        snprintf(path, sizeof(path), "/del/%d/%d", i / 100, i % 100);
        xs_write(h, t, path, "", 0);
    }
    CHECK(xs_transaction_end(h, t, false));
    CHECK(xs_rm(h, XBT_NULL, "/del"));
    /* And the deepest chain a path allows. */
    while ( len + 2 <= XENSTORE_REL_PATH_MAX )
    {
        path[len++] = '/';
        path[len++] = 'd';
    }
    path[len] = '\0';
    CHECK(xs_write(h, XBT_NULL, path, "bottom", 6));
    CHECK(xs_rm(h, XBT_NULL, "/d"));
    CHECK(!xs_read(h, XBT_NULL, "/d", NULL) && errno == ENOENT);
    still_healthy();
}

static void test_conflict_storm(void)
{
    pid_t kids[8];
    int i, ok = 1;
    char *v;

    CHECK(xs_write(h, XBT_NULL, "/counter", "0", 1));
    for ( i = 0; i < 8; i++ )
    {
        kids[i] = fork();
        if ( !kids[i] )
        {
            struct xs_handle *c = xs_open(0);
            int n, tries = 0;

            alarm(60);
            for ( n = 0; n < 50 && tries < 100000; tries++ )
            {
                xs_transaction_t t = xs_transaction_start(c);
                char *cur = xs_read(c, t, "/counter", NULL), val[16];

                snprintf(val, sizeof(val), "%d", cur ? atoi(cur) + 1 : -1);
                free(cur);
                xs_write(c, t, "/counter", val, strlen(val));
                if ( xs_transaction_end(c, t, false) )
                    n++;
                else if ( errno != EAGAIN )
                    _exit(1);
            }
            _exit(n == 50 ? 0 : 1);
        }
    }
    for ( i = 0; i < 8; i++ )
    {
        int st;

        waitpid(kids[i], &st, 0);
        ok &= WIFEXITED(st) && WEXITSTATUS(st) == 0;
    }
    CHECK(ok);
    v = xs_read(h, XBT_NULL, "/counter", NULL);
    CHECK_STR(v, "400");
    free(v);
    still_healthy();
}

static void test_quota_exhaustion(void)
{
    struct guest g;
    struct xs_permissions p = { 4, XS_PERM_NONE };
    char buf[256], spec[64];
    int i, enospc = 0;

    CHECK(!guest_create(&g, d.rings, 4));
    CHECK(xs_write(h, XBT_NULL, "/local/domain/4", "", 0));
    CHECK(xs_set_permissions(h, XBT_NULL, "/local/domain/4", &p, 1));
    CHECK(xs_introduce_domain(h, 4, 1, 1));
    for ( i = 0; i < 1100; i++ )
    {
        snprintf(spec, sizeof(spec), "n%d|x", i);
        enospc += !strcmp(guest_cmd(&g, XS_WRITE, 0, spec, buf, sizeof(buf)),
                          "E:ENOSPC");
    }
    /* 1000 nodes per domain, /local/domain/4 being one. */
    CHECK_INT(enospc, 101);
    for ( i = 0; i < 10; i++ )
        guest_cmd(&g, XS_TRANSACTION_START, 0, "|", buf, sizeof(buf));
    CHECK_STR(guest_cmd(&g, XS_TRANSACTION_START, 0, "|", buf, sizeof(buf)),
              "E:ENOSPC");
    {
        struct xs_handle *x = h;
        char *q = xs_control_command(x, "quota", "4", 2);

        CHECK(q && strstr(q, "nodes           :     1000"));
        free(q);
    }
    CHECK(xs_release_domain(h, 4));
    still_healthy();
    guest_destroy(&g);
}

static void test_garbage(void)
{
    int k;

    for ( k = 0; k < 50; k++ )
    {
        int fd = raw_connect(), i;
        unsigned char junk[512];

        for ( i = 0; i < (int)sizeof(junk); i++ )
            junk[i] = rand();
        if ( fd < 0 )
            continue;
        CHECK(write(fd, junk, sizeof(junk)) != 0);
        close(fd);
    }
    still_healthy();
}

int main(void)
{
    h_suite = "xenstore/hostile";
    signal(SIGPIPE, SIG_IGN);
    srand(1);
    if ( daemon_prepare(&d) || daemon_start(&d, NULL) || !(h = xs_open(0)) )
    {
        printf("FAIL: xenstore/hostile/start-daemon\n");
        daemon_cleanup(&d);
        return 1;
    }
    RUN(test_unread_flood);
    RUN(test_watch_storm);
    RUN(test_oversized);
    RUN(test_big_delete);
    RUN(test_conflict_storm);
    RUN(test_quota_exhaustion);
    RUN(test_garbage);
    xs_close(h);
    daemon_stop(&d, SIGTERM);
    daemon_cleanup(&d);
    return h_total_failed ? 1 : 0;
}
