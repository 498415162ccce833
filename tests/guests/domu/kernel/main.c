/*
 * The test domU: an unprivileged PV kernel built by the domu test guest.
 *
 * It finds its report page (the xenstore page of start_info), tries what an
 * unprivileged domain must not be able to do and records each answer, sends
 * domain 0 an event on the store port, then waits for events
 * (SCHEDOP_poll, events masked as at start of day) and acts on domain 0's
 * commands.  It has no console (console_io is domain 0's) and no trap table:
 * anything unexpected crashes it, which domain 0 sees as shutdown code 3.
 */
#define __XEN_TOOLS__ 1
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/event_channel.h>
#include <xen/memory.h>
#include <xen/physdev.h>
#include <xen/platform.h>
#include <xen/sched.h>
#include <xen/sysctl.h>
#include "report.h"

#define PAGE_SIZE 4096UL
#define PTE_RW    0x63UL                        /* present, writable, accessed, dirty */
#define M2P       ((const unsigned long *)0xffff800000000000UL)

extern uint8_t hypercall_page[PAGE_SIZE];
static uint8_t shinfo_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t scratch[PAGE_SIZE] __attribute__((aligned(16)));

void domu_main(start_info_t *si);

/* The compiler may call these for structure copies and initialisation. */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

void *memset(void *d, int c, size_t n)
{
    uint8_t *p = d;

    while ( n-- )
        *p++ = c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *p = d;
    const uint8_t *q = s;

    while ( n-- )
        *p++ = *q++;
    return d;
}

/* Hypercall 'nr' through the hypercall page (RCX and R11 preserved by the stub). */
static long hc(unsigned int nr, unsigned long a1, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5)
{
    register unsigned long r1 asm("rdi") = a1;
    register unsigned long r2 asm("rsi") = a2;
    register unsigned long r3 asm("rdx") = a3;
    register unsigned long r4 asm("r10") = a4;
    register unsigned long r5 asm("r8") = a5;
    long ret;

    asm volatile ( "call *%[fn]"
                   : "=a" (ret), "+r" (r1), "+r" (r2), "+r" (r3), "+r" (r4), "+r" (r5)
                   : [fn] "r" (hypercall_page + nr * 32)
                   : "rcx", "r11", "r9", "memory" );
    return ret;
}

#define HC(nr, a, b, c) hc(nr, (unsigned long)(a), (unsigned long)(b), (unsigned long)(c), 0, 0)

static long evtchn_send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };

    return HC(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &s, 0);
}

static void probe_ctl(struct domu_report *r)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 0,
                             .interface_version = XEN_DOMCTL_INTERFACE_VERSION };
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo,
                             .interface_version = XEN_SYSCTL_INTERFACE_VERSION };
    struct xen_platform_op pf = { .cmd = XENPF_get_cpuinfo,
                                  .interface_version = XENPF_INTERFACE_VERSION };

    r->rc[PROBE_DOMCTL_GETINFO] = HC(__HYPERVISOR_domctl, &dc, 0, 0);
    dc.cmd = XEN_DOMCTL_pausedomain;
    r->rc[PROBE_DOMCTL_PAUSE_DOM0] = HC(__HYPERVISOR_domctl, &dc, 0, 0);
    dc.domain = 0x7000;
    r->rc[PROBE_DOMCTL_PAUSE_NONE] = HC(__HYPERVISOR_domctl, &dc, 0, 0);
    dc.domain = 0;
    dc.interface_version = 0;
    r->rc[PROBE_DOMCTL_VERSION] = HC(__HYPERVISOR_domctl, &dc, 0, 0);
    r->rc[PROBE_SYSCTL_PHYSINFO] = HC(__HYPERVISOR_sysctl, &sc, 0, 0);
    sc.interface_version = 0;
    r->rc[PROBE_SYSCTL_VERSION] = HC(__HYPERVISOR_sysctl, &sc, 0, 0);
    r->rc[PROBE_CONSOLE_WRITE] = HC(__HYPERVISOR_console_io, CONSOLEIO_write, 4, "domU");
    r->rc[PROBE_PLATFORM_OP] = HC(__HYPERVISOR_platform_op, &pf, 0, 0);
}

static void probe_memory(struct domu_report *r)
{
    struct xen_memory_map map = { .nr_entries = PAGE_SIZE / 20 };
    xen_pfn_t pfn = 0;
    struct xen_memory_reservation res = { .nr_extents = 1, .domid = 0 };
    domid_t dom = 0;
    const uint8_t *e = scratch;

    set_xen_guest_handle(map.buffer, scratch);
    r->rc[PROBE_MACHINE_MEMORY_MAP] = HC(__HYPERVISOR_memory_op, XENMEM_machine_memory_map,
                                         &map, 0);
    map.nr_entries = PAGE_SIZE / 20;
    r->rc[PROBE_MEMORY_MAP] = HC(__HYPERVISOR_memory_op, XENMEM_memory_map, &map, 0);
    if ( !r->rc[PROBE_MEMORY_MAP] && map.nr_entries )
    {
        /* struct e820entry: addr, size (64-bit), type (32-bit), packed. */
        memcpy(&r->map_addr, e, 8);
        memcpy(&r->map_size, e + 8, 8);
        memcpy(&r->map_type, e + 16, 4);
    }
    r->map_entries = map.nr_entries;
    set_xen_guest_handle(res.extent_start, &pfn);
    r->rc[PROBE_POPULATE_DOM0] = HC(__HYPERVISOR_memory_op, XENMEM_populate_physmap, &res, 0);
    r->rc[PROBE_RESERVATION_DOM0] = HC(__HYPERVISOR_memory_op, XENMEM_current_reservation,
                                       &dom, 0);
    dom = DOMID_SELF;
    r->rc[PROBE_RESERVATION_SELF] = HC(__HYPERVISOR_memory_op, XENMEM_current_reservation,
                                       &dom, 0);
}

