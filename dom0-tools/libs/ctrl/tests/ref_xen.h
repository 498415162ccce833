/*
 * ref_xen.h: Xen 4.17's numbers and offsets, from Debian's headers (see
 * ref_xen.c), for test_ctrl.c.
 */
#ifndef DOM0_TOOLS_LIBS_CTRL_TESTS_REF_XEN_H
#define DOM0_TOOLS_LIBS_CTRL_TESTS_REF_XEN_H

#include <stddef.h>
#include <stdint.h>

struct ref_xen {
    uint32_t domctl_version, sysctl_version;
    unsigned int hc_domctl, hc_sysctl, hc_memory_op, hc_event_channel_op;
    uint32_t domctl_createdomain, domctl_max_vcpus, domctl_destroydomain;
    uint32_t domctl_getdomaininfo, domctl_max_mem, domctl_scheduler_op;
    uint32_t sysctl_sched_id, sched_credit, sched_credit2;
    uint32_t schedop_putinfo, schedop_getinfo;
    uint32_t xenmem_claim_pages, evtchnop_alloc_unbound;
    uint32_t dominf_dying, dominf_shutdown, dominf_shutdownshift;
    size_t off_cmd, off_version, off_domain;
    size_t off_cd_flags, off_cd_max_vcpus, off_cd_max_evtchn;
    size_t off_cd_grant_opts, off_max_vcpus, off_max_mem;
    size_t off_gdi_domain, off_gdi_flags, off_gdi_tot_pages;
    size_t off_gdi_nr_online;
    size_t off_so_sched_id, off_so_cmd, off_so_weight, off_so_cap;
    size_t off_sys_sched_id;
    size_t off_res_nr_extents, off_res_domid;
    size_t off_eau_dom, off_eau_remote, off_eau_port;
};

extern const struct ref_xen ref_xen;

#endif /* DOM0_TOOLS_LIBS_CTRL_TESTS_REF_XEN_H */
