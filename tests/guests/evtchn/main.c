/*
 * 2-level event channels (Xen's public event_channel.h, xen.h):
 * - EVTCHNOP_send on a bound port sets its pending bit and, unless the port
 *   is masked, the vCPU's selector and upcall_pending bits and an upcall;
 * - a masked port stays pending; EVTCHNOP_unmask delivers it;
 * - events wait while the vCPU's upcall mask is set;
 * - EVTCHNOP_status reports each kind of binding; closing one end of an
 *   interdomain channel leaves the other end unbound;
 * - a domain may connect a channel to itself (alloc_unbound with
 *   remote_dom = DOMID_SELF, then bind_interdomain);
 * - SCHEDOP_poll returns when a port is pending or at the timeout;
 * - bad ports, VIRQs and vCPUs are refused with Xen 4.17's errors.
 */
#include <pvguest/test.h>

const char test_title[] = "event channels and VIRQs";

static volatile unsigned int counts[NR_EVTCHN_PORTS];

static void count_handler(evtchn_port_t port, void *arg)
{
    counts[port]++;
}

static void check_status(evtchn_port_t port, uint32_t want, const char *what)
{
    evtchn_status_t st;
    long rc = evtchn_status(port, &st);

    check_eq(rc, 0, what);
    check_eq(st.status, want, what);
}

static void test_ipi(void)
{
    evtchn_port_t p;
    evtchn_status_t st;
    long rc;

    rc = evtchn_bind_ipi(0, &p);
    check_eq(rc, 0, "EVTCHNOP_bind_ipi on vCPU 0");
    if ( rc )
        return;
    check(p != 0, "port 0 is never handed out (got %u)", p);
    counts[p] = 0;
    evtchn_set_handler(p, count_handler, NULL);
    evtchn_unmask(p);

    /* Delivered on the way back from the send. */
    rc = evtchn_send(p);
    check_eq(rc, 0, "EVTCHNOP_send on the IPI port");
    check_eq(counts[p], 1, "upcall ran the handler once");
    check(!evtchn_is_pending(p), "pending bit cleared by the handler");

    /* A masked port stays pending until EVTCHNOP_unmask. */
    evtchn_mask(p);
    evtchn_send(p);
    check_eq(counts[p], 1, "no upcall for a masked port");
    check(evtchn_is_pending(p), "masked port pending");
    rc = evtchn_unmask(p);
    check_eq(rc, 0, "EVTCHNOP_unmask");
    check_eq(counts[p], 2, "unmask delivered the pending event");
    check(!test_bit(p, shared_info->evtchn_mask), "mask bit cleared");

    /* With the upcall mask set, the event waits in the selector. */
    local_events_disable();
    evtchn_send(p);
    check_eq(counts[p], 2, "no upcall while events are masked");
    check_eq(this_vcpu_info()->evtchn_upcall_pending, 1,
             "evtchn_upcall_pending set");
    check(this_vcpu_info()->evtchn_pending_sel & (1UL << (p / 64)),
          "selector bit for the port's word");
    local_events_enable();
    check_eq(counts[p], 3, "delivered once events are unmasked");

    rc = evtchn_status(p, &st);
    check_eq(rc, 0, "EVTCHNOP_status of the IPI port");
    check_eq(st.status, EVTCHNSTAT_ipi, "status: ipi");
    check_eq(st.vcpu, 0, "IPI bound to vCPU 0");

    rc = evtchn_bind_vcpu(p, 1);
    check_eq(rc, -EINVAL, "EVTCHNOP_bind_vcpu of an IPI port");

    rc = evtchn_close(p);
    check_eq(rc, 0, "EVTCHNOP_close");
    check_status(p, EVTCHNSTAT_closed, "status after close");
    rc = evtchn_send(p);
    check_eq(rc, -EINVAL, "EVTCHNOP_send on a closed port");
    rc = evtchn_close(p);
    check_eq(rc, -EINVAL, "EVTCHNOP_close of a closed port");
    evtchn_clear_handler(p);
}

