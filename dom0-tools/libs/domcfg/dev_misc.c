/*
 * The smaller device mini-languages: vfb=, vkb=, channel=, vtpm=, p9=, usbctrl=,
 * and CPU lists (cpus=, cpus_soft=).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domcfg_priv.h"
#include "xlcfg.h"

static int unknown(const char *what, const char *k, const char *const *keys,
                   char **why)
{
    const char *s = xlcfg_closest(k, keys);

    *why = dc_strdup_printf("unknown %s parameter '%s'%s%s%s", what, k,
                            s ? " (did you mean '" : "", s ? s : "",
                            s ? "'?)" : "");
    return -1;
}

static int need_kv(const struct dc_kv *kv, const char *what, char **why)
{
    if ( kv->key )
        return 0;
    *why = dc_strdup_printf("bad %s item '%s': expected KEY=VALUE", what,
                            kv->val);
    return -1;
}

static int bool_item(const char *k, const char *v, int *out, char **why)
{
    if ( dc_parse_bool_word(v, out) )
    {
        *why = dc_strdup_printf("bad %s '%s': expected 0 or 1", k, v);
        return -1;
    }
    return 0;
}

static int int_item(const char *k, const char *v, long lo, long hi,
                    long *out, char **why)
{
    char *end;

    *out = strtol(v, &end, 0);
    if ( !*v || *end || *out < lo || *out > hi )
    {
        *why = dc_strdup_printf("bad %s '%s': expected %ld-%ld", k, v, lo, hi);
        return -1;
    }
    return 0;
}

int dc_parse_vfb(struct dc_obj *vfb, const char *spec, char **why)
{
    static const char *const keys[] = { "vnc", "vnclisten", "vncdisplay",
        "vncunused", "vncpasswd", "keymap", "sdl", "opengl", "display",
        "xauthority", "type", "backend", NULL };
    struct dc_obj *vnc = dc_get_obj(vfb, "vnc"), *sdl = dc_get_obj(vfb, "sdl");
    struct dc_kv *kv = NULL;
    unsigned int n = 0, i;
    int rc = -1, b;
    long l;

    *why = NULL;
    if ( dc_split_spec(spec, &kv, &n, why) )
        return -1;
    for ( i = 0; i < n; i++ )
    {
        const char *k = kv[i].key, *v = kv[i].val;

        if ( !k && !*v && n == 1 )
            break;
        if ( need_kv(&kv[i], "vfb", why) )
            goto out;
        if ( !strcmp(k, "vnc") || !strcmp(k, "vncunused") ||
             !strcmp(k, "sdl") || !strcmp(k, "opengl") )
        {
            if ( bool_item(k, v, &b, why) )
                goto out;
            dc_set_int(k[0] == 'v' ? vnc : sdl,
                       !strcmp(k, "vncunused") ? "findunused" :
                       !strcmp(k, "opengl") ? "opengl" : "enable",
                       b ? 1 : -1);
        }
        else if ( !strcmp(k, "vncdisplay") )
        {
            if ( int_item(k, v, 0, 65535 - 5900, &l, why) )
                goto out;
            dc_set_int(vnc, "display", l);
        }
        else if ( !strcmp(k, "type") )
        {
            /* Old form: type=vnc or type=sdl enables that one. */
            if ( strcmp(v, "vnc") && strcmp(v, "sdl") )
            {
                *why = dc_strdup_printf("bad type '%s': expected vnc or sdl",
                                        v);
                goto out;
            }
            dc_set_int(v[0] == 'v' ? vnc : sdl, "enable", 1);
        }
        else if ( !strcmp(k, "vnclisten") || !strcmp(k, "vncpasswd") )
        {
            if ( dc_set_str(vnc, k[3] == 'l' ? "listen" : "passwd", v) )
                goto nomem;
        }
        else if ( !strcmp(k, "display") || !strcmp(k, "xauthority") )
        {
            if ( dc_set_str(sdl, k, v) )
                goto nomem;
        }
        else if ( !strcmp(k, "keymap") || !strcmp(k, "backend") )
        {
            if ( dc_set_str(vfb, k[0] == 'k' ? "keymap" : "backend_domname",
                            v) )
                goto nomem;
        }
        else
        {
            unknown("vfb", k, keys, why);
            goto out;
        }
    }
    rc = 0;
    goto out;

 nomem:
    *why = strdup("out of memory");
 out:
    dc_free_spec(kv, n);
    return rc;
}

