/*
 * harness.h: a tiny test harness printing one PASS/FAIL line per case.
 */
#ifndef XENIMAGE_TESTS_HARNESS_H
#define XENIMAGE_TESTS_HARNESS_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "xenimage.h"

/* Failed expectations in the running case. */
extern unsigned int t_failed;

#define EXPECT(cond)                                                       \
    do {                                                                   \
        if ( !(cond) )                                                     \
        {                                                                  \
            fprintf(stderr, "    %s:%d: expected %s\n", __FILE__,          \
                    __LINE__, #cond);                                      \
            t_failed++;                                                    \
        }                                                                  \
    } while ( 0 )

#define EXPECT_U64(a, b)                                                   \
    do {                                                                   \
        uint64_t a_ = (a), b_ = (b);                                       \
        if ( a_ != b_ )                                                    \
        {                                                                  \
            fprintf(stderr, "    %s:%d: %s is %#" PRIx64 ", expected %#"   \
                    PRIx64 "\n", __FILE__, __LINE__, #a, a_, b_);          \
            t_failed++;                                                    \
        }                                                                  \
    } while ( 0 )

#define EXPECT_STR(a, b)                                                   \
    do {                                                                   \
        const char *a_ = (a), *b_ = (b);                                   \
        if ( !a_ || strcmp(a_, b_) )                                       \
        {                                                                  \
            fprintf(stderr, "    %s:%d: %s is \"%s\", expected \"%s\"\n",  \
                    __FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_);       \
            t_failed++;                                                    \
        }                                                                  \
    } while ( 0 )

/* rc must be want (negative errno) and the error must contain text. */
#define EXPECT_ERR(img, rc, want, text)                                    \
    t_expect_err(__FILE__, __LINE__, (img), (rc), (want), (text))

void t_expect_err(const char *file, int line, struct xenimage *img, int rc,
                  int want, const char *text);

/* Open an in-memory image, failing the case if that fails. */
struct xenimage *t_open(const void *buf, size_t len);

/* Run fn as the case called name: prints PASS: name or FAIL: name. */
void t_case(const char *name, void (*fn)(void));

/* Case tables of the other test files. */
void test_corrupt_cases(void);
void test_load_cases(void);

#endif /* XENIMAGE_TESTS_HARNESS_H */
