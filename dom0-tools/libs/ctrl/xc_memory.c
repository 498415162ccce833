/*
 * xc_memory.c: memory_op, mmuext_op, and the one-structure event channel,
 * grant table and sched_op calls a toolstack makes on another domain.
 */
#include <stdlib.h>

#include "public/memory.h"
#include "public/grant_table.h"
#include "public/event_channel.h"
#include "public/sched.h"

#include "xc_private.h"

/* Most extents per populate_physmap call (as libxenguest: 1M pages). */
#define POPULATE_BATCH (1024 * 1024)

/* See xc.h. */
long xc_domain_populate_physmap(xc_interface *xch, uint32_t domid,
                                unsigned long nr, unsigned int order,
                                unsigned int memflags, uint64_t *extents)
{
    struct xen_memory_reservation r;
    unsigned long done = 0, n;
    uint64_t *b;
    long rc = 0;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_domain_populate_physmap", domid)) )
        return rc;
    if ( !extents || !nr )
        return xc__inval(xch, "xc_domain_populate_physmap: no extents");
    if ( order > 18 )
        return xc__inval(xch, "xc_domain_populate_physmap: order %u: the "
                         "most is 18 (1 GiB)", order);
    n = nr < POPULATE_BATCH ? nr : POPULATE_BATCH;
    b = xc__buf(xch, n * sizeof(*b));
    if ( !b )
        return -ENOMEM;
    while ( done < nr )
    {
        n = nr - done < POPULATE_BATCH ? nr - done : POPULATE_BATCH;
        memcpy(b, extents + done, n * sizeof(*b));
        memset(&r, 0, sizeof(r));
        set_xen_guest_handle(r.extent_start, b);
        r.nr_extents = n;
        r.extent_order = order;
        r.mem_flags = memflags;
        r.domid = (domid_t)domid;
        rc = xc__bounce_op(xch, __HYPERVISOR_memory_op,
                           XENMEM_populate_physmap, &r, sizeof(r),
                           "XENMEM_populate_physmap");
        if ( rc < 0 )
            break;
        if ( (unsigned long)rc > n )
            rc = (long)n;
        memcpy(extents + done, b, rc * sizeof(*b));
        done += rc;
        if ( (unsigned long)rc < n )
            break;
    }
    xc__buf_free(xch, b, (nr < POPULATE_BATCH ? nr : POPULATE_BATCH) *
                 sizeof(*b));
    if ( rc < 0 && !done )
        return rc;
    if ( done < nr && !xc_error(xch)[0] )
        xc__fail(xch, -ENOMEM, "XENMEM_populate_physmap: %lu of %lu extents "
                 "of order %u", done, nr, order);
    return (long)done;
}

/* See xc.h. */
int xc_domain_claim_pages(xc_interface *xch, uint32_t domid, uint64_t nr)
{
    struct xen_memory_reservation r;
    long rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_domain_claim_pages", domid)) )
        return (int)rc;
    memset(&r, 0, sizeof(r));
    r.nr_extents = nr;
    r.domid = (domid_t)domid;
    rc = xc__bounce_op(xch, __HYPERVISOR_memory_op, XENMEM_claim_pages, &r,
                       sizeof(r), "XENMEM_claim_pages");
    return rc < 0 ? (int)rc : 0;
}

/* See xc.h. */
int xc_maximum_ram_page(xc_interface *xch, uint64_t *mfn)
{
    long rc;

    xc__clear_error(xch);
    if ( !mfn )
        return xc__inval(xch, "xc_maximum_ram_page: no result buffer");
    rc = xc__hypercall(xch, __HYPERVISOR_memory_op, XENMEM_maximum_ram_page,
                       0, 0, 0, 0);
    if ( rc < 0 )
        return xc__fail(xch, (int)rc, "XENMEM_maximum_ram_page");
    *mfn = (uint64_t)rc;
    return 0;
}

/* See xc.h. */
long xc_sharing_freed_pages(xc_interface *xch)
{
    long rc = xc__hypercall(xch, __HYPERVISOR_memory_op,
                            XENMEM_get_sharing_freed_pages, 0, 0, 0, 0);

    return rc < 0 ? xc__fail(xch, (int)rc, "XENMEM_get_sharing_freed_pages")
                  : rc;
}

long xc_sharing_used_frames(xc_interface *xch)
{
    long rc = xc__hypercall(xch, __HYPERVISOR_memory_op,
                            XENMEM_get_sharing_shared_pages, 0, 0, 0, 0);

    return rc < 0 ? xc__fail(xch, (int)rc, "XENMEM_get_sharing_shared_pages")
                  : rc;
}

/* An E820 entry as XENMEM_set_memory_map takes it (20 bytes, packed). */
struct e820entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} __attribute__((packed));
#define E820_RAM 1

/* See xc.h. */
int xc_domain_set_memmap_limit(xc_interface *xch, uint32_t domid,
                               uint64_t limit_kb)
{
    struct xen_foreign_memory_map fmap;
    struct e820entry *e;
    long rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_domain_set_memmap_limit", domid)) )
        return (int)rc;
    if ( !limit_kb || limit_kb > (UINT64_MAX >> 10) )
        return xc__inval(xch, "xc_domain_set_memmap_limit: %llu KiB",
                         (unsigned long long)limit_kb);
    e = xc__buf(xch, sizeof(*e));
    if ( !e )
        return -ENOMEM;
    e->addr = 0;
    e->size = limit_kb << 10;
    e->type = E820_RAM;
    memset(&fmap, 0, sizeof(fmap));
    fmap.domid = (domid_t)domid;
    fmap.map.nr_entries = 1;
    set_xen_guest_handle(fmap.map.buffer, e);
    rc = xc__bounce_op(xch, __HYPERVISOR_memory_op, XENMEM_set_memory_map,
                       &fmap, sizeof(fmap), "XENMEM_set_memory_map");
    xc__buf_free(xch, e, sizeof(*e));
    return rc < 0 ? (int)rc : 0;
}

