/*
 * Domain 0 as a toolstack: build a PV domU from the embedded kernel
 * (kernel/), run it, and follow its whole life with domctl and sysctl:
 * memory given (claimed, populated, limited by max_mem), the domU's own
 * view (an unprivileged domain is refused everything domain 0 does),
 * events both ways over an interdomain channel, pause and unpause, vCPU
 * affinity, wall-clock offset, shutdown seen through VIRQ_DOM_EXC and
 * getdomaininfo, destruction while a frame is still mapped (a zombie), and
 * the memory coming back.
 */
#define __XEN_TOOLS__ 1
#include <pvguest/ctl.h>
#include <pvguest/pvbuild.h>
#include <pvguest/test.h>
#include "report.h"

const char test_title[] = "a PV domU built, run, paused, shut down and destroyed by domain 0";

#define NR_PAGES    512UL               /* 2 MiB for the domU */
#define REPORT_SLOT 500                 /* builder window slots for our own mappings */
#define SHINFO_SLOT 501

extern const uint8_t domu_image[], domu_image_end[];

static xen_pfn_t domu_p2m[NR_PAGES];
static volatile unsigned int dom_exc_events, domu_events;

static void count_event(evtchn_port_t port, void *arg)
{
    (void)port;
    __atomic_fetch_add((unsigned int *)arg, 1, __ATOMIC_SEQ_CST);
}

/* Wait (bounded) until *counter exceeds 'old'; events are handled meanwhile. */
static bool wait_count(volatile unsigned int *counter, unsigned int old, uint64_t ns)
{
    uint64_t deadline = pv_now() + ns;

    while ( READ_ONCE(*counter) <= old && pv_now() < deadline )
        wait_until(NULL, NULL, MILLISECS(5));
    return READ_ONCE(*counter) > old;
}

static bool report_value_above(volatile uint32_t *v, uint32_t old, uint64_t ns)
{
    uint64_t deadline = pv_now() + ns;

    while ( pv_now() < deadline && READ_ONCE(*v) <= old )
        wait_until(NULL, NULL, MILLISECS(5));
    return READ_ONCE(*v) > old;
}

static void *chain_slot(unsigned int slot)
{
    return (void *)((10UL << 39) + slot * PAGE_SIZE);
}

static unsigned long free_pages(void)
{
    struct xen_sysctl_physinfo pi;

    return sysctl_physinfo(&pi) ? 0 : pi.free_pages;
}

static long claim(domid_t dom, unsigned long pages)
{
    struct xen_memory_reservation r = { .nr_extents = pages, .domid = dom };

    return HYPERVISOR_memory_op(XENMEM_claim_pages, &r);
}

static long set_memory_map(domid_t dom, unsigned long pages)
{
    static struct { uint64_t addr, size; uint32_t type; } __attribute__((packed)) map[1];
    struct xen_foreign_memory_map fmap = { .domid = dom, .map.nr_entries = 1 };

    map[0].addr = 0;
    map[0].size = pages << PAGE_SHIFT;
    map[0].type = 1;                    /* E820_RAM */
    set_xen_guest_handle(fmap.map.buffer, map);
    return HYPERVISOR_memory_op(XENMEM_set_memory_map, &fmap);
}

/* Memory: claim, populate, the max_mem limit. */
static void give_memory(struct pvbuild *b, unsigned long free_before)
{
    struct xen_sysctl_physinfo pi;
    struct xen_domctl_getdomaininfo info;
    xen_pfn_t extra = NR_PAGES;

    check_eq(claim(b->domid, NR_PAGES + 1), -EINVAL, "claim above max_mem");
    check_eq(claim(b->domid, NR_PAGES), 0, "XENMEM_claim_pages");
    check_eq(claim(b->domid, NR_PAGES), -EINVAL, "a second claim");
    if ( !sysctl_physinfo(&pi) )
        check(pi.outstanding_pages >= NR_PAGES, "physinfo outstanding %lu after the claim",
              (unsigned long)pi.outstanding_pages);
    check_eq(set_memory_map(b->domid, NR_PAGES), 0, "XENMEM_set_memory_map for the domU");
    check_eq(pvbuild_populate(b), 0, "populate the domU's memory");
    check_eq(getdomaininfo(b->domid, &info), 0, "getdomaininfo after populating");
    check_eq(info.tot_pages, NR_PAGES, "tot_pages after populating");
    check_eq(info.outstanding_pages, 0, "the claim is used up by the allocation");
    check(free_pages() + NR_PAGES <= free_before, "free memory went down by the domU's pages");
    /* Beyond max_mem: nothing more is given (extents done: 0). */
    check_eq(populate_physmap(b->domid, &extra, 1), 0, "populate beyond max_mem");
}

