/*
 * The pci= mini-language: "[DDDD:]BB:DD.F[@VSLOT][,KEY=VALUE...]" with F a
 * function number or '*' (all functions), and the keys permissive,
 * msitranslate, seize, power_mgmt, rdm_policy, vslot and name.
 */
#include <stdlib.h>
#include <string.h>

#include "domcfg_priv.h"
#include "xlcfg.h"

static int hexnum(const char **p, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v = strtoul(*p, &end, 16);

    if ( end == *p || v > max || **p == '-' || **p == '+' || **p == ' ' )
        return -1;
    *p = end;
    *out = v;
    return 0;
}

/* Parse a BDF with optional domain and @vslot into PCI. */
static int parse_bdf(struct dc_obj *pci, const char *s, char **why)
{
    const char *p = s, *colon2;
    unsigned long dom = 0, bus, dev, func = 0, vslot;

    colon2 = strchr(s, ':') ? strchr(strchr(s, ':') + 1, ':') : NULL;
    if ( colon2 && (hexnum(&p, 0xffff, &dom) || *p++ != ':') )
        goto bad;
    if ( hexnum(&p, 0xff, &bus) || *p++ != ':' ||
         hexnum(&p, 0x1f, &dev) || *p++ != '.' )
        goto bad;
    if ( *p == '*' )
    {
        p++;
        dc_set_int(pci, "vfunc_mask", 0xffffffffLL);   /* LIBXL_PCI_FUNC_ALL */
    }
    else if ( hexnum(&p, 7, &func) )
        goto bad;
    if ( *p == '@' )
    {
        p++;
        if ( hexnum(&p, 0x1f, &vslot) )
            goto bad;
        dc_set_int(pci, "vdevfn", (vslot << 3) | func);
    }
    if ( *p )
        goto bad;
    dc_set_int(pci, "domain", dom);
    dc_set_int(pci, "bus", bus);
    dc_set_int(pci, "dev", dev);
    dc_set_int(pci, "func", func);
    return 0;

 bad:
    *why = dc_strdup_printf("bad PCI address '%s': expected "
                            "[DDDD:]BB:DD.F[@VSLOT], hex, e.g. 0000:03:00.0", s);
    return -1;
}

int dc_parse_pci(struct dc_obj *pci, const char *spec, char **why)
{
    static const char *const keys[] = { "permissive", "msitranslate", "seize",
                                        "power_mgmt", "rdm_policy", "vslot",
                                        "name", "bdf", NULL };
    struct dc_kv *kv = NULL;
    unsigned int n = 0, i;
    int rc = -1, have_bdf = 0;

    *why = NULL;
    if ( dc_split_spec(spec, &kv, &n, why) )
        return -1;
    for ( i = 0; i < n; i++ )
    {
        const char *k = kv[i].key, *v = kv[i].val;
        int b;

        if ( !k || !strcmp(k, "bdf") )
        {
            if ( have_bdf || (!k && i) )
            {
                *why = dc_strdup_printf("unexpected '%s': the PCI address "
                                        "comes first, then KEY=VALUE items", v);
                goto out;
            }
            if ( parse_bdf(pci, v, why) )
                goto out;
            have_bdf = 1;
        }
        else if ( !strcmp(k, "permissive") || !strcmp(k, "msitranslate") ||
                  !strcmp(k, "seize") || !strcmp(k, "power_mgmt") )
        {
            if ( dc_parse_bool_word(v, &b) )
            {
                *why = dc_strdup_printf("bad %s '%s': expected 0 or 1", k, v);
                goto out;
            }
            dc_set_int(pci, k, b);
        }
        else if ( !strcmp(k, "rdm_policy") )
        {
            long long pol;

            if ( dc_enum_lookup(&dc_enum_rdm_policy, v, &pol) || pol < 0 )
            {
                *why = dc_strdup_printf("bad rdm_policy '%s': expected strict "
                                        "or relaxed", v);
                goto out;
            }
            dc_set_int(pci, "rdm_policy", pol);
        }
        else if ( !strcmp(k, "vslot") )
        {
            const char *p = v;
            unsigned long slot;

            if ( hexnum(&p, 0x1f, &slot) || *p )
            {
                *why = dc_strdup_printf("bad vslot '%s': expected 0-1f", v);
                goto out;
            }
            dc_set_int(pci, "vdevfn", (slot << 3) | dc_get_int(pci, "func"));
        }
        else if ( !strcmp(k, "name") )
        {
            if ( dc_set_str(pci, "name", v) )
                goto nomem;
            have_bdf = 1;
        }
        else
        {
            const char *s = xlcfg_closest(k, keys);

            *why = dc_strdup_printf("unknown pci parameter '%s'%s%s%s", k,
                                    s ? " (did you mean '" : "", s ? s : "",
                                    s ? "'?)" : "");
            goto out;
        }
    }
    if ( !have_bdf )
    {
        *why = strdup("no PCI address: expected [DDDD:]BB:DD.F or name=");
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
