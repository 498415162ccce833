/*
 * transaction.c: transactions and the node "views" every request works on.
 *
 * A transaction keeps, per path it touched, the generation the committed node
 * had at first access (0: absent) and, once it changes the node, its own copy
 * of value, permissions and child names.  At commit every touched path must
 * still have the recorded generation, otherwise the commit fails with EAGAIN:
 * conflicts are per node, as in Xen, so transactions on disjoint parts of the
 * tree never disturb each other.  The copies are then applied (removals
 * first, then creations parent before child) and the recorded watch firings
 * happen.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define TXN_BUCKETS_MIN 16

/* ---- transaction node table ------------------------------------------- */

static struct tnode *tn_find(struct txn *t, const char *path, size_t len,
                             uint32_t h)
{
    struct tnode *tn;

    for ( tn = t->buckets[h & (t->nbuckets - 1)]; tn; tn = tn->hnext )
        if ( tn->hash == h && tn->pathlen == len && !memcmp(tn->path, path, len) )
            return tn;
    return NULL;
}

static int tn_grow(struct txn *t)
{
    uint32_t nb = t->nbuckets * 2, i;
    struct tnode **b = calloc(nb, sizeof(*b));

    if ( !b )
        return ENOMEM;
    for ( i = 0; i < t->nbuckets; i++ )
    {
        struct tnode *tn = t->buckets[i], *next;

        for ( ; tn; tn = next )
        {
            next = tn->hnext;
            tn->hnext = b[tn->hash & (nb - 1)];
            b[tn->hash & (nb - 1)] = tn;
        }
    }
    free(t->buckets);
    t->buckets = b;
    t->nbuckets = nb;
    return 0;
}

/*
 * The transaction's entry for path, recording the committed generation on
 * first access.  Fails with ENOSPC past the "transaction-nodes" quota.
 */
static struct tnode *tn_get(struct xs_conn *c, struct txn *t, const char *path,
                            size_t len, int *rc)
{
    uint32_t h = xs_hash(path, len);
    struct tnode *tn = tn_find(t, path, len, h);
    struct node *n;

    if ( tn )
        return tn;
    if ( !c->privileged &&
         t->nnodes >= (uint32_t)c->store->quota[XS_Q_TRANSACTION_NODES] )
    {
        *rc = ENOSPC;
        return NULL;
    }
    if ( t->nnodes >= t->nbuckets && tn_grow(t) )
    {
        *rc = ENOMEM;
        return NULL;
    }
    tn = calloc(1, sizeof(*tn) + len + 1);
    if ( !tn )
    {
        *rc = ENOMEM;
        return NULL;
    }
    memcpy(tn->path, path, len);
    tn->pathlen = len;
    tn->hash = h;
    n = node_lookup_len(c->store, path, len);
    tn->base_gen = n ? n->generation : 0;
    tn->hnext = t->buckets[h & (t->nbuckets - 1)];
    t->buckets[h & (t->nbuckets - 1)] = tn;
    if ( t->order_tail )
        t->order_tail->order_next = tn;
    else
        t->order_head = tn;
    t->order_tail = tn;
    t->nnodes++;
    return tn;
}

static void tn_clear(struct tnode *tn)
{
    uint32_t i;

    free(tn->value);
    tn->value = NULL;
    tn->vlen = 0;
    perms_free(&tn->perms);
    for ( i = 0; i < tn->nchildren; i++ )
        free(tn->children[i]);
    free(tn->children);
    tn->children = NULL;
    tn->nchildren = tn->capchildren = 0;
}

static int tn_add_child(struct tnode *tn, const char *name)
{
    if ( tn->nchildren == tn->capchildren )
    {
        uint32_t cap = tn->capchildren ? tn->capchildren * 2 : 8;
        char **nc = realloc(tn->children, cap * sizeof(*nc));

        if ( !nc )
            return ENOMEM;
        tn->children = nc;
        tn->capchildren = cap;
    }
    tn->children[tn->nchildren] = strdup(name);
    if ( !tn->children[tn->nchildren] )
        return ENOMEM;
    tn->nchildren++;
    return 0;
}

static void tn_del_child(struct tnode *tn, const char *name)
{
    uint32_t i;

    for ( i = 0; i < tn->nchildren; i++ )
        if ( !strcmp(tn->children[i], name) )
        {
            free(tn->children[i]);
            memmove(&tn->children[i], &tn->children[i + 1],
                    (tn->nchildren - i - 1) * sizeof(char *));
            tn->nchildren--;
            return;
        }
}

