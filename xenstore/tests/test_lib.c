/*
 * test_lib.c: libxenstore's API against a private xenstored.  Built twice:
 * with our <xenstore.h> and with Debian's (libxen-dev), both linked to our
 * library, which shows existing programs build and run against it.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xenstore.h>

#include "daemon.h"
#include "harness.h"

static struct daemon d;
static struct xs_handle *h;

static void test_basic(void)
{
    unsigned int len, n;
    char *v, **dir;

    CHECK(xs_write(h, XBT_NULL, "/lib/a", "hello", 5));
    v = xs_read(h, XBT_NULL, "/lib/a", &len);
    CHECK_STR(v, "hello");
    CHECK_INT(len, 5);
    free(v);
    CHECK(xs_mkdir(h, XBT_NULL, "/lib/dir"));
    dir = xs_directory(h, XBT_NULL, "/lib", &n);
    CHECK_INT(n, 2);
    CHECK(dir && !strcmp(dir[0], "a") && !strcmp(dir[1], "dir"));
    free(dir);
    CHECK(xs_rm(h, XBT_NULL, "/lib/a"));
    CHECK(!xs_read(h, XBT_NULL, "/lib/a", NULL) && errno == ENOENT);
    v = xs_get_domain_path(h, 3);
    CHECK_STR(v, "/local/domain/3");
    free(v);
    CHECK(xs_is_domain_introduced(h, 0));
    CHECK(!xs_is_domain_introduced(h, 77));
    CHECK(!xs_write(h, XBT_NULL, "bad//path", "", 0) && errno == EINVAL);
    CHECK(xs_path_is_subpath("/a", "/a/b") && !xs_path_is_subpath("/a", "/ab"));
    CHECK(!xs_restrict(h, 1) && errno == ENOSYS);
}

static void test_perms(void)
{
    struct xs_permissions set[2] = { { 1, XS_PERM_NONE },
                                     { 2, XS_PERM_READ | XS_PERM_WRITE } };
    struct xs_permissions *got;
    unsigned int n;

    CHECK(xs_write(h, XBT_NULL, "/lib/p", "", 0));
    CHECK(xs_set_permissions(h, XBT_NULL, "/lib/p", set, 2));
    got = xs_get_permissions(h, XBT_NULL, "/lib/p", &n);
    CHECK(got && n == 2);
    if ( got && n == 2 )
    {
        CHECK_INT(got[0].id, 1);
        CHECK_INT(got[0].perms, XS_PERM_NONE);
        CHECK_INT(got[1].id, 2);
        CHECK_INT(got[1].perms, XS_PERM_READ | XS_PERM_WRITE);
    }
    free(got);
    {
        struct xs_permissions p[2];

        CHECK(xs_strings_to_perms(p, 2, "r5\0b0"));
        CHECK(p[0].id == 5 && p[0].perms == XS_PERM_READ);
        CHECK(!xs_strings_to_perms(p, 1, "q5") && errno == EINVAL);
    }
}

static void test_transactions(void)
{
    struct xs_handle *h2 = xs_open(0);
    xs_transaction_t t;
    char *v;

    CHECK(h2 != NULL);
    CHECK(xs_write(h, XBT_NULL, "/lib/t", "0", 1));
    t = xs_transaction_start(h);
    CHECK(t != XBT_NULL);
    v = xs_read(h, t, "/lib/t", NULL);
    free(v);
    CHECK(xs_write(h, t, "/lib/t", "1", 1));
    CHECK(xs_write(h2, XBT_NULL, "/lib/t", "2", 1));
    CHECK(!xs_transaction_end(h, t, false) && errno == EAGAIN);
    t = xs_transaction_start(h);
    CHECK(xs_write(h, t, "/lib/t", "3", 1));
    CHECK(xs_transaction_end(h, t, false));
    v = xs_read(h2, XBT_NULL, "/lib/t", NULL);
    CHECK_STR(v, "3");
    free(v);
    t = xs_transaction_start(h);
    CHECK(xs_write(h, t, "/lib/t", "4", 1));
    CHECK(xs_transaction_end(h, t, true));
    v = xs_read(h2, XBT_NULL, "/lib/t", NULL);
    CHECK_STR(v, "3");
    free(v);
    xs_close(h2);
}

static void test_watch(void)
{
    struct xs_handle *w = xs_open(XS_UNWATCH_FILTER);
    struct pollfd p;
    unsigned int n;
    char **vec;
    int fd;

    CHECK(w != NULL);
    CHECK(xs_watch(w, "/lib/w", "T1"));
    vec = xs_read_watch(w, &n);
    CHECK(vec && n == 2 && !strcmp(vec[XS_WATCH_PATH], "/lib/w") &&
          !strcmp(vec[XS_WATCH_TOKEN], "T1"));
    free(vec);
    fd = xs_fileno(w);
    CHECK(fd >= 0);
    CHECK(!xs_check_watch(w) && errno == EAGAIN);
    CHECK(xs_write(h, XBT_NULL, "/lib/w/x", "1", 1));
    p.fd = fd;
    p.events = POLLIN;
    CHECK(poll(&p, 1, 5000) == 1);
    vec = xs_check_watch(w);
    CHECK(vec && !strcmp(vec[XS_WATCH_PATH], "/lib/w/x"));
    free(vec);
    /* Filtered unwatch drops the events already queued for it. */
    CHECK(xs_write(h, XBT_NULL, "/lib/w/y", "1", 1));
    CHECK(poll(&p, 1, 5000) == 1);
    CHECK(xs_unwatch(w, "/lib/w", "T1"));
    CHECK(!xs_check_watch(w) && errno == EAGAIN);
    CHECK(!xs_unwatch(w, "/lib/w", "T1") && errno == ENOENT);
    xs_close(w);
}

