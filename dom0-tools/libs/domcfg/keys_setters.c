/*
 * Generic setters of the xl.cfg key table: a key's value, checked for type
 * and range, into the libxl field the table names.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "from_xlcfg.h"

int k_set_str(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    const char *s;
    struct dc_obj *o = x_target(c, k->target);

    if ( x_string(c, k, v, &s) )
        return -1;
    return dc_set_str(o, k->field, s) ? x_nomem(c, v) : 0;
}

int k_set_nonempty(struct xctx *c, const struct xkey *k,
                        const xlcfg_value *v)
{
    const char *s;

    if ( x_string(c, k, v, &s) )
        return -1;
    if ( !*s )
        return x_err(c, v, "%s: must not be empty", k->name);
    return k_set_str(c, k, v);
}

int k_set_int(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    long long n;

    if ( x_int(c, k, v, k->lo, k->hi, &n) )
        return -1;
    dc_set_int(x_target(c, k->target), k->field, n);
    return 0;
}

/* A size in MiB stored in KiB. */
int k_set_mb(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    long long n;

    if ( x_int(c, k, v, k->lo, k->hi, &n) )
        return -1;
    dc_set_int(x_target(c, k->target), k->field, n * 1024);
    return 0;
}

int k_set_defbool(struct xctx *c, const struct xkey *k,
                       const xlcfg_value *v)
{
    int b;

    if ( x_bool(c, k, v, &b) )
        return -1;
    dc_set_int(x_target(c, k->target), k->field, b ? 1 : -1);
    return 0;
}

/* An enum written as libxl spells it, with '-' for '_' also accepted. */
int k_set_enum(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    struct dc_obj *o = x_target(c, k->target);
    const struct dc_field *f = dc_field(o, k->field);
    const char *s;
    char buf[64], *p;
    long long val;
    unsigned int i;

    if ( xlcfg_value_type(v) == XLCFG_NUMBER && k->hi > k->lo )
        return k_set_int(c, k, v);
    if ( x_string(c, k, v, &s) )
        return -1;
    snprintf(buf, sizeof(buf), "%s", s);
    for ( p = buf; *p; p++ )
        if ( *p == '-' )
            *p = '_';
    if ( !dc_enum_lookup(f->en, buf, &val) && strcmp(buf, "unknown") &&
         strcmp(buf, "invalid") )
    {
        dc_set_int(o, k->field, val);
        return 0;
    }
    {
        char list[512] = "";
        size_t off = 0;
        const char *names[32];
        const char *best;
        unsigned int n = 0;

        for ( i = 0; i < f->en->n && n < 31; i++ )
        {
            if ( !strcmp(f->en->vals[i].json, "unknown") ||
                 !strcmp(f->en->vals[i].json, "invalid") )
                continue;
            names[n++] = f->en->vals[i].json;
            off += snprintf(list + off, sizeof(list) - off, "%s\"%s\"",
                            off ? ", " : "", f->en->vals[i].json);
            if ( off >= sizeof(list) )
                break;
        }
        names[n] = NULL;
        best = xlcfg_closest(buf, names);
        return x_err(c, v, "%s: unknown value \"%s\"%s%s%s: expected one of "
                     "%s", k->name, s, best ? " (did you mean \"" : "",
                     best ? best : "", best ? "\"?)" : "", list);
    }
}

/* A string, or a list of strings, into a string list field. */
int k_set_strlist(struct xctx *c, const struct xkey *k,
                       const xlcfg_value *v)
{
    union dc_slot *s = dc_slot(x_target(c, k->target), k->field);
    unsigned int i, n = xlcfg_value_type(v) == XLCFG_LIST ?
                        xlcfg_list_len(v) : 1;

    for ( i = 0; i < n; i++ )
    {
        const xlcfg_value *e = xlcfg_value_type(v) == XLCFG_LIST ?
                               xlcfg_list_elem(v, i) : v;
        const char *str;
        union dc_slot item;

        if ( x_string(c, k, e, &str) )
            return -1;
        item.s = strdup(str);
        if ( !item.s || dc_vec_push(s, item) )
        {
            free(item.s);
            return x_nomem(c, e);
        }
    }
    return 0;
}
