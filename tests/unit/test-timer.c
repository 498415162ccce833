/*
 * Timer queues (common/timer.c): expiry order, re-arming, stopping, the slop that
 * batches close expiries, the one-shot programming, and migration between CPUs.
 * The clock and the softirq are driven by the test.
 */
#include <stdlib.h>
#include <string.h>
#include <xen/lib.h>
#include <xen/softirq.h>
#include <xen/timer.h>
#include <xen/time.h>
#include <xen/mm.h>
#include <xen/cpumask.h>
#include "harness.h"
#include "host_stubs.h"

static s_time_t now;
static s_time_t programmed[NR_CPUS];
static softirq_handler timer_softirq;
static unsigned int raised;

s_time_t get_s_time(void) { return now; }
void reprogram_timer(s_time_t deadline) { programmed[smp_processor_id()] = deadline; }
void open_softirq(unsigned int nr, softirq_handler h) { if ( nr == TIMER_SOFTIRQ ) timer_softirq = h; }
void raise_softirq(unsigned int nr) { raised++; }
void cpu_raise_softirq(unsigned int cpu, unsigned int nr) { raised++; }
bool heap_is_up(void) { return true; }
void *xmalloc_bytes(size_t n) { return malloc(n); }
void xfree(void *p) { free(p); }
cpumask_t cpu_online_map;

static char fired[512];
static size_t nfired;

static void record(void *data)
{
    fired[nfired++] = (char)(unsigned long)data;
    fired[nfired] = '\0';
}

static void run_cpu(unsigned int cpu)
{
    host_cpu_info.processor_id = cpu;
    timer_softirq();
    host_cpu_info.processor_id = 0;
}

static void reset(void)
{
    nfired = 0;
    fired[0] = '\0';
}

TEST(fires_in_expiry_order)
{
    static struct timer t[5];
    const char *names = "edcba";
    unsigned int i;

    timer_init();
    timer_init_cpu(1);
    cpumask_set_cpu(0, &cpu_online_map);
    cpumask_set_cpu(1, &cpu_online_map);
    reset();
    now = 0;
    for ( i = 0; i < 5; i++ )
    {
        init_timer(&t[i], record, (void *)(unsigned long)names[i], 0);
        set_timer(&t[i], MILLISECS(10 * (5 - i)));     /* 'a' earliest */
    }
    run_cpu(0);
    CHECK_STR(fired, "");
    CHECK_EQ(programmed[0], MILLISECS(10));
    now = MILLISECS(25);
    run_cpu(0);
    CHECK_STR(fired, "ab");
    CHECK_EQ(programmed[0], MILLISECS(30));
    now = MILLISECS(100);
    run_cpu(0);
    CHECK_STR(fired, "abcde");
    CHECK_EQ(programmed[0], 0);                         /* nothing left: disarmed */
}

TEST(rearm_stop_and_slop)
{
    static struct timer a, b, c;

    reset();
    now = 0;
    init_timer(&a, record, (void *)'a', 0);
    init_timer(&b, record, (void *)'b', 0);
    init_timer(&c, record, (void *)'c', 0);
    set_timer(&a, MILLISECS(5));
    set_timer(&b, MILLISECS(6));
    set_timer(&c, MILLISECS(7));
    set_timer(&a, MILLISECS(8));                        /* moved later */
    stop_timer(&b);
    CHECK(!timer_is_active(&b));
    CHECK(timer_is_active(&a));
    CHECK_EQ(programmed[0], 0);                         /* not reprogrammed until softirq */
    run_cpu(0);
    CHECK_EQ(programmed[0], MILLISECS(7));
    now = MILLISECS(7) - 10000;                         /* 10 us early: within the slop */
    run_cpu(0);
    CHECK_STR(fired, "c");
    now = MILLISECS(8);
    run_cpu(0);
    CHECK_STR(fired, "ca");
    stop_timer(&a);                                     /* stopping an inactive timer is fine */
    kill_timer(&c);
    CHECK_EQ(c.status, TIMER_STATUS_invalid);
}

static struct timer self_rearm;
static unsigned int self_count;

static void rearm_fn(void *data)
{
    if ( ++self_count < 3 )
        set_timer(&self_rearm, now + MILLISECS(1));
}

TEST(callback_may_rearm_itself)
{
    now = MILLISECS(100);
    init_timer(&self_rearm, rearm_fn, NULL, 0);
    set_timer(&self_rearm, now);
    run_cpu(0);
    CHECK_EQ(self_count, 1);
    CHECK(timer_is_active(&self_rearm));
    now += MILLISECS(1);
    run_cpu(0);
    now += MILLISECS(1);
    run_cpu(0);
    CHECK_EQ(self_count, 3);
    CHECK(!timer_is_active(&self_rearm));
}

TEST(migrate_between_cpus)
{
    static struct timer m;

    reset();
    now = 0;
    init_timer(&m, record, (void *)'m', 0);
    set_timer(&m, MILLISECS(3));
    migrate_timer(&m, 1);
    CHECK_EQ(m.cpu, 1);
    now = MILLISECS(5);
    run_cpu(0);
    CHECK_STR(fired, "");                               /* no longer on CPU 0 */
    run_cpu(1);
    CHECK_STR(fired, "m");
}

TEST(many_timers_heap_grows)
{
    static struct timer t[300];
    unsigned int i, order_ok = 1;
    s_time_t last = 0;

    reset();
    now = 0;
    for ( i = 0; i < 300; i++ )
    {
        init_timer(&t[i], record, (void *)(unsigned long)('0' + i % 10), 0);
        /* A scrambled permutation of expiry times. */
        set_timer(&t[i], MICROSECS(((i * 7919) % 300) * 100 + 1000));
    }
    for ( i = 0; i < 300; i++ )
        CHECK(timer_is_active(&t[i]));
    for ( now = 0; now <= MILLISECS(40); now += MICROSECS(100) )
    {
        s_time_t prog;

        run_cpu(0);
        prog = programmed[0];
        if ( prog && prog < last )
            order_ok = 0;
        if ( prog )
            last = prog;
    }
    CHECK(order_ok);
    CHECK_EQ(nfired, 300);
}

int main(void)
{
    test_suite = "timer";
    RUN(fires_in_expiry_order);
    RUN(rearm_stop_and_slop);
    RUN(callback_may_rearm_itself);
    RUN(migrate_between_cpus);
    RUN(many_timers_heap_grows);
    return test_summary();
}
