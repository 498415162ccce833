/*
 * fake.c: see fake.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake.h"

static void to_text(char *dst, size_t cap, const char *src, size_t len)
{
    size_t i, n = len < cap - 1 ? len : cap - 1;

    for ( i = 0; i < n; i++ )
        dst[i] = src[i] ? src[i] : '|';
    dst[n] = '\0';
}

static void fake_send(void *ctx, void *owner, const struct xsd_sockmsg *hdr,
                      const void *body, bool is_event)
{
    struct fake *f = owner;

    (void)ctx;
    if ( is_event )
    {
        size_t l = strlen(f->events);
        char tmp[2 * XENSTORE_PAYLOAD_MAX];

        f->nevents++;
        to_text(tmp, sizeof(tmp), body, hdr->len);
        if ( l + strlen(tmp) + 2 < sizeof(f->events) )
        {
            strcat(f->events, tmp);
            strcat(f->events, ";");
        }
        return;
    }
    f->nreplies++;
    f->reply_type = hdr->type;
    f->reply_req = hdr->req_id;
    f->reply_len = hdr->len;
    if ( hdr->len )
        memcpy(f->raw, body, hdr->len);
    f->raw[hdr->len] = '\0';
    if ( hdr->type == XS_ERROR )
    {
        snprintf(f->reply, sizeof(f->reply), "E:%s", (const char *)body);
        return;
    }
    to_text(f->reply, sizeof(f->reply), body, hdr->len);
}

static int fake_introduce_cb(void *ctx, unsigned int domid, uint64_t mfn,
                             unsigned int port, struct xs_conn **conn)
{
    struct fake_env *e = ctx;
    struct fake *f;

    (void)mfn;
    (void)port;
    if ( e->fail_introduce || e->n == FAKE_MAX )
        return EINVAL;
    f = &e->conns[e->n++];
    memset(f, 0, sizeof(*f));
    f->domid = domid;
    f->c = xs_conn_create(e->s, domid, f);
    if ( !f->c )
        return ENOMEM;
    *conn = f->c;
    return 0;
}

static void fake_release(void *ctx, void *owner)
{
    struct fake *f = owner;

    (void)ctx;
    f->released = true;
    f->c = NULL;
}

void fake_init(struct fake_env *e)
{
    memset(e, 0, sizeof(*e));
    e->ops.send = fake_send;
    e->ops.introduce = fake_introduce_cb;
    e->ops.release = fake_release;
    e->s = xs_store_create(&e->ops, e);
}

void fake_fini(struct fake_env *e)
{
    unsigned int i;

    for ( i = 0; i < e->n; i++ )
        if ( e->conns[i].c )
            xs_conn_destroy(e->conns[i].c);
    xs_store_destroy(e->s);
}

struct fake *fake_conn(struct fake_env *e, unsigned int domid)
{
    struct fake *f;

    if ( e->n == FAKE_MAX )
        return NULL;
    f = &e->conns[e->n++];
    memset(f, 0, sizeof(*f));
    f->domid = domid;
    f->c = xs_conn_create(e->s, domid, f);
    return f;
}

const char *fake_req(struct fake *f, uint32_t type, uint32_t tx,
                     const char *payload, size_t len)
{
    static uint32_t req_id = 100;
    struct xsd_sockmsg h = { type, ++req_id, tx, len };
    char body[XENSTORE_PAYLOAD_MAX + 1];

    f->reply[0] = '\0';
    if ( !f->c )
        return "(released)";
    memcpy(body, payload, len);
    body[len] = '\0';
    xs_conn_request(f->c, &h, body);
    if ( f->reply_req != h.req_id )
        return "(no reply)";
    return f->reply;
}

const char *fake_cmd(struct fake *f, uint32_t type, uint32_t tx,
                     const char *spec)
{
    char buf[XENSTORE_PAYLOAD_MAX + 1];
    size_t i, len = strlen(spec);

    if ( len > XENSTORE_PAYLOAD_MAX )
        len = XENSTORE_PAYLOAD_MAX;
    for ( i = 0; i < len; i++ )
        buf[i] = spec[i] == '|' ? '\0' : spec[i];
    return fake_req(f, type, tx, buf, len);
}

struct fake *fake_introduce(struct fake_env *e, unsigned int domid)
{
    char spec[64];
    unsigned int before = e->n;

    snprintf(spec, sizeof(spec), "%u|%u|%u|", domid, 1000 + domid, 10 + domid);
    if ( strcmp(fake_cmd(&e->conns[0], XS_INTRODUCE, 0, spec), "OK|") )
        return NULL;
    return e->n > before ? &e->conns[e->n - 1] : NULL;
}
