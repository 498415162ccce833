/* Credit scheduler accounting arithmetic (common/sched/credit_acct.c). */
#include <string.h>
#include <xen/lib.h>
#include "../../xen/common/sched/credit_acct.h"
#include "harness.h"
#include "host_stubs.h"

TEST(shares_follow_weights)
{
    struct credit_dom_acct d[2] = { { .weight = 256, .active_vcpus = 1 },
                                    { .weight = 512, .active_vcpus = 1 } };
    int balance = 0;

    /* 4 CPUs: 1200 credits; 1:2 split would be 400:800 but each vCPU can use 300. */
    credit_acct_shares(d, 2, 4, &balance);
    CHECK_EQ(d[0].vcpu_credit, 300);
    CHECK_EQ(d[1].vcpu_credit, 300);
    CHECK_EQ(balance, 600);
    /* 1 CPU: 300 credits split 1:2. */
    balance = 0;
    credit_acct_shares(d, 2, 1, &balance);
    CHECK_EQ(d[0].vcpu_credit, 100);
    CHECK_EQ(d[1].vcpu_credit, 200);
    CHECK_EQ(balance, 0);
}

TEST(shares_split_among_vcpus)
{
    struct credit_dom_acct d[2] = { { .weight = 256, .active_vcpus = 4 },
                                    { .weight = 256, .active_vcpus = 2 } };
    int balance = 0;

    /* 2 CPUs = 600 credits; weight*vcpus = 1024 vs 512 -> 400 vs 200 credits. */
    credit_acct_shares(d, 2, 2, &balance);
    CHECK_EQ(d[0].vcpu_credit, 100);
    CHECK_EQ(d[1].vcpu_credit, 100);
}

TEST(caps_limit_share)
{
    struct credit_dom_acct d[2] = { { .weight = 256, .cap = 50, .active_vcpus = 2 },
                                    { .weight = 256, .active_vcpus = 2 } };
    int balance = 0;

    /* 2 CPUs: fair would be 300 each, but 50% of one CPU is 150. */
    credit_acct_shares(d, 2, 2, &balance);
    CHECK_EQ(d[0].vcpu_credit, 75);
    CHECK_EQ(d[1].vcpu_credit, 150);
    CHECK_EQ(balance, 150);
}

TEST(no_active_domains)
{
    int balance = 123;

    credit_acct_shares(NULL, 0, 2, &balance);
    CHECK_EQ(balance, 600);                 /* bounded to one period */
}

TEST(vcpu_priority_and_parking)
{
    struct credit_vcpu_acct r;

    r = credit_acct_vcpu(-50, 100, false);
    CHECK_EQ(r.credit, 50);
    CHECK_EQ(r.pri, -1);                    /* UNDER */
    CHECK(!r.park && !r.deactivate);

    r = credit_acct_vcpu(-500, 100, false);
    CHECK_EQ(r.pri, -2);                    /* OVER */
    CHECK(!r.park);

    r = credit_acct_vcpu(-500, 100, true);  /* capped and more than a slice over */
    CHECK(r.park);

    r = credit_acct_vcpu(250, 100, false);  /* 350 > 300: stops earning */
    CHECK(r.deactivate);
    CHECK_EQ(r.credit, 0);
}

TEST(burn_rate)
{
    CHECK_EQ(credit_burn(1000000), 10);     /* 10 credits per ms */
    CHECK_EQ(credit_burn(30000000), 300);   /* a full slice */
    CHECK_EQ(credit_burn(99999), 0);
}

int main(void)
{
    test_suite = "credit";
    RUN(shares_follow_weights);
    RUN(shares_split_among_vcpus);
    RUN(caps_limit_share);
    RUN(no_active_domains);
    RUN(vcpu_priority_and_parking);
    RUN(burn_rate);
    return test_summary();
}
