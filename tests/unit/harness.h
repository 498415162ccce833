/*
 * A minimal unit-test harness for hypervisor code built on the host.
 *
 *   TEST(name) { ... CHECK(cond); CHECK_EQ(a, b); ... }
 *   int main(void) { RUN(name); ...; return test_summary(); }
 *
 * Each test prints "PASS: unit/<suite>: <name>" or "FAIL: ..." with the first failed
 * check, the format tests/lib/run-suites.sh counts.
 */
#ifndef TESTS_UNIT_HARNESS_H
#define TESTS_UNIT_HARNESS_H

#include <stdio.h>
#include <stdbool.h>

extern const char *test_suite;
extern int test_failed_checks;
extern int test_cases_failed;

#define CHECK(cond)                                                             \
    do {                                                                        \
        if ( !(cond) )                                                          \
        {                                                                       \
            if ( !test_failed_checks++ )                                        \
                printf("    %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                       \
    } while ( 0 )

#define CHECK_EQ(a, b)                                                          \
    do {                                                                        \
        long long _a = (long long)(a), _b = (long long)(b);                     \
        if ( _a != _b )                                                         \
        {                                                                       \
            if ( !test_failed_checks++ )                                        \
                printf("    %s:%d: %s == %lld, expected %s == %lld\n", __FILE__,  \
                       __LINE__, #a, _a, #b, _b);                               \
        }                                                                       \
    } while ( 0 )

#define CHECK_STR(a, b)                                                         \
    do {                                                                        \
        const char *_a = (a), *_b = (b);                                        \
        if ( strcmp(_a, _b) )                                                   \
        {                                                                       \
            if ( !test_failed_checks++ )                                        \
                printf("    %s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__,  \
                       __LINE__, #a, _a, _b);                                   \
        }                                                                       \
    } while ( 0 )

#define TEST(name) static void test_##name(void)
#define RUN(name)                                                               \
    do {                                                                        \
        test_failed_checks = 0;                                                 \
        test_##name();                                                          \
        if ( test_failed_checks )                                               \
            test_cases_failed++;                                                \
        printf("%s: unit/%s: %s\n", test_failed_checks ? "FAIL" : "PASS",      \
               test_suite, #name);                                              \
        fflush(stdout);                                                         \
    } while ( 0 )

static inline int test_summary(void)
{
    return test_cases_failed ? 1 : 0;
}

#endif /* TESTS_UNIT_HARNESS_H */