static void check_probes(const struct domu_report *r)
{
    check_eqx(r->magic, DOMU_MAGIC, "the domU's report magic");
    check_eq(r->nr_pages, NR_PAGES, "the domU's start_info nr_pages");
    check_eq(r->rc[PROBE_DOMCTL_GETINFO], -EPERM, "domU: domctl getdomaininfo");
    check_eq(r->rc[PROBE_DOMCTL_PAUSE_DOM0], -EPERM, "domU: domctl pausedomain of dom0");
    check_eq(r->rc[PROBE_DOMCTL_PAUSE_NONE], -ESRCH, "domU: domctl on no domain (lookup first)");
    check_eq(r->rc[PROBE_DOMCTL_VERSION], -EACCES, "domU: domctl, wrong version (checked first)");
    check_eq(r->rc[PROBE_SYSCTL_PHYSINFO], -EPERM, "domU: sysctl physinfo");
    check_eq(r->rc[PROBE_SYSCTL_VERSION], -EACCES, "domU: sysctl, wrong version");
    check_eq(r->rc[PROBE_CONSOLE_WRITE], -EPERM, "domU: console_io write");
    check_eq(r->rc[PROBE_PLATFORM_OP], -EPERM, "domU: platform_op");
    check_eq(r->rc[PROBE_MACHINE_MEMORY_MAP], -EPERM, "domU: XENMEM_machine_memory_map");
    check_eq(r->rc[PROBE_MEMORY_MAP], 0, "domU: XENMEM_memory_map");
    check_eq(r->map_entries, 1, "domU: entries of its memory map");
    check_eqx(r->map_size, NR_PAGES << PAGE_SHIFT, "domU: its RAM in the map");
    check_eq(r->map_type, 1, "domU: E820_RAM");
    check_eq(r->rc[PROBE_POPULATE_DOM0], 0, "domU: populate_physmap for dom0 does nothing");
    check_eq(r->rc[PROBE_RESERVATION_DOM0], -EPERM, "domU: current reservation of dom0");
    check_eq(r->rc[PROBE_RESERVATION_SELF], NR_PAGES, "domU: its own reservation");
    check_eq(r->rc[PROBE_ALLOC_UNBOUND_DOM0], -EPERM, "domU: alloc_unbound in dom0");
    check_eq(r->rc[PROBE_REMOTE_SHUTDOWN], -EPERM, "domU: SCHEDOP_remote_shutdown of dom0");
    check_eq(r->rc[PROBE_MAX_GPFN_BEFORE], 0, "domU: maximum_gpfn before arch.max_pfn");
    check_eq(r->rc[PROBE_MAX_GPFN_AFTER], NR_PAGES - 1, "domU: maximum_gpfn after");
    check_eq(r->rc[PROBE_MAP_SHARED_INFO], 0, "domU: mapping its shared_info");
    check_eq(r->rc[PROBE_SEND_HELLO], 0, "domU: event to dom0");
    check_eq(r->rc[PROBE_MAP_PIRQ_SELF], -EPERM, "domU: map_pirq of a GSI for itself");
    check_eq(r->rc[PROBE_MAP_PIRQ_DOM0], -EPERM, "domU: map_pirq of a GSI for dom0");
    check_eq(r->rc[PROBE_BIND_PIRQ], -EPERM, "domU: bind_pirq of a PIRQ not lent to it");
}

