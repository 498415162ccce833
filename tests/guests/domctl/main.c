/*
 * domctl and sysctl as Xen 4.17 answers them, from domain 0: the interface
 * version, creating domains (every refusal of a bad configuration, the
 * domain ids chosen), what getdomaininfo reports, toolstack pauses, vCPUs
 * and their affinities, scheduler parameters, memory limits, permissions,
 * TSC, CPU policies, the host (physinfo, topology, NUMA, CPU pool), the
 * console ring ("xl dmesg") with the 'q' and 'h' debug keys, and the
 * answers for what is refused or unknown.  Running a domain is the domu
 * guest's business.
 */
#define __XEN_TOOLS__ 1
#include <pvguest/ctl.h>
#include <pvguest/test.h>
#include "fuzz.h"

const char test_title[] = "domctl and sysctl: creation, information, control, host queries";

static struct xen_sysctl_physinfo physinfo;

/* A domctl with a zeroed argument union except what the caller set. */
static long dctl(struct xen_domctl *op, unsigned int cmd, domid_t dom)
{
    op->cmd = cmd;
    op->domain = dom;
    return do_domctl(op);
}

static void interface_versions(void)
{
    struct xen_domctl d = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 0,
                            .interface_version = XEN_DOMCTL_INTERFACE_VERSION - 1 };
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_physinfo,
                            .interface_version = XEN_SYSCTL_INTERFACE_VERSION + 1 };

    check_eq(HYPERVISOR_domctl(&d), -EACCES, "domctl with interface version 0x14");
    check_eq(HYPERVISOR_sysctl(&s), -EACCES, "sysctl with interface version 0x16");
    d.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    d.cmd = 999;
    check_eq(HYPERVISOR_domctl(&d), -ENOSYS, "unknown domctl on domain 0");
    d.domain = 0x7000;
    check_eq(HYPERVISOR_domctl(&d), -ESRCH, "unknown domctl on no domain (lookup first)");
    s.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    s.cmd = 999;
    check_eq(HYPERVISOR_sysctl(&s), -ENOSYS, "unknown sysctl");
    s.cmd = XEN_SYSCTL_perfc_op;
    check_eq(HYPERVISOR_sysctl(&s), -ENOSYS, "perf counters (not in a release build)");
    s.cmd = XEN_SYSCTL_lockprof_op;
    check_eq(HYPERVISOR_sysctl(&s), -ENOSYS, "lock profiling (not in a release build)");
    s.cmd = XEN_SYSCTL_coverage_op;
    check_eq(HYPERVISOR_sysctl(&s), -EOPNOTSUPP, "coverage (not in a release build)");
    s.cmd = XEN_SYSCTL_psr_cmt_op;
    check_eq(HYPERVISOR_sysctl(&s), -ENODEV, "PSR monitoring: none");
    d.domain = 0;
    d.cmd = XEN_DOMCTL_gdbsx_domstatus;
    check_eq(HYPERVISOR_domctl(&d), -ENOSYS, "gdbsx (not in a release build)");
}

static void host_info(void)
{
    static struct xen_sysctl_cputopo topo[8];
    static struct xen_sysctl_meminfo mem[2];
    static uint32_t dist[4];
    static struct xen_sysctl_cpuinfo cpuinfo[8];
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_cputopoinfo };
    unsigned int i;

    if ( !check_eq(sysctl_physinfo(&physinfo), 0, "physinfo") )
        return;
    check_eq(physinfo.nr_cpus, 2, "physinfo nr_cpus (QEMU's 2)");
    check(physinfo.max_cpu_id >= 1, "physinfo max_cpu_id %u", physinfo.max_cpu_id);
    check(physinfo.threads_per_core >= 1 && physinfo.cores_per_socket >= 1,
          "threads %u cores %u", physinfo.threads_per_core, physinfo.cores_per_socket);
    check(physinfo.cpu_khz > 0, "cpu_khz");
    check(physinfo.capabilities & XEN_SYSCTL_PHYSCAP_pv, "PV guests possible");
    check(physinfo.capabilities & XEN_SYSCTL_PHYSCAP_gnttab_v1, "grant tables v1");
    check(physinfo.free_pages > 0 && physinfo.free_pages < physinfo.total_pages,
          "free %lu of %lu pages", (unsigned long)physinfo.free_pages,
          (unsigned long)physinfo.total_pages);
    check(physinfo.max_mfn >= physinfo.total_pages - 1, "max_mfn");
    check_eq(physinfo.nr_nodes, 1, "one NUMA node");

    /* Topology: the size asked with a null buffer, then each CPU. */
    check_eq(do_sysctl(&op), 0, "cputopoinfo: size");
    check_eq(op.u.cputopoinfo.num_cpus, physinfo.max_cpu_id + 1, "cputopoinfo: CPUs");
    op.u.cputopoinfo.num_cpus = ARRAY_SIZE(topo);
    set_xen_guest_handle(op.u.cputopoinfo.cputopo, topo);
    check_eq(do_sysctl(&op), 0, "cputopoinfo");
    for ( i = 0; i < op.u.cputopoinfo.num_cpus && i < 2; i++ )
        check(topo[i].core != XEN_INVALID_CORE_ID && topo[i].socket != XEN_INVALID_SOCKET_ID &&
              topo[i].node == 0, "CPU %u: core %u socket %u node %u", i, topo[i].core,
              topo[i].socket, topo[i].node);

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_numainfo;
    op.u.numainfo.num_nodes = 2;
    set_xen_guest_handle(op.u.numainfo.meminfo, mem);
    set_xen_guest_handle(op.u.numainfo.distance, dist);
    check_eq(do_sysctl(&op), 0, "numainfo");
    check_eq(op.u.numainfo.num_nodes, 1, "numainfo: one node");
    check(mem[0].memsize > 0 && mem[0].memfree <= mem[0].memsize, "node 0 memory");
    check_eq(dist[0], 10, "node 0 distance to itself");

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_getcpuinfo;
    op.u.getcpuinfo.max_cpus = ARRAY_SIZE(cpuinfo);
    set_xen_guest_handle(op.u.getcpuinfo.info, cpuinfo);
    check_eq(do_sysctl(&op), 0, "getcpuinfo");
    check_eq(op.u.getcpuinfo.nr_cpus, physinfo.max_cpu_id + 1, "getcpuinfo: CPUs");
    check(cpuinfo[1].idletime > 0, "CPU 1 has been idle");
}

