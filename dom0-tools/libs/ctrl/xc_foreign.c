/*
 * xc_foreign.c: mapping another domain's frames into this process.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "xc_private.h"

/* See xc.h. */
void *xc_map_foreign_pages(xc_interface *xch, uint32_t domid, int prot,
                           const uint64_t *frames, int *err, unsigned int num)
{
    int *errs = err, i, bad = -1;
    void *p;

    xc__clear_error(xch);
    if ( xc__check_domid(xch, "xc_map_foreign_pages", domid) )
        goto inval;
    if ( !frames || !num || num > (1u << 20) )
    {
        xc__inval(xch, "xc_map_foreign_pages: %u frames: must be 1 to %u",
                  frames ? num : 0, 1u << 20);
        goto inval;
    }
    if ( !(prot & (XC_PROT_READ | XC_PROT_WRITE)) ||
         (prot & ~(XC_PROT_READ | XC_PROT_WRITE)) )
    {
        xc__inval(xch, "xc_map_foreign_pages: protection %#x", prot);
        goto inval;
    }
    if ( !errs && !(errs = calloc(num, sizeof(*errs))) )
    {
        xc__fail(xch, -ENOMEM, "xc_map_foreign_pages");
        errno = ENOMEM;
        return NULL;
    }
    p = xch->ops->map_foreign(xch, domid, prot, frames, errs, num);
    if ( !p )
    {
        int e = errno;

        xc__fail(xch, -e, "mapping %u frame(s) of domain %u (first %#llx)",
                 num, domid, (unsigned long long)frames[0]);
        if ( errs != err )
            free(errs);
        errno = e;
        return NULL;
    }
    for ( i = 0; i < (int)num && bad < 0; i++ )
        if ( errs[i] )
            bad = i;
    if ( bad >= 0 )
    {
        int e = errs[bad] < 0 ? -errs[bad] : EFAULT;

        xc__fail(xch, -e, "mapping frame %#llx of domain %u",
                 (unsigned long long)frames[bad], domid);
        if ( errs != err )
        {
            /* The caller asked for all or nothing. */
            munmap(p, (size_t)num << XC_PAGE_SHIFT);
            free(errs);
            errno = e;
            return NULL;
        }
    }
    if ( errs != err )
        free(errs);
    return p;

 inval:
    errno = EINVAL;
    return NULL;
}

/* See xc.h. */
void *xc_map_foreign_page(xc_interface *xch, uint32_t domid, int prot,
                          uint64_t frame)
{
    return xc_map_foreign_pages(xch, domid, prot, &frame, NULL, 1);
}

/* See xc.h. */
int xc_unmap(void *addr, unsigned int num)
{
    if ( !addr )
        return 0;
    return munmap(addr, (size_t)num << XC_PAGE_SHIFT) ? -errno : 0;
}

/* See xc.h. */
void *xc_map_resource(xc_interface *xch, uint32_t domid, unsigned int type,
                      unsigned int id, unsigned int frame, unsigned int nr,
                      int prot)
{
    void *p;

    xc__clear_error(xch);
    if ( xc__check_domid(xch, "xc_map_resource", domid) || !nr ||
         nr > 1024 || !(prot & (XC_PROT_READ | XC_PROT_WRITE)) )
    {
        if ( !xc_error(xch)[0] )
            xc__inval(xch, "xc_map_resource: %u frames with protection %#x",
                      nr, prot);
        errno = EINVAL;
        return NULL;
    }
    if ( !xch->ops->map_resource )
    {
        errno = EOPNOTSUPP;
        xc__fail(xch, -EOPNOTSUPP, "XENMEM_acquire_resource");
        return NULL;
    }
    p = xch->ops->map_resource(xch, domid, type, id, frame, nr, prot);
    if ( !p )
    {
        int e = errno;

        xc__fail(xch, -e, "XENMEM_acquire_resource (domain %u, type %u, "
                 "id %u, frame %u)", domid, type, id, frame);
        errno = e;
    }
    return p;
}
