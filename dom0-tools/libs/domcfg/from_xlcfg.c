/*
 * xl.cfg -> domain model, as xl's parse_config_data does it, plus what xl
 * lacks: every value is type- and range-checked, and a key the table does not
 * know is an error with the closest known key suggested.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "from_xlcfg.h"

int x_err(struct xctx *c, const xlcfg_value *v, const char *fmt, ...)
{
    va_list ap;
    char *msg = NULL;

    if ( c->err )
        return -1;
    va_start(ap, fmt);
    if ( vasprintf(&msg, fmt, ap) < 0 )
        msg = NULL;
    va_end(ap);
    c->err = v ? xlcfg_value_error(v, "%s", msg ? msg : "out of memory")
               : (msg ? strdup(msg) : NULL);
    free(msg);
    return -1;
}

void x_warn(struct xctx *c, const xlcfg_value *v, const char *fmt, ...)
{
    va_list ap;
    char *msg = NULL, *full;

    if ( !c->warn )
        return;
    va_start(ap, fmt);
    if ( vasprintf(&msg, fmt, ap) < 0 )
        msg = NULL;
    va_end(ap);
    if ( !msg )
        return;
    full = v ? xlcfg_value_error(v, "warning: %s", msg) : NULL;
    c->warn(c->opaque, full ? full : msg);
    free(full);
    free(msg);
}

int x_nomem(struct xctx *c, const xlcfg_value *v)
{
    return x_err(c, v, "out of memory");
}

int x_string(struct xctx *c, const struct xkey *k, const xlcfg_value *v,
             const char **out)
{
    if ( xlcfg_value_type(v) != XLCFG_STRING )
        return x_err(c, v, "%s: expected a string (in quotes), not %s",
                     k->name, xlcfg_type_name(xlcfg_value_type(v)));
    *out = xlcfg_value_string(v);
    return 0;
}

/* Numbers may also be written as strings ("512"), as Xen's xl allows. */
int x_int(struct xctx *c, const struct xkey *k, const xlcfg_value *v,
          long long lo, long long hi, long long *out)
{
    long long n;

    if ( xlcfg_value_type(v) == XLCFG_NUMBER )
        n = xlcfg_value_number(v);
    else if ( xlcfg_value_type(v) == XLCFG_STRING )
    {
        const char *s = xlcfg_value_string(v);
        char *end;

        n = strtoll(s, &end, 0);
        if ( !*s || *end )
            return x_err(c, v, "%s: expected a number, not \"%s\"", k->name, s);
    }
    else
        return x_err(c, v, "%s: expected a number, not %s", k->name,
                     xlcfg_type_name(xlcfg_value_type(v)));
    if ( n < lo || n > hi )
        return x_err(c, v, "%s: %lld is out of range: it must be between "
                     "%lld and %lld", k->name, n, lo, hi);
    *out = n;
    return 0;
}

int x_bool(struct xctx *c, const struct xkey *k, const xlcfg_value *v,
           int *out)
{
    long long n;

    if ( xlcfg_value_type(v) == XLCFG_BOOL )
    {
        *out = xlcfg_value_number(v) != 0;
        return 0;
    }
    if ( xlcfg_value_type(v) == XLCFG_LIST )
        return x_err(c, v, "%s: expected a boolean (0 or 1), not a list",
                     k->name);
    if ( xlcfg_value_type(v) == XLCFG_STRING &&
         strcmp(xlcfg_value_string(v), "0") &&
         strcmp(xlcfg_value_string(v), "1") )
        return x_err(c, v, "%s: expected a boolean (0 or 1), not \"%s\"",
                     k->name, xlcfg_value_string(v));
    if ( xlcfg_value_type(v) == XLCFG_NUMBER && xlcfg_value_number(v) != 0 &&
         xlcfg_value_number(v) != 1 )
        return x_err(c, v, "%s: expected a boolean (0 or 1), not %lld",
                     k->name, xlcfg_value_number(v));
    if ( x_int(c, k, v, 0, 1, &n) )
        return -1;
    *out = (int)n;
    return 0;
}