static unsigned int sched_id;

static void scheduler(void)
{
    static uint8_t cpumap[8];
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_sched_id };

    check_eq(do_sysctl(&op), 0, "sched_id");
    sched_id = op.u.sched_id.sched_id;
    check(sched_id == XEN_SCHEDULER_CREDIT || sched_id == XEN_SCHEDULER_CREDIT2,
          "a credit scheduler (%u)", sched_id);

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_cpupool_op;
    op.u.cpupool_op.op = XEN_SYSCTL_CPUPOOL_OP_INFO;
    set_xen_guest_handle(op.u.cpupool_op.cpumap.bitmap, cpumap);
    op.u.cpupool_op.cpumap.nr_bits = 64;
    check_eq(do_sysctl(&op), 0, "cpupool info (pool 0)");
    check_eq(op.u.cpupool_op.cpupool_id, 0, "pool 0");
    check_eq(op.u.cpupool_op.sched_id, sched_id, "pool 0's scheduler");
    check(op.u.cpupool_op.n_dom >= 1, "pool 0 holds domain 0");
    check_eqx(cpumap[0], 3, "pool 0's CPUs");
    op.u.cpupool_op.cpupool_id = 1;
    check_eq(do_sysctl(&op), -ENOENT, "cpupool info from pool 1: none");

    if ( sched_id != XEN_SCHEDULER_CREDIT )
        return;
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_scheduler_op;
    op.u.scheduler_op.sched_id = sched_id;
    op.u.scheduler_op.cmd = XEN_SYSCTL_SCHEDOP_getinfo;
    check_eq(do_sysctl(&op), 0, "credit global parameters");
    check_eq(op.u.scheduler_op.u.sched_credit.tslice_ms, 30, "credit time slice");
    op.u.scheduler_op.cmd = XEN_SYSCTL_SCHEDOP_putinfo;
    op.u.scheduler_op.u.sched_credit.tslice_ms = 0;
    check_eq(do_sysctl(&op), -EINVAL, "credit time slice 0");
    op.u.scheduler_op.cpupool_id = 3;
    check_eq(do_sysctl(&op), -ESRCH, "scheduler_op on pool 3");
}

static void cpu_features(void)
{
    static uint32_t fs[64];
    static xen_cpuid_leaf_t leaves[200];
    static xen_msr_entry_t msrs[8];
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_get_cpu_featureset };
    uint32_t n;

    op.u.cpu_featureset.index = XEN_SYSCTL_cpu_featureset_pv;
    check_eq(do_sysctl(&op), 0, "featureset size");
    n = op.u.cpu_featureset.nr_features;
    check(n >= 16 && n <= ARRAY_SIZE(fs), "featureset of %u words", n);
    set_xen_guest_handle(op.u.cpu_featureset.features, fs);
    op.u.cpu_featureset.nr_features = n;
    check_eq(do_sysctl(&op), 0, "PV featureset");
    check(fs[0] & (1u << 0), "PV featureset: FPU");
    op.u.cpu_featureset.nr_features = 1;
    check_eq(do_sysctl(&op), -ENOBUFS, "featureset into one word");
    op.u.cpu_featureset.index = 6;
    op.u.cpu_featureset.nr_features = n;
    check_eq(do_sysctl(&op), -EINVAL, "featureset 6");

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_get_cpu_policy;
    op.u.cpu_policy.index = XEN_SYSCTL_cpu_policy_pv_default;
    check_eq(do_sysctl(&op), 0, "cpu policy sizes");
    check(op.u.cpu_policy.nr_leaves >= 32 && op.u.cpu_policy.nr_leaves <= ARRAY_SIZE(leaves),
          "policy of %u leaves at most", op.u.cpu_policy.nr_leaves);
    op.u.cpu_policy.nr_leaves = ARRAY_SIZE(leaves);
    op.u.cpu_policy.nr_msrs = ARRAY_SIZE(msrs);
    set_xen_guest_handle(op.u.cpu_policy.leaves, leaves);
    set_xen_guest_handle(op.u.cpu_policy.msrs, msrs);
    check_eq(do_sysctl(&op), 0, "PV default policy");
    check(op.u.cpu_policy.nr_leaves > 2, "leaves written");
    check_eq(leaves[0].leaf, 0, "first leaf 0");
    op.u.cpu_policy._rsvd = 1;
    check_eq(do_sysctl(&op), -EINVAL, "cpu policy with _rsvd set");
    op.u.cpu_policy._rsvd = 0;
    op.u.cpu_policy.index = 6;
    check_eq(do_sysctl(&op), -EINVAL, "cpu policy 6");
}

