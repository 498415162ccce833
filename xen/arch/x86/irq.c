/*
 * Interrupt dispatch and ownership (see xen/irq.h).
 *
 * Vectors 0xf9-0xff are the local APIC's own (timer, IPIs, errors); device
 * interrupts get dynamic vectors.  Every device interrupt goes to the boot CPU;
 * the event it becomes is delivered to whichever vCPU the guest bound it to.
 *
 * Delivery to guests follows Xen's "ack types" (xen/arch/x86/irq.c, pirq_acktype):
 *  - edge-triggered GSIs and MSIs are acknowledged at once (LAPIC EOI) and need no
 *    EOI from the guest;
 *  - a level-triggered GSI is masked at its IO-APIC pin and acknowledged, then
 *    stays masked until every guest it went to has said PHYSDEVOP_eoi (Xen's
 *    ACKTYPE_UNMASK): a device that keeps the line asserted cannot storm.
 * An interrupt nobody handles is acknowledged (a level one also masked) and
 * counted: spurious interrupts are harmless.
 *
 * Locking: each IRQ's descriptor has a lock, taken with interrupts off, inside a
 * domain's event_lock and outside the IO-APIC and PCI configuration locks.  A
 * binding's (domain, port) pair is only read under the descriptor lock, and a
 * port is unbound (under that lock) before it is closed or its domain freed.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/irq.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/irq_vectors.h>
#include <asm/msi.h>
#include <asm/processor.h>
#include <asm/flushtlb.h>
#include <asm/pv/traps.h>

#define IRQ_KIND_FREE   0       /* an MSI IRQ nobody created */
#define IRQ_KIND_GSI    1
#define IRQ_KIND_MSI    2

struct irq_guest {
    struct domain *d;
    unsigned int pirq;
    evtchn_port_t port;
    bool masked;                /* level: delivered, waiting for this guest's EOI */
};

struct irq_desc {
    spinlock_t lock;
    u8 kind;                    /* IRQ_KIND_* */
    u8 vector;                  /* 0: none assigned yet */
    bool level, active_low;     /* GSIs: trigger mode and polarity */
    /* The hypervisor's own use: a handler, or reserved (a device it keeps). */
    bool reserved;
    irq_handler_t handler;
    void *dev;
    const char *name;
    /* Guests. */
    unsigned int nr_guests;
    bool shareable;
    unsigned int in_flight;     /* level: guests yet to EOI */
    struct irq_guest guest[IRQ_MAX_GUESTS];
    struct msi_desc *msi;
    unsigned long count, unhandled;
};

unsigned int nr_irqs_gsi = 16;
static struct irq_desc irq_desc[NR_IRQS];
/* vector -> IRQ (-1: none); the same on every CPU (device interrupts go to CPU 0). */
static s16 vector_irq[NR_VECTORS];
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

static void free_irq_vector(unsigned int v)
{
    unsigned long flags;

    spin_lock_irqsave(&vector_lock, flags);
    vector_irq[v] = -1;
    __clear_bit(v, used_vectors);
    spin_unlock_irqrestore(&vector_lock, flags);
}

u32 irq_dest_apicid(void)
{
    return x86_cpu_to_apicid[0];
}

/* Give the IRQ a vector if it has none; the descriptor lock is held. */
static int desc_ensure_vector(struct irq_desc *desc)
{
    int v;

    if ( desc->vector )
        return 0;
    v = assign_irq_vector();
    if ( v < 0 )
        return v;
    desc->vector = v;
    vector_irq[v] = desc - irq_desc;
    return 0;
}

static unsigned int desc_irq(const struct irq_desc *desc)
{
    return desc - irq_desc;
}

static bool desc_is_level(const struct irq_desc *desc)
{
    return desc->kind == IRQ_KIND_GSI && desc->level;
}

/* Program a GSI's pin from its descriptor (lock held). */
static int desc_program_pin(struct irq_desc *desc, bool masked)
{
    return io_apic_program_gsi(desc_irq(desc), desc->vector, irq_dest_apicid(),
                               desc->level, desc->active_low, masked);
}

/* Let the source interrupt again, or stop it (lock held). */
static void desc_unmask(struct irq_desc *desc, bool unmask)
{
    if ( desc->kind == IRQ_KIND_GSI )
        io_apic_mask_gsi(desc_irq(desc), !unmask);
    else if ( desc->msi )
        msi_set_mask(desc->msi, !unmask);
}

bool irq_is_valid_gsi(unsigned int irq)
{
    return irq < nr_irqs_gsi && io_apic_gsi_valid(irq);
}

