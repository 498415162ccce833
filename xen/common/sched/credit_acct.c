/*
 * Credit accounting arithmetic (see credit_acct.h).  Pure functions.
 */
#include <xen/lib.h>
#include "credit_acct.h"

void credit_acct_shares(struct credit_dom_acct *doms, unsigned int nr_doms,
                        unsigned int ncpus, int *balance)
{
    u64 weight_total = 0;
    long credit_total = (long)ncpus * CSCHED_CREDITS_PER_ACCT + *balance;
    long handed_out = 0;
    unsigned int i;

    for ( i = 0; i < nr_doms; i++ )
        weight_total += (u64)doms[i].weight * doms[i].active_vcpus;
    if ( credit_total < 0 )
        credit_total = 0;

    for ( i = 0; i < nr_doms; i++ )
    {
        struct credit_dom_acct *d = &doms[i];
        long fair, peak;

        d->vcpu_credit = 0;
        if ( !d->active_vcpus || !weight_total )
            continue;
        /* Proportional share, rounded up (Xen does the same). */
        fair = (long)(((u64)credit_total * d->weight * d->active_vcpus + weight_total - 1) /
                      weight_total);
        /* No more than its active vCPUs can burn, at one CPU each. */
        peak = (long)min(d->active_vcpus, ncpus) * CSCHED_CREDITS_PER_ACCT;
        if ( d->cap )
        {
            long cap = ((long)d->cap * CSCHED_CREDITS_PER_ACCT + 99) / 100;

            if ( cap < peak )
                peak = cap;
        }
        if ( fair > peak )
            fair = peak;
        handed_out += fair;
        d->vcpu_credit = (int)((fair + d->active_vcpus - 1) / d->active_vcpus);
    }
    /* What could not be handed out carries over, bounded to one period's worth. */
    *balance = (int)min_t(long, credit_total - handed_out,
                          (long)ncpus * CSCHED_CREDITS_PER_ACCT);
    if ( *balance < 0 )
        *balance = 0;
}

struct credit_vcpu_acct credit_acct_vcpu(int credit, int share, bool capped)
{
    struct credit_vcpu_acct r = { .credit = credit + share };

    if ( r.credit < 0 )
    {
        r.pri = CSCHED_PRI_TS_OVER;
        /* A capped vCPU that overspent by more than a slice sits out until refilled. */
        r.park = capped && r.credit < -CSCHED_CREDITS_PER_TSLICE;
    }
    else
    {
        r.pri = CSCHED_PRI_TS_UNDER;
        /* A vCPU that does not spend what it earns stops accumulating. */
        if ( r.credit > CSCHED_CREDITS_PER_TSLICE )
        {
            r.deactivate = true;
            r.credit = 0;
        }
    }
    return r;
}
