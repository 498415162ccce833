/*
 * What hypervisor code expects from the rest of the hypervisor, provided on the
 * host: printk into a capture buffer (tests can assert on messages), one
 * simulated CPU, a controllable clock, and a recorder for the one-shot timer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host_stubs.h"

struct cpu_info host_cpu_info;
char *host_directmap;
const char *test_suite;
int test_failed_checks;
int test_cases_failed;

char printk_buf[65536];
size_t printk_len;

void vprintk(const char *fmt, va_list args)
{
    int n = vsnprintf(printk_buf + printk_len, sizeof(printk_buf) - printk_len, fmt, args);

    if ( n > 0 )
        printk_len += (size_t)n < sizeof(printk_buf) - printk_len ? (size_t)n
                                                                  : sizeof(printk_buf) - printk_len - 1;
    if ( getenv("UNIT_VERBOSE") )
        fputs(printk_buf + printk_len - (n > 0 ? n : 0), stderr);
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}

void printk_reset(void)
{
    printk_len = 0;
    printk_buf[0] = '\0';
}

void panic(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    fprintf(stdout, "    panic: ");
    vfprintf(stdout, fmt, args);
    fprintf(stdout, "\n");
    va_end(args);
    exit(2);
}

void __bug(const char *file, int line)
{
    printf("    BUG at %s:%d\n", file, line);
    exit(2);
}

void assert_failed(const char *cond, const char *file, int line)
{
    printf("    ASSERT(%s) failed at %s:%d\n", cond, file, line);
    exit(2);
}

void __warn(const char *file, int line)
{
    printf("    WARN at %s:%d\n", file, line);
}

/* glibc before 2.38 lacks strlcpy, which hypervisor code uses. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size )
    {
        size_t n = len < size - 1 ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}
