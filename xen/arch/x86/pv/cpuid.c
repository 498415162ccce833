/*
 * The CPUID a PV guest sees: the hardware's, minus what a kernel in ring 3 under
 * the PV MMU cannot use, plus the hypervisor leaves at 0x40000000 that identify us
 * as Xen 4.17 (public/arch-x86/cpuid.h).  Guests get it through the forced
 * emulation prefix (ud2; .ascii "xen"; cpuid), as Linux's xen_cpuid does.
 *
 * What is hidden, and why (Xen's PV policy):
 *  - PSE, PGE, PSE36, PAGE1GB: no superpages or global pages under the PV MMU;
 *  - SMEP, SMAP, UMIP, PKU, LA57, PCID, INVPCID: paging/protection features of
 *    ring 0 that the guest kernel (ring 3) cannot control;
 *  - VMX, SVM, SMX, MONITOR, X2APIC, TSC_DEADLINE, DS, MCE/MCA, MTRR, VME: hardware
 *    that belongs to the hypervisor;
 *  - XSAVE, OSXSAVE and the AVX family: guests use FXSAVE (XSETBV is not offered);
 *  - FSGSBASE, RDTSCP/RDPID: would need their state switched on every guest entry.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/version.h>
#include <asm/processor.h>
#include <asm/guest_access.h>
#include <asm/pv/traps.h>
#include <asm/cpu_policy.h>

#define XEN_CPUID_SIGNATURE_EBX 0x566e6558      /* "XenV" */
#define XEN_CPUID_SIGNATURE_ECX 0x65584d4d      /* "MMXe" */
#define XEN_CPUID_SIGNATURE_EDX 0x4d4d566e      /* "nVMM" */

/* Leaf 1. */
#define HIDE1_ECX ((1u << 2) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7) | \
                   (1u << 8) | (1u << 12) | (1u << 15) | (1u << 17) | (1u << 18) |           \
                   (1u << 21) | (1u << 24) | (1u << 26) | (1u << 27) | (1u << 28) |          \
                   (1u << 29))
#define HIDE1_EDX ((1u << 1) | (1u << 3) | (1u << 7) | (1u << 12) | (1u << 13) |             \
                   (1u << 14) | (1u << 17) | (1u << 21) | (1u << 22) | (1u << 29) |          \
                   (1u << 31))
/* Leaf 7.0: keep BMI1/2, ERMS, RDSEED, ADX, CLFLUSHOPT, CLWB, SHA and little else. */
#define KEEP7_EBX ((1u << 3) | (1u << 8) | (1u << 9) | (1u << 18) | (1u << 19) |              \
                   (1u << 23) | (1u << 24) | (1u << 29))
#define KEEP7_ECX ((1u << 1) | (1u << 8) | (1u << 9) | (1u << 10))
/* Leaf 0x80000001. */
#define HIDE81_ECX ((1u << 2) | (1u << 3) | (1u << 12) | (1u << 15) | (1u << 21))
#define HIDE81_EDX ((1u << 26) | (1u << 27))

/*
 * CPUID (leaf, subleaf) as vCPU 'vcpu_id' of 'dom' sees it: the PV policy
 * below, narrowed by what the toolstack set (XEN_DOMCTL_set_cpu_policy,
 * arch/x86/cpu_policy.c); dom may be NULL for the PV policy alone.
 */
void pv_cpuid_leaf(const struct domain *dom, unsigned int vcpu_id, u32 leaf, u32 subleaf,
                   u32 res[4])
{
    u32 a = 0, b = 0, c = 0, d = 0;

    if ( (leaf & 0xffff0000u) == 0x40000000u )
    {
        switch ( leaf )
        {
        case 0x40000000:
            a = 0x40000005;
            b = XEN_CPUID_SIGNATURE_EBX;
            c = XEN_CPUID_SIGNATURE_ECX;
            d = XEN_CPUID_SIGNATURE_EDX;
            break;
        case 0x40000001:
            a = (XEN_VERSION << 16) | XEN_SUBVERSION;
            break;
        case 0x40000002:
            a = 1;                      /* hypercall pages */
            b = 0x40000000;             /* MSR that installs one (emul-priv-op.c) */
            c = 1u << 0;                /* XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD */
            break;
        case 0x40000003:
            c = cpu_khz;                /* TSC frequency */
            break;
        /* 0x40000004 (HVM features) and 0x40000005 (PV: address width 0 keeps
         * grant tables at v1) are zero. */
        }
        goto out;
    }

    cpuid_count(leaf, subleaf, &a, &b, &c, &d);
    switch ( leaf )
    {
    case 0x0:
        a = min(a, 0xdu);
        break;
    case 0x1:
        c = (c & ~HIDE1_ECX) | (1u << 31);      /* we are a hypervisor */
        d &= ~HIDE1_EDX;
        b = (b & 0x00ffffff) | ((vcpu_id * 2) << 24);
        break;
    case 0x5:                                    /* MONITOR/MWAIT */
    case 0x6:                                    /* thermal and power */
    case 0xa:                                    /* performance counters */
    case 0xd:                                    /* XSAVE */
        a = b = c = d = 0;
        break;
    case 0x7:
        if ( subleaf == 0 )
        {
            a = 0;
            b &= KEEP7_EBX;
            c &= KEEP7_ECX;
            d = 0;
        }
        else
            a = b = c = d = 0;
        break;
    case 0x80000000:
        a = min(a, 0x80000008u);
        break;
    case 0x80000001:
        c &= ~HIDE81_ECX;
        d &= ~HIDE81_EDX;
        break;
    }
 out:
    res[0] = a;
    res[1] = b;
    res[2] = c;
    res[3] = d;
    if ( dom && dom->arch.cpuid )
        domain_cpuid_narrow(dom, leaf, subleaf, res);
}

void pv_cpuid(const struct vcpu *v, u32 leaf, u32 subleaf, struct cpu_user_regs *regs)
{
    u32 res[4];

    pv_cpuid_leaf(v->domain, v->vcpu_id, leaf, subleaf, res);
    regs->rax = res[0];
    regs->rbx = res[1];
    regs->rcx = res[2];
    regs->rdx = res[3];
}

/*
 * #UD: the forced-emulation prefix "ud2; .ascii \"xen\"" (0f 0b 78 65 6e) followed
 * by CPUID (0f a2) is emulated; any other #UD is the guest's.
 */
bool pv_emulate_forced_invalid_op(struct cpu_user_regs *regs)
{
    static const u8 sig[] = { 0x0f, 0x0b, 0x78, 0x65, 0x6e, 0x0f, 0xa2 };
    u8 insn[sizeof(sig)];

    if ( raw_copy_from_guest(insn, (void *)regs->rip, sizeof(insn)) ||
         memcmp(insn, sig, sizeof(sig)) )
        return false;
    pv_cpuid(current, regs->rax, regs->rcx, regs);
    regs->rip += sizeof(sig);
    return true;
}
