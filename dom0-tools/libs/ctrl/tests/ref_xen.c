/*
 * ref_xen.c: the numbers and offsets libxc depends on, as Debian's Xen
 * 4.17 headers (libxen-dev, /usr/include/xen) give them.  Compiled apart
 * from libxc, which uses the project's own headers; test_ctrl.c checks
 * what libxc writes against these.
 */
#define __XEN_TOOLS__ 1
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <xen/memory.h>
#include <xen/event_channel.h>

#include "ref_xen.h"

const struct ref_xen ref_xen = {
    .domctl_version = XEN_DOMCTL_INTERFACE_VERSION,
    .sysctl_version = XEN_SYSCTL_INTERFACE_VERSION,
    .hc_domctl = __HYPERVISOR_domctl,
    .hc_sysctl = __HYPERVISOR_sysctl,
    .hc_memory_op = __HYPERVISOR_memory_op,
    .hc_event_channel_op = __HYPERVISOR_event_channel_op,
    .domctl_createdomain = XEN_DOMCTL_createdomain,
    .domctl_max_vcpus = XEN_DOMCTL_max_vcpus,
    .domctl_destroydomain = XEN_DOMCTL_destroydomain,
    .domctl_getdomaininfo = XEN_DOMCTL_getdomaininfo,
    .domctl_max_mem = XEN_DOMCTL_max_mem,
    .domctl_scheduler_op = XEN_DOMCTL_scheduler_op,
    .sysctl_sched_id = XEN_SYSCTL_sched_id,
    .sched_credit = XEN_SCHEDULER_CREDIT,
    .sched_credit2 = XEN_SCHEDULER_CREDIT2,
    .schedop_putinfo = XEN_DOMCTL_SCHEDOP_putinfo,
    .schedop_getinfo = XEN_DOMCTL_SCHEDOP_getinfo,
    .xenmem_claim_pages = XENMEM_claim_pages,
    .evtchnop_alloc_unbound = EVTCHNOP_alloc_unbound,
    .dominf_dying = XEN_DOMINF_dying,
    .dominf_shutdown = XEN_DOMINF_shutdown,
    .dominf_shutdownshift = XEN_DOMINF_shutdownshift,
    .off_cmd = offsetof(struct xen_domctl, cmd),
    .off_version = offsetof(struct xen_domctl, interface_version),
    .off_domain = offsetof(struct xen_domctl, domain),
    .off_cd_flags = offsetof(struct xen_domctl, u.createdomain.flags),
    .off_cd_max_vcpus = offsetof(struct xen_domctl, u.createdomain.max_vcpus),
    .off_cd_max_evtchn =
        offsetof(struct xen_domctl, u.createdomain.max_evtchn_port),
    .off_cd_grant_opts = offsetof(struct xen_domctl, u.createdomain.grant_opts),
    .off_max_vcpus = offsetof(struct xen_domctl, u.max_vcpus.max),
    .off_max_mem = offsetof(struct xen_domctl, u.max_mem.max_memkb),
    .off_gdi_domain = offsetof(struct xen_domctl, u.getdomaininfo.domain),
    .off_gdi_flags = offsetof(struct xen_domctl, u.getdomaininfo.flags),
    .off_gdi_tot_pages = offsetof(struct xen_domctl, u.getdomaininfo.tot_pages),
    .off_gdi_nr_online =
        offsetof(struct xen_domctl, u.getdomaininfo.nr_online_vcpus),
    .off_so_sched_id = offsetof(struct xen_domctl, u.scheduler_op.sched_id),
    .off_so_cmd = offsetof(struct xen_domctl, u.scheduler_op.cmd),
    .off_so_weight =
        offsetof(struct xen_domctl, u.scheduler_op.u.credit2.weight),
    .off_so_cap = offsetof(struct xen_domctl, u.scheduler_op.u.credit2.cap),
    .off_sys_sched_id = offsetof(struct xen_sysctl, u.sched_id.sched_id),
    .off_res_nr_extents = offsetof(struct xen_memory_reservation, nr_extents),
    .off_res_domid = offsetof(struct xen_memory_reservation, domid),
    .off_eau_dom = offsetof(struct evtchn_alloc_unbound, dom),
    .off_eau_remote = offsetof(struct evtchn_alloc_unbound, remote_dom),
    .off_eau_port = offsetof(struct evtchn_alloc_unbound, port),
};
