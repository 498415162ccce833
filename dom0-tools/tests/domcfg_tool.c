/*
 * domcfg-tool MODE < INPUT: a test helper over libdomcfg.
 *   json       JSON in, JSON out (round trip through the model)
 *   xml        libvirt XML in, XML out
 *   xml2json   libvirt XML in, JSON out
 *   xml2cfg    libvirt XML in, xl.cfg out
 * Exit 1 with the library's message on stderr on any error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domcfg.h"

static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16;
    char *buf = malloc(cap);

    *len = 0;
    while ( buf )
    {
        size_t n = fread(buf + *len, 1, cap - *len, f);

        *len += n;
        if ( n == 0 )
            break;
        if ( *len == cap )
        {
            char *b = cap < (64u << 20) ? realloc(buf, cap * 2) : NULL;

            if ( !b )
            {
                free(buf);
                return NULL;
            }
            buf = b;
            cap *= 2;
        }
    }
    return buf;
}

int main(int argc, char **argv)
{
    domcfg *d = domcfg_alloc();
    char *in, *out = NULL, *err = NULL;
    size_t len;
    int rc = 1;

    if ( argc != 2 || !d )
    {
        fprintf(stderr, "usage: domcfg-tool json|xml|xml2json|xml2cfg < in\n");
        return 2;
    }
    in = read_all(stdin, &len);
    if ( !in )
        goto out;
    if ( !strcmp(argv[1], "json") )
    {
        if ( domcfg_from_json(d, "<stdin>", in, len, &err) ||
             domcfg_to_json(d, &out) )
            goto out;
    }
    else
    {
        if ( domcfg_from_xml(d, "<stdin>", in, len, &err) )
            goto out;
        if ( !strcmp(argv[1], "xml") ? domcfg_to_xml(d, &out, &err) :
             !strcmp(argv[1], "xml2cfg") ? domcfg_to_xlcfg(d, &out, &err) :
             domcfg_to_json(d, &out) )
            goto out;
    }
    fputs(out, stdout);
    rc = 0;
 out:
    if ( rc )
        fprintf(stderr, "%s\n", err ? err : "failed");
    free(err);
    free(out);
    free(in);
    domcfg_free(d);
    return rc;
}
