/*
 * dom_ctx.c: the context (libxc and xenstore handles), errors, UUIDs and
 * the xenstore helpers the other files use.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom_private.h"

int dom_fail(char **err, int rc, const char *fmt, ...)
{
    va_list ap;

    if ( !err || *err )
        return rc;
    va_start(ap, fmt);
    if ( vasprintf(err, fmt, ap) < 0 )
        *err = NULL;
    va_end(ap);
    return rc;
}

/* See xldom.h. */
int xldom_open(xldom_ctx **ctxp, char **err)
{
    xldom_ctx *ctx = calloc(1, sizeof(*ctx));
    char *why = NULL;
    int rc;

    *ctxp = NULL;
    if ( !ctx )
        return dom_fail(err, -ENOMEM, "out of memory");
    rc = xc_interface_open(&ctx->xch, &why);
    if ( rc )
    {
        dom_fail(err, rc, "%s", why ? why : "cannot open the hypervisor");
        free(why);
        free(ctx);
        return rc;
    }
    ctx->xsh = xs_open(0);
    if ( !ctx->xsh )
    {
        rc = -errno;
        dom_fail(err, rc, "cannot connect to xenstored: %s (is it running?)",
                 strerror(errno));
        xc_interface_close(ctx->xch);
        free(ctx);
        return rc;
    }
    *ctxp = ctx;
    return 0;
}

void xldom_close(xldom_ctx *ctx)
{
    if ( !ctx )
        return;
    xs_close(ctx->xsh);
    xc_interface_close(ctx->xch);
    free(ctx);
}

xc_interface *xldom_xc(xldom_ctx *ctx)
{
    return ctx->xch;
}

struct xs_handle *xldom_xs(xldom_ctx *ctx)
{
    return ctx->xsh;
}

/* See xldom.h. */
const char *xldom_lib_dir(void)
{
    const char *d = getenv("XEN_LIB_DIR");

    return d && *d ? d : "/var/lib/xen";
}

void xldom_uuid_str(const uint8_t u[16], char out[37])
{
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3], u[4], u[5],
             u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14],
             u[15]);
}

int xldom_uuid_parse(const char *s, uint8_t u[16])
{
    unsigned int i, n = 0;
    int hi = -1;

    for ( i = 0; s[i]; i++ )
    {
        int v;

        if ( s[i] == '-' && (i == 8 || i == 13 || i == 18 || i == 23) )
            continue;
        if ( s[i] >= '0' && s[i] <= '9' )
            v = s[i] - '0';
        else if ( s[i] >= 'a' && s[i] <= 'f' )
            v = s[i] - 'a' + 10;
        else if ( s[i] >= 'A' && s[i] <= 'F' )
            v = s[i] - 'A' + 10;
        else
            return -EINVAL;
        if ( hi < 0 )
            hi = v;
        else
        {
            if ( n == 16 )
                return -EINVAL;
            u[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return n == 16 && hi < 0 && i == 36 ? 0 : -EINVAL;
}

int dom_xs_write(struct xs_handle *xsh, xs_transaction_t t, const char *path,
                 const char *val)
{
    return xs_write(xsh, t, path, val, strlen(val)) ? 0 : -errno;
}

int dom_xs_printf(struct xs_handle *xsh, xs_transaction_t t, const char *path,
                  const char *fmt, ...)
{
    va_list ap;
    char *s;
    int rc;

    va_start(ap, fmt);
    rc = vasprintf(&s, fmt, ap);
    va_end(ap);
    if ( rc < 0 )
        return -ENOMEM;
    rc = dom_xs_write(xsh, t, path, s);
    free(s);
    return rc;
}

int dom_xs_mknod(struct xs_handle *xsh, xs_transaction_t t, const char *path,
                 struct xs_permissions *perms, unsigned int n)
{
    if ( !xs_mkdir(xsh, t, path) ||
         !xs_set_permissions(xsh, t, path, perms, n) )
        return -errno;
    return 0;
}

int dom_xs_write_perms(struct xs_handle *xsh, xs_transaction_t t,
                       const char *path, const char *val,
                       struct xs_permissions *perms, unsigned int n)
{
    if ( !xs_write(xsh, t, path, val, strlen(val)) ||
         !xs_set_permissions(xsh, t, path, perms, n) )
        return -errno;
    return 0;
}

char *dom_xs_read(struct xs_handle *xsh, const char *path)
{
    return xs_read(xsh, XBT_NULL, path, NULL);
}

/* See xldom.h. */
char *xldom_xs_read(xldom_ctx *ctx, const char *path)
{
    return dom_xs_read(ctx->xsh, path);
}
