/*
 * Reading the console ring for XEN_SYSCTL_readconsole ("xl dmesg"): index
 * arithmetic, pure so that it can be tested on the host.
 *
 * The ring is addressed by byte counts since boot ('prod' bytes written so
 * far).  Bytes before max(cons, prod - size) are gone: overwritten, or
 * cleared by a reader ("xl dmesg -c").  The interface carries 32-bit
 * indices (Xen's conringc/conringp), so a caller's index names the byte at
 * the same position modulo 2^32 at or below prod.
 */
#ifndef XEN_CONRING_H
#define XEN_CONRING_H

#include <xen/types.h>

/* The oldest byte still readable. */
static inline u64 conring_first(u64 cons, u64 prod, u64 size)
{
    u64 oldest = prod > size ? prod - size : 0;

    return cons > oldest ? cons : oldest;
}

/*
 * Where a read starts: the oldest readable byte, or for an incremental read
 * the caller's index when it lies after that and not beyond prod (as Xen:
 * otherwise the caller missed bytes and starts at the oldest).
 */
static inline u64 conring_read_start(u64 first, u64 prod, bool incremental, u32 index)
{
    u64 at = prod - (u32)((u32)prod - index);

    /* 'at' lies in (prod - 2^32, prod] by construction (or wrapped above prod). */
    if ( incremental && at > first && at <= prod )
        return at;
    return first;
}

/* The cleared point after a clearing read stopped at 'stop' (Xen's rule). */
static inline u64 conring_clear_to(u64 stop, u64 prod, u64 size)
{
    return prod - stop > size ? prod - size : stop;
}

#endif /* XEN_CONRING_H */
