/*
 * test_core.c: unit tests of the pure core, driven through xs_conn_request()
 * with a fake transport.  After every test the store's invariants are checked
 * (tree links, per-domain accounting recounted from scratch).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake.h"
#include "harness.h"

#define W(f, p) fake_cmd((f), XS_WRITE, 0, p)
#define R(f, p) fake_cmd((f), XS_READ, 0, p "|")
#define LS(f, p) fake_cmd((f), XS_DIRECTORY, 0, p "|")

static struct fake_env env;
static struct fake *d0;

static void setup(void)
{
    fake_init(&env);
    d0 = fake_conn(&env, 0);
}

static void teardown(void)
{
    char why[256];

    if ( xs_store_check(env.s, why, sizeof(why)) )
    {
        fprintf(stderr, "  store check: %s\n", why);
        CHECK(!"store consistent");
    }
    fake_fini(&env);
}

static void test_read_write(void)
{
    setup();
    CHECK_STR(W(d0, "/a/b/c|hello"), "OK|");
    CHECK_STR(R(d0, "/a/b/c"), "hello");
    CHECK_STR(R(d0, "/a/b"), "");
    CHECK_STR(R(d0, "/a/x"), "E:ENOENT");
    CHECK_STR(W(d0, "/a/b/c|"), "OK|");
    CHECK_STR(R(d0, "/a/b/c"), "");
    CHECK_STR(fake_cmd(d0, XS_MKDIR, 0, "/a/b/c|"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_MKDIR, 0, "/m/n|"), "OK|");
    CHECK_STR(R(d0, "/m/n"), "");
    CHECK_STR(LS(d0, "/a"), "b|");
    CHECK_STR(LS(d0, "/"), "tool|a|m|");
    /* Values are bytes: NULs inside survive. */
    CHECK_STR(fake_req(d0, XS_WRITE, 0, "/bin\0x\0y", 8), "OK|");
    CHECK_STR(R(d0, "/bin"), "x|y");
    CHECK_INT(d0->reply_len, 3);
    teardown();
}

static void test_paths(void)
{
    setup();
    CHECK_STR(W(d0, "/a//b|x"), "E:EINVAL");
    CHECK_STR(W(d0, "/a/|x"), "E:EINVAL");
    CHECK_STR(W(d0, "/a b|x"), "E:EINVAL");
    CHECK_STR(W(d0, "@foo|x"), "E:EINVAL");
    CHECK_STR(W(d0, "|x"), "E:EINVAL");
    CHECK_STR(W(d0, "/a-b_c@d/0|x"), "OK|");
    /* dom0's relative paths are below /local/domain/0. */
    CHECK_STR(W(d0, "rel/x|1"), "OK|");
    CHECK_STR(R(d0, "/local/domain/0/rel/x"), "1");
    CHECK_STR(fake_cmd(d0, XS_RM, 0, "/|"), "E:EINVAL");
    /* A read must carry exactly one NUL-terminated path. */
    CHECK_STR(fake_req(d0, XS_READ, 0, "/a", 2), "E:ENOENT");
    CHECK_STR(fake_req(d0, XS_READ, 0, "/a\0/b\0", 6), "E:ENOENT");
    CHECK_STR(fake_cmd(d0, 99, 0, "/|"), "E:ENOSYS");
    CHECK_STR(fake_cmd(d0, XS_WATCH_EVENT, 0, "/|"), "E:ENOSYS");
    {
        char p[XENSTORE_ABS_PATH_MAX + 8];

        memset(p, 'a', sizeof(p));
        p[0] = '/';
        strcpy(p + XENSTORE_ABS_PATH_MAX + 1, "|x");
        CHECK_STR(W(d0, p), "E:EINVAL");
    }
    CHECK_STR(fake_cmd(d0, XS_GET_DOMAIN_PATH, 0, "7|"), "/local/domain/7|");
    /* Xen 4.17 reads the domid with atoi(). */
    CHECK_STR(fake_cmd(d0, XS_GET_DOMAIN_PATH, 0, "x|"), "/local/domain/0|");
    teardown();
}

