/*
 * Privileged instructions from a PV kernel (ring 3): the hypervisor
 * emulates what the guest is allowed and reflects #GP otherwise.
 * - CPUID behind XEN_EMULATE_PREFIX gives the guest's CPU policy: the
 *   native vendor, the "hypervisor" bit, PV-invisible features (PSE, PGE,
 *   PSE36, VME, SMEP, SMAP) hidden (MTRR stays for dom0), the Xen leaves
 *   from 0x40000000 (public arch-x86/cpuid.h);
 * - RDMSR/WRMSR on the PV whitelist (APIC base, PAT, EFER, FS/GS bases),
 *   #GP for anything else;
 * - CR0/CR3/CR4 reads, CR0.TS writes and CLTS;
 * - IN/OUT only after PHYSDEVOP_set_iopl; ports the hypervisor keeps for
 *   itself read as all-ones and ignore writes; PCI config space through
 *   0xcf8/0xcfc works for dom0;
 * - WBINVD in the dom0 kernel is emulated, HLT is not; CLI/STI need IOPL.
 */
#include <pvguest/processor.h>
#include <pvguest/test.h>
#include <xen/arch-x86/cpuid.h>

const char test_title[] = "privileged-instruction emulation";

#define BIT(n) (1u << (n))

static void test_cpuid(void)
{
    struct cpuid_regs n, e;
    long version = HYPERVISOR_xen_version(XENVER_version, NULL);
    uint32_t max_xen;
    exinfo_t ex;

    cpuid_native(0, 0, &n);
    ex = cpuid_pv(0, 0, &e);
    check_eqx(ex, EXINFO_NONE, "forced-emulation CPUID does not fault");
    check(e.ebx == n.ebx && e.ecx == n.ecx && e.edx == n.edx,
          "vendor string as the CPU's");
    check(e.eax >= 1, "basic leaves up to %u", e.eax);

    cpuid_native(1, 0, &n);
    cpuid_pv(1, 0, &e);
    printk("leaf 1: native ecx %08x edx %08x, PV ecx %08x edx %08x\n",
           n.ecx, n.edx, e.ecx, e.edx);
    check(e.ecx & BIT(31), "CPUID.1:ECX.hypervisor set");
    check_eqx(e.edx & (BIT(1) | BIT(3) | BIT(13) | BIT(17)), 0,
              "VME, PSE, PGE, PSE36 hidden from a PV guest");
    check_eqx(e.edx & n.edx & (BIT(0) | BIT(4) | BIT(5) | BIT(6) | BIT(8) |
                               BIT(15) | BIT(24) | BIT(25) | BIT(26)),
              n.edx & (BIT(0) | BIT(4) | BIT(5) | BIT(6) | BIT(8) | BIT(15) |
                       BIT(24) | BIT(25) | BIT(26)),
              "FPU, TSC, MSR, PAE, CX8, CMOV, FXSR, SSE, SSE2 kept");
    cpuid_pv(7, 0, &e);
    check_eqx(e.ebx & (BIT(7) | BIT(20)), 0, "SMEP and SMAP hidden");

    cpuid_pv(XEN_CPUID_LEAF(0), 0, &e);
    printk("leaf 0x40000000: eax %08x\n", e.eax);
    check(e.ebx == XEN_CPUID_SIGNATURE_EBX && e.ecx == XEN_CPUID_SIGNATURE_ECX &&
          e.edx == XEN_CPUID_SIGNATURE_EDX, "\"XenVMMXenVMM\" at 0x40000000");
    max_xen = e.eax;
    check(max_xen >= XEN_CPUID_LEAF(2u) && max_xen <= XEN_CPUID_LEAF(0xffu),
          "largest Xen leaf 0x%x", max_xen);
    cpuid_pv(XEN_CPUID_LEAF(1), 0, &e);
    check_eqx(e.eax, (uint32_t)version, "0x40000001 is the xen_version");
    cpuid_pv(XEN_CPUID_LEAF(2), 0, &e);
    check_eq(e.eax, 1, "one hypercall page");
    check_eqx(e.ebx, 0x40000000, "Xen MSR base");
    check(e.ecx & XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD,
          "MMU_PT_UPDATE_PRESERVE_AD advertised");
    if ( max_xen >= XEN_CPUID_LEAF(5u) )
    {
        cpuid_pv(XEN_CPUID_LEAF(5), 0, &e);
        printk("leaf 0x40000005: eax %08x ebx %08x\n", e.eax, e.ebx);
        check((e.ebx & XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK) <= 52,
              "machine address width %u", e.ebx & 0xff);
    }
}

