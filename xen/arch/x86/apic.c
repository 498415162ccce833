/*
 * The local APIC, in xAPIC (MMIO) or x2APIC (MSR) mode.
 *
 * x2APIC is used whenever the CPU has it (x2apic=0 to stay in xAPIC mode), and is
 * kept if the firmware already enabled it.  The APIC timer is one-shot: the timer
 * subsystem programs it for its next deadline (TSC-deadline mode when available,
 * else the count-down timer calibrated against the TSC).
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/mm.h>
#include <xen/acpi.h>
#include <xen/cpumask.h>
#include <asm/apic.h>
#include <asm/cpufeature.h>
#include <asm/io.h>
#include <asm/irq_vectors.h>
#include <asm/processor.h>

bool x2apic_enabled;
static bool opt_x2apic = true;
boolean_param("x2apic", opt_x2apic);

/* Use the TSC-deadline timer where the CPU has it (tsc_deadline=0 to avoid it). */
static bool opt_tsc_deadline = true;
boolean_param("tsc_deadline", opt_tsc_deadline);
static bool use_tsc_deadline;

static volatile u8 *apic_mmio;
static u64 apic_ticks_per_ms;           /* count-down timer frequency, divide-by-1 */

static DEFINE_PER_CPU(unsigned long, timer_irqs);
static DEFINE_PER_CPU(unsigned long, spurious_irqs);

u32 apic_read(unsigned int reg)
{
    if ( x2apic_enabled )
        return rdmsr(MSR_X2APIC_FIRST + (reg >> 4));
    return readl(apic_mmio + reg);
}

void apic_write(unsigned int reg, u32 v)
{
    if ( x2apic_enabled )
        wrmsr(MSR_X2APIC_FIRST + (reg >> 4), v);
    else
        writel(v, apic_mmio + reg);
}

void ack_APIC_irq(void)
{
    apic_write(APIC_EOI, 0);
}

u32 get_apic_id(void)
{
    u32 id = apic_read(APIC_ID);

    return x2apic_enabled ? id : id >> 24;
}

/* Send an IPI: icr_low holds vector, delivery mode and level bits. */
void apic_send_ipi(u32 apicid, u32 icr_low)
{
    if ( x2apic_enabled )
    {
        /* x2APIC: one 64-bit write, no busy bit to wait for. */
        wrmsr(MSR_X2APIC_FIRST + (APIC_ICR >> 4), ((u64)apicid << 32) | icr_low);
        return;
    }
    while ( apic_read(APIC_ICR) & APIC_ICR_BUSY )
        cpu_relax();
    apic_write(APIC_ICR2, apicid << 24);
    apic_write(APIC_ICR, icr_low);
}

void send_IPI_mask(const struct cpumask *mask, unsigned int vector)
{
    unsigned int cpu;
    unsigned long flags;

    local_irq_save(flags);
    for_each_cpu ( cpu, mask )
        apic_send_ipi(x86_cpu_to_apicid[cpu], APIC_DM_FIXED | vector);
    local_irq_restore(flags);
}

void send_IPI_self(unsigned int vector)
{
    apic_send_ipi(get_apic_id(), APIC_DM_FIXED | vector);
}

/* The 8259s: remapped away from the exception vectors, then fully masked. */
void __init disable_legacy_pic(void)
{
    outb(0x11, 0x20);
    outb(0x11, 0xa0);
    outb(PIC_MASTER_VECTOR, 0x21);
    outb(PIC_SLAVE_VECTOR, 0xa1);
    outb(0x04, 0x21);
    outb(0x02, 0xa1);
    outb(0x01, 0x21);
    outb(0x01, 0xa1);
    outb(0xff, 0x21);
    outb(0xff, 0xa1);
}

void __init apic_init_bsp(void)
{
    u64 base = rdmsr(MSR_IA32_APICBASE);

    if ( !cpu_has_apic )
        panic("This CPU has no local APIC; the hypervisor needs one");

    if ( base & APICBASE_EXTD )
        x2apic_enabled = true;          /* the firmware chose x2APIC: keep it */
    else if ( cpu_has_x2apic && opt_x2apic )
        x2apic_enabled = true;

    /*
     * Switch the mode now, not in setup_local_APIC(): the MADT parser reads
     * our APIC ID before that, and in x2APIC mode that is an MSR read that
     * faults until EXTD is set.  xAPIC to x2APIC goes through EN=1 first
     * (SDM vol. 3, "x2APIC State Transitions").
     */
    if ( x2apic_enabled && !(base & APICBASE_EXTD) )
    {
        base |= APICBASE_ENABLE;
        wrmsr(MSR_IA32_APICBASE, base);
        base |= APICBASE_EXTD;
        wrmsr(MSR_IA32_APICBASE, base);
    }
    if ( !x2apic_enabled )
    {
        paddr_t pa = base & APICBASE_BASE_MASK;

        apic_mmio = ioremap(pa, PAGE_SIZE);
        if ( !apic_mmio )
            panic("Cannot map the local APIC at %#lx", (unsigned long)pa);
    }
    use_tsc_deadline = opt_tsc_deadline && cpu_has_tsc_deadline;
    printk("Local APIC in %s mode, timer: %s\n", x2apic_enabled ? "x2APIC" : "xAPIC",
           use_tsc_deadline ? "TSC deadline" : "one-shot count-down");
}

