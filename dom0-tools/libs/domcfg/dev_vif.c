/*
 * The vif= mini-language (Xen's xl-network-configuration): KEY=VALUE items
 * mac, bridge, ip, type, model, vifname, script, backend, rate, gatewaydev,
 * mtu, plus the trusted/untrusted flags.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "domcfg_priv.h"
#include "xlcfg.h"

static const char *const vif_keys[] = {
    "mac", "bridge", "ip", "type", "model", "vifname", "script", "backend",
    "rate", "gatewaydev", "mtu", "forwarddev", "accel", "trusted",
    "untrusted", NULL
};

/*
 * RATE is "N{,K,M,G}{B,b}/s" with an optional "@N{s,ms,us}" interval
 * (default 50ms), as xl-network-configuration describes; the result is the
 * credit per interval in bytes, as libxl stores it.
 */
int dc_parse_rate(const char *spec, long long *bytes_per_interval,
                  long long *interval_usecs, char **why)
{
    const char *p = spec;
    char *end;
    double rate, mult = 1;
    unsigned long long usecs = 50000;

    rate = strtod(p, &end);
    if ( end == p || rate <= 0 )
        goto bad;
    p = end;
    switch ( *p )
    {
    case 'G': mult = 1e9; p++; break;
    case 'M': mult = 1e6; p++; break;
    case 'K': case 'k': mult = 1e3; p++; break;
    }
    if ( *p == 'b' )
        mult /= 8;
    else if ( *p != 'B' )
        goto bad;
    p++;
    if ( strncmp(p, "/s", 2) )
        goto bad;
    p += 2;
    if ( *p == '@' )
    {
        double t = strtod(p + 1, &end);

        if ( end == p + 1 || t <= 0 )
            goto bad;
        if ( !strcmp(end, "s") )
            usecs = t * 1e6;
        else if ( !strcmp(end, "ms") )
            usecs = t * 1e3;
        else if ( !strcmp(end, "us") )
            usecs = t;
        else
            goto bad;
        if ( usecs == 0 || usecs > 0xffffffffULL )
            goto bad;
        p += strlen(p);
    }
    if ( *p )
        goto bad;
    rate *= mult;
    if ( rate * usecs / 1e6 < 1 || rate * usecs / 1e6 > 9e18 )
        goto bad;
    *bytes_per_interval = (long long)(rate * usecs / 1e6);
    *interval_usecs = usecs;
    return 0;

 bad:
    *why = dc_strdup_printf("bad rate '%s': expected e.g. 10Mb/s, 1GB/s or "
                            "100Mb/s@20ms", spec);
    return -1;
}

static int set_mac(struct dc_obj *nic, const char *v, char **why)
{
    char mac[18];

    if ( dc_mac_parse(v, mac) )
    {
        *why = dc_strdup_printf("bad mac '%s': expected six hex octets such "
                                "as 00:16:3e:12:34:56", v);
        return -1;
    }
    if ( strtoul(mac, NULL, 16) & 1 )
    {
        *why = dc_strdup_printf("bad mac '%s': a multicast address (low bit "
                                "of the first octet set) cannot be a NIC's",
                                v);
        return -1;
    }
    return dc_set_str(nic, "mac", mac);
}

static int one(struct dc_obj *nic, const char *k, const char *v, char **why)
{
    static const struct { const char *key, *field; } strs[] = {
        { "bridge", "bridge" }, { "ip", "ip" }, { "model", "model" },
        { "vifname", "ifname" }, { "script", "script" },
        { "backend", "backend_domname" }, { "gatewaydev", "gatewaydev" },
        { "forwarddev", "coloft_forwarddev" },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(strs) / sizeof(strs[0]); i++ )
        if ( !strcmp(k, strs[i].key) )
            return dc_set_str(nic, strs[i].field, v) ?
                   (*why = strdup("out of memory"), -1) : 0;
    if ( !strcmp(k, "mac") )
        return set_mac(nic, v, why);
    if ( !strcmp(k, "type") )
    {
        if ( !strcmp(v, "ioemu") )
            dc_set_int(nic, "nictype", 1);
        else if ( !strcmp(v, "vif") )
            dc_set_int(nic, "nictype", 2);
        else
        {
            *why = dc_strdup_printf("bad type '%s': expected vif or ioemu", v);
            return -1;
        }
        return 0;
    }
    if ( !strcmp(k, "rate") )
    {
        long long b, u;

        if ( dc_parse_rate(v, &b, &u, why) )
            return -1;
        dc_set_int(nic, "rate_bytes_per_interval", b);
        dc_set_int(nic, "rate_interval_usecs", u);
        return 0;
    }
    if ( !strcmp(k, "mtu") )
    {
        char *end;
        long mtu = strtol(v, &end, 10);

        if ( !*v || *end || mtu < 68 || mtu > 65535 )
        {
            *why = dc_strdup_printf("bad mtu '%s': expected 68-65535", v);
            return -1;
        }
        dc_set_int(nic, "mtu", mtu);
        return 0;
    }
    if ( !strcmp(k, "accel") )
        return 0;   /* obsolete; xl ignores it too */
    {
        const char *s = xlcfg_closest(k, vif_keys);

        *why = dc_strdup_printf("unknown vif parameter '%s'%s%s%s", k,
                                s ? " (did you mean '" : "", s ? s : "",
                                s ? "'?)" : "");
    }
    return -1;
}

int dc_parse_vif(struct dc_obj *nic, const char *spec, char **why)
{
    struct dc_kv *kv = NULL;
    unsigned int n = 0, i;
    int rc = -1;

    *why = NULL;
    if ( dc_split_spec(spec, &kv, &n, why) )
        return -1;
    for ( i = 0; i < n; i++ )
    {
        if ( !kv[i].key )
        {
            if ( !*kv[i].val && n == 1 )
                break;      /* '' : a vif with every default */
            if ( !strcmp(kv[i].val, "trusted") ||
                 !strcmp(kv[i].val, "untrusted") )
            {
                dc_set_int(nic, "trusted", kv[i].val[0] == 't' ? 1 : -1);
                continue;
            }
            *why = dc_strdup_printf("bad vif item '%s': expected KEY=VALUE "
                                    "(mac=, bridge=, ...)", kv[i].val);
            goto out;
        }
        if ( one(nic, kv[i].key, kv[i].val, why) )
            goto out;
    }
    rc = 0;

 out:
    dc_free_spec(kv, n);
    return rc;
}
