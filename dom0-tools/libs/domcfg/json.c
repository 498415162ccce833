/*
 * The model as JSON, in libxl's domain_config layout: what Xen 4.17's
 * "xl create -n" and "xl list -l" print and what /var/lib/xen keeps.  yajl's
 * beautifier with a four-space indent is what libxl uses, so the text matches
 * byte for byte; parsing accepts exactly the keys the schema knows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "domcfg_priv.h"

#define GEN(call) do { if ( (call) != yajl_gen_status_ok ) return -1; } while ( 0 )

static int gen_obj(yajl_gen g, const struct dc_obj *o);

static int gen_str(yajl_gen g, const char *s)
{
    GEN(yajl_gen_string(g, (const unsigned char *)s, strlen(s)));
    return 0;
}

static int gen_value(yajl_gen g, const struct dc_field *f, enum dc_kind k,
                     const union dc_slot *s)
{
    char num[32];
    unsigned int i;

    switch ( k )
    {
    case DK_STRING: case DK_UUID: case DK_MAC:
        return gen_str(g, s->s);
    case DK_INT:
        GEN(yajl_gen_integer(g, s->i));
        return 0;
    case DK_UINT:
        snprintf(num, sizeof(num), "%llu", (unsigned long long)s->i);
        GEN(yajl_gen_number(g, num, strlen(num)));
        return 0;
    case DK_BOOL:
        GEN(yajl_gen_bool(g, s->i != 0));
        return 0;
    case DK_DEFBOOL:
        return gen_str(g, s->i > 0 ? "True" : "False");
    case DK_ENUM:
    {
        const char *name = dc_enum_json(f->en, s->i);

        return name ? gen_str(g, name) : -1;
    }
    case DK_BITMAP:
        GEN(yajl_gen_array_open(g));
        for ( i = 0; i < s->v->n; i++ )
            GEN(yajl_gen_integer(g, s->v->e[i].i));
        GEN(yajl_gen_array_close(g));
        return 0;
    case DK_STRLIST:
        GEN(yajl_gen_array_open(g));
        for ( i = 0; i < s->v->n; i++ )
            if ( gen_str(g, s->v->e[i].s) )
                return -1;
        GEN(yajl_gen_array_close(g));
        return 0;
    case DK_KVLIST:
        GEN(yajl_gen_map_open(g));
        for ( i = 0; i + 1 < s->v->n; i += 2 )
            if ( gen_str(g, s->v->e[i].s) || gen_str(g, s->v->e[i + 1].s) )
                return -1;
        GEN(yajl_gen_map_close(g));
        return 0;
    case DK_STRUCT:
        return gen_obj(g, s->o);
    case DK_ARRAY:
        GEN(yajl_gen_array_open(g));
        for ( i = 0; i < s->v->n; i++ )
            if ( gen_value(g, f, f->elem, &s->v->e[i]) )
                return -1;
        GEN(yajl_gen_array_close(g));
        return 0;
    case DK_UNION:
        break;
    }
    return -1;
}

/* A keyed union prints as "KEY.BRANCH": {...}, and only for a branch with
 * fields, as libxl does. */
static int gen_union(yajl_gen g, const struct dc_obj *o,
                     const struct dc_field *f, const union dc_slot *s)
{
    long long key = dc_get_int(o, f->un->key);
    unsigned int i;
    char name[64];

    for ( i = 0; i < f->un->n; i++ )
    {
        if ( f->un->br[i].keyval != key || !f->un->br[i].st || !s->o )
            continue;
        snprintf(name, sizeof(name), "%s.%s", f->un->key, f->un->br[i].name);
        if ( gen_str(g, name) )
            return -1;
        return gen_obj(g, s->o);
    }
    return 0;
}

