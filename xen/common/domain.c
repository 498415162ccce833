/*
 * Domain and vCPU life cycle: creation from a toolstack configuration,
 * references, shutdown, teardown (XEN_DOMCTL_destroydomain) and pausing.
 *
 * Domains are kept in a list ordered by id under domlist_lock, each with a
 * reference count (see struct domain): get_domain_by_id() takes a reference,
 * put_domain() drops it, and the last one unlinks and frees the domain.  A
 * domain is torn down in three steps, as in Xen: domain_kill() marks it dying
 * and releases its event channels and memory (preemptibly), then drops the
 * list's reference; it disappears once nothing else holds one.
 * The idle domain (DOMID_IDLE) is not in the list; it has one vCPU per CPU.
 */
#include <xen/lib.h>
#include <asm/setup.h>
#include <xen/init.h>
#include <xen/errno.h>
#include <xen/keyhandler.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/domain.h>
#include <asm/processor.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/shutdown.h>
#include <asm/pv/domain.h>
#include <public/domctl.h>

struct domain *idle_domain;
struct vcpu *idle_vcpu[NR_CPUS];
struct domain *domain_list;
DEFINE_RWLOCK(domlist_lock);

static struct domain *alloc_domain_struct(domid_t domid, unsigned int max_vcpus)
{
    struct domain *d = xzalloc(struct domain);

    if ( !d )
        return NULL;
    d->vcpu = xzalloc_array(struct vcpu *, max_vcpus);
    if ( !d->vcpu )
    {
        xfree(d);
        return NULL;
    }
    d->domain_id = domid;
    d->max_vcpus = max_vcpus;
    atomic_set(&d->refcnt, 1);
    spin_lock_init(&d->page_alloc_lock);
    spin_lock_init(&d->domain_lock);
    spin_lock_init(&d->shutdown_lock);
    spin_lock_init(&d->event_lock);
    page_list_init(&d->page_list);
    d->shutdown_code = SHUTDOWN_CODE_INVALID;
    rangeset_init(&d->iomem_caps);
    rangeset_init(&d->ioport_caps);
    rangeset_init(&d->irq_caps);
    return d;
}

static void free_domain_struct(struct domain *d)
{
    rangeset_destroy(&d->iomem_caps);
    rangeset_destroy(&d->ioport_caps);
    rangeset_destroy(&d->irq_caps);
    xfree(d->vcpu);
    xfree(d);
}

/*
 * Create vCPU 'vcpu_id' of d, placed on a CPU by its id.  Guest vCPUs start down
 * (VCPUOP_up or the domain builder brings them up); idle vCPUs start running.
 */
struct vcpu *vcpu_create(struct domain *d, unsigned int vcpu_id)
{
    struct vcpu *v;
    unsigned int cpu;

    if ( vcpu_id >= d->max_vcpus || d->vcpu[vcpu_id] )
        return NULL;
    v = xzalloc(struct vcpu);
    if ( !v )
        return NULL;
    v->vcpu_id = vcpu_id;
    v->domain = d;
    cpu = is_idle_domain(d) ? vcpu_id : vcpu_id % num_online_cpus();
    v->processor = cpu;
    if ( !is_idle_domain(d) )
        set_bit(_VPF_down, &v->pause_flags);
    cpumask_setall(&v->cpu_hard_affinity);
    cpumask_setall(&v->cpu_soft_affinity);
    v->runstate.state = is_idle_domain(d) ? RUNSTATE_running : RUNSTATE_offline;
    v->runstate.state_entry_time = NOW();

    if ( sched_init_vcpu(v, cpu) )
    {
        xfree(v);
        return NULL;
    }
    if ( !is_idle_domain(d) && pv_vcpu_initialise(v) )
    {
        sched_destroy_vcpu(v);
        xfree(v);
        return NULL;
    }
    d->vcpu[vcpu_id] = v;
    if ( vcpu_id > 0 )
    {
        unsigned int prev = vcpu_id;

        while ( prev-- > 0 && !d->vcpu[prev] )
            ;
        if ( d->vcpu[prev] )
        {
            v->next_in_list = d->vcpu[prev]->next_in_list;
            d->vcpu[prev]->next_in_list = v;
        }
    }
    if ( is_idle_domain(d) )
        idle_vcpu[vcpu_id] = v;
    return v;
}

/* Free what domain_create() set up; the domain is in no list. */
static void domain_free(struct domain *d)
{
    struct vcpu *v, *next;

    clear_global_virq_handlers(d);
    domain_watchdog_kill(d);
    evtchn_destroy(d);
    grant_table_destroy(d);
    for ( v = d->vcpu[0]; v; v = next )
    {
        next = v->next_in_list;
        pv_vcpu_destroy(v);
        sched_destroy_vcpu(v);
        xfree(v);
    }
    if ( d->arch.is_pv )
        pv_domain_destroy(d);
    sched_destroy_domain(d);
    free_domain_struct(d);
}

