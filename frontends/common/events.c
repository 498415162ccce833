/*
 * 2-level event channels: wrappers, handler dispatch from the upcall, and
 * waiting with SCHEDOP_block.
 */
#include <pvguest/events.h>
#include <pvguest/hypercall.h>
#include <pvguest/test.h>
#include <pvguest/time.h>

static struct {
    evtchn_handler_t fn;
    void *arg;
} handlers[NR_EVTCHN_PORTS];
/* The vCPU each port notifies (as bound through these wrappers). */
static uint8_t port_vcpu[NR_EVTCHN_PORTS];
static unsigned long spurious_events;

void (*timer_hook)(unsigned int vcpu);

void evtchn_set_handler(evtchn_port_t port, evtchn_handler_t fn, void *arg)
{
    if ( port >= NR_EVTCHN_PORTS )
        return;
    handlers[port].arg = arg;
    wmb();
    handlers[port].fn = fn;
}

void evtchn_clear_handler(evtchn_port_t port)
{
    if ( port < NR_EVTCHN_PORTS )
        handlers[port].fn = NULL;
}

static void note_port(evtchn_port_t port, unsigned int vcpu)
{
    if ( port < NR_EVTCHN_PORTS )
        port_vcpu[port] = vcpu;
}

long evtchn_bind_virq(unsigned int virq, unsigned int vcpu,
                      evtchn_port_t *port)
{
    struct evtchn_bind_virq op = { .virq = virq, .vcpu = vcpu };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &op);

    if ( !rc )
    {
        *port = op.port;
        note_port(op.port, vcpu);
    }
    return rc;
}

long evtchn_bind_ipi(unsigned int vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi op = { .vcpu = vcpu };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &op);

    if ( !rc )
    {
        *port = op.port;
        note_port(op.port, vcpu);
    }
    return rc;
}

long evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound op = { .dom = DOMID_SELF, .remote_dom = remote };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &op);

    if ( !rc )
    {
        *port = op.port;
        note_port(op.port, 0);
    }
    return rc;
}

long evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port,
                             evtchn_port_t *port)
{
    struct evtchn_bind_interdomain op = {
        .remote_dom = remote, .remote_port = remote_port,
    };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &op);

    if ( !rc )
    {
        *port = op.local_port;
        note_port(op.local_port, 0);
    }
    return rc;
}

long evtchn_send(evtchn_port_t port)
{
    struct evtchn_send op = { .port = port };

    return HYPERVISOR_event_channel_op(EVTCHNOP_send, &op);
}

long evtchn_close(evtchn_port_t port)
{
    struct evtchn_close op = { .port = port };

    return HYPERVISOR_event_channel_op(EVTCHNOP_close, &op);
}

long evtchn_bind_vcpu(evtchn_port_t port, unsigned int vcpu)
{
    struct evtchn_bind_vcpu op = { .port = port, .vcpu = vcpu };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &op);

    if ( !rc )
        note_port(port, vcpu);
    return rc;
}

long evtchn_status(evtchn_port_t port, evtchn_status_t *st)
{
    memset(st, 0, sizeof(*st));
    st->dom = DOMID_SELF;
    st->port = port;
    return HYPERVISOR_event_channel_op(EVTCHNOP_status, st);
}

void evtchn_mask(evtchn_port_t port)
{
    set_bit(port, shared_info->evtchn_mask);
}

long evtchn_unmask(evtchn_port_t port)
{
    struct evtchn_unmask op = { .port = port };

    return HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &op);
}

bool evtchn_is_pending(evtchn_port_t port)
{
    return test_bit(port, shared_info->evtchn_pending);
}

bool evtchn_test_and_clear(evtchn_port_t port)
{
    return test_and_clear_bit(port, shared_info->evtchn_pending);
}

bool local_events_disable(void)
{
    vcpu_info_t *vi = this_vcpu_info();
    bool old = vi->evtchn_upcall_mask;

    vi->evtchn_upcall_mask = 1;
    barrier();
    return old;
}

void force_evtchn_callback(void)
{
    HYPERVISOR_xen_version(XENVER_version, NULL);
}

void local_events_enable(void)
{
    vcpu_info_t *vi = this_vcpu_info();

    vi->evtchn_upcall_mask = 0;
    barrier();
    if ( READ_ONCE(vi->evtchn_upcall_pending) )
        force_evtchn_callback();
}