static void test_rm(void)
{
    setup();
    W(d0, "/a/b/c|1");
    W(d0, "/a/b/d|2");
    CHECK_STR(fake_cmd(d0, XS_RM, 0, "/a/b|"), "OK|");
    CHECK_STR(R(d0, "/a/b/c"), "E:ENOENT");
    CHECK_STR(LS(d0, "/a"), "");
    /* Removing a missing child of an existing node succeeds, as in Xen. */
    CHECK_STR(fake_cmd(d0, XS_RM, 0, "/a/zz|"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_RM, 0, "/q/zz|"), "E:ENOENT");
    teardown();
}

static void test_directory_part(void)
{
    char path[64], spec[128], expect[8192] = "";
    unsigned int i, off = 0, rounds = 0;
    char got[16384] = "";

    setup();
    for ( i = 0; i < 300; i++ )
    {
        snprintf(path, sizeof(path), "/big/child-number-%04u|v", i);
        W(d0, path);
        snprintf(path, sizeof(path), "child-number-%04u|", i);
        strcat(expect, path);
    }
    /* 300 * 18 bytes do not fit a 4096-byte reply. */
    CHECK_STR(LS(d0, "/big"), "E:E2BIG");
    for ( ;; )
    {
        const char *r;
        size_t glen;

        snprintf(spec, sizeof(spec), "/big|%u|", off);
        r = fake_cmd(d0, XS_DIRECTORY_PART, 0, spec);
        CHECK(d0->reply_type == XS_DIRECTORY_PART);
        glen = strlen(d0->raw) + 1;
        CHECK(d0->reply_len <= XENSTORE_PAYLOAD_MAX);
        (void)r;
        if ( d0->reply_len >= glen + 1 && d0->raw[d0->reply_len - 1] == '\0' &&
             d0->raw[d0->reply_len - 2] == '\0' )
        {
            strncat(got, d0->reply + glen, d0->reply_len - glen - 1);
            break;
        }
        strncat(got, d0->reply + glen, d0->reply_len - glen);
        off += d0->reply_len - glen;
        if ( ++rounds > 10 )
            break;
    }
    CHECK_STR(got, expect);
    CHECK(rounds >= 1);
    /* Xen reads the offset with atoi(): junk is offset 0. */
    CHECK(strstr(fake_cmd(d0, XS_DIRECTORY_PART, 0, "/big|x|"),
                 "|child-number-0000|") != NULL);
    teardown();
}

static void test_perms(void)
{
    struct fake *d1, *d2;

    setup();
    d1 = fake_introduce(&env, 1);
    d2 = fake_introduce(&env, 2);
    CHECK(d1 && d2);
    if ( !d1 || !d2 )
        goto out;
    W(d0, "/local/domain/1|");
    CHECK_STR(fake_cmd(d0, XS_SET_PERMS, 0, "/local/domain/1|n1|r2|"), "OK|");
    W(d0, "/local/domain/1/x|1");
    CHECK_STR(fake_cmd(d0, XS_GET_PERMS, 0, "/local/domain/1|"), "n1|r2|");
    /* Owner has everything; others the default; entries grant per domain. */
    CHECK_STR(R(d1, "/local/domain/1/x"), "1");
    CHECK_STR(R(d2, "/local/domain/1/x"), "1");
    CHECK_STR(W(d2, "/local/domain/1/y|2"), "E:EACCES");
    {
        struct fake *d3 = fake_introduce(&env, 3);

        CHECK_STR(R(d3, "/local/domain/1/x"), "E:EACCES");
        /* What a domain may not read does not exist for it, not even as
         * ENOENT. */
        CHECK_STR(R(d3, "/local/domain/1/x/nothere"), "E:EACCES");
    }
    CHECK_STR(R(d1, "/local/domain/1/nothere"), "E:ENOENT");
    /* Unprivileged creators own what they create; the rest is inherited. */
    CHECK_STR(W(d1, "data/k|v"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_GET_PERMS, 0, "/local/domain/1/data/k|"),
              "n1|r2|");
    /* Only the owner may change permissions, and not give a node away. */
    CHECK_STR(fake_cmd(d2, XS_SET_PERMS, 0, "/local/domain/1/data|b2|"),
              "E:EACCES");
    CHECK_STR(fake_cmd(d1, XS_SET_PERMS, 0, "/local/domain/1/data|n2|"),
              "E:EPERM");
    CHECK_STR(fake_cmd(d1, XS_SET_PERMS, 0, "/local/domain/1/data|n1|b2|"),
              "OK|");
    CHECK_STR(W(d2, "/local/domain/1/data/k2|w"), "OK|");
    CHECK_STR(W(d2, "/local/domain/1/data/k|w"), "E:EACCES");
    CHECK_STR(fake_cmd(d1, XS_SET_PERMS, 0,
                       "/local/domain/1/data|n1|r2|r3|r4|r5|r6|"),
              "E:ENOSPC");
    CHECK_STR(fake_cmd(d1, XS_SET_PERMS, 0, "/local/domain/1/data|x1|"),
              "E:EINVAL");
    CHECK_STR(fake_cmd(d1, XS_SET_PERMS, 0, "/local/domain/1/data|"),
              "E:EINVAL");
    /* Privileged-only requests. */
    CHECK_STR(fake_cmd(d1, XS_INTRODUCE, 0, "5|1|1|"), "E:EACCES");
    CHECK_STR(fake_cmd(d1, XS_CONTROL, 0, "quota|"), "E:EACCES");
    /* SET_TARGET: domain 2 acts for domain 1. */
    CHECK_STR(fake_cmd(d0, XS_SET_TARGET, 0, "2|1|"), "OK|");
    CHECK_STR(R(d2, "/local/domain/1/x"), "1");
 out:
    teardown();
}

