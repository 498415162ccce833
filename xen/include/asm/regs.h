/*
 * The register frame saved on every entry to the hypervisor, Xen's struct
 * cpu_user_regs (public/arch-x86/xen-x86_64.h): the hardware exception frame
 * (RIP, CS, RFLAGS, RSP, SS) sits at the end, and the 8-byte slot in front of it holds
 * the error code (pushed by the CPU or by the entry stub) and the vector.
 */
#ifndef ASM_REGS_H
#define ASM_REGS_H

#ifndef __ASSEMBLY__
#include <xen/types.h>
/* struct cpu_user_regs itself is the public ABI's (public/arch-x86/xen-x86_64.h). */
#include <public/xen.h>

/* True if the frame was saved while running hypervisor code (CPL 0). */
static inline bool regs_from_hypervisor(const struct cpu_user_regs *r)
{
    return (r->cs & 3) == 0;
}
#endif

#endif /* ASM_REGS_H */
