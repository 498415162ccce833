/*
 * The commands this toolstack does not implement yet (save, restore,
 * migrate, vcpu-pin, vcpu-set, the block and network
 * devices).  Each parses its options and operands exactly as Xen's xl
 * does (so mistakes are reported the same way everywhere), then says it
 * needs the hypervisor or is not implemented; it never prints made-up
 * results.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

struct hv_opts {
    const char *name;
    const char *optstring;
    int reqargs;
};

/* Option letters and minimum operands of Xen 4.17's xl, plus -j/--json for
 * every listing. */
static const struct hv_opts hv_opts[] = {
    { "list", "hljvZcn", 0 },
    { "destroy", "hf", 1 },
    { "shutdown", "haFw", 0 },
    { "reboot", "haFw", 0 },
    { "pause", "h", 1 },
    { "unpause", "h", 1 },
    { "console", "ht:n:", 1 },
    { "save", "hcpD", 2 },
    { "migrate", "hC:s:epD", 2 },
    { "restore", "hpedVA", 1 },
    { "dmesg", "hc", 0 },
    { "info", "hnj", 0 },
    { "vcpu-list", "hj", 0 },
    { "vcpu-pin", "hf", 3 },
    { "vcpu-set", "hi", 2 },
    { "sched-credit", "hd:w:c:p:t:r:m:sj", 0 },
    { "uptime", "hsj", 0 },
    { "block-attach", "h", 2 },
    { "block-list", "hj", 1 },
    { "block-detach", "hf", 2 },
    { "network-attach", "h", 1 },
    { "network-list", "hj", 1 },
    { "network-detach", "h", 2 },
};

const struct option xl_long_opts[] = {
    { "help", no_argument, NULL, 'h' },
    { "long", no_argument, NULL, 'l' },
    { "json", no_argument, NULL, 'j' },
    { "verbose", no_argument, NULL, 'v' },
    { "context", no_argument, NULL, 'Z' },
    { "cpupool", required_argument, NULL, 'p' },
    { "numa", no_argument, NULL, 'n' },
    { "all", no_argument, NULL, 'a' },
    { "wait", no_argument, NULL, 'w' },
    { "force", no_argument, NULL, 'f' },
    { "ignore-host", no_argument, NULL, 'i' },
    { "domain", required_argument, NULL, 'd' },
    { "weight", required_argument, NULL, 'w' },
    { "cap", required_argument, NULL, 'c' },
    { "schedparam", no_argument, NULL, 's' },
    { "tslice_ms", required_argument, NULL, 't' },
    { "ratelimit_us", required_argument, NULL, 'r' },
    { "migration_delay_us", required_argument, NULL, 'm' },
    { "short", no_argument, NULL, 's' },
    { "vncviewer", no_argument, NULL, 'V' },
    { "vncviewer-autopass", no_argument, NULL, 'A' },
    { NULL, 0, NULL, 0 }
};

int main_hv_command(int argc, char **argv)
{
    const char *name = argv[0];
    const struct hv_opts *o = NULL;
    unsigned int i;
    int opt, all = 0;

    for ( i = 0; i < sizeof(hv_opts) / sizeof(hv_opts[0]); i++ )
        if ( !strcmp(hv_opts[i].name, name) )
            o = &hv_opts[i];
    if ( !o )
        return 2;
    while ( (opt = xl_getopt(argc, argv, o->optstring, xl_long_opts, name,
                             o->reqargs)) != -1 )
        if ( opt == 'a' )
            all = 1;
    if ( (!strcmp(name, "shutdown") || !strcmp(name, "reboot")) &&
         !all && optind >= argc )
    {
        fprintf(stderr, "'xl %s' requires at least 1 argument.\n\n", name);
        xl_help(name);
        return 2;
    }
    if ( !strcmp(name, "vcpu-set") )
    {
        char *end;
        long n = strtol(argv[optind + 1], &end, 10);

        if ( *end || n < 1 )
        {
            fprintf(stderr, "Invalid argument: %s: expected a number of "
                    "vCPUs (1 or more)\n", argv[optind + 1]);
            return 1;
        }
    }
    if ( xl_require_hypervisor(name) )
        return 1;
    fprintf(stderr, "xl: %s is not implemented by this toolstack yet\n",
            name);
    return 1;
}
