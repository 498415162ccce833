/*
 * Interrupt dispatch.  Vectors 0xf9-0xff are the local APIC's own (timer, IPIs,
 * errors); device interrupts get dynamic vectors and an irq_desc naming their
 * handler.  For now every device interrupt the hypervisor owns is delivered to the
 * boot CPU.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/errno.h>
#include <xen/irq.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <asm/apic.h>
#include <asm/irq_vectors.h>
#include <asm/processor.h>
#include <asm/flushtlb.h>
#include <asm/pv/traps.h>

struct irq_desc {
    irq_handler_t handler;
    void *dev;
    const char *name;
    unsigned int gsi;
    unsigned int vector;
    unsigned long count;
};

#define NR_HYP_IRQS 16
static struct irq_desc irq_desc[NR_HYP_IRQS];
static unsigned int nr_irqs_used;
/* vector -> irq_desc index + 1 (0: none); the same on every CPU for now. */
static u8 vector_irq[NR_VECTORS];
static unsigned long used_vectors[NR_VECTORS / 64];
static DEFINE_SPINLOCK(vector_lock);

void smp_call_function_interrupt(void);
void smp_invalidate_interrupt(void);

int assign_irq_vector(void)
{
    unsigned int v;
    unsigned long flags;
    int rc = -ENOSPC;

    spin_lock_irqsave(&vector_lock, flags);
    /* Spread over priority classes: step by 8 first, as Linux and Xen do. */
    for ( v = FIRST_DYNAMIC_VECTOR; v <= LAST_DYNAMIC_VECTOR; v++ )
        if ( v != LEGACY_SYSCALL_VECTOR && v != HYPERCALL_VECTOR &&
             !test_bit(v, used_vectors) )
        {
            __set_bit(v, used_vectors);
            rc = v;
            break;
        }
    spin_unlock_irqrestore(&vector_lock, flags);
    return rc;
}

int request_isa_irq(unsigned int isa_irq, irq_handler_t handler, void *dev,
                    const char *name)
{
    bool level, low;
    unsigned int gsi = isa_irq_to_gsi(isa_irq, &level, &low);
    struct irq_desc *desc;
    int vector, rc;

    if ( nr_irqs_used == NR_HYP_IRQS )
        return -ENOSPC;
    vector = assign_irq_vector();
    if ( vector < 0 )
        return vector;
    desc = &irq_desc[nr_irqs_used];
    desc->handler = handler;
    desc->dev = dev;
    desc->name = name;
    desc->gsi = gsi;
    desc->vector = vector;
    vector_irq[vector] = ++nr_irqs_used;
    rc = io_apic_route_gsi(gsi, vector, x86_cpu_to_apicid[0], level, low);
    if ( rc )
    {
        vector_irq[vector] = 0;
        nr_irqs_used--;
    }
    return rc;
}

void do_IRQ(struct cpu_user_regs *regs)
{
    unsigned int vector = regs->entry_vector;

    switch ( vector )
    {
    case LOCAL_TIMER_VECTOR:
        ack_APIC_irq();
        apic_timer_interrupt();
        return;
    case EVENT_CHECK_VECTOR:
        /* Only wakes the CPU: softirqs are checked on the way out of the idle loop. */
        ack_APIC_irq();
        return;
    case CALL_FUNCTION_VECTOR:
        ack_APIC_irq();
        smp_call_function_interrupt();
        return;
    case INVALIDATE_TLB_VECTOR:
        ack_APIC_irq();
        smp_invalidate_interrupt();
        return;
    case ERROR_APIC_VECTOR:
        ack_APIC_irq();
        apic_error_interrupt();
        return;
    case SPURIOUS_APIC_VECTOR:
        apic_spurious_interrupt();      /* no EOI for spurious interrupts */
        return;
    }

    if ( vector >= PIC_MASTER_VECTOR && vector < PIC_MASTER_VECTOR + 16 )
        return;                         /* spurious IRQ7/IRQ15 from the masked 8259s */

    if ( vector == LEGACY_SYSCALL_VECTOR && !regs_from_hypervisor(regs) )
    {
        pv_soft_interrupt(regs, vector);  /* INT 0x80 of a guest: its trap table */
        return;
    }

    if ( vector_irq[vector] )
    {
        struct irq_desc *desc = &irq_desc[vector_irq[vector] - 1];

        desc->count++;
        desc->handler(desc->gsi, desc->dev, regs);
    }
    else
        printk(XENLOG_WARNING "CPU%u: unexpected interrupt, vector %#x\n",
               smp_processor_id(), vector);
    ack_APIC_irq();
}

void __init init_irq_data(void)
{
    unsigned int v;

    for ( v = 0; v < FIRST_DYNAMIC_VECTOR; v++ )
        __set_bit(v, used_vectors);
    for ( v = LAST_DYNAMIC_VECTOR + 1; v < NR_VECTORS; v++ )
        __set_bit(v, used_vectors);
}

void dump_irqs(void)
{
    unsigned int i, cpu;

    printk("Hypervisor interrupts:\n");
    for ( i = 0; i < nr_irqs_used; i++ )
        printk("  GSI %3u vector %#04x  %-8s %lu interrupts\n", irq_desc[i].gsi,
               irq_desc[i].vector, irq_desc[i].name, irq_desc[i].count);
    for_each_online_cpu ( cpu )
        printk("  CPU%u: %lu local timer interrupts\n", cpu, apic_timer_irq_count(cpu));
    dump_ioapic();
}
