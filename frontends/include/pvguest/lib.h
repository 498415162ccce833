/*
 * Basic definitions shared by every part of the PV guest library: integer
 * types, compiler helpers, barriers, the string functions and printk().
 *
 * The library is freestanding: it runs as a 64-bit PV kernel (in ring 3,
 * under the hypervisor) and uses nothing from a C library.
 */
#ifndef PVGUEST_LIB_H
#define PVGUEST_LIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The Xen public headers.  The include path decides whose copy is used
 * (see frontends/Makefile, XEN_PUBLIC_DIR); the code below only relies on
 * Xen 4.17's names and layouts.
 */
#include <xen/xen.h>

#define PAGE_SHIFT      12
#define PAGE_SIZE       (1UL << PAGE_SHIFT)
#define PAGE_MASK       (~(PAGE_SIZE - 1))

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)
#define min(a, b)       ((a) < (b) ? (a) : (b))
#define max(a, b)       ((a) > (b) ? (a) : (b))

#define __aligned(n)    __attribute__((__aligned__(n)))
#define __section(s)    __attribute__((__section__(s)))
#define __noreturn      __attribute__((__noreturn__))
#define __used          __attribute__((__used__))
#define __printf(a, b)  __attribute__((__format__(__printf__, a, b)))
#define __page_aligned  __aligned(PAGE_SIZE)
#define likely(x)       __builtin_expect(!!(x), 1)
#define unlikely(x)     __builtin_expect(!!(x), 0)

#define barrier()       asm volatile ( "" ::: "memory" )
#define mb()            asm volatile ( "mfence" ::: "memory" )
#define rmb()           barrier()
#define wmb()           barrier()
#define cpu_relax()     asm volatile ( "pause" ::: "memory" )

#define READ_ONCE(x)     (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

/* Bit operations on unsigned long arrays, atomic where the name says so. */
static inline bool test_bit(unsigned int nr, const volatile void *addr)
{
    const volatile unsigned long *p = addr;

    return (p[nr / 64] >> (nr % 64)) & 1;
}

static inline void set_bit(unsigned int nr, volatile void *addr)
{
    asm volatile ( "lock btsq %1, %0"
                   : "+m" (*(volatile unsigned long *)addr)
                   : "Ir" ((unsigned long)nr) : "memory" );
}

static inline void clear_bit(unsigned int nr, volatile void *addr)
{
    asm volatile ( "lock btrq %1, %0"
                   : "+m" (*(volatile unsigned long *)addr)
                   : "Ir" ((unsigned long)nr) : "memory" );
}

static inline bool test_and_clear_bit(unsigned int nr, volatile void *addr)
{
    bool old;

    asm volatile ( "lock btrq %2, %1"
                   : "=@ccc" (old), "+m" (*(volatile unsigned long *)addr)
                   : "Ir" ((unsigned long)nr) : "memory" );
    return old;
}

static inline unsigned long xchg_ulong(volatile unsigned long *p,
                                       unsigned long v)
{
    asm volatile ( "xchg %0, %1" : "+r" (v), "+m" (*p) :: "memory" );
    return v;
}

/* Index of the lowest set bit; x must not be 0. */
static inline unsigned int ffs_ulong(unsigned long x)
{
    return __builtin_ctzl(x);
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

/* string.c */
void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strstr(const char *haystack, const char *needle);

/* printf.c: %[-0][width][l|ll|z](d|i|u|x|X|c|s|p|%) */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* console.c: formatted output through HYPERVISOR_console_io. */
void console_write(const char *buf, size_t len);
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap);

#endif /* PVGUEST_LIB_H */
