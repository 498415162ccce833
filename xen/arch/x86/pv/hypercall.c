/*
 * Hypercall dispatch for 64-bit PV guests: one bounds-checked table, arguments in
 * RDI, RSI, RDX, R10, R8 (public/xen.h), the result in RAX.  Guests enter by SYSCALL
 * from guest kernel mode, directly (Linux since the XSA-466 fix) or through the
 * hypercall page, whose stubs do the same.  Also multicall, continuations of long
 * hypercalls, the iret hypercall and the hypercall page itself.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <asm/current.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/pv/traps.h>
#include <asm/processor-flags.h>
#include <stdarg.h>

typedef unsigned long hypercall_fn_t(unsigned long, unsigned long, unsigned long,
                                     unsigned long, unsigned long);

struct hypercall_desc {
    hypercall_fn_t *fn;
    u8 nargs;
};

/* Handlers have their own prototypes; the ABI passes every argument as a register. */
#define HYPERCALL(name, n) \
    [__HYPERVISOR_##name] = { (hypercall_fn_t *)(void (*)(void))do_##name, n }

static long do_ni_hypercall(void)
{
    return -ENOSYS;
}

static const struct hypercall_desc pv_hypercall_table[NR_hypercalls] = {
    HYPERCALL(set_trap_table, 1),
    HYPERCALL(mmu_update, 4),
    HYPERCALL(set_gdt, 2),
    HYPERCALL(stack_switch, 2),
    HYPERCALL(set_callbacks, 3),
    HYPERCALL(fpu_taskswitch, 1),
    HYPERCALL(platform_op, 1),
    HYPERCALL(set_debugreg, 2),
    HYPERCALL(get_debugreg, 1),
    HYPERCALL(update_descriptor, 2),
    HYPERCALL(memory_op, 2),
    HYPERCALL(multicall, 2),
    HYPERCALL(update_va_mapping, 3),
    HYPERCALL(set_timer_op, 1),
    HYPERCALL(xen_version, 2),
    HYPERCALL(console_io, 3),
    HYPERCALL(grant_table_op, 3),
    HYPERCALL(vm_assist, 2),
    HYPERCALL(update_va_mapping_otherdomain, 4),
    HYPERCALL(iret, 0),
    HYPERCALL(vcpu_op, 3),
    HYPERCALL(set_segment_base, 2),
    HYPERCALL(mmuext_op, 4),
    HYPERCALL(sched_op, 2),
    HYPERCALL(callback_op, 2),
    HYPERCALL(event_channel_op, 2),
    HYPERCALL(physdev_op, 2),
    HYPERCALL(sysctl, 1),
    HYPERCALL(domctl, 1),
    HYPERCALL(mca, 1),
};

/* Multicall state of this CPU: the entry being run, and whether it was preempted. */
struct mc_state {
    bool active;
    bool preempted;
    multicall_entry_t *call;
};
static DEFINE_PER_CPU(struct mc_state, mc_state);

static long dispatch(unsigned long nr, const unsigned long *args)
{
    const struct hypercall_desc *h;

    if ( nr >= NR_hypercalls || !(h = &pv_hypercall_table[nr])->fn )
        return do_ni_hypercall();
    return h->fn(args[0], args[1], args[2], args[3], args[4]);
}

long pv_hypercall(struct cpu_user_regs *regs);
long pv_hypercall(struct cpu_user_regs *regs)
{
    unsigned long args[5] = { regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8 };
    long ret = dispatch(regs->rax, args);

    regs->rax = ret;
    return ret;
}

bool hypercall_preempt_check(void)
{
    return softirq_pending(smp_processor_id());
}

long hypercall_create_continuation(unsigned int op, const char *fmt, ...)
{
    struct mc_state *mcs = &this_cpu(mc_state);
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    unsigned long vals[6];
    unsigned int i;
    va_list args;

    va_start(args, fmt);
    for ( i = 0; fmt[i] && i < 6; i++ )
    {
        switch ( fmt[i] )
        {
        case 'i': vals[i] = va_arg(args, unsigned int); break;
        case 'l': vals[i] = va_arg(args, unsigned long); break;
        case 'h': vals[i] = (unsigned long)va_arg(args, void *); break;
        default:  BUG();
        }
    }
    va_end(args);

    if ( mcs->active )
    {
        /* Inside a multicall: rewrite that entry; the multicall continues from it. */
        mcs->preempted = true;
        while ( i-- > 0 )
            mcs->call->args[i] = vals[i];
        return op;
    }

    /* Re-execute the SYSCALL (2 bytes) with the new arguments. */
    regs->rip -= 2;
    regs->rax = op;
    if ( i > 0 ) regs->rdi = vals[0];
    if ( i > 1 ) regs->rsi = vals[1];
    if ( i > 2 ) regs->rdx = vals[2];
    if ( i > 3 ) regs->r10 = vals[3];
    if ( i > 4 ) regs->r8 = vals[4];
    return op;
}

long do_multicall(XEN_GUEST_HANDLE_PARAM(multicall_entry_t) call_list, unsigned int nr_calls)
{
    struct mc_state *mcs = &this_cpu(mc_state);
    multicall_entry_t call;
    unsigned int i;

    if ( mcs->active )
        return -EINVAL;                         /* no nesting */
    if ( !guest_handle_okay(call_list, nr_calls) )
        return -EFAULT;

    mcs->active = true;
    for ( i = 0; i < nr_calls; i++ )
    {
        unsigned long args[5];

        if ( i && hypercall_preempt_check() )
        {
            mcs->active = false;
            return hypercall_create_continuation(__HYPERVISOR_multicall, "hi",
                                                 call_list, nr_calls - i);
        }
        if ( copy_from_guest(&call, call_list, 1) )
        {
            mcs->active = false;
            return -EFAULT;
        }
        mcs->preempted = false;
        mcs->call = &call;
        memcpy(args, call.args, sizeof(args));
        call.result = dispatch(call.op, args);

        if ( mcs->preempted )
        {
            /* That entry stopped half-way: store its new arguments, resume from it. */
            mcs->active = false;
            if ( copy_to_guest(call_list, &call, 1) )
                return -EFAULT;
            return hypercall_create_continuation(__HYPERVISOR_multicall, "hi",
                                                 call_list, nr_calls - i);
        }
        if ( copy_field_to_guest(call_list, &call, result) )
        {
            mcs->active = false;
            return -EFAULT;
        }
        guest_handle_add_offset(call_list, 1);
        /* An iret changed the guest's context: the rest of the batch is dropped. */
        if ( call.op == __HYPERVISOR_iret )
            break;
    }
    mcs->active = false;
    return 0;
}

/*
 * iret: the guest's stack holds struct iret_context (public/arch-x86/xen-x86_64.h):
 * RAX, R11, RCX, flags, then an IRET frame.  Returns the saved RAX, which becomes
 * the guest's RAX.
 */
long do_iret(void)
{
    struct vcpu *v = current;
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    struct iret_context ic;

    if ( raw_copy_from_guest(&ic, (void *)regs->rsp, sizeof(ic)) )
    {
        domain_crash(v->domain, "iret hypercall: unreadable iret frame");
        return -EFAULT;
    }
    if ( (ic.cs & 3) == 3 && v->arch.pv.kernel_mode )
    {
        if ( !v->arch.pv.guest_table_user )
        {
            domain_crash(v->domain, "iret to user mode without a user page table");
            return -EFAULT;
        }
        toggle_guest_mode(v);
    }
    regs->rip = ic.rip;
    regs->cs = ic.cs | 3;
    regs->rflags = (ic.rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) | X86_EFLAGS_IF |
                   X86_EFLAGS_MBS;
    regs->rsp = ic.rsp;
    regs->ss = ic.ss | 3;
    if ( !(ic.flags & VGCF_in_syscall) )
    {
        regs->r11 = ic.r11;
        regs->rcx = ic.rcx;
    }
    pv_vcpu_info(v)->evtchn_upcall_mask = !(ic.rflags & X86_EFLAGS_IF);
    return ic.rax;
}

/*
 * The 64-bit hypercall page: 128 stubs of 32 bytes, stub i being
 *     push %rcx; push %r11; mov $i, %eax; syscall; pop %r11; pop %rcx; ret
 * and the iret stub (never returns)
 *     push %rcx; push %r11; push %rax; mov $__HYPERVISOR_iret, %eax; syscall
 * Unused bytes are INT3.
 */
void pv_write_hypercall_page(void *page)
{
    u8 *p = page;
    unsigned int i;

    memset(page, 0xcc, PAGE_SIZE);
    for ( i = 0; i < PAGE_SIZE / 32; i++, p += 32 )
    {
        unsigned int n = 0;

        p[n++] = 0x51;                          /* push %rcx */
        p[n++] = 0x41; p[n++] = 0x53;           /* push %r11 */
        if ( i == __HYPERVISOR_iret )
            p[n++] = 0x50;                      /* push %rax */
        p[n++] = 0xb8;                          /* mov $i, %eax */
        p[n++] = i; p[n++] = 0; p[n++] = 0; p[n++] = 0;
        p[n++] = 0x0f; p[n++] = 0x05;           /* syscall */
        if ( i == __HYPERVISOR_iret )
            continue;
        p[n++] = 0x41; p[n++] = 0x5b;           /* pop %r11 */
        p[n++] = 0x59;                          /* pop %rcx */
        p[n++] = 0xc3;                          /* ret */
    }
}