int x_list(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    if ( xlcfg_value_type(v) != XLCFG_LIST )
        return x_err(c, v, "%s: expected a list, e.g. %s = [ '...' ], not %s",
                     k->name, k->name, xlcfg_type_name(xlcfg_value_type(v)));
    return 0;
}

struct dc_obj *x_target(struct xctx *c, enum dc_target t)
{
    struct dc_obj *u = dc_union_obj(c->b_info, "u");

    switch ( t )
    {
    case T_ROOT: return c->root;
    case T_CINFO: return c->c_info;
    case T_BINFO: return c->b_info;
    case T_SCHED: return dc_get_obj(c->b_info, "sched_params");
    case T_X86: return dc_get_obj(c->b_info, "arch_x86");
    case T_HVM: return c->type == 1 ? u : NULL;
    case T_PV: return c->type == 2 ? u : NULL;
    case T_PVH: return c->type == 3 ? u : NULL;
    case T_HVM_VNC: return c->type == 1 ? dc_get_obj(u, "vnc") : NULL;
    case T_HVM_SDL: return c->type == 1 ? dc_get_obj(u, "sdl") : NULL;
    case T_HVM_SPICE: return c->type == 1 ? dc_get_obj(u, "spice") : NULL;
    }
    return NULL;
}

static const char *guest_name(long long type)
{
    return type == 1 ? "hvm" : type == 3 ? "pvh" : "pv";
}

static const char *guests_text(unsigned int g)
{
    switch ( g )
    {
    case G_HVM: return "HVM guests";
    case G_PV: return "PV guests";
    case G_PVH: return "PVH guests";
    case G_PV | G_PVH: return "PV and PVH guests";
    case G_HVM | G_PVH: return "HVM and PVH guests";
    default: return "some guests";
    }
}

static const struct xkey *find_key(const char *name)
{
    unsigned int i;

    for ( i = 0; i < dc_xl_nkeys; i++ )
        if ( !strcmp(dc_xl_keys[i].name, name) )
            return &dc_xl_keys[i];
    return NULL;
}

/* A random (version 4) UUID, as xl generates one when none is given. */
static int random_uuid(char out[37])
{
    unsigned char b[16];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, b, sizeof(b)) : -1;

    if ( fd >= 0 )
        close(fd);
    if ( n != (ssize_t)sizeof(b) )
        return -1;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
             b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return 0;
}

/* The guest type comes first: it decides which keys apply. */
static int guest_type(struct xctx *c)
{
    const xlcfg_value *t = xlcfg_get(c->cfg, "type");
    const xlcfg_value *b = xlcfg_get(c->cfg, "builder");
    const char *s;
    struct xkey tk = { "type", NULL, T_CINFO, NULL, 0, 0, G_ALL, 0 };

    c->type = 2;
    if ( t )
    {
        if ( x_string(c, &tk, t, &s) )
            return -1;
        if ( !strcmp(s, "pv") )
            c->type = 2;
        else if ( !strcmp(s, "pvh") )
            c->type = 3;
        else if ( !strcmp(s, "hvm") )
            c->type = 1;
        else
            return x_err(c, t, "type: unknown guest type \"%s\": expected "
                         "\"pv\", \"pvh\" or \"hvm\"", s);
        if ( b )
            x_warn(c, b, "builder is deprecated and ignored when type is "
                   "set");
    }
    else if ( b )
    {
        tk.name = "builder";
        if ( x_string(c, &tk, b, &s) )
            return -1;
        if ( !strcmp(s, "hvm") )
            c->type = 1;
        else if ( !strcmp(s, "generic") )
            c->type = 2;
        else
            return x_err(c, b, "builder: unknown builder \"%s\": expected "
                         "\"generic\" or \"hvm\" (better: use type=)", s);
        x_warn(c, b, "builder is deprecated; use type = \"%s\"",
               guest_name(c->type));
    }
    dc_set_int(c->c_info, "type", c->type);
    return dc_union_select(c->b_info, "u", c->type) ? x_nomem(c, NULL) : 0;
}

