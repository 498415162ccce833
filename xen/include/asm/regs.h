/*
 * The register frame saved on every entry to the hypervisor.  The layout is Xen's
 * struct cpu_user_regs (public/arch-x86/xen-x86_64.h): the hardware exception frame
 * (RIP, CS, RFLAGS, RSP, SS) sits at the end, and the 8-byte slot in front of it holds
 * the error code (pushed by the CPU or by the entry stub) and the vector.
 */
#ifndef ASM_REGS_H
#define ASM_REGS_H

#ifndef __ASSEMBLY__
#include <xen/types.h>

struct cpu_user_regs {
    u64 r15, r14, r13, r12, rbp, rbx;
    u64 r11, r10, r9, r8, rax, rcx, rdx, rsi, rdi;
    u32 error_code;
    u32 entry_vector;
    u64 rip;
    u16 cs, _pad0[1];
    u8  saved_upcall_mask;
    u8  _pad1[3];
    u64 rflags;
    u64 rsp;
    u16 ss, _pad2[3];
    u16 es, _pad3[3];
    u16 ds, _pad4[3];
    u16 fs, _pad5[3];
    u16 gs, _pad6[3];
};

/* True if the frame was saved while running hypervisor code (CPL 0). */
static inline bool regs_from_hypervisor(const struct cpu_user_regs *r)
{
    return (r->cs & 3) == 0;
}
#endif

#endif /* ASM_REGS_H */
