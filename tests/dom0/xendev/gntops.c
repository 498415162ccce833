/*
 * Raw grant-table operations from dom0 user space, through privcmd: the
 * version and size sub-ops, device mappings (which need no PTE, so user
 * space can make them), pin-count overflow, copy, swap, transfer refusals,
 * cache_flush, and the GNTST_* status or errno Xen 4.17 gives each misuse.
 *
 * Grants are written into our own table (mapped writable through privcmd)
 * in reserved entries 2-7, which a dom0 kernel never uses; the frames
 * granted are gntalloc pages, whose MFNs their own grant entries give.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "xen.h"
#include "grant_table.h"
#include "xendev.h"

#define REF_A 4
#define REF_B 5
#define REF_C 6
#define REF_T 7
#define REF_BAD (1u << 20)
#define NO_DOMAIN 0x7000
/* A frame number beyond any machine's RAM (and within a v1 entry's 32 bits). */
#define NO_FRAME 0xfffffff0u

/* The first failed expectation of a check, if any. */
struct verdict {
    bool ok;
    char why[320];
};

#define EXPECT(v, cond, ...)                                                   \
    do {                                                                       \
        if ( (v)->ok && !(cond) )                                              \
        {                                                                      \
            (v)->ok = false;                                                   \
            snprintf((v)->why, sizeof((v)->why), __VA_ARGS__);                 \
        }                                                                      \
    } while ( 0 )

static long gntop(unsigned int cmd, void *arg, unsigned int count)
{
    return hypercall(__HYPERVISOR_grant_table_op, cmd, (uintptr_t)arg, count);
}

/* Write a v1 entry the way a guest must: flags last. */
static void grant(volatile grant_entry_v1_t *e, uint16_t flags, domid_t domid, uint32_t frame)
{
    e->flags = 0;
    __sync_synchronize();
    e->domid = domid;
    e->frame = frame;
    __sync_synchronize();
    e->flags = flags;
}

/* A device mapping (no PTE); -100 if the hypercall itself failed. */
static int devmap(uint32_t ref, uint32_t flags, domid_t dom, grant_handle_t *h, uint64_t *bus)
{
    struct gnttab_map_grant_ref m = { .flags = flags, .ref = ref, .dom = dom };

    if ( gntop(GNTTABOP_map_grant_ref, &m, 1) )
        return -100;
    *h = m.handle;
    *bus = m.dev_bus_addr;
    return m.status;
}

static int unmap(grant_handle_t h, uint64_t host_addr, uint64_t bus)
{
    struct gnttab_unmap_grant_ref u = { .host_addr = host_addr, .dev_bus_addr = bus,
                                        .handle = h };

    return gntop(GNTTABOP_unmap_grant_ref, &u, 1) ? -100 : u.status;
}

static uint16_t status_bits(volatile grant_entry_v1_t *e)
{
    return e->flags & (GTF_reading | GTF_writing);
}

static void check_version_ops(void)
{
    struct verdict v = { true, "" };
    struct gnttab_set_version sv = { .version = 1 };
    struct gnttab_get_version gv = { .dom = DOMID_SELF };
    struct gnttab_get_status_frames sf = { .nr_frames = 1, .dom = DOMID_SELF };
    uint64_t frame;
    long rc;

    rc = gntop(GNTTABOP_set_version, &sv, 1);
    EXPECT(&v, rc == 0 && sv.version == 1, "set_version(1): rc %ld, version %u", rc,
           sv.version);
    sv.version = 2;
    rc = gntop(GNTTABOP_set_version, &sv, 1);
    EXPECT(&v, rc == -ENOSYS && sv.version == 1, "set_version(2): rc %ld, version %u "
           "(expected -ENOSYS, 1: only v1 is offered)", rc, sv.version);
    sv.version = 3;
    rc = gntop(GNTTABOP_set_version, &sv, 1);
    EXPECT(&v, rc == -EINVAL, "set_version(3): rc %ld", rc);
    rc = gntop(GNTTABOP_get_version, &gv, 1);
    EXPECT(&v, rc == 0 && gv.version == 1, "get_version: rc %ld, version %u", rc,
           gv.version);
    gv.dom = NO_DOMAIN;
    rc = gntop(GNTTABOP_get_version, &gv, 1);
    EXPECT(&v, rc == -ESRCH, "get_version of no domain: rc %ld", rc);

    set_xen_guest_handle(sf.frame_list, &frame);
    rc = gntop(GNTTABOP_get_status_frames, &sf, 1);
    EXPECT(&v, rc == 0 && sf.status == GNTST_general_error,
           "get_status_frames(1) under v1: rc %ld status %d", rc, sf.status);
    sf.nr_frames = 0;
    rc = gntop(GNTTABOP_get_status_frames, &sf, 1);
    EXPECT(&v, rc == 0 && sf.status == GNTST_okay, "get_status_frames(0): rc %ld status %d",
           rc, sf.status);
    report(v.ok, "gntop-version-and-status-frames", "%s", v.why);
}

