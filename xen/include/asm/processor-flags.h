/* Architectural bits of the control registers, EFLAGS and EFER. */
#ifndef ASM_PROCESSOR_FLAGS_H
#define ASM_PROCESSOR_FLAGS_H

#define X86_EFLAGS_CF   0x00000001
#define X86_EFLAGS_MBS  0x00000002 /* always set */
#define X86_EFLAGS_PF   0x00000004
#define X86_EFLAGS_AF   0x00000010
#define X86_EFLAGS_ZF   0x00000040
#define X86_EFLAGS_SF   0x00000080
#define X86_EFLAGS_TF   0x00000100
#define X86_EFLAGS_IF   0x00000200
#define X86_EFLAGS_DF   0x00000400
#define X86_EFLAGS_OF   0x00000800
#define X86_EFLAGS_IOPL 0x00003000
#define X86_EFLAGS_NT   0x00004000
#define X86_EFLAGS_RF   0x00010000
#define X86_EFLAGS_VM   0x00020000
#define X86_EFLAGS_AC   0x00040000
#define X86_EFLAGS_VIF  0x00080000
#define X86_EFLAGS_VIP  0x00100000
#define X86_EFLAGS_ID   0x00200000

#define X86_CR0_PE      0x00000001
#define X86_CR0_MP      0x00000002
#define X86_CR0_EM      0x00000004
#define X86_CR0_TS      0x00000008
#define X86_CR0_ET      0x00000010
#define X86_CR0_NE      0x00000020
#define X86_CR0_WP      0x00010000
#define X86_CR0_AM      0x00040000
#define X86_CR0_NW      0x20000000
#define X86_CR0_CD      0x40000000
#define X86_CR0_PG      0x80000000

#define X86_CR4_VME        0x00000001
#define X86_CR4_PVI        0x00000002
#define X86_CR4_TSD        0x00000004
#define X86_CR4_DE         0x00000008
#define X86_CR4_PSE        0x00000010
#define X86_CR4_PAE        0x00000020
#define X86_CR4_MCE        0x00000040
#define X86_CR4_PGE        0x00000080
#define X86_CR4_PCE        0x00000100
#define X86_CR4_OSFXSR     0x00000200
#define X86_CR4_OSXMMEXCPT 0x00000400
#define X86_CR4_UMIP       0x00000800
#define X86_CR4_LA57       0x00001000
#define X86_CR4_VMXE       0x00002000
#define X86_CR4_SMXE       0x00004000
#define X86_CR4_FSGSBASE   0x00010000
#define X86_CR4_PCIDE      0x00020000
#define X86_CR4_OSXSAVE    0x00040000
#define X86_CR4_SMEP       0x00100000
#define X86_CR4_SMAP       0x00200000
#define X86_CR4_PKE        0x00400000

#define EFER_SCE        (1 << 0)
#define EFER_LME        (1 << 8)
#define EFER_LMA        (1 << 10)
#define EFER_NXE        (1 << 11)
#define EFER_SVME       (1 << 12)
#define EFER_FFXSE      (1 << 14)

#endif /* ASM_PROCESSOR_FLAGS_H */