/* Find 'needle' in the console text read back. */
static bool contains(const char *hay, unsigned int len, const char *needle)
{
    unsigned int n = strlen(needle), i;

    for ( i = 0; i + n <= len; i++ )
        if ( !memcmp(hay + i, needle, n) )
            return true;
    return false;
}

static char ring[32768];

static long read_ring(bool incremental, bool clear, uint32_t *index, uint32_t *count)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_readconsole };
    long rc;

    op.u.readconsole.incremental = incremental;
    op.u.readconsole.clear = clear;
    op.u.readconsole.index = *index;
    op.u.readconsole.count = sizeof(ring) - 1;
    set_xen_guest_handle(op.u.readconsole.buffer, ring);
    rc = do_sysctl(&op);
    *index = op.u.readconsole.index;
    *count = op.u.readconsole.count;
    ring[*count] = 0;
    return rc;
}

static long debug_key(char key)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_debug_keys };

    op.u.debug_keys.nr_keys = 1;
    set_xen_guest_handle(op.u.debug_keys.keys, &key);
    return do_sysctl(&op);
}

/* "xl dmesg": the whole ring, what came since, and "xl dmesg -c". */
static void console_ring(domid_t shown)
{
    uint32_t index = 0, count = 0, mark;
    char want[48];

    unsigned int i;

    check_eq(read_ring(false, false, &index, &count), 0, "readconsole");
    check(count > 0 && contains(ring, count, "(XEN)"), "the ring holds the boot log");
    /* The ring may be larger than our buffer: read on from where it stopped. */
    for ( i = 0; i < 64 && count == sizeof(ring) - 1; i++ )
        check_eq(read_ring(true, false, &index, &count), 0, "incremental readconsole");
    mark = index;
    check_eq(read_ring(true, false, &index, &count), 0, "incremental readconsole at the end");
    check(count < 200, "nothing much new since (%u bytes)", count);

    index = mark;
    check_eq(debug_key('q'), 0, "debug key 'q'");
    check_eq(read_ring(true, false, &index, &count), 0, "readconsole after 'q'");
    snprintf(want, sizeof(want), "General information for domain %u:", shown);
    check(contains(ring, count, "'q' pressed -> dumping domain info"), "'q' output");
    check(contains(ring, count, want), "'q' shows domain %u", shown);
    check(contains(ring, count, "General information for domain 0:"), "'q' shows domain 0");

    mark = index;
    check_eq(debug_key('h'), 0, "debug key 'h'");
    check_eq(read_ring(true, false, &index, &count), 0, "readconsole after 'h'");
    check(contains(ring, count, "'h' pressed -> showing installed handlers"), "'h' output");
    check(contains(ring, count, "key 'q'"), "'h' lists 'q'");

    /* Clear: a full read afterwards starts after what was read. */
    check_eq(read_ring(false, true, &index, &count), 0, "readconsole with clear");
    check(contains(ring, count, "showing installed handlers"), "cleared text was read");
    index = 0;
    check_eq(read_ring(false, false, &index, &count), 0, "readconsole after clear");
    check(!contains(ring, count, "showing installed handlers"), "the cleared text is gone");
}

/* Every createdomain refusal, and that none leaves a domain behind. */
static void bad_configs(void)
{
    struct xen_domctl_createdomain c;
    long before = count_domains();
    domid_t dom;

#define BAD(what, field_expr, err)                                          \
    do {                                                                    \
        createdomain_defaults(&c, 1);                                       \
        field_expr;                                                         \
        dom = 0;                                                            \
        check_eq(create_domain(&c, &dom), err, "createdomain: " what);      \
    } while ( 0 )

    BAD("no vCPUs", c.max_vcpus = 0, -EINVAL);
    BAD("100000 vCPUs", c.max_vcpus = 100000, -EINVAL);
    BAD("unknown flag", c.flags = 1u << 8, -EINVAL);
    BAD("HAP without HVM", c.flags = XEN_DOMCTL_CDF_hap, -EINVAL);
    BAD("grant version 0", c.grant_opts = 0, -EINVAL);
    BAD("grant version 3", c.grant_opts = XEN_DOMCTL_GRANT_version(3), -EINVAL);
    BAD("unknown grant option", c.grant_opts |= 0x10, -EINVAL);
    BAD("no grant frames", c.max_grant_frames = 0, -EINVAL);
    BAD("65 grant frames", c.max_grant_frames = 65, -EINVAL);
    BAD("1025 maptrack frames", c.max_maptrack_frames = 1025, -EINVAL);
    BAD("IOMMU options without IOMMU", c.iommu_opts = 1, -EINVAL);
    BAD("vmtrace", c.vmtrace_size = 4096, -EINVAL);
    BAD("unknown misc flag", c.arch.misc_flags = 2, -EINVAL);
    BAD("unknown emulation flag", c.arch.emulation_flags = 1u << 20, -EINVAL);
    BAD("an emulated LAPIC for PV", c.arch.emulation_flags = XEN_X86_EMU_LAPIC, -EOPNOTSUPP);
    BAD("CPU pool 5", c.cpupool_id = 5, -ESRCH);
    if ( !(physinfo.capabilities & XEN_SYSCTL_PHYSCAP_hvm) )
        BAD("HVM without HVM support", c.flags = XEN_DOMCTL_CDF_hvm, -EINVAL);
#undef BAD
    check_eq(count_domains(), before, "no refused configuration left a domain");
}

