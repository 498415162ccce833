/*
 * A minimal harness for the library's host tests: EXPECT() records a
 * failure with its line, test_case() prints one PASS:/FAIL: line per case.
 */
#ifndef FRONTENDS_TESTS_HARNESS_H
#define FRONTENDS_TESTS_HARNESS_H

#include <stdio.h>

static int case_failures;
static int total_failures;

#define EXPECT(cond, ...)                                                 \
    do {                                                                  \
        if ( !(cond) )                                                    \
        {                                                                 \
            fprintf(stderr, "  %s:%d: ", __FILE__, __LINE__);             \
            fprintf(stderr, __VA_ARGS__);                                 \
            fprintf(stderr, "\n");                                        \
            case_failures++;                                              \
        }                                                                 \
    } while ( 0 )

static inline void test_case(const char *name, void (*fn)(void))
{
    case_failures = 0;
    fn();
    printf("%s: frontends/%s\n", case_failures ? "FAIL" : "PASS", name);
    total_failures += case_failures != 0;
}

#endif /* FRONTENDS_TESTS_HARNESS_H */
