/*
 * store.c: creation and destruction of the store and its connections,
 * quotas, statistics and the consistency check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* See xs_core.h. */
struct xs_store *xs_store_create(const struct xs_core_ops *ops, void *ctx)
{
    struct xs_store *s = calloc(1, sizeof(*s));
    struct xs_perm p0 = { 0, PERM_NONE };
    struct xs_perms dom0_only = { 1, &p0 };
    int q;

    if ( !s )
        return NULL;
    s->ops = ops;
    s->ctx = ctx;
    for ( q = 0; q < XS_Q_COUNT; q++ )
        s->quota[q] = xs_quota_descs[q].defval;
    if ( perms_dup(&s->intro_perms, &dom0_only) ||
         perms_dup(&s->release_perms, &dom0_only) || watch_index_init(s) ||
         tree_init(s) )
    {
        xs_store_destroy(s);
        return NULL;
    }
    return s;
}

/* See xs_core.h.  Connections must be destroyed by their owners first;
 * any left are freed here without callbacks. */
void xs_store_destroy(struct xs_store *s)
{
    if ( !s )
        return;
    s->journal_on = false;
    while ( s->conns )
        xs_conn_destroy(s->conns);
    domain_free_all(s);
    tree_free(s);
    acct_free_all(s);
    perms_free(&s->intro_perms);
    perms_free(&s->release_perms);
    free(s->wbuckets);
    xs_buf_free(&s->journal);
    xs_buf_free(&s->scratch);
    free(s);
}

int xs_store_quota(const struct xs_store *s, enum xs_quota_id q)
{
    return s->quota[q];
}

void xs_store_set_quota(struct xs_store *s, enum xs_quota_id q, int val)
{
    s->quota[q] = val;
    journal_quota(s, q, val);
}

void xs_store_keep_orphans(struct xs_store *s, bool keep)
{
    s->keep_orphans = keep;
}

struct xs_buf *xs_store_journal(struct xs_store *s)
{
    return &s->journal;
}

void xs_store_journal_enable(struct xs_store *s, bool on)
{
    s->journal_on = on;
}

/* See xs_core.h. */
struct xs_conn *xs_conn_create(struct xs_store *s, unsigned int domid,
                               void *owner)
{
    struct xs_conn *c = calloc(1, sizeof(*c));

    if ( !c )
        return NULL;
    c->store = s;
    c->owner = owner;
    c->domid = domid;
    c->privileged = domid == 0;
    c->next = s->conns;
    if ( s->conns )
        s->conns->prev = c;
    s->conns = c;
    return c;
}

/* See xs_core.h.  A domain's connection also leaves its domain record. */
void xs_conn_destroy(struct xs_conn *c)
{
    struct xs_store *s;

    if ( !c )
        return;
    s = c->store;
    txn_abort_all(c);
    /* A domain's watches stay in the journal: they come back on restart
     * only while the domain is introduced, so keep them out of it here. */
    {
        bool on = s->journal_on;

        if ( c->domain )
            s->journal_on = false;
        watch_remove_all(c);
        s->journal_on = on;
    }
    if ( c->domain )
        c->domain->conn = NULL;
    if ( c->prev )
        c->prev->next = c->next;
    else
        s->conns = c->next;
    if ( c->next )
        c->next->prev = c->prev;
    acct_forget(s, c->domid);
    free(c);
}

void xs_conn_reset(struct xs_conn *c)
{
    watch_remove_all(c);
    txn_abort_all(c);
}

unsigned int xs_conn_domid(const struct xs_conn *c)
{
    return c->domid;
}

void *xs_conn_owner(const struct xs_conn *c)
{
    return c->owner;
}

void xs_conn_note_dropped_event(struct xs_conn *c)
{
    if ( !c->dropped_events++ )
        core_log(c->store, "domain %u: not reading, watch events dropped",
                 c->domid);
}

/* See xs_core.h. */
void xs_store_stats(const struct xs_store *s, struct xs_store_stats *st)
{
    const struct xs_conn *c;
    const struct domain *d;

    memset(st, 0, sizeof(*st));
    st->nodes = s->nnodes;
    st->bytes = s->bytes;
    st->watches = s->nwatches;
    for ( c = s->conns; c; c = c->next )
    {
        st->conns++;
        st->transactions += c->ntxns;
    }
    for ( d = s->domains; d; d = d->next )
        st->domains++;
}

/* See xs_core.h. */
int xs_store_domain_usage(const struct xs_store *s, unsigned int domid,
                          struct xs_domain_usage *u)
{
    const struct acct *a;

    for ( a = s->accts; a; a = a->next )
        if ( a->domid == domid )
        {
            u->nodes = a->nodes;
            u->watches = a->watches;
            u->transactions = a->transactions;
            u->memory = a->memory;
            return 0;
        }
    return -1;
}

#define FAIL(...)                                                             \
    do                                                                        \
    {                                                                         \
        snprintf(why, whylen, __VA_ARGS__);                                   \
        rc = -1;                                                              \
        goto out;                                                             \
    } while ( 0 )