static void fresh_domain(domid_t dom, const uint8_t handle[16])
{
    struct xen_domctl_getdomaininfo info;

    if ( !check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo of a new domain") )
        return;
    check_eq(info.domain, dom, "its id");
    check(info.flags & XEN_DOMINF_paused, "paused from birth (flags %#x)", info.flags);
    check(!(info.flags & (XEN_DOMINF_running | XEN_DOMINF_blocked | XEN_DOMINF_shutdown |
                          XEN_DOMINF_dying | XEN_DOMINF_hvm_guest)),
          "nothing else (flags %#x)", info.flags);
    check_eq((info.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask, 255,
             "no shutdown code yet (all ones)");
    check_eq(info.nr_online_vcpus, 0, "no vCPU online");
    check_eqx(info.max_vcpu_id, XEN_INVALID_MAX_VCPU_ID, "no vCPU before max_vcpus");
    check_eq(info.tot_pages, 0, "no memory");
    check_eq(info.max_pages, 0, "no memory allowed");
    check(info.shared_info_frame != 0, "a shared_info frame");
    check_eq(info.cpupool, 0, "CPU pool 0");
    check_eq(info.ssidref, 0, "ssidref (no XSM)");
    check(!memcmp(info.handle, handle, 16), "the handle given");
}

/* Domain ids: chosen after the last one chosen; explicit ones; in use. */
static domid_t create_domains(domid_t *second)
{
    struct xen_domctl_createdomain c;
    domid_t a = 0, b = 0, c_id;
    unsigned int i;

    createdomain_defaults(&c, 2);
    for ( i = 0; i < 16; i++ )
        c.handle[i] = 0xa0 + i;
    check_eq(create_domain(&c, &a), 0, "createdomain (id chosen)");
    check(a >= 1 && a < DOMID_FIRST_RESERVED, "a guest domain id (%u)", a);
    fresh_domain(a, c.handle);
    b = DOMID_FIRST_RESERVED + 1;       /* reserved: chosen for us */
    check_eq(create_domain(&c, &b), 0, "createdomain with a reserved id");
    check(b > a, "the next id after the last chosen (%u after %u)", b, a);
    c_id = a;
    check_eq(create_domain(&c, &c_id), -EEXIST, "createdomain with an id in use");
    c_id = 0x3000;
    check_eq(create_domain(&c, &c_id), 0, "createdomain with id 0x3000");
    check_eq(c_id, 0x3000, "given id kept");
    check_eq(destroy_domain(c_id), 0, "destroy domain 0x3000");
    *second = b;
    return a;
}

static void pauses(domid_t dom)
{
    struct xen_domctl_getdomaininfo info;
    unsigned int n;
    long rc = 0;

    check_eq(domctl_simple(XEN_DOMCTL_pausedomain, 0), -EINVAL, "pause domain 0 by itself");
    check_eq(domctl_simple(XEN_DOMCTL_unpausedomain, 0), -EINVAL,
             "unpause domain 0 (no toolstack pause)");
    check_eq(domctl_simple(XEN_DOMCTL_destroydomain, 0), -EINVAL, "destroy domain 0");
    /* It was created paused once; the toolstack's count stops at 255. */
    for ( n = 1; n < 300 && !rc; n++ )
        rc = domctl_simple(XEN_DOMCTL_pausedomain, dom);
    check_eq(rc, -EOVERFLOW, "toolstack pauses beyond 255");
    check_eq(n - 1, 255, "pauses until refused (count 1 + 254 + the refused one)");
    for ( rc = 0, n = 0; n < 300 && !rc; n++ )
        rc = domctl_simple(XEN_DOMCTL_unpausedomain, dom);
    check_eq(rc, -EINVAL, "unpause below zero");
    check_eq(n - 1, 255, "255 unpauses");
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo unpaused");
    check(!(info.flags & XEN_DOMINF_paused), "no paused flag (flags %#x)", info.flags);
    check_eq(domctl_simple(XEN_DOMCTL_pausedomain, dom), 0, "pause it again");
    check_eq(domctl_simple(XEN_DOMCTL_resumedomain, dom), 0, "resumedomain (not shut down)");
    check_eq(domctl_simple(XEN_DOMCTL_resumedomain, 0), -EINVAL, "resume domain 0 itself");
}

static void vcpus(domid_t dom)
{
    static uint8_t hard[8], soft[8];
    struct xen_domctl op = { 0 };
    struct xen_domctl_getdomaininfo info;

    op.u.max_vcpus.max = 3;
    check_eq(dctl(&op, XEN_DOMCTL_max_vcpus, dom), -EINVAL, "max_vcpus other than created with");
    op.u.max_vcpus.max = 2;
    check_eq(dctl(&op, XEN_DOMCTL_max_vcpus, dom), 0, "max_vcpus 2");
    check_eq(dctl(&op, XEN_DOMCTL_max_vcpus, dom), 0, "max_vcpus 2 again");
    check_eq(dctl(&op, XEN_DOMCTL_max_vcpus, 0), -EINVAL, "max_vcpus of domain 0 itself");
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo with vCPUs");
    check_eq(info.max_vcpu_id, 1, "max_vcpu_id 1");
    check_eq(info.nr_online_vcpus, 0, "vCPUs down until given a context");

    memset(&op, 0, sizeof(op));
    op.u.getvcpuinfo.vcpu = 1;
    check_eq(dctl(&op, XEN_DOMCTL_getvcpuinfo, dom), 0, "getvcpuinfo");
    check(!op.u.getvcpuinfo.online && !op.u.getvcpuinfo.running, "vCPU 1 down");
    op.u.getvcpuinfo.vcpu = 2;
    check_eq(dctl(&op, XEN_DOMCTL_getvcpuinfo, dom), -EINVAL, "getvcpuinfo beyond max");

    memset(&op, 0, sizeof(op));
    op.u.vcpuaffinity.vcpu = 0;
    op.u.vcpuaffinity.flags = XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT;
    set_xen_guest_handle(op.u.vcpuaffinity.cpumap_hard.bitmap, hard);
    set_xen_guest_handle(op.u.vcpuaffinity.cpumap_soft.bitmap, soft);
    op.u.vcpuaffinity.cpumap_hard.nr_bits = op.u.vcpuaffinity.cpumap_soft.nr_bits = 64;
    memset(hard, 0x5a, sizeof(hard));
    check_eq(dctl(&op, XEN_DOMCTL_getvcpuaffinity, dom), 0, "getvcpuaffinity");
    check_eqx(hard[0], 3, "hard affinity: every CPU");
    check_eqx(hard[1], 0, "hard affinity: bytes beyond the CPUs zeroed");
    hard[0] = 2;
    soft[0] = 3;
    check_eq(dctl(&op, XEN_DOMCTL_setvcpuaffinity, dom), 0, "setvcpuaffinity");
    check_eqx(hard[0], 2, "effective hard affinity: CPU 1");
    check_eqx(soft[0], 2, "effective soft affinity: within hard");
    hard[0] = 0;
    check_eq(dctl(&op, XEN_DOMCTL_getvcpuaffinity, dom), 0, "getvcpuaffinity after set");
    check_eqx(hard[0], 2, "hard affinity kept");
    op.u.vcpuaffinity.flags = XEN_VCPUAFFINITY_HARD;
    hard[0] = 0;
    check_eq(dctl(&op, XEN_DOMCTL_setvcpuaffinity, dom), -EINVAL, "empty hard affinity");
    op.u.vcpuaffinity.flags = 0;
    check_eq(dctl(&op, XEN_DOMCTL_setvcpuaffinity, dom), -EINVAL, "affinity without flags");
    op.u.vcpuaffinity.flags = XEN_VCPUAFFINITY_HARD;
    op.u.vcpuaffinity.vcpu = 7;
    check_eq(dctl(&op, XEN_DOMCTL_setvcpuaffinity, dom), -EINVAL, "affinity beyond max");
}

static void sched_params(domid_t dom)
{
    struct xen_domctl op = { 0 };

    op.u.scheduler_op.sched_id = sched_id;
    op.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_getinfo;
    check_eq(dctl(&op, XEN_DOMCTL_scheduler_op, dom), 0, "scheduler getinfo");
    check_eq(op.u.scheduler_op.u.credit.weight, 256, "default weight");
    check_eq(op.u.scheduler_op.u.credit.cap, 0, "no cap");
    op.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_putinfo;
    op.u.scheduler_op.u.credit.weight = 512;
    op.u.scheduler_op.u.credit.cap = 50;
    check_eq(dctl(&op, XEN_DOMCTL_scheduler_op, dom), 0, "scheduler putinfo");
    if ( sched_id == XEN_SCHEDULER_CREDIT )
    {
        /* Credit: weight 0 and cap 0xffff leave the values as they are. */
        op.u.scheduler_op.u.credit.weight = 0;
        op.u.scheduler_op.u.credit.cap = 0xffff;
        check_eq(dctl(&op, XEN_DOMCTL_scheduler_op, dom), 0, "putinfo changing nothing");
    }
    op.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_getinfo;
    check_eq(dctl(&op, XEN_DOMCTL_scheduler_op, dom), 0, "scheduler getinfo again");
    check_eq(op.u.scheduler_op.u.credit.weight, 512, "weight set");
    check_eq(op.u.scheduler_op.u.credit.cap, 50, "cap set");
    op.u.scheduler_op.sched_id = XEN_SCHEDULER_RTDS;
    check_eq(dctl(&op, XEN_DOMCTL_scheduler_op, dom), -EINVAL, "another scheduler's id");
    op.u.scheduler_op.sched_id = sched_id;
    op.u.scheduler_op.cmd = 9;
    check_eq(dctl(&op, XEN_DOMCTL_scheduler_op, dom), -EINVAL, "unknown scheduler command");
}

static void memory_limits(domid_t dom)
{
    static xen_pfn_t list[17];
    struct xen_domctl_getdomaininfo info;
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = dom };
    unsigned int i;

    check_eq(set_max_mem_pages(dom, 16), 0, "max_mem 64 KiB");
    for ( i = 0; i < 17; i++ )
        list[i] = i;
    check_eq(populate_physmap(dom, list, 17), 16, "populate 17 pages, 16 allowed");
    check_eq(set_max_mem_pages(dom, 8), 0, "max_mem below what it has");
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo over its limit");
    check_eq(info.tot_pages, 16, "it keeps what it has");
    check_eq(info.max_pages, 8, "the new limit");
    list[16] = 16;
    check_eq(populate_physmap(dom, &list[16], 1), 0, "no more pages while over the limit");
    set_xen_guest_handle(r.extent_start, &list[0]);
    check_eq(HYPERVISOR_memory_op(XENMEM_decrease_reservation, &r), 1,
             "decrease_reservation by domain 0");
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo after decrease");
    check_eq(info.tot_pages, 15, "one page given back");
    r.domid = 0x7000;
    check_eq(HYPERVISOR_memory_op(XENMEM_decrease_reservation, &r), 0,
             "decrease_reservation of no domain: nothing done");
}

static void permissions(domid_t dom)
{
    struct xen_domctl op = { 0 };

    op.u.ioport_permission.first_port = 0x2f8;
    op.u.ioport_permission.nr_ports = 8;
    op.u.ioport_permission.allow_access = 1;
    check_eq(dctl(&op, XEN_DOMCTL_ioport_permission, dom), 0, "ioport permission");
    op.u.ioport_permission.allow_access = 0;
    check_eq(dctl(&op, XEN_DOMCTL_ioport_permission, dom), 0, "ioport permission revoked");
    op.u.ioport_permission.first_port = 0xfff0;
    op.u.ioport_permission.nr_ports = 0x20;
    check_eq(dctl(&op, XEN_DOMCTL_ioport_permission, dom), -EINVAL, "ports beyond 0xffff");
    op.u.ioport_permission.nr_ports = 0;
    check_eq(dctl(&op, XEN_DOMCTL_ioport_permission, dom), -EINVAL, "no ports");

    memset(&op, 0, sizeof(op));
    op.u.iomem_permission.first_mfn = 0xfed00;
    op.u.iomem_permission.nr_mfns = 1;
    op.u.iomem_permission.allow_access = 1;
    check_eq(dctl(&op, XEN_DOMCTL_iomem_permission, dom), 0, "iomem permission");
    op.u.iomem_permission.nr_mfns = 0;
    check_eq(dctl(&op, XEN_DOMCTL_iomem_permission, dom), -EINVAL, "iomem of no frames");

    memset(&op, 0, sizeof(op));
    op.u.irq_permission.pirq = 0x7fffffff;
    op.u.irq_permission.allow_access = 1;
    check_eq(dctl(&op, XEN_DOMCTL_irq_permission, dom), -EINVAL, "irq beyond our PIRQs");
    op.u.irq_permission.pirq = 5;
    check_eq(dctl(&op, XEN_DOMCTL_irq_permission, dom), -EPERM, "irq of a PIRQ not mapped");

    /* A PIRQ of ours that is mapped (ISA IRQ 5, free on QEMU's PC) can be lent. */
    {
        struct physdev_map_pirq map = {
            .domid = DOMID_SELF, .type = MAP_PIRQ_TYPE_GSI, .index = 5, .pirq = -1,
        };
        struct physdev_unmap_pirq unmap = { .domid = DOMID_SELF };

        check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_map_pirq, &map), 0, "map GSI 5");
        memset(&op, 0, sizeof(op));
        op.u.irq_permission.pirq = map.pirq;
        op.u.irq_permission.allow_access = 1;
        check_eq(dctl(&op, XEN_DOMCTL_irq_permission, dom), 0, "irq of a mapped PIRQ granted");
        op.u.irq_permission.allow_access = 0;
        check_eq(dctl(&op, XEN_DOMCTL_irq_permission, dom), 0, "irq of a mapped PIRQ revoked");
        unmap.pirq = map.pirq;
        check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_unmap_pirq, &unmap), 0, "unmap GSI 5");
    }
}