/* Page types the PV builder and save/restore read (getpageframeinfo3). */
static void check_frame_types(const struct pvbuild *b)
{
    static xen_pfn_t frames[5];
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getpageframeinfo3, .domain = b->domid };

    frames[0] = b->l4_mfn;
    frames[1] = domu_p2m[b->pt_pfn + 3];                 /* the first L1 */
    frames[2] = domu_p2m[b->stack_pfn];
    frames[3] = 0xfffffffffUL;                      /* no such frame */
    frames[4] = virt_to_mfn(frames);                /* ours, not the domU's */
    op.u.getpageframeinfo3.num = 5;
    set_xen_guest_handle(op.u.getpageframeinfo3.array, frames);
    check_eq(do_domctl(&op), 0, "getpageframeinfo3");
    check_eqx(frames[0], XEN_DOMCTL_PFINFO_L4TAB | XEN_DOMCTL_PFINFO_LPINTAB,
              "pinned L4: L4TAB|LPINTAB");
    check_eqx(frames[1], XEN_DOMCTL_PFINFO_L1TAB, "the L1: L1TAB");
    check_eqx(frames[2], XEN_DOMCTL_PFINFO_NOTAB, "the stack: NOTAB");
    check_eqx(frames[3], XEN_DOMCTL_PFINFO_XTAB, "no such frame: XTAB");
    check_eqx(frames[4], XEN_DOMCTL_PFINFO_XTAB, "another domain's frame: XTAB");
    op.u.getpageframeinfo3.num = 1025;
    check_eq(do_domctl(&op), -E2BIG, "getpageframeinfo3 of 1025 frames");

    op.cmd = XEN_DOMCTL_hypercall_init;
    op.u.hypercall_init.gmfn = b->l4_mfn;
    check_eq(do_domctl(&op), -EPERM, "hypercall_init on a page table");
}

static void check_context(const struct pvbuild *b)
{
    static vcpu_guest_context_t c;
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getvcpucontext, .domain = b->domid };

    set_xen_guest_handle(op.u.vcpucontext.ctxt, &c);
    op.u.vcpucontext.vcpu = 0;
    check_eq(do_domctl(&op), 0, "getvcpucontext of vCPU 0");
    check_eqx(c.user_regs.rip, b->entry, "getvcpucontext: RIP");
    check_eqx(c.user_regs.rsi, b->virt_base + b->start_info_pfn * PAGE_SIZE,
              "getvcpucontext: RSI");
    check_eqx(c.ctrlreg[3], xen_pfn_to_cr3(b->l4_mfn), "getvcpucontext: CR3");
    check(c.flags & VGCF_in_kernel, "getvcpucontext: in kernel (flags %#lx)",
          (unsigned long)c.flags);
    op.u.vcpucontext.vcpu = 1;
    check_eq(do_domctl(&op), -ENODATA, "getvcpucontext of a vCPU without one");
    op.u.vcpucontext.vcpu = 2;
    check_eq(do_domctl(&op), -EINVAL, "getvcpucontext beyond max_vcpus");
}

static long vcpu_hard_affinity(domid_t dom, unsigned int vcpu, uint8_t *map, unsigned int cmd)
{
    static uint8_t soft;
    struct xen_domctl op = { .cmd = cmd, .domain = dom };

    op.u.vcpuaffinity.vcpu = vcpu;
    op.u.vcpuaffinity.flags = XEN_VCPUAFFINITY_HARD;
    set_xen_guest_handle(op.u.vcpuaffinity.cpumap_hard.bitmap, map);
    op.u.vcpuaffinity.cpumap_hard.nr_bits = 8;
    set_xen_guest_handle(op.u.vcpuaffinity.cpumap_soft.bitmap, &soft);
    op.u.vcpuaffinity.cpumap_soft.nr_bits = 8;
    return do_domctl(&op);
}

static void map_report(struct pvbuild *b, struct domu_report **r)
{
    check_eq(pvbuild_map_foreign(b->domid, chain_slot(REPORT_SLOT), domu_p2m[b->store_pfn], true),
             0, "map the domU's report page (foreign)");
    mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    *r = chain_slot(REPORT_SLOT);
}