static int apply_key(struct xctx *c, unsigned int idx)
{
    const char *name = xlcfg_key(c->cfg, idx);
    const xlcfg_value *v = xlcfg_value_at(c->cfg, idx);
    const struct xkey *k = find_key(name);

    if ( !k )
    {
        const char *names[512];
        const char *best;
        unsigned int i;

        for ( i = 0; i < dc_xl_nkeys && i < 511; i++ )
            names[i] = dc_xl_keys[i].name;
        names[i] = NULL;
        best = xlcfg_closest(name, names);
        c->err = best ? xlcfg_key_error(c->cfg, idx, "unknown key '%s' (did "
                                        "you mean '%s'?)", name, best)
                      : xlcfg_key_error(c->cfg, idx, "unknown key '%s'", name);
        return -1;
    }
    if ( !k->fn )
        return 0;   /* handled elsewhere (type, builder) */
    if ( !(k->guests & (c->type == 1 ? G_HVM : c->type == 3 ? G_PVH : G_PV)) )
    {
        x_warn(c, v, "%s is only used by %s; ignored for this %s guest",
               name, guests_text(k->guests), guest_name(c->type));
        return 0;
    }
    return k->fn(c, k, v);
}

/* Checks that need the whole config. */
static int final_checks(struct xctx *c)
{
    const char *kernel = dc_get_str(c->b_info, "kernel");
    const char *bl = dc_get_str(c->b_info, "bootloader");
    const char *src = xlcfg_count(c->cfg) ?
                      xlcfg_value_source(xlcfg_value_at(c->cfg, 0)) : "config";

    if ( !dc_get_str(c->c_info, "name") )
        return x_err(c, NULL, "%s: no name: every domain needs name = "
                     "\"...\"", src);
    if ( c->type == 2 && !kernel && !bl )
        return x_err(c, NULL, "%s: a pv guest needs kernel = \"...\" or "
                     "bootloader = \"...\"", src);
    if ( c->type == 3 && !kernel )
        return x_err(c, NULL, "%s: a pvh guest needs kernel = \"...\" (or "
                     "firmware = \"...\")", src);
    return 0;
}

int domcfg_from_xlcfg(domcfg *d, const xlcfg *cfg, domcfg_warn_fn *warn,
                      void *opaque, char **err)
{
    struct xctx c;
    struct dc_obj *root = dc_obj_new(&dc_domain_config);
    unsigned int i, pass;
    char uuid[37];
    int rc = -1;

    memset(&c, 0, sizeof(c));
    c.cfg = cfg;
    c.warn = warn;
    c.opaque = opaque;
    c.pci_rdm_policy = -1;
    *err = NULL;
    if ( !root )
        goto nomem;
    c.root = root;
    c.c_info = dc_get_obj(root, "c_info");
    c.b_info = dc_get_obj(root, "b_info");

    /* What xl sets whatever the config says (xl.conf defaults included). */
    dc_set_int(c.c_info, "run_hotplug_scripts", 1);
    dc_set_int(c.b_info, "claim_mode", 1);
    dc_set_int(root, "on_reboot", 2);           /* restart */
    dc_set_int(root, "on_soft_reset", 7);       /* soft_reset */
    if ( guest_type(&c) )
        goto out;

    for ( pass = 0; pass < 2; pass++ )
        for ( i = 0; i < xlcfg_count(cfg); i++ )
        {
            const struct xkey *k = find_key(xlcfg_key(cfg, i));

            if ( k && k->late != (int)pass )
                continue;
            if ( !k && pass )
                continue;
            if ( apply_key(&c, i) )
                goto out;
        }

    if ( !dc_get_str(c.c_info, "uuid") )
    {
        if ( random_uuid(uuid) || dc_set_str(c.c_info, "uuid", uuid) )
        {
            x_err(&c, NULL, "cannot generate a UUID from /dev/urandom");
            goto out;
        }
    }
    if ( final_checks(&c) )
        goto out;
    dc_obj_free(d->root);
    d->root = root;
    root = NULL;
    rc = 0;
    goto out;

 nomem:
    c.err = strdup("out of memory");
 out:
    if ( rc )
        *err = c.err ? c.err : strdup("out of memory");
    dc_obj_free(root);
    return rc;
}
