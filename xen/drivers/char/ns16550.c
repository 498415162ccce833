/*
 * 16550-compatible UARTs (COM1, COM2).
 *
 * Option syntax, as Xen's:  com1=<baud>[/<clock-hz>][,DPS[,<io-base>[,<irq>]]]
 * e.g. com1=115200,8n1,0x3f8,4.  "auto" as the baud rate keeps the firmware's
 * setting; an IRQ of 0 means poll.  Output is polled (the console is synchronous,
 * so nothing is lost on a crash); input comes by interrupt, or by polling from a
 * timer when no IRQ is configured.
 */
#include <xen/lib.h>
#include <xen/console.h>
#include <xen/init.h>
#include <xen/param.h>
#include <xen/serial.h>
#include <xen/irq.h>
#include <xen/timer.h>
#include <xen/time.h>
#include <asm/io.h>
#include <asm/processor.h>

/* Register offsets (DLAB clear unless noted). */
#define UART_RBR  0   /* receive buffer */
#define UART_THR  0   /* transmit holding */
#define UART_DLL  0   /* divisor latch low (DLAB) */
#define UART_IER  1
#define UART_DLM  1   /* divisor latch high (DLAB) */
#define UART_FCR  2
#define UART_IIR  2
#define UART_LCR  3
#define UART_MCR  4
#define UART_LSR  5
#define UART_SCR  7

#define IER_ERDAI 0x01  /* receive data available */
#define LCR_DLAB  0x80
#define MCR_DTR   0x01
#define MCR_RTS   0x02
#define MCR_OUT2  0x08  /* gates the IRQ line on PCs */
#define LSR_DR    0x01
#define LSR_THRE  0x20
#define FCR_ENABLE 0x01
#define FCR_CLRX  0x02
#define FCR_CLTX  0x04

struct ns16550 {
    const char *name;
    u16 io_base;
    unsigned int irq;
    unsigned int baud;          /* 0: keep the firmware's setting */
    unsigned int clock_hz;
    u8 data_bits, stop_bits;
    char parity;
    bool present;
    struct console_device con;
    struct timer poll_timer;
};

static struct ns16550 uarts[2] = {
    { .name = "com1", .io_base = 0x3f8, .irq = 4, .baud = 115200, .clock_hz = 1843200,
      .data_bits = 8, .stop_bits = 1, .parity = 'n' },
    { .name = "com2", .io_base = 0x2f8, .irq = 3, .baud = 115200, .clock_hz = 1843200,
      .data_bits = 8, .stop_bits = 1, .parity = 'n' },
};

static int parse_comN(struct ns16550 *u, const char *s)
{
    const char *e;

    if ( !strncmp(s, "auto", 4) )
    {
        u->baud = 0;
        s += 4;
    }
    else if ( *s >= '0' && *s <= '9' )
    {
        u->baud = simple_strtoul(s, &e, 10);
        if ( !u->baud )
            return -22;
        s = e;
        if ( *s == '/' )
        {
            u->clock_hz = simple_strtoul(s + 1, &e, 0) * 16;
            s = e;
        }
    }
    if ( *s == ',' )
        s++;
    else if ( *s )
        return -22;

    /* DPS: data bits 5-8, parity n/o/e/m/s, stop bits 1-2. */
    if ( *s && *s != ',' )
    {
        if ( s[0] < '5' || s[0] > '8' || !strchr("noems", s[1]) || !s[1] ||
             (s[2] != '1' && s[2] != '2') )
            return -22;
        u->data_bits = s[0] - '0';
        u->parity = s[1];
        u->stop_bits = s[2] - '0';
        s += 3;
    }
    if ( *s == ',' )
        s++;
    else if ( *s )
        return -22;

    if ( *s && *s != ',' )
    {
        u->io_base = simple_strtoul(s, &e, 0);
        if ( e == s || !u->io_base )
            return -22;
        s = e;
    }
    if ( *s == ',' )
        s++;
    else if ( *s )
        return -22;

    if ( *s )
    {
        u->irq = simple_strtoul(s, &e, 0);
        if ( e == s || *e || u->irq > 15 )
            return -22;
    }
    return 0;
}

static int parse_com1(const char *s)
{
    return parse_comN(&uarts[0], s);
}
custom_param("com1", parse_com1);

