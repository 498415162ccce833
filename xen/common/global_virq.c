/*
 * Global VIRQs (VIRQ_DOM_EXC, VIRQ_CON_RING, ...): delivered to the domain
 * the toolstack named with XEN_DOMCTL_set_virq_handler, or to domain 0.  A
 * handler domain is held by a reference until it is replaced or dies.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/sched.h>
#include <xen/domain.h>

static struct domain *global_virq_handlers[NR_VIRQS];
static DEFINE_SPINLOCK(global_virq_handlers_lock);

/* The per-vCPU VIRQs; every other one (arch ones included, as on x86) is global. */
static bool virq_is_global(unsigned int virq)
{
    switch ( virq )
    {
    case VIRQ_TIMER:
    case VIRQ_DEBUG:
    case VIRQ_XENOPROF:
    case VIRQ_XENPMU:
        return false;
    }
    return true;
}

void send_global_virq(unsigned int virq)
{
    struct domain *d = NULL;
    unsigned long flags;

    if ( virq >= NR_VIRQS )
        return;
    spin_lock_irqsave(&global_virq_handlers_lock, flags);
    if ( global_virq_handlers[virq] && get_domain(global_virq_handlers[virq]) )
        d = global_virq_handlers[virq];
    spin_unlock_irqrestore(&global_virq_handlers_lock, flags);
    if ( !d )
        d = get_domain_by_id(0);
    if ( d )
    {
        send_guest_global_virq(d, virq);
        put_domain(d);
    }
}

int set_global_virq_handler(struct domain *d, unsigned int virq)
{
    struct domain *old;
    unsigned long flags;

    if ( virq >= NR_VIRQS || !virq_is_global(virq) )
        return -EINVAL;
    if ( global_virq_handlers[virq] == d )
        return 0;
    if ( !get_domain(d) )
        return -EINVAL;
    spin_lock_irqsave(&global_virq_handlers_lock, flags);
    old = global_virq_handlers[virq];
    global_virq_handlers[virq] = d;
    spin_unlock_irqrestore(&global_virq_handlers_lock, flags);
    if ( old )
        put_domain(old);
    return 0;
}

/* d is going: its VIRQs go back to domain 0. */
void clear_global_virq_handlers(struct domain *d)
{
    unsigned int virq, puts = 0;
    unsigned long flags;

    spin_lock_irqsave(&global_virq_handlers_lock, flags);
    for ( virq = 0; virq < NR_VIRQS; virq++ )
        if ( global_virq_handlers[virq] == d )
        {
            global_virq_handlers[virq] = NULL;
            puts++;
        }
    spin_unlock_irqrestore(&global_virq_handlers_lock, flags);
    while ( puts-- )
        put_domain(d);
}
