/*
 * dom_userdata.c: what a domain's creator saves about it under
 * /var/lib/xen, in libxl's files: userdata-d.DOMID.UUID.KIND, where KIND
 * is "libxl-json" (the domain configuration as JSON, which "xl list -l"
 * shows) or "xl" (the config file as given).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dom_private.h"

/* The path of a userdata file; allocated. */
static char *userdata_path(uint32_t domid, const uint8_t uuid[16],
                           const char *kind)
{
    char u[37], *p;

    xldom_uuid_str(uuid, u);
    if ( asprintf(&p, "%s/userdata-d.%u.%s.%s", xldom_lib_dir(), domid, u,
                  kind) < 0 )
        return NULL;
    return p;
}

/* See dom_private.h: written to a temporary file, then renamed. */
int dom_userdata_store(uint32_t domid, const uint8_t uuid[16],
                       const char *kind, const char *text, size_t len,
                       char **err)
{
    char *path = userdata_path(domid, uuid, kind), *tmp = NULL;
    FILE *f = NULL;
    int rc = -ENOMEM;

    if ( !path || asprintf(&tmp, "%s.new", path) < 0 )
    {
        tmp = NULL;
        goto out;
    }
    mkdir(xldom_lib_dir(), 0755);
    f = fopen(tmp, "w");
    if ( !f || fwrite(text, 1, len, f) != len || fflush(f) )
    {
        rc = dom_fail(err, -errno, "%s: %s", tmp, strerror(errno));
        goto out;
    }
    if ( fclose(f) )
    {
        f = NULL;
        rc = dom_fail(err, -errno, "%s: %s", tmp, strerror(errno));
        goto out;
    }
    f = NULL;
    if ( rename(tmp, path) )
    {
        rc = dom_fail(err, -errno, "%s: %s", path, strerror(errno));
        goto out;
    }
    rc = 0;
 out:
    if ( f )
        fclose(f);
    if ( rc && tmp )
        unlink(tmp);
    if ( rc == -ENOMEM )
        dom_fail(err, rc, "out of memory");
    free(tmp);
    free(path);
    return rc;
}

/* See dom_private.h: every userdata-d.DOMID.* file. */
void dom_userdata_remove(uint32_t domid)
{
    DIR *dir = opendir(xldom_lib_dir());
    struct dirent *e;
    char prefix[64], *p;

    if ( !dir )
        return;
    snprintf(prefix, sizeof(prefix), "userdata-d.%u.", domid);
    while ( (e = readdir(dir)) )
    {
        if ( strncmp(e->d_name, prefix, strlen(prefix)) )
            continue;
        if ( asprintf(&p, "%s/%s", xldom_lib_dir(), e->d_name) >= 0 )
        {
            unlink(p);
            free(p);
        }
    }
    closedir(dir);
}

/* Read a whole small file; allocated, NUL-terminated. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL;
    long size;

    if ( !f )
        return NULL;
    if ( fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
         size > (16 << 20) || fseek(f, 0, SEEK_SET) )
        goto out;
    buf = malloc(size + 1);
    if ( buf && fread(buf, 1, size, f) != (size_t)size )
    {
        free(buf);
        buf = NULL;
    }
    if ( buf )
    {
        buf[size] = '\0';
        *len = size;
    }
 out:
    fclose(f);
    return buf;
}

/* Read a number from the domain's xenstore directory; -1 when absent. */
static long long xs_number(xldom_ctx *ctx, uint32_t domid, const char *rel)
{
    char path[96], *v, *end;
    long long n = -1;

    snprintf(path, sizeof(path), "/local/domain/%u/%s", domid, rel);
    v = dom_xs_read(ctx->xsh, path);
    if ( v )
    {
        n = strtoll(v, &end, 10);
        if ( end == v || *end )
            n = -1;
    }
    free(v);
    return n;
}

/* The scheduler's parameters of the domain, as libxl's retrieval adds
 * them (credit and credit2; others are left out). */
static void add_sched_params(xldom_ctx *ctx, uint32_t domid, domcfg *d)
{
    struct xc_sched_credit sc;
    unsigned int sched;
    int rc;

    if ( xc_sched_id(ctx->xch, &sched) )
        return;
    if ( sched == XC_SCHEDULER_CREDIT )
        rc = xc_sched_credit_domain_get(ctx->xch, domid, &sc);
    else if ( sched == XC_SCHEDULER_CREDIT2 )
        rc = xc_sched_credit2_domain_get(ctx->xch, domid, &sc);
    else
        return;
    if ( rc )
        return;
    domcfg_set_int(d, "b_info.sched_params.sched", sched);
    domcfg_set_int(d, "b_info.sched_params.weight", sc.weight);
    domcfg_set_int(d, "b_info.sched_params.cap", sc.cap);
}

/* See xldom.h. */
int xldom_config_load(xldom_ctx *ctx, uint32_t domid, domcfg **dp,
                      char **err)
{
    xc_dominfo_t info;
    char *path = NULL, *text = NULL, *name, uuid[37], *why = NULL;
    size_t len = 0;
    long long mem;
    domcfg *d = NULL;
    int rc;

    *dp = NULL;
    if ( (rc = xc_domain_getinfo(ctx->xch, domid, &info)) )
        return dom_fail(err, rc, "domain %u: %s", domid, xc_error(ctx->xch));
    path = userdata_path(domid, info.handle, "libxl-json");
    if ( !path )
        return dom_fail(err, -ENOMEM, "out of memory");
    text = slurp(path, &len);
    if ( !text )
    {
        rc = dom_fail(err, -ENOENT, "domain %u: no saved configuration (%s)",
                      domid, path);
        goto out;
    }
    d = domcfg_alloc();
    if ( !d )
    {
        rc = dom_fail(err, -ENOMEM, "out of memory");
        goto out;
    }
    if ( domcfg_from_json(d, path, text, len, &why) )
    {
        rc = dom_fail(err, -EINVAL, "%s", why ? why : path);
        goto out;
    }
    /* What may have changed since it was saved. */
    name = xldom_name(ctx, domid);
    if ( name )
        domcfg_set_string(d, "c_info.name", name);
    free(name);
    xldom_uuid_str(info.handle, uuid);
    domcfg_set_string(d, "c_info.uuid", uuid);
    /* Memory as xenstore says (dom0 has no entries: the hypervisor's). */
    mem = xs_number(ctx, domid, "memory/static-max");
    domcfg_set_int(d, "b_info.max_memkb",
                   mem >= 0 ? mem : (long long)info.max_pages * 4);
    mem = xs_number(ctx, domid, "memory/target");
    domcfg_set_int(d, "b_info.target_memkb",
                   mem >= 0 ? mem : (long long)info.tot_pages * 4);
    add_sched_params(ctx, domid, d);
    *dp = d;
    d = NULL;
    rc = 0;
 out:
    free(why);
    domcfg_free(d);
    free(text);
    free(path);
    return rc;
}

/* See xldom.h. */
int xldom_config_save(xldom_ctx *ctx, uint32_t domid, const domcfg *d,
                      char **err)
{
    xc_dominfo_t info;
    char *json = NULL;
    int rc;

    if ( (rc = xc_domain_getinfo(ctx->xch, domid, &info)) )
        return dom_fail(err, rc, "domain %u: %s", domid, xc_error(ctx->xch));
    if ( domcfg_to_json(d, &json) )
        return dom_fail(err, -ENOMEM, "converting the configuration to JSON");
    rc = dom_userdata_store(domid, info.handle, "libxl-json", json,
                            strlen(json), err);
    free(json);
    return rc;
}
