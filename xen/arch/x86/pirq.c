/*
 * Physical IRQs (PIRQs) of domains: the tables behind the physdev_op calls about
 * interrupts (physdev.c decodes them; Xen 4.17's public/physdev.h, with Linux's
 * arch/x86/pci/xen.c and drivers/xen/events/events_base.c as the users).
 *
 * A PIRQ is in one of four states: free; reserved (PHYSDEVOP_get_free_pirq gave
 * it out); mapped to one of the hypervisor's IRQs (PHYSDEVOP_map_pirq: a GSI, or an
 * MSI/MSI-X vector the hypervisor programs into the device); or orphaned (unmapped
 * while an event channel still names it: it becomes free when that port closes,
 * as Xen keeps such a PIRQ until EVTCHNOP_close).  EVTCHNOP_bind_pirq binds a
 * mapped PIRQ to a port, and the IRQ then arrives as an event on that port.
 *
 * Only a privileged domain maps PIRQs, for itself or for another domain; GSIs map
 * one to one (IRQ = GSI).  The EOI bitmap page (pirq_eoi_gmfn) tells the guest
 * which PIRQs need PHYSDEVOP_eoi: those on level-triggered lines.
 *
 * Locking: pcidevs_lock, then the domain's event_lock, then the IRQ layer's.
 */
#include <xen/lib.h>
#include <xen/domain.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/irq.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/domain.h>
#include <asm/msi.h>
#include <asm/pci.h>
#include <asm/pirq.h>
#include <asm/pv/mm.h>
#include <public/physdev.h>

#define PIRQ_FREE       0
#define PIRQ_RESERVED   1
#define PIRQ_MAPPED     2
#define PIRQ_ORPHAN     3

struct pirq_entry {
    u8 state;                   /* PIRQ_* */
    u8 type;                    /* MAP_PIRQ_TYPE_GSI or _MSI (MSI-X too) */
    u16 irq;                    /* while mapped */
    evtchn_port_t port;         /* bound to, 0 if not */
    struct msi_desc *msi;       /* an MSI's vector on its device */
};

struct domain_pirqs {
    unsigned int nr;
    struct page_info *eoi_page; /* PHYSDEVOP_pirq_eoi_gmfn_v1/v2 */
    unsigned long *eoi_map;
    bool auto_unmask;           /* v1: PHYSDEVOP_eoi also unmasks the port */
    struct pirq_entry e[];
};

/*
 * How many PIRQs a domain has: every IRQ for the hardware domain; for others the
 * GSIs and 32 more for MSIs, Xen's default (extra_guest_irqs).
 */
#define EXTRA_GUEST_PIRQS 32

static unsigned int nr_pirqs(const struct domain *d)
{
    return d->is_privileged ? NR_IRQS : nr_irqs_gsi + EXTRA_GUEST_PIRQS;
}

/* The domain's table, allocated on first use if 'alloc' (event_lock held). */
static struct domain_pirqs *pirqs_of(struct domain *d, bool alloc)
{
    struct domain_pirqs *p = d->arch.pirqs;
    unsigned int nr = nr_pirqs(d);

    if ( p || !alloc )
        return p;
    p = xzalloc_bytes(sizeof(*p) + nr * sizeof(p->e[0]));
    if ( p )
    {
        p->nr = nr;
        d->arch.pirqs = p;
    }
    return p;
}

static struct pirq_entry *entry_of(struct domain *d, unsigned int pirq)
{
    struct domain_pirqs *p = d->arch.pirqs;

    return p && pirq < p->nr ? &p->e[pirq] : NULL;
}

static void set_eoi_bit(struct domain *d, unsigned int pirq, bool needs_eoi)
{
    struct domain_pirqs *p = d->arch.pirqs;

    if ( !p || !p->eoi_map || pirq >= PAGE_SIZE * 8 )
        return;
    if ( needs_eoi )
        set_bit(pirq, p->eoi_map);
    else
        clear_bit(pirq, p->eoi_map);
}

/* The PIRQ 'irq' is mapped to in d, or -1. */
static int irq_to_pirq(struct domain *d, unsigned int irq)
{
    struct domain_pirqs *p = d->arch.pirqs;
    unsigned int i;

    for ( i = 0; p && i < p->nr; i++ )
        if ( p->e[i].state == PIRQ_MAPPED && p->e[i].irq == irq )
            return i;
    return -1;
}

/*
 * A free PIRQ, as Xen picks them: for a GSI the lowest from 16 up to the last GSI,
 * else (or if those are taken) the highest.  -ENOSPC if none.
 */
static int get_free_pirq(struct domain_pirqs *p, int type)
{
    unsigned int i;

    if ( type == MAP_PIRQ_TYPE_GSI )
        for ( i = 16; i < nr_irqs_gsi && i < p->nr; i++ )
            if ( p->e[i].state == PIRQ_FREE )
                return i;
    for ( i = p->nr; i-- > nr_irqs_gsi; )
        if ( p->e[i].state == PIRQ_FREE )
            return i;
    return -ENOSPC;
}

