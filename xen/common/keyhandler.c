/*
 * Debug keys.  The handlers live next to what they dump (KEYHANDLER()); this file
 * dispatches a key and provides the general ones.  Keys: 'h' lists them all.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/keyhandler.h>
#include <xen/console.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/irq.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/shutdown.h>
#include <xen/version.h>
#include <asm/traps.h>
#include <asm/config.h>

extern const struct keyhandler __keyhandlers_start[], __keyhandlers_end[];

static const struct keyhandler *find_handler(unsigned char key)
{
    const struct keyhandler *h;

    for ( h = __keyhandlers_start; h < __keyhandlers_end; h++ )
        if ( h->key == key )
            return h;
    return NULL;
}

static void run_handler(const struct keyhandler *h, unsigned char key,
                        struct cpu_user_regs *regs)
{
    if ( !h )
    {
        printk("'%c' pressed -> no such debug key ('h' lists them)\n",
               (key >= 0x20 && key < 0x7f) ? key : '?');
        return;
    }
    if ( h->needs_regs )
    {
        struct cpu_user_regs here;

        if ( !regs )
        {
            /* Polled input: describe the point where we are now. */
            memset(&here, 0, sizeof(here));
            here.rip = (unsigned long)__builtin_return_address(0);
            here.rbp = (unsigned long)__builtin_frame_address(0);
            __asm__ ( "mov %%rsp, %0" : "=r" (here.rsp) );
            here.cs = __HYPERVISOR_CS;
            regs = &here;
        }
        h->u.irq_fn(key, regs);
    }
    else
        h->u.fn(key);
}

/*
 * Keys typed while the serial interrupt runs are queued and handled in
 * KEYHANDLER_SOFTIRQ: a handler that takes a lock (the domain list, a
 * scheduler lock) must not run on top of code that may hold it.  Only the
 * handlers that want the interrupted registers ('d') run at once; they take
 * no lock.  Polled input (regs == NULL: early boot, after a panic) runs at once.
 */
#define KEY_QUEUE 16
static unsigned char key_queue[KEY_QUEUE];
static unsigned int key_prod, key_cons;
static DEFINE_SPINLOCK(key_lock);

void handle_keypress(unsigned char key, struct cpu_user_regs *regs)
{
    const struct keyhandler *h = find_handler(key);
    unsigned long flags;

    if ( !regs || (h && h->needs_regs) )
    {
        run_handler(h, key, regs);
        return;
    }
    spin_lock_irqsave(&key_lock, flags);
    if ( key_prod - key_cons < KEY_QUEUE )
        key_queue[key_prod++ % KEY_QUEUE] = key;
    spin_unlock_irqrestore(&key_lock, flags);
    raise_softirq(KEYHANDLER_SOFTIRQ);
}

static void keyhandler_softirq(void)
{
    unsigned long flags;
    unsigned char key;

    for ( ;; )
    {
        spin_lock_irqsave(&key_lock, flags);
        if ( key_cons == key_prod )
        {
            spin_unlock_irqrestore(&key_lock, flags);
            return;
        }
        key = key_queue[key_cons++ % KEY_QUEUE];
        spin_unlock_irqrestore(&key_lock, flags);
        run_handler(find_handler(key), key, NULL);
    }
}

void __init keyhandler_init(void)
{
    open_softirq(KEYHANDLER_SOFTIRQ, keyhandler_softirq);
}

static void show_handlers(unsigned char key)
{
    const struct keyhandler *h;
    unsigned int c;

    printk("'%c' pressed -> showing installed handlers\n", key);
    /* In key order, as Xen lists them. */
    for ( c = 0; c < 256; c++ )
        for ( h = __keyhandlers_start; h < __keyhandlers_end; h++ )
            if ( h->key == c )
                printk(" key '%c' (ascii '%02x') => %s\n",
                       (c >= 0x20 && c < 0x7f) ? c : '?', c, h->desc);
}
KEYHANDLER('h', show_handlers, "show this message");

static void dump_registers(unsigned char key, struct cpu_user_regs *regs)
{
    printk("'%c' pressed -> dumping registers\n\n", key);
    printk("*** Dumping CPU%u host state: ***\n", smp_processor_id());
    show_execution_state(regs);
    dump_other_cpus();
}
IRQ_KEYHANDLER('d', dump_registers, "dump registers");

static void dump_memory(unsigned char key)
{
    printk("'%c' pressed -> dumping memory info\n", key);
    dump_heap();
}
KEYHANDLER('m', dump_memory, "memory info");

static void dump_timers(unsigned char key)
{
    printk("'%c' pressed -> dumping timer queues\n", key);
    dump_timerq();
}
KEYHANDLER('a', dump_timers, "dump timer queues");

static void dump_irq_info(unsigned char key)
{
    printk("'%c' pressed -> dumping interrupt bindings\n", key);
    dump_irqs();
}
KEYHANDLER('i', dump_irq_info, "dump interrupt bindings");

static void do_reboot(unsigned char key)
{
    printk("'%c' pressed -> rebooting machine\n", key);
    machine_restart(0);
}
KEYHANDLER('R', do_reboot, "reboot machine");

static void read_clocks(unsigned char key)
{
    s_time_t now = NOW();

    printk("'%c' pressed -> showing system time\n", key);
    printk("System time %ld.%09ld s since boot; wall clock at boot %lu s since 1970\n",
           (long)(now / 1000000000), (long)(now % 1000000000), (unsigned long)boot_wallclock);
}
KEYHANDLER('t', read_clocks, "display multi-cpu clock info");

static void show_version(unsigned char key)
{
    printk("'%c' pressed -> %s %s (changeset %s, built %s)\n", key, XEN_PRODUCT_NAME,
           XEN_FULLVERSION_STRING, xen_changeset, xen_build_date);
    printk("Command line: %s\n", saved_cmdline);
}
KEYHANDLER('v', show_version, "show version and command line");
