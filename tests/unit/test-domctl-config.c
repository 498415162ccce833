/*
 * XEN_DOMCTL_createdomain's checks (common/domain_config.c) against Xen
 * 4.17's answers on a host without HVM, IOMMU, vmtrace, vPMU or tboot, and
 * the choice of domain ids (the "rover" after the last id chosen).
 */
#include <string.h>
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/domain.h>
#include <asm/domain.h>
#include "harness.h"
#include "host_stubs.h"

static struct xen_domctl_createdomain good(void)
{
    struct xen_domctl_createdomain c;

    memset(&c, 0, sizeof(c));
    c.max_vcpus = 2;
    c.max_evtchn_port = 1023;
    c.max_grant_frames = 32;
    c.max_maptrack_frames = -1;
    c.grant_opts = XEN_DOMCTL_GRANT_version(1);
    return c;
}

#define CHECK_CONFIG(field_expr, err)                                       \
    do {                                                                    \
        struct xen_domctl_createdomain c = good();                          \
        field_expr;                                                         \
        CHECK_EQ(domain_config_check(&c), err);                             \
    } while ( 0 )

TEST(accepts_pv_defaults)
{
    CHECK_CONFIG((void)0, 0);
    CHECK_CONFIG(c.max_grant_frames = -1, 0);              /* the default */
    CHECK_CONFIG(c.max_grant_frames = 64, 0);
    CHECK_CONFIG(c.max_maptrack_frames = 1024, 0);
    CHECK_CONFIG(c.max_vcpus = PERDOMAIN_MAX_VCPUS, 0);
    CHECK_CONFIG(c.arch.emulation_flags = XEN_X86_EMU_PIT, 0);
    CHECK_CONFIG(c.arch.misc_flags = XEN_X86_MSR_RELAXED, 0);
    CHECK_CONFIG(c.flags = XEN_DOMCTL_CDF_xs_domain, 0);
    CHECK_CONFIG(c.flags = XEN_DOMCTL_CDF_oos_off, 0);
    CHECK_CONFIG(c.max_evtchn_port = ~0u, 0);
}

TEST(refuses_as_xen)
{
    CHECK_CONFIG(c.flags = 1u << 8, -EINVAL);
    CHECK_CONFIG(c.grant_opts |= 1u << 4, -EINVAL);
    CHECK_CONFIG(c.max_vcpus = 0, -EINVAL);
    CHECK_CONFIG(c.flags = XEN_DOMCTL_CDF_hap, -EINVAL);
    CHECK_CONFIG(c.flags = XEN_DOMCTL_CDF_iommu, -EINVAL);
    CHECK_CONFIG(c.iommu_opts = XEN_DOMCTL_IOMMU_no_sharept, -EINVAL);
    CHECK_CONFIG(c.vmtrace_size = 4096, -EINVAL);
    CHECK_CONFIG(c.flags = XEN_DOMCTL_CDF_vpmu, -EINVAL);
    CHECK_CONFIG(c.flags = XEN_DOMCTL_CDF_hvm, -EINVAL);
    CHECK_CONFIG(c.flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap, -EINVAL);
    CHECK_CONFIG(c.max_vcpus = MAX_VIRT_CPUS + 1, -EINVAL);
    CHECK_CONFIG(c.flags = XEN_DOMCTL_CDF_s3_integrity, -EINVAL);
    CHECK_CONFIG(c.flags = XEN_DOMCTL_CDF_nested_virt, -EINVAL);
    CHECK_CONFIG(c.arch.misc_flags = 2, -EINVAL);
    CHECK_CONFIG(c.arch.emulation_flags = 1u << 30, -EINVAL);
    CHECK_CONFIG(c.arch.emulation_flags = XEN_X86_EMU_LAPIC, -EOPNOTSUPP);
    CHECK_CONFIG(c.arch.emulation_flags = XEN_X86_EMU_PIT | XEN_X86_EMU_HPET, -EOPNOTSUPP);
    CHECK_CONFIG(c.grant_opts = 0, -EINVAL);
    CHECK_CONFIG(c.grant_opts = XEN_DOMCTL_GRANT_version(2), -EINVAL);
    CHECK_CONFIG(c.cpupool_id = 1, -ESRCH);
}

TEST(ours_differs_on_vcpus)
{
    /* Xen takes up to 8192 PV vCPUs; the per-domain area here holds 512. */
    CHECK_CONFIG(c.max_vcpus = PERDOMAIN_MAX_VCPUS + 1, -EINVAL);
}

/* Ids in use for the picker tests. */
static unsigned char used[DOMID_FIRST_RESERVED];
static bool is_free(domid_t id)
{
    return id < DOMID_FIRST_RESERVED && !used[id];
}

TEST(domid_after_the_last_chosen)
{
    struct domid_picker p = { 0 };
    domid_t id;

    memset(used, 0, sizeof(used));
    used[0] = 1;
    CHECK_EQ(domid_pick(&p, is_free, &id), 0);
    CHECK_EQ(id, 1);
    used[1] = 1;
    CHECK_EQ(domid_pick(&p, is_free, &id), 0);
    CHECK_EQ(id, 2);
    /* Freed ids below the rover are not reused before the wrap. */
    used[1] = 0;
    CHECK_EQ(domid_pick(&p, is_free, &id), 0);
    CHECK_EQ(id, 3);
    used[3] = 1;
    used[4] = 1;
    CHECK_EQ(domid_pick(&p, is_free, &id), 0);
    CHECK_EQ(id, 5);
}

TEST(domid_wraps_and_runs_out)
{
    struct domid_picker p = { DOMID_FIRST_RESERVED - 2 };
    domid_t id;
    unsigned int i;

    memset(used, 0, sizeof(used));
    used[0] = used[1] = 1;
    CHECK_EQ(domid_pick(&p, is_free, &id), 0);
    CHECK_EQ(id, DOMID_FIRST_RESERVED - 1);
    used[id] = 1;
    CHECK_EQ(domid_pick(&p, is_free, &id), 0);   /* wraps past 0x7ff0, skips 0 and 1 */
    CHECK_EQ(id, 2);
    for ( i = 0; i < DOMID_FIRST_RESERVED; i++ )
        used[i] = 1;
    CHECK_EQ(domid_pick(&p, is_free, &id), -ENOMEM);
    /* The last one chosen is never chosen again straight away. */
    used[2] = 0;
    CHECK_EQ(domid_pick(&p, is_free, &id), -ENOMEM);
    used[7] = 0;
    CHECK_EQ(domid_pick(&p, is_free, &id), 0);
    CHECK_EQ(id, 7);
    /* Even with no id chosen yet and none free, the search ends. */
    p.rover = 0;
    used[7] = 1;
    used[2] = 1;
    CHECK_EQ(domid_pick(&p, is_free, &id), -ENOMEM);
}

int main(void)
{
    test_suite = "domctl-config";
    RUN(accepts_pv_defaults);
    RUN(refuses_as_xen);
    RUN(ours_differs_on_vcpus);
    RUN(domid_after_the_last_chosen);
    RUN(domid_wraps_and_runs_out);
    return test_summary();
}
