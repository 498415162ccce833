/*
 * CPU identification and per-CPU control-register set-up.
 *
 * The boot CPU is identified once (boot_cpu_data); every CPU then enables the same
 * features: NX, SMEP and SMAP where present (smep=/smap= to disable), global pages,
 * FSGSBASE, the FPU (CR0.NE/MP, OSFXSR, OSXMMEXCPT) and XSAVE with every user
 * component the CPU supports, and the PAT value Xen uses.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>
#include <asm/page.h>

struct cpuinfo_x86 boot_cpu_data;
bool cpu_has_smap_enabled;
static bool tcg_smap_workaround;

static bool opt_smep = true;
boolean_param("smep", opt_smep);
static bool opt_smap = true;
boolean_param("smap", opt_smap);

/* PAT as Xen programs it: WB, WT, UC-, UC, WC, WP, UC-, UC (0x0000050100070406). */
#define XEN_MSR_PAT 0x0000050100070406ULL

void identify_cpu(struct cpuinfo_x86 *c)
{
    u32 a, b, cx, d, i;

    memset(c, 0, sizeof(*c));
    cpuid(0, &c->cpuid_level, &b, &cx, &d);
    memcpy(c->vendor_id + 0, &b, 4);
    memcpy(c->vendor_id + 4, &d, 4);
    memcpy(c->vendor_id + 8, &cx, 4);
    c->vendor_id[12] = '\0';
    if ( !strcmp(c->vendor_id, "GenuineIntel") )
        c->x86_vendor = X86_VENDOR_INTEL;
    else if ( !strcmp(c->vendor_id, "AuthenticAMD") )
        c->x86_vendor = X86_VENDOR_AMD;
    else if ( !strcmp(c->vendor_id, "HygonGenuine") )
        c->x86_vendor = X86_VENDOR_HYGON;

    cpuid(1, &a, &b, &c->leaf1_ecx, &c->leaf1_edx);
    c->x86 = (a >> 8) & 0xf;
    c->x86_model = (a >> 4) & 0xf;
    c->x86_mask = a & 0xf;
    if ( c->x86 == 0xf )
        c->x86 += (a >> 20) & 0xff;
    if ( c->x86 >= 6 )
        c->x86_model |= ((a >> 16) & 0xf) << 4;
    c->apicid = b >> 24;

    if ( c->cpuid_level >= 7 )
        cpuid_count(7, 0, &a, &c->leaf7_ebx, &c->leaf7_ecx, &c->leaf7_edx);

    c->extended_cpuid_level = cpuid_eax(0x80000000);
    if ( c->extended_cpuid_level >= 0x80000001 )
        cpuid(0x80000001, &a, &b, &c->ext1_ecx, &c->ext1_edx);
    if ( c->extended_cpuid_level >= 0x80000004 )
    {
        u32 *p = (u32 *)c->model_id;

        for ( i = 0; i < 3; i++, p += 4 )
            cpuid(0x80000002 + i, &p[0], &p[1], &p[2], &p[3]);
        c->model_id[48] = '\0';
    }
    if ( c->extended_cpuid_level >= 0x80000007 )
        c->ext7_edx = cpuid_edx(0x80000007);
    if ( c->extended_cpuid_level >= 0x80000008 )
        c->ext8_eax = cpuid_eax(0x80000008);
}

/* The boot CPU: identify it and decide which features every CPU will enable. */
void __init early_cpu_init(void)
{
    identify_cpu(&boot_cpu_data);
    if ( cpu_has_nx )
        _PAGE_NX = _PAGE_NX_BIT;
    if ( !cpu_has_smep )
        opt_smep = false;
    if ( !cpu_has_smap )
        opt_smap = false;

    /*
     * QEMU's TCG emulation pops IRET frames with supervisor rights even at CPL 3,
     * so with SMAP on, a PV guest kernel (ring 3) faults on its own IRET.  Real
     * CPUs do not do that; under TCG, SMAP stays off.
     */
    if ( cpu_has_hypervisor && opt_smap )
    {
        u32 sig[4];

        cpuid(0x40000000, &sig[3], &sig[0], &sig[1], &sig[2]);
        if ( !memcmp(sig, "TCGTCGTCGTCG", 12) )
        {
            opt_smap = false;
            tcg_smap_workaround = true;
        }
    }
}