static void check_table_ops(void)
{
    struct verdict v = { true, "" };
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    struct gnttab_setup_table st = { .dom = DOMID_SELF };
    uint64_t frames[1];
    long rc;

    rc = gntop(GNTTABOP_query_size, &q, 1);
    st.nr_frames = q.max_nr_frames + 1;
    set_xen_guest_handle(st.frame_list, (xen_pfn_t *)frames);
    rc = gntop(GNTTABOP_setup_table, &st, 1);
    EXPECT(&v, rc == 0 && st.status == GNTST_general_error,
           "setup_table(%u frames, max %u): rc %ld status %d", st.nr_frames,
           q.max_nr_frames, rc, st.status);
    st.dom = NO_DOMAIN;
    st.nr_frames = 1;
    rc = gntop(GNTTABOP_setup_table, &st, 1);
    EXPECT(&v, rc == 0 && st.status == GNTST_bad_domain, "setup_table of no domain: "
           "rc %ld status %d", rc, st.status);
    rc = gntop(GNTTABOP_query_size, &q, 2);
    EXPECT(&v, rc == -EINVAL, "query_size with count 2: rc %ld", rc);
    rc = gntop(99, &q, 1);
    EXPECT(&v, rc == -ENOSYS, "grant_table_op 99: rc %ld", rc);
    rc = gntop(GNTTABOP_query_size | (1u << 12), &q, 1);
    EXPECT(&v, rc == -EINVAL, "query_size with continuation bits: rc %ld", rc);
    rc = gntop(GNTTABOP_copy, (void *)0xffff800000000000UL, 1);
    EXPECT(&v, rc == -EFAULT, "copy from a hypervisor address: rc %ld", rc);
    report(v.ok, "gntop-table-ops", "%s", v.why);
}

