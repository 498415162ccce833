/*
 * The disk= mini-language (Xen's xl-disk-configuration): positional target,
 * format, vdev, access; KEY=VALUE parameters and flags; "target=" taking the
 * rest of the string; and the deprecated "[prefix:]target,vdev[:cdrom],mode"
 * form with its format:, script: and ignored prefixes.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "domcfg_priv.h"
#include "xlcfg.h"

enum { P_TARGET, P_FORMAT, P_VDEV, P_ACCESS, P_MAX };
static const char *const pos_names[P_MAX] = { "target", "format", "vdev",
                                              "access" };

static const char *const disk_keys[] = {
    "target", "format", "vdev", "access", "devtype", "backend", "backendtype",
    "script", "direct-io-safe", "discard", "no-discard", "cdrom", "colo",
    "colo-host", "colo-port", "colo-export", "active-disk", "hidden-disk",
    "trusted", "untrusted", NULL
};

/* xvd[a-z]+N, hd[a-z]N, sd[a-z]+N, dNpN or a plain number: the vbd names of
 * Xen's vbd-interface document. */
static int vdev_ok(const char *v)
{
    const char *p = v;

    if ( !strncmp(p, "xvd", 3) || !strncmp(p, "hd", 2) || !strncmp(p, "sd", 2) )
    {
        p += p[0] == 'x' ? 3 : 2;
        if ( !islower((unsigned char)*p) )
            return 0;
        while ( islower((unsigned char)*p) )
            p++;
        while ( isdigit((unsigned char)*p) )
            p++;
        return *p == '\0' && p - v <= 12;
    }
    if ( *p == 'd' && isdigit((unsigned char)p[1]) )
    {
        p++;
        while ( isdigit((unsigned char)*p) )
            p++;
        if ( *p == 'p' && isdigit((unsigned char)p[1]) )
            for ( p++; isdigit((unsigned char)*p); p++ )
                ;
        return *p == '\0';
    }
    if ( !isdigit((unsigned char)*p) )
        return 0;
    while ( isdigit((unsigned char)*p) )
        p++;
    return *p == '\0';
}

static int set_format(struct dc_obj *d, const char *v, char **why)
{
    static const char *const names[] = { "raw", "qcow", "qcow2", "vhd",
                                         "qed", "empty", NULL };
    long long val;

    if ( dc_enum_lookup(&dc_enum_disk_format, v, &val) || val == 0 )
    {
        const char *s = xlcfg_closest(v, names);

        *why = dc_strdup_printf("unknown disk format '%s'%s%s%s: expected "
                                "raw, qcow, qcow2, vhd or qed", v,
                                s ? " (did you mean '" : "", s ? s : "",
                                s ? "'?)" : "");
        return -1;
    }
    dc_set_int(d, "format", val);
    return 0;
}

static int set_access(struct dc_obj *d, const char *v, char **why)
{
    if ( !strcmp(v, "r") || !strcmp(v, "ro") )
        dc_set_int(d, "readwrite", 0);
    else if ( !strcmp(v, "w") || !strcmp(v, "rw") )
        dc_set_int(d, "readwrite", 1);
    else
    {
        *why = dc_strdup_printf("bad access mode '%s': expected ro, r, rw "
                                "or w", v);
        return -1;
    }
    return 0;
}

/* The deprecated form: strip "prefix:" words off the target. */
static int strip_prefixes(struct dc_obj *d, char **target, char **why)
{
    static const char *const ignored[] = { "tapdisk", "tap2", "tap", "aio",
                                           "ioemu", "file", "phy", NULL };
    static const char *const formats[] = { "raw", "qcow2", "qcow", "vhd",
                                           NULL };
    static const char *const scripts[] = { "iscsi", "nbd", "enbd", "drbd",
                                           NULL };
    char *t = *target;

    for ( ;; )
    {
        char *colon = strchr(t, ':');
        unsigned int i;
        int hit = 0;

        if ( !colon )
            break;
        *colon = '\0';
        for ( i = 0; ignored[i] && !hit; i++ )
            hit = !strcmp(t, ignored[i]);
        for ( i = 0; formats[i] && !hit; i++ )
            if ( !strcmp(t, formats[i]) )
            {
                hit = 1;
                if ( set_format(d, t, why) )
                    return -1;
            }
        for ( i = 0; scripts[i] && !hit; i++ )
            if ( !strcmp(t, scripts[i]) )
            {
                char *s = dc_strdup_printf("block-%s", t);

                hit = 1;
                if ( !s || dc_set_str(d, "script", s) )
                {
                    free(s);
                    *why = strdup("out of memory");
                    return -1;
                }
                free(s);
            }
        *colon = ':';
        if ( !hit )
            break;
        t = colon + 1;
    }
    memmove(*target, t, strlen(t) + 1);
    return 0;
}

