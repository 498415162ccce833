/* Memory map clean-up (arch/x86/e820.c). */
#include <string.h>
#include <xen/lib.h>
#include <asm/e820.h>
#include "harness.h"
#include "host_stubs.h"

static struct e820entry out[E820MAX];

#define E(a, s, t) { (a), (s), (t) }

TEST(sorts_and_merges)
{
    struct e820entry in[] = {
        E(0x100000, 0x7ff00000, E820_RAM),
        E(0, 0x9fc00, E820_RAM),
        E(0x9fc00, 0x400, E820_RESERVED),
        E(0xf0000, 0x10000, E820_RESERVED),
        E(0x80000000, 0x1000, E820_RAM),          /* touches the first RAM entry */
    };
    unsigned int n = e820_sanitize(in, 5, out, E820MAX);

    CHECK_EQ(n, 4);
    CHECK_EQ(out[0].addr, 0);
    CHECK_EQ(out[0].size, 0x9fc00);
    CHECK_EQ(out[1].type, E820_RESERVED);
    CHECK_EQ(out[3].addr, 0x100000);
    CHECK_EQ(out[3].size, 0x7ff01000);        /* merged */
}

TEST(overlap_most_restrictive_wins)
{
    struct e820entry in[] = {
        E(0, 0x10000000, E820_RAM),
        E(0x1000000, 0x100000, E820_ACPI),       /* inside RAM */
        E(0x8000000, 0x10000000, E820_RESERVED), /* straddles the end */
    };
    unsigned int n = e820_sanitize(in, 3, out, E820MAX);

    CHECK_EQ(n, 4);
    CHECK_EQ(out[0].size, 0x1000000);
    CHECK_EQ(out[1].type, E820_ACPI);
    CHECK_EQ(out[2].addr, 0x1100000);
    CHECK_EQ(out[2].type, E820_RAM);
    CHECK_EQ(out[2].addr + out[2].size, 0x8000000);
    CHECK_EQ(out[3].type, E820_RESERVED);
    CHECK_EQ(out[3].addr + out[3].size, 0x18000000);
}

TEST(bad_entries_ignored)
{
    struct e820entry in[] = {
        E(0x1000, 0, E820_RAM),                 /* empty */
        E(0xfffffffffffff000ULL, 0x2000, E820_RAM), /* wraps */
        E(0x100000, 0x100000, E820_RAM),
    };
    unsigned int n = e820_sanitize(in, 3, out, E820MAX);

    CHECK_EQ(n, 1);
    CHECK_EQ(out[0].addr, 0x100000);
}

TEST(totals_and_change_type)
{
    struct e820map m = { 0 };
    struct e820entry in[] = { E(0, 0xa0000, E820_RAM), E(0x100000, 0x1f00000, E820_RAM) };

    m.nr_map = e820_sanitize(in, 2, m.map, E820MAX);
    CHECK_EQ(e820_ram_total(&m), 0xa0000 + 0x1f00000);
    CHECK_EQ(e820_ram_top(&m), 0x2000000);
    e820_change_range_type(&m, 0x200000, 0x400000, E820_RAM, E820_RESERVED);
    CHECK_EQ(m.nr_map, 4);
    CHECK_EQ(e820_ram_total(&m), 0xa0000 + 0x1f00000 - 0x200000);
    CHECK_STR(e820_type_name(E820_NVS), "ACPI NVS");
}

int main(void)
{
    test_suite = "e820";
    RUN(sorts_and_merges);
    RUN(overlap_most_restrictive_wins);
    RUN(bad_entries_ignored);
    RUN(totals_and_change_type);
    return test_summary();
}
