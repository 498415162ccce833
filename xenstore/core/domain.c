/*
 * domain.c: introduced domains (XS_INTRODUCE, XS_RELEASE, XS_RESUME,
 * XS_SET_TARGET, XS_IS_DOMAIN_INTRODUCED) and the restoration of their
 * connections after a restart.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

struct domain *domain_find(struct xs_store *s, unsigned int domid)
{
    struct domain *d;

    for ( d = s->domains; d; d = d->next )
        if ( d->domid == domid )
            return d;
    return NULL;
}

/* Parse a decimal domid below DOMID_FIRST_RESERVED.  0 or EINVAL. */
int parse_domid(const char *str, unsigned int *domid)
{
    char *end;
    unsigned long v;

    if ( *str < '0' || *str > '9' )
        return EINVAL;
    v = strtoul(str, &end, 10);
    if ( *end || v >= DOMID_FIRST_RESERVED )
        return EINVAL;
    *domid = v;
    return 0;
}

static int parse_u64(const char *str, uint64_t *val)
{
    char *end;

    if ( *str < '0' || *str > '9' )
        return EINVAL;
    *val = strtoull(str, &end, 10);
    return *end ? EINVAL : 0;
}

static void attach(struct domain *d, struct xs_conn *conn)
{
    d->conn = conn;
    conn->domain = d;
    conn->privileged = d->domid == 0;
}

/*
 * XS_INTRODUCE domid mfn port: map the domain's ring and start serving it.
 * A second introduction of a known domain rebinds its event channel.
 */
int do_introduce(struct xs_conn *c, char **argv, unsigned int argc)
{
    struct xs_store *s = c->store;
    unsigned int domid, port;
    uint64_t mfn, p;
    struct domain *d;
    struct xs_conn *conn = NULL;
    int rc;

    if ( !c->privileged )
        return EACCES;
    if ( argc != 3 || parse_domid(argv[0], &domid) || parse_u64(argv[1], &mfn) ||
         parse_u64(argv[2], &p) || p > 0xffffffffu )
        return EINVAL;
    port = p;
    d = domain_find(s, domid);
    if ( d && d->conn )
    {
        if ( d->mfn != mfn )
            return EINVAL;
        rc = s->ops->rebind ? s->ops->rebind(s->ctx, d->conn->owner, port)
                            : 0;
        if ( rc )
            return rc;
        d->port = port;
        journal_domain(s, d);
        return 0;
    }
    if ( !s->ops->introduce )
        return ENOSYS;
    rc = s->ops->introduce(s->ctx, domid, mfn, port, &conn);
    if ( rc )
        return rc;
    if ( !d )
    {
        d = calloc(1, sizeof(*d));
        if ( !d )
        {
            s->ops->release(s->ctx, conn->owner);
            xs_conn_destroy(conn);
            return ENOMEM;
        }
        d->domid = domid;
        d->target = -1;
        d->next = s->domains;
        s->domains = d;
    }
    d->mfn = mfn;
    d->port = port;
    d->shutdown = false;
    attach(d, conn);
    journal_domain(s, d);
    fire_special(s, "@introduceDomain");
    return 0;
}

/*
 * The nodes a released domain owned: deleted with their subtrees, or with
 * keep ("-K, --keep-orphans") handed to dom0, as Xen 4.17 does.
 */
static void remove_owned(struct xs_store *s, unsigned int domid, bool keep)
{
    struct node *n = s->root;

    while ( n )
    {
        struct node *next;

        if ( n->parent && n->perms.p[0].id == domid )
        {
            if ( keep )
            {
                struct xs_perms p;

                if ( !perms_dup(&p, &n->perms) )
                {
                    p.p[0].id = 0;
                    node_set_perms(s, n, &p);
                    perms_free(&p);
                    core_log(s, "orphaned node %s moved to dom0", n->path);
                }
            }
            else
            {
                char *path = strdup(n->path);
                struct xs_perms p;

                /* Continue after the subtree that goes away. */
                next = n;
                while ( next && !next->next_sib )
                    next = next->parent;
                next = next ? next->next_sib : NULL;
                if ( !path || perms_dup(&p, &n->perms) )
                {
                    free(path);
                    return;
                }
                node_delete(s, n);
                fire_watches(s, path, &p, true);
                core_log(s, "orphaned node %s deleted", path);
                perms_free(&p);
                free(path);
                n = next;
                continue;
            }
        }
        if ( n->first_child )
        {
            n = n->first_child;
            continue;
        }
        while ( n && !n->next_sib )
            n = n->parent;
        if ( n )
            n = n->next_sib;
    }
}

/*
 * Forget domain d: its connection (watches, transactions) goes, the nodes it
 * owns are deleted unless keep_orphans, and @releaseDomain fires.
 */
