/* Helpers shared by the libelf files; not for use outside xen/common/libelf. */
#ifndef XEN_COMMON_LIBELF_PRIVATE_H
#define XEN_COMMON_LIBELF_PRIVATE_H

#include <xen/errno.h>
#include <xen/libelf.h>
#include <xen/string.h>

/* Little-endian loads from a possibly unaligned image. */
static inline u16 elf_get16(const u8 *p)
{
    return (u16)(p[0] | (p[1] << 8));
}

static inline u32 elf_get32(const u8 *p)
{
    return (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) |
           ((u32)p[3] << 24);
}

static inline u64 elf_get64(const u8 *p)
{
    return (u64)elf_get32(p) | ((u64)elf_get32(p + 4) << 32);
}

/* True if [off, off + len) lies inside the image, without overflow. */
static inline bool elf_range_ok(const struct elf_binary *elf, u64 off, u64 len)
{
    return off <= elf->size && len <= elf->size - off;
}

static inline int elf_fail(const char **reason, const char *why, int rc)
{
    if ( reason )
        *reason = why;
    return rc;
}

#endif /* XEN_COMMON_LIBELF_PRIVATE_H */
