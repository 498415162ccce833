/*
 * Hypercalls from a 64-bit PV guest kernel.
 *
 * ABI (Xen's public xen.h and arch-x86/xen-x86_64.h): the hypercall number
 * goes in RAX, arguments in RDI, RSI, RDX, R10 and R8, the result comes back
 * in RAX (a negative errno on failure).  A guest reaches the hypervisor in
 * one of two ways:
 *   - through the hypercall page whose address it names in the
 *     XEN_ELFNOTE_HYPERCALL_PAGE note: 32-byte stubs, stub i makes hypercall
 *     i and preserves RCX and R11;
 *   - with a bare SYSCALL executed in guest kernel mode, as Linux does since
 *     the XSA-466 fix (RCX and R11 are then clobbered).
 * The library uses the page when the hypervisor filled it and the bare
 * SYSCALL otherwise (see hypercall_use_syscall).  Unused argument registers
 * may be clobbered by the hypervisor, so every wrapper declares them so.
 */
#ifndef PVGUEST_HYPERCALL_H
#define PVGUEST_HYPERCALL_H

#include <pvguest/lib.h>
#include <xen/callback.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/physdev.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>

extern uint8_t hypercall_page[PAGE_SIZE];

/* True when the hypercall page was left empty: use a bare SYSCALL. */
extern bool hypercall_use_syscall;

/* "syscall; ret", used with RAX already holding the hypercall number. */
void hypercall_syscall_stub(void);

static inline void *hypercall_target(unsigned int nr)
{
    return hypercall_use_syscall ? (void *)hypercall_syscall_stub
                                 : (void *)&hypercall_page[nr * 32];
}

static inline long _hypercall(unsigned int nr, unsigned long a1,
                              unsigned long a2, unsigned long a3,
                              unsigned long a4, unsigned long a5)
{
    register unsigned long r1 asm("rdi") = a1;
    register unsigned long r2 asm("rsi") = a2;
    register unsigned long r3 asm("rdx") = a3;
    register unsigned long r4 asm("r10") = a4;
    register unsigned long r5 asm("r8") = a5;
    long ret;

    asm volatile ( "call *%[fn]"
                   : "=a" (ret), "+r" (r1), "+r" (r2), "+r" (r3), "+r" (r4),
                     "+r" (r5)
                   : "0" ((unsigned long)nr), [fn] "r" (hypercall_target(nr))
                   : "rcx", "r11", "r9", "memory" );
    return ret;
}

/*
 * The same hypercall made with an inline bare SYSCALL whatever the mode,
 * for tests of that entry path.
 */
static inline long _hypercall_syscall(unsigned int nr, unsigned long a1,
                                      unsigned long a2, unsigned long a3,
                                      unsigned long a4, unsigned long a5)
{
    register unsigned long r1 asm("rdi") = a1;
    register unsigned long r2 asm("rsi") = a2;
    register unsigned long r3 asm("rdx") = a3;
    register unsigned long r4 asm("r10") = a4;
    register unsigned long r5 asm("r8") = a5;
    long ret;

    asm volatile ( "syscall"
                   : "=a" (ret), "+r" (r1), "+r" (r2), "+r" (r3), "+r" (r4),
                     "+r" (r5)
                   : "0" ((unsigned long)nr)
                   : "rcx", "r11", "r9", "memory" );
    return ret;
}

#define HC(nr, a1, a2, a3, a4, a5)                                         \
    _hypercall(nr, (unsigned long)(a1), (unsigned long)(a2),               \
               (unsigned long)(a3), (unsigned long)(a4), (unsigned long)(a5))

static inline long HYPERVISOR_set_trap_table(const struct trap_info *t)
{
    return HC(__HYPERVISOR_set_trap_table, t, 0, 0, 0, 0);
}

static inline long HYPERVISOR_mmu_update(const mmu_update_t *req,
                                         unsigned int count,
                                         unsigned int *done, domid_t dom)
{
    return HC(__HYPERVISOR_mmu_update, req, count, done, dom, 0);
}

static inline long HYPERVISOR_set_gdt(const unsigned long *frames,
                                      unsigned int entries)
{
    return HC(__HYPERVISOR_set_gdt, frames, entries, 0, 0, 0);
}

static inline long HYPERVISOR_stack_switch(unsigned long ss, unsigned long sp)
{
    return HC(__HYPERVISOR_stack_switch, ss, sp, 0, 0, 0);
}

