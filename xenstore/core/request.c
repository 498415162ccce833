/*
 * request.c: decoding and dispatch of requests.  Each message type has one
 * entry in a bounds-checked table; a handler checks its arguments first and
 * then acts, returning 0 with the reply in r->reply or a positive errno that
 * becomes an XS_ERROR reply.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define MAX_ARGS 16

struct req
{
    struct xs_conn *c;
    const struct xsd_sockmsg *hdr;
    const char *body;
    char *argv[MAX_ARGS];
    unsigned int argc;
    bool terminated;            /* the body ends with a NUL */
    struct txn *t;
    struct xs_buf *reply;
};

void core_log(struct xs_store *s, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    if ( !s->ops->log )
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    s->ops->log(s->ctx, msg);
}

/* Queue a message to c; a reply over the payload limit becomes E2BIG. */
void send_msg(struct xs_conn *c, uint32_t type, uint32_t req_id,
              uint32_t tx_id, const void *body, size_t len, bool is_event)
{
    struct xsd_sockmsg h = { type, req_id, tx_id, len };

    if ( len > XENSTORE_PAYLOAD_MAX )
    {
        if ( is_event )
            return;
        h.type = XS_ERROR;
        body = "E2BIG";
        h.len = 6;
    }
    c->store->ops->send(c->store->ctx, c->owner, &h, body, is_event);
}

static const char *errname(int err)
{
    unsigned int i;

    for ( i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++ )
        if ( xsd_errors[i].errnum == err )
            return xsd_errors[i].errstring;
    return "EIO";
}

static bool valid_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '-' || ch == '/' ||
           ch == '_' || ch == '@';
}

/*
 * Turn a path from c into canonical form in out: relative paths are below
 * /local/domain/<domid>; "@..." names only where allow_special.  Checks the
 * characters, "//", a trailing '/', XENSTORE_ABS_PATH_MAX and the
 * "path-max" quota (counted below /local/domain/<domid>, as Xen does).
 * Returns 0 or EINVAL.
 */
int canonicalize(const struct xs_conn *c, const char *in, char *out,
                 size_t outlen, bool allow_special)
{
    size_t len = 0, i, local = 0;
    unsigned int d;
    int n;

    if ( !in[0] )
        return EINVAL;
    if ( in[0] == '@' )
    {
        if ( !allow_special )
            return EINVAL;
        len = strlen(in);
        if ( len >= outlen )
            return EINVAL;
        for ( i = 1; i < len; i++ )
            if ( !valid_char(in[i]) )
                return EINVAL;
        memcpy(out, in, len + 1);
        return 0;
    }
    if ( in[0] != '/' )
    {
        n = snprintf(out, outlen, "/local/domain/%u/", c->domid);
        if ( n < 0 || (size_t)n >= outlen )
            return EINVAL;
        len = n;
    }
    if ( strlen(in) >= outlen - len )
        return EINVAL;
    strcpy(out + len, in);
    len = strlen(out);
    if ( len > XENSTORE_ABS_PATH_MAX )
        return EINVAL;
    for ( i = 0; i < len; i++ )
        if ( !valid_char(out[i]) || (out[i] == '/' && out[i + 1] == '/') )
            return EINVAL;
    if ( len > 1 && out[len - 1] == '/' )
        return EINVAL;
    /* "path-max" counts below /local/domain/N and, as in Xen 4.17,
     * applies to dom0 as well. */
    n = 0;
    if ( sscanf(out, "/local/domain/%5u/%n", &d, &n) == 1 && n > 0 )
        local = n;
    if ( len - local > (size_t)c->store->quota[XS_Q_PATH_MAX] )
        return EINVAL;
    return 0;
}

/* Split the body into strings; a trailing unterminated piece counts too. */
static void split_args(struct req *r)
{
    const char *p = r->body, *end = r->body + r->hdr->len;

    r->argc = 0;
    r->terminated = r->hdr->len && end[-1] == '\0';
    while ( p < end && r->argc < MAX_ARGS )
    {
        r->argv[r->argc++] = (char *)p;
        p += strnlen(p, end - p) + 1;
    }
}

static int reply_ok(struct req *r)
{
    return xs_buf_add(r->reply, "OK", 3);
}