/* Give tn its own copy of the committed node's content (if not yet). */
static int tn_materialize(struct xs_store *s, struct tnode *tn)
{
    struct node *n, *ch;

    if ( tn->modified )
        return 0;
    n = node_lookup_len(s, tn->path, tn->pathlen);
    tn->modified = true;
    tn->exists = n != NULL;
    if ( !n )
        return 0;
    if ( n->vlen )
    {
        tn->value = malloc(n->vlen);
        if ( !tn->value )
            goto nomem;
        memcpy(tn->value, n->value, n->vlen);
        tn->vlen = n->vlen;
    }
    if ( perms_dup(&tn->perms, &n->perms) )
        goto nomem;
    for ( ch = n->first_child; ch; ch = ch->next_sib )
        if ( tn_add_child(tn, ch->path + ch->name_off) )
            goto nomem;
    return 0;

 nomem:
    tn_clear(tn);
    tn->modified = false;
    return ENOMEM;
}

/*
 * Remember that path changed, for the watches fired at commit.  As in Xen,
 * a node fires once however often the transaction changed it.
 */
static int record_change(struct txn *t, const char *path,
                         const struct xs_perms *perms, bool recurse)
{
    size_t len = strlen(path);
    struct tchange *ch;

    for ( ch = t->changes; ch; ch = ch->next )
        if ( !strcmp(ch->path, path) )
        {
            struct xs_perms np;

            if ( perms_dup(&np, perms) )
                return ENOMEM;
            perms_free(&ch->perms);
            ch->perms = np;
            ch->recurse = recurse;
            return 0;
        }
    ch = calloc(1, sizeof(*ch) + len + 1);

    if ( !ch || perms_dup(&ch->perms, perms) )
    {
        free(ch);
        return ENOMEM;
    }
    memcpy(ch->path, path, len + 1);
    ch->recurse = recurse;
    if ( t->changes_tail )
        t->changes_tail->next = ch;
    else
        t->changes = ch;
    t->changes_tail = ch;
    return 0;
}

/* ---- views ------------------------------------------------------------ */

/*
 * Fill v with path as c sees it, inside t when t is not NULL (the access is
 * recorded for conflict detection).  Returns 0 (v->exists tells whether the
 * node exists) or an errno.
 */
int view_get(struct xs_conn *c, struct txn *t, const char *path,
             struct nview *v)
{
    struct tnode *tn;
    struct node *n;
    int rc = 0;

    memset(v, 0, sizeof(*v));
    if ( t )
    {
        tn = tn_get(c, t, path, strlen(path), &rc);
        if ( !tn )
            return rc;
        if ( tn->modified )
        {
            v->exists = tn->exists;
            v->value = tn->value;
            v->vlen = tn->vlen;
            v->perms = &tn->perms;
            v->tn = tn;
            v->generation = tn->base_gen;
            return 0;
        }
    }
    n = node_lookup(c->store, path);
    if ( n )
    {
        v->exists = true;
        v->value = n->value;
        v->vlen = n->vlen;
        v->perms = &n->perms;
        v->node = n;
        v->generation = n->generation;
    }
    return 0;
}

/* Append the names of the children of an existing view, NUL-terminated. */
int view_children(struct xs_conn *c, struct txn *t, const struct nview *v,
                  struct xs_buf *out)
{
    (void)c;
    (void)t;
    if ( v->tn )
    {
        uint32_t i;

        for ( i = 0; i < v->tn->nchildren; i++ )
            if ( xs_buf_add(out, v->tn->children[i],
                            strlen(v->tn->children[i]) + 1) )
                return ENOMEM;
    }
    else if ( v->node )
    {
        struct node *ch;

        if ( xs_buf_reserve(out, v->node->children_len) )
            return ENOMEM;
        for ( ch = v->node->first_child; ch; ch = ch->next_sib )
            xs_buf_add(out, ch->path + ch->name_off,
                       ch->pathlen - ch->name_off + 1);
    }
    return 0;
}

/*
 * The error for a missing node, as Xen reports it: EACCES when c may not
 * `perm` the nearest existing ancestor (it must not learn what exists),
 * otherwise ENOENT.  *ancestor gets that ancestor's view and *anc_len the
 * length of its path.
 */