/* Per CPU: switch the APIC on in the chosen mode and program its local vectors. */
void setup_local_APIC(void)
{
    u64 base = rdmsr(MSR_IA32_APICBASE);

    base |= APICBASE_ENABLE;
    if ( x2apic_enabled )
        base |= APICBASE_EXTD;
    wrmsr(MSR_IA32_APICBASE, base);

    apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
    apic_write(APIC_TASKPRI, 0);
    apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
    apic_write(APIC_ESR, 0);
    /* LINT0 (ExtINT from the 8259) stays masked; LINT1 delivers NMIs. */
    apic_write(APIC_LVT0, APIC_LVT_MASKED | APIC_DM_EXTINT);
    apic_write(APIC_LVT1, APIC_DM_NMI);
    apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
    apic_write(APIC_TDCR, APIC_TDR_DIV_1);
    ack_APIC_irq();
}

void clear_local_APIC(void)
{
    apic_write(APIC_LVTT, APIC_LVT_MASKED);
    apic_write(APIC_LVTERR, APIC_LVT_MASKED);
    apic_write(APIC_LVT0, APIC_LVT_MASKED);
    apic_write(APIC_LVT1, APIC_LVT_MASKED);
}

/* Count-down timer frequency against the (already calibrated) TSC, over 10 ms. */
void __init calibrate_apic_timer(void)
{
    u64 start, end;
    u32 left;

    if ( use_tsc_deadline )
        return;
    apic_write(APIC_LVTT, APIC_LVT_MASKED | APIC_TIMER_ONESHOT | LOCAL_TIMER_VECTOR);
    apic_write(APIC_TMICT, 0xffffffff);
    start = rdtsc();
    end = start + cpu_khz * 10;
    while ( rdtsc() < end )
        cpu_relax();
    left = apic_read(APIC_TMCCT);
    apic_write(APIC_TMICT, 0);
    apic_ticks_per_ms = (0xffffffffULL - left) / 10;
    if ( !apic_ticks_per_ms )
        panic("APIC timer does not count");
    printk("APIC timer: %lu.%03lu MHz\n", (unsigned long)(apic_ticks_per_ms / 1000),
           (unsigned long)(apic_ticks_per_ms % 1000));
}

/* Arm this CPU's timer for system time 'deadline' (0 disarms). */
void reprogram_timer(s_time_t deadline)
{
    s_time_t delta;

    if ( use_tsc_deadline )
    {
        apic_write(APIC_LVTT, APIC_TIMER_TSCDEADLINE | LOCAL_TIMER_VECTOR);
        if ( !deadline )
        {
            wrmsr(MSR_IA32_TSC_DEADLINE, 0);
            return;
        }
        delta = deadline - NOW();
        if ( delta < 0 )
            delta = 0;
        wrmsr(MSR_IA32_TSC_DEADLINE, rdtsc() + muldiv64(delta, cpu_khz, 1000000) + 1);
        return;
    }

    if ( !deadline )
    {
        apic_write(APIC_TMICT, 0);
        return;
    }
    delta = deadline - NOW();
    if ( delta < 1000 )
        delta = 1000;                   /* at least 1 us: fire soon, not never */
    apic_write(APIC_LVTT, APIC_TIMER_ONESHOT | LOCAL_TIMER_VECTOR);
    {
        u64 ticks = muldiv64(delta, (u32)apic_ticks_per_ms, 1000000);

        apic_write(APIC_TMICT, ticks > 0xffffffff ? 0xffffffff : (ticks ? ticks : 1));
    }
}

void apic_timer_interrupt(void)
{
    this_cpu(timer_irqs)++;
    raise_softirq(TIMER_SOFTIRQ);
}

unsigned long apic_timer_irq_count(unsigned int cpu)
{
    return per_cpu(timer_irqs, cpu);
}

void apic_error_interrupt(void)
{
    u32 esr;

    apic_write(APIC_ESR, 0);
    esr = apic_read(APIC_ESR);
    printk(XENLOG_WARNING "APIC error on CPU%u: %02x\n", smp_processor_id(), esr);
}

void apic_spurious_interrupt(void)
{
    this_cpu(spurious_irqs)++;
}
