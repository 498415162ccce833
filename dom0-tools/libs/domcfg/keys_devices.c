/*
 * xl.cfg device keys: lists of device strings (disk=, vif=, pci=, vfb=,
 * vkb=, channel=, vtpm=, p9=, usbctrl=, dtdev=) and the passthrough
 * resources (ioports=, iomem=, irqs=).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "from_xlcfg.h"

/* A list of device strings, each parsed by its mini-language. */
static int device_list(struct xctx *c, const struct xkey *k,
                       const xlcfg_value *v, const char *array,
                       int (*parse)(struct dc_obj *, const char *, char **),
                       int set_devid)
{
    unsigned int i;

    if ( x_list(c, k, v) )
        return -1;
    for ( i = 0; i < xlcfg_list_len(v); i++ )
    {
        const xlcfg_value *e = xlcfg_list_elem(v, i);
        const char *spec;
        struct dc_obj *dev;
        char *why = NULL;

        if ( x_string(c, k, e, &spec) )
            return -1;
        dev = dc_array_add(c->root, array);
        if ( !dev )
            return x_nomem(c, e);
        if ( set_devid )
            dc_set_int(dev, "devid", i);
        if ( parse(dev, spec, &why) )
        {
            x_err(c, e, "%s: '%s': %s", k->name, spec,
                  why ? why : "out of memory");
            free(why);
            return -1;
        }
    }
    return 0;
}

int k_disk(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    struct dc_vec *disks;
    unsigned int i, j;

    if ( device_list(c, k, v, "disks", dc_parse_disk, 0) )
        return -1;
    disks = dc_get_vec(c->root, "disks");
    for ( i = 0; i < disks->n; i++ )
        for ( j = 0; j < i; j++ )
            if ( !strcmp(dc_get_str(disks->e[i].o, "vdev"),
                         dc_get_str(disks->e[j].o, "vdev")) )
                return x_err(c, xlcfg_list_elem(v, i), "disk: vdev '%s' is "
                             "used twice", dc_get_str(disks->e[i].o, "vdev"));
    return 0;
}

int k_vif(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    struct dc_vec *nics;
    unsigned int i, j;

    if ( device_list(c, k, v, "nics", dc_parse_vif, 1) )
        return -1;
    nics = dc_get_vec(c->root, "nics");
    for ( i = 0; i < nics->n; i++ )
        for ( j = 0; j < i; j++ )
        {
            const char *a = dc_get_str(nics->e[i].o, "mac");
            const char *b = dc_get_str(nics->e[j].o, "mac");

            if ( a && b && !strcmp(a, b) )
                return x_err(c, xlcfg_list_elem(v, i), "vif: mac %s is used "
                             "twice", a);
        }
    return 0;
}

int k_pci(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    struct dc_vec *pcis;
    unsigned int i;

    if ( device_list(c, k, v, "pcidevs", dc_parse_pci, 0) )
        return -1;
    /* pci_permissive= etc. are defaults that a device's own item overrides;
     * apply them where the device left the field unset. */
    pcis = dc_get_vec(c->root, "pcidevs");
    for ( i = 0; i < pcis->n; i++ )
    {
        struct dc_obj *p = pcis->e[i].o;
        char spec[1024];
        char *why = NULL;

        snprintf(spec, sizeof(spec), ",%s",
                 xlcfg_value_string(xlcfg_list_elem(v, i)));
        if ( !strstr(spec, ",permissive=") )
            dc_set_int(p, "permissive", c->pci_defaults[0]);
        if ( !strstr(spec, ",msitranslate=") )
            dc_set_int(p, "msitranslate", c->pci_defaults[1]);
        if ( !strstr(spec, ",seize=") )
            dc_set_int(p, "seize", c->pci_defaults[2]);
        if ( !strstr(spec, ",power_mgmt=") )
            dc_set_int(p, "power_mgmt", c->pci_defaults[3]);
        if ( !strstr(spec, ",rdm_policy=") && c->pci_rdm_policy >= 0 )
            dc_set_int(p, "rdm_policy", c->pci_rdm_policy);
        free(why);
    }
    return 0;
}

int k_pci_default(struct xctx *c, const struct xkey *k,
                         const xlcfg_value *v)
{
    int b;

    if ( x_bool(c, k, v, &b) )
        return -1;
    c->pci_defaults[k->lo] = b;
    return 0;
}

int k_pci_rdm_policy(struct xctx *c, const struct xkey *k,
                            const xlcfg_value *v)
{
    const char *s;

    if ( x_string(c, k, v, &s) )
        return -1;
    if ( dc_enum_lookup(&dc_enum_rdm_policy, s, &c->pci_rdm_policy) ||
         c->pci_rdm_policy < 0 )
        return x_err(c, v, "pci_rdm_policy: expected \"strict\" or "
                     "\"relaxed\", not \"%s\"", s);
    return 0;
}

/* Each vfb= also gets its virtual keyboard, as xl adds one. */
int k_vfb(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    unsigned int i;

    if ( device_list(c, k, v, "vfbs", dc_parse_vfb, 1) )
        return -1;
    for ( i = 0; i < xlcfg_list_len(v); i++ )
    {
        struct dc_obj *vkb = dc_array_add(c->root, "vkbs");

        if ( !vkb )
            return x_nomem(c, v);
        dc_set_int(vkb, "devid", i);
    }
    return 0;
}

