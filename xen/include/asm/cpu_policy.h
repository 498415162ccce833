/*
 * CPUID policies for the toolstack (arch/x86/cpu_policy.c): serialised as
 * xen_cpuid_leaf_t / xen_msr_entry_t arrays in Xen 4.17's order, the system
 * policies for XEN_SYSCTL_get_cpu_policy / get_cpu_featureset, and a
 * domain's policy for XEN_DOMCTL_{get,set}_cpu_policy.
 */
#ifndef ASM_CPU_POLICY_H
#define ASM_CPU_POLICY_H

#include <xen/types.h>
#include <public/arch-x86/xen.h>

struct domain;

/* Xen 4.17's limits: leaves and MSRs in a serialised policy. */
#define CPUID_MAX_SERIALISED_LEAVES 120
#define MSR_MAX_SERIALISED_ENTRIES  2
/* Words in a featureset (Xen 4.17's FEATURESET_NR_ENTRIES). */
#define FEATURESET_NR_ENTRIES       19

/* The toolstack's leaves for one domain (only set leaves are kept). */
struct domain_cpuid {
    unsigned int nr;
    xen_cpuid_leaf_t leaf[CPUID_MAX_SERIALISED_LEAVES];
    u64 msr_val[2];             /* PLATFORM_INFO, ARCH_CAPABILITIES */
    unsigned int msr_set;       /* bit i: msr_val[i] was set */
};

/* The system policies, XEN_SYSCTL_cpu_policy_* (raw, host, pv_max, pv_default). */
enum cpu_policy_kind { CPU_POLICY_RAW, CPU_POLICY_HOST, CPU_POLICY_PV };

/*
 * Serialise a policy into 'leaves' (room *nr) / 'msrs' (room *nr_msrs), either
 * handle may be NULL (then *nr gets the maximum).  0, -ENOBUFS or -EFAULT.
 */
int cpu_policy_copy_to_guest(enum cpu_policy_kind kind, const struct domain *d,
                             XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) leaves, u32 *nr,
                             XEN_GUEST_HANDLE_64(xen_msr_entry_t) msrs, u32 *nr_msrs);
/* XEN_DOMCTL_set_cpu_policy on d (paused, not yet running), Xen's errors. */
int domain_cpu_policy_set(struct domain *d, XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) leaves,
                          u32 nr, XEN_GUEST_HANDLE_64(xen_msr_entry_t) msrs, u32 nr_msrs,
                          u32 *err_leaf, u32 *err_subleaf, u32 *err_msr);
/* A featureset of a system policy: FEATURESET_NR_ENTRIES words. */
void cpu_policy_featureset(enum cpu_policy_kind kind, u32 fs[FEATURESET_NR_ENTRIES]);

/* pv/cpuid.c: what the toolstack's policy leaves of a computed leaf. */
void domain_cpuid_narrow(const struct domain *d, u32 leaf, u32 subleaf, u32 res[4]);
/* pv/cpuid.c: a leaf of d's PV policy (d NULL: the PV policy alone). */
void pv_cpuid_leaf(const struct domain *d, unsigned int vcpu_id, u32 leaf, u32 subleaf,
                   u32 res[4]);

#endif /* ASM_CPU_POLICY_H */