static int flag(struct dc_obj *d, const char *w, int *is_cdrom)
{
    if ( !strcmp(w, "cdrom") )
        *is_cdrom = 1;
    else if ( !strcmp(w, "direct-io-safe") )
        dc_set_int(d, "direct_io_safe", 1);
    else if ( !strcmp(w, "discard") )
        dc_set_int(d, "discard_enable", 1);
    else if ( !strcmp(w, "no-discard") )
        dc_set_int(d, "discard_enable", -1);
    else if ( !strcmp(w, "colo") )
        dc_set_int(d, "colo_enable", 1);
    else if ( !strcmp(w, "trusted") )
        dc_set_int(d, "trusted", 1);
    else if ( !strcmp(w, "untrusted") )
        dc_set_int(d, "trusted", -1);
    else
        return -1;
    return 0;
}

static int keyval(struct dc_obj *d, const char *k, const char *v,
                  int *is_cdrom, char **why)
{
    long long val;
    static const struct { const char *key, *field; } strs[] = {
        { "backend", "backend_domname" }, { "script", "script" },
        { "colo-host", "colo_host" }, { "colo-export", "colo_export" },
        { "active-disk", "active_disk" }, { "hidden-disk", "hidden_disk" },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(strs) / sizeof(strs[0]); i++ )
        if ( !strcmp(k, strs[i].key) )
            return dc_set_str(d, strs[i].field, v);
    if ( !strcmp(k, "devtype") )
    {
        if ( !strcmp(v, "cdrom") )
            *is_cdrom = 1;
        else if ( strcmp(v, "disk") )
        {
            *why = dc_strdup_printf("bad devtype '%s': expected cdrom or "
                                    "disk", v);
            return -1;
        }
        return 0;
    }
    if ( !strcmp(k, "backendtype") )
    {
        if ( dc_enum_lookup(&dc_enum_disk_backend, v, &val) || val == 0 )
        {
            *why = dc_strdup_printf("bad backendtype '%s': expected phy, "
                                    "tap, qdisk or standalone", v);
            return -1;
        }
        dc_set_int(d, "backend", val);
        return 0;
    }
    if ( !strcmp(k, "colo-port") )
    {
        char *end;
        long port = strtol(v, &end, 10);

        if ( !*v || *end || port < 1 || port > 65535 )
        {
            *why = dc_strdup_printf("bad colo-port '%s': expected 1-65535",
                                    v);
            return -1;
        }
        dc_set_int(d, "colo_port", port);
        return 0;
    }
    *why = NULL;
    return 1;   /* not one of these */
}