static int gen_obj(yajl_gen g, const struct dc_obj *o)
{
    unsigned int i;

    GEN(yajl_gen_map_open(g));
    for ( i = 0; i < o->st->n; i++ )
    {
        const struct dc_field *f = &o->st->f[i];
        const union dc_slot *s = &o->slot[i];

        if ( f->flags & DF_HIDDEN )
            continue;
        if ( f->kind == DK_UNION )
        {
            if ( gen_union(g, o, f, s) )
                return -1;
            continue;
        }
        if ( dc_slot_is_default(f, f->kind, s) )
            continue;
        if ( gen_str(g, f->name) || gen_value(g, f, f->kind, s) )
            return -1;
    }
    GEN(yajl_gen_map_close(g));
    return 0;
}

int domcfg_to_json(const domcfg *d, char **out)
{
    yajl_gen g = yajl_gen_alloc(NULL);
    const unsigned char *buf;
    size_t len;
    int rc = -1;

    *out = NULL;
    if ( !g )
        return -1;
    yajl_gen_config(g, yajl_gen_beautify, 1);
    yajl_gen_config(g, yajl_gen_indent_string, "    ");
    yajl_gen_config(g, yajl_gen_validate_utf8, 1);
    if ( gen_obj(g, d->root) )
        goto out;
    if ( yajl_gen_get_buf(g, &buf, &len) != yajl_gen_status_ok )
        goto out;
    *out = strndup((const char *)buf, len);
    rc = *out ? 0 : -1;

 out:
    yajl_gen_free(g);
    return rc;
}

/* ---- parsing ---- */

struct jctx {
    const char *source;
    char *err;
};

static int jerr(struct jctx *c, const char *path, const char *what)
{
    if ( !c->err )
        c->err = dc_strdup_printf("%s: %s: %s", c->source,
                                  *path ? path : "top level", what);
    return -1;
}

static int parse_obj(struct jctx *c, yajl_val node, struct dc_obj *o,
                     const char *path);

static int parse_string(struct jctx *c, yajl_val v, const char *path,
                        char **out)
{
    if ( !YAJL_IS_STRING(v) )
        return jerr(c, path, "expected a string");
    *out = strdup(v->u.string);
    return *out ? 0 : jerr(c, path, "out of memory");
}

static int parse_value(struct jctx *c, yajl_val v, const struct dc_field *f,
                       enum dc_kind k, union dc_slot *s, const char *path)
{
    unsigned int i;
    char *str = NULL;
    char tmp[37];

