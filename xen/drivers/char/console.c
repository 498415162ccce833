/*
 * The hypervisor console.
 *
 * Every printk() line gets the "(XEN) " prefix and, unless console_timestamps=none,
 * a "[seconds.micros]" time since boot.  Lines go to the log ring (conring, read by
 * the 'xl dmesg' path) whatever their level, and to the output devices when their
 * level passes loglvl= (guest_loglvl= for messages about guests).
 *
 * Serial input goes to the debug keys or to domain 0; typing the switch character
 * (Ctrl-A by default, conswitch=) three times in a row toggles between them.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/console.h>
#include <xen/init.h>
#include <xen/param.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/keyhandler.h>
#include <xen/mm.h>
#include <xen/serial.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <xen/sched.h>

/* console=com1,vga: the output devices, in Xen's syntax. */
static char __initdata opt_console[32] = "com1,vga";
string_param("console", opt_console);

/* conswitch=<c>[x]: switch character (Ctrl-<c>); 'x' would keep input on Xen at boot. */
static char opt_conswitch[3] = "a";
string_param("conswitch", opt_conswitch);

/* console_timestamps=none|boot|raw (Xen's date/datems need a wall clock we do not keep). */
static char opt_timestamps[8] = "boot";

static int parse_console_timestamps(const char *s)
{
    if ( strcmp(s, "none") && strcmp(s, "boot") && strcmp(s, "raw") )
        return -22;
    strlcpy(opt_timestamps, s, sizeof(opt_timestamps));
    return 0;
}
custom_param("console_timestamps", parse_console_timestamps);

static unsigned long opt_conring_size;
size_param("conring_size", opt_conring_size);

static bool opt_sync_console;
boolean_param("sync_console", opt_sync_console);

/* Thresholds: messages at or below 'lower' are printed.  Xen's defaults. */
static int xenlog_lower = 2;        /* info and more severe */
static int guestlog_lower = 1;      /* warning and more severe */

static int parse_loglvl_word(const char *s, const char **end)
{
    static const char *const names[] = { "none", "error", "warning", "info", "debug", "all" };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(names); i++ )
    {
        size_t n = strlen(names[i]);

        if ( !strncmp(s, names[i], n) && (s[n] == '\0' || s[n] == '/') )
        {
            *end = s + n;
            return (int)i - 1;      /* none=-1 error=0 .. debug=3 all=4 */
        }
    }
    return -2;
}

/* loglvl=<lvl>[/<rate-limited lvl>]; the second level is accepted and recorded. */
static int parse_loglvl_into(const char *s, int *lower)
{
    const char *end;
    int l = parse_loglvl_word(s, &end);

    if ( l == -2 )
        return -22;
    if ( *end == '/' && parse_loglvl_word(end + 1, &end) == -2 )
        return -22;
    *lower = l;
    return 0;
}

static int parse_loglvl(const char *s)
{
    return parse_loglvl_into(s, &xenlog_lower);
}
custom_param("loglvl", parse_loglvl);

static int parse_guest_loglvl(const char *s)
{
    return parse_loglvl_into(s, &guestlog_lower);
}
custom_param("guest_loglvl", parse_guest_loglvl);

int console_loglvl_for(bool guest)
{
    return guest ? guestlog_lower : xenlog_lower;
}

static DEFINE_SPINLOCK(console_lock);
static struct console_device *devices;
bool console_panicking;

/* The log ring: a static ring at boot, reallocated larger once the heap is up. */
#define CONRING_BOOT_SIZE 16384
static char conring_boot[CONRING_BOOT_SIZE];
static char *conring = conring_boot;
static size_t conring_size = CONRING_BOOT_SIZE;
static size_t conring_prod;         /* total bytes ever written */

static bool at_line_start = true;

static void conring_put(const char *s, size_t n)
{
    while ( n-- )
        conring[conring_prod++ % conring_size] = *s++;
}

size_t console_ring_size(void)
{
    return conring_size;
}

/*
 * XEN_SYSCTL_readconsole: where the ring starts after the last clear, and how
 * far it is written (byte counts since boot, see xen/conring.h).
 */
static size_t conring_cons;

void console_ring_bounds(u64 *cons, u64 *prod, u64 *size)
{
    unsigned long flags;

    spin_lock_irqsave(&console_lock, flags);
    *cons = conring_cons;
    *prod = conring_prod;
    *size = conring_size;
    spin_unlock_irqrestore(&console_lock, flags);
}

void console_ring_clear(u64 upto)
{
    unsigned long flags;

    spin_lock_irqsave(&console_lock, flags);
    if ( upto > conring_cons && upto <= conring_prod )
        conring_cons = upto;
    spin_unlock_irqrestore(&console_lock, flags);
}

