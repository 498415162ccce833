/*
 * xl.cfg keys with their own syntax that HVM guests use: vga=, firmware=,
 * serial=, viridian=, gfx_passthru=, rdm=, mca_caps=, and
 * device_model_version=.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "from_xlcfg.h"

/* vga = "stdvga" | "cirrus" | "none" | "qxl"; stdvga=1 is the old form. */
int k_vga(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    struct dc_obj *vga = dc_get_obj(x_target(c, T_HVM), "vga");
    const char *s;

    if ( !strcmp(k->name, "stdvga") )
    {
        int b;

        if ( x_bool(c, k, v, &b) )
            return -1;
        if ( xlcfg_get(c->cfg, "vga") )
            return 0;   /* vga= wins */
        x_warn(c, v, "stdvga is deprecated; use vga = \"stdvga\"");
        dc_set_int(vga, "kind", b ? 2 : 1);
        return 0;
    }
    if ( x_string(c, k, v, &s) )
        return -1;
    if ( !strcmp(s, "stdvga") )
        dc_set_int(vga, "kind", 2);
    else if ( !strcmp(s, "cirrus") )
        dc_set_int(vga, "kind", 1);
    else if ( !strcmp(s, "none") )
        dc_set_int(vga, "kind", 3);
    else if ( !strcmp(s, "qxl") )
        dc_set_int(vga, "kind", 4);
    else
        return x_err(c, v, "vga: unknown value \"%s\": expected \"stdvga\", "
                     "\"cirrus\", \"qxl\" or \"none\"", s);
    return 0;
}

/* HVM firmware= and bios=: a BIOS name, or (firmware=) a file. */
int k_firmware(struct xctx *c, const struct xkey *k,
                      const xlcfg_value *v)
{
    struct dc_obj *hvm = x_target(c, T_HVM);
    const char *s;

    if ( x_string(c, k, v, &s) )
        return -1;
    if ( c->type == 3 )
    {
        /* PVH firmware is the kernel that is loaded. */
        if ( dc_get_str(c->b_info, "kernel") )
            return x_err(c, v, "firmware: give kernel= or firmware=, not "
                         "both");
        return dc_set_str(c->b_info, "kernel", s) ? x_nomem(c, v) : 0;
    }
    if ( !strcmp(s, "bios") || !strcmp(s, "seabios") )
        dc_set_int(hvm, "bios", 2);
    else if ( !strcmp(s, "rombios") )
        dc_set_int(hvm, "bios", 1);
    else if ( !strcmp(s, "uefi") || !strcmp(s, "ovmf") )
        dc_set_int(hvm, "bios", 3);
    else if ( !strcmp(k->name, "bios") )
        return x_err(c, v, "bios: unknown value \"%s\": expected \"seabios\", "
                     "\"rombios\" or \"ovmf\"", s);
    else
        return dc_set_str(hvm, "firmware", s) ? x_nomem(c, v) : 0;
    return 0;
}

/* serial = "pty" or [ "pty", ... ] (HVM). */
int k_serial(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    struct xkey k2 = *k;

    if ( xlcfg_value_type(v) == XLCFG_LIST )
    {
        k2.field = k->name[0] == 's' ? "serial_list" : "usbdevice_list";
        return k_set_strlist(c, &k2, v);
    }
    return k_set_nonempty(c, k, v);
}