static void test_loopback(void)
{
    evtchn_port_t a, b;
    evtchn_status_t st;
    long rc;

    rc = evtchn_alloc_unbound(DOMID_SELF, &a);
    check_eq(rc, 0, "EVTCHNOP_alloc_unbound for ourselves");
    if ( rc )
        return;
    rc = evtchn_status(a, &st);
    check_eq(st.status, EVTCHNSTAT_unbound, "status: unbound");
    check_eq(st.u.unbound.dom, 0, "unbound: remote domain 0");

    /* Sending on an unbound port does nothing, successfully. */
    rc = evtchn_send(a);
    check_eq(rc, 0, "EVTCHNOP_send on an unbound port");
    check(!evtchn_is_pending(a), "nothing pending on it");

    rc = evtchn_bind_interdomain(DOMID_SELF, a, &b);
    check_eq(rc, 0, "EVTCHNOP_bind_interdomain to our own port");
    if ( rc )
        return;
    check(a != b, "two distinct ports (%u, %u)", a, b);
    counts[a] = counts[b] = 0;      /* ports are reused after close */
    evtchn_set_handler(a, count_handler, NULL);
    evtchn_set_handler(b, count_handler, NULL);
    evtchn_unmask(a);
    evtchn_unmask(b);

    rc = evtchn_status(b, &st);
    check_eq(st.status, EVTCHNSTAT_interdomain, "status: interdomain");
    check_eq(st.u.interdomain.dom, 0, "interdomain: domain 0");
    check_eq(st.u.interdomain.port, a, "interdomain: the peer port");

    evtchn_send(b);
    check_eq(counts[a], 1, "send on one end notifies the other");
    check_eq(counts[b], 0, "and not itself");
    evtchn_send(a);
    check_eq(counts[b], 1, "and the other way round");

    /* Binding to a port that is not unbound fails. */
    {
        evtchn_port_t c;

        rc = evtchn_bind_interdomain(DOMID_SELF, a, &c);
        check_eq(rc, -EINVAL, "bind_interdomain to a connected port");
    }

    rc = evtchn_bind_vcpu(a, 1);
    check_eq(rc, 0, "EVTCHNOP_bind_vcpu of an interdomain port to vCPU 1");
    rc = evtchn_status(a, &st);
    check_eq(st.vcpu, 1, "status shows vCPU 1");
    rc = evtchn_bind_vcpu(a, 99);
    check_eq(rc, -ENOENT, "EVTCHNOP_bind_vcpu to vCPU 99");
    evtchn_bind_vcpu(a, 0);

    rc = evtchn_close(b);
    check_eq(rc, 0, "close one end");
    check_status(a, EVTCHNSTAT_unbound, "the other end is unbound again");
    evtchn_close(a);
    evtchn_clear_handler(a);
    evtchn_clear_handler(b);
}

static void test_virqs(void)
{
    evtchn_port_t p;
    evtchn_status_t st;
    long rc;

    rc = evtchn_status(this_cpu()->timer_port, &st);
    check_eq(rc, 0, "EVTCHNOP_status of the VIRQ_TIMER port");
    check_eq(st.status, EVTCHNSTAT_virq, "status: virq");
    check_eq(st.u.virq, VIRQ_TIMER, "virq: VIRQ_TIMER");

    rc = evtchn_bind_virq(VIRQ_TIMER, 0, &p);
    check_eq(rc, -EEXIST, "VIRQ_TIMER bound twice on one vCPU");
    rc = evtchn_bind_virq(NR_VIRQS, 0, &p);
    check_eq(rc, -EINVAL, "VIRQ number NR_VIRQS");
    rc = evtchn_bind_virq(VIRQ_TIMER, 99, &p);
    check_eq(rc, -ENOENT, "VIRQ_TIMER on vCPU 99");
    rc = evtchn_bind_vcpu(this_cpu()->timer_port, 1);
    check_eq(rc, -EINVAL, "EVTCHNOP_bind_vcpu of a per-vCPU VIRQ");

    /* A per-vCPU VIRQ may be bound on another vCPU, a global one not. */
    rc = evtchn_bind_virq(VIRQ_TIMER, 1, &p);
    check_eq(rc, 0, "VIRQ_TIMER on vCPU 1");
    if ( !rc )
    {
        rc = evtchn_status(p, &st);
        check_eq(st.vcpu, 1, "bound to vCPU 1");
        evtchn_close(p);
    }
    rc = evtchn_bind_virq(VIRQ_DOM_EXC, 1, &p);
    check_eq(rc, -EINVAL, "global VIRQ_DOM_EXC on vCPU 1");
    rc = evtchn_bind_virq(VIRQ_DOM_EXC, 0, &p);
    check_eq(rc, 0, "global VIRQ_DOM_EXC on vCPU 0");
    if ( !rc )
    {
        rc = evtchn_bind_vcpu(p, 1);
        check_eq(rc, 0, "a global VIRQ may move to another vCPU");
        evtchn_close(p);
    }
    rc = evtchn_bind_ipi(99, &p);
    check_eq(rc, -ENOENT, "EVTCHNOP_bind_ipi on vCPU 99");
}

