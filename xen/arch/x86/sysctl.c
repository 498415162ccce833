/*
 * The x86 sysctls and the x86 parts of physinfo (Xen 4.17's arch_do_sysctl):
 * CPU topology from the APIC ids, the featuresets and CPU policies.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <asm/apic.h>
#include <asm/cpu_policy.h>
#include <asm/cpufeature.h>
#include <asm/guest_access.h>
#include <asm/processor.h>
#include <asm/sysctl.h>
#include <public/sysctl.h>

/* How many low APIC-id bits number the threads of a core, and threads+cores of a package. */
static void topo_shifts(unsigned int *smt, unsigned int *pkg)
{
    u32 a, b, c, d, max = cpuid_eax(0);

    *smt = 0;
    *pkg = 0;
    if ( max >= 0xb )
    {
        cpuid_count(0xb, 0, &a, &b, &c, &d);
        if ( b )
        {
            *smt = a & 0x1f;
            cpuid_count(0xb, 1, &a, &b, &c, &d);
            *pkg = b ? a & 0x1f : *smt;
            return;
        }
    }
    if ( cpuid_eax(0x80000000) >= 0x80000008 && boot_cpu_data.x86_vendor != X86_VENDOR_INTEL )
    {
        c = cpuid_ecx(0x80000008);
        *pkg = (c >> 12) & 0xf;
        if ( !*pkg )
            while ( (1u << *pkg) < (c & 0xff) + 1 )
                (*pkg)++;
        return;
    }
    if ( cpuid_edx(1) & (1u << 28) )
    {
        unsigned int logical = (cpuid_ebx(1) >> 16) & 0xff, cores = 1;

        if ( max >= 4 )
            cores = (cpuid_eax(4) >> 26) + 1;
        while ( (1u << *pkg) < logical )
            (*pkg)++;
        while ( (1u << *smt) < (logical + cores - 1) / cores )
            (*smt)++;
    }
}

void arch_cpu_topology(unsigned int cpu, u32 *core, u32 *socket)
{
    unsigned int smt, pkg;
    u32 apicid = x86_cpu_to_apicid[cpu];

    topo_shifts(&smt, &pkg);
    *core = (apicid & ((1u << pkg) - 1)) >> smt;
    *socket = apicid >> pkg;
}

void arch_do_physinfo(struct xen_sysctl_physinfo *pi)
{
    u32 fs[FEATURESET_NR_ENTRIES], core0, sock0, core, sock;
    unsigned int cpu, threads = 0, cores = 0;
    cpumask_t seen_cores;

    cpu_policy_featureset(CPU_POLICY_HOST, fs);
    memcpy(pi->hw_cap, fs, sizeof(pi->hw_cap));
    /* PV only: no HVM, no HAP, no shadow paging. */
    pi->capabilities |= XEN_SYSCTL_PHYSCAP_pv;

    /* Threads of CPU 0's core, and cores of its socket, among the online CPUs. */
    cpumask_clear(&seen_cores);
    arch_cpu_topology(0, &core0, &sock0);
    for_each_online_cpu ( cpu )
    {
        arch_cpu_topology(cpu, &core, &sock);
        if ( sock != sock0 )
            continue;
        if ( core == core0 )
            threads++;
        if ( core < NR_CPUS && !cpumask_test_cpu(core, &seen_cores) )
        {
            cpumask_set_cpu(core, &seen_cores);
            cores++;
        }
    }
    pi->threads_per_core = threads ? threads : 1;
    pi->cores_per_socket = cores ? cores : 1;
}

long arch_do_sysctl(struct xen_sysctl *op, XEN_GUEST_HANDLE_PARAM(void) u_sysctl,
                    bool *copyback)
{
    switch ( op->cmd )
    {
    case XEN_SYSCTL_get_cpu_featureset:
    {
        struct xen_sysctl_cpu_featureset *f = &op->u.cpu_featureset;
        u32 fs[FEATURESET_NR_ENTRIES];
        unsigned int nr;
        long ret = 0;

        *copyback = true;
        if ( guest_handle_is_null(f->features) )
        {
            f->nr_features = FEATURESET_NR_ENTRIES;
            return 0;
        }
        nr = min_t(unsigned int, f->nr_features, FEATURESET_NR_ENTRIES);
        switch ( f->index )
        {
        case XEN_SYSCTL_cpu_featureset_raw:
        case XEN_SYSCTL_cpu_featureset_host:
            cpu_policy_featureset(CPU_POLICY_HOST, fs);
            break;
        case XEN_SYSCTL_cpu_featureset_pv:
        case XEN_SYSCTL_cpu_featureset_pv_max:
            cpu_policy_featureset(CPU_POLICY_PV, fs);
            break;
        case XEN_SYSCTL_cpu_featureset_hvm:
        case XEN_SYSCTL_cpu_featureset_hvm_max:
            ret = -EOPNOTSUPP;          /* no HVM (Xen without CONFIG_HVM says so) */
            break;
        default:
            ret = -EINVAL;
            break;
        }
        if ( !ret && copy_to_guest(f->features, fs, nr) )
            ret = -EFAULT;
        f->nr_features = nr;
        if ( !ret && nr < FEATURESET_NR_ENTRIES )
            ret = -ENOBUFS;             /* there was more to give */
        return ret;
    }

    case XEN_SYSCTL_get_cpu_policy:
    {
        struct xen_sysctl_cpu_policy *p = &op->u.cpu_policy;
        enum cpu_policy_kind kind;
        long ret;

        if ( p->_rsvd || p->index > XEN_SYSCTL_cpu_policy_hvm_default )
            return -EINVAL;
        switch ( p->index )
        {
        case XEN_SYSCTL_cpu_policy_raw:
            kind = CPU_POLICY_RAW;
            break;
        case XEN_SYSCTL_cpu_policy_host:
            kind = CPU_POLICY_HOST;
            break;
        case XEN_SYSCTL_cpu_policy_pv_max:
        case XEN_SYSCTL_cpu_policy_pv_default:
            kind = CPU_POLICY_PV;
            break;
        default:
            return -EOPNOTSUPP;         /* the HVM ones */
        }
        ret = cpu_policy_copy_to_guest(kind, NULL, p->leaves, &p->nr_leaves,
                                       p->msrs, &p->nr_msrs);
        *copyback = !ret;
        return ret;
    }

    case XEN_SYSCTL_psr_cmt_op:
    case XEN_SYSCTL_psr_alloc:
        return -ENODEV;                 /* no PSR: Xen's answer without it */
    case XEN_SYSCTL_cpu_hotplug:
    case XEN_SYSCTL_get_cpu_levelling_caps:
        return -EOPNOTSUPP;
    }
    return -ENOSYS;
}