static void test_transactions(void)
{
    char spec[64];
    const char *r;
    unsigned int t1, t2;

    setup();
    W(d0, "/t/a|1");
    W(d0, "/t/b|1");
    r = fake_cmd(d0, XS_TRANSACTION_START, 0, "|");
    t1 = atoi(r);
    r = fake_cmd(d0, XS_TRANSACTION_START, 0, "|");
    t2 = atoi(r);
    CHECK(t1 && t2 && t1 != t2);
    CHECK_STR(fake_cmd(d0, XS_TRANSACTION_START, t1, "|"), "E:EBUSY");
    /* Each sees its own writes, nobody else does until commit. */
    CHECK_STR(fake_cmd(d0, XS_WRITE, t1, "/t/a|2"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_READ, t1, "/t/a|"), "2");
    CHECK_STR(R(d0, "/t/a"), "1");
    CHECK_STR(fake_cmd(d0, XS_WRITE, t1, "/t/new/deep|n"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_DIRECTORY, t1, "/t|"), "a|b|new|");
    CHECK_STR(LS(d0, "/t"), "a|b|");
    /* t2 touches only /t/b: no conflict with t1. */
    CHECK_STR(fake_cmd(d0, XS_WRITE, t2, "/t/b|3"), "OK|");
    snprintf(spec, sizeof(spec), "T|");
    CHECK_STR(fake_cmd(d0, XS_TRANSACTION_END, t2, spec), "OK|");
    CHECK_STR(fake_cmd(d0, XS_TRANSACTION_END, t1, spec), "OK|");
    CHECK_STR(R(d0, "/t/a"), "2");
    CHECK_STR(R(d0, "/t/b"), "3");
    CHECK_STR(R(d0, "/t/new/deep"), "n");
    /* A node read by a transaction and changed meanwhile: EAGAIN. */
    t1 = atoi(fake_cmd(d0, XS_TRANSACTION_START, 0, "|"));
    CHECK_STR(fake_cmd(d0, XS_READ, t1, "/t/a|"), "2");
    CHECK_STR(fake_cmd(d0, XS_WRITE, t1, "/t/c|x"), "OK|");
    W(d0, "/t/a|9");
    CHECK_STR(fake_cmd(d0, XS_TRANSACTION_END, t1, "T|"), "E:EAGAIN");
    CHECK_STR(R(d0, "/t/c"), "E:ENOENT");
    CHECK_STR(fake_cmd(d0, XS_TRANSACTION_END, t1, "T|"), "E:ENOENT");
    /* Removal and abort. */
    t1 = atoi(fake_cmd(d0, XS_TRANSACTION_START, 0, "|"));
    CHECK_STR(fake_cmd(d0, XS_RM, t1, "/t|"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_READ, t1, "/t/a|"), "E:ENOENT");
    CHECK_STR(R(d0, "/t/a"), "9");
    CHECK_STR(fake_cmd(d0, XS_TRANSACTION_END, t1, "F|"), "OK|");
    CHECK_STR(R(d0, "/t/a"), "9");
    t1 = atoi(fake_cmd(d0, XS_TRANSACTION_START, 0, "|"));
    CHECK_STR(fake_cmd(d0, XS_RM, t1, "/t|"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_WRITE, t1, "/t/again|1"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_TRANSACTION_END, t1, "T|"), "OK|");
    CHECK_STR(LS(d0, "/t"), "again|");
    CHECK_STR(R(d0, "/t/new/deep"), "E:ENOENT");
    CHECK_STR(fake_cmd(d0, XS_TRANSACTION_END, 0, "X|"), "E:EINVAL");
    CHECK_STR(fake_cmd(d0, XS_READ, 4242, "/t|"), "E:ENOENT");
    teardown();
}

