/*
 * xg_private.h: what the files of libxg share.
 */
#ifndef DOM0_TOOLS_LIBS_GUEST_XG_PRIVATE_H
#define DOM0_TOOLS_LIBS_GUEST_XG_PRIVATE_H

#include "xg.h"

#define XG_PAGE_SHIFT 12
#define XG_PAGE_SIZE (UINT64_C(1) << XG_PAGE_SHIFT)
/* x86_64: four levels of 512 entries, 48-bit virtual addresses. */
#define XG_PT_LEVELS 4
#define XG_PT_SHIFT 9
#define XG_VADDR_MASK ((UINT64_C(1) << 48) - 1)

/* Page-table entry bits (x86). */
#define XG_PTE_PRESENT (UINT64_C(1) << 0)
#define XG_PTE_RW (UINT64_C(1) << 1)
#define XG_PTE_USER (UINT64_C(1) << 2)
#define XG_PTE_ACCESSED (UINT64_C(1) << 5)
#define XG_PTE_DIRTY (UINT64_C(1) << 6)

/* What libxenguest puts in the bootstrap tables: leaves present, writable
 * and accessed (Xen adds the user bit for 64-bit PV kernels); the upper
 * levels also dirty and user. */
#define XG_L1_PROT (XG_PTE_PRESENT | XG_PTE_RW | XG_PTE_ACCESSED)
#define XG_UPPER_PROT (XG_PTE_PRESENT | XG_PTE_RW | XG_PTE_ACCESSED | \
                       XG_PTE_DIRTY | XG_PTE_USER)

/* Bytes covered by one entry of a level-lvl table (lvl 0 = L1). */
static inline unsigned int xg_entry_shift(unsigned int lvl)
{
    return XG_PAGE_SHIFT + XG_PT_SHIFT * lvl;
}

/*
 * A gzip'd ramdisk (*data, *len bytes, malloc'd) is replaced by its
 * inflated content; *seg_size gets the bytes the guest's ramdisk segment
 * must span (libxenguest: the gzip trailer's size + 16).  Anything else,
 * or a stream that does not inflate cleanly, is left as it is with
 * *seg_size = *len.
 */
void xg_ramdisk_gunzip(void **data, uint64_t *len, uint64_t *seg_size);

#endif /* DOM0_TOOLS_LIBS_GUEST_XG_PRIVATE_H */
