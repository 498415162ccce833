/*
 * Checking a XEN_DOMCTL_createdomain request, and choosing a domain id: the
 * pure parts of domain creation (host-tested by tests/unit/test-domctl-config).
 *
 * The checks and their order are Xen 4.17's sanitise_domain_config(),
 * arch_sanitise_domain_config(), arch_domain_create() (emulation flags),
 * grant_table_init() (the version; the frame limits are checked there) and
 * sched_init_domain() (CPU pool), on a host where
 * HVM, the IOMMU, vmtrace, the vPMU and tboot are not available.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/domain.h>
#include <asm/domain.h>

#define KNOWN_CDF_FLAGS (XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap |                  \
                         XEN_DOMCTL_CDF_s3_integrity | XEN_DOMCTL_CDF_oos_off |     \
                         XEN_DOMCTL_CDF_xs_domain | XEN_DOMCTL_CDF_iommu |          \
                         XEN_DOMCTL_CDF_nested_virt | XEN_DOMCTL_CDF_vpmu)

int domain_config_check(const struct xen_domctl_createdomain *c)
{
    unsigned int gver = c->grant_opts & XEN_DOMCTL_GRANT_version_mask;
    unsigned int emu = c->arch.emulation_flags;

    if ( c->flags & ~KNOWN_CDF_FLAGS )
        return -EINVAL;
    if ( c->grant_opts & ~XEN_DOMCTL_GRANT_version_mask )
        return -EINVAL;
    if ( c->max_vcpus < 1 )
        return -EINVAL;
    if ( (c->flags & XEN_DOMCTL_CDF_hap) && !(c->flags & XEN_DOMCTL_CDF_hvm) )
        return -EINVAL;
    /* No IOMMU: the flag, or options without it, are refused. */
    if ( (c->flags & XEN_DOMCTL_CDF_iommu) || c->iommu_opts )
        return -EINVAL;
    if ( c->vmtrace_size || (c->flags & XEN_DOMCTL_CDF_vpmu) )
        return -EINVAL;
    /* Architecture: no HVM support ("HVM support not available"). */
    if ( c->flags & XEN_DOMCTL_CDF_hvm )
        return -EINVAL;
    if ( c->max_vcpus > MAX_VIRT_CPUS )
        return -EINVAL;
    /* Ours: the per-domain area has room for this many vCPUs (Xen: 8192). */
    if ( c->max_vcpus > PERDOMAIN_MAX_VCPUS )
        return -EINVAL;
    if ( c->flags & XEN_DOMCTL_CDF_s3_integrity )
        return -EINVAL;                 /* no tboot */
    if ( c->flags & XEN_DOMCTL_CDF_nested_virt )
        return -EINVAL;                 /* needs HAP */
    if ( c->arch.misc_flags & ~XEN_X86_MSR_RELAXED )
        return -EINVAL;
    /* arch_domain_create(): a PV domain may have the PIT emulated, nothing else. */
    if ( emu & ~XEN_X86_EMU_ALL )
        return -EINVAL;
    if ( emu != 0 && emu != XEN_X86_EMU_PIT )
        return -EOPNOTSUPP;
    /*
     * grant_table_init(): a version we offer (it checks the frame limits,
     * gnttab_max_frames= and gnttab_max_maptrack_frames=, itself).
     */
    if ( gver < 1 || gver > DOMCTL_MAX_GRANT_VERSION )
        return -EINVAL;
    /* sched_init_domain(): only CPU pool 0 exists. */
    if ( c->cpupool_id != 0 )
        return -ESRCH;
    return 0;
}

/*
 * Xen's choice for XEN_DOMCTL_createdomain with domain 0 (or a reserved id):
 * the next free id after the last one chosen, wrapping from
 * DOMID_FIRST_RESERVED to 1, never the last one chosen itself; -ENOMEM when
 * no id is free.  (Xen's loop never ends when every id is taken and none was
 * chosen yet; this one is bounded.)
 */
int domid_pick(struct domid_picker *p, bool (*is_free)(domid_t id), domid_t *out)
{
    domid_t dom = p->rover;
    unsigned int n;

    for ( n = 0; n < DOMID_FIRST_RESERVED - 1; n++ )
    {
        if ( ++dom >= DOMID_FIRST_RESERVED )
            dom = 1;
        if ( dom == p->rover )
            break;
        if ( is_free(dom) )
        {
            p->rover = dom;
            *out = dom;
            return 0;
        }
    }
    return -ENOMEM;
}
