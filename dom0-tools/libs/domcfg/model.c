/*
 * Objects of the domain model: creation with every field at its default,
 * disposal, default checks and by-name access to fields.
 */
#include <stdlib.h>
#include <string.h>

#include "domcfg_priv.h"

/* Fill slot S of kind K (of field F) with its default value. */
static int slot_init(const struct dc_field *f, enum dc_kind k,
                     union dc_slot *s)
{
    memset(s, 0, sizeof(*s));
    switch ( k )
    {
    case DK_INT: case DK_UINT: case DK_ENUM:
        s->i = f->def;
        return 0;
    case DK_STRUCT:
        s->o = dc_obj_new(f->st);
        return s->o ? 0 : -1;
    case DK_BITMAP: case DK_STRLIST: case DK_KVLIST: case DK_ARRAY:
        s->v = calloc(1, sizeof(*s->v));
        return s->v ? 0 : -1;
    default:
        return 0;
    }
}

struct dc_obj *dc_obj_new(const struct dc_struct *st)
{
    struct dc_obj *o = calloc(1, sizeof(*o) + st->n * sizeof(union dc_slot));
    unsigned int i;

    if ( !o )
        return NULL;
    o->st = st;
    for ( i = 0; i < st->n; i++ )
        if ( slot_init(&st->f[i], st->f[i].kind, &o->slot[i]) )
        {
            dc_obj_free(o);
            return NULL;
        }
    return o;
}

void dc_slot_dispose(const struct dc_field *f, enum dc_kind k,
                     union dc_slot *s)
{
    unsigned int i;

    switch ( k )
    {
    case DK_STRING: case DK_UUID: case DK_MAC:
        free(s->s);
        break;
    case DK_STRUCT: case DK_UNION:
        dc_obj_free(s->o);
        break;
    case DK_STRLIST: case DK_KVLIST:
        if ( s->v )
            for ( i = 0; i < s->v->n; i++ )
                free(s->v->e[i].s);
        /* fall through */
    case DK_BITMAP:
        if ( s->v )
            free(s->v->e);
        free(s->v);
        break;
    case DK_ARRAY:
        if ( s->v )
        {
            for ( i = 0; i < s->v->n; i++ )
                dc_slot_dispose(f, f->elem, &s->v->e[i]);
            free(s->v->e);
        }
        free(s->v);
        break;
    default:
        break;
    }
    memset(s, 0, sizeof(*s));
}

void dc_obj_free(struct dc_obj *o)
{
    unsigned int i;

    if ( !o )
        return;
    for ( i = 0; i < o->st->n; i++ )
        dc_slot_dispose(&o->st->f[i], o->st->f[i].kind, &o->slot[i]);
    free(o);
}

int dc_field_index(const struct dc_struct *st, const char *name)
{
    unsigned int i;

    for ( i = 0; i < st->n; i++ )
        if ( !strcmp(st->f[i].name, name) )
            return (int)i;
    return -1;
}

/* Fields are named by the code, so an unknown name is a programming error. */
union dc_slot *dc_slot(struct dc_obj *o, const char *name)
{
    int i = dc_field_index(o->st, name);

    if ( i < 0 )
        abort();
    return &o->slot[i];
}

const struct dc_field *dc_field(const struct dc_obj *o, const char *name)
{
    int i = dc_field_index(o->st, name);

    if ( i < 0 )
        abort();
    return &o->st->f[i];
}

bool dc_slot_is_default(const struct dc_field *f, enum dc_kind k,
                        const union dc_slot *s)
{
    switch ( k )
    {
    case DK_STRING: case DK_UUID: case DK_MAC:
        return !s->s;
    case DK_INT: case DK_UINT: case DK_ENUM:
        return s->i == f->def;
    case DK_BOOL: case DK_DEFBOOL:
        return !s->i;
    case DK_BITMAP: case DK_STRLIST: case DK_KVLIST: case DK_ARRAY:
        return !s->v || !s->v->n;
    case DK_STRUCT: case DK_UNION:
        return false;   /* aggregates are always printed */
    }
    return true;
}

int dc_vec_push(union dc_slot *vecslot, union dc_slot item)
{
    struct dc_vec *v = vecslot->v;

    if ( v->n == v->cap )
    {
        unsigned int cap = v->cap ? v->cap * 2 : 4;
        union dc_slot *e = realloc(v->e, cap * sizeof(*e));

        if ( !e )
            return -1;
        v->e = e;
        v->cap = cap;
    }
    v->e[v->n++] = item;
    return 0;
}

const char *dc_enum_json(const struct dc_enum *en, long long val)
{
    unsigned int i;

    for ( i = 0; i < en->n; i++ )
        if ( en->vals[i].val == val )
            return en->vals[i].json;
    return NULL;
}

int dc_enum_lookup(const struct dc_enum *en, const char *json, long long *val)
{
    unsigned int i;

    for ( i = 0; i < en->n; i++ )
        if ( !strcasecmp(en->vals[i].json, json) )
        {
            *val = en->vals[i].val;
            return 0;
        }
    return -1;
}

int dc_union_select(struct dc_obj *o, const char *unfield, long long keyval)
{
    const struct dc_field *f = dc_field(o, unfield);
    union dc_slot *s = dc_slot(o, unfield);
    unsigned int i;

    dc_set_int(o, f->un->key, keyval);
    dc_obj_free(s->o);
    s->o = NULL;
    for ( i = 0; i < f->un->n; i++ )
        if ( f->un->br[i].keyval == keyval && f->un->br[i].st )
        {
            s->o = dc_obj_new(f->un->br[i].st);
            return s->o ? 0 : -1;
        }
    return 0;
}

struct dc_obj *dc_union_obj(struct dc_obj *o, const char *unfield)
{
    return dc_slot(o, unfield)->o;
}

int dc_set_str(struct dc_obj *o, const char *name, const char *val)
{
    union dc_slot *s = dc_slot(o, name);
    char *c = NULL;

    if ( val && !(c = strdup(val)) )
        return -1;
    free(s->s);
    s->s = c;
    return 0;
}

void dc_set_int(struct dc_obj *o, const char *name, long long val)
{
    dc_slot(o, name)->i = val;
}

long long dc_get_int(const struct dc_obj *o, const char *name)
{
    return dc_slot((struct dc_obj *)o, name)->i;
}

const char *dc_get_str(const struct dc_obj *o, const char *name)
{
    return dc_slot((struct dc_obj *)o, name)->s;
}

struct dc_obj *dc_get_obj(const struct dc_obj *o, const char *name)
{
    return dc_slot((struct dc_obj *)o, name)->o;
}

struct dc_vec *dc_get_vec(const struct dc_obj *o, const char *name)
{
    return dc_slot((struct dc_obj *)o, name)->v;
}

struct dc_obj *dc_array_add(struct dc_obj *o, const char *name)
{
    const struct dc_field *f = dc_field(o, name);
    union dc_slot item;

    item.o = dc_obj_new(f->st);
    if ( !item.o )
        return NULL;
    if ( dc_vec_push(dc_slot(o, name), item) )
    {
        dc_obj_free(item.o);
        return NULL;
    }
    return item.o;
}