static void check_device_map(volatile grant_entry_v1_t *gt, uint32_t frame)
{
    struct verdict v = { true, "" };
    grant_handle_t h = 0, h2 = 0;
    uint64_t bus = 0, bus2;
    int st;

    grant(&gt[REF_A], GTF_permit_access, 0, frame);
    st = devmap(REF_A, GNTMAP_device_map, 0, &h, &bus);
    EXPECT(&v, st == GNTST_okay && bus == (uint64_t)frame << 12,
           "device map: status %d, bus address %#lx for frame %#x", st, (unsigned long)bus,
           frame);
    if ( st == GNTST_okay )
    {
        EXPECT(&v, status_bits(&gt[REF_A]) == (GTF_reading | GTF_writing),
               "while mapped: flags %#x", gt[REF_A].flags);
        st = unmap(h, 0, bus + PAGE_SIZE);
        EXPECT(&v, st == GNTST_bad_dev_addr, "unmap with the wrong bus address: %d", st);
        st = unmap(h, 0, 0);
        EXPECT(&v, st == GNTST_okay && status_bits(&gt[REF_A]),
               "unmap of nothing: status %d, flags %#x (the mapping must stay)", st,
               gt[REF_A].flags);
        st = unmap(h, 0, bus);
        EXPECT(&v, st == GNTST_okay && !status_bits(&gt[REF_A]),
               "unmap: status %d, flags %#x after", st, gt[REF_A].flags);
        st = unmap(h, 0, bus);
        EXPECT(&v, st == GNTST_bad_handle, "unmap twice: %d", st);
    }

    /* Read-only. */
    grant(&gt[REF_A], GTF_permit_access | GTF_readonly, 0, frame);
    st = devmap(REF_A, GNTMAP_device_map, 0, &h, &bus);
    EXPECT(&v, st == GNTST_general_error && !status_bits(&gt[REF_A]),
           "writable map of a read-only grant: status %d, flags %#x", st, gt[REF_A].flags);
    st = devmap(REF_A, GNTMAP_device_map | GNTMAP_readonly, 0, &h, &bus);
    EXPECT(&v, st == GNTST_okay && status_bits(&gt[REF_A]) == GTF_reading,
           "read-only map: status %d, flags %#x", st, gt[REF_A].flags);
    if ( st == GNTST_okay )
    {
        /* A second, writable pin of a pinned read-only grant: refused, pin kept. */
        st = devmap(REF_A, GNTMAP_device_map, 0, &h2, &bus2);
        EXPECT(&v, st == GNTST_general_error && status_bits(&gt[REF_A]) == GTF_reading,
               "writable map over a read-only pin: status %d, flags %#x", st,
               gt[REF_A].flags);
        st = unmap(h, 0, bus);
        EXPECT(&v, st == GNTST_okay && !status_bits(&gt[REF_A]),
               "read-only unmap: status %d, flags %#x", st, gt[REF_A].flags);
    }
    grant(&gt[REF_A], 0, 0, 0);
    report(v.ok, "gntop-device-map", "%s", v.why);
}

static void check_map_refusals(volatile grant_entry_v1_t *gt, uint32_t frame,
                               uint32_t not_l1_frame)
{
    struct verdict v = { true, "" };
    struct gnttab_map_grant_ref m;
    grant_handle_t h;
    uint64_t bus;
    int st;

    grant(&gt[REF_A], GTF_permit_access, 0, frame);
    st = devmap(REF_A, 0, 0, &h, &bus);
    EXPECT(&v, st == GNTST_bad_gntref, "map asking for no mapping: %d", st);
    st = devmap(REF_BAD, GNTMAP_device_map, 0, &h, &bus);
    EXPECT(&v, st == GNTST_bad_gntref, "map of ref 2^20: %d", st);
    st = devmap(REF_A, GNTMAP_device_map, NO_DOMAIN, &h, &bus);
    EXPECT(&v, st == GNTST_bad_domain, "map from no domain: %d", st);
    st = devmap(REF_A, GNTMAP_device_map, DOMID_SELF, &h, &bus);
    EXPECT(&v, st == GNTST_bad_domain, "map from DOMID_SELF: %d", st);
    grant(&gt[REF_A], GTF_permit_access, 5, frame);
    st = devmap(REF_A, GNTMAP_device_map, 0, &h, &bus);
    EXPECT(&v, st == GNTST_general_error, "map of a grant for d5: %d", st);
    grant(&gt[REF_A], GTF_invalid, 0, frame);
    st = devmap(REF_A, GNTMAP_device_map, 0, &h, &bus);
    EXPECT(&v, st == GNTST_general_error, "map of an invalid entry: %d", st);
    grant(&gt[REF_A], GTF_permit_access, 0, NO_FRAME);
    st = devmap(REF_A, GNTMAP_device_map, 0, &h, &bus);
    EXPECT(&v, st == GNTST_bad_page && !status_bits(&gt[REF_A]),
           "map of a grant of a frame that does not exist: status %d, flags %#x", st,
           gt[REF_A].flags);

    /* A host mapping whose PTE address is not in an L1 table: refused, undone. */
    grant(&gt[REF_A], GTF_permit_access, 0, frame);
    m = (struct gnttab_map_grant_ref){ .host_addr = ((uint64_t)not_l1_frame << 12) + 8,
                                       .flags = GNTMAP_host_map | GNTMAP_contains_pte,
                                       .ref = REF_A, .dom = 0 };
    gntop(GNTTABOP_map_grant_ref, &m, 1);
    EXPECT(&v, m.status == GNTST_general_error && !status_bits(&gt[REF_A]),
           "contains_pte naming a data page: status %d, flags %#x after", m.status,
           gt[REF_A].flags);
    m = (struct gnttab_map_grant_ref){ .host_addr = ((uint64_t)not_l1_frame << 12) + 4,
                                       .flags = GNTMAP_host_map | GNTMAP_contains_pte,
                                       .ref = REF_A, .dom = 0 };
    gntop(GNTTABOP_map_grant_ref, &m, 1);
    EXPECT(&v, m.status == GNTST_general_error, "misaligned PTE address: status %d",
           m.status);
    m = (struct gnttab_map_grant_ref){ .host_addr = 0xffff800000000000UL,
                                       .flags = GNTMAP_host_map, .ref = REF_A, .dom = 0 };
    gntop(GNTTABOP_map_grant_ref, &m, 1);
    EXPECT(&v, m.status == GNTST_general_error && !status_bits(&gt[REF_A]),
           "host map at a hypervisor address: status %d", m.status);
    st = unmap(0xfffff, 0, 0);
    EXPECT(&v, st == GNTST_bad_handle, "unmap of handle 0xfffff: %d", st);
    grant(&gt[REF_A], 0, 0, 0);
    report(v.ok, "gntop-map-refusals", "%s", v.why);
}