struct recount
{
    unsigned int domid;
    long nodes;
    long mem;
    long watches;
    long txns;
};

static struct recount *rc_get(struct recount *tab, size_t *n, size_t cap,
                              unsigned int domid)
{
    size_t i;

    for ( i = 0; i < *n; i++ )
        if ( tab[i].domid == domid )
            return &tab[i];
    if ( *n == cap )
        return NULL;
    memset(&tab[*n], 0, sizeof(tab[0]));
    tab[*n].domid = domid;
    return &tab[(*n)++];
}

/* See xs_core.h. */
int xs_store_check(const struct xs_store *s, char *why, size_t whylen)
{
    size_t cap = 64, n = 0, i;
    struct recount *tab = calloc(cap, sizeof(*tab));
    unsigned long count = 0, nwatches = 0;
    const struct acct *a;
    const struct xs_conn *c;
    uint32_t b;
    int rc = 0;

    if ( !tab )
        FAIL("out of memory");
    for ( b = 0; b < s->nbuckets; b++ )
    {
        const struct node *nd;

        for ( nd = s->buckets[b]; nd; nd = nd->hnext )
        {
            const struct node *ch;
            uint32_t kids = 0, klen = 0;
            struct recount *r;

            count++;
            if ( nd->hash != xs_hash(nd->path, nd->pathlen) ||
                 (nd->hash & (s->nbuckets - 1)) != b )
                FAIL("node %s hashed wrongly", nd->path);
            if ( !nd->perms.num )
                FAIL("node %s has no permissions", nd->path);
            if ( nd->parent )
            {
                size_t pl = path_parent_len(nd->path, nd->pathlen);

                if ( nd->parent->pathlen != pl ||
                     memcmp(nd->parent->path, nd->path, pl) )
                    FAIL("node %s has the wrong parent", nd->path);
            }
            else if ( nd != s->root )
                FAIL("node %s has no parent", nd->path);
            for ( ch = nd->first_child; ch; ch = ch->next_sib )
            {
                if ( ch->parent != nd )
                    FAIL("child %s of %s points elsewhere", ch->path,
                         nd->path);
                if ( node_lookup(s, ch->path) != ch )
                    FAIL("child %s of %s not in the table", ch->path,
                         nd->path);
                kids++;
                klen += ch->pathlen - ch->name_off + 1;
                if ( kids > s->nnodes )
                    FAIL("child list of %s loops", nd->path);
            }
            if ( kids != nd->nchildren || klen != nd->children_len )
                FAIL("node %s: child counts wrong", nd->path);
            r = rc_get(tab, &n, cap, nd->perms.p[0].id);
            if ( !r )
            {
                struct recount *nt = realloc(tab, 2 * cap * sizeof(*tab));

                if ( !nt )
                    FAIL("out of memory");
                tab = nt;
                cap *= 2;
                r = rc_get(tab, &n, cap, nd->perms.p[0].id);
            }
            r->nodes++;
            r->mem += node_mem(nd->pathlen, nd->vlen, nd->perms.num);
        }
    }
    if ( count != s->nnodes )
        FAIL("%lu nodes in the table, %lu counted", count, s->nnodes);
    for ( c = s->conns; c; c = c->next )
    {
        const struct watch *w;
        unsigned int k = 0;
        struct recount *r;

        for ( w = c->watches; w; w = w->next )
            k++;
        if ( k != c->nwatches )
            FAIL("connection of domain %u: watch count wrong", c->domid);
        nwatches += k;
        while ( !(r = rc_get(tab, &n, cap, c->domid)) )
        {
            struct recount *nt = realloc(tab, 2 * cap * sizeof(*tab));

            if ( !nt )
                FAIL("out of memory");
            tab = nt;
            cap *= 2;
        }
        r->watches += k;
        r->txns += c->ntxns;
    }
    if ( nwatches != s->nwatches )
        FAIL("%lu watches indexed, %lu on connections", s->nwatches,
             nwatches);
    for ( a = s->accts; a; a = a->next )
    {
        struct recount zero = { 0 }, *r = &zero;

        for ( i = 0; i < n; i++ )
            if ( tab[i].domid == a->domid )
                r = &tab[i];
        if ( a->nodes < 0 || a->memory < 0 || a->watches < 0 ||
             a->transactions < 0 )
            FAIL("domain %u: negative accounting", a->domid);
        if ( a->nodes != r->nodes || a->memory != r->mem ||
             a->watches != r->watches || a->transactions != r->txns )
            FAIL("domain %u: accounting %ld/%ld/%ld/%ld, counted "
                 "%ld/%ld/%ld/%ld",
                 a->domid, a->nodes, a->memory, a->watches, a->transactions,
                 r->nodes, r->mem, r->watches, r->txns);
    }
    for ( i = 0; i < n; i++ )
    {
        bool found = false;

        for ( a = s->accts; a; a = a->next )
            found |= a->domid == tab[i].domid;
        if ( !found && (tab[i].nodes || tab[i].watches || tab[i].txns) )
            FAIL("domain %u: usage without accounting", tab[i].domid);
    }
 out:
    free(tab);
    return rc;
}
