/*
 * xl: entry point, global options, help and the shared option parser.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xl.h"
#include "xldom.h"

int xl_verbose;
int xl_dryrun;
int xl_force;

/* As Xen's xl prints help: the command list, or one command's usage. */
void xl_help(const char *command)
{
    const struct cmd_spec *cmd;
    unsigned int i;

    if ( !command || !strcmp(command, "help") )
    {
        printf("Usage xl [-vfN] <subcommand> [args]\n\n");
        printf("xl full list of subcommands:\n\n");
        for ( i = 0; i < cmd_table_len; i++ )
        {
            printf(" %-19s ", cmd_table[i].name);
            if ( strlen(cmd_table[i].name) > 19 )
                printf("\n %-19s ", "");
            printf("%s\n", cmd_table[i].desc);
        }
        return;
    }
    cmd = cmd_lookup(command);
    if ( !cmd )
    {
        printf("command \"%s\" not implemented\n", command);
        return;
    }
    printf("Usage: xl [-v%s%s] %s %s\n\n%s.\n\n", cmd->modifies ? "f" : "",
           cmd->can_dryrun ? "N" : "", cmd->name, cmd->usage, cmd->desc);
    if ( cmd->options )
        printf("Options:\n\n%s\n", cmd->options);
}

int xl_getopt(int argc, char **argv, const char *optstring,
              const struct option *longopts, const char *cmd, int reqargs)
{
    static const struct option def[] = {
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int opt;

    opterr = 0;
    opt = getopt_long(argc, argv, optstring, longopts ? longopts : def, NULL);
    if ( opt == '?' )
    {
        if ( optopt == 'h' )
        {
            xl_help(cmd);
            exit(0);
        }
        if ( optopt )
            fprintf(stderr, "option `%c' not supported.\n", optopt);
        else
            fprintf(stderr, "option `%s' not supported.\n", argv[optind - 1]);
        exit(2);
    }
    if ( opt == 'h' )
    {
        xl_help(cmd);
        exit(0);
    }
    if ( opt != -1 )
        return opt;
    if ( argc - optind < reqargs )
    {
        fprintf(stderr, "'xl %s' requires at least %d argument%s.\n\n", cmd,
                reqargs, reqargs > 1 ? "s" : "");
        xl_help(cmd);
        exit(2);
    }
    return -1;
}

int xl_require_hypervisor(const char *cmd)
{
    if ( access("/dev/xen/privcmd", F_OK) == 0 ||
         access("/proc/xen/privcmd", F_OK) == 0 )
        return 0;
    fprintf(stderr, "xl: %s: no Xen hypervisor here: neither /dev/xen/privcmd "
            "nor /proc/xen/privcmd exists.\n"
            "xl: run it in domain 0 on the hypervisor (Linux needs the "
            "xen-privcmd driver loaded and xenfs mounted).\n", cmd);
    return 1;
}

struct xldom_ctx *xl_open(const char *cmd)
{
    xldom_ctx *ctx;
    char *err = NULL;

    if ( xl_require_hypervisor(cmd) )
        return NULL;
    if ( xldom_open(&ctx, &err) )
    {
        fprintf(stderr, "xl: %s: %s\n", cmd, err ? err : "out of memory");
        free(err);
        return NULL;
    }
    return ctx;
}

int xl_find_domain(struct xldom_ctx *ctx, const char *spec, uint32_t *domid)
{
    char *err = NULL;

    if ( xldom_find(ctx, spec, domid, &err) )
    {
        fprintf(stderr, "%s\n", err ? err : "out of memory");
        free(err);
        return -1;
    }
    return 0;
}

int main_help(int argc, char **argv)
{
    int opt;

    while ( (opt = xl_getopt(argc, argv, "h", NULL, "help", 0)) != -1 )
        ;
    if ( optind < argc && !cmd_lookup(argv[optind]) )
    {
        fprintf(stderr, "xl: unknown command '%s'; 'xl help' lists them\n",
                argv[optind]);
        return 2;
    }
    xl_help(optind < argc ? argv[optind] : NULL);
    return 0;
}

int main(int argc, char **argv)
{
    const struct cmd_spec *cmd;
    int opt;

    /* Global options stop at the subcommand. */
    while ( (opt = getopt(argc, argv, "+vfNtTh")) != -1 )
    {
        switch ( opt )
        {
        case 'v':
            xl_verbose++;
            break;
        case 'f':
            xl_force = 1;
            break;
        case 'N':
            xl_dryrun = 1;
            break;
        case 't': case 'T':
            break;      /* timestamps: accepted for compatibility */
        case 'h':
            xl_help(NULL);
            return 0;
        default:
            xl_help(NULL);
            return 2;
        }
    }
    if ( optind >= argc )
    {
        xl_help(NULL);
        return 2;
    }
    if ( !strcmp(argv[optind], "--help") )
    {
        xl_help(NULL);
        return 0;
    }
    cmd = cmd_lookup(argv[optind]);
    if ( !cmd )
    {
        fprintf(stderr, "xl: unknown command '%s'; 'xl help' lists them\n",
                argv[optind]);
        return 2;
    }
    if ( xl_dryrun && !cmd->can_dryrun )
    {
        fprintf(stderr, "command does not implement -N (dryrun) option\n");
        return 1;
    }
    argc -= optind;
    argv += optind;
    optind = 1;
    return cmd->fn(argc, argv);
}
