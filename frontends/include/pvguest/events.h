/*
 * Event channels (the 2-level ABI) and the event upcall.
 *
 * Delivery (Xen's public xen.h, event_channel.h): the hypervisor sets the
 * port's bit in shared_info.evtchn_pending; unless the port is masked in
 * evtchn_mask it then sets the word's bit in the bound vCPU's
 * evtchn_pending_sel and evtchn_upcall_pending, and bounces to the event
 * callback when evtchn_upcall_mask is clear.  The upcall runs with the
 * mask set; the iret hypercall restores it from the frame's RFLAGS.IF.
 */
#ifndef PVGUEST_EVENTS_H
#define PVGUEST_EVENTS_H

#include <pvguest/setup.h>

#define NR_EVTCHN_PORTS     4096    /* 2-level, 64-bit guest */

typedef void (*evtchn_handler_t)(evtchn_port_t port, void *arg);

void evtchn_set_handler(evtchn_port_t port, evtchn_handler_t fn, void *arg);
void evtchn_clear_handler(evtchn_port_t port);

/* Thin wrappers: return 0 or -errno, the port through *port. */
long evtchn_bind_virq(unsigned int virq, unsigned int vcpu,
                      evtchn_port_t *port);
long evtchn_bind_ipi(unsigned int vcpu, evtchn_port_t *port);
long evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port);
long evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port,
                             evtchn_port_t *port);
long evtchn_send(evtchn_port_t port);
long evtchn_close(evtchn_port_t port);
long evtchn_bind_vcpu(evtchn_port_t port, unsigned int vcpu);
long evtchn_status(evtchn_port_t port, evtchn_status_t *st);

void evtchn_mask(evtchn_port_t port);
/* Clear the mask bit; an event already pending is delivered (EVTCHNOP_unmask). */
long evtchn_unmask(evtchn_port_t port);
bool evtchn_is_pending(evtchn_port_t port);
bool evtchn_test_and_clear(evtchn_port_t port);

/* The upcall mask of this vCPU: disable returns the previous value. */
bool local_events_disable(void);
void local_events_enable(void);
void local_events_restore(bool masked);

/* Any hypercall returns through the event check: delivers what is pending. */
void force_evtchn_callback(void);

/*
 * Block (SCHEDOP_block, which unmasks events) until cond(arg) is true or
 * timeout_ns of system time passed; cond is evaluated with events masked.
 * Returns whether cond became true.  Uses this vCPU's VIRQ_TIMER.
 */
bool wait_until(bool (*cond)(void *), void *arg, uint64_t timeout_ns);
/* Block for ns of system time. */
void pv_sleep(uint64_t ns);

/* Hook called on every VIRQ_TIMER of any vCPU (NULL: none). */
extern void (*timer_hook)(unsigned int vcpu);

/* Bind VIRQ_TIMER on this vCPU and stop its periodic timer. */
void events_init_cpu(void);
void events_init(void);
void do_event_upcall(struct cpu_regs *regs);

#endif /* PVGUEST_EVENTS_H */