int dc_parse_channel(struct dc_obj *ch, const char *spec, char **why)
{
    static const char *const keys[] = { "name", "connection", "path",
                                        "backend", NULL };
    struct dc_kv *kv = NULL;
    unsigned int n = 0, i;
    const char *path = NULL;
    int rc = -1;

    *why = NULL;
    if ( dc_split_spec(spec, &kv, &n, why) )
        return -1;
    for ( i = 0; i < n; i++ )
    {
        const char *k = kv[i].key, *v = kv[i].val;

        if ( need_kv(&kv[i], "channel", why) )
            goto out;
        if ( !strcmp(k, "name") || !strcmp(k, "backend") )
        {
            if ( dc_set_str(ch, k[0] == 'n' ? "name" : "backend_domname", v) )
                goto nomem;
        }
        else if ( !strcmp(k, "connection") )
        {
            if ( !strcmp(v, "pty") )
                dc_union_select(ch, "u", 1);
            else if ( !strcmp(v, "socket") )
            {
                if ( dc_union_select(ch, "u", 2) )
                    goto nomem;
            }
            else
            {
                *why = dc_strdup_printf("bad connection '%s': expected pty "
                                        "or socket", v);
                goto out;
            }
        }
        else if ( !strcmp(k, "path") )
            path = v;
        else
        {
            unknown("channel", k, keys, why);
            goto out;
        }
    }
    if ( !dc_get_str(ch, "name") )
    {
        *why = strdup("no name: every channel needs name=, e.g. "
                      "org.qemu.guest_agent.0");
        goto out;
    }
    if ( dc_get_int(ch, "connection") == 2 )
    {
        if ( !path )
        {
            *why = strdup("connection=socket needs path=");
            goto out;
        }
        if ( dc_set_str(dc_union_obj(ch, "u"), "path", path) )
            goto nomem;
    }
    else if ( path )
    {
        *why = strdup("path= is only meaningful with connection=socket");
        goto out;
    }
    else if ( dc_get_int(ch, "connection") == 0 )
    {
        *why = strdup("no connection: expected connection=pty or "
                      "connection=socket");
        goto out;
    }
    rc = 0;
    goto out;

 nomem:
    *why = strdup("out of memory");
 out:
    dc_free_spec(kv, n);
    return rc;
}

int dc_parse_vtpm(struct dc_obj *vtpm, const char *spec, char **why)
{
    static const char *const keys[] = { "uuid", "backend", NULL };
    struct dc_kv *kv = NULL;
    unsigned int n = 0, i;
    int rc = -1;
    char uuid[37];

    *why = NULL;
    if ( dc_split_spec(spec, &kv, &n, why) )
        return -1;
    for ( i = 0; i < n; i++ )
    {
        const char *k = kv[i].key, *v = kv[i].val;

        if ( need_kv(&kv[i], "vtpm", why) )
            goto out;
        if ( !strcmp(k, "uuid") )
        {
            if ( dc_uuid_parse(v, uuid) )
            {
                *why = dc_strdup_printf("bad uuid '%s'", v);
                goto out;
            }
            if ( dc_set_str(vtpm, "uuid", uuid) )
                goto nomem;
        }
        else if ( !strcmp(k, "backend") )
        {
            if ( dc_set_str(vtpm, "backend_domname", v) )
                goto nomem;
        }
        else
        {
            unknown("vtpm", k, keys, why);
            goto out;
        }
    }
    if ( !dc_get_str(vtpm, "backend_domname") )
    {
        *why = strdup("no backend: a vtpm needs backend=<vtpm manager domain>");
        goto out;
    }
    rc = 0;
    goto out;

 nomem:
    *why = strdup("out of memory");
 out:
    dc_free_spec(kv, n);
    return rc;
}

