/*
 * libFuzzer target: arbitrary bytes as saved domain JSON (what
 * /var/lib/xen holds) and as libvirt XML.  Whatever is accepted must print
 * JSON that reads back to itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domcfg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void roundtrip(domcfg *d)
{
    domcfg *d2 = domcfg_alloc();
    char *a = NULL, *b = NULL, *err = NULL;

    if ( !d2 || domcfg_to_json(d, &a) ||
         domcfg_from_json(d2, "rt", a, strlen(a), &err) ||
         domcfg_to_json(d2, &b) || strcmp(a, b) )
        abort();
    free(a);
    free(b);
    free(err);
    domcfg_free(d2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    domcfg *d = domcfg_alloc();
    char *err = NULL;

    if ( !d )
        abort();
    if ( domcfg_from_json(d, "fuzz", (const char *)data, size, &err) == 0 )
        roundtrip(d);
    else if ( !err )
        abort();
    free(err);
    err = NULL;
    if ( domcfg_from_xml(d, "fuzz", (const char *)data, size, &err) == 0 )
        roundtrip(d);
    else if ( !err )
        abort();
    free(err);
    domcfg_free(d);
    return 0;
}