static void test_txn_quota(void)
{
    struct fake *d1;
    char spec[64];
    int i;

    setup();
    d1 = fake_introduce(&env, 1);
    W(d0, "/local/domain/1|");
    fake_cmd(d0, XS_SET_PERMS, 0, "/local/domain/1|n1|");
    for ( i = 0; i < 10; i++ )
        CHECK(atoi(fake_cmd(d1, XS_TRANSACTION_START, 0, "|")) > 0);
    CHECK_STR(fake_cmd(d1, XS_TRANSACTION_START, 0, "|"), "E:ENOSPC");
    fake_cmd(d1, XS_RESET_WATCHES, 0, "");
    xs_store_set_quota(env.s, XS_Q_TRANSACTION_NODES, 5);
    i = atoi(fake_cmd(d1, XS_TRANSACTION_START, 0, "|"));
    CHECK_STR(fake_cmd(d1, XS_WRITE, i, "a|1"), "OK|");
    CHECK_STR(fake_cmd(d1, XS_WRITE, i, "b|1"), "OK|");
    CHECK_STR(fake_cmd(d1, XS_WRITE, i, "c|1"), "OK|");
    snprintf(spec, sizeof(spec), "d|1");
    CHECK_STR(fake_cmd(d1, XS_WRITE, i, spec), "OK|");
    CHECK_STR(fake_cmd(d1, XS_WRITE, i, "e|1"), "E:ENOSPC");
    teardown();
}

static void test_watches(void)
{
    struct fake *d1;

    setup();
    CHECK_STR(fake_cmd(d0, XS_WATCH, 0, "/w|tok|"), "OK|");
    /* The initial event follows the reply. */
    CHECK_STR(d0->events, "/w|tok|;");
    d0->events[0] = '\0';
    W(d0, "/w/a/b|1");
    W(d0, "/other|1");
    CHECK_STR(d0->events, "/w/a/b|tok|;");
    d0->events[0] = '\0';
    CHECK_STR(fake_cmd(d0, XS_WATCH, 0, "/w/a/b|deep|"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_WATCH, 0, "/w/a/b|deep|"), "E:EEXIST");
    d0->events[0] = '\0';
    /* Removing /w/a fires /w (with /w/a) and /w/a/b (with its own path). */
    fake_cmd(d0, XS_RM, 0, "/w/a|");
    CHECK(strstr(d0->events, "/w/a|tok|;") != NULL);
    CHECK(strstr(d0->events, "/w/a/b|deep|;") != NULL);
    CHECK_INT(d0->nevents, 5);
    CHECK_STR(fake_cmd(d0, XS_UNWATCH, 0, "/w/a/b|deep|"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_UNWATCH, 0, "/w/a/b|deep|"), "E:ENOENT");
    /* Relative watches report relative paths. */
    d1 = fake_introduce(&env, 1);
    W(d0, "/local/domain/1|");
    fake_cmd(d0, XS_SET_PERMS, 0, "/local/domain/1|n1|");
    W(d0, "/local/domain/1/dev|");
    CHECK_STR(fake_cmd(d1, XS_WATCH, 0, "dev|rel|"), "OK|");
    CHECK_STR(d1->events, "dev|rel|;");
    d1->events[0] = '\0';
    W(d0, "/local/domain/1/dev/vif|x");
    CHECK_STR(d1->events, "dev/vif|rel|;");
    /* A watcher learns nothing about nodes it may not read. */
    CHECK_STR(fake_cmd(d1, XS_WATCH, 0, "/secret|s|"), "OK|");
    d1->events[0] = '\0';
    W(d0, "/secret/x|1");
    CHECK_STR(d1->events, "");
    /* Transactions fire at commit only. */
    {
        unsigned int t = atoi(fake_cmd(d0, XS_TRANSACTION_START, 0, "|"));

        d0->events[0] = '\0';
        fake_cmd(d0, XS_WRITE, t, "/w/t|1");
        CHECK_STR(d0->events, "");
        fake_cmd(d0, XS_TRANSACTION_END, t, "T|");
        CHECK_STR(d0->events, "/w/t|tok|;");
    }
    /* RESET_WATCHES drops them all. */
    CHECK_STR(fake_cmd(d0, XS_RESET_WATCHES, 0, ""), "OK|");
    d0->events[0] = '\0';
    W(d0, "/w/t|2");
    CHECK_STR(d0->events, "");
    teardown();
}