    switch ( k )
    {
    case DK_STRING:
        free(s->s);
        s->s = NULL;
        return parse_string(c, v, path, &s->s);
    case DK_UUID: case DK_MAC:
        if ( parse_string(c, v, path, &str) )
            return -1;
        if ( (k == DK_UUID ? dc_uuid_parse(str, tmp) : dc_mac_parse(str, tmp)) )
        {
            free(str);
            return jerr(c, path, k == DK_UUID ? "malformed UUID"
                                              : "malformed MAC address");
        }
        free(str);
        free(s->s);
        s->s = strdup(tmp);
        return s->s ? 0 : jerr(c, path, "out of memory");
    case DK_INT: case DK_UINT:
        if ( !YAJL_IS_INTEGER(v) )
            return jerr(c, path, "expected an integer");
        s->i = YAJL_GET_INTEGER(v);
        if ( k == DK_UINT && s->i < 0 )
            return jerr(c, path, "expected a non-negative integer");
        return 0;
    case DK_BOOL:
        if ( !YAJL_IS_TRUE(v) && !YAJL_IS_FALSE(v) )
            return jerr(c, path, "expected true or false");
        s->i = YAJL_IS_TRUE(v);
        return 0;
    case DK_DEFBOOL:
        if ( YAJL_IS_STRING(v) && !strcmp(v->u.string, "True") )
            s->i = 1;
        else if ( YAJL_IS_STRING(v) && !strcmp(v->u.string, "False") )
            s->i = -1;
        else if ( YAJL_IS_STRING(v) &&
                  !strcmp(v->u.string, "<default>") )
            s->i = 0;
        else
            return jerr(c, path, "expected \"True\" or \"False\"");
        return 0;
    case DK_ENUM:
        if ( !YAJL_IS_STRING(v) ||
             dc_enum_lookup(f->en, v->u.string, &s->i) )
        {
            char *m = dc_strdup_printf("expected a %s, one of:", f->en->name);

            for ( i = 0; m && i < f->en->n; i++ )
            {
                char *n2 = dc_strdup_printf("%s%s \"%s\"", m, i ? "," : "",
                                            f->en->vals[i].json);
                free(m);
                m = n2;
            }
            jerr(c, path, m ? m : "bad value");
            free(m);
            return -1;
        }
        return 0;
    case DK_BITMAP:
        if ( !YAJL_IS_ARRAY(v) )
            return jerr(c, path, "expected an array of CPU/bit numbers");
        for ( i = 0; i < v->u.array.len; i++ )
        {
            yajl_val e = v->u.array.values[i];

            if ( !YAJL_IS_INTEGER(e) || YAJL_GET_INTEGER(e) < 0 ||
                 YAJL_GET_INTEGER(e) > 65535 )
                return jerr(c, path, "expected bit numbers 0-65535");
            if ( dc_bitmap_set(s, YAJL_GET_INTEGER(e)) )
                return jerr(c, path, "out of memory");
        }
        return 0;
    case DK_STRLIST:
        if ( !YAJL_IS_ARRAY(v) )
            return jerr(c, path, "expected an array of strings");
        for ( i = 0; i < v->u.array.len; i++ )
        {
            union dc_slot item;

            if ( parse_string(c, v->u.array.values[i], path, &item.s) )
                return -1;
            if ( dc_vec_push(s, item) )
            {
                free(item.s);
                return jerr(c, path, "out of memory");
            }
        }
        return 0;
    case DK_KVLIST:
        if ( !YAJL_IS_OBJECT(v) )
            return jerr(c, path, "expected an object of strings");
        for ( i = 0; i < v->u.object.len; i++ )
        {
            union dc_slot key, val;

            key.s = strdup(v->u.object.keys[i]);
            if ( !key.s || dc_vec_push(s, key) )
            {
                free(key.s);
                return jerr(c, path, "out of memory");
            }
            if ( parse_string(c, v->u.object.values[i], path, &val.s) )
                return -1;
            if ( dc_vec_push(s, val) )
            {
                free(val.s);
                return jerr(c, path, "out of memory");
            }
        }
        return 0;
    case DK_STRUCT:
        return parse_obj(c, v, s->o, path);
    case DK_ARRAY:
        if ( !YAJL_IS_ARRAY(v) )
            return jerr(c, path, "expected an array");
        for ( i = 0; i < v->u.array.len; i++ )
        {
            union dc_slot item;
            char *p = dc_strdup_printf("%s[%u]", path, i);
            int rc;

            memset(&item, 0, sizeof(item));
            if ( f->elem == DK_STRUCT )
                item.o = dc_obj_new(f->st);
            else if ( f->elem == DK_BITMAP )
                item.v = calloc(1, sizeof(*item.v));
            if ( !p || (f->elem == DK_STRUCT && !item.o) ||
                 (f->elem == DK_BITMAP && !item.v) || dc_vec_push(s, item) )
            {
                free(p);
                dc_slot_dispose(f, f->elem, &item);
                return jerr(c, path, "out of memory");
            }
            rc = parse_value(c, v->u.array.values[i], f, f->elem,
                             &s->v->e[s->v->n - 1], p);
            free(p);
            if ( rc )
                return -1;
        }
        return 0;
    case DK_UNION:
        break;
    }
    return jerr(c, path, "internal error: bad schema");
}