static struct pv_cpu gs_alias;

static void test_msrs(void)
{
    unsigned long saved = (unsigned long)this_cpu(), v;
    uint64_t val;
    exinfo_t ex;

    ex = rdmsr_safe(MSR_IA32_APICBASE, &val);
    check_eqx(ex, EXINFO_NONE, "RDMSR APIC_BASE");
    printk("APIC_BASE %lx\n", (unsigned long)val);
    check_eqx(val & ~0xfffUL, 0xfee00000, "APIC base address");
    check(val & BIT(11), "APIC_BASE enable bit");
    check(val & BIT(8), "APIC_BASE BSP bit on vCPU 0");

    ex = rdmsr_safe(MSR_IA32_CR_PAT, &val);
    check_eqx(ex, EXINFO_NONE, "RDMSR PAT");
    check_eqx(val, 0x0000050100070406UL, "the PAT the hypervisor uses");

    ex = rdmsr_safe(MSR_EFER, &val);
    check_eqx(ex, EXINFO_NONE, "RDMSR EFER");
    check_eqx(val & ((1u << 8) | (1u << 10)), (1u << 8) | (1u << 10),
              "EFER.LME and EFER.LMA");

    /*
     * The kernel GS base through WRMSR, as Linux's startup_xen does; it
     * points at a copy of our per-CPU area, which the fault handling uses.
     */
    gs_alias = *this_cpu();
    gs_alias.self = &gs_alias;
    ex = wrmsr_safe(MSR_GS_BASE, (unsigned long)&gs_alias);
    check_eqx(ex, EXINFO_NONE, "WRMSR GS_BASE");
    asm volatile ( "mov %%gs:0, %0" : "=r" (v) );
    rdmsr_safe(MSR_GS_BASE, &val);
    wrmsr_safe(MSR_GS_BASE, saved);
    check_eqx(val, (unsigned long)&gs_alias, "RDMSR GS_BASE reads it back");
    check_eqx(v, (unsigned long)&gs_alias, "and %gs now points there");
    check_eqx((unsigned long)this_cpu(), saved, "restored by WRMSR");

    HYPERVISOR_set_segment_base(SEGBASE_FS, 0x1234000);
    ex = rdmsr_safe(MSR_FS_BASE, &val);
    HYPERVISOR_set_segment_base(SEGBASE_FS, 0);
    check_eqx(ex, EXINFO_NONE, "RDMSR FS_BASE");
    check_eqx(val, 0x1234000, "FS base as set by set_segment_base");
    HYPERVISOR_set_segment_base(SEGBASE_GS_USER, 0x5678000);
    rdmsr_safe(MSR_SHADOW_GS_BASE, &val);
    HYPERVISOR_set_segment_base(SEGBASE_GS_USER, 0);
    check_eqx(val, 0x5678000, "RDMSR SHADOW_GS_BASE is the user GS base");

    ex = rdmsr_safe(0x12345678, &val);
    check_eqx(ex, EXINFO(X86_EXC_GP, 0), "RDMSR of an unknown MSR: #GP(0)");
    ex = wrmsr_safe(0x12345678, 1);
    check_eqx(ex, EXINFO(X86_EXC_GP, 0), "WRMSR of an unknown MSR: #GP(0)");
    ex = wrmsr_safe(MSR_IA32_CR_PAT, 0x0606060606060606UL);
    check_eqx(ex, EXINFO(X86_EXC_GP, 0), "WRMSR PAT: #GP(0)");
}