static void test_watch_quota(void)
{
    struct fake *d1;
    char spec[64];
    int i;

    setup();
    d1 = fake_introduce(&env, 1);
    for ( i = 0; i < 128; i++ )
    {
        snprintf(spec, sizeof(spec), "w%d|t|", i);
        CHECK_STR(fake_cmd(d1, XS_WATCH, 0, spec), "OK|");
    }
    CHECK_STR(fake_cmd(d1, XS_WATCH, 0, "one-more|t|"), "E:E2BIG");
    /* dom0 is exempt. */
    for ( i = 0; i < 200; i++ )
    {
        snprintf(spec, sizeof(spec), "/w%d|t|", i);
        CHECK_STR(fake_cmd(d0, XS_WATCH, 0, spec), "OK|");
    }
    teardown();
}

static void test_special_watches(void)
{
    struct fake *d1;

    setup();
    CHECK_STR(fake_cmd(d0, XS_WATCH, 0, "@introduceDomain|i|"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_WATCH, 0, "@releaseDomain|r|"), "OK|");
    d0->events[0] = '\0';
    d1 = fake_introduce(&env, 1);
    CHECK(d1 != NULL);
    CHECK_STR(d0->events, "@introduceDomain|i|;");
    CHECK_STR(fake_cmd(d0, XS_IS_DOMAIN_INTRODUCED, 0, "1|"), "T|");
    CHECK_STR(fake_cmd(d0, XS_IS_DOMAIN_INTRODUCED, 0, "2|"), "F|");
    /* A domain's own nodes go with it. */
    W(d0, "/local/domain/1|");
    fake_cmd(d0, XS_SET_PERMS, 0, "/local/domain/1|n1|");
    CHECK_STR(W(d1, "data|1"), "OK|");
    d0->events[0] = '\0';
    CHECK_STR(fake_cmd(d0, XS_RELEASE, 0, "1|"), "OK|");
    CHECK(d1->released);
    CHECK(strstr(d0->events, "@releaseDomain|r|;") != NULL);
    CHECK_STR(R(d0, "/local/domain/1"), "E:ENOENT");
    CHECK_STR(fake_cmd(d0, XS_RELEASE, 0, "1|"), "E:ENOENT");
    /* Xen 4.17: special nodes' permissions can be set, not read. */
    CHECK_STR(fake_cmd(d0, XS_GET_PERMS, 0, "@releaseDomain|"), "E:EINVAL");
    CHECK_STR(fake_cmd(d0, XS_SET_PERMS, 0, "@releaseDomain|n0|r5|"), "OK|");
    CHECK_STR(fake_cmd(d0, XS_SET_PERMS, 0, "@other|n0|"), "E:ENOENT");
    teardown();
}

