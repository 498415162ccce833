/* Common helpers: logging, assertions, arithmetic. */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <xen/types.h>
#include <xen/string.h>
#include <stdarg.h>

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define min(a, b)       ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)       ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define min_t(t, a, b)  min((t)(a), (t)(b))
#define max_t(t, a, b)  max((t)(a), (t)(b))
#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))
#define STR(x)  #x
#define XSTR(x) STR(x)

/*
 * Log levels, Xen's: a message starts with "<0>".."<3>" (error, warning, info,
 * debug) or "<G0>".."<G3>" for messages about guests.  A message without a prefix
 * counts as a warning, which the default threshold shows.  See loglvl= and
 * guest_loglvl= in docs/hypervisor-cmdline.md.
 */
#define XENLOG_ERR      "<0>"
#define XENLOG_WARNING  "<1>"
#define XENLOG_INFO     "<2>"
#define XENLOG_DEBUG    "<3>"
#define XENLOG_G_ERR     "<G0>"
#define XENLOG_G_WARNING "<G1>"
#define XENLOG_G_INFO    "<G2>"
#define XENLOG_G_DEBUG   "<G3>"

void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list args);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

void __noreturn panic(const char *fmt, ...) __printf(1, 2);

#define dprintk(lvl, fmt, ...) \
    printk(lvl "%s:%d: " fmt, __FILE__, __LINE__, ## __VA_ARGS__)

/* A message about the current vCPU's guest: "(d1 v0) file:line: ...".  The
 * caller includes xen/sched.h (for `current`). */
#define gprintk(lvl, fmt, ...)                                                 \
    printk(lvl "(d%d v%d) %s:%d: " fmt, current->domain->domain_id,            \
           current->vcpu_id, __FILE__, __LINE__, ## __VA_ARGS__)

void __noreturn __bug(const char *file, int line);
void __warn(const char *file, int line);

#define BUG()           __bug(__FILE__, __LINE__)
#define BUG_ON(c)       do { if ( unlikely(c) ) BUG(); } while ( 0 )
#define WARN()          __warn(__FILE__, __LINE__)
#define WARN_ON(c)      ({ bool _c = !!(c); if ( unlikely(_c) ) WARN(); _c; })

#ifndef NDEBUG
void __noreturn assert_failed(const char *cond, const char *file, int line);
#define ASSERT(c) \
    do { if ( unlikely(!(c)) ) assert_failed(#c, __FILE__, __LINE__); } while ( 0 )
#else
#define ASSERT(c)       do { (void)sizeof(c); } while ( 0 )
#endif
#define ASSERT_UNREACHABLE() ASSERT(!"unreachable")

/* Numbers from strings, as Xen's simple_strtoul and parse_size_and_unit. */
unsigned long simple_strtoul(const char *cp, const char **endp, unsigned int base);
unsigned long long simple_strtoull(const char *cp, const char **endp, unsigned int base);
long simple_strtol(const char *cp, const char **endp, unsigned int base);
/*
 * "<n>[BKMGT]" (no suffix means KiB, as in Xen); returns the
 * size in bytes and sets *endp past what was parsed (*endp == s on error).
 */
unsigned long long parse_size_and_unit(const char *s, const char **endp);

/* (a * b) / c with a 128-bit intermediate; the quotient must fit in 64 bits. */
static inline u64 muldiv64(u64 a, u32 b, u32 c)
{
#if defined(__x86_64__) && !defined(HOST_TEST)
    u64 q, r;

    __asm__ ( "mulq %3; divq %4" : "=a" (q), "=&d" (r) : "0" (a), "rm" ((u64)b), "rm" ((u64)c) );
    return q;
#else
    return (u64)(((unsigned __int128)a * b) / c);
#endif
}

static inline unsigned int flsl(unsigned long x)
{
    return x ? 64 - __builtin_clzl(x) : 0;
}

#endif /* XEN_LIB_H */
