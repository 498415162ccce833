/*
 * accounting.c: per-domain counts of nodes, watches, transactions and memory,
 * checked against the quotas.  As in Xen, dom0 (a privileged connection) is
 * exempt from the per-domain quotas; everybody's usage is still counted.
 */
#include <stdlib.h>

#include "core.h"

/* The accounting entry of domid; created on demand when create is set. */
struct acct *acct_get(struct xs_store *s, unsigned int domid, bool create)
{
    struct acct *a;

    for ( a = s->accts; a; a = a->next )
        if ( a->domid == domid )
            return a;
    if ( !create )
        return NULL;
    a = calloc(1, sizeof(*a));
    if ( !a )
        return NULL;
    a->domid = domid;
    a->next = s->accts;
    s->accts = a;
    return a;
}

/* Charge (or credit, when negative) nodes and bytes to domid. */
void acct_nodes(struct xs_store *s, unsigned int domid, long delta, long mem)
{
    struct acct *a = acct_get(s, domid, true);

    if ( !a )
        return;
    a->nodes += delta;
    a->memory += mem;
    if ( domid && !a->soft_warned &&
         a->memory > s->quota[XS_Q_MEMORY_SOFT] )
    {
        a->soft_warned = true;
        core_log(s, "Domain %u exceeds soft memory quota", domid);
    }
    else if ( a->soft_warned && a->memory <= s->quota[XS_Q_MEMORY_SOFT] )
    {
        a->soft_warned = false;
        core_log(s, "Domain %u below soft memory quota again", domid);
    }
}

bool conn_unprivileged(const struct xs_conn *c)
{
    return !c->privileged;
}

/*
 * May c's domain own extra_nodes more nodes and extra_mem more bytes?
 * Returns 0, or ENOSPC as Xen does for "nodes" and "memory".
 */
int acct_check_node(struct xs_conn *c, long extra_nodes, long extra_mem)
{
    struct xs_store *s = c->store;
    struct acct *a;

    if ( c->privileged )
        return 0;
    a = acct_get(s, c->domid, false);
    if ( extra_nodes > 0 &&
         (a ? a->nodes : 0) + extra_nodes > s->quota[XS_Q_NODES] )
        return ENOSPC;
    if ( extra_mem > 0 &&
         (a ? a->memory : 0) + extra_mem > s->quota[XS_Q_MEMORY] )
        return ENOSPC;
    return 0;
}

/* Drop domid's entry when it owns nothing any more. */
void acct_forget(struct xs_store *s, unsigned int domid)
{
    struct acct **pp;

    for ( pp = &s->accts; *pp; pp = &(*pp)->next )
    {
        struct acct *a = *pp;

        if ( a->domid != domid )
            continue;
        if ( a->nodes || a->watches || a->transactions || a->memory )
            return;
        *pp = a->next;
        free(a);
        return;
    }
}

void acct_free_all(struct xs_store *s)
{
    while ( s->accts )
    {
        struct acct *a = s->accts;

        s->accts = a->next;
        free(a);
    }
}
