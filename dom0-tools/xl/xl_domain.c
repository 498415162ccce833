/*
 * Commands on one domain's life: destroy, shutdown, reboot, pause,
 * unpause.  Output and exit statuses follow Xen 4.17's xl.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"
#include "xldom.h"

/* See xl.h: xl destroy [-f] <Domain>. */
int main_destroy(int argc, char **argv)
{
    int opt, force = xl_force, rc = 1;
    xldom_ctx *ctx;
    uint32_t domid;
    char *err = NULL;

    while ( (opt = xl_getopt(argc, argv, "hf", xl_long_opts, "destroy",
                             1)) != -1 )
        if ( opt == 'f' )
            force = 1;
    if ( !(ctx = xl_open("destroy")) )
        return 1;
    if ( xl_find_domain(ctx, argv[optind], &domid) )
        goto out;
    if ( domid == 0 && !force )
    {
        fprintf(stderr, "Not destroying domain 0; use -f to force.\n"
                "This can only be done when using a disaggregated hardware "
                "domain and toolstack.\n\n");
        goto out;
    }
    if ( xldom_destroy(ctx, domid, &err) )
    {
        fprintf(stderr, "destroy failed: %s\n", err ? err : "?");
        goto out;
    }
    rc = 0;
 out:
    free(err);
    xldom_close(ctx);
    return rc;
}

/*
 * xl shutdown|reboot [-a] [-w] [-F] <Domain>: write control/shutdown; with
 * -w wait until each domain has shut down or gone.
 */
int main_shutdown(int argc, char **argv)
{
    const char *cmd = argv[0];
    int reboot = !strcmp(cmd, "reboot");
    int opt, all = 0, wait = 0, rc = 0, i;
    xldom_ctx *ctx;
    uint32_t *doms = NULL;
    unsigned int ndoms = 0, n;
    xc_dominfo_t *list = NULL;
    char *err = NULL;

    while ( (opt = xl_getopt(argc, argv, "haFw", xl_long_opts, cmd, 0)) != -1 )
    {
        if ( opt == 'a' )
            all = 1;
        else if ( opt == 'w' )
            wait = 1;
        /* -F: the ACPI fallback is for HVM guests; PV ones always have
         * the control node. */
    }
    if ( !all && optind >= argc )
    {
        fprintf(stderr, "'xl %s' requires at least 1 argument.\n\n", cmd);
        xl_help(cmd);
        return 2;
    }
    if ( all && optind < argc )
    {
        fprintf(stderr, "You must specify -a or a domain id.\n\n");
        xl_help(cmd);
        return 2;
    }
    if ( !(ctx = xl_open(cmd)) )
        return 1;
    if ( all )
    {
        if ( xldom_list(ctx, &list, &n, &err) )
        {
            fprintf(stderr, "xl: %s\n", err);
            rc = 1;
            goto out;
        }
        doms = calloc(n ? n : 1, sizeof(*doms));
        for ( i = 0; doms && i < (int)n; i++ )
            if ( list[i].domid != 0 && !list[i].dying )
                doms[ndoms++] = list[i].domid;
    }
    else
    {
        doms = calloc(1, sizeof(*doms));
        if ( doms && xl_find_domain(ctx, argv[optind], &doms[0]) )
        {
            rc = 1;
            goto out;
        }
        ndoms = 1;
    }
    if ( !doms )
    {
        rc = 1;
        goto out;
    }
    for ( i = 0; i < (int)ndoms; i++ )
    {
        fprintf(stderr, "%s domain %u\n", reboot ? "Rebooting" : "Shutting down",
                doms[i]);
        if ( xldom_shutdown(ctx, doms[i], reboot ? XLDOM_REBOOT
                                                 : XLDOM_POWEROFF, &err) )
        {
            fprintf(stderr, "%s failed (%s)\n", reboot ? "reboot" : "shutdown",
                    err);
            free(err);
            err = NULL;
            doms[i] = XC_DOMID_INVALID;
            rc = 1;
        }
    }
    if ( wait && ndoms )
    {
        enum xldom_event ev;
        xc_dominfo_t info;

        fprintf(stderr, "Waiting for %u domains\n", ndoms);
        for ( i = 0; i < (int)ndoms; i++ )
        {
            if ( doms[i] == XC_DOMID_INVALID )
                continue;
            if ( xldom_wait(ctx, doms[i], -1, &ev, &info, &err) )
            {
                fprintf(stderr, "xl: %s\n", err);
                free(err);
                err = NULL;
                rc = 1;
            }
            else if ( ev == XLDOM_EV_GONE )
                fprintf(stderr, "Domain %u has been destroyed\n", doms[i]);
            else
                fprintf(stderr, "Domain %u has been shut down, reason code "
                        "%u\n", doms[i], info.shutdown_reason);
        }
    }
 out:
    free(err);
    free(list);
    free(doms);
    xldom_close(ctx);
    return rc;
}

/* pause and unpause: one domain. */
static int pause_cmd(int argc, char **argv, int pause)
{
    const char *cmd = pause ? "pause" : "unpause";
    xldom_ctx *ctx;
    uint32_t domid;
    int rc = 1;

    while ( xl_getopt(argc, argv, "h", xl_long_opts, cmd, 1) != -1 )
        ;
    if ( !(ctx = xl_open(cmd)) )
        return 1;
    if ( !xl_find_domain(ctx, argv[optind], &domid) )
    {
        rc = pause ? xc_domain_pause(xldom_xc(ctx), domid)
                   : xc_domain_unpause(xldom_xc(ctx), domid);
        if ( rc )
            fprintf(stderr, "xl: %s: %s\n", cmd, xc_error(xldom_xc(ctx)));
        rc = rc ? 1 : 0;
    }
    xldom_close(ctx);
    return rc;
}

int main_pause(int argc, char **argv)
{
    return pause_cmd(argc, argv, 1);
}

int main_unpause(int argc, char **argv)
{
    return pause_cmd(argc, argv, 0);
}
