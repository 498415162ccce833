/*
 * Parsing of dom0_mem= values (see dom0_build.c).  Pure: unit-tested on the host.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <asm/dom0_build.h>

static int parse_one_size(const char *s, const char *end, struct dom0_size *sz)
{
    const char *e;
    u64 v;

    if ( s >= end )
        return -EINVAL;
    if ( *s == '-' )
    {
        sz->kind = DOM0_SIZE_NEG;
        s++;
    }
    else
        sz->kind = DOM0_SIZE_ABS;
    if ( end > s && end[-1] == '%' )
    {
        if ( sz->kind == DOM0_SIZE_NEG )
            return -EINVAL;
        v = simple_strtoull(s, &e, 10);
        if ( e != end - 1 || e == s || v == 0 || v > 100 )
            return -EINVAL;
        sz->kind = DOM0_SIZE_PCT;
        sz->value = v;
        return 0;
    }
    v = parse_size_and_unit(s, &e);
    if ( e != end || e == s )
        return -EINVAL;
    sz->value = v;
    return 0;
}

int parse_dom0_mem_str(const char *s, struct dom0_mem_opt *out)
{
    struct dom0_mem_opt o = { { DOM0_SIZE_NONE, 0 }, { DOM0_SIZE_NONE, 0 },
                              { DOM0_SIZE_NONE, 0 } };

    if ( !*s )
        return -EINVAL;
    while ( *s )
    {
        const char *end = strchr(s, ',');
        int rc;

        if ( !end )
            end = s + strlen(s);
        if ( !strncmp(s, "min:", 4) )
            rc = parse_one_size(s + 4, end, &o.min);
        else if ( !strncmp(s, "max:", 4) )
            rc = parse_one_size(s + 4, end, &o.max);
        else
            rc = parse_one_size(s, end, &o.amt);
        if ( rc )
            return rc;
        s = *end ? end + 1 : end;
    }
    *out = o;
    return 0;
}

u64 dom0_size_resolve(const struct dom0_size *sz, u64 avail)
{
    switch ( sz->kind )
    {
    case DOM0_SIZE_ABS: return sz->value;
    case DOM0_SIZE_NEG: return sz->value >= avail ? 0 : avail - sz->value;
    case DOM0_SIZE_PCT: return avail / 100 * sz->value;
    default:            return 0;
    }
}