static void probe_events(struct domu_report *r)
{
    struct evtchn_alloc_unbound au = { .dom = 0, .remote_dom = DOMID_SELF };
    struct sched_remote_shutdown rs = { .domain_id = 0, .reason = SHUTDOWN_poweroff };

    r->rc[PROBE_ALLOC_UNBOUND_DOM0] = HC(__HYPERVISOR_event_channel_op,
                                         EVTCHNOP_alloc_unbound, &au, 0);
    r->rc[PROBE_REMOTE_SHUTDOWN] = HC(__HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, &rs, 0);
}

/* Physical interrupts belong to domain 0 until it lends one (irq_permission). */
static void probe_pirqs(struct domu_report *r)
{
    struct physdev_map_pirq map = {
        .domid = DOMID_SELF, .type = MAP_PIRQ_TYPE_GSI, .index = 5, .pirq = -1,
    };
    struct evtchn_bind_pirq bind = { .pirq = 5 };

    r->rc[PROBE_MAP_PIRQ_SELF] = HC(__HYPERVISOR_physdev_op, PHYSDEVOP_map_pirq, &map, 0);
    map.domid = 0;
    map.pirq = -1;
    r->rc[PROBE_MAP_PIRQ_DOM0] = HC(__HYPERVISOR_physdev_op, PHYSDEVOP_map_pirq, &map, 0);
    r->rc[PROBE_BIND_PIRQ] = HC(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_pirq, &bind, 0);
}

/* Map shared_info over shinfo_page; record the maximum gpfn before and after. */
static shared_info_t *map_shared_info(start_info_t *si, struct domu_report *r)
{
    domid_t self = DOMID_SELF;
    shared_info_t *s = (shared_info_t *)shinfo_page;

    r->rc[PROBE_MAX_GPFN_BEFORE] = HC(__HYPERVISOR_memory_op, XENMEM_maximum_gpfn, &self, 0);
    r->rc[PROBE_MAP_SHARED_INFO] = HC(__HYPERVISOR_update_va_mapping,
                                      (unsigned long)shinfo_page, si->shared_info | PTE_RW,
                                      UVMF_INVLPG | UVMF_LOCAL);
    if ( r->rc[PROBE_MAP_SHARED_INFO] )
        return NULL;
    /* As Linux does: the size of the p2m, for the toolstack. */
    s->arch.max_pfn = si->nr_pages;
    r->rc[PROBE_MAX_GPFN_AFTER] = HC(__HYPERVISOR_memory_op, XENMEM_maximum_gpfn, &self, 0);
    return s;
}

void domu_main(start_info_t *si)
{
    struct domu_report *r;
    shared_info_t *s;
    evtchn_port_t port = si->store_evtchn;
    unsigned long pfn = M2P[si->store_mfn];

    /* The report page is the xenstore page, inside the builder's mapping. */
    r = (struct domu_report *)(0xffffffff80000000UL + pfn * PAGE_SIZE);
    r->magic = DOMU_MAGIC;
    r->nr_pages = si->nr_pages;
    r->stage = DOMU_STAGE_STARTED;

    probe_ctl(r);
    probe_memory(r);
    probe_events(r);
    probe_pirqs(r);
    s = map_shared_info(si, r);
    r->stage = DOMU_STAGE_PROBED;
    r->rc[PROBE_SEND_HELLO] = evtchn_send(port);
    r->stage = DOMU_STAGE_LOOPING;

    for ( ;; )
    {
        struct sched_poll poll = { .nr_ports = 1, .timeout = 0 };

        r->heartbeat++;
        set_xen_guest_handle(poll.ports, &port);
        HC(__HYPERVISOR_sched_op, SCHEDOP_poll, &poll, 0);
        if ( !s || !__atomic_fetch_and(&s->evtchn_pending[port / 64], ~(1UL << (port % 64)),
                                       __ATOMIC_SEQ_CST) )
            continue;
        r->polls++;
        switch ( r->command )
        {
        case DOMU_CMD_SHUTDOWN:
        {
            struct sched_shutdown sd = { .reason = r->command_arg };

            HC(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &sd, 0);
            break;
        }
        case DOMU_CMD_ECHO:
            r->command = DOMU_CMD_NONE;
            evtchn_send(port);
            break;
        case DOMU_CMD_CRASH:
            asm volatile ( "ud2" );     /* no handler: the hypervisor crashes us */
            break;
        }
    }
}
