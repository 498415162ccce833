/* CPU features found by CPUID on the boot CPU (arch/x86/cpu.c). */
#ifndef ASM_CPUFEATURE_H
#define ASM_CPUFEATURE_H

#include <xen/types.h>

struct cpuinfo_x86 {
    u8 x86_vendor;              /* X86_VENDOR_* */
    u8 x86;                     /* family */
    u8 x86_model;
    u8 x86_mask;                /* stepping */
    u32 cpuid_level;
    u32 extended_cpuid_level;
    u32 leaf1_ecx, leaf1_edx;
    u32 leaf7_ebx, leaf7_ecx, leaf7_edx;
    u32 ext1_ecx, ext1_edx;     /* 0x80000001 */
    u32 ext7_edx;               /* 0x80000007 */
    u32 ext8_eax;               /* 0x80000008: address sizes */
    u32 xstate_size;            /* bytes the enabled XSAVE components need */
    u64 xcr0;                   /* components enabled */
    char vendor_id[13];
    char model_id[49];
    u32 apicid;
};

#define X86_VENDOR_UNKNOWN 0
#define X86_VENDOR_INTEL   1
#define X86_VENDOR_AMD     2
#define X86_VENDOR_HYGON   3

extern struct cpuinfo_x86 boot_cpu_data;

#define cpu_has_fpu         (boot_cpu_data.leaf1_edx & (1u << 0))
#define cpu_has_pse         (boot_cpu_data.leaf1_edx & (1u << 3))
#define cpu_has_tsc         (boot_cpu_data.leaf1_edx & (1u << 4))
#define cpu_has_msr         (boot_cpu_data.leaf1_edx & (1u << 5))
#define cpu_has_mce         (boot_cpu_data.leaf1_edx & (1u << 7))
#define cpu_has_apic        (boot_cpu_data.leaf1_edx & (1u << 9))
#define cpu_has_sep         (boot_cpu_data.leaf1_edx & (1u << 11))
#define cpu_has_mtrr        (boot_cpu_data.leaf1_edx & (1u << 12))
#define cpu_has_pge         (boot_cpu_data.leaf1_edx & (1u << 13))
#define cpu_has_mca         (boot_cpu_data.leaf1_edx & (1u << 14))
#define cpu_has_pat         (boot_cpu_data.leaf1_edx & (1u << 16))
#define cpu_has_fxsr        (boot_cpu_data.leaf1_edx & (1u << 24))
#define cpu_has_sse2        (boot_cpu_data.leaf1_edx & (1u << 26))
#define cpu_has_vmx         (boot_cpu_data.leaf1_ecx & (1u << 5))
#define cpu_has_pcid        (boot_cpu_data.leaf1_ecx & (1u << 17))
#define cpu_has_x2apic      (boot_cpu_data.leaf1_ecx & (1u << 21))
#define cpu_has_tsc_deadline (boot_cpu_data.leaf1_ecx & (1u << 24))
#define cpu_has_xsave       (boot_cpu_data.leaf1_ecx & (1u << 26))
#define cpu_has_avx         (boot_cpu_data.leaf1_ecx & (1u << 28))
#define cpu_has_hypervisor  (boot_cpu_data.leaf1_ecx & (1u << 31))
#define cpu_has_fsgsbase    (boot_cpu_data.leaf7_ebx & (1u << 0))
#define cpu_has_smep        (boot_cpu_data.leaf7_ebx & (1u << 7))
#define cpu_has_invpcid     (boot_cpu_data.leaf7_ebx & (1u << 10))
#define cpu_has_smap        (boot_cpu_data.leaf7_ebx & (1u << 20))
#define cpu_has_umip        (boot_cpu_data.leaf7_ecx & (1u << 2))
#define cpu_has_svm         (boot_cpu_data.ext1_ecx & (1u << 2))
#define cpu_has_nx          (boot_cpu_data.ext1_edx & (1u << 20))
#define cpu_has_page1gb     (boot_cpu_data.ext1_edx & (1u << 26))
#define cpu_has_rdtscp      (boot_cpu_data.ext1_edx & (1u << 27))
#define cpu_has_lm          (boot_cpu_data.ext1_edx & (1u << 29))
#define cpu_has_invariant_tsc (boot_cpu_data.ext7_edx & (1u << 8))

void early_cpu_init(void);
void identify_cpu(struct cpuinfo_x86 *c);
void cpu_init(void);            /* per CPU: CR0/CR4, EFER, XSAVE, PAT */
void print_cpu_info(unsigned int cpu);

#endif /* ASM_CPUFEATURE_H */
void print_cpu_features(void);