/* 128 pins of one kind are allowed; the 129th would overflow the count. */
static void check_pin_overflow(volatile grant_entry_v1_t *gt, uint32_t frame)
{
    static struct gnttab_map_grant_ref m[129];
    static struct gnttab_unmap_grant_ref u[128];
    struct verdict v = { true, "" };
    unsigned int i, ok = 0;
    long rc;

    grant(&gt[REF_A], GTF_permit_access, 0, frame);
    for ( i = 0; i < 129; i++ )
        m[i] = (struct gnttab_map_grant_ref){ .flags = GNTMAP_device_map, .ref = REF_A };
    rc = gntop(GNTTABOP_map_grant_ref, m, 129);
    for ( i = 0; i < 128; i++ )
        ok += m[i].status == GNTST_okay;
    EXPECT(&v, rc == 0 && ok == 128 && m[128].status == GNTST_general_error,
           "rc %ld, %u of 128 maps done, 129th status %d", rc, ok, m[128].status);
    for ( i = 0; i < 128; i++ )
        u[i] = (struct gnttab_unmap_grant_ref){ .dev_bus_addr = m[i].dev_bus_addr,
                                                .handle = m[i].handle };
    rc = gntop(GNTTABOP_unmap_grant_ref, u, 128);
    for ( i = 0, ok = 0; i < 128; i++ )
        ok += u[i].status == GNTST_okay;
    EXPECT(&v, rc == 0 && ok == 128 && !status_bits(&gt[REF_A]),
           "unmap: rc %ld, %u of 128 done, flags %#x", rc, ok, gt[REF_A].flags);
    grant(&gt[REF_A], 0, 0, 0);
    report(v.ok, "gntop-pin-overflow", "%s", v.why);
}

/*
 * The boot gives dom0 gnttab_max_maptrack_frames=2 (512 mappings): mapping
 * grants until the maptrack is full ends in GNTST_no_space, and unmapping
 * makes room again.  Uses reserved entries 2-7, 127 pins each at most.
 */