/*
 * The one-path requests: exactly one NUL-terminated string.  Xen 4.17
 * answers anything else with ENOENT (it looks up no node), and so do we.
 */
static int one_path(struct req *r, char *out, bool allow_special)
{
    if ( r->argc != 1 || !r->terminated )
        return ENOENT;
    return canonicalize(r->c, r->argv[0], out, XENSTORE_ABS_PATH_MAX + 64,
                        allow_special);
}

static int do_read(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 64];
    struct nview v;
    int rc = one_path(r, path, false);

    if ( !rc )
        rc = view_read(r->c, r->t, path, &v);
    return rc ? rc : xs_buf_add(r->reply, v.value, v.vlen);
}

static int do_write(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 64];
    size_t plen;
    int rc;

    if ( !r->hdr->len )
        return EINVAL;
    plen = strnlen(r->body, r->hdr->len);
    if ( plen == r->hdr->len )
        return EINVAL;
    rc = canonicalize(r->c, r->body, path, sizeof(path), false);
    if ( !rc )
        rc = view_write(r->c, r->t, path, r->body + plen + 1,
                        r->hdr->len - plen - 1, true);
    return rc ? rc : reply_ok(r);
}

static int do_mkdir(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 64];
    int rc = one_path(r, path, false);

    if ( !rc )
        rc = view_write(r->c, r->t, path, NULL, 0, false);
    return rc ? rc : reply_ok(r);
}

static int do_rm(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 64];
    int rc = one_path(r, path, false);

    if ( !rc )
        rc = view_rm(r->c, r->t, path);
    return rc ? rc : reply_ok(r);
}

static int do_directory(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 64];
    struct nview v;
    int rc = one_path(r, path, false);

    if ( !rc )
        rc = view_read(r->c, r->t, path, &v);
    return rc ? rc : view_children(r->c, r->t, &v, r->reply);
}

static int do_directory_part(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 64], gen[24];
    struct xs_buf kids = { 0 };
    unsigned long off;
    size_t genlen, len = 0;
    struct nview v;
    char *end;
    int rc;

    if ( r->argc != 2 || !r->terminated )
        return EINVAL;
    /* Xen reads the offset with atoi(): junk means 0. */
    off = strtoul(r->argv[1], &end, 10);
    rc = canonicalize(r->c, r->argv[0], path, sizeof(path), false);
    if ( !rc )
        rc = view_read(r->c, r->t, path, &v);
    if ( !rc )
        rc = view_children(r->c, r->t, &v, &kids);
    if ( rc )
        goto out;
    genlen = snprintf(gen, sizeof(gen), "%" PRIu64, v.generation) + 1;
    rc = xs_buf_add(r->reply, gen, genlen);
    if ( rc || off >= kids.len )
    {
        rc = rc ? rc : xs_buf_add(r->reply, "", 1);
        goto out;
    }
    /* Whole names from byte offset off, as many as fit. */
    while ( off + len < kids.len )
    {
        size_t l = strnlen(kids.data + off + len, kids.len - off - len) + 1;

        if ( genlen + len + l + 1 > XENSTORE_PAYLOAD_MAX )
            break;
        len += l;
    }
    rc = xs_buf_add(r->reply, kids.data + off, len);
    if ( !rc && off + len >= kids.len )
        rc = xs_buf_add(r->reply, "", 1);
 out:
    xs_buf_free(&kids);
    return rc;
}

static struct xs_perms *special_perms(struct xs_store *s, const char *path)
{
    if ( !strcmp(path, "@introduceDomain") )
        return &s->intro_perms;
    if ( !strcmp(path, "@releaseDomain") )
        return &s->release_perms;
    return NULL;
}

static int do_get_perms(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 64];
    struct nview v;
    /* As in Xen 4.17, the special nodes' permissions can be set, not read. */
    int rc = one_path(r, path, false);

    if ( rc )
        return rc;
    rc = view_read(r->c, r->t, path, &v);
    return rc ? rc : perms_format(v.perms, r->reply);
}