static void test_keep_orphans(void)
{
    struct fake *d1;

    setup();
    xs_store_keep_orphans(env.s, true);
    d1 = fake_introduce(&env, 1);
    W(d0, "/local/domain/1|");
    fake_cmd(d0, XS_SET_PERMS, 0, "/local/domain/1|n1|");
    W(d1, "data|1");
    fake_cmd(d0, XS_RELEASE, 0, "1|");
    CHECK_STR(R(d0, "/local/domain/1/data"), "1");
    CHECK_STR(fake_cmd(d0, XS_GET_PERMS, 0, "/local/domain/1/data|"), "n0|");
    teardown();
}

static void test_node_quotas(void)
{
    struct fake *d1;
    char spec[4200];
    int i;

    setup();
    d1 = fake_introduce(&env, 1);
    W(d0, "/local/domain/1|");
    fake_cmd(d0, XS_SET_PERMS, 0, "/local/domain/1|n1|");
    xs_store_set_quota(env.s, XS_Q_NODES, 20);
    for ( i = 0; i < 19; i++ )
    {
        snprintf(spec, sizeof(spec), "n%d|x", i);
        CHECK_STR(W(d1, spec), "OK|");
    }
    CHECK_STR(W(d1, "last|x"), "E:ENOSPC");
    CHECK_STR(fake_cmd(d1, XS_RM, 0, "n0|"), "OK|");
    CHECK_STR(W(d1, "last|x"), "OK|");
    /* Node size. */
    memset(spec, 'v', sizeof(spec));
    memcpy(spec, "n1|", 3);
    spec[3 + 2100] = '\0';
    CHECK_STR(W(d1, spec), "E:ENOSPC");
    spec[3 + 1000] = '\0';
    CHECK_STR(W(d1, spec), "OK|");
    /* Path length below /local/domain/1. */
    memset(spec, 'p', sizeof(spec));
    spec[2049] = '\0';
    strcat(spec, "|x");
    CHECK_STR(W(d1, spec), "E:EINVAL");
    {
        struct xs_domain_usage u;

        CHECK(!xs_store_domain_usage(env.s, 1, &u));
        CHECK_INT(u.nodes, 20);
    }
    teardown();
}

static void test_control(void)
{
    setup();
    CHECK(strstr(fake_cmd(d0, XS_CONTROL, 0, "quota|"), "transaction-nodes:") !=
          NULL);
    CHECK_STR(fake_cmd(d0, XS_CONTROL, 0, "quota|set|nodes|77|"), "OK|");
    CHECK_INT(xs_store_quota(env.s, XS_Q_NODES), 77);
    CHECK_STR(fake_cmd(d0, XS_CONTROL, 0, "quota|set|bogus|7|"), "E:EINVAL");
    CHECK_STR(fake_cmd(d0, XS_CONTROL, 0, "quota-soft|set|memory|1000|"), "OK|");
    CHECK_INT(xs_store_quota(env.s, XS_Q_MEMORY_SOFT), 1000);
    CHECK_STR(fake_cmd(d0, XS_CONTROL, 0, "check|"), "OK|");
    CHECK(strstr(fake_cmd(d0, XS_CONTROL, 0, "quota|0|"), "Domain 0:") !=
          NULL);
    CHECK_STR(fake_cmd(d0, XS_CONTROL, 0, "nonsense|"), "E:EINVAL");
    teardown();
}

/* Dump the whole tree as text, for comparisons. */
static void dump(struct fake *f, const char *path, char *out, size_t cap)
{
    char spec[4200], kids[8192];
    const char *p;

    snprintf(spec, sizeof(spec), "%s|", path);
    snprintf(out + strlen(out), cap - strlen(out), "%s=%s ", path,
             fake_cmd(f, XS_READ, 0, spec));
    snprintf(out + strlen(out), cap - strlen(out), "(%s)\n",
             fake_cmd(f, XS_GET_PERMS, 0, spec));
    snprintf(kids, sizeof(kids), "%s", fake_cmd(f, XS_DIRECTORY, 0, spec));
    for ( p = kids; *p; )
    {
        const char *bar = strchr(p, '|');
        char child[4200];

        if ( !bar )
            break;
        snprintf(child, sizeof(child), "%s%s%.*s", path,
                 strcmp(path, "/") ? "/" : "", (int)(bar - p), p);
        dump(f, child, out, cap);
        p = bar + 1;
    }
}

