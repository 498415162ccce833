/*
 * perms.c: permission lists.  Entry 0 names the owner and the access of every
 * domain not listed; entries 1.. grant access to one domain each.  Textual form
 * (XS_GET_PERMS/XS_SET_PERMS): a letter n, r, w or b followed by the domid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* Deep copy.  Returns 0 or ENOMEM. */
int perms_dup(struct xs_perms *dst, const struct xs_perms *src)
{
    dst->p = malloc(src->num * sizeof(*dst->p));
    if ( !dst->p )
        return ENOMEM;
    memcpy(dst->p, src->p, src->num * sizeof(*dst->p));
    dst->num = src->num;
    return 0;
}

void perms_free(struct xs_perms *p)
{
    free(p->p);
    p->p = NULL;
    p->num = 0;
}

bool perms_equal(const struct xs_perms *a, const struct xs_perms *b)
{
    return a->num == b->num && !memcmp(a->p, b->p, a->num * sizeof(*a->p));
}

static int parse_one(const char *s, struct xs_perm *p)
{
    char *end;
    unsigned long id;

    switch ( s[0] )
    {
    case 'n': p->perms = PERM_NONE; break;
    case 'r': p->perms = PERM_READ; break;
    case 'w': p->perms = PERM_WRITE; break;
    case 'b': p->perms = PERM_READ | PERM_WRITE; break;
    default:
        return EINVAL;
    }
    if ( s[1] < '0' || s[1] > '9' )
        return EINVAL;
    id = strtoul(s + 1, &end, 10);
    if ( *end || id >= DOMID_FIRST_RESERVED )
        return EINVAL;
    p->id = id;
    return 0;
}

/*
 * Parse count NUL-terminated permission strings from strings[0..len).
 * Returns 0, EINVAL for a malformed entry, or ENOMEM.
 */
int perms_parse(struct xs_perms *out, const char *strings, size_t len,
                unsigned int count)
{
    const char *s = strings;
    unsigned int i;
    int rc;

    out->num = 0;
    out->p = NULL;
    if ( !count )
        return EINVAL;
    out->p = malloc(count * sizeof(*out->p));
    if ( !out->p )
        return ENOMEM;
    for ( i = 0; i < count; i++ )
    {
        size_t l = strnlen(s, strings + len - s);

        if ( s + l >= strings + len )
        {
            rc = EINVAL;
            goto fail;
        }
        rc = parse_one(s, &out->p[i]);
        if ( rc )
            goto fail;
        s += l + 1;
    }
    out->num = count;
    return 0;

 fail:
    perms_free(out);
    return rc;
}

/* Append the textual form, each entry NUL-terminated. */
int perms_format(const struct xs_perms *p, struct xs_buf *out)
{
    static const char letters[] = "nrwb";
    uint32_t i;

    for ( i = 0; i < p->num; i++ )
    {
        char tmp[16];
        int l = snprintf(tmp, sizeof(tmp), "%c%u",
                         letters[p->p[i].perms & 3], p->p[i].id);

        if ( xs_buf_add(out, tmp, l + 1) )
            return ENOMEM;
    }
    return 0;
}

/*
 * The access c has to a node with permissions p (PERM_* bits).  Privileged
 * connections and the owner get everything, as does a domain whose SET_TARGET
 * target owns the node; otherwise the first entry naming the domain or its
 * target applies, else the owner entry's default.
 */
unsigned int perm_for_conn(const struct xs_conn *c, const struct xs_perms *p)
{
    int target = c->domain ? c->domain->target : -1;
    uint32_t i;

    if ( c->privileged || p->p[0].id == c->domid ||
         (target >= 0 && p->p[0].id == (unsigned int)target) )
        return PERM_READ | PERM_WRITE | PERM_OWNER;
    for ( i = 1; i < p->num; i++ )
        if ( p->p[i].id == c->domid ||
             (target >= 0 && p->p[i].id == (unsigned int)target) )
            return p->p[i].perms & (PERM_READ | PERM_WRITE);
    return p->p[0].perms & (PERM_READ | PERM_WRITE);
}
