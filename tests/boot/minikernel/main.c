/*
 * The smallest PV kernel: says hello through console_io and powers off with
 * SCHEDOP_shutdown.  Boot tests use it as a well-formed domain 0 where the
 * subject is the hypervisor's handling of its options, not the guest.
 */
typedef unsigned long u64;

void kmain(const char *start_info);

static long hypercall3(long nr, long a1, long a2, long a3)
{
    long ret;

    __asm__ __volatile__ ( "syscall"
                           : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3)
                           : "a" (nr) : "rcx", "r11", "r10", "r8", "memory" );
    return ret;
}

static void print(const char *s)
{
    unsigned long n = 0;

    while ( s[n] )
        n++;
    hypercall3(18 /* console_io */, 0 /* CONSOLEIO_write */, n, (long)s);
}

void kmain(const char *start_info)
{
    unsigned int reason = 0;    /* SHUTDOWN_poweroff */

    print("minikernel: running as dom0, start_info magic ");
    print(start_info);
    print("\n");
    hypercall3(29 /* sched_op */, 2 /* SCHEDOP_shutdown */, (long)&reason, 0);
}
