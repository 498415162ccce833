/*
 * Command-line parsing: "name", "no-name", "name=value"; options separated by
 * spaces.  Pure logic, unit-tested on the host (tests/unit/test-params.c).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/param.h>

int parse_bool(const char *s, const char *end)
{
    static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
    static const char *const no[] = { "0", "no", "off", "false", "disable" };
    size_t len = end ? (size_t)(end - s) : strlen(s);
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(yes); i++ )
        if ( strlen(yes[i]) == len && !strncmp(s, yes[i], len) )
            return 1;
    for ( i = 0; i < ARRAY_SIZE(no); i++ )
        if ( strlen(no[i]) == len && !strncmp(s, no[i], len) )
            return 0;
    return -1;
}

static int assign_uint(const struct kernel_param *p, unsigned long long v)
{
    switch ( p->len )
    {
    case 1: if ( v > 0xff ) return -ERANGE; *(u8 *)p->par.var = v; break;
    case 2: if ( v > 0xffff ) return -ERANGE; *(u16 *)p->par.var = v; break;
    case 4: if ( v > 0xffffffffULL ) return -ERANGE; *(u32 *)p->par.var = v; break;
    case 8: *(u64 *)p->par.var = v; break;
    default: return -EINVAL;
    }
    return 0;
}

/* Apply one option: 'name' is NUL-terminated, 'val' may be NULL (no '='). */
static int apply_param(const struct kernel_param *p, const char *val, bool negated)
{
    const char *end;
    unsigned long long v;
    int b;

    switch ( p->type )
    {
    case OPT_BOOL:
        if ( !val )
            b = 1;
        else if ( (b = parse_bool(val, NULL)) < 0 )
            return -EINVAL;
        if ( negated )
            b = !b;
        return assign_uint(p, b);

    case OPT_UINT:
        if ( !val || negated || !*val )
            return -EINVAL;
        v = simple_strtoull(val, &end, 0);
        if ( *end )
            return -EINVAL;
        return assign_uint(p, v);

    case OPT_SIZE:
        if ( !val || negated || !*val )
            return -EINVAL;
        v = parse_size_and_unit(val, &end);
        if ( end == val || *end )
            return -EINVAL;
        return assign_uint(p, v);

    case OPT_STR:
        if ( !val || negated )
            return -EINVAL;
        if ( strlen(val) >= p->len )
            return -E2BIG;
        strlcpy(p->par.var, val, p->len);
        return 0;

    case OPT_CUSTOM:
        /* As in Xen, "no-name" reaches a custom handler as the value "no". */
        if ( negated )
            return val ? -EINVAL : p->par.func("no");
        return p->par.func(val ? val : "");
    }
    return -EINVAL;
}

int parse_params(char *cmdline, const struct kernel_param *start,
                 const struct kernel_param *end)
{
    char *p = cmdline;
    int errors = 0;

    while ( *p )
    {
        char *opt, *val;
        const struct kernel_param *param;
        bool negated = false, found = false;
        int rc = 0;

        while ( *p == ' ' )
            p++;
        if ( !*p )
            break;
        opt = p;
        while ( *p && *p != ' ' )
            p++;
        if ( *p )
            *p++ = '\0';

        val = strchr(opt, '=');
        if ( val )
            *val++ = '\0';

        for ( param = start; param < end; param++ )
        {
            const char *name = opt;

            if ( strcmp(param->name, name) )
            {
                /* "no-name" negates a boolean (or a custom option). */
                if ( strncmp(name, "no-", 3) || strcmp(param->name, name + 3) ||
                     (param->type != OPT_BOOL && param->type != OPT_CUSTOM) )
                    continue;
                negated = true;
            }
            found = true;
            rc = apply_param(param, val, negated);
            break;
        }

        if ( !found )
        {
            printk(XENLOG_WARNING "parameter \"%s\" unknown!\n", opt);
            errors++;
        }
        else if ( rc )
        {
            printk(XENLOG_ERR "parameter \"%s\" has invalid value \"%s\", rc=%d!\n",
                   opt, val ? val : "", rc);
            errors++;
        }
        if ( val )
            val[-1] = '=';
    }
    return errors;
}

unsigned long long simple_strtoull(const char *cp, const char **endp, unsigned int base)
{
    unsigned long long v = 0;

    if ( !base )
    {
        base = 10;
        if ( cp[0] == '0' )
        {
            base = 8;
            if ( (cp[1] == 'x' || cp[1] == 'X') &&
                 ((cp[2] >= '0' && cp[2] <= '9') || ((cp[2] | 0x20) >= 'a' && (cp[2] | 0x20) <= 'f')) )
            {
                base = 16;
                cp += 2;
            }
        }
    }
    else if ( base == 16 && cp[0] == '0' && (cp[1] == 'x' || cp[1] == 'X') )
        cp += 2;

    for ( ; ; cp++ )
    {
        unsigned int d;

        if ( *cp >= '0' && *cp <= '9' )
            d = *cp - '0';
        else if ( (*cp | 0x20) >= 'a' && (*cp | 0x20) <= 'z' )
            d = (*cp | 0x20) - 'a' + 10;
        else
            break;
        if ( d >= base )
            break;
        v = v * base + d;
    }
    if ( endp )
        *endp = cp;
    return v;
}

unsigned long simple_strtoul(const char *cp, const char **endp, unsigned int base)
{
    return simple_strtoull(cp, endp, base);
}

long simple_strtol(const char *cp, const char **endp, unsigned int base)
{
    if ( *cp == '-' )
        return -(long)simple_strtoull(cp + 1, endp, base);
    return simple_strtoull(cp, endp, base);
}

unsigned long long parse_size_and_unit(const char *s, const char **endp)
{
    const char *e;
    unsigned long long v = simple_strtoull(s, &e, 0);
    unsigned int shift = 10;

    if ( e == s )
    {
        *endp = s;
        return 0;
    }
    switch ( *e )
    {
    case 'T': case 't': shift = 40; e++; break;
    case 'G': case 'g': shift = 30; e++; break;
    case 'M': case 'm': shift = 20; e++; break;
    case 'K': case 'k': shift = 10; e++; break;
    case 'B': case 'b': shift = 0; e++; break;
    }
    if ( shift && v > (~0ULL >> shift) )
    {
        *endp = s;          /* overflow */
        return 0;
    }
    *endp = e;
    return v << shift;
}
