/*
 * journal.c: the journal and snapshot format, and their replay.
 *
 * Every committed change becomes one record appended to the store's journal
 * buffer; the daemon writes the buffer to its file before it sends the replies
 * of the requests that caused it, so an acknowledged change is never lost when
 * the daemon is killed.  A snapshot is the same records describing the whole
 * state.  Record: u32 type, u32 payload length, u32 CRC-32 of the payload,
 * then the payload; all little-endian host order (the file never leaves the
 * machine).  Replay stops at the first short or corrupt record: that is the
 * tail a kill left half-written.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

enum
{
    J_MAGIC = 0x58534a31,   /* "XSJ1": first record of a file */
    J_NODE = 1,             /* u32 nperms, u32 vlen, perms, path\0, value */
    J_DELETE = 2,           /* path\0 */
    J_QUOTA = 3,            /* u32 quota, i32 value */
    J_DOMAIN = 4,           /* u32 domid, u64 mfn, u32 port, i32 target */
    J_DOMAIN_GONE = 5,      /* u32 domid */
    J_WATCH = 6,            /* u32 domid, u32 relative, path\0, token\0 */
    J_UNWATCH = 7,          /* same */
    J_SPECIAL = 8,          /* u32 nperms, perms, name\0 */
};

#define MAX_RECORD (2 * XENSTORE_PAYLOAD_MAX + 64 * 1024)

struct rec_hdr
{
    uint32_t type;
    uint32_t len;
    uint32_t crc;
};

static uint32_t crc_table[256];

