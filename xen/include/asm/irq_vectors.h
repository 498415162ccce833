/* Interrupt vector assignment. */
#ifndef ASM_IRQ_VECTORS_H
#define ASM_IRQ_VECTORS_H

#define X86_EXC_DE   0
#define X86_EXC_DB   1
#define X86_EXC_NMI  2
#define X86_EXC_BP   3
#define X86_EXC_OF   4
#define X86_EXC_BR   5
#define X86_EXC_UD   6
#define X86_EXC_NM   7
#define X86_EXC_DF   8
#define X86_EXC_TS   10
#define X86_EXC_NP   11
#define X86_EXC_SS   12
#define X86_EXC_GP   13
#define X86_EXC_PF   14
#define X86_EXC_MF   16
#define X86_EXC_AC   17
#define X86_EXC_MC   18
#define X86_EXC_XM   19
#define X86_EXC_VE   20
#define X86_EXC_CP   21
#define X86_NR_EXC   32

/* The legacy PIC is remapped here and masked. */
#define PIC_MASTER_VECTOR       0x20
#define PIC_SLAVE_VECTOR        0x28

/* Device interrupts get vectors from this range. */
#define FIRST_DYNAMIC_VECTOR    0x30
#define LAST_DYNAMIC_VECTOR     0xef

/* int 0x80 and int 0x82 are reserved for PV guests (system calls, 32-bit hypercalls). */
#define LEGACY_SYSCALL_VECTOR   0x80
#define HYPERCALL_VECTOR        0x82

#define PMU_APIC_VECTOR         0xf9
#define LOCAL_TIMER_VECTOR      0xfa
#define CALL_FUNCTION_VECTOR    0xfb
#define EVENT_CHECK_VECTOR      0xfc
#define INVALIDATE_TLB_VECTOR   0xfd
#define ERROR_APIC_VECTOR       0xfe
#define SPURIOUS_APIC_VECTOR    0xff

#define NR_VECTORS              256

#endif /* ASM_IRQ_VECTORS_H */
