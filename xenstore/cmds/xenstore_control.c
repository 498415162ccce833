/*
 * xenstore_control.c: xenstore-control, which sends one XS_CONTROL command
 * (with its arguments) to the daemon and prints the answer, as Xen's does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenstore.h>

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: xenstore-control [-h] [-s] <command> [<args>...]\n"
            "Send a control command to xenstored and print its answer.\n"
            "Commands of this xenstored (\"help\" lists them): check,\n"
            "compact, log on|off, logfile <file>, memreport,\n"
            "print <string>, quota [<what> <nb> | <domid>],\n"
            "quota-soft [memory <nb>].\n"
            "  -s  connect to the socket only\n");
}

int main(int argc, char **argv)
{
    unsigned long flags = 0;
    struct xs_handle *h;
    char *args = NULL, *res;
    size_t len = 0;
    int i = 1;

    for ( ; i < argc && argv[i][0] == '-'; i++ )
    {
        if ( !strcmp(argv[i], "-h") || !strcmp(argv[i], "--help") )
        {
            usage(stdout);
            return 0;
        }
        if ( !strcmp(argv[i], "-s") )
            flags |= XS_OPEN_SOCKETONLY;
        else
        {
            usage(stderr);
            return 2;
        }
    }
    if ( i >= argc )
    {
        usage(stderr);
        return 2;
    }
    if ( !strcmp(argv[i], "live-update") )
    {
        fprintf(stderr, "xenstore-control: live-update is not supported by "
                        "this xenstored; restart it instead (its journal keeps "
                        "the store)\n");
        return 1;
    }
    for ( int k = i + 1; k < argc; k++ )
    {
        size_t l = strlen(argv[k]) + 1;
        char *n = realloc(args, len + l);

        if ( !n )
        {
            perror("xenstore-control");
            return 1;
        }
        args = n;
        memcpy(args + len, argv[k], l);
        len += l;
    }
    h = xs_open(flags);
    if ( !h )
    {
        perror("xenstore-control: xs_open");
        return 2;
    }
    res = xs_control_command(h, argv[i], args, len);
    if ( !res )
    {
        perror("xenstore-control: xs_control_command");
        xs_close(h);
        free(args);
        return 3;
    }
    if ( strlen(res) )
        printf("%s%s", res, res[strlen(res) - 1] == '\n' ? "" : "\n");
    free(res);
    free(args);
    xs_close(h);
    return 0;
}
