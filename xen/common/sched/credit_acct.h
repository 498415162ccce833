/*
 * The credit scheduler's accounting arithmetic, kept free of locks and lists so it
 * is unit-tested on the host (tests/unit/test-credit.c).  Numbers and rules follow
 * Xen's credit1: credits are earned every accounting period (30 ms) in proportion to
 * the domain's weight, shared among its active vCPUs, limited by the cap (percent of
 * one CPU) and by what the active vCPUs could use; running burns 10 credits per ms.
 */
#ifndef COMMON_SCHED_CREDIT_ACCT_H
#define COMMON_SCHED_CREDIT_ACCT_H

#include <xen/types.h>

#define CSCHED_DEFAULT_WEIGHT       256
#define CSCHED_MAX_WEIGHT           65535
#define CSCHED_CREDITS_PER_MSEC     10
#define CSCHED_DEFAULT_TSLICE_MS    30
#define CSCHED_TICKS_PER_TSLICE     3
#define CSCHED_TICKS_PER_ACCT       3
#define CSCHED_CREDITS_PER_TSLICE   (CSCHED_CREDITS_PER_MSEC * CSCHED_DEFAULT_TSLICE_MS)
#define CSCHED_CREDITS_PER_ACCT     CSCHED_CREDITS_PER_TSLICE

/* Priorities, highest first. */
#define CSCHED_PRI_TS_BOOST   0
#define CSCHED_PRI_TS_UNDER  -1
#define CSCHED_PRI_TS_OVER   -2
#define CSCHED_PRI_IDLE     -64

struct credit_dom_acct {
    unsigned int weight;        /* in */
    unsigned int cap;           /* in: percent of one CPU, 0 = uncapped */
    unsigned int active_vcpus;  /* in */
    int vcpu_credit;            /* out: credits each active vCPU earns this period */
};

/*
 * Split one accounting period's credits (ncpus * CSCHED_CREDITS_PER_ACCT, plus what
 * idle domains could not use last time, *balance) among the active domains.  Updates
 * *balance with the credits that no domain could take.
 */
void credit_acct_shares(struct credit_dom_acct *doms, unsigned int nr_doms,
                        unsigned int ncpus, int *balance);

/* Outcome of adding a vCPU's share to its credit. */
struct credit_vcpu_acct {
    int credit;                 /* new credit */
    int pri;                    /* CSCHED_PRI_TS_UNDER or _OVER */
    bool park;                  /* capped and over its cap: must not run */
    bool deactivate;            /* earned more than it can use: stop earning */
};

struct credit_vcpu_acct credit_acct_vcpu(int credit, int share, bool capped);

/* Credits burned by running for 'ns' nanoseconds. */
static inline int credit_burn(s64 ns)
{
    return (int)((ns * CSCHED_CREDITS_PER_MSEC) / 1000000);
}

#endif /* COMMON_SCHED_CREDIT_ACCT_H */