static int missing_error(struct xs_conn *c, struct txn *t, const char *path,
                         unsigned int perm, struct nview *ancestor,
                         size_t *anc_len)
{
    char buf[XENSTORE_ABS_PATH_MAX + 1];
    size_t len = strlen(path);
    int rc;

    memcpy(buf, path, len + 1);
    for ( ;; )
    {
        len = path_parent_len(buf, len);
        buf[len] = '\0';
        rc = view_get(c, t, buf, ancestor);
        if ( rc )
            return rc;
        if ( ancestor->exists )
            break;
    }
    if ( anc_len )
        *anc_len = len;
    return (perm_for_conn(c, ancestor->perms) & perm) ? ENOENT : EACCES;
}

/* Number of path components of path beyond its ancestor of length alen. */
static unsigned int count_missing(const char *path, size_t alen)
{
    unsigned int k = 0;

    for ( path += alen; *path; path++ )
        k += *path == '/';
    return alen == 1 ? k + 1 : k;
}

/* End of the component of path that starts after position pos. */
static size_t next_end(const char *path, size_t pos)
{
    size_t e = pos + 1;

    while ( path[e] && path[e] != '/' )
        e++;
    return e;
}

/* Look path up for an operation needing perm; ENOENT/EACCES as Xen. */
static int view_need(struct xs_conn *c, struct txn *t, const char *path,
                     unsigned int perm, struct nview *v)
{
    struct nview anc;
    int rc = view_get(c, t, path, v);

    if ( rc )
        return rc;
    if ( !v->exists )
        return strcmp(path, "/") ? missing_error(c, t, path, PERM_READ, &anc,
                                                 NULL)
                                 : ENOENT;
    if ( (perm_for_conn(c, v->perms) & perm) != perm )
        return EACCES;
    return 0;
}

/* Look a node up for reading.  Returns 0, ENOENT or EACCES. */
int view_read(struct xs_conn *c, struct txn *t, const char *path,
              struct nview *v)
{
    return view_need(c, t, path, PERM_READ, v);
}

/* Permissions a node created by c below a node with parent perms gets. */
static int inherit_perms(struct xs_conn *c, const struct xs_perms *parent,
                         struct xs_perms *out)
{
    if ( perms_dup(out, parent) )
        return ENOMEM;
    if ( !c->privileged )
        out->p[0].id = c->domid;
    return 0;
}

static int check_size(struct xs_conn *c, uint32_t vlen, uint32_t nperms,
                      uint32_t children_len)
{
    if ( !c->privileged &&
         node_size(vlen, nperms, children_len) >=
             (uint32_t)c->store->quota[XS_Q_NODE_SIZE] )
        return ENOSPC;
    return 0;
}

/* Create the missing nodes of path in the committed tree, top down. */
static int create_committed(struct xs_conn *c, const char *path,
                            const struct xs_perms *anc_perms, size_t alen,
                            const char *value, uint32_t vlen)
{
    struct xs_store *s = c->store;
    char buf[XENSTORE_ABS_PATH_MAX + 1];
    size_t len = strlen(path), pos = alen == 1 ? 0 : alen;
    unsigned int missing = count_missing(path, alen);
    struct xs_perms perms;
    int rc;

    rc = acct_check_node(c, missing,
                         missing * node_mem(len, 0, anc_perms->num) + vlen);
    if ( rc )
        return rc;
    rc = inherit_perms(c, anc_perms, &perms);
    if ( rc )
        return rc;
    memcpy(buf, path, len + 1);
    while ( !rc && pos < len )
    {
        size_t end = next_end(buf, pos);
        bool last = end == len;

        buf[end] = '\0';
        rc = node_create(s, buf, &perms, last ? value : NULL, last ? vlen : 0,
                         NULL);
        buf[end] = path[end];
        pos = end;
    }
    perms_free(&perms);
    return rc;
}