/* Pause stops it (an event waits), unpause lets it take the event. */
static void pause_and_events(domid_t dom, evtchn_port_t local, struct domu_report *r)
{
    struct xen_domctl_getdomaininfo info;
    unsigned int polls, echoes;

    check_eq(domctl_simple(XEN_DOMCTL_pausedomain, dom), 0, "pausedomain");
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo while paused");
    check(info.flags & XEN_DOMINF_paused, "paused flag (flags %#x)", info.flags);
    check(!(info.flags & XEN_DOMINF_running), "not running while paused");
    polls = r->polls;
    check_eq(evtchn_send(local), 0, "event to the paused domU");
    pv_sleep(MILLISECS(100));
    check_eq(r->polls, polls, "a paused domU takes no event");
    check_eq(domctl_simple(XEN_DOMCTL_unpausedomain, dom), 0, "unpausedomain");
    check(report_value_above(&r->polls, polls, SECONDS(5)), "the event arrives once unpaused");
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo after unpause");
    check(!(info.flags & XEN_DOMINF_paused), "no paused flag (flags %#x)", info.flags);

    echoes = domu_events;
    r->command = DOMU_CMD_ECHO;
    check_eq(evtchn_send(local), 0, "echo request");
    check(wait_count(&domu_events, echoes, SECONDS(5)), "the domU answers an event");
}

/* XEN_DOMCTL_settimeoffset moves the wall clock in the domU's shared_info. */
static void time_offset(struct pvbuild *b)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_settimeoffset, .domain = b->domid };
    volatile shared_info_t *s = chain_slot(SHINFO_SLOT);
    uint32_t before;

    if ( !check_eq(pvbuild_map_foreign(b->domid, chain_slot(SHINFO_SLOT), b->shared_info_mfn,
                                       false), 0, "map the domU's shared_info read-only") )
        return;
    mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    /* The builder cleared shared_info: an offset of 0 writes the wall clock back. */
    op.u.settimeoffset.time_offset_seconds = 0;
    check_eq(do_domctl(&op), 0, "settimeoffset 0");
    before = s->wc_sec;
    check(before > 1000000000, "domU wall clock set (%u s since 1970)", before);
    op.u.settimeoffset.time_offset_seconds = 3600;
    check_eq(do_domctl(&op), 0, "settimeoffset +3600 s");
    check(s->wc_sec >= before + 3599 && s->wc_sec <= before + 3601,
          "domU wall clock moved by an hour (%u -> %u)", before, s->wc_sec);
    pvbuild_map_foreign(b->domid, chain_slot(SHINFO_SLOT), ~0UL, false);
    mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
}

static void run_domu(struct pvbuild *b, evtchn_port_t local, struct domu_report **rep)
{
    struct xen_domctl_getdomaininfo info;
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getvcpuinfo, .domain = b->domid };
    struct domu_report *r;
    uint8_t cpus = 2;                   /* CPU 1 only */
    domid_t dom = b->domid;

    check_eq(vcpu_hard_affinity(dom, 0, &cpus, XEN_DOMCTL_setvcpuaffinity), 0,
             "hard affinity of vCPU 0: CPU 1");
    map_report(b, &r);
    *rep = r;
    check_eq(domctl_simple(XEN_DOMCTL_unpausedomain, dom), 0, "unpause (start) the domU");
    if ( !check(wait_count(&domu_events, 0, SECONDS(10)), "the domU's first event") )
        return;
    check_eq(r->stage, DOMU_STAGE_LOOPING, "the domU runs its loop");
    check_probes(r);
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo of the running domU");
    check_eq(info.nr_online_vcpus, 1, "one vCPU online");
    check_eq(info.max_vcpu_id, 1, "max_vcpu_id");
    check(!(info.flags & (XEN_DOMINF_paused | XEN_DOMINF_shutdown | XEN_DOMINF_dying)),
          "running domU flags %#x", info.flags);
    check(info.cpu_time > 0, "the domU used CPU time");
    op.u.getvcpuinfo.vcpu = 0;
    check_eq(do_domctl(&op), 0, "getvcpuinfo of vCPU 0");
    check(op.u.getvcpuinfo.online, "vCPU 0 online");
    check_eq(op.u.getvcpuinfo.cpu, 1, "vCPU 0 ran where its hard affinity says");
    {
        domid_t d = dom;

        check_eq(HYPERVISOR_memory_op(XENMEM_maximum_gpfn, &d), NR_PAGES - 1,
                 "maximum_gpfn of the domU, as it set it");
    }
    pause_and_events(dom, local, r);
    time_offset(b);
}

