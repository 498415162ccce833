/*
 * Test results: the worst report wins, counted checks, and the final
 * "Test result:" line that the runner reads.
 */
#include <pvguest/test.h>

enum test_status {
    STATUS_NONE,
    STATUS_SUCCESS,
    STATUS_SKIP,
    STATUS_FAILURE,
    STATUS_ERROR,
};

static const char *const status_names[] = {
    [STATUS_NONE] = "ERROR",
    [STATUS_SUCCESS] = "SUCCESS",
    [STATUS_SKIP] = "SKIP",
    [STATUS_FAILURE] = "FAILURE",
    [STATUS_ERROR] = "ERROR",
};

static enum test_status status = STATUS_NONE;
static unsigned int nr_checks, nr_failed;

static void raise_status(enum test_status s)
{
    if ( s > status )
        status = s;
}

static void report(enum test_status s, const char *what, const char *fmt,
                   va_list ap)
{
    printk("%s: ", what);
    vprintk(fmt, ap);
    printk("\n");
    raise_status(s);
}

void test_success(void)
{
    raise_status(STATUS_SUCCESS);
}

void test_skip(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(STATUS_SKIP, "Skip", fmt, ap);
    va_end(ap);
}

void test_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(STATUS_FAILURE, "Failure", fmt, ap);
    va_end(ap);
}

void test_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(STATUS_ERROR, "Error", fmt, ap);
    va_end(ap);
}

void test_abort(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(STATUS_ERROR, "Error", fmt, ap);
    va_end(ap);
    test_exit();
}

bool check_(bool cond, const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    nr_checks++;
    if ( cond )
        return true;
    nr_failed++;
    printk("Failure: %s:%d: ", file, line);
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n");
    raise_status(STATUS_FAILURE);
    return false;
}

bool check_eq_(long long got, long long want, const char *file, int line,
               const char *what)
{
    return check_(got == want, file, line, "%s: got %lld, expected %lld",
                  what, got, want);
}

bool check_eqx_(unsigned long long got, unsigned long long want,
                const char *file, int line, const char *what)
{
    return check_(got == want, file, line, "%s: got 0x%llx, expected 0x%llx",
                  what, got, want);
}

unsigned int test_checks(void)
{
    return nr_checks;
}

void test_exit(void)
{
    if ( status == STATUS_NONE )
        printk("Error: the test reported no result\n");
    else if ( status == STATUS_SUCCESS && nr_failed )
        status = STATUS_FAILURE;
    printk("%u checks, %u failed\n", nr_checks, nr_failed);
    printk("Test result: %s\n", status_names[status]);
    hypervisor_shutdown(SHUTDOWN_poweroff);
}
