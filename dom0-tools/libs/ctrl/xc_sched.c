/*
 * xc_sched.c: scheduler parameters, per domain (domctl scheduler_op) and
 * per pool (sysctl scheduler_op), for the credit scheduler; per domain
 * also for credit2 (Xen 4.17's default).
 */
#include "xc_private.h"

/* See xc.h. */
int xc_sched_id(xc_interface *xch, unsigned int *sched_id)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_sched_id };
    int rc;

    xc__clear_error(xch);
    if ( !sched_id )
        return xc__inval(xch, "xc_sched_id: no result buffer");
    rc = xc__sysctl(xch, &op, "sched_id");
    if ( rc < 0 )
        return rc;
    *sched_id = op.u.sched_id.sched_id;
    return 0;
}

/*
 * XEN_DOMCTL_scheduler_op for the credit or credit2 scheduler, get or put:
 * both carry a 16-bit weight and a 16-bit cap, at the same offsets.
 */
static int credit_domain(xc_interface *xch, const char *fn, uint32_t domid,
                         uint32_t cmd, struct xc_sched_credit *p,
                         uint32_t sched_id)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_scheduler_op,
                             .domain = (domid_t)domid };
    int rc;

    xc__clear_error(xch);
    if ( (rc = xc__check_domid(xch, fn, domid)) )
        return rc;
    if ( !p )
        return xc__inval(xch, "%s: no parameters", fn);
    if ( cmd == XEN_DOMCTL_SCHEDOP_putinfo && p->weight == 0 )
        return xc__inval(xch, "%s: weight 0: must be 1 to 65535", fn);
    op.u.scheduler_op.sched_id = sched_id;
    op.u.scheduler_op.cmd = cmd;
    if ( sched_id == XEN_SCHEDULER_CREDIT2 )
    {
        op.u.scheduler_op.u.credit2.weight = p->weight;
        op.u.scheduler_op.u.credit2.cap = p->cap;
    }
    else
    {
        op.u.scheduler_op.u.credit.weight = p->weight;
        op.u.scheduler_op.u.credit.cap = p->cap;
    }
    rc = xc__domctl(xch, &op, "scheduler_op");
    if ( rc < 0 )
        return rc;
    if ( sched_id == XEN_SCHEDULER_CREDIT2 )
    {
        p->weight = op.u.scheduler_op.u.credit2.weight;
        p->cap = op.u.scheduler_op.u.credit2.cap;
    }
    else
    {
        p->weight = op.u.scheduler_op.u.credit.weight;
        p->cap = op.u.scheduler_op.u.credit.cap;
    }
    return 0;
}

/* See xc.h. */
int xc_sched_credit_domain_get(xc_interface *xch, uint32_t domid,
                               struct xc_sched_credit *p)
{
    return credit_domain(xch, "xc_sched_credit_domain_get", domid,
                         XEN_DOMCTL_SCHEDOP_getinfo, p, XEN_SCHEDULER_CREDIT);
}

/* See xc.h. */
int xc_sched_credit2_domain_get(xc_interface *xch, uint32_t domid,
                                struct xc_sched_credit *p)
{
    return credit_domain(xch, "xc_sched_credit2_domain_get", domid,
                         XEN_DOMCTL_SCHEDOP_getinfo, p, XEN_SCHEDULER_CREDIT2);
}

int xc_sched_credit_domain_set(xc_interface *xch, uint32_t domid,
                               const struct xc_sched_credit *p)
{
    struct xc_sched_credit copy;

    if ( !p )
        return xc__inval(xch, "xc_sched_credit_domain_set: no parameters");
    copy = *p;
    return credit_domain(xch, "xc_sched_credit_domain_set", domid,
                         XEN_DOMCTL_SCHEDOP_putinfo, &copy,
                         XEN_SCHEDULER_CREDIT);
}

/* See xc.h. */
int xc_sched_credit2_domain_set(xc_interface *xch, uint32_t domid,
                                const struct xc_sched_credit *p)
{
    struct xc_sched_credit copy;

    if ( !p )
        return xc__inval(xch, "xc_sched_credit2_domain_set: no parameters");
    copy = *p;
    return credit_domain(xch, "xc_sched_credit2_domain_set", domid,
                         XEN_DOMCTL_SCHEDOP_putinfo, &copy,
                         XEN_SCHEDULER_CREDIT2);
}