static void check_maptrack_full(volatile grant_entry_v1_t *gt, uint32_t frame)
{
    static struct gnttab_map_grant_ref m[6 * 127];
    static struct gnttab_unmap_grant_ref u[6 * 127];
    struct verdict v = { true, "" };
    unsigned int i, n = 6 * 127, done = 0, full = n;
    long rc;

    for ( i = 2; i < 8; i++ )
        grant(&gt[i], GTF_permit_access, 0, frame);
    for ( i = 0; i < n; i++ )
        m[i] = (struct gnttab_map_grant_ref){ .flags = GNTMAP_device_map | GNTMAP_readonly,
                                              .ref = 2 + i / 127 };
    rc = gntop(GNTTABOP_map_grant_ref, m, n);
    for ( i = 0; i < n && m[i].status == GNTST_okay; i++ )
        done++;
    if ( i < n )
        full = i;
    EXPECT(&v, rc == 0 && full < n && m[full].status == GNTST_no_space && full > 256,
           "rc %ld: %u maps done, then status %d (expected GNTST_no_space after 256-512)",
           rc, done, full < n ? m[full].status : 0);
    for ( i = full; i < n; i++ )
        EXPECT(&v, m[i].status == GNTST_no_space, "map %u after the first refusal: %d", i,
               m[i].status);
    for ( i = 0; i < done; i++ )
        u[i] = (struct gnttab_unmap_grant_ref){ .dev_bus_addr = m[i].dev_bus_addr,
                                                .handle = m[i].handle };
    rc = gntop(GNTTABOP_unmap_grant_ref, u, done);
    EXPECT(&v, rc == 0, "unmap of %u: rc %ld", done, rc);
    for ( i = 0; i < done; i++ )
        EXPECT(&v, u[i].status == GNTST_okay, "unmap %u: %d", i, u[i].status);
    m[0] = (struct gnttab_map_grant_ref){ .flags = GNTMAP_device_map, .ref = 2 };
    gntop(GNTTABOP_map_grant_ref, m, 1);
    EXPECT(&v, m[0].status == GNTST_okay, "map after unmapping all: %d", m[0].status);
    if ( m[0].status == GNTST_okay )
    {
        u[0] = (struct gnttab_unmap_grant_ref){ .dev_bus_addr = m[0].dev_bus_addr,
                                                .handle = m[0].handle };
        gntop(GNTTABOP_unmap_grant_ref, u, 1);
    }
    for ( i = 2; i < 8; i++ )
    {
        EXPECT(&v, !status_bits(&gt[i]), "entry %u flags %#x left", i, gt[i].flags);
        grant(&gt[i], 0, 0, 0);
    }
    report(v.ok, "gntop-maptrack-full", "%s", v.why);
}

