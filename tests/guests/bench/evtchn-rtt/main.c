/*
 * Event-channel round trip between vCPU 0 and vCPU 1, each with an IPI
 * port bound to it: vCPU 0 sends, vCPU 1 answers; the median of 4500
 * round trips, in cycles.
 * - "block": each side waits in SCHEDOP_block and is woken by the upcall,
 *   as an idle guest kernel is;
 * - "spin": events masked, each side polls its pending bit, which measures
 *   notification alone.
 */
#include "../bench.h"
#include <pvguest/smp.h>

const char test_title[] = "bench: event-channel round trip between vCPUs";

#define N 500

static evtchn_port_t to1, to0;
static volatile unsigned int got1, got0;
static volatile bool stop, spin_mode, ready;

static void on1(evtchn_port_t port, void *arg)
{
    got1++;
}

static void on0(evtchn_port_t port, void *arg)
{
    got0++;
}

/* Wait (blocking) until *ctr differs from seen; false after 5 s. */
static bool block_for(volatile unsigned int *ctr, unsigned int seen)
{
    uint64_t end = pv_now() + SECONDS(5);

    for ( ;; )
    {
        local_events_disable();
        if ( *ctr != seen )
            break;
        if ( pv_now() > end )
        {
            local_events_enable();
            return false;
        }
        HYPERVISOR_set_timer_op(end);
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
    }
    local_events_enable();
    return true;
}

/* Poll a port's pending bit with events masked; false after 5 s. */
static bool spin_for(evtchn_port_t port)
{
    uint64_t end = pv_now() + SECONDS(5);
    unsigned long i;

    for ( i = 0; ; i++ )
    {
        if ( evtchn_test_and_clear(port) )
            return true;
        if ( !(i & 1023) && pv_now() > end )
            return false;
    }
}

static void responder(void *arg)
{
    unsigned int seen = got1;

    ready = true;
    while ( !stop )
    {
        if ( spin_mode )
        {
            if ( !spin_for(to1) )
                continue;
        }
        else
        {
            if ( !block_for(&got1, seen) )
                continue;
            seen = got1;
        }
        if ( !stop )
            evtchn_send(to0);
    }
}

static bool is_ready(void *arg)
{
    return ready;
}

/*
 * Each round trip is timed on its own and the median of all of them is
 * reported: under an emulator a few round trips stall for milliseconds
 * when the host deschedules a vCPU thread, which would dominate a mean.
 */
static uint64_t samples[BENCH_REPS * N];

static uint64_t run(bool spin)
{
    unsigned int i, lost = 0;
    uint64_t t;

    for ( i = 0; i < BENCH_REPS * N; i++ )
    {
        unsigned int seen = got0;

        t = bench_tsc();
        evtchn_send(to1);
        if ( !(spin ? spin_for(to0) : block_for(&got0, seen)) )
            lost++;
        samples[i] = bench_tsc() - t;
    }
    check_eq(lost, 0, "no round trip lost");
    return bench_median(samples, BENCH_REPS * N);
}

void test_main(void)
{
    if ( evtchn_bind_ipi(1, &to1) || evtchn_bind_ipi(0, &to0) )
        test_abort("bind_ipi");
    evtchn_set_handler(to1, on1, NULL);
    evtchn_set_handler(to0, on0, NULL);
    evtchn_unmask(to1);
    evtchn_unmask(to0);

    if ( smp_start_on(1, responder, NULL) )
        test_abort("starting vCPU 1");
    if ( !wait_until(is_ready, NULL, SECONDS(10)) )
        test_abort("vCPU 1 did not start");
    bench_report("evtchn_rtt_block", run(false), "cycles");

    /*
     * Spinning: switch the responder over with one more (blocking) round
     * trip, then mask both ports so that events only set pending bits.
     */
    spin_mode = true;
    wmb();
    {
        unsigned int seen = got0;

        evtchn_send(to1);
        check(block_for(&got0, seen), "responder switched to spinning");
    }
    evtchn_mask(to1);
    evtchn_mask(to0);
    evtchn_test_and_clear(to0);
    local_events_disable();
    bench_report("evtchn_rtt_spin", run(true), "cycles");
    local_events_enable();

    stop = true;
    evtchn_send(to1);
    check_eq(smp_wait(1, SECONDS(10)), 0, "responder finished");
    test_success();
}