size_t console_ring_read(char *buf, size_t len, size_t *offset)
{
    unsigned long flags;
    size_t first, n = 0;

    spin_lock_irqsave(&console_lock, flags);
    first = conring_prod > conring_size ? conring_prod - conring_size : 0;
    if ( *offset < first )
        *offset = first;
    while ( n < len && *offset < conring_prod )
    {
        buf[n++] = conring[*offset % conring_size];
        (*offset)++;
    }
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}

/*
 * Output shown before any device exists (option warnings, the banner) is kept here
 * and written to each device as it registers, so nothing printed early is lost.
 */
static char early_buf[4096];
static size_t early_len;

void console_register(struct console_device *dev)
{
    dev->next = devices;
    devices = dev;
    if ( early_len )
        dev->puts(early_buf, early_len);
}

static void devices_put(const char *s, size_t n)
{
    struct console_device *d;

    if ( !devices )
    {
        size_t room = sizeof(early_buf) - early_len;

        memcpy(early_buf + early_len, s, n < room ? n : room);
        early_len += n < room ? n : room;
        return;
    }

    for ( d = devices; d; d = d->next )
        d->puts(s, n);
}

static void emit(const char *s, size_t n, bool to_devices)
{
    conring_put(s, n);
    if ( to_devices )
        devices_put(s, n);
}

static void emit_prefix(bool to_devices)
{
    char buf[32];
    int n = 0;

    emit("(XEN) ", 6, to_devices);
    if ( !strcmp(opt_timestamps, "boot") )
    {
        s_time_t now = NOW();

        n = snprintf(buf, sizeof(buf), "[%5lu.%06lu] ",
                     (unsigned long)(now / 1000000000),
                     (unsigned long)((now % 1000000000) / 1000));
    }
    else if ( !strcmp(opt_timestamps, "raw") )
        n = snprintf(buf, sizeof(buf), "[%016lx] ", (unsigned long)NOW());
    if ( n > 0 )
        emit(buf, n, to_devices);
}

/*
 * Strip a level prefix ("<0>".."<3>", "<G0>".."<G3>") and say whether the message
 * passes its threshold.
 */
static const char *level_filter(const char *s, bool *show)
{
    bool guest = false;
    int lvl = 1;                    /* no prefix: warning */

    if ( s[0] == '<' )
    {
        const char *p = s + 1;

        if ( *p == 'G' )
        {
            guest = true;
            p++;
        }
        if ( *p >= '0' && *p <= '3' && p[1] == '>' )
        {
            lvl = *p - '0';
            s = p + 2;
        }
        else
            guest = false;
    }
    *show = console_panicking || lvl <= (guest ? guestlog_lower : xenlog_lower);
    return s;
}

void vprintk(const char *fmt, va_list args)
{
    static char buf[1024];          /* under console_lock */
    const char *p, *line;
    unsigned long flags;
    bool show;

    local_irq_save(flags);
    spin_lock_recursive(&console_lock);

    vsnprintf(buf, sizeof(buf), fmt, args);
    p = level_filter(buf, &show);

    for ( line = p; *line; )
    {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line + 1) : strlen(line);

        if ( at_line_start )
            emit_prefix(show);
        emit(line, n, show);
        at_line_start = nl != NULL;
        line += n;
    }

    spin_unlock_recursive(&console_lock);
    local_irq_restore(flags);
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}

void console_force_unlock(void)
{
    spin_lock_init(&console_lock);
    at_line_start = true;
}

void console_start_sync(void)
{
}

void console_end_sync(void)
{
}

/*
 * Serial input for domain 0, read through CONSOLEIO_read.  Characters beyond what
 * fits are dropped (the oldest are kept), as on a real UART overrun.
 */
#define DOM0_INPUT_SIZE 1024
static char dom0_input[DOM0_INPUT_SIZE];
static unsigned int dom0_input_prod, dom0_input_cons;
static void (*dom0_input_notify)(void);

void console_set_dom0_input_notify(void (*fn)(void))
{
    dom0_input_notify = fn;
}

static void console_to_dom0(char c)
{
    if ( dom0_input_prod - dom0_input_cons < DOM0_INPUT_SIZE )
        dom0_input[dom0_input_prod++ % DOM0_INPUT_SIZE] = c;
    if ( dom0_input_notify )
        dom0_input_notify();
}

size_t console_read_dom0_input(char *buf, size_t len)
{
    unsigned long flags;
    size_t n = 0;

    spin_lock_irqsave(&console_lock, flags);
    while ( n < len && dom0_input_cons != dom0_input_prod )
        buf[n++] = dom0_input[dom0_input_cons++ % DOM0_INPUT_SIZE];
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}

/* Serial input routing. */
static bool input_to_xen = true;
static unsigned int switch_count;

bool console_input_to_xen(void)
{
    return input_to_xen;
}

