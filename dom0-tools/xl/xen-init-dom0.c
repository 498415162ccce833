/*
 * xen-init-dom0: what Xen's tools/helpers/xen-init-dom0 does once at
 * dom0's boot: record domain 0 in xenstore (domid, name "Domain-0"), name
 * the default CPU pool (/local/pool/0/name "Pool-0", which libxl needs),
 * and save a stub configuration for dom0 (type PV) so that "xl list -l"
 * shows it.  Run again, it says dom0 is already set up and changes
 * nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenstore.h>

#include "domcfg.h"
#include "xldom.h"

int main(int argc, char **argv)
{
    static const char stub[] =
        "{\"c_info\":{\"type\":\"pv\"},\"b_info\":{\"type.pv\":{}}}";
    struct xs_handle *xsh;
    xldom_ctx *ctx = NULL;
    char *id, *name, *err = NULL;
    domcfg *d = NULL;
    int rc = 1;

    if ( argc > 1 )
    {
        fprintf(stderr, "usage: %s\n\nRecords domain 0 in xenstore and "
                "saves its stub configuration under %s.\n", argv[0],
                xldom_lib_dir());
        return strcmp(argv[1], "-h") && strcmp(argv[1], "--help") ? 2 : 0;
    }
    if ( xldom_open(&ctx, &err) )
    {
        fprintf(stderr, "xen-init-dom0: %s\n", err);
        goto out;
    }
    xsh = xldom_xs(ctx);
    id = xs_read(xsh, XBT_NULL, "/local/domain/0/domid", NULL);
    name = xs_read(xsh, XBT_NULL, "/local/domain/0/name", NULL);
    free(id);
    free(name);
    if ( id && name )
    {
        fprintf(stderr, "Dom0 is already set up\n");
        rc = 0;
        goto out;
    }
    d = domcfg_alloc();
    if ( !d || domcfg_from_json(d, "stub", stub, strlen(stub), &err) ||
         xldom_config_save(ctx, 0, d, &err) )
    {
        fprintf(stderr, "xen-init-dom0: saving dom0's configuration: %s\n",
                err ? err : "out of memory");
        goto out;
    }
    /* The default CPU pool's name, which libxl looks up by pool id. */
    if ( !xs_write(xsh, XBT_NULL, "/local/domain/0/domid", "0", 1) ||
         !xs_write(xsh, XBT_NULL, "/local/domain/0/name", "Domain-0", 8) ||
         !xs_write(xsh, XBT_NULL, "/local/pool/0/name", "Pool-0", 6) )
    {
        perror("xen-init-dom0: writing dom0's xenstore entries");
        goto out;
    }
    printf("Done setting up Dom0\n");
    rc = 0;
 out:
    free(err);
    domcfg_free(d);
    xldom_close(ctx);
    return rc;
}
