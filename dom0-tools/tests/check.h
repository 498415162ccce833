/*
 * A minimal test harness: each CHECK prints one "PASS: name" or
 * "FAIL: name" line; check_exit() makes the exit status the verdict.
 */
#ifndef DOM0_TOOLS_TESTS_CHECK_H
#define DOM0_TOOLS_TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(name, cond) \
    do { \
        if ( cond ) \
            printf("PASS: %s\n", (name)); \
        else \
        { \
            printf("FAIL: %s (%s:%d: %s)\n", (name), __FILE__, __LINE__, #cond); \
            check_failures++; \
        } \
    } while ( 0 )

/* Compare strings, printing both when they differ. */
#define CHECK_STR(name, got, want) \
    do { \
        const char *g_ = (got), *w_ = (want); \
        int ok_ = g_ && w_ ? !strcmp(g_, w_) : g_ == w_; \
        CHECK(name, ok_); \
        if ( !ok_ ) \
            printf("    got:  %s\n    want: %s\n", g_ ? g_ : "(null)", \
                   w_ ? w_ : "(null)"); \
    } while ( 0 )

static inline int check_exit(void)
{
    return check_failures ? 1 : 0;
}

#endif /* DOM0_TOOLS_TESTS_CHECK_H */
