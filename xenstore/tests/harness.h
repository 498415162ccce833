/*
 * harness.h: a minimal test harness.  Each test case is a function; RUN()
 * prints "PASS: suite/name" or "FAIL: suite/name" with the first failed
 * check's file, line and expression.
 */
#ifndef XENSTORE_TESTS_HARNESS_H
#define XENSTORE_TESTS_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int h_failed;
static int h_total_failed;
static const char *h_suite = "xenstore";

#define CHECK(cond)                                                           \
    do                                                                        \
    {                                                                         \
        if ( !(cond) && !h_failed++ )                                         \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__,          \
                    __LINE__, #cond);                                         \
    } while ( 0 )

#define CHECK_STR(a, b)                                                       \
    do                                                                        \
    {                                                                         \
        const char *a_ = (a), *b_ = (b);                                      \
        if ( (!a_ || !b_ || strcmp(a_, b_)) && !h_failed++ )                  \
            fprintf(stderr, "  %s:%d: \"%s\" != \"%s\" (%s vs %s)\n",         \
                    __FILE__, __LINE__, a_ ? a_ : "(null)",                   \
                    b_ ? b_ : "(null)", #a, #b);                              \
    } while ( 0 )

#define CHECK_INT(a, b)                                                       \
    do                                                                        \
    {                                                                         \
        long a_ = (long)(a), b_ = (long)(b);                                  \
        if ( a_ != b_ && !h_failed++ )                                        \
            fprintf(stderr, "  %s:%d: %ld != %ld (%s vs %s)\n", __FILE__,     \
                    __LINE__, a_, b_, #a, #b);                                \
    } while ( 0 )

#define RUN(fn)                                                               \
    do                                                                        \
    {                                                                         \
        h_failed = 0;                                                         \
        fn();                                                                 \
        printf("%s: %s/%s\n", h_failed ? "FAIL" : "PASS", h_suite, #fn);      \
        fflush(stdout);                                                       \
        h_total_failed += !!h_failed;                                         \
    } while ( 0 )

#define SKIP(fn, why)                                                         \
    printf("SKIP: %s/%s (%s)\n", h_suite, #fn, why)

#endif /* XENSTORE_TESTS_HARNESS_H */
