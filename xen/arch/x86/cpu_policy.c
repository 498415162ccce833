/*
 * CPUID policies as the toolstack sees them (asm/cpu_policy.h).
 *
 * A policy is serialised as Xen 4.17's x86_cpuid_copy_to_buffer() does: the
 * basic leaves up to leaf 0's EAX (at most 0xd), with subleaves for leaf 4
 * (until a null cache type), 7 (up to 7.0 EAX, at most 2), 0xb (until a null
 * level type) and 0xd (0, 1, then one per remaining XCR0/XSS bit); then the
 * two hypervisor-range limits (0x40000000 and 0x40000100); then the extended
 * leaves up to 0x80000000's EAX (at most 0x80000021).  Two MSRs follow
 * (PLATFORM_INFO, ARCH_CAPABILITIES).
 *
 * The raw and host policies are the hardware's CPUID; the PV ones what
 * pv/cpuid.c gives a PV guest.  A domain's policy is the PV one narrowed by
 * the leaves the toolstack set: feature words can only lose bits, maximum
 * leaves can only go down (domain_cpuid_narrow); other leaves stay ours.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/cpu_policy.h>
#include <asm/guest_access.h>
#include <asm/processor.h>

#define NA XEN_CPUID_NO_SUBLEAF
#define MSR_INTEL_PLATFORM_INFO 0x000000ce
#define MSR_ARCH_CAPABILITIES   0x0000010a
/* The PV policies advertise CPUID faulting in PLATFORM_INFO (bit 32), as Xen's. */
#define PLATFORM_INFO_CPUID_FAULTING (1ULL << 32)

/* Highest leaves (and subleaves) a policy can describe. */
#define BASIC_MAX 0xdu
#define EXTD_MAX  0x21u
#define CACHE_NR  6u
#define FEAT_NR   3u
#define TOPO_NR   2u
#define XSTATE_NR 63u

static void policy_leaf(enum cpu_policy_kind kind, const struct domain *d, u32 leaf,
                        u32 subleaf, u32 res[4])
{
    if ( subleaf == NA )
        subleaf = 0;
    if ( kind == CPU_POLICY_PV )
        pv_cpuid_leaf(d, 0, leaf, subleaf, res);
    else
        cpuid_count(leaf, subleaf, &res[0], &res[1], &res[2], &res[3]);
}

struct policy_out {
    XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) h;
    u32 room, nr;
};

static int emit(struct policy_out *o, u32 leaf, u32 subleaf, const u32 res[4])
{
    xen_cpuid_leaf_t l = { leaf, subleaf, res[0], res[1], res[2], res[3] };

    if ( o->nr == o->room )
        return -ENOBUFS;
    if ( copy_to_guest_offset(o->h, o->nr, &l, 1) )
        return -EFAULT;
    o->nr++;
    return 0;
}