struct domain *domain_create(domid_t domid, const struct xen_domctl_createdomain *config,
                             bool privileged, int *err)
{
    struct domain *d, **pd;
    unsigned int max_vcpus = config ? config->max_vcpus : NR_CPUS;
    int rc;

    *err = -EINVAL;
    if ( domid >= DOMID_FIRST_RESERVED && domid != DOMID_IDLE )
        return NULL;
    if ( config && (rc = domain_config_check(config)) )
    {
        *err = rc;
        return NULL;
    }
    *err = -ENOMEM;
    d = alloc_domain_struct(domid, max_vcpus);
    if ( !d )
        return NULL;
    d->is_privileged = privileged;
    if ( sched_init_domain(d) )
    {
        free_domain_struct(d);
        return NULL;
    }
    if ( domid == DOMID_IDLE )
        return d;

    d->options = config->flags;
    d->ssidref = config->ssidref;
    memcpy(d->handle, config->handle, sizeof(d->handle));
    /* Keep every new domain paused until its builder unpauses it (as Xen). */
    d->controller_pause_count = 1;
    atomic_set(&d->pause_count, 1);

    rc = evtchn_init(d, min_t(unsigned int, config->max_evtchn_port,
                              EVTCHN_2L_NR_CHANNELS - 1) + 1);
    if ( !rc )
        rc = pv_domain_initialise(d, privileged);
    if ( !rc )
    {
        rc = grant_table_init(d, config->max_grant_frames, config->max_maptrack_frames);
        if ( rc )
            pv_domain_destroy(d);
    }
    if ( rc )
    {
        *err = rc;
        sched_destroy_domain(d);
        free_domain_struct(d);
        return NULL;
    }
    write_lock(&domlist_lock);
    for ( pd = &domain_list; *pd && (*pd)->domain_id < domid; pd = &(*pd)->next_in_list )
        ;
    if ( *pd && (*pd)->domain_id == domid )
    {
        write_unlock(&domlist_lock);
        domain_free(d);
        *err = -EEXIST;
        return NULL;
    }
    d->next_in_list = *pd;
    *pd = d;
    write_unlock(&domlist_lock);
    *err = 0;
    return d;
}

bool get_domain(struct domain *d)
{
    int old = atomic_read(&d->refcnt), seen;

    for ( ;; )
    {
        if ( old <= 0 )
            return false;
        seen = atomic_cmpxchg(&d->refcnt, old, old + 1);
        if ( seen == old )
            return true;
        old = seen;
    }
}

struct domain *get_domain_by_id(domid_t id)
{
    struct domain *d;

    read_lock(&domlist_lock);
    for ( d = domain_list; d && d->domain_id != id; d = d->next_in_list )
        ;
    if ( d && !get_domain(d) )
        d = NULL;               /* on its way out: as good as gone */
    read_unlock(&domlist_lock);
    return d;
}

/* The last reference went: unlink the domain and free it. */
static void domain_destroy(struct domain *d)
{
    struct domain **pd;

    write_lock(&domlist_lock);
    for ( pd = &domain_list; *pd && *pd != d; pd = &(*pd)->next_in_list )
        ;
    if ( *pd )
        *pd = d->next_in_list;
    write_unlock(&domlist_lock);
    printk(XENLOG_G_INFO "Domain %u destroyed\n", d->domain_id);
    domain_free(d);
}

void put_domain(struct domain *d)
{
    if ( atomic_dec_and_test(&d->refcnt) )
        domain_destroy(d);
}

int domain_kill(struct domain *d)
{
    int rc;

    if ( d == current->domain )
        return -EINVAL;

    switch ( d->is_dying )
    {
    case DOMDYING_alive:
        domain_pause(d);
        d->is_dying = DOMDYING_dying;
        smp_mb();
        domain_watchdog_kill(d);
        domain_set_outstanding_pages(d, 0);
        /* fall through */
    case DOMDYING_dying:
        evtchn_destroy(d);
        clear_global_virq_handlers(d);
        gnttab_release_mappings(d);
        rc = pv_domain_relinquish_resources(d);
        if ( rc )
            return rc;
        d->is_dying = DOMDYING_dead;
        printk(XENLOG_G_INFO "Domain %u torn down (%lu pages still referenced)\n",
               d->domain_id, d->tot_pages);
        put_domain(d);                  /* the domain list's reference */
        send_global_virq(VIRQ_DOM_EXC);
        /* fall through */
    case DOMDYING_dead:
        break;
    }
    return 0;
}