bool irq_is_hypervisors(unsigned int irq)
{
    return irq < NR_IRQS && (irq_desc[irq].reserved || irq_desc[irq].handler);
}

unsigned int irq_vector(unsigned int irq)
{
    return irq < NR_IRQS ? irq_desc[irq].vector : 0;
}

/* ------------------------------------------------------------ the hypervisor's */

int request_isa_irq(unsigned int isa_irq, irq_handler_t handler, void *dev,
                    const char *name)
{
    bool level, low;
    unsigned int gsi = isa_irq_to_gsi(isa_irq, &level, &low);
    struct irq_desc *desc;
    unsigned long flags;
    int rc;

    if ( gsi >= nr_irqs_gsi )
        return -ENODEV;
    desc = &irq_desc[gsi];
    spin_lock_irqsave(&desc->lock, flags);
    rc = -EBUSY;
    if ( desc->nr_guests || desc->handler )
        goto out;
    rc = desc_ensure_vector(desc);
    if ( rc )
        goto out;
    desc->level = level;
    desc->active_low = low;
    rc = desc_program_pin(desc, false);
    if ( rc )
        goto out;
    desc->handler = handler;
    desc->dev = dev;
    desc->name = name;
 out:
    spin_unlock_irqrestore(&desc->lock, flags);
    return rc;
}

/* ------------------------------------------------------------ dispatch */

/* Deliver a device interrupt to the guests bound to it (lock held, EOI not sent). */
static void deliver_to_guests(struct irq_desc *desc)
{
    unsigned int i;
    bool level = desc_is_level(desc);

    if ( level )
        io_apic_mask_gsi(desc_irq(desc), true);
    ack_APIC_irq();
    for ( i = 0; i < desc->nr_guests; i++ )
    {
        struct irq_guest *g = &desc->guest[i];

        if ( level && !g->masked )
        {
            g->masked = true;
            desc->in_flight++;
        }
        evtchn_port_set_pending(g->d, g->port);
    }
}

static void device_interrupt(unsigned int vector, struct cpu_user_regs *regs)
{
    int irq = vector_irq[vector];
    struct irq_desc *desc;

    if ( irq < 0 )
    {
        printk(XENLOG_WARNING "CPU%u: unexpected interrupt, vector %#x\n",
               smp_processor_id(), vector);
        ack_APIC_irq();
        return;
    }
    desc = &irq_desc[irq];
    spin_lock(&desc->lock);
    desc->count++;
    if ( desc->handler )
    {
        irq_handler_t handler = desc->handler;
        void *dev = desc->dev;

        spin_unlock(&desc->lock);
        handler(irq, dev, regs);
        ack_APIC_irq();
        return;
    }
    if ( desc->nr_guests )
        deliver_to_guests(desc);
    else
    {
        /* Nobody wants it (a late MSI, a line left unmasked): silence it. */
        if ( desc->kind == IRQ_KIND_GSI && desc->level )
            io_apic_mask_gsi(irq, true);
        ack_APIC_irq();
        if ( desc->unhandled++ < 4 )
            printk(XENLOG_WARNING "IRQ %d (vector %#x): unhandled interrupt\n", irq, vector);
    }
    spin_unlock(&desc->lock);
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

    device_interrupt(vector, regs);
}

/* ------------------------------------------------------------ GSIs and MSIs */

int irq_setup_gsi(unsigned int gsi, bool level, bool active_low)
{
    struct irq_desc *desc;
    unsigned long flags;
    int rc = 0;

    if ( !irq_is_valid_gsi(gsi) )
        return -EINVAL;
    desc = &irq_desc[gsi];
    spin_lock_irqsave(&desc->lock, flags);
    if ( desc->reserved || desc->handler || desc->nr_guests )
        rc = -EEXIST;
    else
    {
        desc->level = level;
        desc->active_low = active_low;
        if ( desc->vector )
            rc = desc_program_pin(desc, true);
    }
    spin_unlock_irqrestore(&desc->lock, flags);
    return rc;
}

int create_msi_irq(void)
{
    unsigned int irq;
    unsigned long flags;

    for ( irq = nr_irqs_gsi; irq < NR_IRQS; irq++ )
    {
        struct irq_desc *desc = &irq_desc[irq];
        int rc;

        spin_lock_irqsave(&desc->lock, flags);
        if ( desc->kind != IRQ_KIND_FREE )
        {
            spin_unlock_irqrestore(&desc->lock, flags);
            continue;
        }
        rc = desc_ensure_vector(desc);
        if ( !rc )
        {
            desc->kind = IRQ_KIND_MSI;
            desc->count = desc->unhandled = 0;
        }
        spin_unlock_irqrestore(&desc->lock, flags);
        return rc ? rc : (int)irq;
    }
    return -ENOSPC;
}

