/*
 * Domain and vCPU life cycle, and pausing.
 *
 * Domains are kept in a list ordered by id under domlist_lock, each with a
 * reference count: get_domain_by_id() takes a reference, put_domain() drops it.
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
#include <asm/processor.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/shutdown.h>
#include <asm/pv/domain.h>

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
    page_list_init(&d->page_list);
    return d;
}

static void free_domain_struct(struct domain *d)
{
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

struct domain *domain_create(domid_t domid, unsigned int max_vcpus, bool privileged)
{
    struct domain *d, **pd;

    if ( domid >= DOMID_FIRST_RESERVED && domid != DOMID_IDLE )
        return NULL;
    if ( !max_vcpus || max_vcpus > NR_CPUS * 4 )
        return NULL;
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
    if ( evtchn_init(d, privileged ? EVTCHN_2L_NR_CHANNELS : 1024) ||
         pv_domain_initialise(d, privileged) )
    {
        sched_destroy_domain(d);
        free_domain_struct(d);
        return NULL;
    }
    if ( grant_table_init(d, -1, -1) )
    {
        pv_domain_destroy(d);
        sched_destroy_domain(d);
        free_domain_struct(d);
        return NULL;
    }

    /* Keep every new domain paused until its builder unpauses it. */
    atomic_set(&d->pause_count, 1);
    write_lock(&domlist_lock);
    for ( pd = &domain_list; *pd && (*pd)->domain_id < domid; pd = &(*pd)->next_in_list )
        ;
    if ( *pd && (*pd)->domain_id == domid )
    {
        write_unlock(&domlist_lock);
        sched_destroy_domain(d);
        free_domain_struct(d);
        return NULL;
    }
    d->next_in_list = *pd;
    *pd = d;
    write_unlock(&domlist_lock);
    return d;
}

struct domain *get_domain_by_id(domid_t id)
{
    struct domain *d;

    read_lock(&domlist_lock);
    for ( d = domain_list; d && d->domain_id != id; d = d->next_in_list )
        ;
    if ( d )
        atomic_inc(&d->refcnt);
    read_unlock(&domlist_lock);
    return d;
}

static void domain_free(struct domain *d)
{
    struct vcpu *v, *next;

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
    pv_domain_destroy(d);
    sched_destroy_domain(d);
    free_domain_struct(d);
}

void put_domain(struct domain *d)
{
    if ( atomic_dec_and_test(&d->refcnt) )
        domain_free(d);
}

/* Unlink d from the domain list and drop the list's reference. */
void domain_destroy(struct domain *d)
{
    struct domain **pd;
    struct vcpu *v;

    d->is_dying = true;
    domain_watchdog_kill(d);
    for_each_vcpu ( d, v )
        vcpu_pause(v);
    gnttab_release_mappings(d);
    write_lock(&domlist_lock);
    for ( pd = &domain_list; *pd && *pd != d; pd = &(*pd)->next_in_list )
        ;
    if ( *pd )
        *pd = d->next_in_list;
    write_unlock(&domlist_lock);
    put_domain(d);
}

void vcpu_pause(struct vcpu *v)
{
    ASSERT(v != current);
    atomic_inc(&v->pause_count);
    vcpu_sleep_sync(v);
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

static const char *const runstate_names[] = { "running", "runnable", "blocked", "offline" };

static void dump_vcpu(const struct vcpu *v)
{
    printk("    VCPU%u: CPU%u [has=%c] pause_count=%d pause_flags=%lx %s\n",
           v->vcpu_id, v->processor, v->is_running ? 'T' : 'F',
           atomic_read(&v->pause_count), v->pause_flags,
           runstate_names[v->runstate.state & 3]);
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
    {
        printk("General information for domain %u:\n", d->domain_id);
        printk("    refcnt=%d dying=%d pause_count=%d privileged=%d\n",
               atomic_read(&d->refcnt), d->is_dying, atomic_read(&d->pause_count),
               d->is_privileged);
        printk("    nr_pages=%lu max_pages=%lu\n", d->tot_pages, d->max_pages);
        printk("VCPU information for domain %u:\n", d->domain_id);
        for_each_vcpu ( d, v )
            dump_vcpu(v);
    }
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
    dom_xen_init();
    idle_domain = domain_create(DOMID_IDLE, NR_CPUS, false);
    if ( !idle_domain || !vcpu_create(idle_domain, 0) )
        panic("Cannot create the idle domain");
    set_current(idle_vcpu[0]);
    idle_vcpu[0]->is_running = true;
}

/* Tell domain 0 that a domain stopped (its toolstack then cleans up). */
void domain_shutdown_notify(struct domain *d)
{
    struct domain *dom0 = get_domain_by_id(0);

    if ( dom0 )
    {
        send_guest_global_virq(dom0, VIRQ_DOM_EXC);
        put_domain(dom0);
    }
}

/*
 * SCHEDOP_shutdown and friends.  Domain 0 going down takes the machine with it,
 * as in Xen: power-off, reboot, or on a crash a reboot after 5 s ('noreboot' halts).
 */
void domain_shutdown(struct domain *d, unsigned int reason)
{
    struct vcpu *v;

    if ( d->domain_id == 0 )
    {
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
        return;
    d->is_shutting_down = true;
    d->shutdown_code = reason;
    printk(XENLOG_G_INFO "Domain %u shut down, reason code %u\n", d->domain_id, reason);
    for_each_vcpu ( d, v )
    {
        set_bit(_VPF_down, &v->pause_flags);
        vcpu_sleep_nosync(v);
    }
    domain_shutdown_notify(d);
}