int dc_parse_disk(struct dc_obj *d, const char *spec, char **why)
{
    struct dc_kv *kv = NULL;
    unsigned int n = 0, i, npos = 0;
    char *pos[P_MAX] = { NULL };
    int is_cdrom = 0, deprecated = 0, rc = -1, r;

    *why = NULL;
    if ( dc_split_spec_rest(spec, "target", &kv, &n, why) )
        return -1;
    /* Old form: no KEY=VALUE and a "prefix:" on the first item, or a
     * ":cdrom" on the second. */
    if ( n >= 2 && n <= 3 && !kv[0].key && !kv[1].key &&
         (!n || n < 3 || !kv[2].key) &&
         (strchr(kv[0].val, ':') || strstr(kv[1].val, ":cdrom")) )
        deprecated = 1;
    if ( deprecated )
    {
        char *c = strchr(kv[1].val, ':');

        if ( c )
        {
            if ( strcmp(c + 1, "cdrom") )
            {
                *why = dc_strdup_printf("bad device type '%s' after vdev: "
                                        "expected cdrom", c + 1);
                goto out;
            }
            *c = '\0';
            is_cdrom = 1;
        }
        if ( strip_prefixes(d, &kv[0].val, why) )
            goto out;
        pos[P_TARGET] = kv[0].val;
        pos[P_VDEV] = kv[1].val;
        pos[P_ACCESS] = n == 3 ? kv[2].val : NULL;
        if ( pos[P_ACCESS] && !*pos[P_ACCESS] )
            pos[P_ACCESS] = NULL;
        if ( pos[P_ACCESS] && set_access(d, pos[P_ACCESS], why) )
            goto out;
        if ( !*pos[P_TARGET] )
            pos[P_TARGET] = NULL;
        goto finish;
    }
    for ( i = 0; i < n; i++ )
    {
        const char *k = kv[i].key, *v = kv[i].val;
        int p;

        if ( !k && !flag(d, v, &is_cdrom) )
            continue;
        if ( !k )
        {
            if ( npos >= P_MAX )
            {
                *why = dc_strdup_printf("too many positional parameters at "
                                        "'%s': expected at most target, "
                                        "format, vdev, access", v);
                goto out;
            }
            p = npos++;
        }
        else
        {
            for ( p = 0; p < P_MAX && strcmp(k, pos_names[p]); p++ )
                ;
            if ( p == P_MAX )
            {
                r = keyval(d, k, v, &is_cdrom, why);
                if ( r < 0 )
                    goto out;
                if ( r == 0 )
                    continue;
                {
                    const char *s = xlcfg_closest(k, disk_keys);

                    *why = dc_strdup_printf("unknown disk parameter '%s'%s%s%s",
                                            k, s ? " (did you mean '" : "",
                                            s ? s : "", s ? "'?)" : "");
                }
                goto out;
            }
        }
        if ( pos[p] && !(p == P_TARGET && k) )
        {
            *why = dc_strdup_printf("disk parameter '%s' given twice",
                                    pos_names[p]);
            goto out;
        }
        pos[p] = *v ? kv[i].val : NULL;
        if ( p == P_FORMAT && pos[p] && set_format(d, v, why) )
            goto out;
        if ( p == P_ACCESS && pos[p] && set_access(d, v, why) )
            goto out;
    }

 finish:
    if ( !pos[P_VDEV] )
    {
        *why = strdup("no vdev: every disk needs the virtual device name the "
                      "guest sees, e.g. xvda");
        goto out;
    }
    if ( !vdev_ok(pos[P_VDEV]) )
    {
        *why = dc_strdup_printf("bad vdev '%s': expected a name such as "
                                "xvda, hda, sda or d0p1", pos[P_VDEV]);
        goto out;
    }
    if ( !pos[P_TARGET] && !is_cdrom )
    {
        *why = strdup("no target: give the image file or block device (only "
                      "an empty cdrom may omit it)");
        goto out;
    }
    if ( dc_set_str(d, "vdev", pos[P_VDEV]) ||
         dc_set_str(d, "pdev_path", pos[P_TARGET]) )
    {
        *why = strdup("out of memory");
        goto out;
    }
    if ( is_cdrom )
    {
        dc_set_int(d, "is_cdrom", 1);
        dc_set_int(d, "removable", 1);
        if ( !pos[P_ACCESS] )
            dc_set_int(d, "readwrite", 0);
        if ( !pos[P_TARGET] )
            dc_set_int(d, "format", 5);     /* empty */
    }
    else if ( !pos[P_ACCESS] )
        dc_set_int(d, "readwrite", 1);
    if ( pos[P_TARGET] && dc_get_int(d, "format") == 0 )
        dc_set_int(d, "format", 4);         /* raw */
    if ( dc_get_int(d, "colo_enable") > 0 &&
         (!dc_get_str(d, "colo_host") || !dc_get_int(d, "colo_port") ||
          !dc_get_str(d, "colo_export") || !dc_get_str(d, "active_disk") ||
          !dc_get_str(d, "hidden_disk")) )
    {
        *why = strdup("colo needs colo-host, colo-port, colo-export, "
                      "active-disk and hidden-disk");
        goto out;
    }
    rc = 0;

 out:
    dc_free_spec(kv, n);
    return rc;
}
