/*
 * core.h: data structures shared by the files of the xenstore core.
 * Nothing outside xenstore/core/ includes this; the daemon sees xs_core.h.
 */
#ifndef XENSTORE_CORE_CORE_H
#define XENSTORE_CORE_CORE_H

#include <errno.h>
#include "xs_core.h"

/* Permission bits, as in xenstore_lib.h. */
#define PERM_NONE  0x00
#define PERM_READ  0x01
#define PERM_WRITE 0x02
#define PERM_OWNER 0x08

/* DOMID_FIRST_RESERVED from xen.h: domids at or above it are not domains. */
#define DOMID_FIRST_RESERVED 0x7ff0U

struct xs_perm
{
    uint32_t id;
    uint32_t perms;
};

/* A list of permissions: entry 0 is the owner and everyone else's access. */
struct xs_perms
{
    uint32_t num;
    struct xs_perm *p;
};

/*
 * A node of the committed tree.  Nodes are found by full path through the
 * store's hash table and linked to their parent and siblings, children in the
 * order they were created (the order XS_DIRECTORY lists them in).
 */
struct node
{
    struct node *hnext;         /* hash chain */
    struct node *parent;        /* NULL only for "/" */
    struct node *first_child;
    struct node *last_child;
    struct node *prev_sib;
    struct node *next_sib;
    uint32_t nchildren;
    uint32_t children_len;      /* sum of strlen(name)+1 of the children */
    uint64_t generation;        /* changes on every change of this node */
    uint32_t hash;
    uint32_t pathlen;
    uint32_t name_off;          /* path + name_off is the last component */
    uint32_t vlen;
    char *value;
    struct xs_perms perms;
    char path[];
};

/* One watch of a connection, also chained in the store's watch index. */
struct watch
{
    struct watch *next;         /* the connection's list */
    struct watch *hnext;        /* the index bucket */
    struct watch *hprev;
    struct xs_conn *conn;
    char *path;                 /* canonical, absolute or special */
    char *token;
    bool relative;              /* registered relative to /local/domain/N */
    uint32_t hash;
    uint64_t seq;               /* order of registration */
};

/* A node touched by a transaction: read (recorded) or changed (modified). */
struct tnode
{
    struct tnode *hnext;
    struct tnode *order_next;
    uint32_t hash;
    bool modified;              /* content below is the transaction's view */
    bool exists;
    uint64_t base_gen;          /* generation seen first, 0: did not exist */
    uint32_t vlen;
    char *value;
    struct xs_perms perms;
    uint32_t nchildren;
    uint32_t capchildren;
    char **children;            /* names, in order */
    uint32_t pathlen;
    char path[];
};

/* A pending watch firing, for transactions (fired at commit). */
struct tchange
{
    struct tchange *next;
    bool recurse;               /* a removal: also fire watches below */
    struct xs_perms perms;      /* who may see the event */
    char path[];
};

struct txn
{
    struct txn *next;
    uint32_t id;
    uint32_t nnodes;
    uint32_t nbuckets;
    struct tnode **buckets;
    struct tnode *order_head;
    struct tnode *order_tail;
    struct tchange *changes;
    struct tchange *changes_tail;
    long node_delta;            /* nodes this transaction adds for its owner */
};

/* Per-domain accounting, kept for any domid that owns something. */
struct acct
{
    struct acct *next;
    unsigned int domid;
    long nodes;
    long watches;
    long transactions;
    long memory;
    bool soft_warned;
};

/* A watch read back from the journal, registered again on reconnection. */
struct pwatch
{
    struct pwatch *next;
    bool relative;
    char *path;
    char *token;
};

/* An introduced domain. */
struct domain
{
    struct pwatch *pending;     /* watches to restore (after a restart) */
    struct domain *next;
    unsigned int domid;
    uint64_t mfn;
    unsigned int port;
    int target;                 /* SET_TARGET, -1 when none */
    bool shutdown;
    struct xs_conn *conn;
};

struct xs_conn
{
    struct xs_conn *next;
    struct xs_conn *prev;
    struct xs_store *store;
    void *owner;
    unsigned int domid;
    bool privileged;
    struct watch *watches;
    unsigned int nwatches;
    struct txn *txns;
    unsigned int ntxns;
    uint32_t next_txid;
    unsigned long dropped_events;
    struct domain *domain;      /* set for a domain's ring connection */
};

struct xs_store
{
    const struct xs_core_ops *ops;
    void *ctx;
    int quota[XS_Q_COUNT];
    bool keep_orphans;
    uint64_t generation;

    /* The committed tree. */
    struct node *root;
    struct node **buckets;
    uint32_t nbuckets;
    unsigned long nnodes;
    unsigned long bytes;

    /* Watches, indexed by path. */
    struct watch **wbuckets;
    uint32_t nwbuckets;
    unsigned long nwatches;
    uint64_t watch_seq;

    /* Permissions of the special watch paths. */
    struct xs_perms intro_perms;
    struct xs_perms release_perms;

    struct xs_conn *conns;
    struct domain *domains;
    struct acct *accts;

    struct xs_buf journal;
    bool journal_on;
    struct xs_buf scratch;      /* reply assembly */
};

/* buf.c, hash. */
uint32_t xs_hash(const char *s, size_t len);