int dc_parse_p9(struct dc_obj *p9, const char *spec, char **why)
{
    static const char *const keys[] = { "tag", "path", "security_model",
                                        "backend", NULL };
    struct dc_kv *kv = NULL;
    unsigned int n = 0, i;
    int rc = -1;

    *why = NULL;
    if ( dc_split_spec(spec, &kv, &n, why) )
        return -1;
    for ( i = 0; i < n; i++ )
    {
        const char *k = kv[i].key;

        if ( need_kv(&kv[i], "p9", why) )
            goto out;
        if ( !strcmp(k, "tag") || !strcmp(k, "path") ||
             !strcmp(k, "security_model") || !strcmp(k, "backend") )
        {
            if ( dc_set_str(p9, k[0] == 'b' ? "backend_domname" : k,
                            kv[i].val) )
            {
                *why = strdup("out of memory");
                goto out;
            }
        }
        else
        {
            unknown("p9", k, keys, why);
            goto out;
        }
    }
    if ( !dc_get_str(p9, "tag") || !dc_get_str(p9, "path") )
    {
        *why = strdup("a p9 share needs tag= and path=");
        goto out;
    }
    rc = 0;

 out:
    dc_free_spec(kv, n);
    return rc;
}

int dc_parse_usbctrl(struct dc_obj *u, const char *spec, char **why)
{
    static const char *const keys[] = { "type", "version", "ports",
                                        "backend", NULL };
    struct dc_kv *kv = NULL;
    unsigned int n = 0, i;
    int rc = -1;
    long l;

    *why = NULL;
    if ( dc_split_spec(spec, &kv, &n, why) )
        return -1;
    for ( i = 0; i < n; i++ )
    {
        const char *k = kv[i].key, *v = kv[i].val;
        long long t;

        if ( need_kv(&kv[i], "usbctrl", why) )
            goto out;
        if ( !strcmp(k, "type") )
        {
            if ( dc_enum_lookup(&dc_enum_usbctrl_type, v, &t) )
            {
                *why = dc_strdup_printf("bad type '%s': expected auto, pv, "
                                        "devicemodel or qusb", v);
                goto out;
            }
            dc_set_int(u, "type", t);
        }
        else if ( !strcmp(k, "version") )
        {
            if ( int_item(k, v, 1, 3, &l, why) )
                goto out;
            dc_set_int(u, "version", l);
        }
        else if ( !strcmp(k, "ports") )
        {
            if ( int_item(k, v, 1, 31, &l, why) )
                goto out;
            dc_set_int(u, "ports", l);
        }
        else if ( !strcmp(k, "backend") )
        {
            if ( dc_set_str(u, "backend_domname", v) )
            {
                *why = strdup("out of memory");
                goto out;
            }
        }
        else
        {
            unknown("usbctrl", k, keys, why);
            goto out;
        }
    }
    rc = 0;

 out:
    dc_free_spec(kv, n);
    return rc;
}

#define MAX_CPU 4095

/*
 * A CPU list: "all", or comma-separated "N", "N-M" and "^N"/"^N-M" (taken
 * out again), as xl.cfg's cpus= describes.  "nodes:" needs the host's NUMA
 * layout and is refused here.
 */