void destroy_msi_irq(unsigned int irq)
{
    struct irq_desc *desc;
    unsigned long flags;

    if ( irq < nr_irqs_gsi || irq >= NR_IRQS )
        return;
    desc = &irq_desc[irq];
    spin_lock_irqsave(&desc->lock, flags);
    if ( desc->kind == IRQ_KIND_MSI && !desc->nr_guests )
    {
        if ( desc->vector )
            free_irq_vector(desc->vector);
        desc->vector = 0;
        desc->msi = NULL;
        desc->kind = IRQ_KIND_FREE;
    }
    spin_unlock_irqrestore(&desc->lock, flags);
}

void irq_set_msi(unsigned int irq, struct msi_desc *msi)
{
    unsigned long flags;

    if ( irq >= NR_IRQS )
        return;
    spin_lock_irqsave(&irq_desc[irq].lock, flags);
    irq_desc[irq].msi = msi;
    spin_unlock_irqrestore(&irq_desc[irq].lock, flags);
}

/* ------------------------------------------------------------ guest bindings */

static struct irq_guest *find_guest(struct irq_desc *desc, struct domain *d,
                                    unsigned int pirq)
{
    unsigned int i;

    for ( i = 0; i < desc->nr_guests; i++ )
        if ( desc->guest[i].d == d && desc->guest[i].pirq == pirq )
            return &desc->guest[i];
    return NULL;
}

int irq_guest_bind(unsigned int irq, struct domain *d, unsigned int pirq,
                   evtchn_port_t port, bool will_share)
{
    struct irq_desc *desc;
    unsigned long flags;
    int rc = 0;

    if ( irq >= NR_IRQS )
        return -EINVAL;
    desc = &irq_desc[irq];
    spin_lock_irqsave(&desc->lock, flags);
    if ( desc->kind == IRQ_KIND_FREE || (desc->kind == IRQ_KIND_MSI && !desc->msi) )
        rc = -EINVAL;
    else if ( desc->reserved || desc->handler )
    {
        rc = -EBUSY;
        gprintk(XENLOG_INFO, "cannot bind IRQ %u: in use by the hypervisor (%s)\n", irq,
                desc->name ? desc->name : "reserved");
    }
    else if ( desc->nr_guests && (!will_share || !desc->shareable) )
        rc = -EBUSY;
    else if ( desc->nr_guests == IRQ_MAX_GUESTS )
        rc = -EBUSY;
    else if ( !desc->nr_guests )
    {
        rc = desc_ensure_vector(desc);
        if ( !rc && desc->kind == IRQ_KIND_GSI )
            rc = desc_program_pin(desc, true);
        if ( !rc )
        {
            desc->shareable = will_share;
            desc->in_flight = 0;
        }
    }
    if ( !rc )
    {
        desc->guest[desc->nr_guests++] = (struct irq_guest){ d, pirq, port, false };
        if ( desc->nr_guests == 1 )
            desc_unmask(desc, true);
    }
    spin_unlock_irqrestore(&desc->lock, flags);
    return rc;
}

void irq_guest_unbind(unsigned int irq, struct domain *d, unsigned int pirq)
{
    struct irq_desc *desc;
    struct irq_guest *g;
    unsigned long flags;

    if ( irq >= NR_IRQS )
        return;
    desc = &irq_desc[irq];
    spin_lock_irqsave(&desc->lock, flags);
    g = find_guest(desc, d, pirq);
    if ( g )
    {
        bool was_masked = g->masked;

        *g = desc->guest[--desc->nr_guests];
        if ( was_masked )
            desc->in_flight--;
        if ( !desc->nr_guests )
            desc_unmask(desc, false);
        else if ( was_masked && !desc->in_flight )
            desc_unmask(desc, true);
    }
    spin_unlock_irqrestore(&desc->lock, flags);
}

void irq_guest_eoi(unsigned int irq, struct domain *d, unsigned int pirq)
{
    struct irq_desc *desc;
    struct irq_guest *g;
    unsigned long flags;

    if ( irq >= NR_IRQS )
        return;
    desc = &irq_desc[irq];
    spin_lock_irqsave(&desc->lock, flags);
    g = find_guest(desc, d, pirq);
    if ( g && g->masked )
    {
        g->masked = false;
        if ( !--desc->in_flight )
            desc_unmask(desc, true);
    }
    spin_unlock_irqrestore(&desc->lock, flags);
}