/*
 * Pick the PIRQ for a new mapping of 'irq': the one the caller asked for (-1: any),
 * checked.  Returns it, or -EINVAL / -EEXIST / -EBUSY / -ENOSPC.  event_lock held.
 */
static int choose_pirq(struct domain_pirqs *p, int want, int type)
{
    if ( want < 0 )
        return get_free_pirq(p, type);
    if ( (unsigned int)want >= p->nr )
        return -EINVAL;
    switch ( p->e[want].state )
    {
    case PIRQ_FREE:
    case PIRQ_RESERVED:
        return want;
    case PIRQ_ORPHAN:
        return -EBUSY;
    default:
        return -EEXIST;
    }
}

/* ------------------------------------------------------------ event channels */

int pirq_guest_bind(struct domain *d, unsigned int pirq, evtchn_port_t port, bool will_share)
{
    struct pirq_entry *e;
    int rc;

    if ( pirq >= nr_pirqs(d) )
        return -EINVAL;
    e = entry_of(d, pirq);
    if ( !e || e->state != PIRQ_MAPPED )
        /*
         * As Xen: the hardware domain may name the GSIs from 1 up (it gets them
         * at boot), and other PIRQs once mapped; unmapped, the bind fails later.
         */
        return d->is_privileged && pirq >= 1 && pirq < nr_irqs_gsi ? -EINVAL : -EPERM;
    if ( e->port )
        return -EEXIST;
    rc = irq_guest_bind(e->irq, d, pirq, port, will_share);
    if ( rc )
        return rc;
    e->port = port;
    set_eoi_bit(d, pirq, irq_needs_eoi(e->irq));
    return 0;
}

void pirq_guest_unbind(struct domain *d, unsigned int pirq)
{
    struct pirq_entry *e = entry_of(d, pirq);

    if ( !e || !e->port )
        return;
    e->port = 0;
    if ( e->state == PIRQ_MAPPED )
    {
        irq_guest_unbind(e->irq, d, pirq);
        set_eoi_bit(d, pirq, false);
    }
    else if ( e->state == PIRQ_ORPHAN )
        e->state = PIRQ_FREE;
}

evtchn_port_t pirq_to_evtchn(struct domain *d, unsigned int pirq)
{
    struct pirq_entry *e = entry_of(d, pirq);

    return e ? e->port : 0;
}

/* ------------------------------------------------------------ mapping */

/* Undo a mapping (event_lock held; for an MSI also pcidevs_lock). */
static void unmap_entry(struct domain *d, unsigned int pirq)
{
    struct pirq_entry *e = entry_of(d, pirq);
    unsigned int irq = e->irq;

    if ( e->port )
    {
        /* Still bound: detach the IRQ; the port keeps the PIRQ until it closes. */
        irq_guest_unbind(irq, d, pirq);
        set_eoi_bit(d, pirq, false);
        e->state = PIRQ_ORPHAN;
    }
    else
        e->state = PIRQ_FREE;
    if ( e->type == MAP_PIRQ_TYPE_MSI )
    {
        irq_set_msi(irq, NULL);
        msi_free(e->msi);
        e->msi = NULL;
        destroy_msi_irq(irq);
    }
}

static struct domain *target_domain(domid_t domid, long *err)
{
    struct domain *curr = current->domain, *d;

    if ( domid == DOMID_SELF || domid == curr->domain_id )
    {
        atomic_inc(&curr->refcnt);
        return curr;
    }
    if ( !curr->is_privileged )
    {
        *err = -EPERM;
        return NULL;
    }
    d = get_domain_by_id(domid);
    if ( !d )
        *err = -ESRCH;
    return d;
}

