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

void context_switch(struct vcpu *prev, struct vcpu *next)
{
    set_current(next);
    sched_context_saved(prev);
    if ( is_idle_vcpu(next) )
        reset_stack_and_jump(idle_loop);
    /* Guest vCPUs resume through their architecture-specific tail. */
    BUG_ON(!next->arch.schedule_tail);
    next->arch.schedule_tail(next);
    BUG();
}

void continue_running(struct vcpu *same)
{
    /* Nothing to reload: the caller returns to what it interrupted. */
}
