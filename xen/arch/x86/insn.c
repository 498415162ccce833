/*
 * The instruction decoder of asm/insn.h.
 *
 * Opcode properties come from the Intel SDM volume 2 opcode map (appendix A).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <asm/insn.h>

/* How an opcode continues after its bytes. */
#define D_MODRM   0x01          /* ModRM follows */
#define D_IMM8    0x02          /* 8-bit immediate */
#define D_IMMZ    0x04          /* 16/32-bit immediate (by operand size) */
#define D_BYTEOP  0x08          /* operand size is 1 byte */
#define D_OK      0x80          /* known */

static u8 one_byte_desc(u8 op)
{
    /* ALU ops 00-3F: xx0/xx1 r/m,r; xx2/xx3 r,r/m; xx4 AL,imm8; xx5 eAX,immz. */
    if ( op < 0x40 && (op & 7) < 6 )
    {
        static const u8 alu[6] = {
            D_OK | D_MODRM | D_BYTEOP, D_OK | D_MODRM, D_OK | D_MODRM | D_BYTEOP,
            D_OK | D_MODRM, D_OK | D_IMM8 | D_BYTEOP, D_OK | D_IMMZ,
        };
        return alu[op & 7];
    }
    switch ( op )
    {
    case 0x6c: case 0x6e:                       /* INSB, OUTSB */
        return D_OK | D_BYTEOP;
    case 0x6d: case 0x6f:                       /* INSW/D, OUTSW/D */
        return D_OK;
    case 0x80: return D_OK | D_MODRM | D_IMM8 | D_BYTEOP;
    case 0x81: return D_OK | D_MODRM | D_IMMZ;
    case 0x83: return D_OK | D_MODRM | D_IMM8;
    case 0x84: case 0x86: case 0x88: case 0x8a:
        return D_OK | D_MODRM | D_BYTEOP;
    case 0x85: case 0x87: case 0x89: case 0x8b:
        return D_OK | D_MODRM;
    case 0xc6: return D_OK | D_MODRM | D_IMM8 | D_BYTEOP;
    case 0xc7: return D_OK | D_MODRM | D_IMMZ;
    case 0xcc: case 0xce:                       /* INT3, INTO */
        return D_OK;
    case 0xcd: return D_OK | D_IMM8;            /* INT imm8 */
    case 0xe4: case 0xe6: return D_OK | D_IMM8 | D_BYTEOP;  /* IN/OUT AL, imm8 */
    case 0xe5: case 0xe7: return D_OK | D_IMM8;
    case 0xec: case 0xee: return D_OK | D_BYTEOP;           /* IN/OUT AL, DX */
    case 0xed: case 0xef: return D_OK;
    case 0xf4:                                  /* HLT */
    case 0xfa: case 0xfb:                       /* CLI, STI */
        return D_OK;
    }
    return 0;
}

static u8 two_byte_desc(u8 op)
{
    switch ( op )
    {
    case 0x00: case 0x01:                       /* group 6/7 (incl. XSETBV, SWAPGS...) */
        return D_OK | D_MODRM;
    case 0x05: case 0x06: case 0x07: case 0x08: case 0x09: case 0x0b:
        return D_OK;                            /* SYSCALL CLTS SYSRET INVD WBINVD UD2 */
    case 0x20: case 0x21: case 0x22: case 0x23: /* MOV from/to CR, DR */
        return D_OK | D_MODRM;
    case 0x30: case 0x31: case 0x32: case 0x33: /* WRMSR RDTSC RDMSR RDPMC */
    case 0xa2:                                  /* CPUID */
        return D_OK;
    case 0xa3: case 0xab: case 0xb3: case 0xbb: /* BT BTS BTR BTC r/m, r */
    case 0xb1: case 0xc1:                       /* CMPXCHG, XADD */
        return D_OK | D_MODRM;
    case 0xb0: case 0xc0:
        return D_OK | D_MODRM | D_BYTEOP;
    case 0xba:                                  /* BT* r/m, imm8 */
        return D_OK | D_MODRM | D_IMM8;
    case 0xc7:                                  /* CMPXCHG8B/16B */
        return D_OK | D_MODRM;
    }
    return 0;
}

unsigned long *x86_gpr(struct cpu_user_regs *regs, unsigned int nr)
{
    switch ( nr & 15 )
    {
    case 0:  return (unsigned long *)&regs->rax;
    case 1:  return (unsigned long *)&regs->rcx;
    case 2:  return (unsigned long *)&regs->rdx;
    case 3:  return (unsigned long *)&regs->rbx;
    case 4:  return (unsigned long *)&regs->rsp;
    case 5:  return (unsigned long *)&regs->rbp;
    case 6:  return (unsigned long *)&regs->rsi;
    case 7:  return (unsigned long *)&regs->rdi;
    case 8:  return (unsigned long *)&regs->r8;
    case 9:  return (unsigned long *)&regs->r9;
    case 10: return (unsigned long *)&regs->r10;
    case 11: return (unsigned long *)&regs->r11;
    case 12: return (unsigned long *)&regs->r12;
    case 13: return (unsigned long *)&regs->r13;
    case 14: return (unsigned long *)&regs->r14;
    default: return (unsigned long *)&regs->r15;
    }
}