static int emit_policy(enum cpu_policy_kind kind, const struct domain *d, struct policy_out *o)
{
    u32 r[4], max, leaf, sub, lim;
    u64 xstates;
    int rc = 0;

    policy_leaf(kind, d, 0, NA, r);
    max = min(r[0], BASIC_MAX);
    for ( leaf = 0; leaf <= max && !rc; leaf++ )
    {
        switch ( leaf )
        {
        case 0x4:
            for ( sub = 0; sub < CACHE_NR && !rc; sub++ )
            {
                policy_leaf(kind, d, leaf, sub, r);
                rc = emit(o, leaf, sub, r);
                if ( !(r[0] & 0x1f) )
                    break;
            }
            break;
        case 0x7:
            policy_leaf(kind, d, leaf, 0, r);
            lim = min(r[0], FEAT_NR - 1);
            for ( sub = 0; sub <= lim && !rc; sub++ )
            {
                policy_leaf(kind, d, leaf, sub, r);
                rc = emit(o, leaf, sub, r);
            }
            break;
        case 0xb:
            for ( sub = 0; sub < TOPO_NR && !rc; sub++ )
            {
                policy_leaf(kind, d, leaf, sub, r);
                rc = emit(o, leaf, sub, r);
                if ( !((r[2] >> 8) & 0xff) )
                    break;
            }
            break;
        case 0xd:
            policy_leaf(kind, d, leaf, 0, r);
            xstates = r[0] | ((u64)r[3] << 32);
            rc = emit(o, leaf, 0, r);
            policy_leaf(kind, d, leaf, 1, r);
            xstates |= r[2] | ((u64)r[3] << 32);
            if ( !rc )
                rc = emit(o, leaf, 1, r);
            for ( xstates >>= 2, sub = 2; xstates && sub < XSTATE_NR && !rc;
                  xstates >>= 1, sub++ )
            {
                policy_leaf(kind, d, leaf, sub, r);
                rc = emit(o, leaf, sub, r);
            }
            break;
        default:
            policy_leaf(kind, d, leaf, NA, r);
            rc = emit(o, leaf, NA, r);
            break;
        }
    }
    /* The hypervisor-range limits: the defaults (0) unless a toolstack says. */
    memset(r, 0, sizeof(r));
    if ( !rc )
        rc = emit(o, 0x40000000, NA, r);
    if ( !rc )
        rc = emit(o, 0x40000100, NA, r);
    policy_leaf(kind, d, 0x80000000, NA, r);
    max = min(r[0] & 0xffff, EXTD_MAX);
    for ( leaf = 0; leaf <= max && !rc; leaf++ )
    {
        policy_leaf(kind, d, 0x80000000 | leaf, NA, r);
        rc = emit(o, 0x80000000 | leaf, NA, r);
    }
    return rc;
}

static void policy_msrs(enum cpu_policy_kind kind, const struct domain *d, u64 val[2])
{
    val[0] = kind == CPU_POLICY_PV ? PLATFORM_INFO_CPUID_FAULTING : 0;
    val[1] = 0;
    if ( d && d->arch.cpuid )
    {
        if ( d->arch.cpuid->msr_set & 1 )
            val[0] = d->arch.cpuid->msr_val[0];
        if ( d->arch.cpuid->msr_set & 2 )
            val[1] = d->arch.cpuid->msr_val[1];
    }
}

int cpu_policy_copy_to_guest(enum cpu_policy_kind kind, const struct domain *d,
                             XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) leaves, u32 *nr,
                             XEN_GUEST_HANDLE_64(xen_msr_entry_t) msrs, u32 *nr_msrs)
{
    struct policy_out o = { .h = leaves, .room = *nr };
    static const u32 idx[2] = { MSR_INTEL_PLATFORM_INFO, MSR_ARCH_CAPABILITIES };
    u64 val[2];
    unsigned int i;
    int rc;

    if ( guest_handle_is_null(leaves) )
        *nr = CPUID_MAX_SERIALISED_LEAVES;
    else
    {
        rc = emit_policy(kind, d, &o);
        if ( rc )
            return rc;
        *nr = o.nr;
    }
    if ( guest_handle_is_null(msrs) )
    {
        *nr_msrs = MSR_MAX_SERIALISED_ENTRIES;
        return 0;
    }
    policy_msrs(kind, d, val);
    for ( i = 0; i < 2; i++ )
    {
        xen_msr_entry_t e = { .idx = idx[i], .val = val[i] };

        if ( i == *nr_msrs )
            return -ENOBUFS;
        if ( copy_to_guest_offset(msrs, i, &e, 1) )
            return -EFAULT;
    }
    *nr_msrs = 2;
    return 0;
}

/* Is (leaf, subleaf) one a policy can hold?  Xen's x86_cpuid_copy_from_buffer(). */
static bool leaf_in_range(u32 leaf, u32 subleaf)
{
    if ( leaf <= BASIC_MAX )
    {
        switch ( leaf )
        {
        case 0x4: return subleaf < CACHE_NR;
        case 0x7: return subleaf < FEAT_NR;
        case 0xb: return subleaf < TOPO_NR;
        case 0xd: return subleaf < XSTATE_NR;
        }
        return subleaf == NA;
    }
    if ( leaf == 0x40000000 || leaf == 0x40000100 ||
         (leaf >= 0x80000000 && leaf <= 0x80000000 + EXTD_MAX) )
        return subleaf == NA;
    return false;
}