static void test_journal_roundtrip(void)
{
    static char before[65536], after[65536];
    struct xs_buf log = { 0 }, snap = { 0 };
    struct fake_env env2;
    struct fake *e0;
    unsigned int t;
    size_t used, cut;

    setup();
    xs_store_journal_enable(env.s, true);
    W(d0, "/j/a|1");
    W(d0, "/j/b/c|2");
    fake_cmd(d0, XS_SET_PERMS, 0, "/j/b|n3|r4|");
    fake_cmd(d0, XS_RM, 0, "/j/a|");
    t = atoi(fake_cmd(d0, XS_TRANSACTION_START, 0, "|"));
    fake_cmd(d0, XS_WRITE, t, "/j/t/x|tx");
    fake_cmd(d0, XS_RM, t, "/j/b/c|");
    fake_cmd(d0, XS_TRANSACTION_END, t, "T|");
    fake_cmd(d0, XS_CONTROL, 0, "quota|set|nodes|42|");
    before[0] = '\0';
    dump(d0, "/", before, sizeof(before));
    xs_buf_add(&log, xs_store_journal(env.s)->data,
               xs_store_journal(env.s)->len);
    xs_store_snapshot(env.s, &snap);
    teardown();

    /* Replaying the change records gives the same tree and quotas. */
    fake_init(&env2);
    e0 = fake_conn(&env2, 0);
    used = xs_store_replay(env2.s, log.data, log.len);
    CHECK_INT(used, log.len);
    after[0] = '\0';
    dump(e0, "/", after, sizeof(after));
    CHECK_STR(after, before);
    CHECK_INT(xs_store_quota(env2.s, XS_Q_NODES), 42);
    fake_fini(&env2);

    /* So does the snapshot. */
    fake_init(&env2);
    e0 = fake_conn(&env2, 0);
    CHECK_INT(xs_store_replay(env2.s, snap.data, snap.len), snap.len);
    after[0] = '\0';
    dump(e0, "/", after, sizeof(after));
    CHECK_STR(after, before);
    fake_fini(&env2);

    /* A torn tail is ignored wherever the cut falls; the rest is kept. */
    for ( cut = 0; cut < log.len; cut += 7 )
    {
        char why[256];

        fake_init(&env2);
        used = xs_store_replay(env2.s, log.data, cut);
        CHECK(used <= cut);
        CHECK(!xs_store_check(env2.s, why, sizeof(why)));
        fake_fini(&env2);
    }
    /* A flipped byte stops the replay at that record. */
    log.data[log.len / 2] ^= 0x55;
    fake_init(&env2);
    CHECK(xs_store_replay(env2.s, log.data, log.len) < log.len);
    fake_fini(&env2);
    xs_buf_free(&log);
    xs_buf_free(&snap);
}

static void test_deep_tree(void)
{
    static char path[XENSTORE_ABS_PATH_MAX + 8];
    size_t len = 0;
    int depth = 0;
    struct xs_store_stats st;

    setup();
    /* As deep as a path allows ("path-max", 2048, applies to dom0 too):
     * 1024 levels of "/a". */
    while ( len + 2 <= XENSTORE_REL_PATH_MAX )
    {
        path[len++] = '/';
        path[len++] = 'a';
        depth++;
    }
    strcpy(path + len, "|v");
    CHECK_STR(W(d0, path), "OK|");
    xs_store_stats(env.s, &st);
    CHECK_INT(st.nodes, 3 + depth);
    CHECK_STR(fake_cmd(d0, XS_RM, 0, "/a|"), "OK|");
    xs_store_stats(env.s, &st);
    CHECK_INT(st.nodes, 3);
    teardown();
}

int main(void)
{
    h_suite = "xenstore/core";
    RUN(test_read_write);
    RUN(test_paths);
    RUN(test_rm);
    RUN(test_directory_part);
    RUN(test_perms);
    RUN(test_transactions);
    RUN(test_txn_quota);
    RUN(test_watches);
    RUN(test_watch_quota);
    RUN(test_special_watches);
    RUN(test_keep_orphans);
    RUN(test_node_quotas);
    RUN(test_control);
    RUN(test_journal_roundtrip);
    RUN(test_deep_tree);
    return h_total_failed ? 1 : 0;
}
