/*
 * Status bits of shared grant entries and pin arithmetic (see xen/grant_table.h).
 *
 * A v1 entry's first 32 bits are flags (low half) and domid (high half); the
 * guest writes them, the hypervisor sets GTF_reading/GTF_writing in them while
 * the grant is in use.  Both sides update the word with atomic operations, so
 * the hypervisor never loses a guest's write (for instance a revocation racing
 * a map): the pin is taken only if the word it checked is the word it
 * replaced.  A guest rewriting the word faster than the hypervisor can retry
 * gets its map refused rather than stalling the hypervisor (Xen's five tries).
 *
 * Pure code: no locks, no other hypervisor state, so it is unit-tested on the
 * host (tests/unit/test-gnttab-entry.c).
 */
#include <xen/lib.h>
#include <xen/atomic.h>
#include <xen/grant_table.h>

/* A unit test may interpose on the compare-and-exchange to play a racing guest. */
#ifdef gnttab_cmpxchg32
u32 gnttab_cmpxchg32(u32 *p, u32 old, u32 new);
#else
#define gnttab_cmpxchg32(p, o, n) cmpxchg(p, o, n)
#endif

#define GNTTAB_STATUS_RETRIES 5

int gnttab_set_status_v1(u32 *raw, domid_t ldomid, bool pinned, bool readonly,
                         bool mapping)
{
    u16 type_mask = GTF_type_mask | (mapping ? GTF_sub_page : 0);
    u32 seen = __atomic_load_n(raw, __ATOMIC_SEQ_CST);
    unsigned int tries;

    for ( tries = 0; tries < GNTTAB_STATUS_RETRIES; tries++ )
    {
        u16 flags = seen & 0xffff;
        domid_t domid = seen >> 16;
        u32 want, found;

        /* An unpinned entry must still grant access to this domain. */
        if ( !pinned && ((flags & type_mask) != GTF_permit_access || domid != ldomid) )
            return GNTST_general_error;
        if ( !readonly && (flags & GTF_readonly) )
            return GNTST_general_error;

        want = seen | GTF_reading | (readonly ? 0 : GTF_writing);
        found = gnttab_cmpxchg32(raw, seen, want);
        if ( found == seen )
            return GNTST_okay;
        seen = found;
    }
    return GNTST_general_error;             /* the entry is unstable */
}

void gnttab_clear_flags(u16 *flags, u16 clear)
{
    __atomic_fetch_and(flags, (u16)~clear, __ATOMIC_SEQ_CST);
}

u16 gnttab_status_to_clear(u32 pin, bool readonly)
{
    u16 clear = 0;

    if ( !readonly && !(pin & GNTPIN_write_mask) )
        clear |= GTF_writing;
    if ( !pin )
        clear |= GTF_reading;
    return clear;
}

u32 gnttab_pin_incr(unsigned int flags)
{
    u32 incr = 0;

    if ( flags & GNTMAP_device_map )
        incr += (flags & GNTMAP_readonly) ? GNTPIN_devr_inc : GNTPIN_devw_inc;
    if ( flags & GNTMAP_host_map )
        incr += (flags & GNTMAP_readonly) ? GNTPIN_hstr_inc : GNTPIN_hstw_inc;
    return incr;
}