void vcpu_pause(struct vcpu *v)
{
    ASSERT(v != current);
    atomic_inc(&v->pause_count);
    vcpu_sleep_sync(v);
}

void vcpu_pause_nosync(struct vcpu *v)
{
    atomic_inc(&v->pause_count);
    vcpu_sleep_nosync(v);
}

void vcpu_unpause(struct vcpu *v)
{
    if ( atomic_dec_and_test(&v->pause_count) )
        vcpu_wake(v);
}

void domain_pause(struct domain *d)
{
    struct vcpu *v;

    atomic_inc(&d->pause_count);
    for_each_vcpu ( d, v )
        vcpu_sleep_sync(v);
}

void domain_unpause(struct domain *d)
{
    struct vcpu *v;

    if ( atomic_dec_and_test(&d->pause_count) )
        for_each_vcpu ( d, v )
            vcpu_wake(v);
}

/*
 * The toolstack's pause count is bounded (255, as Xen) so that repeated
 * XEN_DOMCTL_pausedomain cannot overflow the domain's pause count.
 */
int domain_pause_by_systemcontroller(struct domain *d)
{
    int old = READ_ONCE(d->controller_pause_count), seen;

    for ( ;; )
    {
        if ( old + 1 > 255 )
            return -EOVERFLOW;
        seen = cmpxchg(&d->controller_pause_count, old, old + 1);
        if ( seen == old )
            break;
        old = seen;
    }
    domain_pause(d);
    return 0;
}

/* The first unpause to reach zero finishes the domain's creation. */
int domain_unpause_by_systemcontroller(struct domain *d)
{
    int old = READ_ONCE(d->controller_pause_count), seen;

    for ( ;; )
    {
        if ( old - 1 < 0 )
            return -EINVAL;
        seen = cmpxchg(&d->controller_pause_count, old, old - 1);
        if ( seen == old )
            break;
        old = seen;
    }
    if ( old == 1 && !d->creation_finished )
        d->creation_finished = true;
    domain_unpause(d);
    return 0;
}

/* Tell the toolstack that a domain stopped (VIRQ_DOM_EXC, to its handler). */
void domain_shutdown_notify(struct domain *d)
{
    send_global_virq(VIRQ_DOM_EXC);
}

/*
 * SCHEDOP_shutdown and friends.  Domain 0 going down takes the machine with it,
 * as in Xen: power-off, reboot, or on a crash a reboot after 5 s ('noreboot' halts).
 * Another domain is paused for good (each vCPU holds a shutdown pause) until the
 * toolstack destroys or resumes it; a reason given earlier by
 * SCHEDOP_shutdown_code wins, as in Xen.
 */
void domain_shutdown(struct domain *d, unsigned int reason)
{
    struct vcpu *v;
    unsigned long flags;

    spin_lock_irqsave(&d->shutdown_lock, flags);
    if ( d->shutdown_code == SHUTDOWN_CODE_INVALID )
        d->shutdown_code = reason;
    reason = d->shutdown_code;
    if ( d->domain_id == 0 )
    {
        spin_unlock_irqrestore(&d->shutdown_lock, flags);
        switch ( reason )
        {
        case SHUTDOWN_poweroff:
            printk("Hardware Dom0 halted: halting machine\n");
            machine_power_off();
        case SHUTDOWN_reboot:
        case SHUTDOWN_soft_reset:
            printk("Hardware Dom0 shutdown: rebooting machine\n");
            machine_restart(0);
        case SHUTDOWN_crash:
        case SHUTDOWN_watchdog:
        default:
            printk("Hardware Dom0 crashed: rebooting machine in 5 seconds.\n");
            machine_restart(5000);
        }
    }

    if ( d->is_shutting_down )
    {
        spin_unlock_irqrestore(&d->shutdown_lock, flags);
        return;
    }
    d->is_shutting_down = true;
    for_each_vcpu ( d, v )
    {
        vcpu_pause_nosync(v);
        v->paused_for_shutdown = true;
    }
    d->is_shut_down = true;
    spin_unlock_irqrestore(&d->shutdown_lock, flags);
    printk(XENLOG_G_INFO "Domain %u shut down, reason code %u\n", d->domain_id, reason);
    if ( reason == SHUTDOWN_suspend && d->suspend_evtchn )
        evtchn_port_set_pending(d, d->suspend_evtchn);
    else
        domain_shutdown_notify(d);
}