static void crc_init(void)
{
    uint32_t i, j;

    if ( crc_table[1] )
        return;
    for ( i = 0; i < 256; i++ )
    {
        uint32_t c = i;

        for ( j = 0; j < 8; j++ )
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

/* CRC-32 (IEEE 802.3) of len bytes. */
static uint32_t crc32(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint32_t c = 0xffffffffu;

    crc_init();
    while ( len-- )
        c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

/* Append one record made of up to four pieces to b. */
static void put_record(struct xs_buf *b, uint32_t type, const void *p1,
                       size_t l1, const void *p2, size_t l2, const void *p3,
                       size_t l3, const void *p4, size_t l4)
{
    struct rec_hdr h = { type, l1 + l2 + l3 + l4, 0 };
    size_t mark = b->len;

    if ( xs_buf_reserve(b, sizeof(h) + h.len) )
        return;
    b->len += sizeof(h);
    xs_buf_add(b, p1, l1);
    xs_buf_add(b, p2, l2);
    xs_buf_add(b, p3, l3);
    xs_buf_add(b, p4, l4);
    h.crc = crc32(b->data + mark + sizeof(h), h.len);
    memcpy(b->data + mark, &h, sizeof(h));
}

static void emit_node(struct xs_buf *b, const struct node *n)
{
    uint32_t hdr[2] = { n->perms.num, n->vlen };

    put_record(b, J_NODE, hdr, sizeof(hdr), n->perms.p,
               n->perms.num * sizeof(struct xs_perm), n->path, n->pathlen + 1,
               n->value, n->vlen);
}

void journal_node(struct xs_store *s, const struct node *n)
{
    if ( s->journal_on )
        emit_node(&s->journal, n);
}

void journal_delete(struct xs_store *s, const char *path)
{
    if ( s->journal_on )
        put_record(&s->journal, J_DELETE, path, strlen(path) + 1, NULL, 0,
                   NULL, 0, NULL, 0);
}

static void emit_quota(struct xs_buf *b, enum xs_quota_id q, int val)
{
    int32_t rec[2] = { (int32_t)q, val };

    put_record(b, J_QUOTA, rec, sizeof(rec), NULL, 0, NULL, 0, NULL, 0);
}

void journal_quota(struct xs_store *s, enum xs_quota_id q, int val)
{
    if ( s->journal_on )
        emit_quota(&s->journal, q, val);
}

static void emit_domain(struct xs_buf *b, const struct domain *d)
{
    uint32_t id = d->domid, port = d->port;
    int32_t target = d->target;

    put_record(b, J_DOMAIN, &id, 4, &d->mfn, 8, &port, 4, &target, 4);
}

void journal_domain(struct xs_store *s, const struct domain *d)
{
    if ( s->journal_on )
        emit_domain(&s->journal, d);
}

void journal_domain_gone(struct xs_store *s, unsigned int domid)
{
    uint32_t id = domid;

    if ( s->journal_on )
        put_record(&s->journal, J_DOMAIN_GONE, &id, 4, NULL, 0, NULL, 0, NULL,
                   0);
}

static void emit_watch(struct xs_buf *b, uint32_t type, unsigned int domid,
                       bool relative, const char *path, const char *token)
{
    uint32_t hdr[2] = { domid, relative };

    put_record(b, type, hdr, sizeof(hdr), path, strlen(path) + 1, token,
               strlen(token) + 1, NULL, 0);
}

void journal_watch(struct xs_store *s, unsigned int domid, bool add,
                   const struct watch *w)
{
    if ( s->journal_on )
        emit_watch(&s->journal, add ? J_WATCH : J_UNWATCH, domid, w->relative,
                   w->path, w->token);
}

static void emit_special(struct xs_buf *b, const char *name,
                         const struct xs_perms *p)
{
    uint32_t num = p->num;

    put_record(b, J_SPECIAL, &num, 4, p->p, p->num * sizeof(struct xs_perm),
               name, strlen(name) + 1, NULL, 0);
}

void journal_special_perms(struct xs_store *s, const char *name,
                           const struct xs_perms *p)
{
    if ( s->journal_on )
        emit_special(&s->journal, name, p);
}

/* ---- replay ----------------------------------------------------------- */

static bool str_in(const char *p, size_t len, size_t *l)
{
    *l = strnlen(p, len);
    return *l < len;
}

static int replay_node(struct xs_store *s, const char *p, size_t len)
{
    uint32_t hdr[2];
    struct xs_perms perms;
    const char *path, *value;
    size_t plen, need;
    struct node *n;

    if ( len < sizeof(hdr) )
        return EINVAL;
    memcpy(hdr, p, sizeof(hdr));
    if ( !hdr[0] || hdr[0] > 1024 )
        return EINVAL;
    need = sizeof(hdr) + hdr[0] * sizeof(struct xs_perm);
    if ( need > len )
        return EINVAL;
    path = p + need;
    if ( !str_in(path, len - need, &plen) || path[0] != '/' ||
         need + plen + 1 + hdr[1] != len )
        return EINVAL;
    value = path + plen + 1;
    perms.num = hdr[0];
    perms.p = malloc(hdr[0] * sizeof(struct xs_perm));
    if ( !perms.p )
        return ENOMEM;
    memcpy(perms.p, p + sizeof(hdr), hdr[0] * sizeof(struct xs_perm));
    n = node_lookup(s, path);
    if ( n )
    {
        if ( n->vlen != hdr[1] || (hdr[1] && memcmp(n->value, value, hdr[1])) )
            node_set_value(s, n, value, hdr[1]);
        if ( !perms_equal(&n->perms, &perms) )
            node_set_perms(s, n, &perms);
    }
    else
    {
        /* Parents always come first; create them empty if a file lacks one. */
        char buf[XENSTORE_ABS_PATH_MAX + 1];
        size_t pl = path_parent_len(path, plen);

        if ( plen <= XENSTORE_ABS_PATH_MAX && plen > 1 &&
             !node_lookup_len(s, path, pl) )
        {
            size_t pos = 1;

            memcpy(buf, path, plen + 1);
            while ( pos < pl )
            {
                size_t e = pos;

                while ( e < pl && buf[e] != '/' )
                    e++;
                buf[e] = '\0';
                if ( !node_lookup(s, buf) )
                    node_create(s, buf, &perms, NULL, 0, NULL);
                buf[e] = '/';
                pos = e + 1;
            }
        }
        node_create(s, path, &perms, value, hdr[1], NULL);
    }
    perms_free(&perms);
    return 0;
}

static struct domain *replay_domain_get(struct xs_store *s, unsigned int domid)
{
    struct domain *d = domain_find(s, domid);

    if ( d )
        return d;
    d = calloc(1, sizeof(*d));
    if ( !d )
        return NULL;
    d->domid = domid;
    d->target = -1;
    d->next = s->domains;
    s->domains = d;
    return d;
}

static void pwatch_free(struct pwatch *w)
{
    free(w->path);
    free(w->token);
    free(w);
}

static int replay_watch(struct xs_store *s, bool add, const char *p,
                        size_t len)
{
    uint32_t hdr[2];
    size_t l1, l2;
    const char *path, *token;
    struct domain *d;
    struct pwatch *w, **pp;

    if ( len < sizeof(hdr) )
        return EINVAL;
    memcpy(hdr, p, sizeof(hdr));
    path = p + sizeof(hdr);
    if ( !str_in(path, len - sizeof(hdr), &l1) )
        return EINVAL;
    token = path + l1 + 1;
    if ( !str_in(token, len - sizeof(hdr) - l1 - 1, &l2) )
        return EINVAL;
    d = domain_find(s, hdr[0]);
    if ( !d )
        return 0;
    for ( pp = &d->pending; *pp; pp = &(*pp)->next )
        if ( !strcmp((*pp)->path, path) && !strcmp((*pp)->token, token) )
            break;
    if ( !add )
    {
        if ( *pp )
        {
            w = *pp;
            *pp = w->next;
            pwatch_free(w);
        }
        return 0;
    }
    if ( *pp )
        return 0;
    w = calloc(1, sizeof(*w));
    if ( !w )
        return ENOMEM;
    w->path = strdup(path);
    w->token = strdup(token);
    w->relative = hdr[1];
    if ( !w->path || !w->token )
    {
        pwatch_free(w);
        return ENOMEM;
    }
    *pp = w;
    return 0;
}

static int replay_one(struct xs_store *s, uint32_t type, const char *p,
                      size_t len)
{
    switch ( type )
    {
    case J_MAGIC:
        return 0;
    case J_NODE:
        return replay_node(s, p, len);
    case J_DELETE:
    {
        size_t l;
        struct node *n;

        if ( !str_in(p, len, &l) )
            return EINVAL;
        n = node_lookup(s, p);
        if ( n && n->parent )
            node_delete(s, n);
        return 0;
    }
    case J_QUOTA:
    {
        int32_t rec[2];

        if ( len != sizeof(rec) )
            return EINVAL;
        memcpy(rec, p, sizeof(rec));
        if ( rec[0] >= 0 && rec[0] < XS_Q_COUNT )
            s->quota[rec[0]] = rec[1];
        return 0;
    }
    case J_DOMAIN:
    {
        uint32_t id, port;
        int32_t target;
        struct domain *d;

        if ( len != 20 )
            return EINVAL;
        memcpy(&id, p, 4);
        memcpy(&port, p + 12, 4);
        memcpy(&target, p + 16, 4);
        d = replay_domain_get(s, id);
        if ( !d )
            return ENOMEM;
        memcpy(&d->mfn, p + 4, 8);
        d->port = port;
        d->target = target;
        return 0;
    }
    case J_DOMAIN_GONE:
    {
        uint32_t id;
        struct domain **pp;

        if ( len != 4 )
            return EINVAL;
        memcpy(&id, p, 4);
        for ( pp = &s->domains; *pp; pp = &(*pp)->next )
            if ( (*pp)->domid == id )
            {
                struct domain *d = *pp;

                *pp = d->next;
                while ( d->pending )
                {
                    struct pwatch *w = d->pending;

                    d->pending = w->next;
                    pwatch_free(w);
                }
                free(d);
                break;
            }
        return 0;
    }
    case J_WATCH:
    case J_UNWATCH:
        return replay_watch(s, type == J_WATCH, p, len);
    case J_SPECIAL:
    {
        uint32_t num;
        size_t need, l;
        struct xs_perms perms, *dst;

        if ( len < 4 )
            return EINVAL;
        memcpy(&num, p, 4);
        need = 4 + (size_t)num * sizeof(struct xs_perm);
        if ( !num || num > 1024 || need >= len || !str_in(p + need, len - need, &l) )
            return EINVAL;
        if ( !strcmp(p + need, "@introduceDomain") )
            dst = &s->intro_perms;
        else if ( !strcmp(p + need, "@releaseDomain") )
            dst = &s->release_perms;
        else
            return EINVAL;
        perms.num = num;
        perms.p = (struct xs_perm *)(p + 4);
        {
            struct xs_perms copy;
            struct xs_perm *tmp = malloc(num * sizeof(*tmp));

            if ( !tmp )
                return ENOMEM;
            memcpy(tmp, p + 4, num * sizeof(*tmp));
            copy.num = num;
            copy.p = tmp;
            perms_free(dst);
            *dst = copy;
        }
        (void)perms;
        return 0;
    }
    default:
        return EINVAL;
    }
}

/* See xs_core.h. */
size_t xs_store_replay(struct xs_store *s, const char *data, size_t len)
{
    size_t off = 0;
    bool on = s->journal_on;

    s->journal_on = false;
    while ( len - off >= sizeof(struct rec_hdr) )
    {
        struct rec_hdr h;

        memcpy(&h, data + off, sizeof(h));
        if ( h.len > MAX_RECORD || h.len > len - off - sizeof(h) ||
             crc32(data + off + sizeof(h), h.len) != h.crc )
            break;
        if ( replay_one(s, h.type, data + off + sizeof(h), h.len) == EINVAL )
            break;
        off += sizeof(h) + h.len;
    }
    s->journal_on = on;
    return off;
}

/* See xs_core.h. */
int xs_store_snapshot(struct xs_store *s, struct xs_buf *out)
{
    static const char magic[] = "xenstore journal v1";
    struct node *n;
    struct domain *d;
    int q;

    put_record(out, J_MAGIC, magic, sizeof(magic), NULL, 0, NULL, 0, NULL, 0);
    for ( q = 0; q < XS_Q_COUNT; q++ )
        emit_quota(out, q, s->quota[q]);
    emit_special(out, "@introduceDomain", &s->intro_perms);
    emit_special(out, "@releaseDomain", &s->release_perms);
    /* Pre-order walk: a parent is always written before its children. */
    for ( n = s->root; n; )
    {
        emit_node(out, n);
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
    for ( d = s->domains; d; d = d->next )
    {
        struct pwatch *pw;

        emit_domain(out, d);
        if ( d->conn )
        {
            struct watch *w;

            for ( w = d->conn->watches; w; w = w->next )
                emit_watch(out, J_WATCH, d->domid, w->relative, w->path,
                           w->token);
        }
        for ( pw = d->pending; pw; pw = pw->next )
            emit_watch(out, J_WATCH, d->domid, pw->relative, pw->path,
                       pw->token);
    }
    return 0;
}
