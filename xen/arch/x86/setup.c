/*
 * __start_xen: the boot sequence of the boot CPU, from the multiboot hand-over to
 * the idle loop.  The order matters: the console needs the command line; memory
 * needs the e820 map; everything after the heap can allocate; timers need the
 * calibrated TSC and the local APIC; the other CPUs need timers and the scheduler.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/acpi.h>
#include <xen/console.h>
#include <xen/keyhandler.h>
#include <xen/irq.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/serial.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/version.h>
#include <asm/apic.h>
#include <asm/bootinfo.h>
#include <asm/cpufeature.h>
#include <asm/desc.h>
#include <asm/e820.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/dom0_build.h>
#include <asm/m2p.h>
#include <asm/pv/traps.h>

char cpu0_stack[STACK_SIZE] __aligned(STACK_SIZE) __section(".bss.stack_aligned");
char saved_cmdline[1024];

extern char __image_start[], __image_end[];


void __init cmdline_parse(const char *cmdline)
{
    static char buf[sizeof(saved_cmdline)];
    extern const struct kernel_param __setup_start[], __setup_end[];

    strlcpy(saved_cmdline, cmdline, sizeof(saved_cmdline));
    strlcpy(buf, cmdline, sizeof(buf));
    parse_params(buf, __setup_start, __setup_end);
}

/* Ranges the boot allocator must never hand out. */
struct reserved {
    paddr_t s, e;
};

static unsigned int collect_reserved(struct reserved *r, unsigned int max)
{
    unsigned int n = 0, i;

    r[n++] = (struct reserved){ 0, 0x100000 };     /* BIOS area, trampoline, VGA */
    r[n++] = (struct reserved){ (paddr_t)(__image_start - XEN_VIRT_START),
                                (paddr_t)(__image_end - XEN_VIRT_START) };
    for ( i = 0; i < boot_info.nr_modules && n < max; i++ )
        r[n++] = (struct reserved){ boot_info.mods[i].start & PAGE_MASK,
                                    PAGE_ALIGN(boot_info.mods[i].start +
                                               boot_info.mods[i].size) };
    return n;
}

/* Give the boot allocator [s, e) minus every reserved range. */
static void add_free_range(paddr_t s, paddr_t e, const struct reserved *r, unsigned int nr)
{
    unsigned int i;

    for ( i = 0; i < nr && s < e; i++ )
    {
        if ( r[i].e <= s || r[i].s >= e )
            continue;
        if ( r[i].s > s )
            add_free_range(s, r[i].s, r + i + 1, nr - i - 1);
        s = r[i].e;
    }
    if ( s < e )
        init_boot_pages(s, e);
}

static bool range_is_ram(paddr_t s, paddr_t e)
{
    unsigned int i;

    for ( i = 0; i < e820.nr_map; i++ )
        if ( e820.map[i].type == E820_RAM && e820.map[i].addr <= s &&
             e820.map[i].addr + e820.map[i].size >= e )
            return true;
    return false;
}

/* A page below 1 MiB, RAM and clear of the modules, for the CPU start-up code. */
static paddr_t pick_trampoline(void)
{
    paddr_t pa;
    unsigned int i;

    for ( pa = 0x9e000; pa >= 0x1000; pa -= PAGE_SIZE )
    {
        bool clash = !range_is_ram(pa, pa + PAGE_SIZE);

        for ( i = 0; i < boot_info.nr_modules && !clash; i++ )
            clash = pa < boot_info.mods[i].start + boot_info.mods[i].size &&
                    pa + PAGE_SIZE > boot_info.mods[i].start;
        if ( !clash )
            return pa;
    }
    return 0;
}

