/*
 * xl sched-credit: the credit scheduler's parameters, per domain (weight,
 * cap) and per pool (time slice, rate limit, migration delay).  As in Xen
 * 4.17, a pool run by another scheduler (credit2 is Xen's default) shows
 * nothing here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"
#include "xldom.h"

static int pool_line(xc_interface *xch)
{
    struct xc_sched_credit_params p;

    if ( xc_sched_credit_params_get(xch, 0, &p) )
        printf("Cpupool %s: [sched params unavailable]\n", "Pool-0");
    else
        printf("Cpupool %s: tslice=%ums ratelimit=%uus migration-delay=%uus\n",
               "Pool-0", p.tslice_ms, p.ratelimit_us, p.vcpu_migr_delay_us);
    return 0;
}

static int domain_line(xldom_ctx *ctx, uint32_t domid)
{
    struct xc_sched_credit sc;
    char *name;

    if ( xc_sched_credit_domain_get(xldom_xc(ctx), domid, &sc) )
    {
        fprintf(stderr, "xl: sched-credit: %s\n", xc_error(xldom_xc(ctx)));
        return 1;
    }
    name = xldom_name(ctx, domid);
    printf("%-33s %4u %6u %4u\n", name ? name : "(null)", domid, sc.weight,
           sc.cap);
    free(name);
    return 0;
}

/* A number option; -1 after printing why when it is not one. */
static long number(const char *what, const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);

    if ( end == s || *end || v < 0 )
    {
        fprintf(stderr, "xl: sched-credit: invalid %s '%s'\n", what, s);
        return -1;
    }
    return v;
}

/* See xl.h. */
int main_sched_credit(int argc, char **argv)
{
    const char *dom = NULL;
    long weight = -1, cap = -1, tslice = -1, rlimit = -1, mdelay = -1;
    int opt, opt_s = 0, pool = 0, rc = 1;
    xldom_ctx *ctx;
    xc_interface *xch;
    unsigned int sched, n, i;
    xc_dominfo_t *list = NULL;
    uint32_t domid;
    char *err = NULL;

    while ( (opt = xl_getopt(argc, argv, "hd:w:c:p:t:r:m:sj", xl_long_opts,
                             "sched-credit", 0)) != -1 )
    {
        switch ( opt )
        {
        case 'd': dom = optarg; break;
        case 'w': if ( (weight = number("weight", optarg)) < 0 ) return 1; break;
        case 'c': if ( (cap = number("cap", optarg)) < 0 ) return 1; break;
        case 't': if ( (tslice = number("tslice", optarg)) < 0 ) return 1; break;
        case 'r': if ( (rlimit = number("ratelimit", optarg)) < 0 ) return 1; break;
        case 'm': if ( (mdelay = number("delay", optarg)) < 0 ) return 1; break;
        case 'p': pool = 1; break;
        case 's': opt_s = 1; break;
        }
    }
    if ( (pool || opt_s) && (dom || weight >= 0 || cap >= 0) )
    {
        fprintf(stderr, "Specifying a cpupool or schedparam is not allowed "
                "with domain options.\n");
        return 1;
    }
    if ( !dom && (weight >= 0 || cap >= 0) )
    {
        fprintf(stderr, "Must specify a domain.\n");
        return 1;
    }
    if ( !opt_s && (tslice >= 0 || rlimit >= 0 || mdelay >= 0) )
    {
        fprintf(stderr, "Must specify schedparam to set schedule parameter "
                "values.\n");
        return 1;
    }
    if ( !(ctx = xl_open("sched-credit")) )
        return 1;
    xch = xldom_xc(ctx);
    if ( xc_sched_id(xch, &sched) )
    {
        fprintf(stderr, "xl: sched-credit: %s\n", xc_error(xch));
        goto out;
    }
    if ( opt_s )
    {
        struct xc_sched_credit_params p;

        if ( sched != XC_SCHEDULER_CREDIT )
        {
            rc = 0;
            goto out;
        }
        if ( tslice < 0 && rlimit < 0 && mdelay < 0 )
            rc = pool_line(xch);
        else if ( xc_sched_credit_params_get(xch, 0, &p) )
            fprintf(stderr, "xl: sched-credit: %s\n", xc_error(xch));
        else
        {
            if ( tslice >= 0 )
                p.tslice_ms = (uint32_t)tslice;
            if ( rlimit >= 0 )
                p.ratelimit_us = (uint32_t)rlimit;
            if ( mdelay >= 0 )
                p.vcpu_migr_delay_us = (uint32_t)mdelay;
            if ( xc_sched_credit_params_set(xch, 0, &p) )
                fprintf(stderr, "xl: sched-credit: %s\n", xc_error(xch));
            else
                rc = 0;
        }
    }
    else if ( !dom )
    {
        rc = 0;
        if ( sched != XC_SCHEDULER_CREDIT )
            goto out;
        pool_line(xch);
        printf("%-33s %4s %6s %4s\n", "Name", "ID", "Weight", "Cap");
        if ( xldom_list(ctx, &list, &n, &err) )
        {
            fprintf(stderr, "xl: %s\n", err);
            rc = 1;
        }
        else
            for ( i = 0; i < n; i++ )
                rc |= domain_line(ctx, list[i].domid);
    }
    else if ( !xl_find_domain(ctx, dom, &domid) )
    {
        if ( weight < 0 && cap < 0 )
        {
            printf("%-33s %4s %6s %4s\n", "Name", "ID", "Weight", "Cap");
            rc = domain_line(ctx, domid);
        }
        else
        {
            struct xc_sched_credit sc;

            if ( xc_sched_credit_domain_get(xch, domid, &sc) )
                fprintf(stderr, "xl: sched-credit: %s\n", xc_error(xch));
            else
            {
                if ( weight >= 0 )
                    sc.weight = (uint16_t)weight;
                if ( cap >= 0 )
                    sc.cap = (uint16_t)cap;
                if ( weight > 65535 || cap > 65535 ||
                     xc_sched_credit_domain_set(xch, domid, &sc) )
                    fprintf(stderr, "xl: sched-credit: %s\n",
                            weight > 65535 || cap > 65535
                            ? "weight and cap are at most 65535"
                            : xc_error(xch));
                else
                    rc = 0;
            }
        }
    }
 out:
    free(err);
    free(list);
    xldom_close(ctx);
    return rc || fflush(stdout) ? 1 : 0;
}
