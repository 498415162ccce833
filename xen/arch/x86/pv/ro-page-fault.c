/*
 * Writable page tables: a PV guest kernel's stores into its own L1 page tables,
 * which it may only map read-only, fault; we emulate the store as if it were an
 * mmu_update (validate the new entry, swap it in atomically, release the old one)
 * and step over the instruction.  Linux relies on this for the generic PTE helpers
 * it uses on pinned tables: MOV, XCHG, CMPXCHG, LOCK BTS/BTR (fork's write
 * protection) and LOCK OR/AND.  Writes to L2-L4 tables are not emulated: the guest
 * gets its page fault (public/xen.h: page-directory entries cannot be written).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/domain.h>
#include <asm/guest_access.h>
#include <asm/insn.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>

/* The L1 entry (machine address) that maps 'addr' in v's kernel page tables. */
static u64 *find_l1e(struct vcpu *v, unsigned long addr)
{
    const u64 *t = mfn_to_virt(v->arch.pv.guest_table);
    unsigned int level;

    for ( level = 4; level > 1; level-- )
    {
        u64 e = t[(addr >> (PAGE_SHIFT + 9 * (level - 1))) & 511];

        if ( !(e & _PAGE_PRESENT) || (e & _PAGE_PSE) ||
             !mfn_valid((e & PTE_ADDR_MASK) >> PAGE_SHIFT) )
            return NULL;
        t = maddr_to_virt(e & PTE_ADDR_MASK);
    }
    return (u64 *)t + l1_table_offset(addr);
}

static void set_flags_logic(struct cpu_user_regs *regs, u64 result, unsigned int bytes)
{
    unsigned long f = regs->rflags & ~(X86_EFLAGS_CF | X86_EFLAGS_OF | X86_EFLAGS_ZF |
                                       X86_EFLAGS_SF | X86_EFLAGS_PF);
    u64 mask = bytes == 8 ? ~0ULL : (1ULL << (bytes * 8)) - 1;

    result &= mask;
    if ( !result )
        f |= X86_EFLAGS_ZF;
    if ( result >> (bytes * 8 - 1) )
        f |= X86_EFLAGS_SF;
    if ( !(__builtin_popcount((u8)result) & 1) )
        f |= X86_EFLAGS_PF;
    regs->rflags = f;
}

/*
 * Compute the value the instruction stores, given the old memory value; may also
 * update registers and flags.  Returns false for anything not supported.
 */
static bool compute_store(const struct x86_insn *in, struct cpu_user_regs *regs,
                          u64 old, u64 *newv, bool *do_write)
{
    unsigned int n = in->op_bytes;
    u64 mask = n == 8 ? ~0ULL : (1ULL << (n * 8)) - 1;
    u64 src = 0;
    unsigned int bit;

    *do_write = true;
    old &= mask;
    if ( in->map == 0 )
    {
        switch ( in->opcode )
        {
        case 0x88: case 0x89:                           /* MOV r/m, r */
            *newv = x86_read_reg(in, regs, in->reg, n);
            return true;
        case 0xc6: case 0xc7:                           /* MOV r/m, imm */
            if ( in->reg != 0 )
                return false;
            src = in->imm_bytes == 1 ? (u64)(s8)in->imm : (u64)(s32)in->imm;
            *newv = src & mask;
            return true;
        case 0x86: case 0x87:                           /* XCHG */
            *newv = x86_read_reg(in, regs, in->reg, n);
            x86_write_reg(in, regs, in->reg, n, old);
            return true;
        case 0x08: case 0x09: case 0x20: case 0x21: case 0x30: case 0x31:
            src = x86_read_reg(in, regs, in->reg, n);
            break;
        case 0x80: case 0x81: case 0x83:
            src = in->imm_bytes == 1 ? (u64)(s8)in->imm : (u64)(s32)in->imm;
            src &= mask;
            break;
        default:
            return false;
        }
        /* OR, AND, XOR (ModRM group 1: /1 OR, /4 AND, /6 XOR). */
        switch ( in->opcode >= 0x80 ? in->reg : in->opcode >> 3 )
        {
        case 1: *newv = old | src; break;
        case 4: *newv = old & src; break;
        case 6: *newv = old ^ src; break;
        default: return false;
        }
        set_flags_logic(regs, *newv, n);
        return true;
    }

    switch ( in->opcode )
    {
    case 0xb0: case 0xb1:                               /* CMPXCHG */
    {
        u64 acc = x86_read_reg(in, regs, 0, n);

        if ( acc == old )
        {
            *newv = x86_read_reg(in, regs, in->reg, n);
            regs->rflags |= X86_EFLAGS_ZF;
        }
        else
        {
            *do_write = false;
            x86_write_reg(in, regs, 0, n, old);
            regs->rflags &= ~X86_EFLAGS_ZF;
        }
        return true;
    }
    case 0xab: case 0xb3: case 0xbb:                    /* BTS, BTR, BTC r */
    case 0xba:                                          /* BT* imm8 */
    {
        unsigned int op = in->opcode == 0xba ? in->reg : (in->opcode == 0xab ? 5 :
                                                         in->opcode == 0xb3 ? 6 : 7);

        bit = (in->opcode == 0xba ? in->imm : x86_read_reg(in, regs, in->reg, n)) % (n * 8);
        if ( (old >> bit) & 1 )
            regs->rflags |= X86_EFLAGS_CF;
        else
            regs->rflags &= ~X86_EFLAGS_CF;
        switch ( op )
        {
        case 5: *newv = old | (1ULL << bit); return true;
        case 6: *newv = old & ~(1ULL << bit); return true;
        case 7: *newv = old ^ (1ULL << bit); return true;
        }
        return false;
    }
    }
    return false;
}

