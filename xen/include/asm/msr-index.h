/* Model-specific register numbers (Intel SDM vol. 4, AMD APM vol. 2). */
#ifndef ASM_MSR_INDEX_H
#define ASM_MSR_INDEX_H

#define MSR_IA32_TSC                0x00000010
#define MSR_IA32_PLATFORM_ID        0x00000017
#define MSR_IA32_APICBASE           0x0000001b
#define  APICBASE_BSP               (1u << 8)
#define  APICBASE_EXTD              (1u << 10)
#define  APICBASE_ENABLE            (1u << 11)
#define  APICBASE_BASE_MASK         0xfffffffffffff000ULL
#define MSR_IA32_FEATURE_CONTROL    0x0000003a
#define MSR_IA32_TSC_ADJUST         0x0000003b
#define MSR_IA32_SPEC_CTRL          0x00000048
#define MSR_IA32_PRED_CMD           0x00000049
#define MSR_IA32_UCODE_REV          0x0000008b
#define MSR_IA32_MTRRCAP            0x000000fe
#define MSR_IA32_ARCH_CAPABILITIES  0x0000010a
#define MSR_IA32_SYSENTER_CS        0x00000174
#define MSR_IA32_SYSENTER_ESP       0x00000175
#define MSR_IA32_SYSENTER_EIP       0x00000176
#define MSR_IA32_MCG_CAP            0x00000179
#define MSR_IA32_MCG_STATUS         0x0000017a
#define MSR_IA32_MCG_CTL            0x0000017b
#define MSR_IA32_MISC_ENABLE        0x000001a0
#define MSR_IA32_DEBUGCTLMSR        0x000001d9
#define MSR_IA32_CR_PAT             0x00000277
#define MSR_MTRRdefType             0x000002ff
#define MSR_IA32_MC0_CTL            0x00000400
#define MSR_IA32_MC0_STATUS         0x00000401
#define MSR_IA32_TSC_DEADLINE       0x000006e0
#define MSR_IA32_XSS                0x00000da0

#define MSR_X2APIC_FIRST            0x00000800
#define MSR_X2APIC_LAST             0x000008ff

#define MSR_EFER                    0xc0000080
#define MSR_STAR                    0xc0000081
#define MSR_LSTAR                   0xc0000082
#define MSR_CSTAR                   0xc0000083
#define MSR_SYSCALL_MASK            0xc0000084
#define MSR_FS_BASE                 0xc0000100
#define MSR_GS_BASE                 0xc0000101
#define MSR_SHADOW_GS_BASE          0xc0000102
#define MSR_TSC_AUX                 0xc0000103

#define MSR_K8_VM_CR                0xc0010114
#define MSR_K8_VM_HSAVE_PA          0xc0010117

#endif /* ASM_MSR_INDEX_H */
