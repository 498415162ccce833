/*
 * Basic types for hypervisor code.  Only the compiler's freestanding headers are
 * used, so the same sources also build on the host for unit tests.
 */
#ifndef XEN_TYPES_H
#define XEN_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t  u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t   s8;
typedef int16_t  s16;
typedef int32_t  s32;
typedef int64_t  s64;

typedef uint64_t paddr_t;      /* machine (host-physical) address */
typedef int64_t  s_time_t;     /* system time in ns since boot */

#endif /* XEN_TYPES_H */
