/*
 * vCPUs of a PV domain (Xen's public vcpu.h, sched.h):
 * - VCPUOP_is_up answers for every vCPU the domain has (-ENOENT past it);
 *   secondary vCPUs of dom0 start down and uninitialised;
 * - VCPUOP_initialise installs a full vcpu_guest_context once (-EEXIST
 *   after); VCPUOP_up runs it; VCPUOP_down stops it where it is, and up
 *   resumes it there;
 * - event channels bound to a vCPU notify that vCPU; system time agrees
 *   between vCPUs;
 * - VCPUOP_register_vcpu_info moves a vCPU's vcpu_info into a guest page
 *   (once); the hypervisor then updates time and events there;
 * - runstate areas and VCPUOP_get_runstate_info report running/offline
 *   and the time spent in each state;
 * - SCHEDOP_shutdown_code, remote_shutdown and watchdog.
 */
#include <pvguest/smp.h>
#include <pvguest/test.h>

const char test_title[] = "vcpu_op, SMP, vcpu_info and runstate";

static volatile unsigned int seen_vcpu, seen_up, seen_self_ok;
static volatile unsigned int count0, count1, handler1_vcpu;
static volatile uint64_t t0, t1;
static volatile bool spinning, release;
static volatile unsigned long spins;
static evtchn_port_t p0, p1;
static vcpu_runstate_info_t runstate0, runstate1;

static void work_basic(void *arg)
{
    struct pv_cpu *cpu = this_cpu();

    seen_vcpu = cpu->vcpu_id;
    seen_self_ok = cpu->self == &pv_cpus[1];
    seen_up = (unsigned int)HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL);
    pv_sleep(MILLISECS(2));            /* its own VIRQ_TIMER */
}

static void handler0(evtchn_port_t port, void *arg)
{
    count0++;
}

static void handler1(evtchn_port_t port, void *arg)
{
    t1 = pv_now();
    handler1_vcpu = this_cpu()->vcpu_id;
    count1++;
}

static bool reached(void *arg)
{
    return *(volatile unsigned int *)arg != 0;
}

static void work_ipi(void *arg)
{
    evtchn_send(p0);
    wait_until(reached, (void *)&count1, SECONDS(5));
}

static void work_spin(void *arg)
{
    uint64_t end = pv_now() + SECONDS(20);

    spinning = true;
    while ( !READ_ONCE(release) && pv_now() < end )
        spins++;
}

static bool is_spinning(void *arg)
{
    return spinning;
}

static bool spins_moved(void *arg)
{
    return spins != *(unsigned long *)arg;
}

static vcpu_guest_context_t ctxt_buf;

static void test_bring_up(void)
{
    vcpu_guest_context_t *ctxt = &ctxt_buf;
    struct vcpu_register_runstate_memory_area ra;
    uint64_t *bad_l4 = alloc_pool_page();
    long rc;

    check_eq(smp_count_vcpus(), 2, "dom0 has 2 vCPUs (dom0_max_vcpus=2)");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 0, NULL), 1, "vCPU 0 is up");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 0,
             "vCPU 1 starts down");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 2, NULL), -ENOENT,
             "VCPUOP_is_up past the last vCPU");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_up, 99, NULL), -ENOENT,
             "VCPUOP_up of vCPU 99");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), -EINVAL,
             "VCPUOP_up of an uninitialised vCPU");
    check_eq(HYPERVISOR_vcpu_op(99, 0, NULL), -ENOSYS, "unknown vcpu_op");

    set_xen_guest_handle(ra.addr.h, &runstate1);
    rc = HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 1, &ra);
    check_eq(rc, 0, "runstate area for the down vCPU 1");
    check_eq(runstate1.state, RUNSTATE_offline, "vCPU 1 is offline");

    /* A context whose page table is not a valid L4 is refused. */
    vcpu_fill_context(ctxt, 1, (unsigned long)work_basic,
                      (unsigned long)(bad_l4 + 512), 0);
    ctxt->ctrlreg[3] = (unsigned long)virt_to_mfn(bad_l4) << PAGE_SHIFT;
    rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, ctxt);
    check_eq(rc, -EINVAL, "VCPUOP_initialise with a writable page as L4");

    rc = smp_init_vcpu(1);
    check_eq(rc, 0, "VCPUOP_initialise of vCPU 1");
    vcpu_fill_context(ctxt, 1, (unsigned long)work_basic,
                      (unsigned long)(bad_l4 + 512), 0);
    rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, ctxt);
    check_eq(rc, -EEXIST, "VCPUOP_initialise a second time");
    rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, 0, ctxt);
    check_eq(rc, -EEXIST, "VCPUOP_initialise of the running vCPU 0");

    rc = smp_run_on(1, work_basic, NULL, SECONDS(10));
    check_eq(rc, 0, "work ran on vCPU 1 and it went down again");
    check_eq(seen_vcpu, 1, "it ran as vCPU 1");
    check(seen_self_ok, "with its own kernel GS base (gs_base_kernel)");
    check_eq(seen_up, 1, "VCPUOP_is_up(1) on vCPU 1 itself");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 0,
             "down again afterwards");
    check(runstate1.time[RUNSTATE_running] > 0,
          "vCPU 1's runstate counts running time");
    check_eq(runstate1.state, RUNSTATE_offline, "and shows it offline again");
}

