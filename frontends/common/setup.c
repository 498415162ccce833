/*
 * Start of day: from head.S to test_main() and the result line.
 */
#include <pvguest/events.h>
#include <pvguest/hypercall.h>
#include <pvguest/mm.h>
#include <pvguest/test.h>

start_info_t *start_info;
shared_info_t *shared_info;
struct pv_cpu pv_cpus[MAX_VCPUS];
unsigned int nr_vcpus = 1;
bool hypercall_use_syscall;

/* The page shared_info is mapped at (its own frame is given up). */
static uint8_t shared_info_page[PAGE_SIZE] __page_aligned;

int percpu_set_gs(struct pv_cpu *cpu)
{
    return (int)HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL,
                                            (unsigned long)cpu);
}

static void percpu_init_boot(void)
{
    struct pv_cpu *cpu = &pv_cpus[0];
    long rc;

    cpu->self = cpu;
    cpu->vcpu_id = 0;
    cpu->stack_top = boot_stack_top;
    rc = percpu_set_gs(cpu);
    if ( rc )
    {
        /* No this_cpu() yet: report what we can and stop. */
        printk("set_segment_base(SEGBASE_GS_KERNEL) failed: %ld\n", rc);
        printk("Test result: ERROR\n");
        hypervisor_shutdown(SHUTDOWN_poweroff);
    }
}

static void map_shared_info(void)
{
    long rc = HYPERVISOR_update_va_mapping(
        (unsigned long)shared_info_page, start_info->shared_info | PTE_RW,
        UVMF_INVLPG | UVMF_LOCAL);

    if ( rc )
        test_abort("mapping shared_info at %p: %ld", shared_info_page, rc);
    shared_info = (shared_info_t *)shared_info_page;
    pv_cpus[0].vcpu_info = &shared_info->vcpu_info[0];
}

void hypervisor_shutdown(unsigned int reason)
{
    struct sched_shutdown s = { .reason = reason };

    for ( ;; )
        HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
}

void pv_start(start_info_t *si)
{
    start_info = si;
    /* Xen fills the page only when the image asked for it. */
    hypercall_use_syscall = hypercall_page[0] == 0;

    percpu_init_boot();
    printk("--- pvguest: %s ---\n", test_title);
    printk("start_info %p: %s, %lu pages, flags 0x%x, hypercalls via %s\n",
           si, si->magic, si->nr_pages, si->flags,
           hypercall_use_syscall ? "syscall" : "the hypercall page");

    traps_init();
    mm_init();
    if ( map_va(boot_stack_guard, 0) )
        printk("warning: could not unmap the boot stack's guard page\n");
    map_shared_info();
    events_init();

    test_main();
    test_exit();
}