static void test_control_registers(void)
{
    unsigned long cr0, cr3, cr4;

    check_eqx(read_cr0_safe(&cr0), EXINFO_NONE, "MOV from CR0");
    check_eqx(cr0 & (X86_CR0_PE | X86_CR0_PG), X86_CR0_PE | X86_CR0_PG,
              "CR0.PE and CR0.PG");
    check_eqx(read_cr3_safe(&cr3), EXINFO_NONE, "MOV from CR3");
    check_eqx(cr3, (unsigned long)current_l4_mfn() << PAGE_SHIFT,
              "CR3 is our L4 (MFN << 12)");
    check_eqx(read_cr4_safe(&cr4), EXINFO_NONE, "MOV from CR4");
    check(cr4 & X86_CR4_PAE, "CR4.PAE (0x%lx)", cr4);

    check_eqx(write_cr0_safe(cr0 | X86_CR0_TS), EXINFO_NONE,
              "MOV to CR0 setting TS");
    read_cr0_safe(&cr0);
    check(cr0 & X86_CR0_TS, "CR0.TS set");
    check_eqx(clts_safe(), EXINFO_NONE, "CLTS");
    read_cr0_safe(&cr0);
    check(!(cr0 & X86_CR0_TS), "CR0.TS clear after CLTS");
}

static long set_iopl(unsigned int iopl)
{
    struct physdev_set_iopl op = { .iopl = iopl };

    return HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &op);
}

static void test_port_io(void)
{
    uint8_t b;
    uint32_t l;
    exinfo_t ex;

    ex = inb_safe(0x3fd, &b);
    check_eqx(ex, EXINFO(X86_EXC_GP, 0), "IN without I/O privilege: #GP(0)");
    asm volatile ( "1: cli\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    check_eqx(exinfo_take(), EXINFO(X86_EXC_GP, 0), "CLI without IOPL: #GP");

    check_eq(set_iopl(1), 0, "PHYSDEVOP_set_iopl(1)");
    check_eq(set_iopl(4), -EINVAL, "PHYSDEVOP_set_iopl(4)");

    /* The hypervisor's own serial port: all-ones, writes ignored. */
    ex = inb_safe(0x3f9, &b);
    check_eqx(ex, EXINFO_NONE, "IN from the hypervisor's UART");
    check_eqx(b, 0xff, "reads as all-ones");
    ex = outb_safe(0x3ff, 0x5a);
    check_eqx(ex, EXINFO_NONE, "OUT to the hypervisor's UART");
    inb_safe(0x3ff, &b);
    check_eqx(b, 0xff, "the write was dropped");
    ex = inl_safe(0x3f8, &l);
    check_eqx(l, 0xffffffffu, "32-bit IN from it: all-ones");
    /* The PIT belongs to the hypervisor too. */
    inb_safe(0x40, &b);
    check_eqx(b, 0xff, "PIT counter 0 reads as all-ones");

    /* PCI configuration space of the host bridge, for dom0. */
    asm volatile ( "outl %0, %w1" :: "a" (0x80000000u), "Nd" (0xcf8) );
    ex = inl_safe(0xcfc, &l);
    check_eqx(ex, EXINFO_NONE, "IN from 0xcfc");
    printk("PCI 00:00.0 id %08x\n", l);
    check((l & 0xffff) != 0xffff && l != 0, "host bridge vendor ID (0x%x)", l);

    asm volatile ( "1: cli; sti\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    check_eqx(exinfo_take(), EXINFO_NONE, "CLI/STI with IOPL 1");

    check_eq(set_iopl(0), 0, "PHYSDEVOP_set_iopl(0)");
    check_eqx(inb_safe(0x3fd, &b), EXINFO(X86_EXC_GP, 0),
              "IN faults again at IOPL 0");
}

/*
 * Xen 4.17's emulator does not take HLT from a PV kernel (it is not ring
 * 0): #GP(0), which Linux never meets since it idles with SCHEDOP_block.
 */
static void test_hlt_wbinvd(void)
{
    check_eqx(hlt_safe(), EXINFO(X86_EXC_GP, 0), "HLT in the kernel: #GP(0)");
    check_eqx(wbinvd_safe(), EXINFO_NONE, "WBINVD for dom0 is emulated");
}

void test_main(void)
{
    test_cpuid();
    test_msrs();
    test_control_registers();
    test_port_io();
    test_hlt_wbinvd();
    test_success();
}
