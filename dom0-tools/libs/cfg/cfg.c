/*
 * The config object: parse entry points, merging of parsed statements into
 * the settings (with "=" replacing and "+=" appending), value accessors and
 * error formatting.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cfg_private.h"
#include "cfg_parse.h"

typedef void *yyscan_t;
int cfg_yylex_init_extra(struct cfg_parse *extra, yyscan_t *scanner);
int cfg_yylex_destroy(yyscan_t scanner);
int cfg_yyparse(struct cfg_parse *p, void *scanner);

static char *vformat(const char *fmt, va_list ap)
{
    char *s = NULL;

    if ( vasprintf(&s, fmt, ap) < 0 )
        return NULL;
    return s;
}

/* Record the first error of a parse as "SOURCE:LINE:COL: message". */
void cfg_set_error(struct cfg_parse *p, unsigned int line, unsigned int col,
                   const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if ( p->err )
        return;
    va_start(ap, fmt);
    msg = vformat(fmt, ap);
    va_end(ap);
    if ( asprintf(&p->err, "%s:%u:%u: %s", p->source, line, col,
                  msg ? msg : "out of memory") < 0 )
        p->err = NULL;
    free(msg);
}

struct xlcfg_value *cfg_value_new(struct cfg_parse *p, enum xlcfg_type t,
                                  const cfg_loc *loc)
{
    struct xlcfg_value *v = calloc(1, sizeof(*v));

    if ( !v )
    {
        cfg_set_error(p, loc->first_line, loc->first_column, "out of memory");
        return NULL;
    }
    v->type = t;
    v->source = p->source;
    v->line = loc->first_line;
    v->col = loc->first_column;
    return v;
}

int cfg_list_append(struct cfg_parse *p, struct xlcfg_value *list,
                    struct xlcfg_value *elem)
{
    if ( list->n == list->cap )
    {
        unsigned int cap = list->cap ? list->cap * 2 : 4;
        struct xlcfg_value **e = realloc(list->elems, cap * sizeof(*e));

        if ( !e )
        {
            cfg_set_error(p, elem->line, elem->col, "out of memory");
            cfg_value_free(elem);
            return -1;
        }
        list->elems = e;
        list->cap = cap;
    }
    list->elems[list->n++] = elem;
    return 0;
}

void cfg_value_free(struct xlcfg_value *v)
{
    unsigned int i;

    if ( !v )
        return;
    for ( i = 0; i < v->n; i++ )
        cfg_value_free(v->elems[i]);
    free(v->elems);
    free(v->str);
    free(v);
}

int cfg_stmt_add(struct cfg_parse *p, char *key, int append,
                 const cfg_loc *loc, struct xlcfg_value *v)
{
    struct cfg_stmt *s;

    if ( p->nstmts == p->capstmts )
    {
        unsigned int cap = p->capstmts ? p->capstmts * 2 : 16;

        s = realloc(p->stmts, cap * sizeof(*s));
        if ( !s )
        {
            cfg_set_error(p, loc->first_line, loc->first_column,
                          "out of memory");
            free(key);
            cfg_value_free(v);
            return -1;
        }
        p->stmts = s;
        p->capstmts = cap;
    }
    s = &p->stmts[p->nstmts++];
    s->key = key;
    s->append = append;
    s->line = loc->first_line;
    s->col = loc->first_column;
    s->value = v;
    return 0;
}

xlcfg *xlcfg_alloc(void)
{
    return calloc(1, sizeof(xlcfg));
}

void xlcfg_free(xlcfg *cfg)
{
    unsigned int i;

    if ( !cfg )
        return;
    for ( i = 0; i < cfg->n; i++ )
    {
        free(cfg->set[i].key);
        cfg_value_free(cfg->set[i].value);
    }
    for ( i = 0; i < cfg->nsources; i++ )
        free(cfg->sources[i]);
    free(cfg->sources);
    free(cfg->set);
    free(cfg);
}

static struct xlcfg_setting *find(const xlcfg *cfg, const char *key)
{
    unsigned int i;

    for ( i = 0; i < cfg->n; i++ )
        if ( !strcmp(cfg->set[i].key, key) )
            return &cfg->set[i];
    return NULL;
}

/*
 * Check that statement S can be merged given the settings so far (and the
 * statements before it in this parse, already reflected in SHADOW types).
 * "+=" needs the same kind of value on both sides: lists or strings.
 */
static int check_append(struct cfg_parse *p, const struct cfg_stmt *s,
                        const struct xlcfg_value *old)
{
    if ( !s->append || !old )
        return 0;
    if ( old->type != s->value->type ||
         (old->type != XLCFG_LIST && old->type != XLCFG_STRING) )
    {
        cfg_set_error(p, s->line, s->col,
                      "cannot append %s to '%s', which is %s: '+=' needs "
                      "two lists or two strings",
                      xlcfg_type_name(s->value->type), s->key,
                      xlcfg_type_name(old->type));
        return -1;
    }
    return 0;
}

