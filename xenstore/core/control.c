/*
 * control.c: XS_CONTROL commands of the core ("check", "quota", "quota-soft",
 * "memreport", "help").  Commands about the daemon itself (log, logfile,
 * print, compact) go to ops->control first.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

const struct xs_quota_desc xs_quota_descs[XS_Q_COUNT] = {
    [XS_Q_NODES] = { "nodes", "Nodes per domain", false, 1000 },
    [XS_Q_WATCHES] = { "watches", "Watches per domain", false, 128 },
    [XS_Q_TRANSACTIONS] = { "transactions", "Transactions per domain", false,
                            10 },
    [XS_Q_OUTSTANDING] = { "outstanding", "Outstanding requests per domain",
                           false, 20 },
    [XS_Q_TRANSACTION_NODES] = { "transaction-nodes",
                                 "Max. number of accessed nodes per "
                                 "transaction",
                                 false, 1024 },
    [XS_Q_MEMORY] = { "memory",
                      "Total Xenstore memory per domain (error level)", false,
                      2 * 1024 * 1024 + 512 * 1024 },
    [XS_Q_NODE_SIZE] = { "node-size", "Max. size of a node", false, 2048 },
    [XS_Q_PATH_MAX] = { "path-max", "Max. length of a node path", false,
                        XENSTORE_REL_PATH_MAX },
    [XS_Q_PERMISSIONS] = { "permissions",
                           "Max. number of permissions per node", false, 5 },
    [XS_Q_MEMORY_SOFT] = { "memory",
                           "Total Xenstore memory per domain (warning level)",
                           true, 2 * 1024 * 1024 },
};

int xs_quota_lookup(const char *name, bool soft)
{
    int q;

    for ( q = 0; q < XS_Q_COUNT; q++ )
        if ( xs_quota_descs[q].soft == soft &&
             !strcmp(xs_quota_descs[q].name, name) )
            return q;
    return -1;
}

static int appendf(struct xs_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int appendf(struct xs_buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int l;

    va_start(ap, fmt);
    l = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if ( l < 0 )
        return EINVAL;
    return xs_buf_add(b, tmp, (size_t)l < sizeof(tmp) ? (size_t)l
                                                      : sizeof(tmp) - 1);
}

static int parse_int(const char *s, int *v)
{
    char *end;
    long l;

    if ( *s < '0' || *s > '9' )
        return EINVAL;
    l = strtol(s, &end, 10);
    if ( *end || l > 0x7fffffff )
        return EINVAL;
    *v = l;
    return 0;
}

static int do_quota(struct xs_conn *c, bool soft, char **argv,
                    unsigned int argc, struct xs_buf *reply)
{
    struct xs_store *s = c->store;
    int q, val;

    if ( argc == 0 )
    {
        int rc = appendf(reply, "Quota settings:\n");

        for ( q = 0; !rc && q < XS_Q_COUNT; q++ )
            if ( xs_quota_descs[q].soft == soft )
                rc = appendf(reply, "%-17s: %8d %s\n", xs_quota_descs[q].name,
                             s->quota[q], xs_quota_descs[q].descr);
        return rc ? rc : xs_buf_add(reply, "", 1);
    }
    if ( argc == 1 && !soft )
    {
        unsigned int domid;
        struct xs_domain_usage u;
        int rc;

        if ( parse_domid(argv[0], &domid) )
            return EINVAL;
        if ( xs_store_domain_usage(s, domid, &u) )
            return ENOENT;
        rc = appendf(reply,
                     "Domain %u:\n%-16s: %8ld\n%-16s: %8ld\n%-16s: %8ld\n"
                     "%-16s: %8ld\n%-16s: %8ld\n",
                     domid, "nodes", u.nodes, "watches", u.watches,
                     "transactions", u.transactions, "outstanding",
                     s->ops->outstanding ? s->ops->outstanding(s->ctx, domid)
                                         : 0,
                     "memory", u.memory);
        return rc ? rc : xs_buf_add(reply, "", 1);
    }
    /* Xen 4.17's syntax: quota set <name> <value>. */
    if ( argc != 3 || strcmp(argv[0], "set") )
        return EINVAL;
    q = xs_quota_lookup(argv[1], soft);
    if ( q < 0 || parse_int(argv[2], &val) || val < 1 )
        return EINVAL;
    xs_store_set_quota(s, q, val);
    return xs_buf_add(reply, "OK", 3);
}

/* Handle XS_CONTROL (dom0 only).  argv[0] is the command. */
int do_control(struct xs_conn *c, char **argv, unsigned int argc,
               struct xs_buf *reply)
{
    struct xs_store *s = c->store;
    const char *cmd;
    int rc;

    if ( !c->privileged )
        return EACCES;
    if ( argc < 1 )
        return EINVAL;
    cmd = argv[0];
    if ( !strcmp(cmd, "quota") || !strcmp(cmd, "quota-soft") )
        return do_quota(c, cmd[5] == '-', argv + 1, argc - 1, reply);
    if ( !strcmp(cmd, "check") )
    {
        char why[256];

        if ( xs_store_check(s, why, sizeof(why)) )
        {
            core_log(s, "check: %s", why);
            rc = appendf(reply, "%s", why);
            return rc ? rc : xs_buf_add(reply, "", 1);
        }
        return xs_buf_add(reply, "OK", 3);
    }
    if ( !strcmp(cmd, "memreport") )
    {
        struct xs_store_stats st;

        xs_store_stats(s, &st);
        rc = appendf(reply,
                     "nodes: %lu\nnode bytes: %lu\nwatches: %lu\n"
                     "transactions: %lu\nconnections: %lu\ndomains: %lu\n",
                     st.nodes, st.bytes, st.watches, st.transactions,
                     st.conns, st.domains);
        return rc ? rc : xs_buf_add(reply, "", 1);
    }
    if ( s->ops->control )
    {
        rc = s->ops->control(s->ctx, cmd, argv + 1, argc - 1, reply);
        if ( rc != ENOSYS )
            return rc;
    }
    if ( !strcmp(cmd, "help") )
    {
        /* Xen's format: command, tab, arguments. */
        rc = appendf(reply,
                     "check\t\n"
                     "compact\t\n"
                     "log\ton|off\n"
                     "logfile\t<file>\n"
                     "memreport\t\n"
                     "print\t<string>\n"
                     "quota\t[set <name> <val>|<domid>]\n"
                     "quota-soft\t[set <name> <val>]\n"
                     "help\t\n");
        return rc ? rc : xs_buf_add(reply, "", 1);
    }
    return EINVAL;
}
