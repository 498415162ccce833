/*
 * dom_destroy.c: the end of a domain: destroying it with everything it
 * left, asking it to shut down, and waiting for either.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dom_private.h"

/* See dom_private.h: the backends of its devices (console included), its
 * domain directory, /libxl/DOMID and the /vm node. */
void dom_xs_cleanup(struct xs_handle *xsh, uint32_t domid, const char *vm)
{
    char path[96], **kinds;
    unsigned int n = 0, i;

    kinds = xs_directory(xsh, XBT_NULL, "/local/domain/0/backend", &n);
    for ( i = 0; kinds && i < n; i++ )
    {
        snprintf(path, sizeof(path), "/local/domain/0/backend/%s/%u",
                 kinds[i], domid);
        xs_rm(xsh, XBT_NULL, path);
    }
    free(kinds);
    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    xs_rm(xsh, XBT_NULL, path);
    snprintf(path, sizeof(path), "/libxl/%u", domid);
    xs_rm(xsh, XBT_NULL, path);
    if ( vm && !strncmp(vm, "/vm/", 4) )
        xs_rm(xsh, XBT_NULL, vm);
}

/* See xldom.h. */
int xldom_destroy(xldom_ctx *ctx, uint32_t domid, char **err)
{
    xc_dominfo_t info;
    char path[64], *vm;
    int rc, exists;

    if ( domid == 0 )
        return dom_fail(err, -EPERM, "domain 0 cannot be destroyed");
    rc = xc_domain_getinfo(ctx->xch, domid, &info);
    exists = rc == 0;
    if ( rc && rc != -ESRCH )
        return dom_fail(err, rc, "domain %u: %s", domid, xc_error(ctx->xch));
    snprintf(path, sizeof(path), "/local/domain/%u/vm", domid);
    vm = dom_xs_read(ctx->xsh, path);
    if ( !exists && !vm )
        return dom_fail(err, -ESRCH, "domain %u does not exist", domid);
    if ( exists )
        xc_domain_pause(ctx->xch, domid);
    dom_xs_cleanup(ctx->xsh, domid, vm);
    free(vm);
    dom_userdata_remove(domid);
    if ( exists && (rc = xc_domain_destroy(ctx->xch, domid)) && rc != -ESRCH )
        return dom_fail(err, rc, "destroying domain %u: %s", domid,
                        xc_error(ctx->xch));
    return 0;
}

/* See xldom.h: the guest's xenbus watches control/shutdown. */
int xldom_shutdown(xldom_ctx *ctx, uint32_t domid, int how, char **err)
{
    xc_dominfo_t info;
    char path[64];
    int rc;

    if ( (rc = xc_domain_getinfo(ctx->xch, domid, &info)) )
        return dom_fail(err, rc, "domain %u: %s", domid,
                        rc == -ESRCH ? "no such domain" : xc_error(ctx->xch));
    if ( info.dying )
        return dom_fail(err, -ESRCH, "domain %u is being destroyed", domid);
    snprintf(path, sizeof(path), "/local/domain/%u/control/shutdown", domid);
    if ( (rc = dom_xs_write(ctx->xsh, XBT_NULL, path,
                            how == XLDOM_REBOOT ? "reboot" : "poweroff")) )
        return dom_fail(err, rc, "writing %s: %s", path, strerror(-rc));
    return 0;
}

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* See xldom.h. */
int xldom_wait(xldom_ctx *ctx, uint32_t domid, int timeout_ms,
               enum xldom_event *ev, xc_dominfo_t *info, char **err)
{
    char token[32];
    long long deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
    struct pollfd pfd;
    char **w;
    unsigned int n;
    int rc, wait_ms;

    *ev = XLDOM_EV_TIMEOUT;
    memset(info, 0, sizeof(*info));
    snprintf(token, sizeof(token), "xldom-wait-%u", domid);
    if ( !xs_watch(ctx->xsh, "@releaseDomain", token) )
        return dom_fail(err, -errno, "watching @releaseDomain: %s",
                        strerror(errno));
    for ( ;; )
    {
        rc = xc_domain_getinfo(ctx->xch, domid, info);
        if ( rc == -ESRCH || (!rc && info->dying) )
        {
            *ev = XLDOM_EV_GONE;
            rc = 0;
            break;
        }
        if ( rc )
        {
            dom_fail(err, rc, "domain %u: %s", domid, xc_error(ctx->xch));
            break;
        }
        if ( info->shutdown )
        {
            *ev = XLDOM_EV_SHUTDOWN;
            break;
        }
        wait_ms = -1;
        if ( deadline >= 0 )
        {
            long long left = deadline - now_ms();

            if ( left <= 0 )
                break;
            wait_ms = left > 1000 ? 1000 : (int)left;
        }
        else
            wait_ms = 1000;
        /* The watch wakes us; the poll timeout re-checks in case an event
         * was missed (a domain that died during a daemon restart). */
        pfd.fd = xs_fileno(ctx->xsh);
        pfd.events = POLLIN;
        if ( poll(&pfd, 1, wait_ms) > 0 )
        {
            w = xs_read_watch(ctx->xsh, &n);
            free(w);
        }
    }
    xs_unwatch(ctx->xsh, "@releaseDomain", token);
    return rc;
}