/* XEN_SYSCTL_scheduler_op for a pool's credit scheduler. */
static int credit_pool(xc_interface *xch, uint32_t cpupool, uint32_t cmd,
                       struct xc_sched_credit_params *p)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_scheduler_op };
    int rc;

    op.u.scheduler_op.cpupool_id = cpupool;
    op.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
    op.u.scheduler_op.cmd = cmd;
    op.u.scheduler_op.u.sched_credit.tslice_ms = p->tslice_ms;
    op.u.scheduler_op.u.sched_credit.ratelimit_us = p->ratelimit_us;
    op.u.scheduler_op.u.sched_credit.vcpu_migr_delay_us =
        p->vcpu_migr_delay_us;
    rc = xc__sysctl(xch, &op, "scheduler_op");
    if ( rc < 0 )
        return rc;
    p->tslice_ms = op.u.scheduler_op.u.sched_credit.tslice_ms;
    p->ratelimit_us = op.u.scheduler_op.u.sched_credit.ratelimit_us;
    p->vcpu_migr_delay_us =
        op.u.scheduler_op.u.sched_credit.vcpu_migr_delay_us;
    return 0;
}

/* See xc.h. */
int xc_sched_credit_params_get(xc_interface *xch, uint32_t cpupool,
                               struct xc_sched_credit_params *p)
{
    xc__clear_error(xch);
    if ( !p )
        return xc__inval(xch, "xc_sched_credit_params_get: no result buffer");
    return credit_pool(xch, cpupool, XEN_SYSCTL_SCHEDOP_getinfo, p);
}

/* See xc.h: the ranges are XEN_SYSCTL_CSCHED_* and SCHED_RATELIMIT_*. */
int xc_sched_credit_params_set(xc_interface *xch, uint32_t cpupool,
                               const struct xc_sched_credit_params *p)
{
    struct xc_sched_credit_params copy;

    xc__clear_error(xch);
    if ( !p )
        return xc__inval(xch, "xc_sched_credit_params_set: no parameters");
    if ( p->tslice_ms < XEN_SYSCTL_CSCHED_TSLICE_MIN ||
         p->tslice_ms > XEN_SYSCTL_CSCHED_TSLICE_MAX )
        return xc__inval(xch, "xc_sched_credit_params_set: time slice %u ms: "
                         "must be %u to %u", p->tslice_ms,
                         XEN_SYSCTL_CSCHED_TSLICE_MIN,
                         XEN_SYSCTL_CSCHED_TSLICE_MAX);
    if ( p->ratelimit_us &&
         (p->ratelimit_us < XEN_SYSCTL_SCHED_RATELIMIT_MIN ||
          p->ratelimit_us > XEN_SYSCTL_SCHED_RATELIMIT_MAX) )
        return xc__inval(xch, "xc_sched_credit_params_set: rate limit %u us: "
                         "must be 0 or %u to %u", p->ratelimit_us,
                         XEN_SYSCTL_SCHED_RATELIMIT_MIN,
                         XEN_SYSCTL_SCHED_RATELIMIT_MAX);
    if ( p->ratelimit_us > p->tslice_ms * 1000u )
        return xc__inval(xch, "xc_sched_credit_params_set: rate limit %u us "
                         "is longer than the time slice (%u ms)",
                         p->ratelimit_us, p->tslice_ms);
    if ( p->vcpu_migr_delay_us > XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US )
        return xc__inval(xch, "xc_sched_credit_params_set: migration delay "
                         "%u us: the most is %u", p->vcpu_migr_delay_us,
                         XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US);
    copy = *p;
    return credit_pool(xch, cpupool, XEN_SYSCTL_SCHEDOP_putinfo, &copy);
}

/* See xc.h. */
int xc_cpupool_free_cpus(xc_interface *xch, unsigned int *count)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_cpupool_op };
    const unsigned int nbits = 4096;
    uint8_t *map;
    unsigned int i;
    int rc;

    xc__clear_error(xch);
    if ( !count )
        return xc__inval(xch, "xc_cpupool_free_cpus: no result buffer");
    map = xc__buf(xch, nbits / 8);
    if ( !map )
        return -ENOMEM;
    op.u.cpupool_op.op = XEN_SYSCTL_CPUPOOL_OP_FREEINFO;
    set_xen_guest_handle(op.u.cpupool_op.cpumap.bitmap, map);
    op.u.cpupool_op.cpumap.nr_bits = nbits;
    rc = xc__sysctl(xch, &op, "cpupool_op");
    if ( rc >= 0 )
    {
        *count = 0;
        for ( i = 0; i < nbits; i++ )
            if ( map[i / 8] & (1u << (i % 8)) )
                ++*count;
        rc = 0;
    }
    xc__buf_free(xch, map, nbits / 8);
    return rc;
}