static void check_copy(volatile grant_entry_v1_t *gt, uint32_t src_frame,
                       volatile uint8_t *src, uint32_t dst_frame, volatile uint8_t *dst)
{
    struct verdict v = { true, "" };
    struct gnttab_copy c;
    unsigned int i;
    bool same = true;
    long rc;

    for ( i = 0; i < 64; i++ )
        src[i] = (uint8_t)(i * 7 + 3);
    memset((void *)dst, 0, 256);
    grant(&gt[REF_B], GTF_permit_access | GTF_readonly, 0, src_frame);

    c = (struct gnttab_copy){ .source = { .u.ref = REF_B, .domid = 0 },
                              .dest = { .u.gmfn = dst_frame, .domid = DOMID_SELF,
                                        .offset = 100 },
                              .len = 64, .flags = GNTCOPY_source_gref };
    rc = gntop(GNTTABOP_copy, &c, 1);
    for ( i = 0; i < 64; i++ )
        same &= dst[100 + i] == src[i];
    EXPECT(&v, rc == 0 && c.status == GNTST_okay && same && dst[99] == 0 && dst[164] == 0,
           "copy from a grant to our frame: rc %ld status %d, bytes %s", rc, c.status,
           same ? "copied" : "wrong");
    EXPECT(&v, !status_bits(&gt[REF_B]), "flags %#x left after the copy", gt[REF_B].flags);

    c.dest.offset = 4090;
    gntop(GNTTABOP_copy, &c, 1);
    EXPECT(&v, c.status == GNTST_bad_copy_arg, "copy across a page end: %d", c.status);
    c.dest.offset = 0;
    c.dest.domid = 0;
    gntop(GNTTABOP_copy, &c, 1);
    EXPECT(&v, c.status == GNTST_permission_denied,
           "frame named with a domain id rather than DOMID_SELF: %d", c.status);
    c.dest.domid = DOMID_SELF;
    c.source.u.ref = REF_BAD;
    gntop(GNTTABOP_copy, &c, 1);
    EXPECT(&v, c.status == GNTST_bad_gntref, "copy from ref 2^20: %d", c.status);
    c.source.u.ref = REF_B;
    c.source.domid = NO_DOMAIN;
    gntop(GNTTABOP_copy, &c, 1);
    EXPECT(&v, c.status == GNTST_bad_domain, "copy from no domain: %d", c.status);
    c.source.domid = 0;
    c.dest.u.gmfn = NO_FRAME;
    gntop(GNTTABOP_copy, &c, 1);
    EXPECT(&v, c.status == GNTST_bad_page && !status_bits(&gt[REF_B]),
           "copy to a frame that does not exist: %d, flags %#x", c.status, gt[REF_B].flags);
    /* Into the read-only grant itself. */
    c.flags = GNTCOPY_source_gref | GNTCOPY_dest_gref;
    c.dest.u.ref = REF_B;
    c.dest.domid = 0;
    gntop(GNTTABOP_copy, &c, 1);
    EXPECT(&v, c.status == GNTST_general_error && !status_bits(&gt[REF_B]),
           "copy into a read-only grant: status %d, flags %#x", c.status, gt[REF_B].flags);
    grant(&gt[REF_B], 0, 0, 0);
    report(v.ok, "gntop-copy", "%s", v.why);
}

static void check_swap(volatile grant_entry_v1_t *gt, uint32_t frame)
{
    struct verdict v = { true, "" };
    struct gnttab_swap_grant_ref s = { .ref_a = REF_B, .ref_b = REF_C };
    grant_handle_t h;
    uint64_t bus;
    long rc;

    grant(&gt[REF_B], GTF_permit_access, 3, 0x1111);
    grant(&gt[REF_C], GTF_permit_access | GTF_readonly, 4, 0x2222);
    rc = gntop(GNTTABOP_swap_grant_ref, &s, 1);
    EXPECT(&v, rc == 0 && s.status == GNTST_okay && gt[REF_B].domid == 4 &&
           gt[REF_B].frame == 0x2222 && gt[REF_C].domid == 3 && gt[REF_C].frame == 0x1111 &&
           gt[REF_B].flags == (GTF_permit_access | GTF_readonly),
           "swap: rc %ld status %d, entries now d%u/%#x and d%u/%#x", rc, s.status,
           gt[REF_B].domid, gt[REF_B].frame, gt[REF_C].domid, gt[REF_C].frame);
    s.ref_b = REF_BAD;
    gntop(GNTTABOP_swap_grant_ref, &s, 1);
    EXPECT(&v, s.status == GNTST_bad_gntref, "swap with ref 2^20: %d", s.status);
    grant(&gt[REF_A], GTF_permit_access, 0, frame);
    if ( devmap(REF_A, GNTMAP_device_map, 0, &h, &bus) == GNTST_okay )
    {
        s = (struct gnttab_swap_grant_ref){ .ref_a = REF_A, .ref_b = REF_B };
        gntop(GNTTABOP_swap_grant_ref, &s, 1);
        EXPECT(&v, s.status == GNTST_eagain, "swap of a mapped entry: %d", s.status);
        unmap(h, 0, bus);
    }
    else
        EXPECT(&v, false, "device map for the busy case failed");
    grant(&gt[REF_A], 0, 0, 0);
    grant(&gt[REF_B], 0, 0, 0);
    grant(&gt[REF_C], 0, 0, 0);
    report(v.ok, "gntop-swap", "%s", v.why);
}

