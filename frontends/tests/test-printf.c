/*
 * vsnprintf (common/printf.c) against the output the C standard gives for
 * the same formats, built for the host.
 */
#include <string.h>

#include <pvguest/lib.h>

#include "harness.h"

static char buf[128];

#define CHECK_FMT(want, ...)                                              \
    do {                                                                  \
        int n_ = snprintf(buf, sizeof(buf), __VA_ARGS__);                 \
        EXPECT(strcmp(buf, want) == 0, "'%s' gave '%s'", want, buf);      \
        EXPECT(n_ == (int)strlen(want), "'%s' returned %d", want, n_);    \
    } while ( 0 )

static void integers(void)
{
    CHECK_FMT("0", "%d", 0);
    CHECK_FMT("-42", "%d", -42);
    CHECK_FMT("4294967295", "%u", 4294967295u);
    CHECK_FMT("-9223372036854775808", "%lld", (long long)(-9223372036854775807LL - 1));
    CHECK_FMT("18446744073709551615", "%lu", 18446744073709551615UL);
    CHECK_FMT("ff", "%x", 255);
    CHECK_FMT("FF", "%X", 255);
    CHECK_FMT("deadbeefcafe", "%lx", 0xdeadbeefcafeUL);
    CHECK_FMT("123", "%zu", (size_t)123);
}

static void widths(void)
{
    CHECK_FMT("   42", "%5d", 42);
    CHECK_FMT("00042", "%05d", 42);
    CHECK_FMT("42   |", "%-5d|", 42);
    CHECK_FMT("  -42", "%5d", -42);
    CHECK_FMT("0000beef", "%08x", 0xbeef);
    CHECK_FMT("   ab", "%*s", 5, "ab");
    CHECK_FMT("ab   |", "%-5s|", "ab");
}

static void others(void)
{
    CHECK_FMT("x=c", "x=%c", 'c');
    CHECK_FMT("100%", "100%%");
    {
        /* Through a variable: the compiler rightly warns about a literal. */
        const char *volatile null = NULL;

        CHECK_FMT("(null)", "%s", null);
    }
    CHECK_FMT("0x1000", "%p", (void *)0x1000);
    CHECK_FMT("a b c", "%s %s %s", "a", "b", "c");
}

static void truncation(void)
{
    char small[4];
    int n = snprintf(small, sizeof(small), "%s", "abcdef");

    EXPECT(n == 6, "returns the full length, got %d", n);
    EXPECT(strcmp(small, "abc") == 0, "truncated to 'abc', got '%s'", small);
    n = snprintf(small, 0, "%d", 12345);
    EXPECT(n == 5, "size 0 still counts, got %d", n);
}

int main(void)
{
    test_case("printf-integers", integers);
    test_case("printf-widths", widths);
    test_case("printf-others", others);
    test_case("printf-truncation", truncation);
    return total_failures != 0;
}