static void __init setup_memory(void)
{
    static struct reserved reserved[MAX_BOOT_MODULES + 2];
    unsigned int i, nr_reserved;

    e820.nr_map = e820_sanitize(boot_info.raw_e820, boot_info.nr_raw_e820, e820.map, E820MAX);
    printk("Xen-e820 RAM map:\n");
    e820_print(&e820);

    max_page = PFN_UP(e820_ram_top(&e820));
    total_pages = e820_ram_total(&e820) >> PAGE_SHIFT;
    if ( total_pages < (32UL << (20 - PAGE_SHIFT)) )
        panic("Only %lu MiB of RAM found: the hypervisor needs at least 32 MiB",
              total_pages >> (20 - PAGE_SHIFT));

    set_trampoline_phys(pick_trampoline());
    nr_reserved = collect_reserved(reserved, ARRAY_SIZE(reserved));

    /* Until the direct map covers all RAM, allocate only from the low 4 GiB. */
    boot_alloc_limit_mfn = 1UL << (32 - PAGE_SHIFT);
    for ( i = 0; i < e820.nr_map; i++ )
        if ( e820.map[i].type == E820_RAM )
            add_free_range(e820.map[i].addr, e820.map[i].addr + e820.map[i].size,
                           reserved, nr_reserved);

    init_directmap();
    remap_xen_image();
    init_frametable();
    /* Frames of RAM are not 'reserved' (init_frametable marked everything so). */
    for ( i = 0; i < e820.nr_map; i++ )
        if ( e820.map[i].type == E820_RAM )
            frametable_mark_ram(PFN_UP(e820.map[i].addr),
                                PFN_DOWN(e820.map[i].addr + e820.map[i].size));
    end_boot_allocator();

    printk("Memory: %lu MiB RAM, %lu MiB free for guests (max_page %#lx)\n",
           total_pages >> (20 - PAGE_SHIFT), avail_heap_pages() >> (20 - PAGE_SHIFT),
           max_page);
    printk("Scrubbing free RAM in the background\n");
}

/* Check the modules the boot loader gave us before anything relies on them. */
static void __init check_modules(void)
{
    unsigned int i;

    if ( boot_info.modules_truncated )
        printk(XENLOG_WARNING "More than %u boot modules: the rest are ignored\n",
               MAX_BOOT_MODULES);
    for ( i = 0; i < boot_info.nr_modules; i++ )
    {
        const struct boot_module *m = &boot_info.mods[i];

        if ( !m->size )
            panic("Boot module %u ('%s') is empty", i + 1, m->cmdline);
        if ( !range_is_ram(m->start, m->start + m->size) )
            panic("Boot module %u ('%s') at [%#lx, %#lx) is not in RAM", i + 1, m->cmdline,
                  (unsigned long)m->start, (unsigned long)(m->start + m->size));
    }
}

void __noreturn __start_xen(u32 mb_magic, u32 mb_info);
void __noreturn __start_xen(u32 mb_magic, u32 mb_info)
{
    const char *err;

    set_cpu_stack_base(0, (unsigned long)cpu0_stack);
    early_cpu_init();
    init_idt();
    {
        struct desc_ptr idtr = { sizeof(idt_table) - 1, (unsigned long)idt_table };

        __asm__ __volatile__ ( "lidt %0" :: "m" (idtr) );
    }

    err = parse_multiboot(mb_magic, mb_info);
    cmdline_parse(boot_info.cmdline);
    console_init_preirq();

    printk("%s %s (changeset %s, %s) built %s\n", XEN_PRODUCT_NAME, XEN_FULLVERSION_STRING,
           xen_changeset, XEN_COMPILER, xen_build_date);
    printk("Bootloader: %s (multiboot%s)\n", boot_info.loader[0] ? boot_info.loader : "unknown",
           boot_info.mb_version == 2 ? "2" : "");
    printk("Command line: %s\n", saved_cmdline);
    if ( err )
        panic("Cannot boot: %s", err);
    print_cpu_info(0);

    setup_memory();
    check_modules();

    load_system_tables(0, (unsigned long)cpu0_stack);
    cpu_init();
    m2p_init();
    prealloc_xen_l3_slots();
    pv_percpu_syscall_init(0);
    print_cpu_features();
    console_init_postirq();

    apic_init_bsp();
    acpi_boot_init();
    disable_legacy_pic();
    init_irq_data();
    setup_local_APIC();
    io_apic_init();

    early_time_init();
    calibrate_apic_timer();
    timer_init();
    keyhandler_init();
    local_irq_enable();

    scheduler_init();
    idle_domain_init();
    scheduler_start_bsp();
    ns16550_init_postirq();
    do_presmp_initcalls();

    smp_prepare_cpus(NR_CPUS);
    do_initcalls();

    dom0_setup();

    console_endboot();
    startup_cpu_idle_loop();
}
