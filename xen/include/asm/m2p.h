/*
 * The machine-to-phys table: entry m is the guest pfn that machine frame m backs
 * in its owner's pseudo-physical space, or INVALID_M2P_ENTRY.  The hypervisor
 * writes it through a read-write mapping; every PV guest reads it through the
 * read-only, user-visible mapping at MACH2PHYS_VIRT_START (public ABI).
 */
#ifndef ASM_M2P_H
#define ASM_M2P_H

#include <xen/types.h>
#include <asm/config.h>

#define INVALID_M2P_ENTRY   (~0UL)
#define m2p_table           ((unsigned long *)RDWR_MPT_VIRT_START)

extern unsigned long m2p_entries;   /* frames the table covers */

static inline void set_gpfn_from_mfn(unsigned long mfn, unsigned long pfn)
{
    if ( mfn < m2p_entries )
        m2p_table[mfn] = pfn;
}

static inline unsigned long get_gpfn_from_mfn(unsigned long mfn)
{
    return mfn < m2p_entries ? m2p_table[mfn] : INVALID_M2P_ENTRY;
}

void m2p_init(void);

#endif /* ASM_M2P_H */