int dc_parse_cpus(union dc_slot *bm, const char *spec, char **why)
{
    const char *p = spec;
    unsigned char set[MAX_CPU + 1];
    unsigned int i;

    memset(set, 0, sizeof(set));
    if ( !strcmp(spec, "all") )
    {
        /* xl sets every bit the host has; without a host, the first 128. */
        for ( i = 0; i < 128; i++ )
            set[i] = 1;
        goto done;
    }
    if ( !strncmp(spec, "nodes:", 6) || !strncmp(spec, "node:", 5) )
    {
        *why = dc_strdup_printf("'%s': node-based affinity needs the host's "
                                "NUMA topology; give CPU numbers instead",
                                spec);
        return -1;
    }
    for ( ;; )
    {
        int neg = 0;
        char *end;
        long a, b;

        if ( *p == '^' )
        {
            neg = 1;
            p++;
        }
        if ( *p < '0' || *p > '9' )
            goto bad;
        a = strtol(p, &end, 10);
        b = a;
        p = end;
        if ( *p == '-' )
        {
            if ( p[1] < '0' || p[1] > '9' )
                goto bad;
            b = strtol(p + 1, &end, 10);
            p = end;
        }
        if ( a > MAX_CPU || b > MAX_CPU || b < a )
            goto bad;
        for ( ; a <= b; a++ )
            set[a] = !neg;
        if ( !*p )
            break;
        if ( *p++ != ',' )
            goto bad;
    }

 done:
    for ( i = 0; i <= MAX_CPU; i++ )
        if ( set[i] && dc_bitmap_set(bm, i) )
        {
            *why = strdup("out of memory");
            return -1;
        }
    if ( !bm->v->n )
    {
        *why = dc_strdup_printf("'%s' leaves no CPU", spec);
        return -1;
    }
    return 0;

 bad:
    *why = dc_strdup_printf("bad CPU list '%s': expected \"all\" or items "
                            "like 3, 0-3, ^2 separated by commas (CPUs "
                            "0-%d)", spec, MAX_CPU);
    return -1;
}

/*
 * vkb=: a virtual keyboard/pointer with backend=, backend-type=qemu|linux,
 * unique-id= and the feature-* and size keys of xl.cfg(5).
 */
int dc_parse_vkb(struct dc_obj *vkb, const char *spec, char **why)
{
    static const char *const keys[] = { "backend", "backend-type",
        "unique-id", "feature-disable-keyboard", "feature-disable-pointer",
        "feature-abs-pointer", "feature-raw-pointer", "feature-multi-touch",
        "width", "height", "multi-touch-width", "multi-touch-height",
        "multi-touch-num-contacts", NULL };
    struct dc_kv *kv = NULL;
    unsigned int n = 0, i, j;
    int rc = -1, b;
    long l;
    char field[64];

    *why = NULL;
    if ( dc_split_spec(spec, &kv, &n, why) )
        return -1;
    for ( i = 0; i < n; i++ )
    {
        const char *k = kv[i].key, *v = kv[i].val;

        if ( need_kv(&kv[i], "vkb", why) )
            goto out;
        /* The field is the key with '-' as '_'. */
        snprintf(field, sizeof(field), "%s", k);
        for ( j = 0; field[j]; j++ )
            if ( field[j] == '-' )
                field[j] = '_';
        if ( !strcmp(k, "backend") || !strcmp(k, "unique-id") )
        {
            if ( dc_set_str(vkb, k[0] == 'b' ? "backend_domname" : "unique_id",
                            v) )
            {
                *why = strdup("out of memory");
                goto out;
            }
        }
        else if ( !strcmp(k, "backend-type") )
        {
            if ( !strcmp(v, "qemu") )
                dc_set_int(vkb, "backend_type", 1);
            else if ( !strcmp(v, "linux") )
                dc_set_int(vkb, "backend_type", 2);
            else
            {
                *why = dc_strdup_printf("bad backend-type '%s': expected "
                                        "qemu or linux", v);
                goto out;
            }
        }
        else if ( !strncmp(k, "feature-", 8) && dc_field_index(vkb->st, field) >= 0 )
        {
            if ( bool_item(k, v, &b, why) )
                goto out;
            dc_set_int(vkb, field, b);
        }
        else if ( dc_field_index(vkb->st, field) >= 0 &&
                  (!strcmp(k, "width") || !strcmp(k, "height") ||
                   !strncmp(k, "multi-touch-", 12)) )
        {
            if ( int_item(k, v, 0, 65535, &l, why) )
                goto out;
            dc_set_int(vkb, field, l);
        }
        else
        {
            unknown("vkb", k, keys, why);
            goto out;
        }
    }
    rc = 0;

 out:
    dc_free_spec(kv, n);
    return rc;
}
