/*
 * libFuzzer target: arbitrary bytes as an xl.cfg file.  Besides not
 * crashing, it checks properties: a config the model accepts prints JSON
 * that reads back to the same JSON, and libvirt XML and xl.cfg that convert
 * without error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domcfg.h"
#include "xlcfg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xlcfg *cfg = xlcfg_alloc();
    domcfg *d = domcfg_alloc(), *d2 = domcfg_alloc();
    char *err = NULL, *json = NULL, *json2 = NULL, *xml = NULL, *text = NULL;

    if ( !cfg || !d || !d2 )
        abort();
    if ( xlcfg_parse(cfg, "fuzz", (const char *)data, size, &err) )
    {
        if ( !err )
            abort();        /* every failure has a message */
        goto out;
    }
    if ( domcfg_from_xlcfg(d, cfg, NULL, NULL, &err) )
    {
        if ( !err )
            abort();
        goto out;
    }
    if ( domcfg_to_json(d, &json) )
        abort();
    if ( domcfg_from_json(d2, "fuzz", json, strlen(json), &err) ||
         domcfg_to_json(d2, &json2) || strcmp(json, json2) )
        abort();            /* JSON must round-trip exactly */
    if ( domcfg_to_xml(d, &xml, &err) || domcfg_to_xlcfg(d, &text, &err) )
        abort();
 out:
    free(err);
    free(json);
    free(json2);
    free(xml);
    free(text);
    domcfg_free(d);
    domcfg_free(d2);
    xlcfg_free(cfg);
    return 0;
}
