/*
 * Console output through HYPERVISOR_console_io(CONSOLEIO_write): the
 * hypervisor prints domain 0's text on its own console as it comes.
 */
#include <pvguest/hypercall.h>

/* Write len bytes; the hypervisor takes any length, in pieces here. */
void console_write(const char *buf, size_t len)
{
    while ( len )
    {
        unsigned int n = len > 1024 ? 1024 : (unsigned int)len;

        HYPERVISOR_console_io(CONSOLEIO_write, n, buf);
        buf += n;
        len -= n;
    }
}

/* Format into a bounded buffer (longer output is cut) and write it. */
void vprintk(const char *fmt, va_list ap)
{
    char buf[512];
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);

    console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}
