/*
 * watch.c: watches.  Each watch sits on its connection's list and in a hash
 * index by path, so a change of /a/b/c looks up only "/a/b/c", "/a/b", "/a" and
 * "/" instead of scanning every watch of every connection.  A removal also
 * fires the watches below the removed node, which needs a scan of the index.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define WATCH_BUCKETS 4096

int watch_index_init(struct xs_store *s)
{
    s->wbuckets = calloc(WATCH_BUCKETS, sizeof(*s->wbuckets));
    if ( !s->wbuckets )
        return ENOMEM;
    s->nwbuckets = WATCH_BUCKETS;
    return 0;
}

static void index_insert(struct xs_store *s, struct watch *w)
{
    struct watch **b = &s->wbuckets[w->hash & (s->nwbuckets - 1)];

    w->hprev = NULL;
    w->hnext = *b;
    if ( *b )
        (*b)->hprev = w;
    *b = w;
    s->nwatches++;
}

static void index_remove(struct xs_store *s, struct watch *w)
{
    if ( w->hprev )
        w->hprev->hnext = w->hnext;
    else
        s->wbuckets[w->hash & (s->nwbuckets - 1)] = w->hnext;
    if ( w->hnext )
        w->hnext->hprev = w->hprev;
    s->nwatches--;
}

/* The path as the watcher registered it: relative ones lose the prefix. */
static const char *event_path(const struct watch *w, const char *path)
{
    const char *p = path;

    if ( w->relative )
    {
        /* "/local/domain/N/" is the prefix canonicalize() added. */
        unsigned int skip = 0, slashes = 0;

        while ( p[skip] && slashes < 4 )
            if ( p[skip++] == '/' )
                slashes++;
        if ( slashes == 4 )
            return p + skip;
    }
    return p;
}

static void send_event(struct watch *w, const char *path)
{
    const char *ep = event_path(w, path);
    size_t plen = strlen(ep) + 1, tlen = strlen(w->token) + 1;
    char body[2 * XENSTORE_PAYLOAD_MAX];

    if ( plen + tlen > sizeof(body) )
        return;
    memcpy(body, ep, plen);
    memcpy(body + plen, w->token, tlen);
    send_msg(w->conn, XS_WATCH_EVENT, 0, 0, body, plen + tlen, true);
}

/*
 * Register a watch of c on path (canonical) with token.  Fires the initial
 * event when fire_initial is set.  Returns 0, EEXIST for a duplicate, E2BIG
 * over the "watches" quota, or ENOMEM.
 */
int watch_add(struct xs_conn *c, const char *path, const char *token,
              bool relative, bool fire_initial)
{
    struct xs_store *s = c->store;
    struct watch *w;
    struct acct *a;

    for ( w = c->watches; w; w = w->next )
        if ( !strcmp(w->path, path) && !strcmp(w->token, token) )
            return EEXIST;
    if ( !c->privileged && c->nwatches >= (unsigned)s->quota[XS_Q_WATCHES] )
        return E2BIG;
    a = acct_get(s, c->domid, true);
    w = calloc(1, sizeof(*w));
    if ( !a || !w )
        goto nomem;
    w->path = strdup(path);
    w->token = strdup(token);
    if ( !w->path || !w->token )
        goto nomem;
    w->conn = c;
    w->relative = relative;
    w->seq = ++s->watch_seq;
    w->hash = xs_hash(path, strlen(path));
    w->next = c->watches;
    c->watches = w;
    c->nwatches++;
    a->watches++;
    index_insert(s, w);
    if ( c->domain )
        journal_watch(s, c->domid, true, w);
    if ( fire_initial )
        send_event(w, w->path);
    return 0;

 nomem:
    if ( w )
    {
        free(w->path);
        free(w->token);
        free(w);
    }
    return ENOMEM;
}

static void watch_free(struct xs_conn *c, struct watch *w)
{
    struct acct *a = acct_get(c->store, c->domid, false);

    index_remove(c->store, w);
    if ( c->domain )
        journal_watch(c->store, c->domid, false, w);
    if ( a )
        a->watches--;
    c->nwatches--;
    free(w->path);
    free(w->token);
    free(w);
}

