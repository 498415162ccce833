/*
 * tree.c: the committed tree.  Every change of a node goes through here so
 * that generations, per-domain accounting and the journal stay in step.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define INITIAL_BUCKETS 1024

/* Memory a node costs its owner's "memory" quota, in bytes. */
size_t node_mem(uint32_t pathlen, uint32_t vlen, uint32_t nperms)
{
    return sizeof(struct node) + pathlen + 1 + vlen + nperms * 8;
}

/*
 * Size of a node as Xen's "node-size" quota counts it: a fixed header, the
 * permissions, the value and the children's names.
 */
uint32_t node_size(uint32_t vlen, uint32_t nperms, uint32_t children_len)
{
    return 16 + nperms * 8 + vlen + children_len;
}

/* Last component of a canonical path ("/" for "/"). */
const char *path_basename(const char *path)
{
    const char *slash = strrchr(path, '/');

    return (slash && slash[1]) ? slash + 1 : path;
}

/* Length of the parent of a canonical path of length len ("/a" -> 1). */
size_t path_parent_len(const char *path, size_t len)
{
    while ( len > 1 && path[len - 1] != '/' )
        len--;
    return len > 1 ? len - 1 : 1;
}

/* True when child is parent itself or lies below it. */
bool path_is_child(const char *child, const char *parent)
{
    size_t len = strlen(parent);

    if ( len == 1 && parent[0] == '/' )
        return child[0] == '/';
    return !strncmp(child, parent, len) &&
           (child[len] == '/' || child[len] == '\0');
}

static int rehash(struct xs_store *s, uint32_t nbuckets)
{
    struct node **nb = calloc(nbuckets, sizeof(*nb));
    uint32_t i;

    if ( !nb )
        return ENOMEM;
    for ( i = 0; i < s->nbuckets; i++ )
    {
        struct node *n = s->buckets[i], *next;

        for ( ; n; n = next )
        {
            next = n->hnext;
            n->hnext = nb[n->hash & (nbuckets - 1)];
            nb[n->hash & (nbuckets - 1)] = n;
        }
    }
    free(s->buckets);
    s->buckets = nb;
    s->nbuckets = nbuckets;
    return 0;
}

/* Find the committed node of a canonical path of len bytes, or NULL. */
struct node *node_lookup_len(const struct xs_store *s, const char *path,
                             size_t len)
{
    uint32_t h = xs_hash(path, len);
    struct node *n;

    for ( n = s->buckets[h & (s->nbuckets - 1)]; n; n = n->hnext )
        if ( n->hash == h && n->pathlen == len && !memcmp(n->path, path, len) )
            return n;
    return NULL;
}

/* Find the committed node of a NUL-terminated canonical path, or NULL. */
struct node *node_lookup(const struct xs_store *s, const char *path)
{
    return node_lookup_len(s, path, strlen(path));
}

static void link_child(struct node *parent, struct node *n)
{
    n->parent = parent;
    n->prev_sib = parent->last_child;
    n->next_sib = NULL;
    if ( parent->last_child )
        parent->last_child->next_sib = n;
    else
        parent->first_child = n;
    parent->last_child = n;
    parent->nchildren++;
    parent->children_len += n->pathlen - n->name_off + 1;
}

static void unlink_child(struct node *n)
{
    struct node *parent = n->parent;

    if ( n->prev_sib )
        n->prev_sib->next_sib = n->next_sib;
    else
        parent->first_child = n->next_sib;
    if ( n->next_sib )
        n->next_sib->prev_sib = n->prev_sib;
    else
        parent->last_child = n->prev_sib;
    parent->nchildren--;
    parent->children_len -= n->pathlen - n->name_off + 1;
}

/*
 * Create the node path (canonical, its parent must exist) with a copy of perms
 * and value.  Bumps the parent's generation, charges the owner and journals
 * the node.  Returns 0 or ENOMEM.
 */
int node_create(struct xs_store *s, const char *path,
                const struct xs_perms *perms, const char *value,
                uint32_t vlen, struct node **out)
{
    size_t len = strlen(path);
    struct node *parent = NULL, *n;
    int rc;

    if ( len > 1 || path[0] != '/' )
    {
        parent = node_lookup_len(s, path, path_parent_len(path, len));
        if ( !parent )
            return ENOENT;
    }
    if ( s->nnodes >= s->nbuckets && s->nbuckets < (1u << 30) )
    {
        rc = rehash(s, s->nbuckets * 2);
        if ( rc )
            return rc;
    }
    n = calloc(1, sizeof(*n) + len + 1);
    if ( !n )
        return ENOMEM;
    memcpy(n->path, path, len + 1);
    n->pathlen = len;
    n->name_off = path_basename(n->path) - n->path;
    n->hash = xs_hash(path, len);
    if ( perms_dup(&n->perms, perms) )
        goto nomem;
    if ( vlen )
    {
        n->value = malloc(vlen);
        if ( !n->value )
            goto nomem;
        memcpy(n->value, value, vlen);
        n->vlen = vlen;
    }
    n->generation = ++s->generation;
    n->hnext = s->buckets[n->hash & (s->nbuckets - 1)];
    s->buckets[n->hash & (s->nbuckets - 1)] = n;
    s->nnodes++;
    if ( parent )
    {
        link_child(parent, n);
        parent->generation = ++s->generation;
    }
    else
        s->root = n;
    s->bytes += node_mem(len, vlen, n->perms.num);
    acct_nodes(s, n->perms.p[0].id, 1, node_mem(len, vlen, n->perms.num));
    journal_node(s, n);
    if ( out )
        *out = n;
    return 0;

 nomem:
    perms_free(&n->perms);
    free(n);
    return ENOMEM;
}

