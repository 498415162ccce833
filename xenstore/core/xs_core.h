/*
 * xs_core.h: the interface of the pure xenstore core.
 *
 * The core owns the tree, permissions, transactions, watches, per-domain quotas
 * and the journal format.  It does no I/O of its own: a transport hands it whole
 * requests through xs_conn_request(), and the core answers through the callbacks
 * in struct xs_core_ops (replies and watch events to queue, rings to map when a
 * domain is introduced).  Committed changes are appended, as journal records, to a
 * buffer the daemon writes out before it sends any reply (xs_store_journal()).
 */
#ifndef XENSTORE_CORE_XS_CORE_H
#define XENSTORE_CORE_XS_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xen/io/xs_wire.h"

struct xs_store;
struct xs_conn;

/* A growable byte buffer. */
struct xs_buf
{
    char *data;
    size_t len;
    size_t cap;
};

int xs_buf_reserve(struct xs_buf *b, size_t extra);
int xs_buf_add(struct xs_buf *b, const void *data, size_t len);
void xs_buf_reset(struct xs_buf *b);
void xs_buf_free(struct xs_buf *b);

/* The quotas, by Xen 4.17's names (xenstore-control quota). */
enum xs_quota_id
{
    XS_Q_NODES,             /* nodes owned per domain */
    XS_Q_WATCHES,           /* watches per domain */
    XS_Q_TRANSACTIONS,      /* open transactions per domain */
    XS_Q_OUTSTANDING,       /* unanswered requests per domain */
    XS_Q_TRANSACTION_NODES, /* nodes one transaction may touch */
    XS_Q_MEMORY,            /* bytes of store memory per domain (hard) */
    XS_Q_NODE_SIZE,         /* bytes of one node (value, perms, children) */
    XS_Q_PATH_MAX,          /* characters of a path below /local/domain/N */
    XS_Q_PERMISSIONS,       /* permission entries per node */
    XS_Q_MEMORY_SOFT,       /* warning level of XS_Q_MEMORY */
    XS_Q_COUNT
};

struct xs_quota_desc
{
    const char *name;  /* Xen's name, e.g. "transaction-nodes" */
    const char *descr; /* Xen's description, for "quota" output */
    bool soft;         /* listed by "quota-soft" instead of "quota" */
    int defval;        /* Xen 4.17's default */
};

extern const struct xs_quota_desc xs_quota_descs[XS_Q_COUNT];

/* Look a quota up by name; soft selects the quota-soft namespace.  -1 if none. */
int xs_quota_lookup(const char *name, bool soft);

/* Callbacks from the core to the daemon.  ctx is passed back unchanged. */
struct xs_core_ops
{
    /*
     * Queue one message for the connection's transport.  is_event tells a watch
     * event from a reply; a transport may drop events (never replies) when the
     * peer does not read.
     */
    void (*send)(void *ctx, void *owner, const struct xsd_sockmsg *hdr,
                 const void *body, bool is_event);
    /*
     * Map domain domid's ring (grant reference / frame mfn) and bind its event
     * channel port; on success create the connection with xs_conn_create() and
     * return it in *conn.  Returns 0 or a positive errno.
     */
    int (*introduce)(void *ctx, unsigned int domid, uint64_t mfn,
                     unsigned int port, struct xs_conn **conn);
    /* Rebind the event channel of an introduced domain (re-INTRODUCE). */
    int (*rebind)(void *ctx, void *owner, unsigned int port);
    /*
     * The domain's connection is going away: stop using owner.  The core
     * destroys the xs_conn itself right after this returns.
     */
    void (*release)(void *ctx, void *owner);
    /* Write a line to the daemon's log (control "log", quota warnings). */
    void (*log)(void *ctx, const char *msg);
    /* XS_CONTROL commands the daemon handles itself (log, logfile, ...);
     * returns a positive errno, ENOSYS if unknown, or 0 with *reply set. */
    int (*control)(void *ctx, const char *cmd, char **argv, unsigned int argc,
                   struct xs_buf *reply);
    /* Requests of domid taken and not yet answered (may be NULL). */
    long (*outstanding)(void *ctx, unsigned int domid);
};