static void misc(domid_t dom)
{
    struct xen_domctl op = { 0 };
    struct xen_domctl_getdomaininfo info;

    op.u.address_size.size = 64;
    check_eq(dctl(&op, XEN_DOMCTL_set_address_size, dom), 0, "address size 64");
    op.u.address_size.size = 48;
    check_eq(dctl(&op, XEN_DOMCTL_set_address_size, dom), -EINVAL, "address size 48");
    op.u.address_size.size = 0;
    check_eq(dctl(&op, XEN_DOMCTL_get_address_size, dom), 0, "get address size");
    check_eq(op.u.address_size.size, 64, "64-bit");

    memset(&op, 0, sizeof(op));
    op.u.tsc_info.tsc_mode = 2;                     /* never emulate */
    op.u.tsc_info.incarnation = 5;
    check_eq(dctl(&op, XEN_DOMCTL_settscinfo, dom), 0, "settscinfo: native");
    memset(&op, 0, sizeof(op));
    check_eq(dctl(&op, XEN_DOMCTL_gettscinfo, dom), 0, "gettscinfo");
    check_eq(op.u.tsc_info.tsc_mode, 2, "TSC mode");
    check_eq(op.u.tsc_info.incarnation, 6, "incarnation moves on");
    check_eq(op.u.tsc_info.elapsed_nsec, 0, "no elapsed time for a native TSC");
    op.u.tsc_info.tsc_mode = 4;
    check_eq(dctl(&op, XEN_DOMCTL_settscinfo, dom), -EINVAL, "TSC mode 4");
    check_eq(dctl(&op, XEN_DOMCTL_gettscinfo, 0), -EINVAL, "gettscinfo of domain 0 itself");

    memset(&op, 0, sizeof(op));
    op.u.set_virq_handler.virq = VIRQ_TIMER;
    check_eq(dctl(&op, XEN_DOMCTL_set_virq_handler, 0), -EINVAL, "VIRQ_TIMER is per-vCPU");
    op.u.set_virq_handler.virq = NR_VIRQS;
    check_eq(dctl(&op, XEN_DOMCTL_set_virq_handler, 0), -EINVAL, "VIRQ beyond NR_VIRQS");
    op.u.set_virq_handler.virq = VIRQ_DOM_EXC;
    check_eq(dctl(&op, XEN_DOMCTL_set_virq_handler, 0), 0, "VIRQ_DOM_EXC to domain 0");

    memset(&op, 0, sizeof(op));
    op.u.setdebugging.enable = 1;
    check_eq(dctl(&op, XEN_DOMCTL_setdebugging, dom), 0, "setdebugging");
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo debugged");
    check(info.flags & XEN_DOMINF_debugged, "debugged flag (flags %#x)", info.flags);
    check_eq(dctl(&op, XEN_DOMCTL_setdebugging, 0), -EINVAL, "setdebugging of itself");

    memset(&op, 0, sizeof(op));
    memset(op.u.setdomainhandle.handle, 0x77, 16);
    check_eq(dctl(&op, XEN_DOMCTL_setdomainhandle, dom), 0, "setdomainhandle");
    check_eq(getdomaininfo(dom, &info), 0, "getdomaininfo new handle");
    check_eqx(info.handle[15], 0x77, "the new handle");

    /* Debian's Xen is built without shadow paging: PV log-dirty cannot start. */
    memset(&op, 0, sizeof(op));
    op.u.shadow_op.op = XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY;
    check_eq(dctl(&op, XEN_DOMCTL_shadow_op, dom), -EOPNOTSUPP, "log-dirty mode");
    op.u.shadow_op.op = XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION;
    check_eq(dctl(&op, XEN_DOMCTL_shadow_op, dom), -EINVAL, "shadow allocation");
    op.u.shadow_op.op = 99;
    check_eq(dctl(&op, XEN_DOMCTL_shadow_op, dom), -EINVAL, "unknown shadow op");
    op.u.shadow_op.op = XEN_DOMCTL_SHADOW_OP_OFF;
    check_eq(dctl(&op, XEN_DOMCTL_shadow_op, 0), -EINVAL, "shadow op on itself");

    memset(&op, 0, sizeof(op));
    check_eq(dctl(&op, XEN_DOMCTL_gethvmcontext, dom), -EINVAL, "HVM context of a PV domain");
    check_eq(dctl(&op, XEN_DOMCTL_debug_op, dom), -EINVAL, "debug_op on a PV domain");
    check_eq(dctl(&op, XEN_DOMCTL_vmtrace_op, dom), -EINVAL, "vmtrace without trace buffers");
    check_eq(dctl(&op, XEN_DOMCTL_psr_cmt_op, dom), -ENODEV, "PSR monitoring: none");
    check_eq(dctl(&op, XEN_DOMCTL_audit_p2m, dom), -ENOSYS, "P2M audit (not in a release build)");
    check_eq(dctl(&op, XEN_DOMCTL_get_paging_mempool_size, dom), -EOPNOTSUPP,
             "paging mempool of a PV domain");
    op.u.memory_mapping.first_mfn = 0xfed00;
    op.u.memory_mapping.nr_mfns = 1;
    op.u.memory_mapping.add_mapping = DPCI_ADD_MAPPING;
    check_eq(dctl(&op, XEN_DOMCTL_memory_mapping, dom), 0,
             "memory_mapping of permitted frames (PV: nothing to map)");
    op.u.memory_mapping.nr_mfns = 0;
    check_eq(dctl(&op, XEN_DOMCTL_memory_mapping, dom), -EINVAL, "memory_mapping of no frames");
    memset(&op, 0, sizeof(op));
    op.u.vcpuextstate.vcpu = 0;
    check_eq(dctl(&op, XEN_DOMCTL_getvcpuextstate, dom), 0, "vCPU extended state size");
    check(op.u.vcpuextstate.size >= 16, "extended state of %lu bytes",
          (unsigned long)op.u.vcpuextstate.size);
}