/* Replace the value of n.  Returns 0 or ENOMEM (n unchanged). */
int node_set_value(struct xs_store *s, struct node *n, const char *value,
                   uint32_t vlen)
{
    char *v = NULL;
    long diff = (long)vlen - (long)n->vlen;

    if ( vlen )
    {
        v = malloc(vlen);
        if ( !v )
            return ENOMEM;
        memcpy(v, value, vlen);
    }
    free(n->value);
    n->value = v;
    n->vlen = vlen;
    n->generation = ++s->generation;
    s->bytes += diff;
    acct_nodes(s, n->perms.p[0].id, 0, diff);
    journal_node(s, n);
    return 0;
}

/* Replace the permissions of n, moving its accounting to a new owner. */
int node_set_perms(struct xs_store *s, struct node *n,
                   const struct xs_perms *perms)
{
    struct xs_perms np;
    size_t oldmem = node_mem(n->pathlen, n->vlen, n->perms.num);
    size_t newmem = node_mem(n->pathlen, n->vlen, perms->num);

    if ( perms_dup(&np, perms) )
        return ENOMEM;
    acct_nodes(s, n->perms.p[0].id, -1, -(long)oldmem);
    acct_nodes(s, np.p[0].id, 1, newmem);
    s->bytes += newmem - oldmem;
    perms_free(&n->perms);
    n->perms = np;
    n->generation = ++s->generation;
    journal_node(s, n);
    return 0;
}

static void node_free_one(struct xs_store *s, struct node *n)
{
    struct node **pp = &s->buckets[n->hash & (s->nbuckets - 1)];
    size_t mem = node_mem(n->pathlen, n->vlen, n->perms.num);

    while ( *pp != n )
        pp = &(*pp)->hnext;
    *pp = n->hnext;
    s->nnodes--;
    s->bytes -= mem;
    acct_nodes(s, n->perms.p[0].id, -1, -(long)mem);
    perms_free(&n->perms);
    free(n->value);
    free(n);
}

static void delete_subtree(struct xs_store *s, struct node *n)
{
    struct node *cur = n;

    /* Post-order walk without recursion: a 10 000-deep tree is allowed. */
    while ( cur )
    {
        struct node *parent;

        if ( cur->first_child )
        {
            cur = cur->first_child;
            continue;
        }
        parent = cur == n ? NULL : cur->parent;
        if ( parent )
            unlink_child(cur);
        node_free_one(s, cur);
        cur = parent;
    }
}

/* Delete n and everything below it (never the root). */
void node_delete(struct xs_store *s, struct node *n)
{
    struct node *parent = n->parent;

    journal_delete(s, n->path);
    unlink_child(n);
    parent->generation = ++s->generation;
    delete_subtree(s, n);
}

/* Create "/" (owned by dom0, nobody else may read) and "/tool/xenstored". */
int tree_init(struct xs_store *s)
{
    struct xs_perm p0 = { 0, PERM_NONE };
    struct xs_perms perms = { 1, &p0 };
    int rc;

    s->buckets = calloc(INITIAL_BUCKETS, sizeof(*s->buckets));
    if ( !s->buckets )
        return ENOMEM;
    s->nbuckets = INITIAL_BUCKETS;
    rc = node_create(s, "/", &perms, NULL, 0, NULL);
    if ( !rc )
        rc = node_create(s, "/tool", &perms, NULL, 0, NULL);
    if ( !rc )
        rc = node_create(s, "/tool/xenstored", &perms, NULL, 0, NULL);
    return rc;
}

/* Free the whole tree without journaling or accounting. */
void tree_free(struct xs_store *s)
{
    uint32_t i;

    for ( i = 0; i < s->nbuckets; i++ )
    {
        struct node *n = s->buckets[i], *next;

        for ( ; n; n = next )
        {
            next = n->hnext;
            perms_free(&n->perms);
            free(n->value);
            free(n);
        }
    }
    free(s->buckets);
    s->buckets = NULL;
    s->nbuckets = 0;
    s->nnodes = 0;
    s->root = NULL;
}
