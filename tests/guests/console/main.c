/*
 * console_io for domain 0 (Xen's public xen.h, CONSOLEIO_*):
 * - CONSOLEIO_write(count, buf) prints count bytes and returns 0;
 * - CONSOLEIO_read(count, buf) returns how many input bytes it copied;
 * - input typed on the hypervisor's serial line, while it is switched to
 *   domain 0, raises VIRQ_CONSOLE (a global VIRQ: bound on vCPU 0 only);
 * - bad buffers give -EFAULT, unknown commands -ENOSYS.
 * The runner answers "pvguest: input request: <text>" by typing <text>
 * and Enter.
 */
#include <pvguest/test.h>

const char test_title[] = "console_io and VIRQ_CONSOLE";

static volatile unsigned int console_events;

static void console_handler(evtchn_port_t port, void *arg)
{
    console_events++;
}

static bool got_event(void *arg)
{
    return console_events != 0;
}

static void test_writes(void)
{
    static char big[3000];
    unsigned int i;
    long rc;

    rc = HYPERVISOR_console_io(CONSOLEIO_write, 22, "console: direct write\n");
    check_eq(rc, 0, "CONSOLEIO_write");
    rc = HYPERVISOR_console_io(CONSOLEIO_write, 0, "");
    check_eq(rc, 0, "CONSOLEIO_write of 0 bytes");

    for ( i = 0; i < sizeof(big); i++ )
        big[i] = (i % 64 == 63) ? '\n' : 'a' + i % 26;
    big[sizeof(big) - 1] = '\n';
    rc = HYPERVISOR_console_io(CONSOLEIO_write, sizeof(big), big);
    check_eq(rc, 0, "CONSOLEIO_write of 3000 bytes");

    rc = HYPERVISOR_console_io(CONSOLEIO_write, 16, (void *)0x1000);
    check_eq(rc, -EFAULT, "CONSOLEIO_write from an unmapped buffer");
    rc = HYPERVISOR_console_io(CONSOLEIO_write, 16,
                               (void *)HYPERVISOR_VIRT_START);
    check_eq(rc, -EFAULT, "CONSOLEIO_write from the hypervisor's area");
}

static void test_bad_commands(void)
{
    char buf[16];
    long rc;

    rc = HYPERVISOR_console_io(7, sizeof(buf), buf);
    check_eq(rc, -ENOSYS, "console_io command 7");
    rc = HYPERVISOR_console_io(-1, sizeof(buf), buf);
    check_eq(rc, -ENOSYS, "console_io command -1");
}

static void test_input(void)
{
    evtchn_port_t port, port1;
    char line[64], buf[16];
    unsigned int len = 0, i;
    long rc;

    rc = evtchn_bind_virq(VIRQ_CONSOLE, 0, &port);
    check_eq(rc, 0, "bind VIRQ_CONSOLE on vCPU 0");
    if ( rc )
        return;
    rc = evtchn_bind_virq(VIRQ_CONSOLE, 1, &port1);
    check_eq(rc, -EINVAL, "bind the global VIRQ_CONSOLE on vCPU 1");
    rc = evtchn_bind_virq(VIRQ_CONSOLE, 0, &port1);
    check_eq(rc, -EEXIST, "bind VIRQ_CONSOLE a second time");

    /* Nothing typed yet: a read copies nothing. */
    rc = HYPERVISOR_console_io(CONSOLEIO_read, sizeof(buf), buf);
    check_eq(rc, 0, "CONSOLEIO_read with no input");
    rc = HYPERVISOR_console_io(CONSOLEIO_read, 0, buf);
    check_eq(rc, 0, "CONSOLEIO_read of 0 bytes");

    evtchn_set_handler(port, console_handler, NULL);
    evtchn_unmask(port);
    printk("pvguest: input request: xyzzy42\n");

    /* Collect what arrives until the Enter, bounded in time and size. */
    for ( i = 0; i < 50 && len < sizeof(line) - 1; i++ )
    {
        if ( !wait_until(got_event, NULL, SECONDS(2)) )
            continue;
        console_events = 0;
        rc = HYPERVISOR_console_io(CONSOLEIO_read, sizeof(line) - 1 - len,
                                   line + len);
        if ( !check(rc >= 0, "CONSOLEIO_read: %ld", rc) )
            break;
        len += rc;
        line[len] = '\0';
        if ( strstr(line, "\r") || strstr(line, "\n") )
            break;
    }
    line[len] = '\0';
    printk("console input: %u bytes\n", len);
    check(strncmp(line, "xyzzy42", 7) == 0 &&
          (line[7] == '\r' || line[7] == '\n'),
          "the typed line came back through CONSOLEIO_read ('%s')", line);

    /* With no input pending the buffer is never touched. */
    rc = HYPERVISOR_console_io(CONSOLEIO_read, sizeof(buf), (void *)0x1000);
    check_eq(rc, 0, "CONSOLEIO_read into an unmapped buffer, no input");
    rc = evtchn_close(port);
    check_eq(rc, 0, "close VIRQ_CONSOLE");
}

void test_main(void)
{
    test_writes();
    test_bad_commands();
    test_input();
    test_success();
}