/* vkb= devices follow the ones vfb= added, with devids after theirs. */
int k_vkb(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    unsigned int i, base;

    if ( x_list(c, k, v) )
        return -1;
    base = dc_get_vec(c->root, "vkbs")->n;
    for ( i = 0; i < xlcfg_list_len(v); i++ )
    {
        const xlcfg_value *e = xlcfg_list_elem(v, i);
        const char *spec;
        struct dc_obj *dev;
        char *why = NULL;

        if ( x_string(c, k, e, &spec) )
            return -1;
        dev = dc_array_add(c->root, "vkbs");
        if ( !dev )
            return x_nomem(c, e);
        dc_set_int(dev, "devid", base + i);
        if ( dc_parse_vkb(dev, spec, &why) )
        {
            x_err(c, e, "vkb: '%s': %s", spec, why ? why : "out of memory");
            free(why);
            return -1;
        }
    }
    return 0;
}

int k_channel(struct xctx *c, const struct xkey *k,
                     const xlcfg_value *v)
{
    return device_list(c, k, v, "channels", dc_parse_channel, 1);
}

int k_vtpm(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    return device_list(c, k, v, "vtpms", dc_parse_vtpm, 1);
}

int k_p9(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    return device_list(c, k, v, "p9s", dc_parse_p9, 1);
}

int k_usbctrl(struct xctx *c, const struct xkey *k,
                     const xlcfg_value *v)
{
    return device_list(c, k, v, "usbctrls", dc_parse_usbctrl, 1);
}

static int parse_dtdev(struct dc_obj *o, const char *spec, char **why)
{
    if ( spec[0] != '/' )
    {
        *why = strdup("expected a device tree path starting with '/'");
        return -1;
    }
    return dc_set_str(o, "path", spec);
}

int k_dtdev(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    return device_list(c, k, v, "dtdevs", parse_dtdev, 0);
}

/* ioports = [ "FIRST[-LAST]", ... ] in hex. */
int k_ioports(struct xctx *c, const struct xkey *k,
                     const xlcfg_value *v)
{
    unsigned int i;

    if ( x_list(c, k, v) )
        return -1;
    for ( i = 0; i < xlcfg_list_len(v); i++ )
    {
        const xlcfg_value *e = xlcfg_list_elem(v, i);
        const char *s;
        char *end;
        unsigned long a, b;
        struct dc_obj *r;

        if ( x_string(c, k, e, &s) )
            return -1;
        a = strtoul(s, &end, 16);
        b = a;
        if ( end != s && *end == '-' )
            b = strtoul(end + 1, &end, 16);
        if ( end == s || *end || a > 0xffff || b > 0xffff || b < a ||
             !isxdigit((unsigned char)*s) )
            return x_err(c, e, "ioports: bad range \"%s\": expected hex "
                         "FIRST or FIRST-LAST within 0-ffff", s);
        r = dc_array_add(c->b_info, "ioports");
        if ( !r )
            return x_nomem(c, e);
        dc_set_int(r, "first", a);
        dc_set_int(r, "number", b - a + 1);
    }
    return 0;
}

/* iomem = [ "START,NUM[@GFN]", ... ] in hex page numbers. */
int k_iomem(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    unsigned int i;

    if ( x_list(c, k, v) )
        return -1;
    for ( i = 0; i < xlcfg_list_len(v); i++ )
    {
        const xlcfg_value *e = xlcfg_list_elem(v, i);
        const char *s;
        char *end;
        unsigned long long start, num, gfn = 0;
        int has_gfn = 0;
        struct dc_obj *r;

        if ( x_string(c, k, e, &s) )
            return -1;
        start = strtoull(s, &end, 16);
        if ( end == s || *end != ',' || !isxdigit((unsigned char)*s) )
            goto bad;
        s = end + 1;
        num = strtoull(s, &end, 16);
        if ( end == s || num == 0 || !isxdigit((unsigned char)*s) )
            goto bad;
        if ( *end == '@' )
        {
            s = end + 1;
            gfn = strtoull(s, &end, 16);
            if ( end == s || !isxdigit((unsigned char)*s) )
                goto bad;
            has_gfn = 1;
        }
        /* Frame numbers fit in 52 bits (x86-64's physical address width). */
        if ( *end || start >= (1ULL << 52) || num >= (1ULL << 52) ||
             gfn >= (1ULL << 52) )
            goto bad;
        r = dc_array_add(c->b_info, "iomem");
        if ( !r )
            return x_nomem(c, e);
        dc_set_int(r, "start", start);
        dc_set_int(r, "number", num);
        if ( has_gfn )
            dc_set_int(r, "gfn", gfn);
        continue;
 bad:
        return x_err(c, e, "iomem: bad range \"%s\": expected hex "
                     "\"START,NUM_PAGES[@GFN]\", frame numbers below "
                     "2^52", xlcfg_value_string(e));
    }
    return 0;
}

int k_irqs(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    union dc_slot *irqs = dc_slot(c->b_info, "irqs");
    unsigned int i;

    if ( x_list(c, k, v) )
        return -1;
    for ( i = 0; i < xlcfg_list_len(v); i++ )
    {
        union dc_slot item;

        if ( x_int(c, k, xlcfg_list_elem(v, i), 0, 0xffffffffLL, &item.i) )
            return -1;
        if ( dc_vec_push(irqs, item) )
            return x_nomem(c, v);
    }
    return 0;
}
