/*
 * xl mem-set and xl mem-max: balloon a domain, or change the hypervisor's
 * limit on its memory, with Xen 4.17's operands, messages and exit statuses.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"
#include "xldom.h"

/*
 * A memory size as xl takes it (parse_mem_size_kb): a decimal number with
 * at most one suffix, b (bytes), k, m, g or t (KiB ... TiB), any case; MiB
 * without one.  Returns the size in KiB (bytes are rounded down), or -1
 * for anything else.  Unlike Xen's, an empty string, a sign and a size
 * that overflows are refused rather than read as 0 or wrapped.
 */
static int64_t xl_parse_mem_size_kb(const char *s)
{
    unsigned int shift_up = 0, shift_down = 0;
    unsigned long long n;
    char *end;

    if ( !isdigit((unsigned char)*s) )
        return -1;
    errno = 0;
    n = strtoull(s, &end, 10);
    if ( errno || (*end && end[1]) )
        return -1;
    switch ( tolower((unsigned char)*end) )
    {
    case 't': shift_up = 30; break;
    case 'g': shift_up = 20; break;
    case '\0': case 'm': shift_up = 10; break;
    case 'k': break;
    case 'b': shift_down = 10; break;
    default: return -1;
    }
    if ( n > (unsigned long long)INT64_MAX >> shift_up )
        return -1;
    return (int64_t)((n << shift_up) >> shift_down);
}

/*
 * xl mem-set|mem-max <Domain> <Memory>.  The size is checked before the
 * hypervisor is opened (Xen's xl finds the domain first), so that a typo
 * is reported the same everywhere.
 */
static int mem_command(int argc, char **argv, int set)
{
    const char *cmd = set ? "mem-set" : "mem-max";
    xldom_ctx *ctx;
    uint32_t domid;
    int64_t kb;
    char *err = NULL;
    int rc = 1;

    while ( xl_getopt(argc, argv, "h", xl_long_opts, cmd, 2) != -1 )
        ;                               /* no options */
    kb = xl_parse_mem_size_kb(argv[optind + 1]);
    if ( kb < 0 )
    {
        fprintf(stderr, "invalid memory size: %s\n", argv[optind + 1]);
        return 1;
    }
    if ( !(ctx = xl_open(cmd)) )
        return 1;
    if ( xl_find_domain(ctx, argv[optind], &domid) )
        goto out;
    if ( set ? xldom_set_memory_target(ctx, domid, kb, 0, 1, &err)
             : xldom_set_max_memory(ctx, domid, (uint64_t)kb, &err) )
    {
        fprintf(stderr, "xl: %s\ncannot set domid %u %s max memory to : %s\n",
                err ? err : "out of memory", domid,
                set ? "dynamic" : "static", argv[optind + 1]);
        goto out;
    }
    rc = 0;
 out:
    free(err);
    xldom_close(ctx);
    return rc;
}

/* See xl.h. */
int main_memset(int argc, char **argv)
{
    return mem_command(argc, argv, 1);
}

/* See xl.h. */
int main_memmax(int argc, char **argv)
{
    return mem_command(argc, argv, 0);
}