/* The same inside a transaction. */
static int create_in_txn(struct xs_conn *c, struct txn *t, const char *path,
                         const struct xs_perms *anc_perms, size_t alen,
                         const char *value, uint32_t vlen)
{
    size_t len = strlen(path), pos = alen == 1 ? 0 : alen;
    int rc = acct_check_node(c, t->node_delta + count_missing(path, alen), 0);

    while ( !rc && pos < len )
    {
        size_t end = next_end(path, pos);
        struct tnode *parent, *tn;

        parent = tn_get(c, t, path, pos ? pos : 1, &rc);
        if ( !parent || (rc = tn_materialize(c->store, parent)) )
            break;
        tn = tn_get(c, t, path, end, &rc);
        if ( !tn || (rc = tn_materialize(c->store, tn)) )
            break;
        tn_clear(tn);
        rc = inherit_perms(c, anc_perms, &tn->perms);
        if ( rc )
            break;
        {
            char name[XENSTORE_ABS_PATH_MAX + 1];

            memcpy(name, path + pos + 1, end - pos - 1);
            name[end - pos - 1] = '\0';
            rc = tn_add_child(parent, name);
        }
        if ( rc )
            break;
        tn->exists = true;
        t->node_delta++;
        if ( end == len && vlen )
        {
            tn->value = malloc(vlen);
            if ( !tn->value )
                return ENOMEM;
            memcpy(tn->value, value, vlen);
            tn->vlen = vlen;
        }
        pos = end;
    }
    return rc;
}

/*
 * XS_WRITE (set_value) or XS_MKDIR: create path and missing parents (they
 * inherit the nearest ancestor's permissions, an unprivileged creator owning
 * them) or, for a write, replace the value.  Fires the watches.
 */
int view_write(struct xs_conn *c, struct txn *t, const char *path,
               const char *value, uint32_t vlen, bool set_value)
{
    struct nview v, anc;
    size_t alen = 0;
    int rc = view_get(c, t, path, &v);

    if ( rc )
        return rc;
    if ( v.exists )
    {
        struct tnode *tn;
        char *nv = NULL;

        if ( !(perm_for_conn(c, v.perms) & PERM_WRITE) )
            return EACCES;
        if ( !set_value )
            return 0;
        rc = check_size(c, vlen, v.perms->num,
                        v.node ? v.node->children_len : 0);
        if ( !rc )
            rc = acct_check_node(c, 0, (long)vlen - (long)v.vlen);
        if ( rc )
            return rc;
        if ( !t )
        {
            rc = node_set_value(c->store, v.node, value, vlen);
            if ( !rc )
                fire_watches(c->store, path, &v.node->perms, false);
            return rc;
        }
        tn = tn_get(c, t, path, strlen(path), &rc);
        if ( !tn || (rc = tn_materialize(c->store, tn)) )
            return rc;
        if ( vlen && !(nv = malloc(vlen)) )
            return ENOMEM;
        if ( vlen )
            memcpy(nv, value, vlen);
        free(tn->value);
        tn->value = nv;
        tn->vlen = vlen;
        return record_change(t, path, &tn->perms, false);
    }

    rc = missing_error(c, t, path, PERM_WRITE, &anc, &alen);
    if ( rc != ENOENT )
        return rc;
    rc = check_size(c, vlen, anc.perms->num, 0);
    if ( rc )
        return rc;
    if ( !t )
    {
        struct node *n;

        rc = create_committed(c, path, anc.perms, alen, value, vlen);
        if ( rc )
            return rc;
        n = node_lookup(c->store, path);
        fire_watches(c->store, path, &n->perms, false);
        return 0;
    }
    {
        struct xs_perms ap;

        /* anc.perms may point into a table that create_in_txn() grows. */
        if ( perms_dup(&ap, anc.perms) )
            return ENOMEM;
        rc = create_in_txn(c, t, path, &ap, alen, value, vlen);
        perms_free(&ap);
    }
    if ( rc )
        return rc;
    rc = view_get(c, t, path, &v);
    return rc ? rc : record_change(t, path, v.perms, false);
}

/* Tombstone path and everything below it inside t. */
static int txn_rm_subtree(struct xs_conn *c, struct txn *t, const char *path)
{
    struct xs_buf stack = { 0 };
    int rc = xs_buf_add(&stack, path, strlen(path) + 1);

    while ( !rc && stack.len )
    {
        /* Pop the last NUL-terminated path. */
        char cur[XENSTORE_ABS_PATH_MAX + 1];
        size_t end = stack.len - 1, start = end;
        struct tnode *tn;
        uint32_t i;

        while ( start > 0 && stack.data[start - 1] )
            start--;
        memcpy(cur, stack.data + start, end - start + 1);
        stack.len = start;
        tn = tn_get(c, t, cur, end - start, &rc);
        if ( !tn || (rc = tn_materialize(c->store, tn)) )
            break;
        if ( !tn->exists )
            continue;
        for ( i = 0; !rc && i < tn->nchildren; i++ )
        {
            size_t l = strlen(cur);

            if ( l + 1 + strlen(tn->children[i]) > XENSTORE_ABS_PATH_MAX )
                continue;
            rc = xs_buf_add(&stack, cur, l);
            if ( !rc && l > 1 )
                rc = xs_buf_add(&stack, "/", 1);
            if ( !rc )
                rc = xs_buf_add(&stack, tn->children[i],
                                strlen(tn->children[i]) + 1);
        }
        tn_clear(tn);
        tn->exists = false;
        t->node_delta--;
    }
    xs_buf_free(&stack);
    return rc;
}