static void test_ipis(void)
{
    long rc;

    rc = evtchn_bind_ipi(0, &p0);
    check_eq(rc, 0, "IPI port on vCPU 0");
    rc = evtchn_bind_ipi(1, &p1);
    check_eq(rc, 0, "IPI port on vCPU 1");
    evtchn_set_handler(p0, handler0, NULL);
    evtchn_set_handler(p1, handler1, NULL);
    evtchn_unmask(p0);
    evtchn_unmask(p1);

    rc = smp_start_on(1, work_ipi, NULL);
    check_eq(rc, 0, "start vCPU 1");
    check(wait_until(reached, (void *)&count0, SECONDS(10)),
          "vCPU 1's IPI reached vCPU 0");
    t0 = pv_now();
    evtchn_send(p1);
    check_eq(smp_wait(1, SECONDS(10)), 0, "vCPU 1 finished");
    check_eq(count0, 1, "one event on vCPU 0");
    check_eq(count1, 1, "one event on vCPU 1");
    check_eq(handler1_vcpu, 1, "vCPU 1's port handled on vCPU 1");
    check(t1 + MICROSECS(100) >= t0,
          "system time agrees across vCPUs (%ld ns apart)",
          (long)(t1 - t0));
}

static void test_down_up(void)
{
    unsigned long s1, s2;
    long rc;

    release = false;
    rc = smp_start_on(1, work_spin, NULL);
    check_eq(rc, 0, "start a spinning vCPU 1");
    check(wait_until(is_spinning, NULL, SECONDS(10)), "vCPU 1 spins");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 1, "and is up");
    rc = HYPERVISOR_vcpu_op(VCPUOP_down, 1, NULL);
    check_eq(rc, 0, "VCPUOP_down of vCPU 1 from vCPU 0");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 0, "it is down");
    pv_sleep(MILLISECS(20));
    s1 = spins;
    pv_sleep(MILLISECS(30));
    s2 = spins;
    check_eq(s2, s1, "a down vCPU does not run");
    rc = HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL);
    check_eq(rc, 0, "VCPUOP_up again");
    check(wait_until(spins_moved, &s2, SECONDS(10)),
          "it resumes where it stopped");
    release = true;
    check_eq(smp_wait(1, SECONDS(10)), 0, "and finishes");
}

static uint32_t version_at;

static bool time_version_moved(void *arg)
{
    const vcpu_info_t *vi = arg;

    return READ_ONCE(vi->time.version) != version_at;
}

