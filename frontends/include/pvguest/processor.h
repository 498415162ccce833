/*
 * Privileged and emulated instructions from a PV guest kernel, each in a
 * form that survives a fault: the fault is caught through the exception
 * table and returned as an exinfo_t (EXINFO_NONE when none happened; a
 * stale record is dropped first).
 *
 * A PV kernel runs in ring 3, so these instructions trap to the hypervisor,
 * which emulates the ones it allows (Xen: xen/arch/x86/pv/emul-priv-op.c)
 * and reflects a #GP otherwise.  CPUID runs natively unless prefixed with
 * XEN_EMULATE_PREFIX (ud2; .ascii "xen"), which asks for the hypervisor's
 * view of the CPU (public arch-x86/xen.h).
 */
#ifndef PVGUEST_PROCESSOR_H
#define PVGUEST_PROCESSOR_H

#include <pvguest/setup.h>

struct cpuid_regs {
    uint32_t eax, ebx, ecx, edx;
};

/* CPUID as the hypervisor presents it to this guest (forced emulation). */
static inline exinfo_t cpuid_pv(uint32_t leaf, uint32_t subleaf,
                                struct cpuid_regs *r)
{
    exinfo_take();
    r->eax = leaf;
    r->ecx = subleaf;
    r->ebx = r->edx = 0;
    asm volatile ( "1: ud2a; .ascii \"xen\"; cpuid\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   : "+a" (r->eax), "+b" (r->ebx), "+c" (r->ecx),
                     "+d" (r->edx)
                   :: "memory" );
    return exinfo_take();
}

/* CPUID executed natively (no prefix). */
static inline void cpuid_native(uint32_t leaf, uint32_t subleaf,
                                struct cpuid_regs *r)
{
    asm volatile ( "cpuid"
                   : "=a" (r->eax), "=b" (r->ebx), "=c" (r->ecx),
                     "=d" (r->edx)
                   : "0" (leaf), "2" (subleaf) );
}

static inline exinfo_t rdmsr_safe(uint32_t msr, uint64_t *val)
{
    uint32_t lo = 0, hi = 0;

    exinfo_take();
    asm volatile ( "1: rdmsr\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   : "+a" (lo), "+d" (hi) : "c" (msr) : "memory" );
    *val = ((uint64_t)hi << 32) | lo;
    return exinfo_take();
}

static inline exinfo_t wrmsr_safe(uint32_t msr, uint64_t val)
{
    exinfo_take();
    asm volatile ( "1: wrmsr\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   :: "c" (msr), "a" ((uint32_t)val),
                      "d" ((uint32_t)(val >> 32))
                   : "memory" );
    return exinfo_take();
}

#define DEFINE_READ_CR(n)                                               \
static inline exinfo_t read_cr##n##_safe(unsigned long *val)            \
{                                                                       \
    unsigned long v = 0;                                                \
                                                                        \
    exinfo_take();                                                      \
    asm volatile ( "1: mov %%cr" #n ", %0\n\t"                          \
                   "2:\n\t"                                             \
                   ASM_EXTABLE(1b, 2b)                                  \
                   : "+r" (v) :: "memory" );                            \
    *val = v;                                                           \
    return exinfo_take();                                               \
}
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)
#undef DEFINE_READ_CR

static inline exinfo_t write_cr0_safe(unsigned long val)
{
    exinfo_take();
    asm volatile ( "1: mov %0, %%cr0\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   :: "r" (val) : "memory" );
    return exinfo_take();
}

static inline exinfo_t clts_safe(void)
{
    exinfo_take();
    asm volatile ( "1: clts\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    return exinfo_take();
}

static inline exinfo_t inb_safe(uint16_t port, uint8_t *val)
{
    uint8_t v = 0;

    exinfo_take();
    asm volatile ( "1: inb %w1, %b0\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   : "+a" (v) : "Nd" (port) : "memory" );
    *val = v;
    return exinfo_take();
}

static inline exinfo_t inl_safe(uint16_t port, uint32_t *val)
{
    uint32_t v = 0;

    exinfo_take();
    asm volatile ( "1: inl %w1, %0\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   : "+a" (v) : "Nd" (port) : "memory" );
    *val = v;
    return exinfo_take();
}

static inline exinfo_t outb_safe(uint16_t port, uint8_t val)
{
    exinfo_take();
    asm volatile ( "1: outb %b0, %w1\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   :: "a" (val), "Nd" (port) : "memory" );
    return exinfo_take();
}

static inline exinfo_t hlt_safe(void)
{
    exinfo_take();
    asm volatile ( "1: hlt\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    return exinfo_take();
}

static inline exinfo_t wbinvd_safe(void)
{
    exinfo_take();
    asm volatile ( "1: wbinvd\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    return exinfo_take();
}

#define MSR_IA32_APICBASE       0x0000001b
#define MSR_IA32_CR_PAT         0x00000277
#define MSR_EFER                0xc0000080
#define MSR_FS_BASE             0xc0000100
#define MSR_GS_BASE             0xc0000101
#define MSR_SHADOW_GS_BASE      0xc0000102
#define MSR_TSC_AUX             0xc0000103

#define X86_CR0_PE              (1UL << 0)
#define X86_CR0_TS              (1UL << 3)
#define X86_CR0_PG              (1UL << 31)
#define X86_CR4_PAE             (1UL << 5)

#endif /* PVGUEST_PROCESSOR_H */