/* Append NEW's contents to OLD (same type, list or string); NEW is consumed. */
static int do_append(struct xlcfg_value *old, struct xlcfg_value *nv)
{
    if ( old->type == XLCFG_STRING )
    {
        size_t a = strlen(old->str), b = strlen(nv->str);
        char *s = realloc(old->str, a + b + 1);

        if ( !s )
            return -1;
        memcpy(s + a, nv->str, b + 1);
        old->str = s;
        cfg_value_free(nv);
        return 0;
    }
    if ( !nv->n )
    {
        cfg_value_free(nv);     /* appending [] changes nothing */
        return 0;
    }
    if ( old->n + nv->n > old->cap )
    {
        unsigned int cap = old->n + nv->n;
        struct xlcfg_value **e = realloc(old->elems, cap * sizeof(*e));

        if ( !e )
            return -1;
        old->elems = e;
        old->cap = cap;
    }
    memcpy(old->elems + old->n, nv->elems, nv->n * sizeof(*nv->elems));
    old->n += nv->n;
    nv->n = 0;
    cfg_value_free(nv);
    return 0;
}

/*
 * Merge the statements of a successful parse.  Everything that can fail is
 * checked (and memory reserved) first, so the config changes all or not at
 * all.
 */
static int merge(xlcfg *cfg, struct cfg_parse *p, char *source)
{
    unsigned int i, j, extra = 0;
    char **srcs;

    for ( i = 0; i < p->nstmts; i++ )
    {
        const struct xlcfg_value *old = NULL;
        struct xlcfg_setting *set = find(cfg, p->stmts[i].key);

        if ( set )
            old = set->value;
        /* An earlier statement of this parse shadows the config. */
        for ( j = 0; j < i; j++ )
            if ( !strcmp(p->stmts[j].key, p->stmts[i].key) )
                old = p->stmts[j].append && old ? old : p->stmts[j].value;
        if ( !set && !old )
            extra++;
        if ( check_append(p, &p->stmts[i], old) )
            return -1;
    }
    if ( cfg->n + extra > cfg->cap )
    {
        unsigned int cap = cfg->n + extra + 8;
        struct xlcfg_setting *s = realloc(cfg->set, cap * sizeof(*s));

        if ( !s )
            goto nomem;
        cfg->set = s;
        cfg->cap = cap;
    }
    srcs = realloc(cfg->sources, (cfg->nsources + 1) * sizeof(*srcs));
    if ( !srcs )
        goto nomem;
    cfg->sources = srcs;
    cfg->sources[cfg->nsources++] = source;

    for ( i = 0; i < p->nstmts; i++ )
    {
        struct cfg_stmt *s = &p->stmts[i];
        struct xlcfg_setting *set = find(cfg, s->key);

        if ( !set )
        {
            set = &cfg->set[cfg->n++];
            set->key = s->key;
            set->value = s->value;
        }
        else if ( s->append )
        {
            free(s->key);
            if ( do_append(set->value, s->value) )
            {
                /* Only realloc growth can fail here; keep what we have. */
                cfg_value_free(s->value);
            }
        }
        else
        {
            free(s->key);
            cfg_value_free(set->value);
            set->value = s->value;
        }
        set->source = source;
        set->line = s->line;
        set->col = s->col;
        s->key = NULL;
        s->value = NULL;
    }
    p->nstmts = 0;
    return 0;

 nomem:
    cfg_set_error(p, 1, 1, "out of memory");
    return -1;
}

int xlcfg_parse(xlcfg *cfg, const char *source, const char *text, size_t len,
                char **err)
{
    struct cfg_parse p;
    char *src = strdup(source ? source : "<config>");
    int rc = -1;
    unsigned int i;

    memset(&p, 0, sizeof(p));
    p.source = src;
    p.text = text;
    p.len = len;
    p.scanner = NULL;
    *err = NULL;
    if ( !src )
    {
        *err = strdup("out of memory");
        return -1;
    }
    if ( len > XLCFG_MAX_TEXT )
    {
        cfg_set_error(&p, 1, 1, "config is %zu bytes, more than the %u "
                      "allowed", len, XLCFG_MAX_TEXT);
        goto out;
    }
    if ( cfg_yylex_init_extra(&p, &p.scanner) )
    {
        cfg_set_error(&p, 1, 1, "out of memory");
        goto out;
    }
    if ( cfg_yyparse(&p, p.scanner) || p.err )
    {
        if ( !p.err )
            cfg_set_error(&p, 1, 1, "syntax error");
        goto out;
    }
    if ( merge(cfg, &p, src) )
        goto out;
    src = NULL;     /* now owned by cfg */
    rc = 0;

 out:
    if ( p.scanner )
        cfg_yylex_destroy(p.scanner);
    for ( i = 0; i < p.nstmts; i++ )
    {
        free(p.stmts[i].key);
        cfg_value_free(p.stmts[i].value);
    }
    free(p.stmts);
    if ( rc )
    {
        *err = p.err ? p.err : strdup("out of memory");
        /* Values that referred to SRC were all freed above. */
        free(src);
    }
    return rc;
}