/* KEY of the form "UNIONKEY.BRANCH": select and parse that branch. */
static int parse_union_key(struct jctx *c, yajl_val v, struct dc_obj *o,
                           const char *key, const char *path)
{
    const char *dot = strchr(key, '.');
    unsigned int i, j;

    for ( i = 0; i < o->st->n; i++ )
    {
        const struct dc_field *f = &o->st->f[i];

        if ( f->kind != DK_UNION || strlen(f->un->key) != (size_t)(dot - key) ||
             strncmp(f->un->key, key, dot - key) )
            continue;
        for ( j = 0; j < f->un->n; j++ )
        {
            if ( strcmp(f->un->br[j].name, dot + 1) || !f->un->br[j].st )
                continue;
            if ( dc_union_select(o, f->name, f->un->br[j].keyval) )
                return jerr(c, path, "out of memory");
            return parse_obj(c, v, o->slot[i].o, path);
        }
    }
    return -1;
}

static int parse_obj(struct jctx *c, yajl_val node, struct dc_obj *o,
                     const char *path)
{
    unsigned int i;

    if ( !YAJL_IS_OBJECT(node) )
        return jerr(c, path, "expected an object");
    for ( i = 0; i < node->u.object.len; i++ )
    {
        const char *key = node->u.object.keys[i];
        yajl_val v = node->u.object.values[i];
        char *p = dc_strdup_printf("%s%s%s", path, *path ? "." : "", key);
        int idx = dc_field_index(o->st, key), rc;

        if ( !p )
            return jerr(c, path, "out of memory");
        if ( strchr(key, '.') )
        {
            rc = parse_union_key(c, v, o, key, p);
            if ( rc && !c->err )
                jerr(c, p, "unknown key");
        }
        else if ( idx < 0 || (o->st->f[idx].flags & DF_HIDDEN) ||
                  o->st->f[idx].kind == DK_UNION )
            rc = jerr(c, p, "unknown key");
        else
        {
            union dc_slot *s = &o->slot[idx];
            const struct dc_field *f = &o->st->f[idx];

            /* A repeated key replaces the earlier value. */
            dc_slot_dispose(f, f->kind, s);
            if ( f->kind == DK_STRUCT )
                s->o = dc_obj_new(f->st);
            else if ( f->kind == DK_BITMAP || f->kind == DK_STRLIST ||
                      f->kind == DK_KVLIST || f->kind == DK_ARRAY )
                s->v = calloc(1, sizeof(*s->v));
            if ( (f->kind == DK_STRUCT && !s->o) ||
                 ((f->kind == DK_BITMAP || f->kind == DK_STRLIST ||
                   f->kind == DK_KVLIST || f->kind == DK_ARRAY) && !s->v) )
                rc = jerr(c, p, "out of memory");
            else
                rc = parse_value(c, v, f, f->kind, s, p);
        }
        free(p);
        if ( rc )
            return -1;
    }
    return 0;
}

int domcfg_from_json(domcfg *d, const char *source, const char *text,
                     size_t len, char **err)
{
    struct jctx c = { source ? source : "<json>", NULL };
    char ebuf[256] = "";
    char *copy = strndup(text, len);
    yajl_val tree = NULL;
    struct dc_obj *root = NULL;
    int rc = -1;

    *err = NULL;
    if ( !copy || strlen(copy) != len )
    {
        *err = copy ? dc_strdup_printf("%s: NUL byte in JSON text", c.source)
                    : strdup("out of memory");
        goto out;
    }
    tree = yajl_tree_parse(copy, ebuf, sizeof(ebuf));
    if ( !tree )
    {
        char *nl;

        /* yajl's message spans lines with a caret; keep its first line. */
        if ( (nl = strchr(ebuf, '\n')) )
            *nl = '\0';
        *err = dc_strdup_printf("%s: malformed JSON: %s", c.source,
                                ebuf[0] ? ebuf : "parse error");
        goto out;
    }
    root = dc_obj_new(&dc_domain_config);
    if ( !root )
    {
        *err = strdup("out of memory");
        goto out;
    }
    if ( parse_obj(&c, tree, root, "") )
    {
        *err = c.err ? c.err : strdup("out of memory");
        goto out;
    }
    dc_obj_free(d->root);
    d->root = root;
    root = NULL;
    rc = 0;

 out:
    dc_obj_free(root);
    yajl_tree_free(tree);
    free(copy);
    return rc;
}
