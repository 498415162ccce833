/*
 * "xl dmesg" index arithmetic (xen/conring.h): where a read starts, the
 * incremental index across the 32-bit wrap, and what a clearing read keeps;
 * and the byte/long conversions of struct xenctl_bitmap (common/xenctl_bitmap.c).
 */
#include <string.h>
#include <xen/lib.h>
#include <xen/conring.h>
#include <xen/xenctl_bitmap.h>
#include "harness.h"
#include "host_stubs.h"

unsigned int nr_cpu_ids = 2;
unsigned long raw_copy_from_guest(void *d, const void *s, unsigned long n)
{
    memcpy(d, s, n);
    return 0;
}
unsigned long raw_copy_to_guest(void *d, const void *s, unsigned long n)
{
    memcpy(d, s, n);
    return 0;
}
unsigned long raw_clear_guest(void *d, unsigned long n)
{
    memset(d, 0, n);
    return 0;
}

#define SZ 16384ULL

TEST(first_readable_byte)
{
    CHECK_EQ(conring_first(0, 100, SZ), 0);             /* not wrapped */
    CHECK_EQ(conring_first(0, SZ + 5, SZ), 5);          /* overwritten */
    CHECK_EQ(conring_first(60, 100, SZ), 60);           /* cleared up to 60 */
    CHECK_EQ(conring_first(60, SZ + 100, SZ), 100);     /* then overwritten */
}

TEST(read_start)
{
    /* A plain read starts at the oldest byte whatever the index. */
    CHECK_EQ(conring_read_start(0, 1000, false, 500), 0);
    /* Incremental: at the index when it is after the oldest byte and not ahead. */
    CHECK_EQ(conring_read_start(0, 1000, true, 500), 500);
    CHECK_EQ(conring_read_start(0, 1000, true, 1000), 1000);
    CHECK_EQ(conring_read_start(0, 1000, true, 1001), 0);   /* ahead: from the oldest */
    CHECK_EQ(conring_read_start(200, 1000, true, 100), 200);/* lost: from the oldest */
    CHECK_EQ(conring_read_start(200, 1000, true, 200), 200);
}

TEST(read_start_across_the_32bit_wrap)
{
    unsigned long long prod = (1ULL << 32) + 300, first = prod - SZ;

    /* Indices are 32-bit: 100 means 2^32 + 100 here, 0xffffff00 means just below. */
    CHECK_EQ(conring_read_start(first, prod, true, 100), (1ULL << 32) + 100);
    CHECK_EQ(conring_read_start(first, prod, true, 0xffffff00u), (1ULL << 32) - 256);
    CHECK_EQ(conring_read_start(first, prod, true, 301), first);
    CHECK_EQ(conring_read_start(first, prod, true, 0x80000000u), first);
}

TEST(clear_point)
{
    CHECK_EQ(conring_clear_to(700, 1000, SZ), 700);
    CHECK_EQ(conring_clear_to(1000, 1000, SZ), 1000);
    /* A reader that stopped further back than the ring holds: the oldest byte. */
    CHECK_EQ(conring_clear_to(10, SZ + 100, SZ), 100);
}

TEST(bitmap_bytes)
{
    unsigned long bits[2] = { 0x8000000000000081UL, 0x3 };
    unsigned char bytes[16];

    memset(bytes, 0xee, sizeof(bytes));
    bitmap_long_to_byte(bytes, bits, 66);
    CHECK_EQ(bytes[0], 0x81);
    CHECK_EQ(bytes[7], 0x80);
    CHECK_EQ(bytes[8], 0x03);
    CHECK_EQ(bytes[9], 0xee);                           /* not written */
    bitmap_long_to_byte(bytes, bits, 3);
    CHECK_EQ(bytes[0], 0x01);                           /* bits past nbits dropped */

    memset(bits, 0xff, sizeof(bits));
    bytes[0] = 0xf0;
    bytes[1] = 0xff;
    bitmap_byte_to_long(bits, bytes, 12);
    CHECK_EQ(bits[0], 0xff0);
}

TEST(xenctl_bitmap_copies)
{
    cpumask_t m;
    unsigned char guest[8];
    struct xenctl_bitmap x = { .nr_bits = 64 };

    set_xen_guest_handle(x.bitmap, guest);
    /* To the guest: our 2 CPUs, the rest of its 8 bytes zeroed. */
    memset(&m, 0xff, sizeof(m));
    memset(guest, 0xaa, sizeof(guest));
    CHECK_EQ(cpumask_to_xenctl_bitmap(&x, &m), 0);
    CHECK_EQ(guest[0], 0x03);
    CHECK_EQ(guest[7], 0x00);
    /* From the guest: bits beyond nr_bits are ignored, beyond our CPUs dropped. */
    guest[0] = 0xff;
    x.nr_bits = 1;
    CHECK_EQ(xenctl_bitmap_to_cpumask(&m, &x), 0);
    CHECK(cpumask_test_cpu(0, &m));
    CHECK(!cpumask_test_cpu(1, &m));
    x.nr_bits = 64;
    CHECK_EQ(xenctl_bitmap_to_cpumask(&m, &x), 0);
    CHECK(cpumask_test_cpu(1, &m));
    CHECK(!cpumask_test_cpu(2, &m));
    x.nr_bits = 0;
    CHECK_EQ(xenctl_bitmap_to_cpumask(&m, &x), 0);
    CHECK(cpumask_empty(&m));
}

int main(void)
{
    test_suite = "domctl-ring";
    RUN(first_readable_byte);
    RUN(read_start);
    RUN(read_start_across_the_32bit_wrap);
    RUN(clear_point);
    RUN(bitmap_bytes);
    RUN(xenctl_bitmap_copies);
    return test_summary();
}