void console_switch_input(void)
{
    input_to_xen = !input_to_xen;
    printk("*** Serial input to %s (type 'CTRL-%c' three times to switch input)%s\n",
           input_to_xen ? "Xen" : "DOM0", opt_conswitch[0],
           (!input_to_xen && !dom0_input_notify) ? ": no domain 0 runs, input is dropped" : "");
}

/*
 * End of boot: serial input goes to domain 0 when there is one, as in Xen, unless
 * conswitch= has a second character 'x' (then it stays with the hypervisor).
 */
void console_endboot(void)
{
    if ( dom0_input_notify && opt_conswitch[1] != 'x' )
        input_to_xen = false;
    printk("*** Serial input to %s (type 'CTRL-%c' three times to switch input)\n",
           input_to_xen ? "Xen" : "DOM0", opt_conswitch[0]);
}

void console_receive_char(char c, struct cpu_user_regs *regs)
{
    char sw = opt_conswitch[0] & 0x1f;      /* 'a' -> Ctrl-A */

    if ( c == sw && sw )
    {
        if ( ++switch_count == 3 )
        {
            switch_count = 0;
            console_switch_input();
        }
        return;
    }
    /* Switch characters typed fewer than three times are passed on. */
    for ( ; switch_count; switch_count-- )
    {
        if ( input_to_xen )
            handle_keypress(sw, regs);
        else
            console_to_dom0(sw);
    }

    if ( input_to_xen )
        handle_keypress(c, regs);
    else
        console_to_dom0(c);
}

void __init console_init_preirq(void)
{
    char *p = opt_console;

    while ( *p )
    {
        char *e = strchr(p, ',');

        if ( e )
            *e = '\0';
        if ( !strcmp(p, "com1") )
            ns16550_init(0);
        else if ( !strcmp(p, "com2") )
            ns16550_init(1);
        else if ( !strcmp(p, "vga") )
            vga_init();
        else if ( strcmp(p, "none") )
            printk(XENLOG_WARNING "console: unknown device \"%s\" ignored\n", p);
        if ( !e )
            break;
        p = e + 1;
    }
}

/* Move the log to a larger ring once the heap exists (conring_size=). */
void __init console_init_postirq(void)
{
    size_t size = opt_conring_size ? opt_conring_size : 128 * 1024;
    unsigned int order = 0;
    char *ring;
    unsigned long flags;
    size_t i, first;

    if ( size < CONRING_BOOT_SIZE )
        size = CONRING_BOOT_SIZE;
    while ( (PAGE_SIZE << order) < size && order < 10 )
        order++;
    ring = alloc_xenheap_pages(order, 0);
    if ( !ring )
        return;

    spin_lock_irqsave(&console_lock, flags);
    first = conring_prod > conring_size ? conring_prod - conring_size : 0;
    for ( i = first; i < conring_prod; i++ )
        ring[i % (PAGE_SIZE << order)] = conring[i % conring_size];
    conring = ring;
    conring_size = PAGE_SIZE << order;
    spin_unlock_irqrestore(&console_lock, flags);
    printk("Allocated console ring of %lu KiB.\n", (unsigned long)(conring_size >> 10));
}

/* ---------------------------------------------------------------- console_io */

/*
 * Domain 0's output goes to the console as it is (it is interactive: hvc0); it
 * is also kept in the log ring.  Other domains are refused, as Xen 4.17 does for
 * domains that are not the hardware domain.
 */
static void guest_console_write(const char *buf, size_t n)
{
    unsigned long flags;

    local_irq_save(flags);
    spin_lock_recursive(&console_lock);
    conring_put(buf, n);
    devices_put(buf, n);
    at_line_start = n && buf[n - 1] == '\n';
    spin_unlock_recursive(&console_lock);
    local_irq_restore(flags);
}

long do_console_io(unsigned int cmd, unsigned int count, XEN_GUEST_HANDLE_PARAM(char) buffer)
{
    struct domain *d = current->domain;
    char kbuf[128];

    if ( !d->is_privileged )
        return -EPERM;

    switch ( cmd )
    {
    case CONSOLEIO_write:
        while ( count )
        {
            unsigned int n = min_t(unsigned int, count, sizeof(kbuf));

            if ( raw_copy_from_guest(kbuf, buffer.p, n) )
                return -EFAULT;
            guest_console_write(kbuf, n);
            buffer.p += n;
            count -= n;
        }
        return 0;

    case CONSOLEIO_read:
    {
        size_t n = console_read_dom0_input(kbuf, min_t(unsigned int, count, sizeof(kbuf)));

        if ( n && raw_copy_to_guest(buffer.p, kbuf, n) )
            return -EFAULT;
        return n;
    }
    }
    return -ENOSYS;
}
