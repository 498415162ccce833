/* Access to CPU registers and instructions. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <xen/types.h>
#include <asm/processor-flags.h>
#include <asm/msr-index.h>

struct cpuid_leaf {
    u32 a, b, c, d;
};

static inline void cpuid_count(u32 leaf, u32 subleaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
    __asm__ __volatile__ ( "cpuid"
                           : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d)
                           : "0" (leaf), "2" (subleaf) );
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
    cpuid_count(leaf, 0, a, b, c, d);
}

static inline u32 cpuid_eax(u32 leaf)
{
    u32 a, b, c, d;

    cpuid(leaf, &a, &b, &c, &d);
    return a;
}

static inline u32 cpuid_ebx(u32 leaf)
{
    u32 a, b, c, d;

    cpuid(leaf, &a, &b, &c, &d);
    return b;
}

static inline u32 cpuid_ecx(u32 leaf)
{
    u32 a, b, c, d;

    cpuid(leaf, &a, &b, &c, &d);
    return c;
}

static inline u32 cpuid_edx(u32 leaf)
{
    u32 a, b, c, d;

    cpuid(leaf, &a, &b, &c, &d);
    return d;
}

static inline u64 rdmsr(u32 msr)
{
    u32 lo, hi;

    __asm__ __volatile__ ( "rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr) );
    return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 val)
{
    __asm__ __volatile__ ( "wrmsr" :: "c" (msr), "a" ((u32)val), "d" ((u32)(val >> 32))
                           : "memory" );
}

/* RDMSR that returns -EFAULT-style failure instead of faulting (see traps.c fixups). */
int rdmsr_safe(u32 msr, u64 *val);
int wrmsr_safe(u32 msr, u64 val);

static inline u64 rdtsc(void)
{
    u32 lo, hi;

    __asm__ __volatile__ ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((u64)hi << 32) | lo;
}

/* RDTSC ordered after earlier loads (LFENCE is dispatch-serialising on both vendors). */
static inline u64 rdtsc_ordered(void)
{
    __asm__ __volatile__ ( "lfence" ::: "memory" );
    return rdtsc();
}

#define DEFINE_CR_ACCESSORS(n)                                              \
static inline unsigned long read_cr##n(void)                                \
{                                                                           \
    unsigned long v;                                                        \
    __asm__ __volatile__ ( "mov %%cr" #n ", %0" : "=r" (v) );               \
    return v;                                                               \
}                                                                           \
static inline void write_cr##n(unsigned long v)                             \
{                                                                           \
    __asm__ __volatile__ ( "mov %0, %%cr" #n :: "r" (v) : "memory" );       \
}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline void write_xcr0(u64 v)
{
    __asm__ __volatile__ ( "xsetbv" :: "c" (0), "a" ((u32)v), "d" ((u32)(v >> 32)) );
}

static inline unsigned long read_rflags(void)
{
    unsigned long f;

    __asm__ __volatile__ ( "pushf; pop %0" : "=r" (f) );
    return f;
}

#ifndef HOST_TEST
static inline void local_irq_disable(void)
{
    __asm__ __volatile__ ( "cli" ::: "memory" );
}

static inline void local_irq_enable(void)
{
    __asm__ __volatile__ ( "sti" ::: "memory" );
}
#else
/* Host unit tests run in user mode: interrupt masking is a no-op there. */
static inline void local_irq_disable(void)
{
}

static inline void local_irq_enable(void)
{
}
#endif

#define local_irq_save(flags) \
    do { (flags) = read_rflags(); local_irq_disable(); } while ( 0 )
#define local_irq_restore(flags) \
    do { if ( (flags) & X86_EFLAGS_IF ) local_irq_enable(); } while ( 0 )

static inline bool local_irq_is_enabled(void)
{
    return read_rflags() & X86_EFLAGS_IF;
}

/* Enable interrupts and halt until the next one, atomically (STI's shadow). */
static inline void safe_halt(void)
{
    __asm__ __volatile__ ( "sti; hlt" ::: "memory" );
}

static inline void halt(void)
{
    __asm__ __volatile__ ( "hlt" ::: "memory" );
}

static inline void cpu_relax(void)
{
    __asm__ __volatile__ ( "pause" ::: "memory" );
}

static inline void invlpg(const void *va)
{
    __asm__ __volatile__ ( "invlpg (%0)" :: "r" (va) : "memory" );
}

static inline void wbinvd(void)
{
    __asm__ __volatile__ ( "wbinvd" ::: "memory" );
}

/* Flush the whole TLB, global entries included (toggle CR4.PGE). */
static inline void flush_tlb_all_local(void)
{
    unsigned long cr4 = read_cr4();

    if ( cr4 & X86_CR4_PGE )
    {
        write_cr4(cr4 & ~X86_CR4_PGE);
        write_cr4(cr4);
    }
    else
        write_cr3(read_cr3());
}

static inline void stac(void)
{
    extern bool cpu_has_smap_enabled;
    if ( cpu_has_smap_enabled )
        __asm__ __volatile__ ( "stac" ::: "memory" );
}

static inline void clac(void)
{
    extern bool cpu_has_smap_enabled;
    if ( cpu_has_smap_enabled )
        __asm__ __volatile__ ( "clac" ::: "memory" );
}

#define mb()    __asm__ __volatile__ ( "mfence" ::: "memory" )
#define rmb()   __asm__ __volatile__ ( "lfence" ::: "memory" )
#define wmb()   __asm__ __volatile__ ( "sfence" ::: "memory" )
#define smp_mb()  mb()
#define smp_rmb() barrier()
#define smp_wmb() barrier()

#endif /* ASM_PROCESSOR_H */
