/*
 * A small x86-64 instruction decoder for the instructions the hypervisor emulates
 * on behalf of PV guests: stores into page tables (MOV, XCHG, CMPXCHG, bit and logic
 * operations), privileged instructions (I/O, MSRs, control registers, CPUID, HLT,
 * WBINVD, XSETBV) and software interrupts.  It decodes prefixes, the opcode, ModRM,
 * SIB, displacement and immediate, and computes the effective address from the
 * guest's registers.  Anything else is reported as not decodable, and the caller
 * reflects the original fault to the guest.  Pure: unit-tested on the host.
 */
#ifndef ASM_INSN_H
#define ASM_INSN_H

#include <xen/types.h>
#include <asm/regs.h>

#define X86_MAX_INSN_LEN 15

struct x86_insn {
    u8 len;                     /* total length in bytes */
    u8 rex;                     /* REX prefix byte, or 0 */
    bool lock, rep, repne;      /* F0, F3, F2 */
    bool opsize, adsize;        /* 66, 67 */
    u8 seg;                     /* override: 0 none, 4 FS, 5 GS (others ignored in 64-bit) */
    u8 map;                     /* 0: one-byte opcode, 1: 0F xx */
    u8 opcode;
    bool has_modrm;
    u8 mod, reg, rm;            /* reg and rm include the REX extensions */
    bool mem;                   /* the ModRM operand is memory */
    unsigned long ea;           /* its effective address (segment base not added) */
    u8 imm_bytes;
    u64 imm;                    /* zero-extended; sign-extend with imm_bytes if needed */
    u8 op_bytes;                /* operand size: 1, 2, 4 or 8 */
};

/*
 * Decode the instruction in bytes[0..avail) executed with 'regs'.  Returns 0, or
 * -EOPNOTSUPP for an opcode outside the supported set, -ENODATA if avail is short.
 */
int x86_decode(const u8 *bytes, unsigned int avail, const struct cpu_user_regs *regs,
               struct x86_insn *insn);

/* The general-purpose register 0-15 (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8-r15). */
unsigned long *x86_gpr(struct cpu_user_regs *regs, unsigned int nr);

/* Value of register operand 'nr' at size 'bytes' (handles AH-BH without REX). */
u64 x86_read_reg(const struct x86_insn *insn, struct cpu_user_regs *regs, unsigned int nr,
                 unsigned int bytes);
/* Write a register operand with x86 semantics (32-bit writes zero the upper half). */
void x86_write_reg(const struct x86_insn *insn, struct cpu_user_regs *regs, unsigned int nr,
                   unsigned int bytes, u64 val);

#endif /* ASM_INSN_H */
