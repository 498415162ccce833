/*
 * xl list: the domains, in Xen 4.17's columns, or (-l, --json) each one's
 * saved configuration as JSON.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domcfg.h"
#include "xl.h"
#include "xldom.h"

/* One line of "xl list", as xl's list_domains prints it. */
static void print_line(xldom_ctx *ctx, const xc_dominfo_t *d, int verbose,
                       int context, int cpupool, int numa)
{
    /* Shutdown reasons: poweroff, reboot, suspend, crash, watchdog,
     * soft_reset. */
    static const char letters[] = "-rscwS";
    unsigned int reason = d->shutdown ? d->shutdown_reason : 0;
    char *name = xldom_name(ctx, d->domid), uuid[37];

    printf("%-40s %5u %5lu %5u     %c%c%c%c%c%c  %8.1f", name ? name : "(null)",
           d->domid,
           (unsigned long)((d->tot_pages + d->outstanding_pages) * 4 / 1024),
           d->nr_online_vcpus, d->running ? 'r' : '-',
           d->blocked ? 'b' : '-', d->paused ? 'p' : '-',
           d->shutdown ? 's' : '-',
           reason < sizeof(letters) - 1 ? letters[reason] : '?',
           d->dying ? 'd' : '-', (float)d->cpu_time / 1e9);
    if ( verbose )
    {
        xldom_uuid_str(d->handle, uuid);
        printf(" %s", uuid);
        if ( d->shutdown )
            printf(" %8x", reason);
        else
            printf(" %8s", "-");
    }
    if ( verbose || context )
        printf(" %16s", "-");
    if ( cpupool )
        printf(" %16s", d->cpupool == 0 ? "Pool-0" : "?");
    if ( numa )
        printf(" %s", "all");
    putchar('\n');
    free(name);
}

/* Print text indented by n spaces, blank lines left empty (as yajl). */
static void print_indented(const char *text, int n, int skip_first)
{
    const char *line = text, *nl;
    int first = 1;

    while ( *line )
    {
        nl = strchr(line, '\n');
        if ( !nl )
            nl = line + strlen(line);
        if ( nl > line && !(first && skip_first) )
            printf("%*s", n, "");
        fwrite(line, 1, nl - line, stdout);
        if ( *nl )
        {
            putchar('\n');
            nl++;
        }
        line = nl;
        first = 0;
    }
}

/* xl list -l: [ { "domid": N, "config": {...} }, ... ] */
static int list_details(xldom_ctx *ctx, const xc_dominfo_t *info,
                        unsigned int n)
{
    unsigned int i, printed = 0;
    char *err = NULL, *json;
    domcfg *d;
    size_t len;

    printf("[\n");
    for ( i = 0; i < n; i++ )
    {
        if ( xldom_config_load(ctx, info[i].domid, &d, &err) )
        {
            /* As libxl: a domain without a saved configuration (one made
             * by another toolstack) is left out, with a message. */
            fprintf(stderr, "xl: %s\n", err);
            free(err);
            err = NULL;
            continue;
        }
        if ( domcfg_to_json(d, &json) )
        {
            domcfg_free(d);
            fprintf(stderr, "xl: domain %u: cannot print its configuration\n",
                    info[i].domid);
            continue;
        }
        len = strlen(json);
        while ( len && json[len - 1] == '\n' )
            json[--len] = '\0';
        printf("%s    {\n        \"domid\": %u,\n        \"config\": ",
               printed ? ",\n" : "", info[i].domid);
        print_indented(json, 8, 1);
        printf("\n    }");
        printed++;
        free(json);
        domcfg_free(d);
    }
    printf("%s]\n", printed ? "\n" : "\n");
    return 0;
}

/* See xl.h: xl list [-l|-j] [-v] [-Z] [-c] [-n] [Domain]. */
int main_list(int argc, char **argv)
{
    int opt, details = 0, verbose = 0, context = 0, cpupool = 0, numa = 0;
    int rc = 1;
    xldom_ctx *ctx;
    xc_dominfo_t *info = NULL, one;
    unsigned int n = 0, i;
    uint32_t domid;
    char *err = NULL;

    while ( (opt = xl_getopt(argc, argv, "hljvZcn", xl_long_opts, "list",
                             0)) != -1 )
    {
        switch ( opt )
        {
        case 'l': case 'j': details = 1; break;
        case 'v': verbose = 1; break;
        case 'Z': context = 1; break;
        case 'c': cpupool = 1; break;
        case 'n': numa = 1; break;
        }
    }
    if ( argc - optind > 1 )
    {
        xl_help("list");
        return 2;
    }
    if ( !(ctx = xl_open("list")) )
        return 1;
    if ( optind < argc )
    {
        if ( xl_find_domain(ctx, argv[optind], &domid) )
            goto out;
        if ( xc_domain_getinfo(xldom_xc(ctx), domid, &one) )
        {
            fprintf(stderr, "Error: Domain '%s' does not exist.\n",
                    argv[optind]);
            goto out;
        }
        info = &one;
        n = 1;
    }
    else if ( xldom_list(ctx, &info, &n, &err) )
    {
        fprintf(stderr, "xl: %s\n", err);
        goto out;
    }
    if ( details )
        rc = list_details(ctx, info, n);
    else
    {
        printf("Name                                        ID   Mem VCPUs\t"
               "State\tTime(s)");
        if ( verbose )
            printf("   UUID                            Reason-Code\tSecurity "
                   "Label");
        if ( context && !verbose )
            printf("   Security Label");
        if ( cpupool )
            printf("         Cpupool");
        if ( numa )
            printf(" NODE Affinity");
        printf("\n");
        for ( i = 0; i < n; i++ )
            print_line(ctx, &info[i], verbose, context, cpupool, numa);
        rc = 0;
    }
 out:
    if ( info != &one )
        free(info);
    free(err);
    xldom_close(ctx);
    return rc || fflush(stdout) ? 1 : 0;
}