static inline long HYPERVISOR_set_callbacks(unsigned long event,
                                            unsigned long failsafe,
                                            unsigned long syscall)
{
    return HC(__HYPERVISOR_set_callbacks, event, failsafe, syscall, 0, 0);
}

static inline long HYPERVISOR_fpu_taskswitch(int set)
{
    return HC(__HYPERVISOR_fpu_taskswitch, set, 0, 0, 0, 0);
}

static inline long HYPERVISOR_set_debugreg(unsigned int reg,
                                           unsigned long value)
{
    return HC(__HYPERVISOR_set_debugreg, reg, value, 0, 0, 0);
}

static inline long HYPERVISOR_get_debugreg(unsigned int reg)
{
    return HC(__HYPERVISOR_get_debugreg, reg, 0, 0, 0, 0);
}

static inline long HYPERVISOR_update_descriptor(uint64_t maddr, uint64_t desc)
{
    return HC(__HYPERVISOR_update_descriptor, maddr, desc, 0, 0, 0);
}

static inline long HYPERVISOR_memory_op(unsigned int cmd, void *arg)
{
    return HC(__HYPERVISOR_memory_op, cmd, arg, 0, 0, 0);
}

static inline long HYPERVISOR_multicall(multicall_entry_t *calls,
                                        unsigned int nr)
{
    return HC(__HYPERVISOR_multicall, calls, nr, 0, 0, 0);
}

static inline long HYPERVISOR_update_va_mapping(unsigned long va,
                                                uint64_t pte,
                                                unsigned long flags)
{
    return HC(__HYPERVISOR_update_va_mapping, va, pte, flags, 0, 0);
}

static inline long HYPERVISOR_update_va_mapping_otherdomain(
    unsigned long va, uint64_t pte, unsigned long flags, domid_t dom)
{
    return HC(__HYPERVISOR_update_va_mapping_otherdomain, va, pte, flags, dom,
              0);
}

static inline long HYPERVISOR_set_timer_op(uint64_t deadline_ns)
{
    return HC(__HYPERVISOR_set_timer_op, deadline_ns, 0, 0, 0, 0);
}

static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
    return HC(__HYPERVISOR_xen_version, cmd, arg, 0, 0, 0);
}

static inline long HYPERVISOR_console_io(int cmd, unsigned int count,
                                         const void *buf)
{
    return HC(__HYPERVISOR_console_io, cmd, count, buf, 0, 0);
}

static inline long HYPERVISOR_grant_table_op(unsigned int cmd, void *uop,
                                             unsigned int count)
{
    return HC(__HYPERVISOR_grant_table_op, cmd, uop, count, 0, 0);
}

static inline long HYPERVISOR_vm_assist(unsigned int cmd, unsigned int type)
{
    return HC(__HYPERVISOR_vm_assist, cmd, type, 0, 0, 0);
}

static inline long HYPERVISOR_vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
    return HC(__HYPERVISOR_vcpu_op, cmd, vcpu, arg, 0, 0);
}

static inline long HYPERVISOR_set_segment_base(unsigned int which,
                                               unsigned long base)
{
    return HC(__HYPERVISOR_set_segment_base, which, base, 0, 0, 0);
}

static inline long HYPERVISOR_mmuext_op(const struct mmuext_op *ops,
                                        unsigned int count,
                                        unsigned int *done, domid_t dom)
{
    return HC(__HYPERVISOR_mmuext_op, ops, count, done, dom, 0);
}

static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{
    return HC(__HYPERVISOR_sched_op, cmd, arg, 0, 0, 0);
}

static inline long HYPERVISOR_callback_op(int cmd, const void *arg)
{
    return HC(__HYPERVISOR_callback_op, cmd, arg, 0, 0, 0);
}

static inline long HYPERVISOR_event_channel_op(int cmd, void *arg)
{
    return HC(__HYPERVISOR_event_channel_op, cmd, arg, 0, 0, 0);
}

static inline long HYPERVISOR_physdev_op(int cmd, void *arg)
{
    return HC(__HYPERVISOR_physdev_op, cmd, arg, 0, 0, 0);
}

/* Power the domain off (for dom0: the machine).  Never returns. */
void hypervisor_shutdown(unsigned int reason) __noreturn;

#endif /* PVGUEST_HYPERCALL_H */