/* viridian = 0/1, or a list of enlightenment groups with "!" to disable. */
int k_viridian(struct xctx *c, const struct xkey *k,
                      const xlcfg_value *v)
{
    static const char *const groups[] = { "base", "freq", "time_ref_count",
        "reference_tsc", "hcall_remote_tlb_flush", "apic_assist",
        "crash_ctl", "synic", "stimer", "hcall_ipi", "ex_processor_masks",
        "no_vp_limit", "cpu_hotplug", NULL };
    struct dc_obj *hvm = x_target(c, T_HVM);
    unsigned int i, g;

    if ( xlcfg_value_type(v) != XLCFG_LIST )
    {
        int b;

        if ( x_bool(c, k, v, &b) )
            return -1;
        dc_set_int(hvm, "viridian", b ? 1 : -1);
        return 0;
    }
    dc_set_int(hvm, "viridian", 1);
    for ( i = 0; i < xlcfg_list_len(v); i++ )
    {
        const xlcfg_value *e = xlcfg_list_elem(v, i);
        const char *s;
        int neg;

        if ( x_string(c, k, e, &s) )
            return -1;
        neg = s[0] == '!';
        s += neg;
        if ( !strcmp(s, "defaults") || !strcmp(s, "all") )
        {
            for ( g = 0; groups[g]; g++ )
                if ( (s[0] == 'a' || g < 4) &&
                     dc_bitmap_set(dc_slot(hvm, neg ? "viridian_disable"
                                                    : "viridian_enable"), g) )
                    return x_nomem(c, e);
            continue;
        }
        for ( g = 0; groups[g] && strcmp(groups[g], s); g++ )
            ;
        if ( !groups[g] )
        {
            const char *best = xlcfg_closest(s, groups);

            return x_err(c, e, "viridian: unknown enlightenment \"%s\"%s%s%s",
                         s, best ? " (did you mean \"" : "", best ? best : "",
                         best ? "\"?)" : "");
        }
        if ( dc_bitmap_set(dc_slot(hvm, neg ? "viridian_disable"
                                            : "viridian_enable"), g) )
            return x_nomem(c, e);
    }
    return 0;
}

int k_gfx_passthru(struct xctx *c, const struct xkey *k,
                          const xlcfg_value *v)
{
    struct dc_obj *hvm = x_target(c, T_HVM);

    if ( xlcfg_value_type(v) == XLCFG_STRING &&
         !strcmp(xlcfg_value_string(v), "igd") )
    {
        dc_set_int(hvm, "gfx_passthru", 1);
        dc_set_int(hvm, "gfx_passthru_kind", 1);
        return 0;
    }
    {
        struct xkey k2 = *k;

        k2.target = T_HVM;
        k2.field = "gfx_passthru";
        return k_set_defbool(c, &k2, v);
    }
}

int k_dm_version(struct xctx *c, const struct xkey *k,
                        const xlcfg_value *v)
{
    const char *s;

    if ( x_string(c, k, v, &s) )
        return -1;
    if ( !strcmp(s, "qemu-xen") )
        dc_set_int(c->b_info, "device_model_version", 2);
    else if ( !strcmp(s, "qemu-xen-traditional") )
        dc_set_int(c->b_info, "device_model_version", 1);
    else
        return x_err(c, v, "device_model_version: unknown value \"%s\": "
                     "expected \"qemu-xen\" or \"qemu-xen-traditional\"", s);
    return 0;
}

int k_rdm(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    struct dc_obj *rdm = dc_get_obj(x_target(c, T_HVM), "rdm");
    struct dc_kv *kv = NULL;
    unsigned int n = 0, i;
    const char *s;
    char *why = NULL;
    long long val;
    int rc = -1;

    if ( x_string(c, k, v, &s) )
        return -1;
    if ( dc_split_spec(s, &kv, &n, &why) )
    {
        free(why);
        return x_nomem(c, v);
    }
    for ( i = 0; i < n; i++ )
    {
        const struct dc_enum *en = NULL;

        if ( kv[i].key && !strcmp(kv[i].key, "strategy") )
            en = &dc_enum_rdm_strategy;
        else if ( kv[i].key && !strcmp(kv[i].key, "policy") )
            en = &dc_enum_rdm_policy;
        if ( !en || dc_enum_lookup(en, kv[i].val, &val) || val < 0 )
        {
            x_err(c, v, "rdm: bad item '%s%s%s': expected strategy=host|"
                  "ignore and policy=strict|relaxed",
                  kv[i].key ? kv[i].key : "", kv[i].key ? "=" : "",
                  kv[i].val);
            goto out;
        }
        dc_set_int(rdm, en == &dc_enum_rdm_strategy ? "strategy" : "policy",
                   val);
    }
    rc = 0;
 out:
    dc_free_spec(kv, n);
    return rc;
}

int k_mca_caps(struct xctx *c, const struct xkey *k,
                      const xlcfg_value *v)
{
    const char *s;

    if ( x_string(c, k, v, &s) )
        return -1;
    if ( strcmp(s, "lmce") )
        return x_err(c, v, "mca_caps: unknown capability \"%s\": expected "
                     "\"lmce\"", s);
    dc_set_int(x_target(c, T_HVM), "mca_caps", 1);   /* XEN_HVM_MCA_CAP_LMCE */
    return 0;
}