static const xen_cpuid_leaf_t *find_leaf(const struct domain_cpuid *p, u32 leaf, u32 subleaf)
{
    unsigned int i;

    for ( i = 0; p && i < p->nr; i++ )
        if ( p->leaf[i].leaf == leaf && p->leaf[i].subleaf == subleaf )
            return &p->leaf[i];
    return NULL;
}

/* Replace or add one leaf; the table holds one entry per (leaf, subleaf). */
static void put_leaf(struct domain_cpuid *p, const xen_cpuid_leaf_t *l)
{
    xen_cpuid_leaf_t *old = (xen_cpuid_leaf_t *)find_leaf(p, l->leaf, l->subleaf);

    if ( old )
        *old = *l;
    else if ( p->nr < CPUID_MAX_SERIALISED_LEAVES )
        p->leaf[p->nr++] = *l;
}

/* The maximum (sub)leaf a candidate policy would advertise. */
static u32 policy_max(const struct domain_cpuid *p, const struct domain *d, u32 leaf,
                      u32 subleaf)
{
    const xen_cpuid_leaf_t *l = find_leaf(p, leaf, subleaf);
    u32 r[4];

    if ( l )
        return l->a;
    pv_cpuid_leaf(d, 0, leaf, subleaf == NA ? 0 : subleaf, r);
    return r[0];
}

int domain_cpu_policy_set(struct domain *d, XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) leaves,
                          u32 nr, XEN_GUEST_HANDLE_64(xen_msr_entry_t) msrs, u32 nr_msrs,
                          u32 *err_leaf, u32 *err_subleaf, u32 *err_msr)
{
    struct domain_cpuid *p;
    xen_cpuid_leaf_t l;
    xen_msr_entry_t m;
    u32 host[4];
    unsigned int i;
    int rc = 0;

    *err_leaf = *err_subleaf = *err_msr = ~0u;
    if ( nr > CPUID_MAX_SERIALISED_LEAVES || nr_msrs > MSR_MAX_SERIALISED_ENTRIES )
        return -E2BIG;
    p = xmalloc(struct domain_cpuid);
    if ( !p )
        return -ENOMEM;
    if ( d->arch.cpuid )
        *p = *d->arch.cpuid;
    else
    {
        p->nr = 0;
        p->msr_set = 0;
    }

    for ( i = 0; i < nr && !rc; i++ )
    {
        if ( copy_from_guest_offset(&l, leaves, i, 1) )
            rc = -EFAULT;
        else if ( !leaf_in_range(l.leaf, l.subleaf) )
        {
            *err_leaf = l.leaf;
            *err_subleaf = l.subleaf;
            rc = -ERANGE;
        }
        else
            put_leaf(p, &l);
    }
    for ( i = 0; i < nr_msrs && !rc; i++ )
    {
        if ( copy_from_guest_offset(&m, msrs, i, 1) )
            rc = -EFAULT;
        else if ( m.flags )
            rc = -EINVAL;
        else if ( m.idx != MSR_INTEL_PLATFORM_INFO && m.idx != MSR_ARCH_CAPABILITIES )
            rc = -ERANGE;
        else if ( m.idx == MSR_INTEL_PLATFORM_INFO && (m.val & ~PLATFORM_INFO_CPUID_FAULTING) )
            rc = -EINVAL;               /* more than the PV maximum offers */
        if ( rc && rc != -EFAULT )
            *err_msr = m.idx;
        else if ( !rc )
        {
            unsigned int which = m.idx == MSR_INTEL_PLATFORM_INFO ? 0 : 1;

            p->msr_val[which] = m.val;
            p->msr_set |= 1u << which;
        }
    }

    /* Xen's x86_cpu_policies_are_compatible(): no more leaves than the host has. */
    if ( !rc )
    {
        cpuid_count(0, 0, &host[0], &host[1], &host[2], &host[3]);
        if ( policy_max(p, d, 0, NA) > min(host[0], BASIC_MAX) )
        {
            *err_leaf = 0;
            *err_subleaf = NA;
            rc = -EINVAL;
        }
    }
    if ( !rc )
    {
        cpuid_count(7, 0, &host[0], &host[1], &host[2], &host[3]);
        if ( policy_max(p, d, 7, 0) > min(host[0], FEAT_NR - 1) )
        {
            *err_leaf = 7;
            *err_subleaf = 0;
            rc = -EINVAL;
        }
    }
    if ( !rc )
    {
        cpuid_count(0x80000000, 0, &host[0], &host[1], &host[2], &host[3]);
        if ( policy_max(p, d, 0x80000000, NA) > host[0] )
        {
            *err_leaf = 0x80000000;
            *err_subleaf = NA;
            rc = -EINVAL;
        }
    }
    if ( rc )
    {
        xfree(p);
        return rc;
    }
    xfree(d->arch.cpuid);
    d->arch.cpuid = p;
    return 0;
}