static void test_big_directory(void)
{
    char path[128];
    unsigned int n, i, ok = 0;
    char **dir;
    xs_transaction_t t = xs_transaction_start(h);

    for ( i = 0; i < 600; i++ )
    {
        snprintf(path, sizeof(path), "/lib/big/entry-with-a-long-name-%04u", i);
        xs_write(h, t, path, "", 0);
    }
    CHECK(xs_transaction_end(h, t, false));
    /* 600 * 36 bytes: more than one reply, DIRECTORY_PART does it. */
    dir = xs_directory(h, XBT_NULL, "/lib/big", &n);
    CHECK_INT(n, 600);
    for ( i = 0; dir && i < n; i++ )
    {
        snprintf(path, sizeof(path), "entry-with-a-long-name-%04u", i);
        ok += !strcmp(dir[i], path);
    }
    CHECK_INT(ok, 600);
    free(dir);
}

static void test_control(void)
{
    char *r = xs_control_command(h, "quota", NULL, 0);

    CHECK(r && strstr(r, "Quota settings:") && strstr(r, "node-size"));
    free(r);
    r = xs_debug_command(h, "check", NULL, 0);
    CHECK_STR(r, "OK");
    free(r);
    CHECK(!xs_control_command(h, "no-such-command", NULL, 0) &&
          errno == EINVAL);
    /* No ring devices here: introducing cannot map anything. */
    CHECK(!xs_introduce_domain(h, 20, 1, 1));
}

static void *worker(void *arg)
{
    long id = (long)arg;
    char path[64], val[32];
    int i, bad = 0;

    for ( i = 0; i < 200; i++ )
    {
        char *v;

        snprintf(path, sizeof(path), "/lib/thr/%ld", id);
        snprintf(val, sizeof(val), "%d", i);
        if ( !xs_write(h, XBT_NULL, path, val, strlen(val)) )
            bad++;
        v = xs_read(h, XBT_NULL, path, NULL);
        if ( !v || strcmp(v, val) )
            bad++;
        free(v);
    }
    return (void *)(long)bad;
}

static void test_threads(void)
{
    pthread_t t[4];
    long i, bad = 0;

    /* A watch makes the reader thread own the socket meanwhile. */
    CHECK(xs_watch(h, "/lib/thr", "thr"));
    for ( i = 0; i < 4; i++ )
        pthread_create(&t[i], NULL, worker, (void *)i);
    for ( i = 0; i < 4; i++ )
    {
        void *r;

        pthread_join(t[i], &r);
        bad += (long)r;
    }
    CHECK_INT(bad, 0);
    CHECK(xs_unwatch(h, "/lib/thr", "thr"));
}

int main(int argc, char **argv)
{
    h_suite = argc > 1 ? argv[1] : "xenstore/lib";
    if ( daemon_prepare(&d) || daemon_start(&d, NULL) || !(h = xs_open(0)) )
    {
        printf("FAIL: %s/start-daemon\n", h_suite);
        daemon_cleanup(&d);
        return 1;
    }
    RUN(test_basic);
    RUN(test_perms);
    RUN(test_transactions);
    RUN(test_watch);
    RUN(test_big_directory);
    RUN(test_control);
    RUN(test_threads);
    xs_close(h);
    daemon_stop(&d, SIGTERM);
    daemon_cleanup(&d);
    return h_total_failed ? 1 : 0;
}