static int parse_com2(const char *s)
{
    return parse_comN(&uarts[1], s);
}
custom_param("com2", parse_com2);

static void uart_putc(struct ns16550 *u, char c)
{
    unsigned int spins = 0;

    /* Bounded: a UART that never drains must not hang the console. */
    while ( !(inb(u->io_base + UART_LSR) & LSR_THRE) && ++spins < 100000 )
        cpu_relax();
    outb(c, u->io_base + UART_THR);
}

static void uart_puts(struct ns16550 *u, const char *s, size_t n)
{
    while ( n-- )
    {
        if ( *s == '\n' )
            uart_putc(u, '\r');
        uart_putc(u, *s++);
    }
}

static void com1_puts(const char *s, size_t n)
{
    uart_puts(&uarts[0], s, n);
}

static void com2_puts(const char *s, size_t n)
{
    uart_puts(&uarts[1], s, n);
}

static void uart_drain_input(struct ns16550 *u, struct cpu_user_regs *regs)
{
    unsigned int budget = 256;

    while ( budget-- && (inb(u->io_base + UART_LSR) & LSR_DR) )
        console_receive_char(inb(u->io_base + UART_RBR), regs);
}

void ns16550_poll(void)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(uarts); i++ )
        if ( uarts[i].present )
            uart_drain_input(&uarts[i], NULL);
}

/* Is 'port' one of the eight registers of a UART the console uses? */
bool ns16550_owns_port(unsigned int port)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(uarts); i++ )
        if ( uarts[i].present && port >= uarts[i].io_base && port < uarts[i].io_base + 8u )
            return true;
    return false;
}

void __init ns16550_init(unsigned int index)
{
    struct ns16550 *u = &uarts[index];
    u8 lcr;

    if ( index >= ARRAY_SIZE(uarts) || u->present )
        return;

    /* No UART answers with all-ones on the line status register. */
    if ( inb(u->io_base + UART_LSR) == 0xff )
        return;

    outb(0, u->io_base + UART_IER);
    lcr = (u->data_bits - 5) | ((u->stop_bits - 1) << 2);
    switch ( u->parity )
    {
    case 'o': lcr |= 0x08; break;
    case 'e': lcr |= 0x18; break;
    case 'm': lcr |= 0x28; break;
    case 's': lcr |= 0x38; break;
    }
    if ( u->baud )
    {
        unsigned int div = u->clock_hz / (16 * u->baud);

        outb(lcr | LCR_DLAB, u->io_base + UART_LCR);
        outb(div & 0xff, u->io_base + UART_DLL);
        outb(div >> 8, u->io_base + UART_DLM);
    }
    outb(lcr, u->io_base + UART_LCR);
    outb(FCR_ENABLE | FCR_CLRX | FCR_CLTX, u->io_base + UART_FCR);
    outb(MCR_DTR | MCR_RTS | MCR_OUT2, u->io_base + UART_MCR);

    u->present = true;
    u->con.name = u->name;
    u->con.puts = index ? com2_puts : com1_puts;
    console_register(&u->con);
}

static void uart_irq(unsigned int irq, void *dev, struct cpu_user_regs *regs)
{
    uart_drain_input(dev, regs);
}

#define POLL_PERIOD MILLISECS(10)

static void uart_poll_fn(void *data)
{
    struct ns16550 *u = data;

    uart_drain_input(u, NULL);
    set_timer(&u->poll_timer, NOW() + POLL_PERIOD);
}

void __init ns16550_init_postirq(void)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(uarts); i++ )
    {
        struct ns16550 *u = &uarts[i];

        if ( !u->present )
            continue;
        if ( u->irq && !request_isa_irq(u->irq, uart_irq, u, u->name) )
        {
            outb(IER_ERDAI, u->io_base + UART_IER);
            printk("%s: 16550 at %#x, IRQ %u\n", u->name, u->io_base, u->irq);
            uart_drain_input(u, NULL);
            continue;
        }
        init_timer(&u->poll_timer, uart_poll_fn, u, 0);
        set_timer(&u->poll_timer, NOW() + POLL_PERIOD);
        printk("%s: 16550 at %#x, polled\n", u->name, u->io_base);
    }
}
