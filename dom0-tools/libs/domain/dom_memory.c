/*
 * dom_memory.c: ballooning from the toolstack (xl mem-set, xl mem-max), with
 * libxl 4.17's semantics (libxl_set_memory_target, libxl_domain_setmaxmem).
 *
 * Three limits describe a domain's memory, all in KiB:
 *   memory/target      (xenstore) what the guest's balloon driver aims at;
 *                      Linux's xen-balloon watches it in every domain;
 *   memory/static-max  (xenstore) maxmem= of the config: the largest target;
 *   max_pages          (hypervisor, XEN_DOMCTL_max_mem) what the domain may
 *                      hold, kept at the target plus DOM_MAXMEM_CONSTANT.
 * mem-set moves the target and the hypervisor's limit together; mem-max moves
 * only the hypervisor's limit (not static-max: libxl 4.17 leaves it alone).
 * Domain 0 has no xenstore entries until the first of these calls, which
 * records what the hypervisor says it has and may have, as libxl does.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dom_private.h"

/* libxl refuses to take dom0 below this (LIBXL_MIN_DOM0_MEM, KiB). */
#define DOM_MIN_DOM0_MEM (128 * 1024)

/*
 * Read the decimal number at /local/domain/DOMID/REL in transaction t into
 * *val; -ENOENT when there is no such entry, -EINVAL (with *err) when it is
 * not a number.
 */
static int mem_xs_number(struct xs_handle *xsh, xs_transaction_t t,
                         uint32_t domid, const char *rel, uint64_t *val,
                         char **err)
{
    char path[80], *s, *end;
    int rc = 0;

    snprintf(path, sizeof(path), "/local/domain/%u/%s", domid, rel);
    s = xs_read(xsh, t, path, NULL);
    if ( !s )
        return -ENOENT;
    errno = 0;
    *val = strtoull(s, &end, 10);
    if ( !*s || *end || errno )
        rc = dom_fail(err, -EINVAL, "domain %u: %s holds \"%s\", not a "
                      "number of KiB", domid, path, s);
    free(s);
    return rc;
}

/*
 * Domain 0 was built by the hypervisor, not by us: give it memory/target
 * (what it has) and memory/static-max (what it may have) from the
 * hypervisor's figures when they are missing (libxl__fill_dom0_memory_info).
 */
static int mem_fill_dom0(xldom_ctx *ctx, char **err)
{
    xc_dominfo_t info;
    uint64_t v;
    xs_transaction_t t;
    int rc;

    for ( ;; )
    {
        if ( (rc = xc_domain_getinfo(ctx->xch, 0, &info)) )
            return dom_fail(err, rc, "domain 0: %s", xc_error(ctx->xch));
        t = xs_transaction_start(ctx->xsh);
        if ( t == XBT_NULL )
            return dom_fail(err, -errno, "xenstore: %s", strerror(errno));
        rc = mem_xs_number(ctx->xsh, t, 0, "memory/target", &v, err);
        if ( rc == -ENOENT )
            rc = dom_xs_printf(ctx->xsh, t, "/local/domain/0/memory/target",
                               "%" PRIu64, (uint64_t)info.tot_pages * 4);
        if ( !rc )
            rc = mem_xs_number(ctx->xsh, t, 0, "memory/static-max", &v, err);
        if ( rc == -ENOENT )
            rc = dom_xs_printf(ctx->xsh, t,
                               "/local/domain/0/memory/static-max",
                               "%" PRIu64, (uint64_t)info.max_pages * 4);
        if ( rc )
        {
            xs_transaction_end(ctx->xsh, t, true);
            return dom_fail(err, rc, "domain 0: recording its memory in "
                            "xenstore: %s", strerror(-rc));
        }
        if ( xs_transaction_end(ctx->xsh, t, false) )
            return 0;
        if ( errno != EAGAIN )
            return dom_fail(err, -errno, "xenstore: %s", strerror(errno));
    }
}

/*
 * One try of xldom_set_memory_target inside transaction t; -EAGAIN is not
 * returned here (the caller retries a commit that raced).  On success the
 * caller commits t; on failure it aborts t.
 */