u64 x86_read_reg(const struct x86_insn *insn, struct cpu_user_regs *regs, unsigned int nr,
                 unsigned int bytes)
{
    u64 v;

    /* Without REX, byte registers 4-7 are AH, CH, DH, BH. */
    if ( bytes == 1 && !insn->rex && nr >= 4 && nr < 8 )
        return (*x86_gpr(regs, nr - 4) >> 8) & 0xff;
    v = *x86_gpr(regs, nr);
    return bytes == 8 ? v : v & ((1ULL << (bytes * 8)) - 1);
}

void x86_write_reg(const struct x86_insn *insn, struct cpu_user_regs *regs, unsigned int nr,
                   unsigned int bytes, u64 val)
{
    unsigned long *r;

    if ( bytes == 1 && !insn->rex && nr >= 4 && nr < 8 )
    {
        r = x86_gpr(regs, nr - 4);
        *r = (*r & ~0xff00UL) | ((val & 0xff) << 8);
        return;
    }
    r = x86_gpr(regs, nr);
    switch ( bytes )
    {
    case 1: *r = (*r & ~0xffUL) | (val & 0xff); break;
    case 2: *r = (*r & ~0xffffUL) | (val & 0xffff); break;
    case 4: *r = val & 0xffffffffUL; break;     /* 32-bit writes zero-extend */
    default: *r = val; break;
    }
}

int x86_decode(const u8 *b, unsigned int avail, const struct cpu_user_regs *regs,
               struct x86_insn *insn)
{
    unsigned int i = 0, max = min(avail, (unsigned int)X86_MAX_INSN_LEN);
    u8 desc, op;
    bool rip_rel = false;
    s64 disp = 0;

    memset(insn, 0, sizeof(*insn));

#define NEXT(v)   do { if ( i >= max ) return -ENODATA; (v) = b[i++]; } while ( 0 )

    /* Legacy prefixes, then at most one REX immediately before the opcode. */
    for ( ;; )
    {
        u8 p;

        NEXT(p);
        switch ( p )
        {
        case 0xf0: insn->lock = true; continue;
        case 0xf3: insn->rep = true; continue;
        case 0xf2: insn->repne = true; continue;
        case 0x66: insn->opsize = true; continue;
        case 0x67: insn->adsize = true; continue;
        case 0x2e: case 0x36: case 0x3e: case 0x26: continue;  /* ignored in 64-bit mode */
        case 0x64: insn->seg = 4; continue;
        case 0x65: insn->seg = 5; continue;
        }
        if ( (p & 0xf0) == 0x40 )
        {
            insn->rex = p;
            NEXT(p);
        }
        op = p;
        break;
    }

    if ( op == 0x0f )
    {
        insn->map = 1;
        NEXT(op);
        desc = two_byte_desc(op);
    }
    else
        desc = one_byte_desc(op);
    insn->opcode = op;
    if ( !(desc & D_OK) )
        return -EOPNOTSUPP;

    if ( desc & D_BYTEOP )
        insn->op_bytes = 1;
    else if ( insn->rex & 8 )
        insn->op_bytes = 8;
    else if ( insn->opsize )
        insn->op_bytes = 2;
    else
        insn->op_bytes = 4;

    if ( desc & D_MODRM )
    {
        u8 modrm, base = 0;
        unsigned long ea = 0;

        NEXT(modrm);
        insn->has_modrm = true;
        insn->mod = modrm >> 6;
        insn->reg = ((modrm >> 3) & 7) | ((insn->rex & 4) << 1);
        insn->rm = (modrm & 7) | ((insn->rex & 1) << 3);
        if ( insn->mod != 3 )
        {
            insn->mem = true;
            if ( (modrm & 7) == 4 )
            {
                u8 sib, index;

                NEXT(sib);
                index = ((sib >> 3) & 7) | ((insn->rex & 2) << 2);
                base = (sib & 7) | ((insn->rex & 1) << 3);
                if ( index != 4 )
                    ea += *x86_gpr((struct cpu_user_regs *)regs, index) << (sib >> 6);
                if ( (base & 7) == 5 && insn->mod == 0 )
                    base = 0xff;            /* disp32, no base */
            }
            else if ( (modrm & 7) == 5 && insn->mod == 0 )
            {
                rip_rel = true;
                base = 0xff;
            }
            else
                base = insn->rm;

            if ( base != 0xff )
                ea += *x86_gpr((struct cpu_user_regs *)regs, base);

            if ( insn->mod == 1 )
            {
                u8 d8;

                NEXT(d8);
                disp = (s8)d8;
            }
            else if ( insn->mod == 2 || base == 0xff )
            {
                u32 d32 = 0;
                unsigned int k;

                for ( k = 0; k < 4; k++ )
                {
                    u8 x;

                    NEXT(x);
                    d32 |= (u32)x << (8 * k);
                }
                disp = (s32)d32;
            }
            insn->ea = ea + disp;
        }
    }

    if ( desc & (D_IMM8 | D_IMMZ) )
    {
        unsigned int k, n = (desc & D_IMM8) ? 1 : (insn->op_bytes == 2 ? 2 : 4);

        for ( k = 0; k < n; k++ )
        {
            u8 x;

            NEXT(x);
            insn->imm |= (u64)x << (8 * k);
        }
        insn->imm_bytes = n;
    }
#undef NEXT

    insn->len = i;
    if ( rip_rel )
        insn->ea += regs->rip + i;
    if ( insn->adsize )
        insn->ea &= 0xffffffffUL;
    return 0;
}