/* Shut down through the domU itself; VIRQ_DOM_EXC and the shutdown code. */
static void shut_down(domid_t dom, evtchn_port_t local, struct domu_report *r)
{
    struct xen_domctl_getdomaininfo info;
    unsigned int exc = dom_exc_events;

    r->command_arg = SHUTDOWN_reboot;
    r->command = DOMU_CMD_SHUTDOWN;
    check_eq(evtchn_send(local), 0, "shutdown request");
    check(wait_count(&dom_exc_events, exc, SECONDS(5)), "VIRQ_DOM_EXC on the domU's shutdown");
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo after shutdown");
    check(info.flags & XEN_DOMINF_shutdown, "shutdown flag (flags %#x)", info.flags);
    check_eq((info.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask,
             SHUTDOWN_reboot, "shutdown code: reboot");
    check(!(info.flags & XEN_DOMINF_running), "not running once shut down");
}

/* Destroy while its report page is still mapped: a zombie until it is unmapped. */
static void destroy(domid_t dom, unsigned long free_before)
{
    struct xen_domctl_getdomaininfo info;
    unsigned int exc = dom_exc_events, i;
    long rc = 0;

    check_eq(destroy_domain(dom), 0, "destroydomain");
    check(wait_count(&dom_exc_events, exc, SECONDS(5)), "VIRQ_DOM_EXC on destruction");
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo of the zombie");
    check_eq(info.domain, dom, "the zombie keeps its id");
    check(info.flags & XEN_DOMINF_dying, "dying flag (flags %#x)", info.flags);
    check_eq(info.tot_pages, 1, "the zombie holds only the page still mapped");
    check_eq(destroy_domain(dom), 0, "destroydomain again: nothing more to do");

    check_eq(pvbuild_map_foreign(dom, chain_slot(REPORT_SLOT), ~0UL, false), 0,
             "unmap the report page");
    mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    for ( i = 0; i < 100; i++ )
    {
        rc = getdomaininfo(dom, &info);
        if ( rc || info.domain != dom )
            break;
        pv_sleep(MILLISECS(10));
    }
    check(rc == -ESRCH || (!rc && info.domain != dom), "the domain is gone (rc %ld)", rc);
    check_eq(destroy_domain(dom), -ESRCH, "destroydomain of a domain that is gone");
    /* Everything came back, give or take what the hypervisor itself used meanwhile. */
    check(free_pages() + 64 >= free_before, "free memory is back (%lu, was %lu)",
          free_pages(), free_before);
}

/*
 * A short life: create, give memory, build, start, wait for its first event.
 * Returns the report page (mapped at REPORT_SLOT) or NULL.
 */
static struct domu_report *boot_short(struct pvbuild *b, evtchn_port_t *local, const char *what)
{
    struct xen_domctl_createdomain cfg;
    struct xen_domctl_getdomaininfo info;
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_vcpus };
    struct evtchn_alloc_unbound au = { .remote_dom = 0 };
    struct domu_report *r;
    domid_t dom = 0;

    createdomain_defaults(&cfg, 1);
    if ( !check_eq(create_domain(&cfg, &dom), 0, what) )
        return NULL;
    b->domid = dom;
    op.domain = dom;
    op.u.max_vcpus.max = 1;
    check_eq(do_domctl(&op), 0, "max_vcpus 1");
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo");
    b->shared_info_mfn = info.shared_info_frame;
    check_eq(set_max_mem_pages(dom, NR_PAGES), 0, "max_mem");
    if ( !check_eq(pvbuild_populate(b), 0, "populate") )
        return NULL;
    au.dom = dom;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au), 0, "alloc_unbound");
    check_eq(evtchn_bind_interdomain(dom, au.port, local), 0, "bind_interdomain");
    evtchn_set_handler(*local, count_event, (void *)&domu_events);
    evtchn_unmask(*local);
    pv_sleep(MILLISECS(1));
    domu_events = 0;
    b->store_evtchn = b->console_evtchn = au.port;
    if ( !check_eq(pvbuild_load(b), 0, "build") )
        return NULL;
    map_report(b, &r);
    check_eq(domctl_simple(XEN_DOMCTL_unpausedomain, dom), 0, "start");
    if ( !check(wait_count(&domu_events, 0, SECONDS(10)), "its first event") )
        return NULL;
    return r;
}