int xlcfg_parse_file(xlcfg *cfg, const char *path, char **err)
{
    FILE *f = NULL;
    char *buf = NULL;
    size_t len = 0;
    struct stat st;
    int rc = -1;

    *err = NULL;
    f = fopen(path, "r");
    if ( !f )
    {
        if ( asprintf(err, "%s: cannot open: %s", path, strerror(errno)) < 0 )
            *err = NULL;
        goto out;
    }
    if ( fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode) )
    {
        if ( asprintf(err, "%s: is a directory, not a config file",
                      path) < 0 )
            *err = NULL;
        goto out;
    }
    buf = malloc(XLCFG_MAX_TEXT + 1);
    if ( !buf )
        goto out;
    len = fread(buf, 1, XLCFG_MAX_TEXT + 1, f);
    if ( ferror(f) )
    {
        if ( asprintf(err, "%s: read error: %s", path, strerror(errno)) < 0 )
            *err = NULL;
        goto out;
    }
    if ( len > XLCFG_MAX_TEXT )
    {
        if ( asprintf(err, "%s: config file larger than %u bytes", path,
                      XLCFG_MAX_TEXT) < 0 )
            *err = NULL;
        goto out;
    }
    rc = xlcfg_parse(cfg, path, buf, len, err);

 out:
    if ( rc && !*err )
        *err = strdup("out of memory");
    free(buf);
    if ( f )
        fclose(f);
    return rc;
}

unsigned int xlcfg_count(const xlcfg *cfg)
{
    return cfg->n;
}

const char *xlcfg_key(const xlcfg *cfg, unsigned int i)
{
    return i < cfg->n ? cfg->set[i].key : NULL;
}

const xlcfg_value *xlcfg_value_at(const xlcfg *cfg, unsigned int i)
{
    return i < cfg->n ? cfg->set[i].value : NULL;
}

const xlcfg_value *xlcfg_get(const xlcfg *cfg, const char *key)
{
    struct xlcfg_setting *s = find(cfg, key);

    return s ? s->value : NULL;
}

enum xlcfg_type xlcfg_value_type(const xlcfg_value *v)
{
    return v->type;
}

const char *xlcfg_type_name(enum xlcfg_type t)
{
    switch ( t )
    {
    case XLCFG_STRING: return "a string";
    case XLCFG_NUMBER: return "a number";
    case XLCFG_BOOL: return "a boolean";
    case XLCFG_LIST: return "a list";
    }
    return "a value";
}

const char *xlcfg_value_string(const xlcfg_value *v)
{
    return v->str;
}

long long xlcfg_value_number(const xlcfg_value *v)
{
    return v->num;
}

unsigned int xlcfg_list_len(const xlcfg_value *v)
{
    return v->type == XLCFG_LIST ? v->n : 0;
}

const xlcfg_value *xlcfg_list_elem(const xlcfg_value *v, unsigned int i)
{
    return v->type == XLCFG_LIST && i < v->n ? v->elems[i] : NULL;
}

const char *xlcfg_value_source(const xlcfg_value *v)
{
    return v->source;
}

unsigned int xlcfg_value_line(const xlcfg_value *v)
{
    return v->line;
}

unsigned int xlcfg_value_column(const xlcfg_value *v)
{
    return v->col;
}

char *xlcfg_value_error(const xlcfg_value *v, const char *fmt, ...)
{
    va_list ap;
    char *msg, *out = NULL;

    va_start(ap, fmt);
    msg = vformat(fmt, ap);
    va_end(ap);
    if ( !msg )
        return NULL;
    if ( asprintf(&out, "%s:%u:%u: %s", v->source, v->line, v->col, msg) < 0 )
        out = NULL;
    free(msg);
    return out;
}

char *xlcfg_key_error(const xlcfg *cfg, unsigned int i, const char *fmt, ...)
{
    va_list ap;
    char *msg, *out = NULL;

    if ( i >= cfg->n )
        return NULL;
    va_start(ap, fmt);
    msg = vformat(fmt, ap);
    va_end(ap);
    if ( !msg )
        return NULL;
    if ( asprintf(&out, "%s:%u:%u: %s", cfg->set[i].source, cfg->set[i].line,
                  cfg->set[i].col, msg) < 0 )
        out = NULL;
    free(msg);
    return out;
}
