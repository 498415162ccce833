/*
 * HYPERVISOR_mca (public/arch-x86/xen-mca.h): machine-check reporting to the
 * hardware domain.
 *
 * The hypervisor does not yet handle machine-check exceptions or poll the
 * banks, so it never queues telemetry: XEN_MC_fetch always finds nothing
 * (XEN_MC_NODATA) and VIRQ_MCA is never raised.  XEN_MC_physcpuinfo describes
 * the CPUs, which is what Linux's xen_mcelog asks before it offers /dev/mcelog.
 * The injection calls (testing aids in Xen) answer -EOPNOTSUPP.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/cpumask.h>
#include <xen/sched.h>
#include <asm/apic.h>
#include <asm/cpufeature.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <public/arch-x86/xen-mca.h>


/* Xen's vendor codes in mc_vendor (one bit each), from ours. */
static u32 xen_vendor_code(u8 vendor)
{
    switch ( vendor )
    {
    case X86_VENDOR_INTEL: return 1u << 0;
    case X86_VENDOR_AMD:   return 1u << 1;
    case X86_VENDOR_HYGON: return 1u << 4;
    }
    return 0;
}

/*
 * Describe CPU 'cpu'.  The CPUs are taken to be alike (as on every machine the
 * hypervisor brings up: it checks the boot CPU only), one package of single-thread
 * cores; only the numbers differ.
 */
static void describe_cpu(unsigned int cpu, xen_mc_logical_cpu_t *lc)
{
    const struct cpuinfo_x86 *c = &boot_cpu_data;
    u32 a, b, cx, d;
    u64 mcg_cap;

    memset(lc, 0, sizeof(*lc));
    lc->mc_cpunr = cpu;
    lc->mc_apicid = x86_cpu_to_apicid[cpu];
    lc->mc_coreid = cpu;
    lc->mc_ncores = lc->mc_ncores_active = num_online_cpus();
    lc->mc_nthreads = 1;
    lc->mc_cpuid_level = c->cpuid_level;
    lc->mc_family = c->x86;
    lc->mc_vendor = xen_vendor_code(c->x86_vendor);
    lc->mc_model = c->x86_model;
    lc->mc_step = c->x86_mask;
    memcpy(lc->mc_vendorid, c->vendor_id, sizeof(c->vendor_id));
    memcpy(lc->mc_brandid, c->model_id, sizeof(c->model_id));
    lc->mc_cpu_caps[MC_CAPS_STD_EDX] = c->leaf1_edx;
    lc->mc_cpu_caps[MC_CAPS_AMD_EDX] = c->ext1_edx;
    lc->mc_cpu_caps[MC_CAPS_STD_ECX] = c->leaf1_ecx;
    lc->mc_cpu_caps[MC_CAPS_AMD_ECX] = c->ext1_ecx;
    cpuid(1, &a, &b, &cx, &d);
    lc->mc_cache_alignment = ((b >> 8) & 0xff) * 8;     /* CLFLUSH line size */
    if ( c->extended_cpuid_level >= 0x80000006 )
        lc->mc_cache_size = cpuid_ecx(0x80000006) >> 16; /* L2, KiB */
    if ( cpu_has_mca && !rdmsr_safe(MSR_IA32_MCG_CAP, &mcg_cap) )
    {
        lc->mc_msrvalues[0] = (xen_mcinfo_msr_t){ MSR_IA32_MCG_CAP, mcg_cap };
        lc->mc_nmsrvals = 1;
    }
}

static long mc_physcpuinfo(xen_mc_physcpuinfo_t *pi)
{
    unsigned int n = num_online_cpus(), cpu, i = 0;
    xen_mc_logical_cpu_t lc;

    if ( pi->info.p )
    {
        if ( !pi->ncpus )
            return -EINVAL;
        n = min(n, pi->ncpus);
        for_each_online_cpu ( cpu )
        {
            if ( i == n )
                break;
            describe_cpu(cpu, &lc);
            if ( raw_copy_to_guest(pi->info.p + i, &lc, sizeof(lc)) )
                return -EFAULT;
            i++;
        }
    }
    pi->ncpus = n;
    return 0;
}

long do_mca(XEN_GUEST_HANDLE_PARAM(xen_mc_t) u_xen_mc)
{
    xen_mc_t op;
    size_t arg = 0;
    long rc;

    if ( !current->domain->is_privileged )
        return -EPERM;
    /* The header, then only the member the command uses (guests pass just that). */
    if ( raw_copy_from_guest(&op, u_xen_mc.p, offsetof(xen_mc_t, u)) )
        return -EFAULT;
    if ( op.interface_version != XEN_MCA_INTERFACE_VERSION )
        return -EACCES;
    switch ( op.cmd )
    {
    case XEN_MC_fetch:
        arg = sizeof(op.u.mc_fetch);
        break;
    case XEN_MC_physcpuinfo:
        arg = sizeof(op.u.mc_physcpuinfo);
        break;
    case XEN_MC_notifydomain:
    case XEN_MC_msrinject:
    case XEN_MC_mceinject:
    case XEN_MC_inject_v2:
        return -EOPNOTSUPP;
    default:
        return -EINVAL;
    }
    if ( raw_copy_from_guest(&op.u, &u_xen_mc.p->u, arg) )
        return -EFAULT;

    if ( op.cmd == XEN_MC_fetch )
    {
        /* Nothing is ever queued; an acknowledgement has nothing to release. */
        if ( !(op.u.mc_fetch.flags & XEN_MC_ACK) )
        {
            op.u.mc_fetch.flags |= XEN_MC_NODATA;
            op.u.mc_fetch.fetch_id = 0;
        }
        rc = 0;
    }
    else
        rc = mc_physcpuinfo(&op.u.mc_physcpuinfo);
    if ( !rc && raw_copy_to_guest(&u_xen_mc.p->u, &op.u, arg) )
        rc = -EFAULT;
    return rc;
}