static void cpu_policy(domid_t dom)
{
    static xen_cpuid_leaf_t leaves[200];
    static xen_msr_entry_t msrs[8];
    struct xen_domctl op = { 0 };
    uint32_t n;

    check_eq(dctl(&op, XEN_DOMCTL_get_cpu_policy, dom), 0, "domain policy sizes");
    check(op.u.cpu_policy.nr_leaves <= ARRAY_SIZE(leaves), "%u leaves at most",
          op.u.cpu_policy.nr_leaves);
    check_eq(op.u.cpu_policy.nr_msrs, 2, "two MSRs");
    op.u.cpu_policy.nr_leaves = ARRAY_SIZE(leaves);
    op.u.cpu_policy.nr_msrs = ARRAY_SIZE(msrs);
    set_xen_guest_handle(op.u.cpu_policy.leaves, leaves);
    set_xen_guest_handle(op.u.cpu_policy.msrs, msrs);
    check_eq(dctl(&op, XEN_DOMCTL_get_cpu_policy, dom), 0, "domain policy");
    n = op.u.cpu_policy.nr_leaves;
    op.u.cpu_policy.nr_leaves = 2;
    check_eq(dctl(&op, XEN_DOMCTL_get_cpu_policy, dom), -ENOBUFS, "policy into 2 leaves");

    /* The toolstack's usual round trip: what it got, back. */
    op.u.cpu_policy.nr_leaves = n;
    op.u.cpu_policy.nr_msrs = 0;
    check_eq(dctl(&op, XEN_DOMCTL_set_cpu_policy, dom), 0, "set the policy it has");
    leaves[0].a = 0xffff;               /* leaf 0: more basic leaves than the host */
    op.u.cpu_policy.nr_leaves = 1;
    check_eq(dctl(&op, XEN_DOMCTL_set_cpu_policy, dom), -EINVAL, "max leaf above the host's");
    check_eqx(op.u.cpu_policy.err_leaf, 0, "refused leaf 0");
    check_eqx(op.u.cpu_policy.err_subleaf, XEN_CPUID_NO_SUBLEAF, "no subleaf");
    leaves[0].leaf = 0x12345678;
    check_eq(dctl(&op, XEN_DOMCTL_set_cpu_policy, dom), -ERANGE, "a leaf no policy has");
    check_eqx(op.u.cpu_policy.err_leaf, 0x12345678, "refused leaf named");
    op.u.cpu_policy.nr_leaves = 1000;
    check_eq(dctl(&op, XEN_DOMCTL_set_cpu_policy, dom), -E2BIG, "1000 leaves");
    op.u.cpu_policy.nr_leaves = 0;
    check_eq(dctl(&op, XEN_DOMCTL_set_cpu_policy, 0), -EINVAL, "set_cpu_policy on itself");
}