bool pv_ro_page_fault(unsigned long addr, struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    u8 bytes[X86_MAX_INSN_LEN];
    unsigned int avail = X86_MAX_INSN_LEN, shift;
    struct x86_insn in;
    struct page_info *pg;
    u64 *map_l1e, l1e, *pte, old, oldpart, newpart, mask, newpte;
    bool do_write, ok = false;
    unsigned long mfn;

    if ( !guest_range_ok(addr, 1) || !v->arch.pv.guest_table )
        return false;

    spin_lock(&d->arch.pv.mmu_lock);

    /* Is the page written to one of the domain's L1 tables, mapped read-only? */
    map_l1e = find_l1e(v, addr);
    if ( !map_l1e )
        goto out;
    l1e = READ_ONCE(*map_l1e);
    if ( (l1e & (_PAGE_PRESENT | _PAGE_RW)) != _PAGE_PRESENT )
        goto out;
    mfn = (l1e & PTE_ADDR_MASK) >> PAGE_SHIFT;
    if ( !mfn_valid(mfn) )
        goto out;
    pg = mfn_to_page(mfn);
    if ( pg->owner != d->domain_id ||
         (pg->type_info & (PGT_type_mask | PGT_validated)) != (PGT_l1_page_table | PGT_validated) )
        goto out;

    while ( avail && raw_copy_from_guest(bytes, (void *)regs->rip, avail) )
        avail--;
    if ( !avail || x86_decode(bytes, avail, regs, &in) || !in.mem )
        goto out;
    if ( in.seg == 4 )
        in.ea += rdmsr(MSR_FS_BASE);
    else if ( in.seg == 5 )
        in.ea += rdmsr(MSR_GS_BASE);
    /* The store must be the faulting one and stay inside one naturally aligned PTE. */
    if ( in.ea != addr || (addr & 7) + in.op_bytes > 8 || (addr & (in.op_bytes - 1)) )
        goto out;

    pte = (u64 *)page_to_virt(pg) + ((addr & ~PAGE_MASK) >> 3);
    shift = (addr & 7) * 8;
    mask = in.op_bytes == 8 ? ~0ULL : ((1ULL << (in.op_bytes * 8)) - 1) << shift;
    for ( ;; )
    {
        struct cpu_user_regs saved = *regs;

        old = READ_ONCE(*pte);
        oldpart = (old & mask) >> shift;
        if ( !compute_store(&in, regs, oldpart, &newpart, &do_write) )
            break;
        if ( !do_write )
        {
            ok = true;
            break;
        }
        newpte = (old & ~mask) | ((newpart << shift) & mask);
        if ( newpte == old )
        {
            ok = true;
            break;
        }
        /* Validate the new entry, then install it only if nothing changed meanwhile. */
        if ( get_page_from_l1e(&newpte, d, d) )
        {
            *regs = saved;
            break;
        }
        newpte = adjust_guest_l1e(newpte);
        if ( cmpxchg(pte, old, newpte) == old )
        {
            put_page_from_l1e(old, d);
            ok = true;
            break;
        }
        /* The CPU updated A/D bits under us: undo and try again. */
        put_page_from_l1e(newpte, d);
        *regs = saved;
    }
    if ( ok )
        regs->rip += in.len;
 out:
    spin_unlock(&d->arch.pv.mmu_lock);
    return ok;
}