static int do_set_perms(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 64];
    struct xs_perms perms;
    const char *end = r->body + r->hdr->len;
    size_t plen;
    const char *p;
    unsigned int n = 0;
    int rc;

    if ( !r->terminated || r->argc < 2 )
        return EINVAL;
    rc = canonicalize(r->c, r->body, path, sizeof(path), true);
    if ( rc )
        return rc;
    plen = strlen(r->body) + 1;
    for ( p = r->body + plen; p < end; p += strlen(p) + 1 )
        n++;
    rc = perms_parse(&perms, r->body + plen, r->hdr->len - plen, n);
    if ( rc )
        return rc;
    if ( path[0] == '@' )
    {
        struct xs_perms *sp = special_perms(r->c->store, path);

        if ( !sp )
            rc = ENOENT;
        else if ( !(perm_for_conn(r->c, sp) & PERM_OWNER) )
            rc = EACCES;
        else
        {
            perms_free(sp);
            *sp = perms;
            perms.p = NULL;
            journal_special_perms(r->c->store, path, sp);
        }
    }
    else
        rc = view_set_perms(r->c, r->t, path, &perms);
    perms_free(&perms);
    return rc ? rc : reply_ok(r);
}

static int watch_args(struct req *r, char *path, bool *relative)
{
    if ( r->argc != 2 || !r->terminated )
        return EINVAL;
    *relative = r->argv[0][0] != '/' && r->argv[0][0] != '@';
    return canonicalize(r->c, r->argv[0], path, XENSTORE_ABS_PATH_MAX + 64,
                        true);
}

static int do_watch(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 64];
    bool relative;
    int rc = watch_args(r, path, &relative);

    if ( rc )
        return rc;
    /* The reply goes before the initial event, as in Xen. */
    {
        struct xs_conn *c = r->c;
        struct watch *w;

        for ( w = c->watches; w; w = w->next )
            if ( !strcmp(w->path, path) && !strcmp(w->token, r->argv[1]) )
                return EEXIST;
        if ( !c->privileged &&
             c->nwatches >= (unsigned int)c->store->quota[XS_Q_WATCHES] )
            return E2BIG;
        send_msg(c, XS_WATCH, r->hdr->req_id, r->hdr->tx_id, "OK", 3, false);
        rc = watch_add(c, path, r->argv[1], relative, true);
        return rc ? rc : -1;
    }
}

static int do_unwatch(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 64];
    bool relative;
    int rc = watch_args(r, path, &relative);

    if ( !rc )
        rc = watch_remove(r->c, path, r->argv[1]);
    return rc ? rc : reply_ok(r);
}

static int do_transaction_start(struct req *r)
{
    char id[16];
    uint32_t tid;
    int rc;

    if ( r->hdr->tx_id )
        return EBUSY;
    rc = txn_start(r->c, &tid);
    if ( rc )
        return rc;
    snprintf(id, sizeof(id), "%u", tid);
    return xs_buf_add(r->reply, id, strlen(id) + 1);
}

static int do_transaction_end(struct req *r)
{
    bool commit;
    int rc;

    if ( r->argc != 1 || !r->terminated )
        return EINVAL;
    if ( !strcmp(r->argv[0], "T") )
        commit = true;
    else if ( !strcmp(r->argv[0], "F") )
        commit = false;
    else
        return EINVAL;
    if ( !r->t )
        return ENOENT;
    rc = txn_end(r->c, r->t, commit);
    r->t = NULL;
    return rc ? rc : reply_ok(r);
}

static int do_get_domain_path(struct req *r)
{
    char path[32];
    unsigned int domid;

    if ( r->argc != 1 || !r->terminated )
        return EINVAL;
    /* As Xen 4.17: atoi() of whatever was given. */
    domid = strtoul(r->argv[0], NULL, 10);
    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    return xs_buf_add(r->reply, path, strlen(path) + 1);
}

static int string_args(struct req *r)
{
    return r->terminated ? 0 : EINVAL;
}

static int do_introduce_req(struct req *r)
{
    int rc = string_args(r);

    rc = rc ? rc : do_introduce(r->c, r->argv, r->argc);
    return rc ? rc : reply_ok(r);
}

static int do_release_req(struct req *r)
{
    int rc = string_args(r);

    rc = rc ? rc : do_release(r->c, r->argv, r->argc);
    return rc ? rc : reply_ok(r);
}

