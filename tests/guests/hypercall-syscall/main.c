/*
 * A kernel without a hypercall page (no XEN_ELFNOTE_HYPERCALL_PAGE), as
 * current Debian 12 kernels are: the hypervisor must leave the page alone
 * and take a bare SYSCALL from guest kernel mode as a hypercall, the iret
 * hypercall included (RAX = 23 over an iret_context on the stack), while
 * a SYSCALL from guest user mode stays the guest's own system call.
 */
#include <pvguest/test.h>

const char test_title[] = "hypercalls by bare SYSCALL, no hypercall page";

static volatile unsigned int events;

static void handler(evtchn_port_t port, void *arg)
{
    events++;
}

static void user_syscall(unsigned long arg)
{
    long ret;

    asm volatile ( "syscall" : "=a" (ret) : "0" (5UL), "S" (41UL)
                   : "rcx", "r11", "rdi", "memory" );
    user_exit(ret);
}

static void sys_hook(struct cpu_regs *regs)
{
    regs->rax = regs->rsi + 1;
}

void test_main(void)
{
    unsigned int i, zero = 0;
    evtchn_port_t port;
    multicall_entry_t mc[2];
    long rc, v;

    check(hypercall_use_syscall, "the library found no hypercall page");
    for ( i = 0; i < PAGE_SIZE; i++ )
        zero += hypercall_page[i] == 0;
    check_eq(zero, PAGE_SIZE, "the hypervisor left the page untouched");

    v = HYPERVISOR_xen_version(XENVER_version, NULL);
    check(v >> 16 == 4, "xen_version via SYSCALL: %ld.%ld", v >> 16,
          v & 0xffff);
    rc = HYPERVISOR_console_io(CONSOLEIO_write, 20, "console via syscall\n");
    check_eq(rc, 0, "console_io via SYSCALL");

    /* Exceptions return through the iret hypercall made by SYSCALL. */
    asm volatile ( "1: ud2\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    check_eqx(exinfo_take(), EXINFO(X86_EXC_UD, 0),
              "#UD caught and returned from with a SYSCALL iret");

    /* So do event upcalls. */
    rc = evtchn_bind_ipi(0, &port);
    check_eq(rc, 0, "bind_ipi");
    evtchn_set_handler(port, handler, NULL);
    evtchn_unmask(port);
    for ( i = 0; i < 100; i++ )
        evtchn_send(port);
    check_eq(events, 100, "100 upcalls, each ended by a SYSCALL iret");

    pv_sleep(MILLISECS(5));
    check(pv_now() > 0, "SCHEDOP_block and VIRQ_TIMER via SYSCALL");

    memset(mc, 0, sizeof(mc));
    mc[0].op = __HYPERVISOR_xen_version;
    mc[0].args[0] = XENVER_version;
    mc[1].op = __HYPERVISOR_xen_version;
    mc[1].args[0] = XENVER_pagesize;
    rc = HYPERVISOR_multicall(mc, 2);
    check_eq(rc, 0, "multicall via SYSCALL");
    check_eq((long)mc[0].result, v, "first entry");
    check_eq((long)mc[1].result, PAGE_SIZE, "second entry");

    /* From user mode SYSCALL is the guest's system call. */
    rc = user_mode_init();
    check_eq(rc, 0, "user mode set up");
    if ( !rc )
    {
        user_set_syscall_hook(sys_hook);
        v = run_user(user_syscall, 0);
        user_set_syscall_hook(NULL);
        check_eq(v, 42, "user SYSCALL went to the guest kernel");
    }
    test_success();
}
