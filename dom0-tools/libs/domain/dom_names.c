/*
 * dom_names.c: domains by name or number, and the list of them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom_private.h"

/* See xldom.h. */
char *xldom_name(xldom_ctx *ctx, uint32_t domid)
{
    char path[64];

    snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
    return dom_xs_read(ctx->xsh, path);
}

/* See xldom.h. */
int xldom_list(xldom_ctx *ctx, xc_dominfo_t **info, unsigned int *n,
               char **err)
{
    unsigned int room = 64, got = 0;
    xc_dominfo_t *list = NULL, *bigger;
    int rc;

    *info = NULL;
    *n = 0;
    /* Ask for a batch at a time until fewer come back. */
    for ( ;; )
    {
        bigger = realloc(list, room * sizeof(*list));
        if ( !bigger )
        {
            free(list);
            return dom_fail(err, -ENOMEM, "out of memory");
        }
        list = bigger;
        rc = xc_domain_getinfolist(ctx->xch,
                                   got ? list[got - 1].domid + 1 : 0,
                                   room - got, list + got);
        if ( rc < 0 )
        {
            free(list);
            return dom_fail(err, rc, "listing domains: %s",
                            xc_error(ctx->xch));
        }
        got += rc;
        if ( got < room || got >= XC_DOMID_FIRST_RESERVED ||
             list[got - 1].domid + 1 >= XC_DOMID_FIRST_RESERVED )
            break;
        room *= 2;
    }
    *info = list;
    *n = got;
    return 0;
}

/* See xldom.h: digits name a domain id, anything else a name. */
int xldom_find(xldom_ctx *ctx, const char *spec, uint32_t *domid, char **err)
{
    xc_dominfo_t *list;
    unsigned int n, i;
    char *end, *name;
    unsigned long v;
    int rc;

    if ( *spec >= '0' && *spec <= '9' )
    {
        v = strtoul(spec, &end, 10);
        if ( !*end )
        {
            if ( v >= XC_DOMID_FIRST_RESERVED )
                return dom_fail(err, -EINVAL, "%s is an invalid domain "
                                "identifier", spec);
            *domid = (uint32_t)v;
            return 0;
        }
    }
    if ( (rc = xldom_list(ctx, &list, &n, err)) )
        return rc;
    rc = -ENOENT;
    for ( i = 0; i < n && rc; i++ )
    {
        name = xldom_name(ctx, list[i].domid);
        if ( name && !strcmp(name, spec) )
        {
            *domid = list[i].domid;
            rc = 0;
        }
        free(name);
    }
    free(list);
    if ( rc )
        return dom_fail(err, rc, "%s is an invalid domain identifier (no "
                        "domain of that name)", spec);
    return 0;
}