static void check_transfer_refused(volatile grant_entry_v1_t *gt, uint32_t busy_frame)
{
    struct verdict v = { true, "" };
    struct gnttab_transfer t = { .mfn = busy_frame, .domid = 0, .ref = REF_T };
    long rc;

    grant(&gt[REF_T], GTF_accept_transfer, 0, 0);
    rc = gntop(GNTTABOP_transfer, &t, 1);
    EXPECT(&v, rc == 0 && t.status == GNTST_bad_page && gt[REF_T].flags == GTF_accept_transfer,
           "transfer of a mapped page: rc %ld status %d, entry flags %#x", rc, t.status,
           gt[REF_T].flags);
    t.mfn = NO_FRAME;
    gntop(GNTTABOP_transfer, &t, 1);
    EXPECT(&v, t.status == GNTST_bad_page, "transfer of a frame that does not exist: %d",
           t.status);
    grant(&gt[REF_T], 0, 0, 0);
    report(v.ok, "gntop-transfer-refused", "%s", v.why);
}

static void check_cache_flush(uint32_t frame)
{
    struct verdict v = { true, "" };
    struct gnttab_cache_flush f = { .a.dev_bus_addr = (uint64_t)frame << 12, .offset = 64,
                                    .length = 1000, .op = GNTTAB_CACHE_CLEAN };
    long rc;

    rc = gntop(GNTTABOP_cache_flush, &f, 1);
    EXPECT(&v, rc == 0, "clean a range of our frame: %ld", rc);
    f.op = GNTTAB_CACHE_INVAL;
    rc = gntop(GNTTABOP_cache_flush, &f, 1);
    EXPECT(&v, rc == -EOPNOTSUPP, "invalidate only: %ld", rc);
    f.op = GNTTAB_CACHE_CLEAN | GNTTAB_CACHE_SOURCE_GREF;
    rc = gntop(GNTTABOP_cache_flush, &f, 1);
    EXPECT(&v, rc == -EINVAL, "by grant reference: %ld", rc);
    f.op = GNTTAB_CACHE_CLEAN;
    f.offset = 4000;
    f.length = 200;
    rc = gntop(GNTTABOP_cache_flush, &f, 1);
    EXPECT(&v, rc == -EINVAL, "beyond the page: %ld", rc);
    f.offset = 0;
    f.a.dev_bus_addr = (uint64_t)NO_FRAME << 12;
    rc = gntop(GNTTABOP_cache_flush, &f, 1);
    EXPECT(&v, rc == -EINVAL, "a frame that does not exist: %ld", rc);
    report(v.ok, "gntop-cache-flush", "%s", v.why);
}

void check_grant_ops(volatile grant_entry_v1_t *gt, unsigned int nents)
{
    struct gntalloc_page a = { .fd = -1 }, b = { .fd = -1 };
    unsigned int i;

    check_version_ops();
    check_table_ops();
    if ( !gt || !gntalloc_get(&a, true) || !gntalloc_get(&b, true) ||
         a.gref >= nents || b.gref >= nents )
    {
        report(false, "gntop-setup", "no grant table mapping or gntalloc pages");
        goto out;
    }
    for ( i = 2; i <= REF_T; i++ )
        if ( gt[i].flags )
        {
            report(false, "gntop-setup", "reserved entry %u in use (flags %#x)", i,
                   gt[i].flags);
            goto out;
        }
    check_device_map(gt, gt[a.gref].frame);
    check_map_refusals(gt, gt[a.gref].frame, gt[b.gref].frame);
    check_pin_overflow(gt, gt[a.gref].frame);
    check_maptrack_full(gt, gt[a.gref].frame);
    check_copy(gt, gt[a.gref].frame, (volatile uint8_t *)a.va, gt[b.gref].frame,
               (volatile uint8_t *)b.va);
    check_swap(gt, gt[a.gref].frame);
    check_transfer_refused(gt, gt[a.gref].frame);
    check_cache_flush(gt[a.gref].frame);
 out:
    gntalloc_put(&b);
    gntalloc_put(&a);
}
