/*
 * Included first in every hypervisor C file (via -include).
 *
 * The hypervisor is linked at 0xffff82d040000000, outside both the "small" and the
 * "kernel" code models, so it is compiled position-independent: with every symbol
 * hidden, the compiler reaches data and code RIP-relative and needs no GOT.
 */
#ifndef XEN_COMPILER_H
#define XEN_COMPILER_H

#if !defined(__ASSEMBLY__) && !defined(HOST_TEST)
#pragma GCC visibility push(hidden)
#endif

#define likely(x)       __builtin_expect(!!(x), 1)
#define unlikely(x)     __builtin_expect(!!(x), 0)
#define __used          __attribute__((__used__))
#define __unused        __attribute__((__unused__))
#define __packed        __attribute__((__packed__))
#define __aligned(n)    __attribute__((__aligned__(n)))
#define __section(s)    __attribute__((__section__(s)))
#define __noreturn      __attribute__((__noreturn__))
#define __printf(a, b)  __attribute__((__format__(__printf__, a, b)))
#define __always_inline inline __attribute__((__always_inline__))
#define noinline        __attribute__((__noinline__))
#define __maybe_unused  __attribute__((__unused__))

#define barrier()       __asm__ __volatile__ ( "" ::: "memory" )
#define ACCESS_ONCE(x)  (*(volatile __typeof__(x) *)&(x))
#define READ_ONCE(x)    ACCESS_ONCE(x)
#define WRITE_ONCE(x, v) (ACCESS_ONCE(x) = (v))

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")

#endif /* XEN_COMPILER_H */
