/*
 * The contract of a test guest, as in XTF: the test provides
 *
 *     const char test_title[] = "...";
 *     void test_main(void);
 *
 * and reports through the functions below.  The worst report wins
 * (ERROR > FAILURE > SKIP > SUCCESS); after test_main() returns the library
 * prints "Test result: <RESULT>" as the last line and powers the domain
 * off.  A test that reports nothing ends in ERROR, so a test cannot pass by
 * asserting nothing.
 */
#ifndef PVGUEST_TEST_H
#define PVGUEST_TEST_H

#include <pvguest/events.h>
#include <pvguest/hypercall.h>
#include <pvguest/mm.h>
#include <pvguest/setup.h>
#include <pvguest/time.h>
#include <pvguest/traps.h>

extern const char test_title[];
void test_main(void);

void test_success(void);
void test_skip(const char *fmt, ...) __printf(1, 2);
void test_fail(const char *fmt, ...) __printf(1, 2);
void test_error(const char *fmt, ...) __printf(1, 2);

/* Print the result line and power off. */
void test_exit(void) __noreturn;
/* Report ERROR with a message and end at once (unexpected state). */
void test_abort(const char *fmt, ...) __printf(1, 2) __noreturn;

/* Counted checks: a false condition is a failure with the message. */
bool check_(bool cond, const char *file, int line, const char *fmt, ...)
    __printf(4, 5);
bool check_eq_(long long got, long long want, const char *file, int line,
               const char *what);
bool check_eqx_(unsigned long long got, unsigned long long want,
                const char *file, int line, const char *what);

#define check(cond, ...)        check_(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
/* Signed comparison, e.g. a return value against -EINVAL. */
#define check_eq(got, want, what) \
    check_eq_((long long)(got), (long long)(want), __FILE__, __LINE__, what)
/* Unsigned comparison printed in hex. */
#define check_eqx(got, want, what) \
    check_eqx_((unsigned long long)(got), (unsigned long long)(want), \
               __FILE__, __LINE__, what)

/* Number of checks made so far. */
unsigned int test_checks(void);

/*
 * Xen's errno values, from the public errno.h: the header expands
 * XEN_ERRNO(name, value) once per error when the includer defines it.
 */
enum xen_errno_values {
#define XEN_ERRNO(name, value) name = value,
#include <xen/errno.h>
};

#endif /* PVGUEST_TEST_H */
