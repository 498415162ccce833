/*
 * Splitting of the device mini-languages' "item,item,..." strings, where an
 * item is KEY=VALUE or a bare (positional or flag) word, with whitespace
 * before each item ignored.  One key, given as REST_KEY, takes the whole
 * rest of the string, commas included (the disk syntax's "target=").
 */
#include <stdlib.h>
#include <string.h>

#include "domcfg_priv.h"

void dc_free_spec(struct dc_kv *kv, unsigned int n)
{
    unsigned int i;

    for ( i = 0; kv && i < n; i++ )
    {
        free(kv[i].key);
        free(kv[i].val);
    }
    free(kv);
}

static int push(struct dc_kv **kv, unsigned int *n, const char *item,
                size_t len)
{
    struct dc_kv *k = realloc(*kv, (*n + 1) * sizeof(**kv));
    const char *eq;

    if ( !k )
        return -1;
    *kv = k;
    k = &(*kv)[*n];
    eq = memchr(item, '=', len);
    if ( eq )
    {
        k->key = strndup(item, eq - item);
        k->val = strndup(eq + 1, len - (eq + 1 - item));
    }
    else
    {
        k->key = NULL;
        k->val = strndup(item, len);
    }
    if ( (eq && !k->key) || !k->val )
    {
        free(k->key);
        free(k->val);
        return -1;
    }
    (*n)++;
    return 0;
}

int dc_split_spec_rest(const char *spec, const char *rest_key,
                       struct dc_kv **out, unsigned int *n, char **why)
{
    const char *p = spec;

    *out = NULL;
    *n = 0;
    for ( ;; )
    {
        const char *end;

        while ( *p == ' ' || *p == '\t' )
            p++;
        if ( rest_key && !strncmp(p, rest_key, strlen(rest_key)) &&
             p[strlen(rest_key)] == '=' )
            end = p + strlen(p);
        else
            end = p + strcspn(p, ",");
        if ( push(out, n, p, end - p) )
        {
            dc_free_spec(*out, *n);
            *out = NULL;
            *n = 0;
            *why = strdup("out of memory");
            return -1;
        }
        if ( !*end )
            break;
        p = end + 1;
    }
    return 0;
}

int dc_split_spec(const char *spec, struct dc_kv **out, unsigned int *n,
                  char **why)
{
    return dc_split_spec_rest(spec, NULL, out, n, why);
}

/* "1"/"0", "yes"/"no", "true"/"false", "on"/"off". */
int dc_parse_bool_word(const char *s, int *out)
{
    static const char *const t[] = { "1", "yes", "true", "on", NULL };
    static const char *const f[] = { "0", "no", "false", "off", NULL };
    unsigned int i;

    for ( i = 0; t[i]; i++ )
        if ( !strcasecmp(s, t[i]) )
        {
            *out = 1;
            return 0;
        }
    for ( i = 0; f[i]; i++ )
        if ( !strcasecmp(s, f[i]) )
        {
            *out = 0;
            return 0;
        }
    return -1;
}
