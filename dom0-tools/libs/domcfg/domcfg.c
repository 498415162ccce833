/*
 * The public handle and path-based field access.
 */
#include <stdlib.h>
#include <string.h>

#include "domcfg_priv.h"

domcfg *domcfg_alloc(void)
{
    domcfg *d = calloc(1, sizeof(*d));

    if ( !d )
        return NULL;
    d->root = dc_obj_new(&dc_domain_config);
    if ( !d->root )
    {
        free(d);
        return NULL;
    }
    return d;
}

void domcfg_free(domcfg *d)
{
    if ( !d )
        return;
    dc_obj_free(d->root);
    free(d);
}

/*
 * Walk PATH from the root: names separated by '.', an array element as
 * NAME[N], a union branch as KEY.BRANCH (e.g. "b_info.type.pv").  On success
 * *F / *K / *S describe the final slot.
 */
static int resolve(const domcfg *d, const char *path,
                   const struct dc_field **fout, enum dc_kind *kout,
                   union dc_slot **sout)
{
    struct dc_obj *o = d->root;
    char buf[256], *tok, *save = NULL;

    if ( strlen(path) >= sizeof(buf) )
        return -1;
    strcpy(buf, path);
    for ( tok = strtok_r(buf, ".", &save); tok;
          tok = strtok_r(NULL, ".", &save) )
    {
        char *br = strchr(tok, '[');
        long idx = -1;
        int i;
        const struct dc_field *f;
        union dc_slot *s;
        enum dc_kind k;

        if ( !o )
            return -1;
        if ( br )
        {
            char *end;

            *br = '\0';
            idx = strtol(br + 1, &end, 10);
            if ( end == br + 1 || *end != ']' || end[1] || idx < 0 )
                return -1;
        }
        /* "type.pv": a union's key followed by a branch name. */
        {
            unsigned int u, b;
            struct dc_obj *next = NULL;
            int is_union = 0;

            for ( u = 0; u < o->st->n && !is_union; u++ )
            {
                const struct dc_field *uf = &o->st->f[u];

                if ( uf->kind != DK_UNION || strcmp(uf->un->key, tok) || br )
                    continue;
                is_union = 1;
                tok = strtok_r(NULL, ".", &save);
                if ( !tok )
                    return -1;
                for ( b = 0; b < uf->un->n; b++ )
                    if ( !strcmp(uf->un->br[b].name, tok) &&
                         uf->un->br[b].keyval == dc_get_int(o, uf->un->key) )
                        next = o->slot[u].o;
            }
            if ( is_union )
            {
                if ( !next )
                    return -1;
                o = next;
                continue;
            }
        }
        i = dc_field_index(o->st, tok);
        if ( i < 0 || (o->st->f[i].flags & DF_HIDDEN) )
            return -1;
        f = &o->st->f[i];
        s = &o->slot[i];
        k = f->kind;
        if ( idx >= 0 )
        {
            if ( k != DK_ARRAY && k != DK_STRLIST && k != DK_BITMAP )
                return -1;
            if ( (unsigned long)idx >= s->v->n )
                return -1;
            s = &s->v->e[idx];
            k = k == DK_ARRAY ? f->elem : (k == DK_STRLIST ? DK_STRING : DK_INT);
        }
        if ( k == DK_STRUCT || k == DK_UNION )
        {
            o = s->o;
            *fout = f;
            *kout = k;
            *sout = s;
            continue;
        }
        /* A scalar must be the last element of the path. */
        if ( strtok_r(NULL, ".", &save) )
            return -1;
        *fout = f;
        *kout = k;
        *sout = s;
        return 0;
    }
    return -1;
}

int domcfg_get_int(const domcfg *d, const char *path, long long *out)
{
    const struct dc_field *f;
    enum dc_kind k;
    union dc_slot *s;

    if ( resolve(d, path, &f, &k, &s) )
        return -1;
    switch ( k )
    {
    case DK_INT: case DK_UINT: case DK_BOOL: case DK_DEFBOOL: case DK_ENUM:
        *out = s->i;
        return 0;
    default:
        return -1;
    }
}

const char *domcfg_get_string(const domcfg *d, const char *path)
{
    const struct dc_field *f;
    enum dc_kind k;
    union dc_slot *s;

    if ( resolve(d, path, &f, &k, &s) )
        return NULL;
    if ( k == DK_ENUM )
        return dc_enum_json(f->en, s->i);
    if ( k == DK_STRING || k == DK_UUID || k == DK_MAC )
        return s->s;
    return NULL;
}

int domcfg_get_count(const domcfg *d, const char *path)
{
    const struct dc_field *f;
    enum dc_kind k;
    union dc_slot *s;
    char buf[256];
    size_t len = strlen(path);

    /* resolve() stops at scalars; arrays are scalars for this purpose. */
    if ( len >= sizeof(buf) )
        return -1;
    strcpy(buf, path);
    if ( resolve(d, buf, &f, &k, &s) )
        return -1;
    if ( k == DK_ARRAY || k == DK_STRLIST || k == DK_BITMAP )
        return (int)s->v->n;
    if ( k == DK_KVLIST )
        return (int)s->v->n / 2;
    return -1;
}

/* See domcfg.h. */
int domcfg_set_int(domcfg *d, const char *path, long long val)
{
    const struct dc_field *f;
    enum dc_kind k;
    union dc_slot *s;

    if ( resolve(d, path, &f, &k, &s) )
        return -1;
    switch ( k )
    {
    case DK_INT: case DK_BOOL: case DK_DEFBOOL:
        s->i = val;
        return 0;
    case DK_UINT:
        if ( val < 0 )
            return -1;
        s->i = val;
        return 0;
    case DK_ENUM:
        if ( !dc_enum_json(f->en, val) )
            return -1;
        s->i = val;
        return 0;
    default:
        return -1;
    }
}

/* See domcfg.h. */
int domcfg_set_string(domcfg *d, const char *path, const char *val)
{
    const struct dc_field *f;
    enum dc_kind k;
    union dc_slot *s;
    char uuid[37], *c = NULL;

    if ( resolve(d, path, &f, &k, &s) )
        return -1;
    if ( k == DK_UUID )
    {
        if ( val && dc_uuid_parse(val, uuid) )
            return -1;
        val = val ? uuid : NULL;
    }
    else if ( k != DK_STRING )
        return -1;
    if ( val && !(c = strdup(val)) )
        return -1;
    free(s->s);
    s->s = c;
    return 0;
}