/* The domU crashes (an exception without a handler): shutdown code 3. */
static void crash_life(struct pvbuild *b, unsigned long free_before)
{
    struct xen_domctl_getdomaininfo info;
    struct domu_report *r;
    evtchn_port_t local;
    unsigned int exc;

    r = boot_short(b, &local, "createdomain (to crash)");
    if ( !r )
        return;
    exc = dom_exc_events;
    r->command = DOMU_CMD_CRASH;
    check_eq(evtchn_send(local), 0, "crash request");
    check(wait_count(&dom_exc_events, exc, SECONDS(5)), "VIRQ_DOM_EXC on the crash");
    check_eq(getdomaininfo(b->domid, &info), 0, "getdomaininfo after the crash");
    check(info.flags & XEN_DOMINF_shutdown, "shutdown flag (flags %#x)", info.flags);
    check_eq((info.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask,
             SHUTDOWN_crash, "shutdown code: crash");
    pvbuild_map_foreign(b->domid, chain_slot(REPORT_SLOT), ~0UL, false);
    mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    check_eq(destroy_domain(b->domid), 0, "destroy the crashed domU");
    check_eq(getdomaininfo(b->domid, &info) == 0 && info.domain == b->domid, 0,
             "the crashed domU is gone");
    check(free_pages() + 64 >= free_before, "memory back after the crash");
}

/* Destroyed while it runs ("xl destroy"): no shutdown first. */
static void destroy_running(struct pvbuild *b, unsigned long free_before)
{
    struct xen_domctl_getdomaininfo info;
    struct domu_report *r;
    evtchn_port_t local;
    unsigned int exc;

    r = boot_short(b, &local, "createdomain (to destroy while running)");
    if ( !r )
        return;
    pvbuild_map_foreign(b->domid, chain_slot(REPORT_SLOT), ~0UL, false);
    mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    exc = dom_exc_events;
    check_eq(destroy_domain(b->domid), 0, "destroy the running domU");
    check(wait_count(&dom_exc_events, exc, SECONDS(5)), "VIRQ_DOM_EXC on destruction");
    check_eq(getdomaininfo(b->domid, &info) == 0 && info.domain == b->domid, 0,
             "the destroyed domU is gone");
    check_eq(evtchn_send(local), 0, "sending on a port whose other end is gone");
    check(free_pages() + 64 >= free_before, "memory back after destroying it running");
}

/* Domain 0 shuts it down (SCHEDOP_remote_shutdown), then resumes it. */
static void remote_shutdown_and_resume(struct pvbuild *b, unsigned long free_before)
{
    struct sched_remote_shutdown rs = { .reason = SHUTDOWN_poweroff };
    struct xen_domctl_getdomaininfo info;
    struct domu_report *r;
    evtchn_port_t local;
    unsigned int exc, echoes;

    r = boot_short(b, &local, "createdomain (to shut down from outside)");
    if ( !r )
        return;
    exc = dom_exc_events;
    rs.domain_id = b->domid;
    check_eq(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), 0, "SCHEDOP_remote_shutdown");
    check(wait_count(&dom_exc_events, exc, SECONDS(5)), "VIRQ_DOM_EXC on remote shutdown");
    check_eq(getdomaininfo(b->domid, &info), 0, "getdomaininfo after remote shutdown");
    check(info.flags & XEN_DOMINF_shutdown, "shutdown flag (flags %#x)", info.flags);
    check_eq((info.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask,
             SHUTDOWN_poweroff, "shutdown code: poweroff");
    echoes = domu_events;
    r->command = DOMU_CMD_ECHO;
    check_eq(evtchn_send(local), 0, "event to the shut-down domU");
    pv_sleep(MILLISECS(50));
    check_eq(domu_events, echoes, "a shut-down domU does not run");
    check_eq(domctl_simple(XEN_DOMCTL_resumedomain, b->domid), 0, "resumedomain");
    check_eq(getdomaininfo(b->domid, &info), 0, "getdomaininfo after resume");
    check(!(info.flags & XEN_DOMINF_shutdown), "no shutdown flag (flags %#x)", info.flags);
    check_eq((info.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask, 255,
             "the shutdown code is cleared");
    check(wait_count(&domu_events, echoes, SECONDS(5)), "the resumed domU answers");
    pvbuild_map_foreign(b->domid, chain_slot(REPORT_SLOT), ~0UL, false);
    mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    check_eq(destroy_domain(b->domid), 0, "destroy the resumed domU");
    check(free_pages() + 64 >= free_before, "memory back after the resumed domU");
}

void test_main(void)
{
    struct xen_domctl_createdomain cfg;
    struct xen_domctl_getdomaininfo info;
    struct pvbuild b = {
        .image = domu_image, .nr_pages = NR_PAGES, .p2m = domu_p2m,
    };
    struct evtchn_alloc_unbound au;
    struct domu_report *r = NULL;
    evtchn_port_t virq_port, local;
    unsigned long free_before;
    domid_t dom = 0;

    b.image_len = domu_image_end - domu_image;
    if ( evtchn_bind_virq(VIRQ_DOM_EXC, 0, &virq_port) )
        test_abort("cannot bind VIRQ_DOM_EXC");
    evtchn_set_handler(virq_port, count_event, (void *)&dom_exc_events);
    evtchn_unmask(virq_port);
    free_before = free_pages();

    createdomain_defaults(&cfg, 2);
    if ( !check_eq(create_domain(&cfg, &dom), 0, "createdomain") )
        test_abort("no domain");
    b.domid = dom;
    check_eq(domctl_simple(XEN_DOMCTL_max_vcpus, dom), -EINVAL, "max_vcpus 0 (not 2)");
    {
        struct xen_domctl op = { .cmd = XEN_DOMCTL_max_vcpus, .domain = dom };

        op.u.max_vcpus.max = 2;
        check_eq(do_domctl(&op), 0, "max_vcpus 2");
    }
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo of the new domain");
    b.shared_info_mfn = info.shared_info_frame;
    check_eq(set_max_mem_pages(dom, NR_PAGES), 0, "max_mem");
    give_memory(&b, free_before);

    au.dom = dom;
    au.remote_dom = 0;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au), 0,
             "alloc_unbound in the domU for dom0");
    check_eq(evtchn_bind_interdomain(dom, au.port, &local), 0, "bind to the domU's port");
    evtchn_set_handler(local, count_event, (void *)&domu_events);
    evtchn_unmask(local);
    pv_sleep(MILLISECS(1));
    domu_events = 0;                    /* the binding itself raised one */
    b.store_evtchn = au.port;
    b.console_evtchn = au.port;
    if ( !check_eq(pvbuild_load(&b), 0, "build the domU") )
        test_abort("building the domU failed at %s", b.why);
    check_frame_types(&b);
    check_context(&b);

    run_domu(&b, local, &r);
    if ( r && r->stage == DOMU_STAGE_LOOPING )
        shut_down(dom, local, r);
    destroy(dom, free_before);
    crash_life(&b, free_before);
    destroy_running(&b, free_before);
    remote_shutdown_and_resume(&b, free_before);
    test_success();
}