static int mem_set_target_in(xldom_ctx *ctx, xs_transaction_t t,
                             uint32_t domid, int64_t target_memkb,
                             int relative, int enforce, char **err)
{
    uint64_t cur, static_max, videoram = 0, target;
    xc_dominfo_t info;
    char path[96], uuid[37];
    int rc;

    rc = mem_xs_number(ctx->xsh, t, domid, "memory/target", &cur, err);
    if ( rc == -ENOENT )
        return dom_fail(err, rc, "domain %u: no memory/target in xenstore",
                        domid);
    if ( rc )
        return rc;
    rc = mem_xs_number(ctx->xsh, t, domid, "memory/static-max", &static_max,
                       err);
    if ( rc == -ENOENT )
        return dom_fail(err, rc, "domain %u: no memory/static-max in xenstore",
                        domid);
    if ( rc )
        return rc;
    rc = mem_xs_number(ctx->xsh, t, domid, "memory/videoram", &videoram, err);
    if ( rc && rc != -ENOENT )
        return rc;
    if ( rc )
        videoram = 0;

    /* The new target excludes the video memory, as libxl's does. */
    if ( relative )
        target = target_memkb < 0 && (uint64_t)-target_memkb > cur
                 ? 0 : cur + (uint64_t)target_memkb;
    else if ( target_memkb < 0 || (uint64_t)target_memkb < videoram )
        return dom_fail(err, -EINVAL, "domain %u: a target of %" PRId64
                        " KiB is below the domain's video memory (%" PRIu64
                        " KiB)", domid, target_memkb, videoram);
    else
        target = (uint64_t)target_memkb - videoram;
    if ( target > static_max )
        return dom_fail(err, -EINVAL, "domain %u: memory_dynamic_max must be "
                        "less than or equal to memory_static_max (%" PRIu64
                        " KiB asked, static-max is %" PRIu64 " KiB)", domid,
                        target, static_max);
    if ( domid == 0 && target < DOM_MIN_DOM0_MEM )
        return dom_fail(err, -EINVAL, "domain 0: new target %" PRIu64 " KiB "
                        "for dom0 is below the minimum threshold (%u KiB)",
                        target, DOM_MIN_DOM0_MEM);
    if ( enforce &&
         (rc = xc_domain_setmaxmem(ctx->xch, domid, target + videoram +
                                   DOM_MAXMEM_CONSTANT)) )
        return dom_fail(err, rc, "domain %u: %s", domid, xc_error(ctx->xch));

    snprintf(path, sizeof(path), "/local/domain/%u/memory/target", domid);
    if ( (rc = dom_xs_printf(ctx->xsh, t, path, "%" PRIu64, target)) )
        return dom_fail(err, rc, "domain %u: writing %s: %s", domid, path,
                        strerror(-rc));
    if ( (rc = xc_domain_getinfo(ctx->xch, domid, &info)) )
        return dom_fail(err, rc, "domain %u: %s", domid, xc_error(ctx->xch));
    /* libxl also keeps /vm/UUID/memory, in MiB. */
    xldom_uuid_str(info.handle, uuid);
    snprintf(path, sizeof(path), "/vm/%s/memory", uuid);
    if ( (rc = dom_xs_printf(ctx->xsh, t, path, "%" PRIu64, target / 1024)) )
        return dom_fail(err, rc, "domain %u: writing %s: %s", domid, path,
                        strerror(-rc));
    return 0;
}

/* See xldom.h. */
int xldom_set_memory_target(xldom_ctx *ctx, uint32_t domid,
                            int64_t target_memkb, int relative, int enforce,
                            char **err)
{
    xc_dominfo_t info;
    xs_transaction_t t;
    int rc, tries;

    if ( (rc = xc_domain_getinfo(ctx->xch, domid, &info)) )
        return dom_fail(err, rc, "domain %u does not exist", domid);
    if ( domid == 0 && (rc = mem_fill_dom0(ctx, err)) )
        return rc;
    /* Bounded: a commit races only with another writer of these nodes. */
    for ( tries = 0; tries < 100; tries++ )
    {
        t = xs_transaction_start(ctx->xsh);
        if ( t == XBT_NULL )
            return dom_fail(err, -errno, "xenstore: %s", strerror(errno));
        rc = mem_set_target_in(ctx, t, domid, target_memkb, relative, enforce,
                               err);
        if ( rc )
        {
            xs_transaction_end(ctx->xsh, t, true);
            return rc;
        }
        if ( xs_transaction_end(ctx->xsh, t, false) )
            return 0;
        if ( errno != EAGAIN )
            return dom_fail(err, -errno, "xenstore: %s", strerror(errno));
    }
    return dom_fail(err, -EAGAIN, "domain %u: xenstore kept changing under "
                    "the memory target", domid);
}

/* See xldom.h. */
int xldom_set_max_memory(xldom_ctx *ctx, uint32_t domid, uint64_t max_memkb,
                         char **err)
{
    xc_dominfo_t info;
    uint64_t target;
    int rc;

    if ( (rc = xc_domain_getinfo(ctx->xch, domid, &info)) )
        return dom_fail(err, rc, "domain %u does not exist", domid);
    if ( domid == 0 && (rc = mem_fill_dom0(ctx, err)) )
        return rc;
    rc = mem_xs_number(ctx->xsh, XBT_NULL, domid, "memory/target", &target,
                       err);
    if ( rc == -ENOENT )
        return dom_fail(err, rc, "domain %u: no memory/target in xenstore",
                        domid);
    if ( rc )
        return rc;
    if ( max_memkb < target )
        return dom_fail(err, -EINVAL, "domain %u: memory_static_max must be "
                        "greater than or equal to memory_dynamic_max (%"
                        PRIu64 " KiB asked, the target is %" PRIu64 " KiB)",
                        domid, max_memkb, target);
    if ( max_memkb > UINT64_MAX / 2 ||
         (rc = xc_domain_setmaxmem(ctx->xch, domid,
                                   max_memkb + DOM_MAXMEM_CONSTANT)) )
        return dom_fail(err, rc ? rc : -EINVAL, "domain %u: %s", domid,
                        rc ? xc_error(ctx->xch) : "size too large");
    return 0;
}