/*
 * XS_RM: remove path and its subtree.  Removing a missing node whose parent
 * exists succeeds, as in Xen.  Fires the watches on, above and below path.
 */
int view_rm(struct xs_conn *c, struct txn *t, const char *path)
{
    struct nview v, anc;
    struct xs_perms saved;
    int rc;

    if ( !strcmp(path, "/") )
        return EINVAL;
    rc = view_get(c, t, path, &v);
    if ( rc )
        return rc;
    if ( !v.exists )
    {
        size_t alen;

        rc = missing_error(c, t, path, PERM_WRITE, &anc, &alen);
        return (rc == ENOENT && alen == path_parent_len(path, strlen(path)))
                   ? 0
                   : rc;
    }
    if ( !(perm_for_conn(c, v.perms) & PERM_WRITE) )
        return EACCES;
    if ( perms_dup(&saved, v.perms) )
        return ENOMEM;
    if ( !t )
    {
        node_delete(c->store, v.node);
        fire_watches(c->store, path, &saved, true);
        perms_free(&saved);
        return 0;
    }
    {
        size_t len = strlen(path), plen = path_parent_len(path, len);
        struct tnode *parent = tn_get(c, t, path, plen, &rc);

        if ( parent )
            rc = tn_materialize(c->store, parent);
        if ( !rc )
            rc = txn_rm_subtree(c, t, path);
        if ( !rc )
            tn_del_child(parent, path_basename(path));
        if ( !rc )
            rc = record_change(t, path, &saved, true);
    }
    perms_free(&saved);
    return rc;
}

/*
 * XS_SET_PERMS.  Needs write access and ownership; an unprivileged domain may
 * not give the node away (EPERM) nor exceed the "permissions" quota.
 */
int view_set_perms(struct xs_conn *c, struct txn *t, const char *path,
                   const struct xs_perms *perms)
{
    struct nview v;
    struct xs_perms old;
    int rc = view_need(c, t, path, PERM_WRITE | PERM_OWNER, &v);

    if ( rc )
        return rc;
    if ( !c->privileged )
    {
        if ( perms->num > (uint32_t)c->store->quota[XS_Q_PERMISSIONS] )
            return ENOSPC;
        if ( perms->p[0].id != v.perms->p[0].id )
            return EPERM;
    }
    if ( perms_dup(&old, v.perms) )
        return ENOMEM;
    if ( !t )
    {
        rc = node_set_perms(c->store, v.node, perms);
        if ( !rc )
            fire_watches(c->store, path, &old, false);
        perms_free(&old);
        return rc;
    }
    {
        struct tnode *tn = tn_get(c, t, path, strlen(path), &rc);

        if ( tn )
            rc = tn_materialize(c->store, tn);
        if ( !rc )
        {
            struct xs_perms np;

            rc = perms_dup(&np, perms);
            if ( !rc )
            {
                perms_free(&tn->perms);
                tn->perms = np;
                rc = record_change(t, path, &old, false);
            }
        }
    }
    perms_free(&old);
    return rc;
}

/* ---- transactions ----------------------------------------------------- */

struct txn *txn_find(struct xs_conn *c, uint32_t id)
{
    struct txn *t;

    for ( t = c->txns; t; t = t->next )
        if ( t->id == id )
            return t;
    return NULL;
}

/* Start a transaction of c.  Returns 0, ENOSPC over quota, or ENOMEM. */
int txn_start(struct xs_conn *c, uint32_t *id)
{
    struct txn *t;
    struct acct *a;

    if ( !c->privileged &&
         c->ntxns >= (unsigned int)c->store->quota[XS_Q_TRANSACTIONS] )
        return ENOSPC;
    a = acct_get(c->store, c->domid, true);
    t = calloc(1, sizeof(*t));
    if ( !a || !t )
        goto nomem;
    t->buckets = calloc(TXN_BUCKETS_MIN, sizeof(*t->buckets));
    if ( !t->buckets )
        goto nomem;
    t->nbuckets = TXN_BUCKETS_MIN;
    do
    {
        t->id = ++c->next_txid;
    } while ( !t->id || txn_find(c, t->id) );
    t->next = c->txns;
    c->txns = t;
    c->ntxns++;
    a->transactions++;
    *id = t->id;
    return 0;

 nomem:
    free(t);
    return ENOMEM;
}

