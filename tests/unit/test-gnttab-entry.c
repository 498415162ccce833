/*
 * Shared grant entries (common/grant_entry.c): which entries a map or copy
 * may pin, the status bits it sets, what a racing guest can and cannot make
 * the hypervisor do (bounded retries, no lost guest write), and the pin
 * arithmetic behind GTF_reading/GTF_writing.
 */
#include <string.h>
#include <xen/lib.h>
#include <xen/grant_table.h>
#include "harness.h"
#include "host_stubs.h"

/*
 * The compare-and-exchange grant_entry.c uses (built with
 * -Dgnttab_cmpxchg32=test_cmpxchg32): a "guest" may rewrite the word just
 * before each of the hypervisor's attempts.
 */
u32 test_cmpxchg32(u32 *p, u32 old, u32 new);

static unsigned int guest_writes_left;      /* racing writes still to make */
static u32 guest_value;                      /* what the guest writes */
static unsigned int attempts;

u32 test_cmpxchg32(u32 *p, u32 old, u32 new)
{
    u32 seen = old;

    attempts++;
    if ( guest_writes_left )
    {
        guest_writes_left--;
        *p = guest_value ^ (guest_writes_left & 1 ? GTF_PWT : 0);  /* a changing word */
    }
    __atomic_compare_exchange_n(p, &seen, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return seen;
}

static u32 entry(u16 flags, domid_t domid)
{
    return flags | ((u32)domid << 16);
}

static void reset(void)
{
    guest_writes_left = 0;
    attempts = 0;
}

TEST(writable_pin_sets_reading_and_writing)
{
    u32 e = entry(GTF_permit_access, 3);

    reset();
    CHECK_EQ(gnttab_set_status_v1(&e, 3, false, false, true), GNTST_okay);
    CHECK_EQ(e, entry(GTF_permit_access | GTF_reading | GTF_writing, 3));
    CHECK_EQ(attempts, 1);
}

TEST(readonly_pin_sets_reading_only)
{
    u32 e = entry(GTF_permit_access | GTF_readonly, 0);

    reset();
    CHECK_EQ(gnttab_set_status_v1(&e, 0, false, true, true), GNTST_okay);
    CHECK_EQ(e, entry(GTF_permit_access | GTF_readonly | GTF_reading, 0));
}

TEST(writable_pin_of_readonly_grant_refused)
{
    u32 e = entry(GTF_permit_access | GTF_readonly, 0);

    reset();
    CHECK_EQ(gnttab_set_status_v1(&e, 0, false, false, true), GNTST_general_error);
    CHECK_EQ(e, entry(GTF_permit_access | GTF_readonly, 0));
    /* Also when already pinned (read-only) by the same domain. */
    CHECK_EQ(gnttab_set_status_v1(&e, 0, true, false, true), GNTST_general_error);
    CHECK_EQ(e, entry(GTF_permit_access | GTF_readonly, 0));
}

TEST(unpinned_entry_must_grant_this_domain)
{
    static const u16 bad_types[] = { GTF_invalid, GTF_accept_transfer, GTF_transitive };
    unsigned int i;
    u32 e;

    reset();
    e = entry(GTF_permit_access, 5);
    CHECK_EQ(gnttab_set_status_v1(&e, 0, false, true, true), GNTST_general_error);
    CHECK_EQ(e, entry(GTF_permit_access, 5));
    for ( i = 0; i < ARRAY_SIZE(bad_types); i++ )
    {
        e = entry(bad_types[i], 0);
        CHECK_EQ(gnttab_set_status_v1(&e, 0, false, true, false), GNTST_general_error);
        CHECK_EQ(e, entry(bad_types[i], 0));
    }
}

TEST(sub_page_entries_copy_but_do_not_map)
{
    u32 e = entry(GTF_permit_access | GTF_sub_page, 1);

    reset();
    CHECK_EQ(gnttab_set_status_v1(&e, 1, false, true, true), GNTST_general_error);
    CHECK_EQ(gnttab_set_status_v1(&e, 1, false, true, false), GNTST_okay);
    CHECK_EQ(e & 0xffff, GTF_permit_access | GTF_sub_page | GTF_reading);
}

TEST(pinned_entry_skips_type_and_domain_checks)
{
    /* Once pinned, the active entry is what counts (as in Xen). */
    u32 e = entry(GTF_invalid | GTF_reading, 9);

    reset();
    CHECK_EQ(gnttab_set_status_v1(&e, 2, true, false, true), GNTST_okay);
    CHECK_EQ(e, entry(GTF_reading | GTF_writing, 9));
}

TEST(racing_guest_gets_four_retries)
{
    u32 e = entry(GTF_permit_access, 0);

    reset();
    guest_value = entry(GTF_permit_access, 0);
    guest_writes_left = 4;
    CHECK_EQ(gnttab_set_status_v1(&e, 0, false, false, true), GNTST_okay);
    CHECK_EQ(attempts, 5);
    CHECK_EQ(e & (GTF_reading | GTF_writing), GTF_reading | GTF_writing);
}

TEST(unstable_entry_refused_after_five_tries)
{
    u32 e = entry(GTF_permit_access, 0);

    reset();
    guest_value = entry(GTF_permit_access, 0);
    guest_writes_left = 100;
    CHECK_EQ(gnttab_set_status_v1(&e, 0, false, false, true), GNTST_general_error);
    CHECK_EQ(attempts, 5);
    CHECK_EQ(e & (GTF_reading | GTF_writing), 0);
}

TEST(revocation_racing_a_map_wins)
{
    /* The guest revokes the grant while the hypervisor is pinning it. */
    u32 e = entry(GTF_permit_access, 0);

    reset();
    guest_value = entry(GTF_invalid, 0);
    guest_writes_left = 1;
    CHECK_EQ(gnttab_set_status_v1(&e, 0, false, true, true), GNTST_general_error);
    CHECK_EQ(e, entry(GTF_invalid, 0));
    /* Made read-only meanwhile: a writable pin is refused, a read-only one is not. */
    e = entry(GTF_permit_access, 0);
    guest_value = entry(GTF_permit_access | GTF_readonly, 0);
    guest_writes_left = 1;
    CHECK_EQ(gnttab_set_status_v1(&e, 0, false, false, true), GNTST_general_error);
    CHECK_EQ(e, entry(GTF_permit_access | GTF_readonly, 0));
}

TEST(clear_flags_touches_only_those_bits)
{
    grant_entry_v1_t e = { .flags = GTF_permit_access | GTF_readonly | GTF_reading |
                                    GTF_writing | GTF_PCD,
                           .domid = 7, .frame = 0x1234 };

    gnttab_clear_flags(&e.flags, GTF_writing);
    CHECK_EQ(e.flags, GTF_permit_access | GTF_readonly | GTF_reading | GTF_PCD);
    gnttab_clear_flags(&e.flags, GTF_reading | GTF_writing);
    CHECK_EQ(e.flags, GTF_permit_access | GTF_readonly | GTF_PCD);
    CHECK_EQ(e.domid, 7);
    CHECK_EQ(e.frame, 0x1234);
}

TEST(status_follows_the_remaining_pins)
{
    /* The last writable pin gone: GTF_writing goes, GTF_reading stays if read pins remain. */
    CHECK_EQ(gnttab_status_to_clear(GNTPIN_hstr_inc, false), GTF_writing);
    CHECK_EQ(gnttab_status_to_clear(0, false), GTF_writing | GTF_reading);
    CHECK_EQ(gnttab_status_to_clear(0, true), GTF_reading);
    /* A writable pin left (host or device) keeps GTF_writing. */
    CHECK_EQ(gnttab_status_to_clear(GNTPIN_hstw_inc, false), 0);
    CHECK_EQ(gnttab_status_to_clear(GNTPIN_devw_inc, false), 0);
    /* Dropping a read-only pin never clears GTF_writing. */
    CHECK_EQ(gnttab_status_to_clear(GNTPIN_devr_inc, true), 0);
}

TEST(pin_increments)
{
    CHECK_EQ(gnttab_pin_incr(0), 0);
    CHECK_EQ(gnttab_pin_incr(GNTMAP_readonly | GNTMAP_application_map), 0);
    CHECK_EQ(gnttab_pin_incr(GNTMAP_host_map), GNTPIN_hstw_inc);
    CHECK_EQ(gnttab_pin_incr(GNTMAP_host_map | GNTMAP_readonly), GNTPIN_hstr_inc);
    CHECK_EQ(gnttab_pin_incr(GNTMAP_device_map), GNTPIN_devw_inc);
    CHECK_EQ(gnttab_pin_incr(GNTMAP_device_map | GNTMAP_host_map | GNTMAP_readonly),
             GNTPIN_devr_inc + GNTPIN_hstr_inc);
    /* 128 pins of one kind reach the overflow bit that refuses the next. */
    CHECK_EQ((128 * GNTPIN_devw_inc) & GNTPIN_overflow, 0x800000);
    CHECK_EQ((127 * GNTPIN_devw_inc) & GNTPIN_overflow, 0);
}

int main(void)
{
    test_suite = "gnttab-entry";
    RUN(writable_pin_sets_reading_and_writing);
    RUN(readonly_pin_sets_reading_only);
    RUN(writable_pin_of_readonly_grant_refused);
    RUN(unpinned_entry_must_grant_this_domain);
    RUN(sub_page_entries_copy_but_do_not_map);
    RUN(pinned_entry_skips_type_and_domain_checks);
    RUN(racing_guest_gets_four_retries);
    RUN(unstable_entry_refused_after_five_tries);
    RUN(revocation_racing_a_map_wins);
    RUN(clear_flags_touches_only_those_bits);
    RUN(status_follows_the_remaining_pins);
    RUN(pin_increments);
    return test_summary();
}