/* Create an empty store holding "/" and "/tool"... as Xen's daemon does. */
struct xs_store *xs_store_create(const struct xs_core_ops *ops, void *ctx);
void xs_store_destroy(struct xs_store *s);

/* Quota values: get and set (set also journals the change). */
int xs_store_quota(const struct xs_store *s, enum xs_quota_id q);
void xs_store_set_quota(struct xs_store *s, enum xs_quota_id q, int val);

/* Delete a released domain's nodes (Xen's default) or keep them (-K). */
void xs_store_keep_orphans(struct xs_store *s, bool keep);

/*
 * A connection of domain domid (0: dom0, privileged).  owner is the
 * transport's object, handed back in ops->send().
 */
struct xs_conn *xs_conn_create(struct xs_store *s, unsigned int domid,
                               void *owner);
void xs_conn_destroy(struct xs_conn *c);
/* Drop c's watches and transactions (a ring reconnection). */
void xs_conn_reset(struct xs_conn *c);
unsigned int xs_conn_domid(const struct xs_conn *c);
void *xs_conn_owner(const struct xs_conn *c);
/* Number of watch events dropped for this connection (see docs). */
void xs_conn_note_dropped_event(struct xs_conn *c);

/*
 * Handle one complete request (hdr->len bytes of body) from c, and queue its
 * reply (and any watch events) through ops->send.  Never fails: errors become
 * XS_ERROR replies.
 */
void xs_conn_request(struct xs_conn *c, const struct xsd_sockmsg *hdr,
                     const char *body);

/* Bytes of journal records produced since the last call; the daemon writes
 * them, then calls xs_buf_reset(). */
struct xs_buf *xs_store_journal(struct xs_store *s);

/* Disable or enable journal output (disabled while replaying). */
void xs_store_journal_enable(struct xs_store *s, bool on);

/*
 * Replay journal records.  Returns the number of bytes of whole, valid records
 * consumed; a torn or corrupt tail stops the replay there.
 */
size_t xs_store_replay(struct xs_store *s, const char *data, size_t len);

/* Append a full snapshot of the state (tree, quotas, domains, watches). */
int xs_store_snapshot(struct xs_store *s, struct xs_buf *out);

/*
 * After a replay: reconnect every recorded domain through ops->introduce and
 * re-register its watches.  Domains that cannot be mapped are released.
 */
void xs_store_restore_domains(struct xs_store *s);

/* Statistics for the tests, the fuzzer and "memreport". */
struct xs_store_stats
{
    unsigned long nodes;
    unsigned long watches;
    unsigned long transactions;
    unsigned long conns;
    unsigned long domains;
    unsigned long bytes;
};
void xs_store_stats(const struct xs_store *s, struct xs_store_stats *st);

/* Per-domain accounting, as "xenstore-control quota <domid>" shows it. */
struct xs_domain_usage
{
    long nodes;
    long watches;
    long transactions;
    long memory;
};
int xs_store_domain_usage(const struct xs_store *s, unsigned int domid,
                          struct xs_domain_usage *u);

/*
 * Check every invariant: hash table and parent/child links agree, per-domain
 * counts equal a recount, no count is negative.  Returns 0, or -1 with a
 * description of the first violation in why.
 */
int xs_store_check(const struct xs_store *s, char *why, size_t whylen);

/* Release an introduced domain (it no longer exists).  0 or ENOENT. */
int xs_store_release(struct xs_store *s, unsigned int domid);

/* The introduced domains' ids, at most max of them; returns the count. */
int xs_store_domains(const struct xs_store *s, unsigned int *domids, int max);

/* Fire the special @releaseDomain watch (a domain died or shut down). */
void xs_store_domain_gone(struct xs_store *s, unsigned int domid);

#endif /* XENSTORE_CORE_XS_CORE_H */