/* getdomaininfo of an unused id gives the next domain up, as Xen 4.17. */
static void next_domain(domid_t a, domid_t b)
{
    struct xen_domctl_getdomaininfo info;

    check_eq(getdomaininfo(a + 1 < b ? a + 1 : b, &info), 0, "getdomaininfo between ids");
    check_eq(info.domain, b, "the next domain up");
    check_eq(getdomaininfo(0x7000, &info), -ESRCH, "getdomaininfo above every domain");
    check_eq(getdomaininfo(DOMID_SELF, &info), -EINVAL, "getdomaininfo of DOMID_SELF");
}

static void cleanup(domid_t a, domid_t b, long before)
{
    struct xen_domctl_getdomaininfo info;
    struct xen_domctl op = { 0 };
    unsigned int i;

    /* Creation is finished once unpaused: the CPU policy is fixed from then on. */
    check_eq(dctl(&op, XEN_DOMCTL_set_cpu_policy, a), -EEXIST,
             "set_cpu_policy once the domain was unpaused");
    check_eq(destroy_domain(a), 0, "destroy the first domain");
    check_eq(destroy_domain(b), 0, "destroy the second domain");
    for ( i = 0; i < 100 && count_domains() != before; i++ )
        pv_sleep(MILLISECS(10));
    check_eq(count_domains(), before, "both gone");
    check(getdomaininfo(a, &info) != 0 || info.domain != a, "the first domain is gone");
}

