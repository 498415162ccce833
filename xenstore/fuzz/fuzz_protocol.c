/*
 * fuzz_protocol.c: a protocol fuzzer for the xenstore core.
 *
 * An input is a sequence of framed messages from several simulated
 * connections (dom0 and two introduced unprivileged domains, plus any the
 * input introduces itself), each record being:
 *   u8 connection, u8 type, u8 flags (bit 0: use the connection's last
 *   transaction id), u8 length, then `length` payload bytes.
 * Small quotas make limits reachable.  After every input the store must pass
 * xs_store_check() (tree links, accounting never negative and equal to a
 * recount), and replaying the journal the input produced must rebuild the
 * same number of nodes: a violation aborts, which the fuzzer reports.
 *
 * Built with libFuzzer (clang -fsanitize=fuzzer), and as fuzz_replay with a
 * main() of its own that runs saved inputs (the regression corpus).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *why)
{
    fprintf(stderr, "invariant violated: %s: %s\n", what, why);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fake_env env, env2;
    uint32_t lasttx[FAKE_MAX] = { 0 };
    struct xs_store_stats st, st2;
    struct xs_buf journal = { 0 };
    char why[256];
    size_t off = 0;

    fake_init(&env);
    xs_store_set_quota(env.s, XS_Q_NODES, 40);
    xs_store_set_quota(env.s, XS_Q_TRANSACTION_NODES, 16);
    xs_store_set_quota(env.s, XS_Q_WATCHES, 8);
    xs_store_set_quota(env.s, XS_Q_TRANSACTIONS, 3);
    xs_store_set_quota(env.s, XS_Q_NODE_SIZE, 300);
    xs_store_journal_enable(env.s, true);
    fake_conn(&env, 0);
    fake_cmd(&env.conns[0], XS_WRITE, 0, "/local/domain/1|");
    fake_cmd(&env.conns[0], XS_SET_PERMS, 0, "/local/domain/1|n1|r2|");
    fake_introduce(&env, 1);
    fake_introduce(&env, 2);

    while ( size - off >= 4 )
    {
        unsigned int ci = data[off] % env.n;
        uint32_t type = data[off + 1] % (XS_TYPE_COUNT + 2);
        uint8_t flags = data[off + 2];
        size_t len = data[off + 3];
        struct fake *f = &env.conns[ci];
        char body[300];

        off += 4;
        if ( len > size - off )
            len = size - off;
        memcpy(body, data + off, len);
        off += len;
        /* Longer payloads: repeat the given bytes (bit 1 of flags). */
        if ( (flags & 2) && len )
        {
            size_t want = 200 + (flags >> 2), i;

            for ( i = len; i < want && i < sizeof(body); i++ )
                body[i] = body[i % len];
            len = i;
        }
        if ( !f->c )
            continue;
        fake_req(f, type, (flags & 1) ? lasttx[ci] : 0, body, len);
        if ( type == XS_TRANSACTION_START && f->reply_type == type )
            lasttx[ci] = strtoul(f->raw, NULL, 10);
    }

    if ( xs_store_check(env.s, why, sizeof(why)) )
        fail("store check", why);
    xs_store_stats(env.s, &st);
    xs_buf_add(&journal, xs_store_journal(env.s)->data,
               xs_store_journal(env.s)->len);
    fake_fini(&env);

    /* The journal rebuilds the same tree. */
    fake_init(&env2);
    if ( xs_store_replay(env2.s, journal.data, journal.len) != journal.len )
        fail("journal", "replay stopped early");
    xs_store_stats(env2.s, &st2);
    if ( st.nodes != st2.nodes )
        fail("journal", "replayed tree differs in size");
    if ( xs_store_check(env2.s, why, sizeof(why)) )
        fail("replayed store check", why);
    fake_fini(&env2);
    xs_buf_free(&journal);
    return 0;
}
