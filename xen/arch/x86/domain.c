/*
 * The idle loop and context switching.
 *
 * Like Xen, each CPU runs on one stack whatever vCPU it runs: a context switch
 * saves the outgoing vCPU's state in its struct vcpu and abandons the stack
 * (reset_stack_and_jump) to continue in the incoming vCPU's schedule_tail.  Only
 * idle vCPUs exist until the PV and HVM code add guest ones.
 */
#include <xen/lib.h>
#include <asm/setup.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/pv/domain.h>

void __noreturn reset_stack_and_jump(void (*fn)(void));

/*
 * Idle: run softirqs, zero dirty free memory while there is nothing else to do,
 * and halt until the next interrupt.  The check-then-halt is atomic (STI; HLT), so
 * a softirq raised by an interrupt in between is not slept through.
 */
void idle_loop(void)
{
    unsigned int cpu = smp_processor_id();

    for ( ;; )
    {
        local_irq_disable();
        if ( softirq_pending(cpu) )
        {
            local_irq_enable();
            do_softirq();
            continue;
        }
        if ( dirty_heap_pages() && cpu == 0 )
        {
            local_irq_enable();
            scrub_free_pages();
            continue;
        }
        safe_halt();
    }
}

void startup_cpu_idle_loop(void)
{
    struct vcpu *v = current;

    ASSERT(is_idle_vcpu(v));
    v->is_running = true;
    reset_stack_and_jump(idle_loop);
}

extern intpte_t idle_pg_table[];

/* This CPU's own GDT page (the hypervisor descriptors from selector 0xe000). */
u64 *this_cpu_gdt_page(void)
{
    struct desc_ptr gdtr;

    if ( is_idle_vcpu(current) )
    {
        __asm__ __volatile__ ( "sgdt %0" : "=m" (gdtr) );
        return (u64 *)(gdtr.base + FIRST_RESERVED_GDT_BYTE);
    }
    return percpu_gdt_page(smp_processor_id());
}

/*
 * Switch this CPU from prev to next.  Called with interrupts off; they come back
 * on once next's page tables and GDT are both loaded.  A guest's state is saved
 * at once (it may be picked up by another CPU as soon as sched_context_saved()
 * says so); the stack is then abandoned for next's tail: the idle loop, or the
 * return to a guest.
 */
void context_switch(struct vcpu *prev, struct vcpu *next)
{
    ASSERT(!local_irq_is_enabled());
    if ( !is_idle_vcpu(prev) )
        pv_save_state(prev);
    set_current(next);
    if ( is_idle_vcpu(next) )
    {
        struct desc_ptr gdtr = {
            .limit = FIRST_RESERVED_GDT_BYTE + PAGE_SIZE - 1,
            .base = (unsigned long)percpu_gdt_page(smp_processor_id()) -
                    FIRST_RESERVED_GDT_BYTE,
        };

        if ( !is_idle_vcpu(prev) )
        {
            /* The CPU's own GDT is mapped in every page table; load it first. */
            __asm__ __volatile__ ( "lgdt %0" :: "m" (gdtr) );
            __asm__ __volatile__ ( "lldt %w0" :: "r" (0) );
            write_cr3(__pa(idle_pg_table));
        }
        local_irq_enable();
        sched_context_saved(prev);
        reset_stack_and_jump(idle_loop);
    }
    sched_context_saved(prev);
    /* Guest vCPUs resume through their architecture-specific tail. */
    BUG_ON(!next->arch.schedule_tail);
    next->arch.schedule_tail(next);
    BUG();
}

void continue_running(struct vcpu *same)
{
    /* Nothing to reload: the caller returns to what it interrupted. */
}
