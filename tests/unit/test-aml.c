/* \_S5 extraction from AML (drivers/acpi/aml.c), including hostile tables. */
#include <string.h>
#include <xen/lib.h>
#include <xen/acpi.h>
#include "harness.h"
#include "host_stubs.h"

TEST(qemu_style_package)
{
    /* Name (_S5, Package (0x04) { Zero, Zero, Zero, Zero }) as QEMU's DSDT has it. */
    static const unsigned char aml[] = { 0x10, 0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x06,
                                         0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
    unsigned char a = 9, b = 9;

    CHECK(acpi_parse_s5(aml, sizeof(aml), &a, &b));
    CHECK_EQ(a, 0);
    CHECK_EQ(b, 0);
}

TEST(byte_prefixed_values)
{
    /* \_S5 with BytePrefix values 5 and 7, root-prefixed name. */
    static const unsigned char aml[] = { 0xaa, 0x08, '\\', '_', 'S', '5', '_', 0x12, 0x0a,
                                         0x04, 0x0a, 0x05, 0x0a, 0x07, 0x00, 0x00, 0x00 };
    unsigned char a = 0, b = 0;

    CHECK(acpi_parse_s5(aml, sizeof(aml), &a, &b));
    CHECK_EQ(a, 5);
    CHECK_EQ(b, 7);
}

TEST(one_op_and_long_pkglength)
{
    static const unsigned char aml[] = { 0x00, 0x08, '_', 'S', '5', '_', 0x12, 0x40, 0x01,
                                         0x04, 0x01, 0x0a, 0x03, 0x00, 0x00, 0x00 };
    unsigned char a = 0, b = 0;

    CHECK(acpi_parse_s5(aml, sizeof(aml), &a, &b));
    CHECK_EQ(a, 1);
    CHECK_EQ(b, 3);
}

TEST(absent_or_truncated)
{
    static const unsigned char none[] = { 0x08, '_', 'S', '4', '_', 0x12, 0x06, 0x04, 0, 0 };
    static const unsigned char not_name[] = { 0x99, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0, 0, 0 };
    static const unsigned char cut[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x0a };
    unsigned char a, b;

    CHECK(!acpi_parse_s5(none, sizeof(none), &a, &b));
    CHECK(!acpi_parse_s5(not_name, sizeof(not_name), &a, &b));
    CHECK(!acpi_parse_s5(cut, sizeof(cut), &a, &b));
    CHECK(!acpi_parse_s5(cut, 0, &a, &b));
}

int main(void)
{
    test_suite = "aml";
    RUN(qemu_style_package);
    RUN(byte_prefixed_values);
    RUN(one_op_and_long_pkglength);
    RUN(absent_or_truncated);
    return test_summary();
}