int domain_release(struct xs_store *s, struct domain *d)
{
    struct domain **pp;
    unsigned int domid = d->domid;

    for ( pp = &s->domains; *pp != d; pp = &(*pp)->next )
        ;
    *pp = d->next;
    if ( d->conn )
    {
        s->ops->release(s->ctx, d->conn->owner);
        d->conn->domain = NULL;
        xs_conn_destroy(d->conn);
    }
    while ( d->pending )
    {
        struct pwatch *w = d->pending;

        d->pending = w->next;
        free(w->path);
        free(w->token);
        free(w);
    }
    free(d);
    journal_domain_gone(s, domid);
    if ( domid )
        remove_owned(s, domid, s->keep_orphans);
    acct_forget(s, domid);
    fire_special(s, "@releaseDomain");
    return 0;
}

/* XS_RELEASE domid. */
int do_release(struct xs_conn *c, char **argv, unsigned int argc)
{
    unsigned int domid;
    struct domain *d;

    if ( !c->privileged )
        return EACCES;
    if ( argc != 1 || parse_domid(argv[0], &domid) )
        return EINVAL;
    if ( !domid )
        return EINVAL;
    d = domain_find(c->store, domid);
    if ( !d )
        return ENOENT;
    if ( d->conn == c )
        return EINVAL;      /* a domain cannot release itself */
    return domain_release(c->store, d);
}

/* XS_RESUME domid: the domain runs again after a suspend. */
int do_resume(struct xs_conn *c, char **argv, unsigned int argc)
{
    unsigned int domid;
    struct domain *d;

    if ( !c->privileged )
        return EACCES;
    if ( argc != 1 || parse_domid(argv[0], &domid) )
        return EINVAL;
    d = domain_find(c->store, domid);
    if ( !d )
        return ENOENT;
    d->shutdown = false;
    return 0;
}

/* XS_SET_TARGET domid target: domid (a device model) acts for target. */
int do_set_target(struct xs_conn *c, char **argv, unsigned int argc)
{
    unsigned int domid, target;
    struct domain *d;

    if ( !c->privileged )
        return EACCES;
    if ( argc != 2 || parse_domid(argv[0], &domid) ||
         parse_domid(argv[1], &target) )
        return EINVAL;
    d = domain_find(c->store, domid);
    /* dom0 always exists; other targets must be introduced. */
    if ( !d || (target && !domain_find(c->store, target)) )
        return ENOENT;
    d->target = target;
    journal_domain(c->store, d);
    return 0;
}

/* XS_IS_DOMAIN_INTRODUCED domid: "T" or "F". */
int do_is_introduced(struct xs_conn *c, char **argv, unsigned int argc,
                     struct xs_buf *reply)
{
    unsigned int domid;
    struct domain *d;

    if ( !c->privileged )
        return EACCES;
    if ( argc != 1 || parse_domid(argv[0], &domid) )
        return EINVAL;
    d = domain_find(c->store, domid);
    return xs_buf_add(reply, (d && d->conn) || !domid ? "T" : "F", 2);
}

/* See xs_core.h. */
void xs_store_domain_gone(struct xs_store *s, unsigned int domid)
{
    struct domain *d = domain_find(s, domid);

    if ( d && !d->shutdown )
    {
        d->shutdown = true;
        fire_special(s, "@releaseDomain");
    }
}

/* See xs_core.h. */
void xs_store_restore_domains(struct xs_store *s)
{
    struct domain *d, *next;
    bool on = s->journal_on;

    for ( d = s->domains; d; d = next )
    {
        struct xs_conn *conn = NULL;
        int rc;

        next = d->next;
        if ( d->conn )
            continue;
        rc = s->ops->introduce ? s->ops->introduce(s->ctx, d->domid, d->mfn,
                                                   d->port, &conn)
                               : ENOSYS;
        if ( rc )
        {
            core_log(s, "domain %u: cannot reconnect (%s), released",
                     d->domid, strerror(rc));
            domain_release(s, d);
            continue;
        }
        attach(d, conn);
        s->journal_on = false;
        while ( d->pending )
        {
            struct pwatch *w = d->pending;

            d->pending = w->next;
            watch_add(conn, w->path, w->token, w->relative, false);
            free(w->path);
            free(w->token);
            free(w);
        }
        s->journal_on = on;
    }
}

/* Free every domain record without callbacks (store destruction). */
void domain_free_all(struct xs_store *s)
{
    while ( s->domains )
    {
        struct domain *d = s->domains;

        s->domains = d->next;
        while ( d->pending )
        {
            struct pwatch *w = d->pending;

            d->pending = w->next;
            free(w->path);
            free(w->token);
            free(w);
        }
        free(d);
    }
}

/* See xs_core.h. */
int xs_store_release(struct xs_store *s, unsigned int domid)
{
    struct domain *d = domain_find(s, domid);

    return d ? domain_release(s, d) : ENOENT;
}

/* See xs_core.h. */
int xs_store_domains(const struct xs_store *s, unsigned int *domids, int max)
{
    const struct domain *d;
    int n = 0;

    for ( d = s->domains; d && n < max; d = d->next )
        domids[n++] = d->domid;
    return n;
}