static void test_vcpu_info(void)
{
    uint8_t *page = alloc_pool_page();
    vcpu_register_vcpu_info_t r = { .mfn = virt_to_mfn(page), .offset = 64 };
    vcpu_info_t *vi = (vcpu_info_t *)(page + 64);
    unsigned int before;
    uint64_t old_time = this_vcpu_info()->time.system_time;
    long rc;

    r.offset = PAGE_SIZE - 32;
    rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 1, &r);
    check_eq(rc, -ENXIO, "vcpu_info crossing the end of its page");

    r.offset = 64;
    local_events_disable();
    rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &r);
    check_eq(rc, 0, "VCPUOP_register_vcpu_info for vCPU 0");
    if ( rc )
    {
        local_events_enable();
        return;
    }
    this_cpu()->vcpu_info = vi;
    check_eq(vi->evtchn_upcall_mask, 1, "state carried over (mask)");
    local_events_enable();
    check_eq(vi->time.version & 1, 0, "time record in the new place");
    check(vi->time.system_time >= old_time, "and current");
    before = count0;
    evtchn_send(p0);
    check_eq(count0, before + 1, "events delivered through the new vcpu_info");
    /* The record changes at the hypervisor's next calibration (~1 s). */
    version_at = vi->time.version;
    check(wait_until(time_version_moved, vi, SECONDS(5)),
          "the hypervisor updates time there");
    rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &r);
    check_eq(rc, -EINVAL, "VCPUOP_register_vcpu_info a second time");

    /* vCPU 1 too, while it is down; then run it on the new one. */
    r.offset = 128;
    rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 1, &r);
    check_eq(rc, 0, "register_vcpu_info for the down vCPU 1");
    pv_cpus[1].vcpu_info = (vcpu_info_t *)(page + 128);
    count0 = count1 = 0;
    rc = smp_start_on(1, work_ipi, NULL);
    check_eq(rc, 0, "start vCPU 1");
    check(wait_until(reached, (void *)&count0, SECONDS(10)),
          "vCPU 1 sent its IPI");
    evtchn_send(p1);
    check_eq(smp_wait(1, SECONDS(10)), 0, "vCPU 1 ran on its new vcpu_info");
    check_eq(count1, 1, "and took its event there");
}

static void test_runstate(void)
{
    struct vcpu_register_runstate_memory_area ra;
    vcpu_runstate_info_t info;
    uint64_t now;
    long rc;

    set_xen_guest_handle(ra.addr.h, &runstate0);
    rc = HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &ra);
    check_eq(rc, 0, "VCPUOP_register_runstate_memory_area");
    now = pv_now();
    check_eq(runstate0.state, RUNSTATE_running, "vCPU 0 is running");
    check(runstate0.state_entry_time <= now, "entered that state in the past");
    check(runstate0.time[RUNSTATE_running] > 0, "has run for a while");
    rc = HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &info);
    check_eq(rc, 0, "VCPUOP_get_runstate_info");
    check_eq(info.state, RUNSTATE_running, "same state");
    check(info.time[RUNSTATE_running] >= runstate0.time[RUNSTATE_running],
          "running time only grows");
    rc = HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 1, &info);
    check_eq(info.state, RUNSTATE_offline, "vCPU 1 offline");
    pv_sleep(MILLISECS(5));
    check(runstate0.time[RUNSTATE_blocked] > 0, "blocked time counted");
    rc = HYPERVISOR_vm_assist(VMASST_CMD_enable,
                              VMASST_TYPE_runstate_update_flag);
    check_eq(rc, 0, "VMASST_TYPE_runstate_update_flag");
    pv_sleep(MILLISECS(2));
    check_eq(runstate0.state_entry_time & XEN_RUNSTATE_UPDATE, 0,
             "update flag clear between updates");
}

static void test_sched_ops(void)
{
    struct sched_shutdown code = { .reason = SHUTDOWN_poweroff };
    struct sched_remote_shutdown remote = { .domain_id = 7,
                                            .reason = SHUTDOWN_poweroff };
    struct sched_watchdog wd = { .id = 0, .timeout = 60 };
    long rc, id;

    rc = HYPERVISOR_sched_op(SCHEDOP_shutdown_code, &code);
    check_eq(rc, 0, "SCHEDOP_shutdown_code");
    rc = HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &remote);
    check_eq(rc, -ESRCH, "SCHEDOP_remote_shutdown of a domain that is not");
    id = HYPERVISOR_sched_op(SCHEDOP_watchdog, &wd);
    check(id > 0, "SCHEDOP_watchdog creates a watchdog (id %ld)", id);
    wd.id = (uint32_t)id;
    wd.timeout = 0;
    rc = HYPERVISOR_sched_op(SCHEDOP_watchdog, &wd);
    check_eq(rc, 0, "SCHEDOP_watchdog with timeout 0 removes it");
    rc = HYPERVISOR_sched_op(SCHEDOP_watchdog, &wd);
    check_eq(rc, -EINVAL, "removing it again");
}

void test_main(void)
{
    test_bring_up();
    test_ipis();
    test_down_up();
    test_vcpu_info();
    test_runstate();
    test_sched_ops();
    test_success();
}