void domain_resume(struct domain *d)
{
    struct vcpu *v;
    unsigned long flags;

    domain_pause(d);
    spin_lock_irqsave(&d->shutdown_lock, flags);
    d->is_shutting_down = d->is_shut_down = false;
    d->shutdown_code = SHUTDOWN_CODE_INVALID;
    for_each_vcpu ( d, v )
    {
        if ( v->paused_for_shutdown )
            vcpu_unpause(v);
        v->paused_for_shutdown = false;
    }
    spin_unlock_irqrestore(&d->shutdown_lock, flags);
    domain_unpause(d);
}

static const char *const runstate_names[] = { "running", "runnable", "blocked", "offline" };

static void dump_vcpu(const struct vcpu *v)
{
    printk("    VCPU%u: CPU%u [has=%c] pause_count=%d pause_flags=%lx %s\n",
           v->vcpu_id, v->processor, v->is_running ? 'T' : 'F',
           atomic_read(&v->pause_count), v->pause_flags,
           runstate_names[v->runstate.state & 3]);
    if ( !is_idle_vcpu(v) && cpumask_weight(&v->cpu_hard_affinity) < NR_CPUS )
    {
        unsigned int w = (nr_cpu_ids + BITS_PER_LONG - 1) / BITS_PER_LONG;

        printk("    VCPU%u: hard affinity", v->vcpu_id);
        while ( w-- > 0 )
            printk(" %016lx", v->cpu_hard_affinity.bits[w]);
        printk("\n");
    }
}

static void dump_domain(struct domain *d)
{
    static const char *const dying[] = { "alive", "dying", "dead" };
    struct vcpu *v;
    unsigned int i;

    printk("General information for domain %u:\n", d->domain_id);
    printk("    refcnt=%d dying=%d pause_count=%d privileged=%d\n", atomic_read(&d->refcnt),
           d->is_dying, atomic_read(&d->pause_count), d->is_privileged);
    printk("    state=%s controller_pause=%d%s%s\n", dying[d->is_dying % 3],
           d->controller_pause_count, d->is_shut_down ? " shut-down" : "",
           d->debugger_attached ? " debugged" : "");
    printk("    nr_pages=%lu max_pages=%lu outstanding=%lu\n", d->tot_pages,
           d->max_pages, d->outstanding_pages);
    printk("    handle=");
    for ( i = 0; i < sizeof(d->handle); i++ )
        printk("%02x%s", d->handle[i], (i == 3 || i == 5 || i == 7 || i == 9) ? "-" : "");
    printk(" vm_assist=%08lx\n", d->arch.pv.vm_assist);
    if ( d->is_shutting_down )
        printk("    shut down, code %u\n", d->shutdown_code);
    if ( rangeset_nr_ranges(&d->iomem_caps) )
        rangeset_printk(&d->iomem_caps, "I/O Memory", true);
    if ( rangeset_nr_ranges(&d->ioport_caps) )
        rangeset_printk(&d->ioport_caps, "I/O Ports", true);
    if ( rangeset_nr_ranges(&d->irq_caps) )
        rangeset_printk(&d->irq_caps, "Interrupts", false);
    printk("VCPU information for domain %u:\n", d->domain_id);
    for_each_vcpu ( d, v )
        dump_vcpu(v);
}

static void dump_domains(unsigned char key)
{
    struct domain *d;
    struct vcpu *v;
    s_time_t now = NOW();

    printk("'%c' pressed -> dumping domain info (now = %ld.%09ld s)\n", key,
           (long)(now / 1000000000), (long)(now % 1000000000));
    read_lock(&domlist_lock);
    for_each_domain ( d )
        dump_domain(d);
    if ( !domain_list )
        printk("No guest domains.\n");
    read_unlock(&domlist_lock);
    printk("Idle domain: %u vCPUs\n", num_online_cpus());
    for_each_vcpu ( idle_domain, v )
        dump_vcpu(v);
}
KEYHANDLER('q', dump_domains, "dump domain (and guest debug) info");

/*
 * DOMID_XEN as a domain: the owner of the hypervisor frames that privileged
 * guests may map read-only (the machine-to-phys table), named as foreigndom in
 * mmu_update.  Never in the domain list, never scheduled, never freed.
 */
struct domain *dom_xen;

static void __init dom_xen_init(void)
{
    dom_xen = alloc_domain_struct(DOMID_XEN, 1);
    if ( !dom_xen )
        panic("Cannot create DOMID_XEN");
}

void __init idle_domain_init(void)
{
    int err;

    dom_xen_init();
    idle_domain = domain_create(DOMID_IDLE, NULL, false, &err);
    if ( !idle_domain || !vcpu_create(idle_domain, 0) )
        panic("Cannot create the idle domain");
    set_current(idle_vcpu[0]);
    idle_vcpu[0]->is_running = true;
}