void test_main(void)
{
    struct xen_domctl_getdomaininfo info;
    long before;
    domid_t a, b;

    interface_versions();
    host_info();
    scheduler();
    cpu_features();
    check_eq(getdomaininfo(0, &info), 0, "getdomaininfo of domain 0");
    check(info.flags & XEN_DOMINF_running, "domain 0 runs (flags %#x)", info.flags);
    check(!(info.flags & XEN_DOMINF_paused), "domain 0 not paused");
    /* The library brings secondary vCPUs up only when a test needs one. */
    check_eq(info.nr_online_vcpus, 1, "domain 0's vCPUs up");
    check_eq(info.max_vcpu_id, 1, "domain 0's vCPUs");
    check_eq((info.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask, 255,
             "domain 0 has no shutdown code");
    check_eqx(info.arch_config.emulation_flags, XEN_X86_EMU_PIT, "domain 0: the PIT emulated");
    check(info.gpaddr_bits >= 32 && info.gpaddr_bits <= 52, "gpaddr_bits %u",
          info.gpaddr_bits);
    before = count_domains();
    check(before >= 1, "getdomaininfolist: %ld domains", before);

    bad_configs();
    a = create_domains(&b);
    console_ring(a);
    pauses(a);
    vcpus(a);
    sched_params(a);
    memory_limits(a);
    permissions(a);
    misc(a);
    cpu_policy(b);
    next_domain(a, b);
    cleanup(a, b, before);
    fuzz_domctls();
    test_success();
}