static void test_bad_ports(void)
{
    evtchn_status_t st;
    evtchn_port_t p;
    long rc;

    rc = evtchn_send(NR_EVTCHN_PORTS - 1);
    check_eq(rc, -EINVAL, "EVTCHNOP_send on a never-allocated port");
    rc = evtchn_send(1u << 20);
    check_eq(rc, -EINVAL, "EVTCHNOP_send on port 2^20");
    rc = evtchn_close(0);
    check_eq(rc, -EINVAL, "EVTCHNOP_close of reserved port 0");
    rc = evtchn_unmask(1u << 20);
    check_eq(rc, -EINVAL, "EVTCHNOP_unmask of port 2^20");
    rc = evtchn_status(1u << 20, &st);
    check_eq(rc, -EINVAL, "EVTCHNOP_status of port 2^20");
    rc = evtchn_bind_interdomain(7, 1, &p);
    check_eq(rc, -ESRCH, "bind_interdomain to a domain that does not exist");
    {
        struct evtchn_alloc_unbound op = { .dom = 7, .remote_dom = 0 };

        rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &op);
        check_eq(rc, -ESRCH, "alloc_unbound in a domain that does not exist");
    }
    rc = HYPERVISOR_event_channel_op(99, NULL);
    check_eq(rc, -ENOSYS, "unknown event_channel_op");
}

static void test_poll(void)
{
    evtchn_port_t p, ports[1];
    struct sched_poll poll = { .nr_ports = 1, .timeout = 0 };
    long rc;

    if ( evtchn_bind_ipi(0, &p) )
        return;
    ports[0] = p;
    set_xen_guest_handle(poll.ports, ports);

    /* Masked and pending: poll returns at once. */
    evtchn_mask(p);
    evtchn_send(p);
    rc = HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
    check_eq(rc, 0, "SCHEDOP_poll with the port pending");
    evtchn_test_and_clear(p);

    /* Nothing pending: poll returns at the timeout. */
    poll.timeout = pv_now() + MILLISECS(5);
    rc = HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
    check_eq(rc, 0, "SCHEDOP_poll until its timeout");
    check(pv_now() >= poll.timeout - MILLISECS(1),
          "poll returned at its timeout, not before");

    poll.nr_ports = 129;
    rc = HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
    check_eq(rc, -EINVAL, "SCHEDOP_poll on more than 128 ports");
    ports[0] = 1u << 20;
    poll.nr_ports = 1;
    poll.timeout = 0;
    rc = HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
    check_eq(rc, -EINVAL, "SCHEDOP_poll on an invalid port");
    evtchn_close(p);
}

static void test_reset(void)
{
    evtchn_port_t p, old_timer = this_cpu()->timer_port;
    struct evtchn_reset r = { .dom = DOMID_SELF };
    long rc;

    if ( evtchn_bind_ipi(0, &p) )
        return;
    rc = HYPERVISOR_event_channel_op(EVTCHNOP_reset, &r);
    check_eq(rc, 0, "EVTCHNOP_reset of our own domain");
    check_status(p, EVTCHNSTAT_closed, "IPI port closed by the reset");
    check_status(old_timer, EVTCHNSTAT_closed,
                 "VIRQ_TIMER port closed by the reset");
    /* The library binds its timer again; the VIRQ is free now. */
    evtchn_clear_handler(old_timer);
    events_init_cpu();
    check_status(this_cpu()->timer_port, EVTCHNSTAT_virq,
                 "VIRQ_TIMER bound again after the reset");
}

void test_main(void)
{
    test_ipi();
    test_loopback();
    test_virqs();
    test_bad_ports();
    test_poll();
    test_reset();
    test_success();
}