/* tree.c */
int tree_init(struct xs_store *s);
void tree_free(struct xs_store *s);
struct node *node_lookup(const struct xs_store *s, const char *path);
struct node *node_lookup_len(const struct xs_store *s, const char *path,
                             size_t len);
int node_create(struct xs_store *s, const char *path,
                const struct xs_perms *perms, const char *value,
                uint32_t vlen, struct node **out);
int node_set_value(struct xs_store *s, struct node *n, const char *value,
                   uint32_t vlen);
int node_set_perms(struct xs_store *s, struct node *n,
                   const struct xs_perms *perms);
void node_delete(struct xs_store *s, struct node *n);
size_t node_mem(uint32_t pathlen, uint32_t vlen, uint32_t nperms);
uint32_t node_size(uint32_t vlen, uint32_t nperms, uint32_t children_len);
const char *path_basename(const char *path);
size_t path_parent_len(const char *path, size_t len);
bool path_is_child(const char *child, const char *parent);

/* perms.c */
int perms_dup(struct xs_perms *dst, const struct xs_perms *src);
void perms_free(struct xs_perms *p);
int perms_parse(struct xs_perms *out, const char *strings, size_t len,
                unsigned int count);
int perms_format(const struct xs_perms *p, struct xs_buf *out);
unsigned int perm_for_conn(const struct xs_conn *c,
                           const struct xs_perms *p);
bool perms_equal(const struct xs_perms *a, const struct xs_perms *b);

/* accounting.c */
struct acct *acct_get(struct xs_store *s, unsigned int domid, bool create);
void acct_nodes(struct xs_store *s, unsigned int domid, long delta,
                long mem);
bool conn_unprivileged(const struct xs_conn *c);
int acct_check_node(struct xs_conn *c, long extra_nodes, long extra_mem);
void acct_free_all(struct xs_store *s);
void acct_forget(struct xs_store *s, unsigned int domid);

/* watch.c */
int watch_add(struct xs_conn *c, const char *path, const char *token,
              bool relative, bool fire_initial);
int watch_remove(struct xs_conn *c, const char *path, const char *token);
void watch_remove_all(struct xs_conn *c);
void fire_watches(struct xs_store *s, const char *path,
                  const struct xs_perms *perms, bool recurse);
void fire_special(struct xs_store *s, const char *name);
int watch_index_init(struct xs_store *s);

/* transaction.c */
struct txn *txn_find(struct xs_conn *c, uint32_t id);
int txn_start(struct xs_conn *c, uint32_t *id);
int txn_end(struct xs_conn *c, struct txn *t, bool commit);
void txn_abort_all(struct xs_conn *c);

/* A view of one node, committed or as a transaction sees it. */
struct nview
{
    bool exists;
    const char *value;
    uint32_t vlen;
    const struct xs_perms *perms;
    struct node *node;          /* committed node, NULL when in a txn copy */
    struct tnode *tn;           /* transaction copy, NULL when committed */
    uint64_t generation;
};

int view_get(struct xs_conn *c, struct txn *t, const char *path,
             struct nview *v);
int view_read(struct xs_conn *c, struct txn *t, const char *path,
              struct nview *v);
int view_children(struct xs_conn *c, struct txn *t, const struct nview *v,
                  struct xs_buf *out);
int view_write(struct xs_conn *c, struct txn *t, const char *path,
               const char *value, uint32_t vlen, bool set_value);
int view_rm(struct xs_conn *c, struct txn *t, const char *path);
int view_set_perms(struct xs_conn *c, struct txn *t, const char *path,
                   const struct xs_perms *perms);

/* journal.c */
void journal_node(struct xs_store *s, const struct node *n);
void journal_delete(struct xs_store *s, const char *path);
void journal_quota(struct xs_store *s, enum xs_quota_id q, int val);
void journal_domain(struct xs_store *s, const struct domain *d);
void journal_domain_gone(struct xs_store *s, unsigned int domid);
void journal_watch(struct xs_store *s, unsigned int domid, bool add,
                   const struct watch *w);
void journal_special_perms(struct xs_store *s, const char *name,
                           const struct xs_perms *p);

/* domain.c */
struct domain *domain_find(struct xs_store *s, unsigned int domid);
int do_introduce(struct xs_conn *c, char **argv, unsigned int argc);
int do_release(struct xs_conn *c, char **argv, unsigned int argc);
int do_resume(struct xs_conn *c, char **argv, unsigned int argc);
int do_set_target(struct xs_conn *c, char **argv, unsigned int argc);
int do_is_introduced(struct xs_conn *c, char **argv, unsigned int argc,
                     struct xs_buf *reply);
int domain_release(struct xs_store *s, struct domain *d);
int parse_domid(const char *s, unsigned int *domid);
void domain_free_all(struct xs_store *s);

/* control.c */
int do_control(struct xs_conn *c, char **argv, unsigned int argc,
               struct xs_buf *reply);

/* request.c */
void send_msg(struct xs_conn *c, uint32_t type, uint32_t req_id,
              uint32_t tx_id, const void *body, size_t len, bool is_event);
int canonicalize(const struct xs_conn *c, const char *in, char *out,
                 size_t outlen, bool allow_special);
void core_log(struct xs_store *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* XENSTORE_CORE_CORE_H */