static void txn_free(struct xs_conn *c, struct txn *t)
{
    struct txn **pp;
    struct tnode *tn, *next;
    struct tchange *ch, *cnext;
    struct acct *a = acct_get(c->store, c->domid, false);

    for ( pp = &c->txns; *pp != t; pp = &(*pp)->next )
        ;
    *pp = t->next;
    for ( tn = t->order_head; tn; tn = next )
    {
        next = tn->order_next;
        tn_clear(tn);
        free(tn);
    }
    for ( ch = t->changes; ch; ch = cnext )
    {
        cnext = ch->next;
        perms_free(&ch->perms);
        free(ch);
    }
    free(t->buckets);
    free(t);
    c->ntxns--;
    if ( a )
        a->transactions--;
}

static unsigned int depth_of(const struct tnode *tn)
{
    unsigned int d = 0;
    uint32_t i;

    for ( i = 0; i < tn->pathlen; i++ )
        d += tn->path[i] == '/';
    return d;
}

static int cmp_depth(const void *a, const void *b)
{
    unsigned int da = depth_of(*(struct tnode *const *)a);
    unsigned int db = depth_of(*(struct tnode *const *)b);

    return da < db ? -1 : da > db;
}

static int txn_apply(struct xs_store *s, struct txn *t)
{
    struct tnode *tn, **puts;
    uint32_t n = 0, i;
    int rc = 0;

    puts = malloc((t->nnodes + 1) * sizeof(*puts));
    if ( !puts )
        return ENOMEM;
    for ( tn = t->order_head; tn; tn = tn->order_next )
    {
        struct node *cur;

        if ( !tn->modified )
            continue;
        if ( tn->exists )
        {
            puts[n++] = tn;
            continue;
        }
        cur = node_lookup_len(s, tn->path, tn->pathlen);
        if ( cur )
            node_delete(s, cur);
    }
    qsort(puts, n, sizeof(*puts), cmp_depth);
    for ( i = 0; !rc && i < n; i++ )
    {
        struct node *cur;

        tn = puts[i];
        cur = node_lookup_len(s, tn->path, tn->pathlen);
        if ( !cur )
        {
            rc = node_create(s, tn->path, &tn->perms, tn->value, tn->vlen,
                             NULL);
            continue;
        }
        if ( cur->vlen != tn->vlen ||
             (tn->vlen && memcmp(cur->value, tn->value, tn->vlen)) )
            rc = node_set_value(s, cur, tn->value, tn->vlen);
        if ( !rc && !perms_equal(&cur->perms, &tn->perms) )
            rc = node_set_perms(s, cur, &tn->perms);
    }
    free(puts);
    return rc;
}

/*
 * End transaction t of c: commit (true) or abort.  A commit whose touched
 * nodes changed meanwhile fails with EAGAIN.  The transaction is gone after.
 */
int txn_end(struct xs_conn *c, struct txn *t, bool commit)
{
    struct xs_store *s = c->store;
    struct tnode *tn;
    struct tchange *ch;
    bool changed = false;
    int rc = 0;

    if ( !commit )
        goto out;
    for ( tn = t->order_head; tn; tn = tn->order_next )
    {
        struct node *cur = node_lookup_len(s, tn->path, tn->pathlen);

        if ( (cur ? cur->generation : 0) != tn->base_gen )
        {
            rc = EAGAIN;
            goto out;
        }
        changed |= tn->modified;
    }
    if ( changed )
        rc = txn_apply(s, t);
    for ( ch = t->changes; !rc && ch; ch = ch->next )
    {
        struct tnode *ct = tn_find(t, ch->path, strlen(ch->path),
                                   xs_hash(ch->path, strlen(ch->path)));

        /* Created and removed again inside the transaction: no change. */
        if ( ct && !ct->base_gen && !ct->exists )
            continue;
        fire_watches(s, ch->path, &ch->perms, ch->recurse);
    }

 out:
    txn_free(c, t);
    return rc;
}

/* Abort every transaction of c (connection closed, XS_RESET_WATCHES). */
void txn_abort_all(struct xs_conn *c)
{
    while ( c->txns )
        txn_free(c, c->txns);
}
