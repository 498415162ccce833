/*
 * Cross-CPU function calls, event-check wake-ups, TLB shoot-downs and crash
 * dumps of other CPUs (by NMI, so a CPU spinning with interrupts off still
 * answers).
 */
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <xen/console.h>
#include <asm/apic.h>
#include <asm/irq_vectors.h>
#include <asm/processor.h>
#include <asm/flushtlb.h>
#include <asm/traps.h>

static DEFINE_SPINLOCK(call_lock);
static struct {
    void (*fn)(void *);
    void *info;
    bool wait;
    cpumask_t pending;          /* CPUs yet to take the call (or finish it if wait) */
} call_data;

void on_selected_cpus(const cpumask_t *mask, void (*fn)(void *), void *info, bool wait)
{
    cpumask_t targets;
    unsigned int self = smp_processor_id();
    bool run_here;

    cpumask_and(&targets, mask, &cpu_online_map);
    run_here = cpumask_test_cpu(self, &targets);
    cpumask_clear_cpu(self, &targets);

    if ( !cpumask_empty(&targets) )
    {
        spin_lock(&call_lock);
        call_data.fn = fn;
        call_data.info = info;
        call_data.wait = wait;
        cpumask_copy(&call_data.pending, &targets);
        smp_mb();
        send_IPI_mask(&targets, CALL_FUNCTION_VECTOR);
        /* Even without 'wait' we wait until the call is taken: call_data is reused. */
        while ( !cpumask_empty(&call_data.pending) )
            cpu_relax();
        spin_unlock(&call_lock);
    }
    if ( run_here )
    {
        unsigned long flags;

        local_irq_save(flags);
        fn(info);
        local_irq_restore(flags);
    }
}

void smp_call_function(void (*fn)(void *), void *info, bool wait)
{
    cpumask_t others;

    cpumask_copy(&others, &cpu_online_map);
    cpumask_clear_cpu(smp_processor_id(), &others);
    on_selected_cpus(&others, fn, info, wait);
}

void smp_call_function_interrupt(void);
void smp_call_function_interrupt(void)
{
    unsigned int cpu = smp_processor_id();
    void (*fn)(void *) = call_data.fn;
    void *info = call_data.info;

    if ( !cpumask_test_cpu(cpu, &call_data.pending) )
        return;
    if ( call_data.wait )
    {
        fn(info);
        smp_mb();
        cpumask_clear_cpu(cpu, &call_data.pending);
    }
    else
    {
        cpumask_clear_cpu(cpu, &call_data.pending);
        fn(info);
    }
}

void smp_send_event_check_cpu(unsigned int cpu)
{
    if ( smp_up && cpu_online(cpu) )
        apic_send_ipi(x86_cpu_to_apicid[cpu], APIC_DM_FIXED | EVENT_CHECK_VECTOR);
}

static void flush_local(void *unused)
{
    flush_tlb_all_local();
}

void smp_invalidate_interrupt(void);
void smp_invalidate_interrupt(void)
{
    flush_tlb_all_local();
}

void flush_tlb_mask(const struct cpumask *mask)
{
    if ( !smp_up )
    {
        flush_tlb_all_local();
        return;
    }
    on_selected_cpus(mask, flush_local, NULL, true);
}

void flush_tlb_all(void)
{
    flush_tlb_mask(&cpu_online_map);
}

static void stop_this_cpu(void *unused)
{
    cpumask_clear_cpu(smp_processor_id(), &cpu_online_map);
    clear_local_APIC();
    for ( ;; )
    {
        local_irq_disable();
        halt();
    }
}

/* Park every other CPU (reboot, power-off, panic). */
void smp_send_stop(void)
{
    if ( smp_up && num_online_cpus() > 1 )
        smp_call_function(stop_this_cpu, NULL, false);
}

/* Crash-dump of other CPUs: one at a time, so their output does not interleave. */
static volatile int dump_target = -1;

static bool dump_nmi_callback(const struct cpu_user_regs *regs, unsigned int cpu)
{
    if ( dump_target != (int)cpu )
        return false;
    printk("*** Dumping CPU%u state: ***\n", cpu);
    show_execution_state(regs);
    smp_mb();
    dump_target = -1;
    return true;
}

void dump_other_cpus(void)
{
    unsigned int cpu, self = smp_processor_id(), spins;

    if ( !smp_up )
        return;
    set_nmi_callback(dump_nmi_callback);
    for_each_online_cpu ( cpu )
    {
        if ( cpu == self )
            continue;
        dump_target = cpu;
        smp_mb();
        apic_send_ipi(x86_cpu_to_apicid[cpu], APIC_DM_NMI);
        for ( spins = 0; dump_target != -1 && spins < 100000000; spins++ )
            cpu_relax();
        if ( dump_target != -1 )
            printk("CPU%u did not answer the dump NMI\n", cpu);
        dump_target = -1;
    }
    set_nmi_callback(NULL);
}
