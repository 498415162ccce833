/* The hypervisor's vsnprintf (common/vsnprintf.c), against the C library's. */
#include <stdio.h>
#include <string.h>
#include <stdarg.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/symbols.h>
#include "harness.h"
#include "host_stubs.h"

/* Our implementation is linked under its own name (see the Makefile). */
int xen_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);

const char *symbols_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
    if ( addr >= 0x1000 && addr < 0x1100 )
    {
        *size = 0x100;
        *offset = addr - 0x1000;
        return "some_function";
    }
    return NULL;
}

static char ours[256], theirs[256];

static int xsn(char *buf, size_t n, const char *fmt, ...)
{
    va_list a;
    int r;

    va_start(a, fmt);
    r = xen_vsnprintf(buf, n, fmt, a);
    va_end(a);
    return r;
}

#define SAME(...)                                                   \
    do {                                                            \
        int r1 = xsn(ours, sizeof(ours), __VA_ARGS__);              \
        int r2 = snprintf(theirs, sizeof(theirs), __VA_ARGS__);     \
        CHECK_STR(ours, theirs);                                    \
        CHECK_EQ(r1, r2);                                           \
    } while ( 0 )

TEST(integers)
{
    SAME("%d %i %u", -42, 17, 3000000000u);
    SAME("%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42);
    SAME("%x %X %#x %#o %o", 0xbeef, 0xbeef, 0xbeef, 8, 0);
    SAME("%ld %lu %lx", -1L, ~0UL, 0xffff82d040000000UL);
    SAME("%lld %llu", -9223372036854775807LL - 1, 18446744073709551615ULL);
    SAME("%hd %hu %hhd %hhu", (short)-2, (unsigned short)65535, (signed char)-3, 255);
    SAME("%zu %zx", (size_t)12345, (size_t)0xabc);
    SAME("%.5d|%8.3x|%-8.3x|", 42, 0xa, 0xa);
    SAME("%016lx", 0x1234UL);
}

TEST(strings_chars)
{
    SAME("%s|%10s|%-10s|%.3s|%c", "abc", "abc", "abc", "abcdef", 'z');
    SAME("%*d|%-*d|%.*s", 6, 1, 6, 1, 2, "hello");
    SAME("100%%");
}

TEST(truncation)
{
    int r = xsn(ours, 8, "%s", "hello world");

    CHECK_STR(ours, "hello w");
    CHECK_EQ(r, 11);
    r = xsn(ours, 1, "%d", 12345);
    CHECK_STR(ours, "");
    CHECK_EQ(r, 5);
}

TEST(pointer_extensions)
{
    struct domain d = { .domain_id = 7 };
    struct vcpu v = { .vcpu_id = 3, .domain = &d };
    struct domain idle = { .domain_id = DOMID_IDLE };
    struct vcpu iv = { .vcpu_id = 1, .domain = &idle };

    xsn(ours, sizeof(ours), "%pS", (void *)0x1010);
    CHECK_STR(ours, "some_function+0x10/0x100");
    xsn(ours, sizeof(ours), "%ps", (void *)0x1010);
    CHECK_STR(ours, "some_function");
    xsn(ours, sizeof(ours), "%pS", (void *)0x2000);
    CHECK_STR(ours, "0000000000002000");          /* unknown: plain address */
    xsn(ours, sizeof(ours), "%pd %pv %pv %pd", &d, &v, &iv, NULL);
    CHECK_STR(ours, "d7 d7v3 IDLEv1 d(NULL)");
}

int main(void)
{
    test_suite = "vsnprintf";
    RUN(integers);
    RUN(strings_chars);
    RUN(truncation);
    RUN(pointer_extensions);
    return test_summary();
}
