/*
 * Event channels, 2-level ABI (public/event_channel.h): up to 4096 ports per
 * domain; pending and mask bits in shared_info, a selector word and the upcall
 * flag in each vCPU's vcpu_info.  The FIFO ABI is not offered (guests fall back).
 */
#ifndef XEN_EVENT_H
#define XEN_EVENT_H

#include <xen/types.h>
#include <public/event_channel.h>

struct domain;
struct vcpu;

#define ECS_FREE        0
#define ECS_RESERVED    1
#define ECS_UNBOUND     2
#define ECS_INTERDOMAIN 3
#define ECS_PIRQ        4
#define ECS_VIRQ        5
#define ECS_IPI         6

struct evtchn {
    u8 state;                   /* ECS_* */
    u16 notify_vcpu_id;
    union {
        domid_t unbound_remote; /* who may bind to it */
        struct {
            struct domain *dom;
            evtchn_port_t port;
        } interdomain;
        u32 pirq;
        u32 virq;
    } u;
};

#define EVTCHNS_PER_BUCKET  128
#define NR_EVTCHN_BUCKETS   (EVTCHN_2L_NR_CHANNELS / EVTCHNS_PER_BUCKET)

int evtchn_init(struct domain *d, unsigned int max_ports);
void evtchn_destroy(struct domain *d);      /* close every port */

/* Mark a port pending on its domain and notify the vCPU it is bound to. */
void evtchn_port_set_pending(struct domain *d, evtchn_port_t port);
void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq);
void send_guest_global_virq(struct domain *d, unsigned int virq);
/* Raise a PIRQ's port (physdev.c); returns false if the PIRQ is not bound. */
bool send_guest_pirq(struct domain *d, unsigned int pirq);

/* Wake a vCPU that has events to look at (blocked, or running elsewhere). */
void vcpu_kick(struct vcpu *v);
/* Set the vCPU's upcall-pending flag and kick it. */
void vcpu_mark_events_pending(struct vcpu *v);
/* Any port of v pending and unmasked (the upcall flag)? */
bool local_events_need_delivery(struct vcpu *v);
/* Is any of the ports pending? (SCHEDOP_poll) */
bool evtchn_port_is_pending(struct domain *d, evtchn_port_t port);

/* Allocate an unbound port of d for 'remote' (toolstack and backends). */
int evtchn_alloc_unbound_port(struct domain *d, domid_t remote, evtchn_port_t *port);

long do_event_channel_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
void dump_evtchns(struct domain *d);

#endif /* XEN_EVENT_H */
