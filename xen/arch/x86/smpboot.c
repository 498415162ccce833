/*
 * Bringing up the other CPUs: INIT-SIPI-SIPI to each CPU found in the MADT, one at
 * a time, each given its own STACK_SIZE-aligned stack (IST pages at the bottom,
 * struct cpu_info at the top) and per-CPU data.
 */
#include <xen/lib.h>
#include <asm/setup.h>
#include <xen/init.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/softirq.h>
#include <asm/apic.h>
#include <asm/cpufeature.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/flushtlb.h>
#include <asm/pv/traps.h>

extern const char trampoline_start[], trampoline_end[];
extern u32 trampoline_cr3, trampoline_nx;
extern intpte_t idle_pg_table[];

cpumask_t cpu_online_map;
unsigned long ap_boot_stack;
static unsigned int ap_boot_cpu;
static volatile bool ap_callin;
static paddr_t trampoline_phys;
static unsigned long cpu_stack[NR_CPUS];
bool smp_up;

/* Where a CPU's stack block starts (CPU 0 runs on the image's cpu0_stack). */
unsigned long cpu_stack_base(unsigned int cpu)
{
    return cpu_stack[cpu];
}

void set_cpu_stack_base(unsigned int cpu, unsigned long base)
{
    cpu_stack[cpu] = base;
}

/* Reserve the trampoline page below 1 MiB before the boot allocator is set up. */
void __init set_trampoline_phys(paddr_t pa)
{
    trampoline_phys = pa;
}

void __noreturn start_secondary(void);
void __noreturn start_secondary(void)
{
    struct cpu_info *info = get_cpu_info();
    unsigned int cpu = ap_boot_cpu;

    info->processor_id = cpu;
    info->per_cpu_offset = __per_cpu_offset[cpu];
    info->current_vcpu = idle_vcpu[cpu];

    write_cr3(__pa(idle_pg_table));
    load_system_tables(cpu, cpu_stack[cpu]);
    cpu_init();
    pv_percpu_syscall_init(cpu);
    setup_local_APIC();
    timer_init_cpu(cpu);
    sched_cpu_up(cpu);

    cpumask_set_cpu(cpu, &cpu_online_map);
    ap_callin = true;
    local_irq_enable();
    startup_cpu_idle_loop();
}

static int wakeup_cpu(u32 apicid)
{
    unsigned int vector = trampoline_phys >> 12, i;

    apic_write(APIC_ESR, 0);
    apic_send_ipi(apicid, APIC_DM_INIT | APIC_INT_LEVELTRIG | APIC_INT_ASSERT);
    mdelay(10);
    if ( !x2apic_enabled )
        apic_send_ipi(apicid, APIC_DM_INIT | APIC_INT_LEVELTRIG);
    for ( i = 0; i < 2; i++ )
    {
        apic_send_ipi(apicid, APIC_DM_STARTUP | vector);
        udelay(300);
    }
    return 0;
}

int cpu_up(unsigned int cpu)
{
    u32 apicid = x86_cpu_to_apicid[cpu];
    void *stack;
    s_time_t deadline;
    int rc;

    if ( cpu_online(cpu) )
        return 0;
    if ( (rc = percpu_alloc(cpu)) )
        return rc;
    if ( !cpu_stack[cpu] )
    {
        stack = alloc_xenheap_pages(STACK_ORDER, 0);
        if ( !stack )
            return -ENOMEM;
        memset(stack, 0, STACK_SIZE);
        cpu_stack[cpu] = (unsigned long)stack;
    }
    if ( !idle_vcpu[cpu] && !vcpu_create(idle_domain, cpu) )
        return -ENOMEM;

    ap_boot_cpu = cpu;
    ap_boot_stack = cpu_stack[cpu] + STACK_SIZE - sizeof(struct cpu_info) - 8;
    ap_callin = false;
    smp_mb();

    wakeup_cpu(apicid);
    deadline = NOW() + SECONDS(5);
    while ( !ap_callin && NOW() < deadline )
        cpu_relax();
    if ( !ap_callin )
    {
        printk(XENLOG_ERR "CPU%u (APIC id %#x) did not start\n", cpu, apicid);
        return -EIO;
    }
    return 0;
}

/* Copy the trampoline down and start every present CPU. */
void __init smp_prepare_cpus(unsigned int max_cpus)
{
    unsigned int cpu, up = 1;
    u8 *t = maddr_to_virt(trampoline_phys);

    cpumask_set_cpu(0, &cpu_online_map);
    if ( num_processors > 1 && !trampoline_phys )
        printk(XENLOG_ERR "No low memory for the start-up trampoline: 1 CPU only\n");
    if ( num_processors == 1 || !trampoline_phys )
    {
        idle_pg_table[0] = 0;
        flush_tlb_all_local();
        smp_up = true;
        printk("Brought up 1 CPUs\n");
        return;
    }

    memcpy(t, trampoline_start, trampoline_end - trampoline_start);
    *(u32 *)(t + ((const char *)&trampoline_cr3 - trampoline_start)) = __pa(idle_pg_table);
    *(u32 *)(t + ((const char *)&trampoline_nx - trampoline_start)) = !!cpu_has_nx;

    for_each_present_cpu ( cpu )
    {
        if ( cpu == 0 || up >= max_cpus )
            continue;
        if ( !cpu_up(cpu) )
            up++;
    }
    /* The low identity map was only needed by the trampoline. */
    idle_pg_table[0] = 0;
    flush_tlb_all_local();
    smp_up = true;
    flush_tlb_all();
    printk("Brought up %u CPUs\n", num_online_cpus());
}
