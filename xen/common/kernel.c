/*
 * Panic, BUG and ASSERT handling; initcalls; version strings.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/console.h>
#include <xen/spinlock.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <xen/version.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/regs.h>

const char xen_changeset[] = BUILD_ID;
const char xen_build_date[] = __DATE__ " " __TIME__;

static DEFINE_SPINLOCK(panic_lock);

/*
 * A fatal error: say why, then reboot after 5 s (or halt with 'noreboot').  The
 * message is printed whatever the log level, on a console taken by force.
 */
void panic(const char *fmt, ...)
{
    static char buf[512];
    va_list args;
    unsigned long flags;

    local_irq_save(flags);
    (void)flags;
    console_panicking = true;
    spin_lock(&panic_lock);
    console_force_unlock();

    va_start(args, fmt);
    vsnprintf(buf, sizeof(buf), fmt, args);
    va_end(args);

    printk("\n****************************************\n");
    printk("Panic on CPU %u:\n", smp_processor_id());
    printk("%s\n", buf);
    printk("****************************************\n\n");
    if ( opt_noreboot )
    {
        printk("Manual reset required ('noreboot' specified)\n");
        machine_halt();
    }
    printk("Reboot in five seconds...\n");
    machine_restart(5000);
}

/* A register frame for the current point of execution, for BUG/ASSERT reports. */
static void __noreturn report_and_panic(const char *what, const char *file, int line)
{
    struct cpu_user_regs regs;

    memset(&regs, 0, sizeof(regs));
    regs.rip = (unsigned long)__builtin_return_address(0);
    /* Our caller's frame: the saved frame pointer at the base of ours. */
    regs.rbp = *(unsigned long *)__builtin_frame_address(0);
    __asm__ ( "mov %%rsp, %0" : "=r" (regs.rsp) );
    regs.cs = 0xe008;
    console_force_unlock();
    show_execution_state(&regs);
    panic("%s at %s:%d", what, file, line);
}

void __bug(const char *file, int line)
{
    report_and_panic("Xen BUG", file, line);
}

void assert_failed(const char *cond, const char *file, int line)
{
    static char buf[200];

    snprintf(buf, sizeof(buf), "Assertion '%s' failed", cond);
    report_and_panic(buf, file, line);
}

void __warn(const char *file, int line)
{
    printk(XENLOG_WARNING "Xen WARN at %s:%d, called from %pS\n", file, line,
           __builtin_return_address(0));
}

extern const initcall_t __initcall_start[], __presmp_initcall_end[], __initcall_end[];

void __init do_presmp_initcalls(void)
{
    const initcall_t *call;

    for ( call = __initcall_start; call < __presmp_initcall_end; call++ )
        (*call)();
}

void __init do_initcalls(void)
{
    const initcall_t *call;

    for ( call = __presmp_initcall_end; call < __initcall_end; call++ )
        (*call)();
}