static long map_gsi(struct domain *d, struct physdev_map_pirq *map)
{
    struct domain_pirqs *p;
    unsigned long flags;
    int gsi = map->index, pirq, old;
    long rc = 0;

    if ( gsi < 0 || !irq_is_valid_gsi(gsi) )
        return -EINVAL;
    spin_lock_irqsave(&d->event_lock, flags);
    p = pirqs_of(d, true);
    if ( !p )
    {
        rc = -ENOMEM;
        goto out;
    }
    old = irq_to_pirq(d, gsi);
    if ( old >= 0 )
    {
        /* Mapped already: the same answer again, or a clash. */
        if ( map->pirq >= 0 && map->pirq != old )
            rc = -EEXIST;
        else
            map->pirq = old;
        goto out;
    }
    pirq = choose_pirq(p, map->pirq, MAP_PIRQ_TYPE_GSI);
    if ( pirq < 0 )
    {
        rc = pirq;
        goto out;
    }
    p->e[pirq] = (struct pirq_entry){ .state = PIRQ_MAPPED, .type = MAP_PIRQ_TYPE_GSI,
                                      .irq = gsi };
    map->pirq = pirq;
 out:
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

static long map_msi(struct domain *d, struct physdev_map_pirq *map, u16 seg)
{
    bool msix = map->table_base != 0;
    struct domain_pirqs *p;
    struct msi_desc *m = NULL;
    struct pci_dev *dev;
    unsigned long flags;
    int irq = -1, pirq;
    long rc;

    if ( map->index != -1 )
        return -EINVAL;         /* re-mapping an existing MSI IRQ is not offered */
    if ( map->devfn & ~0xff )
        return -EINVAL;
    pcidevs_lock();
    dev = pci_get_pdev(seg, map->bus & 0xff, map->devfn);
    rc = -ENODEV;
    if ( !dev )
        goto out;
    irq = create_msi_irq();
    if ( irq < 0 )
    {
        rc = irq;
        goto out;
    }
    rc = msi_setup(dev, msix, map->entry_nr, map->table_base, irq, irq_vector(irq),
                   irq_dest_apicid(), &m);
    if ( rc )
        goto out;
    irq_set_msi(irq, m);

    spin_lock_irqsave(&d->event_lock, flags);
    p = pirqs_of(d, true);
    pirq = p ? choose_pirq(p, map->pirq, MAP_PIRQ_TYPE_MSI) : -ENOMEM;
    if ( pirq >= 0 )
    {
        p->e[pirq] = (struct pirq_entry){ .state = PIRQ_MAPPED, .type = MAP_PIRQ_TYPE_MSI,
                                          .irq = irq, .msi = m };
        map->pirq = pirq;
        rc = 0;
    }
    else
        rc = pirq;
    spin_unlock_irqrestore(&d->event_lock, flags);

 out:
    if ( rc && m )
    {
        irq_set_msi(irq, NULL);
        msi_free(m);
    }
    if ( rc && irq >= 0 )
        destroy_msi_irq(irq);
    pcidevs_unlock();
    return rc;
}

long pirq_map(struct physdev_map_pirq *map)
{
    struct domain *d;
    long rc = 0;
    u16 seg = 0;

    d = target_domain(map->domid, &rc);
    if ( !d )
        return rc;
    if ( !current->domain->is_privileged )
    {
        rc = -EPERM;            /* no domain but the hardware domain owns IRQs yet */
        goto out;
    }
    switch ( map->type )
    {
    case MAP_PIRQ_TYPE_GSI:
        rc = map_gsi(d, map);
        break;
    case MAP_PIRQ_TYPE_MSI_SEG:
        /* Segment in bits 31:16, bus in 7:0. */
        seg = (u32)map->bus >> 16;
        rc = (map->bus & 0xff00) ? -EINVAL : map_msi(d, map, seg);
        break;
    case MAP_PIRQ_TYPE_MSI:
        rc = (map->bus & ~0xff) ? -EINVAL : map_msi(d, map, 0);
        break;
    case MAP_PIRQ_TYPE_MULTI_MSI:
        /* Several vectors for one MSI: not offered; Linux falls back to one. */
        rc = -EOPNOTSUPP;
        break;
    default:
        rc = -EINVAL;
        break;
    }
 out:
    put_domain(d);
    return rc;
}

long pirq_unmap(const struct physdev_unmap_pirq *unmap)
{
    struct domain *d;
    struct pirq_entry *e;
    unsigned long flags;
    long rc = 0;

    d = target_domain(unmap->domid, &rc);
    if ( !d )
        return rc;
    pcidevs_lock();
    spin_lock_irqsave(&d->event_lock, flags);
    e = unmap->pirq >= 0 ? entry_of(d, unmap->pirq) : NULL;
    if ( !e || e->state != PIRQ_MAPPED )
        rc = -EINVAL;
    else
        unmap_entry(d, unmap->pirq);
    spin_unlock_irqrestore(&d->event_lock, flags);
    pcidevs_unlock();
    put_domain(d);
    return rc;
}

void pirq_domain_destroy(struct domain *d)
{
    struct domain_pirqs *p;
    unsigned long flags;
    unsigned int i;

    pcidevs_lock();
    spin_lock_irqsave(&d->event_lock, flags);
    p = d->arch.pirqs;
    for ( i = 0; p && i < p->nr; i++ )
    {
        if ( p->e[i].state == PIRQ_MAPPED )
            unmap_entry(d, i);
        p->e[i].port = 0;
    }
    d->arch.pirqs = NULL;
    spin_unlock_irqrestore(&d->event_lock, flags);
    pcidevs_unlock();
    if ( p && p->eoi_page )
        put_page_and_type(p->eoi_page);
    xfree(p);
}

/* ------------------------------------------------------------ EOI */

long pirq_eoi(unsigned int pirq)
{
    struct domain *d = current->domain;
    struct pirq_entry *e;
    evtchn_port_t unmask = 0;
    unsigned long flags;
    long rc = 0;

    spin_lock_irqsave(&d->event_lock, flags);
    e = entry_of(d, pirq);
    if ( !e || e->state != PIRQ_MAPPED )
        rc = -EINVAL;
    else
    {
        if ( d->arch.pirqs->auto_unmask )
            unmask = e->port;
        irq_guest_eoi(e->irq, d, pirq);
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    if ( unmask )
        evtchn_unmask_port(d, unmask);
    return rc;
}

long pirq_eoi_gmfn(xen_pfn_t gmfn, bool v1)
{
    struct domain *d = current->domain;
    struct domain_pirqs *p;
    struct page_info *pg;
    unsigned long flags;
    unsigned int i;
    long rc = 0;

    /* A PV guest names machine frames. */
    if ( !mfn_valid(gmfn) )
        return -EINVAL;
    pg = mfn_to_page(gmfn);
    if ( get_page_and_type(pg, d, PGT_writable_page) )
        return -EINVAL;
    spin_lock_irqsave(&d->event_lock, flags);
    p = pirqs_of(d, true);
    if ( !p )
        rc = -ENOMEM;
    else if ( p->eoi_page )
        rc = -EBUSY;
    else
    {
        p->eoi_page = pg;
        p->eoi_map = page_to_virt(pg);
        p->auto_unmask = v1;
        for ( i = 0; i < p->nr; i++ )
            set_eoi_bit(d, i, p->e[i].state == PIRQ_MAPPED && p->e[i].port &&
                              irq_needs_eoi(p->e[i].irq));
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    if ( rc )
        put_page_and_type(pg);
    return rc;
}

long pirq_unmask_notify(void)
{
    struct domain *d = current->domain;
    shared_info_t *s = d->arch.pv.shared_info;
    struct domain_pirqs *p;
    unsigned long flags;
    unsigned int i;

    spin_lock_irqsave(&d->event_lock, flags);
    p = d->arch.pirqs;
    for ( i = 0; p && s && i < p->nr; i++ )
        if ( p->e[i].state == PIRQ_MAPPED && p->e[i].port &&
             !test_bit(p->e[i].port, (unsigned long *)s->evtchn_mask) )
            irq_guest_eoi(p->e[i].irq, d, i);
    spin_unlock_irqrestore(&d->event_lock, flags);
    return 0;
}

/* ------------------------------------------------------------ queries */

long pirq_status_query(struct physdev_irq_status_query *q)
{
    struct domain *d = current->domain;
    struct pirq_entry *e;
    unsigned long flags;

    if ( q->irq >= nr_pirqs(d) )
        return -EINVAL;
    /* As Xen: without the EOI bitmap a guest cannot learn when it must EOI. */
    q->flags = XENIRQSTAT_needs_eoi;
    spin_lock_irqsave(&d->event_lock, flags);
    e = entry_of(d, q->irq);
    if ( e && e->state == PIRQ_MAPPED && irq_is_shared(e->irq) )
        q->flags |= XENIRQSTAT_shared;
    spin_unlock_irqrestore(&d->event_lock, flags);
    return 0;
}

long pirq_get_free(struct physdev_get_free_pirq *g)
{
    struct domain *d = current->domain;
    struct domain_pirqs *p;
    unsigned long flags;
    int pirq;

    spin_lock_irqsave(&d->event_lock, flags);
    p = pirqs_of(d, true);
    pirq = p ? get_free_pirq(p, g->type) : -ENOMEM;
    if ( pirq >= 0 )
    {
        p->e[pirq].state = PIRQ_RESERVED;
        g->pirq = pirq;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return pirq < 0 ? pirq : 0;
}

/* How many PIRQs d has (XEN_DOMCTL_irq_permission bounds the caller's PIRQ by it). */
unsigned int domain_nr_pirqs(const struct domain *d)
{
    return nr_pirqs(d);
}

/*
 * The IRQ behind d's PIRQ 'pirq' when it is mapped, which is what Xen's
 * XEN_DOMCTL_irq_permission grants or revokes for the target domain; 0 when the
 * PIRQ is not mapped (the caller then answers -EPERM, as Xen does).
 */
unsigned int pirq_access_permitted(struct domain *d, unsigned int pirq)
{
    struct pirq_entry *e;
    unsigned long flags;
    unsigned int irq = 0;

    spin_lock_irqsave(&d->event_lock, flags);
    e = entry_of(d, pirq);
    if ( e && e->state == PIRQ_MAPPED )
        irq = e->irq;
    spin_unlock_irqrestore(&d->event_lock, flags);
    return irq;
}