/* One mmuext_op on domid's frames (foreigndom = domid). */
static int mmuext(xc_interface *xch, uint32_t domid, unsigned int cmd,
                  uint64_t mfn, const char *name)
{
    struct mmuext_op *op = xc__buf(xch, sizeof(*op));
    long rc;

    if ( !op )
        return -ENOMEM;
    op->cmd = cmd;
    op->arg1.mfn = mfn;
    rc = xc__hypercall(xch, __HYPERVISOR_mmuext_op, (uintptr_t)op, 1, 0,
                       domid, 0);
    xc__buf_free(xch, op, sizeof(*op));
    if ( rc < 0 )
        return xc__fail(xch, (int)rc, "%s of frame %#llx of domain %u", name,
                        (unsigned long long)mfn, domid);
    return 0;
}

/* See xc.h. */
int xc_mmuext_pin_table(xc_interface *xch, uint32_t domid, unsigned int level,
                        uint64_t mfn)
{
    static const unsigned int cmds[] = { 0, MMUEXT_PIN_L1_TABLE,
                                         MMUEXT_PIN_L2_TABLE,
                                         MMUEXT_PIN_L3_TABLE,
                                         MMUEXT_PIN_L4_TABLE };
    static const char *const names[] = { "", "MMUEXT_PIN_L1_TABLE",
                                         "MMUEXT_PIN_L2_TABLE",
                                         "MMUEXT_PIN_L3_TABLE",
                                         "MMUEXT_PIN_L4_TABLE" };
    int rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_mmuext_pin_table", domid)) )
        return rc;
    if ( level < 1 || level > 4 )
        return xc__inval(xch, "xc_mmuext_pin_table: level %u: must be 1 to 4",
                         level);
    return mmuext(xch, domid, cmds[level], mfn, names[level]);
}

int xc_mmuext_unpin_table(xc_interface *xch, uint32_t domid, uint64_t mfn)
{
    int rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_mmuext_unpin_table", domid)) )
        return rc;
    return mmuext(xch, domid, MMUEXT_UNPIN_TABLE, mfn, "MMUEXT_UNPIN_TABLE");
}

/* See xc.h. */
int xc_evtchn_alloc_unbound(xc_interface *xch, uint32_t domid,
                            uint32_t remote, uint32_t *port)
{
    struct evtchn_alloc_unbound a;
    long rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_evtchn_alloc_unbound", domid)) ||
         (rc = xc__check_domid(xch, "xc_evtchn_alloc_unbound", remote)) )
        return (int)rc;
    if ( !port )
        return xc__inval(xch, "xc_evtchn_alloc_unbound: no result buffer");
    memset(&a, 0, sizeof(a));
    a.dom = (domid_t)domid;
    a.remote_dom = (domid_t)remote;
    rc = xc__bounce_op(xch, __HYPERVISOR_event_channel_op,
                       EVTCHNOP_alloc_unbound, &a, sizeof(a),
                       "EVTCHNOP_alloc_unbound");
    if ( rc < 0 )
        return (int)rc;
    *port = a.port;
    return 0;
}

/* See xc.h. */
int xc_gnttab_frame0(xc_interface *xch, uint32_t domid, uint64_t *frame)
{
    struct gnttab_setup_table *st = NULL;
    uint64_t *list = NULL;
    long rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_gnttab_frame0", domid)) )
        return (int)rc;
    if ( !frame )
        return xc__inval(xch, "xc_gnttab_frame0: no result buffer");
    rc = -ENOMEM;
    if ( !(st = xc__buf(xch, sizeof(*st))) ||
         !(list = xc__buf(xch, sizeof(*list))) )
        goto out;
    st->dom = (domid_t)domid;
    st->nr_frames = 1;
    set_xen_guest_handle(st->frame_list, list);
    rc = xc__hypercall(xch, __HYPERVISOR_grant_table_op, GNTTABOP_setup_table,
                       (uintptr_t)st, 1, 0, 0);
    if ( rc < 0 )
    {
        xc__fail(xch, (int)rc, "GNTTABOP_setup_table (domain %u)", domid);
        goto out;
    }
    if ( st->status != GNTST_okay )
    {
        rc = xc__fail(xch, -EINVAL, "GNTTABOP_setup_table (domain %u) "
                      "status %d", domid, st->status);
        goto out;
    }
    *frame = *list;
    rc = 0;
 out:
    xc__buf_free(xch, st, sizeof(*st));
    xc__buf_free(xch, list, sizeof(*list));
    return (int)rc;
}

/* See xc.h. */
int xc_domain_shutdown(xc_interface *xch, uint32_t domid, unsigned int reason)
{
    struct sched_remote_shutdown s;
    long rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, "xc_domain_shutdown", domid)) )
        return (int)rc;
    if ( reason > SHUTDOWN_MAX )
        return xc__inval(xch, "xc_domain_shutdown: reason %u: the highest is "
                         "%u", reason, SHUTDOWN_MAX);
    memset(&s, 0, sizeof(s));
    s.domain_id = (domid_t)domid;
    s.reason = reason;
    rc = xc__bounce_op(xch, __HYPERVISOR_sched_op, SCHEDOP_remote_shutdown,
                       &s, sizeof(s), "SCHEDOP_remote_shutdown");
    return rc < 0 ? (int)rc : 0;
}