static int do_resume_req(struct req *r)
{
    int rc = string_args(r);

    rc = rc ? rc : do_resume(r->c, r->argv, r->argc);
    return rc ? rc : reply_ok(r);
}

static int do_set_target_req(struct req *r)
{
    int rc = string_args(r);

    rc = rc ? rc : do_set_target(r->c, r->argv, r->argc);
    return rc ? rc : reply_ok(r);
}

static int do_is_introduced_req(struct req *r)
{
    int rc = string_args(r);

    return rc ? rc : do_is_introduced(r->c, r->argv, r->argc, r->reply);
}

static int do_reset_watches(struct req *r)
{
    watch_remove_all(r->c);
    txn_abort_all(r->c);
    r->t = NULL;
    return reply_ok(r);
}

static int do_control_req(struct req *r)
{
    if ( !r->c->privileged )
        return EACCES;
    if ( !r->terminated && r->hdr->len )
    {
        /* Arguments may be binary; only the command must be a string. */
        if ( strnlen(r->body, r->hdr->len) == r->hdr->len )
            return EINVAL;
    }
    return do_control(r->c, r->argv, r->argc, r->reply);
}

struct handler
{
    int (*fn)(struct req *r);
    bool uses_txn;
};

static const struct handler handlers[XS_TYPE_COUNT] = {
    [XS_CONTROL] = { do_control_req, false },
    [XS_DIRECTORY] = { do_directory, true },
    [XS_READ] = { do_read, true },
    [XS_GET_PERMS] = { do_get_perms, true },
    [XS_WATCH] = { do_watch, false },
    [XS_UNWATCH] = { do_unwatch, false },
    [XS_TRANSACTION_START] = { do_transaction_start, false },
    [XS_TRANSACTION_END] = { do_transaction_end, true },
    [XS_INTRODUCE] = { do_introduce_req, false },
    [XS_RELEASE] = { do_release_req, false },
    [XS_GET_DOMAIN_PATH] = { do_get_domain_path, false },
    [XS_WRITE] = { do_write, true },
    [XS_MKDIR] = { do_mkdir, true },
    [XS_RM] = { do_rm, true },
    [XS_SET_PERMS] = { do_set_perms, true },
    [XS_IS_DOMAIN_INTRODUCED] = { do_is_introduced_req, false },
    [XS_RESUME] = { do_resume_req, false },
    [XS_SET_TARGET] = { do_set_target_req, false },
    [XS_RESET_WATCHES] = { do_reset_watches, false },
    [XS_DIRECTORY_PART] = { do_directory_part, true },
};

/* See xs_core.h. */
void xs_conn_request(struct xs_conn *c, const struct xsd_sockmsg *hdr,
                     const char *body)
{
    struct xs_store *s = c->store;
    struct req r = { .c = c, .hdr = hdr, .body = body };
    const struct handler *h = NULL;
    int rc;

    if ( hdr->type < XS_TYPE_COUNT )
        h = &handlers[hdr->type];
    xs_buf_reset(&s->scratch);
    r.reply = &s->scratch;
    if ( !h || !h->fn )
    {
        rc = ENOSYS;            /* Xen 4.17's answer to unknown types */
        goto out;
    }
    if ( hdr->len > XENSTORE_PAYLOAD_MAX )
    {
        rc = EINVAL;
        goto out;
    }
    split_args(&r);
    if ( hdr->tx_id && hdr->type != XS_TRANSACTION_START )
    {
        r.t = txn_find(c, hdr->tx_id);
        if ( !r.t )
        {
            rc = ENOENT;
            goto out;
        }
        if ( !h->uses_txn )
            r.t = NULL;
    }
    rc = h->fn(&r);

 out:
    if ( rc < 0 )
        return;                 /* the handler sent its own reply */
    if ( rc )
    {
        const char *e = errname(rc);

        send_msg(c, XS_ERROR, hdr->req_id, hdr->tx_id, e, strlen(e) + 1,
                 false);
        return;
    }
    send_msg(c, hdr->type, hdr->req_id, hdr->tx_id, s->scratch.data,
             s->scratch.len, false);
}