bool irq_guest_in_flight(unsigned int irq, struct domain *d, unsigned int pirq)
{
    struct irq_guest *g;
    unsigned long flags;
    bool r;

    if ( irq >= NR_IRQS )
        return false;
    spin_lock_irqsave(&irq_desc[irq].lock, flags);
    g = find_guest(&irq_desc[irq], d, pirq);
    r = g && g->masked;
    spin_unlock_irqrestore(&irq_desc[irq].lock, flags);
    return r;
}

bool irq_needs_eoi(unsigned int irq)
{
    return irq < NR_IRQS && desc_is_level(&irq_desc[irq]);
}

bool irq_is_shared(unsigned int irq)
{
    return irq < NR_IRQS && irq_desc[irq].nr_guests > 1;
}

/* ------------------------------------------------------------ set-up, dumps */

void __init init_irq_data(void)
{
    unsigned int v, irq;

    for ( v = 0; v < NR_VECTORS; v++ )
        vector_irq[v] = -1;
    for ( v = 0; v < FIRST_DYNAMIC_VECTOR; v++ )
        __set_bit(v, used_vectors);
    for ( v = LAST_DYNAMIC_VECTOR + 1; v < NR_VECTORS; v++ )
        __set_bit(v, used_vectors);
    for ( irq = 0; irq < NR_IRQS; irq++ )
        spin_lock_init(&irq_desc[irq].lock);
}

void __init init_irq_gsis(void)
{
    unsigned int gsi, pit;
    bool level, low;

    nr_irqs_gsi = max(nr_ioapic_gsis(), 16u);
    if ( nr_irqs_gsi > NR_IRQS / 2 )
        nr_irqs_gsi = NR_IRQS / 2;      /* leave half the IRQs to MSIs */
    for ( gsi = 0; gsi < nr_irqs_gsi; gsi++ )
    {
        irq_desc[gsi].kind = IRQ_KIND_GSI;
        gsi_default_mode(gsi, &irq_desc[gsi].level, &irq_desc[gsi].active_low);
    }
    /*
     * The PIT belongs to the hypervisor (its ports are refused to domain 0), so its
     * line does too, as in Xen, where IRQ 0 drives the hypervisor's timer.
     */
    pit = isa_irq_to_gsi(0, &level, &low);
    if ( pit < nr_irqs_gsi )
    {
        irq_desc[pit].reserved = true;
        irq_desc[pit].name = "PIT";
    }
}

void dump_irqs(void)
{
    unsigned int irq, i, cpu;
    unsigned long flags;
    char line[256];

    printk("Interrupts (IRQ = GSI below %u, MSI above):\n", nr_irqs_gsi);
    for ( irq = 0; irq < NR_IRQS; irq++ )
    {
        struct irq_desc *desc = &irq_desc[irq];
        int n;

        spin_lock_irqsave(&desc->lock, flags);
        if ( !desc->vector && !desc->reserved && !desc->nr_guests )
        {
            spin_unlock_irqrestore(&desc->lock, flags);
            continue;
        }
        /* One printk per line, so that other CPUs' output cannot cut into it. */
        n = scnprintf(line, sizeof(line), "  IRQ %3u vec %#04x %-4s %-5s %8lu irqs", irq,
                      desc->vector,
                      desc->kind == IRQ_KIND_MSI ? (desc->msi && desc->msi->msix ? "MSIX" : "MSI")
                                                 : "GSI",
                      desc->kind == IRQ_KIND_MSI || !desc->level ? "edge" : "level",
                      desc->count);
        if ( desc->unhandled )
            n += scnprintf(line + n, sizeof(line) - n, " (%lu unhandled)", desc->unhandled);
        if ( desc->handler || desc->reserved )
            n += scnprintf(line + n, sizeof(line) - n, " hypervisor: %s", desc->name);
        if ( desc->nr_guests )
            n += scnprintf(line + n, sizeof(line) - n, " in-flight %u,", desc->in_flight);
        for ( i = 0; i < desc->nr_guests; i++ )
            n += scnprintf(line + n, sizeof(line) - n, " d%u pirq %u port %u%s",
                           desc->guest[i].d->domain_id, desc->guest[i].pirq,
                           desc->guest[i].port,
                           desc->guest[i].masked ? " (awaiting EOI)" : "");
        spin_unlock_irqrestore(&desc->lock, flags);
        printk("%s\n", line);
    }
    for_each_online_cpu ( cpu )
        printk("  CPU%u: %lu local timer interrupts\n", cpu, apic_timer_irq_count(cpu));
    dump_ioapic();
}