void domain_cpuid_narrow(const struct domain *d, u32 leaf, u32 subleaf, u32 res[4])
{
    const struct domain_cpuid *p = d->arch.cpuid;
    const xen_cpuid_leaf_t *l;

    switch ( leaf )
    {
    case 0x4: case 0x7: case 0xb: case 0xd:
        l = find_leaf(p, leaf, subleaf);
        break;
    default:
        l = find_leaf(p, leaf, NA);
        break;
    }
    if ( !l )
        return;
    switch ( leaf )
    {
    case 0x0:
    case 0x80000000:
        res[0] = min(res[0], l->a);
        break;
    case 0x1:
        res[2] &= l->c | (1u << 31);            /* "running on a hypervisor" stays */
        res[3] &= l->d;
        break;
    case 0x7:
    case 0xd:
        res[0] &= l->a;
        res[1] &= l->b;
        res[2] &= l->c;
        res[3] &= l->d;
        break;
    case 0x80000001:
        res[2] &= l->c;
        res[3] &= l->d;
        break;
    }
}

void cpu_policy_featureset(enum cpu_policy_kind kind, u32 fs[FEATURESET_NR_ENTRIES])
{
    u32 r[4], max, extd;

    memset(fs, 0, FEATURESET_NR_ENTRIES * sizeof(*fs));
    policy_leaf(kind, NULL, 0, NA, r);
    max = r[0];
    policy_leaf(kind, NULL, 0x80000000, NA, r);
    extd = r[0];
    policy_leaf(kind, NULL, 1, NA, r);
    fs[0] = r[3];
    fs[1] = r[2];
    if ( max >= 0xd )
    {
        policy_leaf(kind, NULL, 0xd, 1, r);
        fs[4] = r[0];
    }
    if ( max >= 7 )
    {
        policy_leaf(kind, NULL, 7, 0, r);
        fs[5] = r[1];
        fs[6] = r[2];
        fs[9] = r[3];
        policy_leaf(kind, NULL, 7, 1, r);
        fs[10] = r[0];
        fs[12] = r[1];
        fs[14] = r[2];
        fs[15] = r[3];
        policy_leaf(kind, NULL, 7, 2, r);
        fs[13] = r[3];
    }
    if ( extd >= 0x80000001 && extd < 0x80010000 )
    {
        policy_leaf(kind, NULL, 0x80000001, NA, r);
        fs[2] = r[3];
        fs[3] = r[2];
    }
    if ( extd >= 0x80000007 && extd < 0x80010000 )
    {
        policy_leaf(kind, NULL, 0x80000007, NA, r);
        fs[7] = r[3];
    }
    if ( extd >= 0x80000008 && extd < 0x80010000 )
    {
        policy_leaf(kind, NULL, 0x80000008, NA, r);
        fs[8] = r[1];
    }
    if ( extd >= 0x80000021 && extd < 0x80010000 )
    {
        policy_leaf(kind, NULL, 0x80000021, NA, r);
        fs[11] = r[0];
        fs[18] = r[2];
    }
    /* Words 16 and 17 (ARCH_CAPABILITIES) stay clear: not offered. */
}