void local_events_restore(bool masked)
{
    if ( masked )
        local_events_disable();
    else
        local_events_enable();
}

static void dispatch(evtchn_port_t port)
{
    evtchn_handler_t fn = handlers[port].fn;

    if ( fn )
        fn(port, handlers[port].arg);
    else
        spurious_events++;
}

/*
 * Called with events masked.  Scans the words named in this vCPU's
 * pending selector and handles the unmasked pending ports that notify it.
 */
void do_event_upcall(struct cpu_regs *regs)
{
    struct pv_cpu *cpu = this_cpu();
    vcpu_info_t *vi = cpu->vcpu_info;
    unsigned int rounds;

    (void)regs;
    for ( rounds = 0; rounds < 64 && READ_ONCE(vi->evtchn_upcall_pending);
          rounds++ )
    {
        unsigned long sel;

        vi->evtchn_upcall_pending = 0;
        sel = xchg_ulong(&vi->evtchn_pending_sel, 0);
        while ( sel )
        {
            unsigned int w = ffs_ulong(sel);
            unsigned long pend;

            sel &= sel - 1;
            pend = READ_ONCE(shared_info->evtchn_pending[w]) &
                   ~READ_ONCE(shared_info->evtchn_mask[w]);
            while ( pend )
            {
                unsigned int b = ffs_ulong(pend);
                evtchn_port_t port = w * 64 + b;

                pend &= pend - 1;
                if ( port_vcpu[port] != cpu->vcpu_id )
                    continue;
                if ( test_and_clear_bit(port, shared_info->evtchn_pending) )
                    dispatch(port);
            }
        }
    }
}

static void timer_handler(evtchn_port_t port, void *arg)
{
    (void)port;
    if ( timer_hook )
        timer_hook((unsigned int)(unsigned long)arg);
}

void events_init_cpu(void)
{
    struct pv_cpu *cpu = this_cpu();
    evtchn_port_t port;
    long rc;

    rc = evtchn_bind_virq(VIRQ_TIMER, cpu->vcpu_id, &port);
    if ( rc )
        test_abort("vCPU %u: bind VIRQ_TIMER: %ld", cpu->vcpu_id, rc);
    cpu->timer_port = port;
    evtchn_set_handler(port, timer_handler,
                       (void *)(unsigned long)cpu->vcpu_id);
    /* The periodic tick is off: timers fire only when a test asks. */
    HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, cpu->vcpu_id, NULL);
    evtchn_unmask(port);
}

static void register_callback(unsigned int type, void (*fn)(void),
                              unsigned int flags)
{
    struct callback_register cb = {
        .type = type, .flags = flags, .address = (unsigned long)fn,
    };
    long rc = HYPERVISOR_callback_op(CALLBACKOP_register, &cb);

    if ( rc )
        test_abort("CALLBACKOP_register type %u: %ld", type, rc);
}

void events_init(void)
{
    register_callback(CALLBACKTYPE_event, hypervisor_callback, 0);
    register_callback(CALLBACKTYPE_failsafe, failsafe_callback,
                      CALLBACKF_mask_events);
    register_callback(CALLBACKTYPE_syscall, syscall_callback,
                      CALLBACKF_mask_events);
    events_init_cpu();
    local_events_enable();
}

bool wait_until(bool (*cond)(void *), void *arg, uint64_t timeout_ns)
{
    uint64_t deadline = pv_now() + timeout_ns;
    bool was_masked = local_events_disable();
    unsigned int i;
    bool ok = false;

    /* Bounded in iterations as well as in (guest) time. */
    for ( i = 0; i < 1000000; i++ )
    {
        uint64_t now;

        local_events_disable();
        if ( cond && cond(arg) )
        {
            ok = true;
            break;
        }
        now = pv_now();
        if ( now >= deadline )
            break;
        HYPERVISOR_set_timer_op(min(deadline, now + MILLISECS(10)));
        /* Unmasks events and sleeps unless one is pending already. */
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
    }
    local_events_restore(was_masked);
    return ok;
}

void pv_sleep(uint64_t ns)
{
    wait_until(NULL, NULL, ns);
}