/* Remove c's watch on path with token.  Returns 0 or ENOENT. */
int watch_remove(struct xs_conn *c, const char *path, const char *token)
{
    struct watch **pp;

    for ( pp = &c->watches; *pp; pp = &(*pp)->next )
    {
        struct watch *w = *pp;

        if ( strcmp(w->path, path) || strcmp(w->token, token) )
            continue;
        *pp = w->next;
        watch_free(c, w);
        return 0;
    }
    return ENOENT;
}

/* Remove every watch of c (XS_RESET_WATCHES, connection close). */
void watch_remove_all(struct xs_conn *c)
{
    while ( c->watches )
    {
        struct watch *w = c->watches;

        c->watches = w->next;
        watch_free(c, w);
    }
}

/*
 * The watches one change fires, gathered first and then sent newest watch
 * first, the order in which Xen's daemon walks a connection's watches.
 */
struct firing
{
    struct watch *w;
    const char *path;
};

static struct firing *fired;
static size_t nfired, capfired;

static void gather(struct watch *w, const char *path)
{
    if ( nfired == capfired )
    {
        size_t cap = capfired ? capfired * 2 : 64;
        struct firing *n = realloc(fired, cap * sizeof(*n));

        if ( !n )
            return;
        fired = n;
        capfired = cap;
    }
    fired[nfired].w = w;
    fired[nfired].path = path;
    nfired++;
}

static int newest_first(const void *a, const void *b)
{
    uint64_t sa = ((const struct firing *)a)->w->seq;
    uint64_t sb = ((const struct firing *)b)->w->seq;

    return sa < sb ? 1 : sa > sb ? -1 : 0;
}

static void send_gathered(void)
{
    size_t i;

    if ( nfired > 1 )
        qsort(fired, nfired, sizeof(*fired), newest_first);
    for ( i = 0; i < nfired; i++ )
        send_event(fired[i].w, fired[i].path);
    nfired = 0;
}

static void fire_bucket(struct xs_store *s, const char *wpath, size_t wlen,
                        const char *path, const struct xs_perms *perms)
{
    uint32_t h = xs_hash(wpath, wlen);
    struct watch *w;

    for ( w = s->wbuckets[h & (s->nwbuckets - 1)]; w; w = w->hnext )
    {
        if ( w->hash != h || strncmp(w->path, wpath, wlen) || w->path[wlen] )
            continue;
        /* Only those who may read the node learn that it changed. */
        if ( perms && !(perm_for_conn(w->conn, perms) & PERM_READ) )
            continue;
        gather(w, path);
    }
}

/*
 * A node at path changed (perms: its permissions, before a removal).  Fire
 * the watches on path and on each of its ancestors; for a removal (recurse)
 * also the watches below path, each reporting its own path.
 */
void fire_watches(struct xs_store *s, const char *path,
                  const struct xs_perms *perms, bool recurse)
{
    size_t len = strlen(path);

    if ( !s->nwatches )
        return;
    for ( ;; )
    {
        fire_bucket(s, path, len, path, perms);
        if ( len == 1 )
            break;
        len = path_parent_len(path, len);
    }
    if ( recurse && strcmp(path, "/") )
    {
        uint32_t i;

        for ( i = 0; i < s->nwbuckets; i++ )
        {
            struct watch *w;

            for ( w = s->wbuckets[i]; w; w = w->hnext )
                if ( strcmp(w->path, path) && path_is_child(w->path, path) &&
                     (!perms || (perm_for_conn(w->conn, perms) & PERM_READ)) )
                    gather(w, w->path);
        }
    }
    send_gathered();
}

/* Fire "@introduceDomain" or "@releaseDomain" for those allowed to see it. */
void fire_special(struct xs_store *s, const char *name)
{
    const struct xs_perms *p = !strcmp(name, "@introduceDomain")
                                   ? &s->intro_perms
                                   : &s->release_perms;

    fire_bucket(s, name, strlen(name), name, p);
    send_gathered();
}