static void xstate_init(void)
{
    u32 a, b, c, d;
    u64 supported;

    write_cr4(read_cr4() | X86_CR4_OSXSAVE);
    cpuid_count(0xd, 0, &a, &b, &c, &d);
    supported = ((u64)d << 32) | a;
    /* x87, SSE, AVX and the AVX-512 states (bits 0-2, 5-7); nothing supervisor-only. */
    boot_cpu_data.xcr0 = supported & 0xe7;
    write_xcr0(boot_cpu_data.xcr0);
    cpuid_count(0xd, 0, &a, &b, &c, &d);
    boot_cpu_data.xstate_size = b;
}

void cpu_init(void)
{
    unsigned long cr4 = read_cr4();
    u64 efer = rdmsr(MSR_EFER);

    if ( cpu_has_nx )
        efer |= EFER_NXE;
    efer |= EFER_SCE;
    wrmsr(MSR_EFER, efer);

    write_cr0((read_cr0() | X86_CR0_MP | X86_CR0_NE | X86_CR0_WP) &
              ~(X86_CR0_EM | X86_CR0_TS | X86_CR0_CD | X86_CR0_NW));

    cr4 |= X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT | X86_CR4_PAE;
    if ( cpu_has_pge )
        cr4 |= X86_CR4_PGE;
    if ( cpu_has_fsgsbase )
        cr4 |= X86_CR4_FSGSBASE;
    if ( opt_smep )
        cr4 |= X86_CR4_SMEP;
    if ( opt_smap )
        cr4 |= X86_CR4_SMAP;
    if ( cpu_has_mce )
        cr4 |= X86_CR4_MCE;
    write_cr4(cr4);
    cpu_has_smap_enabled = opt_smap;

    if ( cpu_has_xsave )
        xstate_init();
    if ( cpu_has_pat )
        wrmsr(MSR_IA32_CR_PAT, XEN_MSR_PAT);

    __asm__ __volatile__ ( "fninit" );
}

void print_cpu_info(unsigned int cpu)
{
    const struct cpuinfo_x86 *c = &boot_cpu_data;

    printk("CPU%u: %s %s (family %#x model %#x stepping %u)\n", cpu, c->vendor_id,
           c->model_id[0] ? c->model_id : "unknown model", c->x86, c->x86_model, c->x86_mask);
}

/* One line per feature group that matters to the hypervisor. */
void __init print_cpu_features(void)
{
    printk("CPU features: %s%s%s%s%s%s%s%s%s%s%s%s%s\n",
           cpu_has_nx ? " nx" : "", cpu_has_smep ? " smep" : "",
           cpu_has_smap ? " smap" : "", cpu_has_pge ? " pge" : "",
           cpu_has_page1gb ? " page1gb" : "", cpu_has_x2apic ? " x2apic" : "",
           cpu_has_tsc_deadline ? " tsc-deadline" : "",
           cpu_has_invariant_tsc ? " invariant-tsc" : "",
           cpu_has_xsave ? " xsave" : "", cpu_has_fsgsbase ? " fsgsbase" : "",
           cpu_has_svm ? " svm" : "", cpu_has_vmx ? " vmx" : "",
           cpu_has_hypervisor ? " hypervisor" : "");
    if ( tcg_smap_workaround )
        printk("Running under QEMU TCG: SMAP left off (TCG pops ring-3 IRET frames "
               "with supervisor rights)\n");
    printk("SMEP %s, SMAP %s, NX %s%s\n", opt_smep ? "enabled" : "disabled",
           opt_smap ? "enabled" : "disabled", cpu_has_nx ? "enabled" : "not supported",
           cpu_has_xsave ? "" : ", no XSAVE");
    if ( cpu_has_xsave )
        printk("XSAVE: xcr0 %#lx, %u bytes of state\n",
               (unsigned long)boot_cpu_data.xcr0, boot_cpu_data.xstate_size);
}
