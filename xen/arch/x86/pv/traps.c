/*
 * Running PV guests: their exceptions and system calls, and how the hypervisor
 * hands control to guest handlers.
 *
 * A 64-bit PV kernel runs in ring 3 with its own page tables; its user space runs
 * in ring 3 with a second set.  The hypervisor delivers an exception, an event
 * upcall or a user system call by building a "bounce frame" on the guest kernel's
 * stack (public ABI, arch-x86/xen-x86_64.h): from high to low address SS, RSP,
 * RFLAGS, CS (saved upcall mask in bits 32-39), RIP, [error code], R11, RCX; then
 * it continues the guest at the handler.  Entering from user mode first switches
 * to kernel mode (page tables and GS base) and to the stack from stack_switch.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/console.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/guest_access.h>
#include <asm/irq_vectors.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <public/callback.h>
#include <asm/hypercall.h>

#define TRAP_syscall    0x100
#define TRAP_syscall32  0x101

vcpu_info_t *pv_vcpu_info(struct vcpu *v)
{
    return v->arch.pv.vcpu_info;
}

/* Print the page-table walk of a guest address in the current page tables. */
static void dump_guest_walk(unsigned long va)
{
    const u64 *t = maddr_to_virt(read_cr3() & PTE_ADDR_MASK);
    unsigned int level;

    printk(XENLOG_G_ERR "  page walk for %016lx (cr3 %016lx):", va, read_cr3());
    for ( level = 4; level >= 1; level-- )
    {
        u64 e = t[(va >> (PAGE_SHIFT + 9 * (level - 1))) & 511];

        printk(" L%u %016lx", level, (unsigned long)e);
        if ( !(e & _PAGE_PRESENT) || (e & _PAGE_PSE) ||
             !mfn_valid((e & PTE_ADDR_MASK) >> PAGE_SHIFT) )
            break;
        t = maddr_to_virt(e & PTE_ADDR_MASK);
    }
    printk("\n");
}

/*
 * Print the top of the current guest's stack: return addresses there name the
 * callers (resolve them with the guest kernel's System.map).  Reads through the
 * guest's own page tables; an unreadable word ends the dump.
 */
void show_guest_stack(const struct cpu_user_regs *regs)
{
    unsigned long sp = regs->rsp, w;
    unsigned int i;

    printk(XENLOG_G_ERR "  guest stack at %016lx:", sp);
    for ( i = 0; i < 24; i++, sp += sizeof(w) )
    {
        if ( raw_copy_from_guest(&w, (const void *)sp, sizeof(w)) )
        {
            printk(" (unreadable)");
            break;
        }
        printk("%s%016lx", (i % 4) ? " " : "\n    ", w);
    }
    printk("\n");
}

void __domain_crash(struct domain *d, const char *why)
{
    struct vcpu *v;

    if ( d->is_shutting_down && d->shutdown_code == SHUTDOWN_crash )
        return;
    printk(XENLOG_G_ERR "Domain %u crashed: %s\n", d->domain_id, why);
    if ( current->domain == d && guest_cpu_user_regs()->cs & 3 )
    {
        const struct cpu_user_regs *r = guest_cpu_user_regs();

        printk(XENLOG_G_ERR "d%uv%u RIP %04x:%016lx RSP %016lx RFLAGS %08lx (%s mode)\n",
               d->domain_id, current->vcpu_id, r->cs, (unsigned long)r->rip,
               (unsigned long)r->rsp, (unsigned long)r->rflags,
               current->arch.pv.kernel_mode ? "kernel" : "user");
        printk(XENLOG_G_ERR "  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n",
               (unsigned long)r->rax, (unsigned long)r->rbx, (unsigned long)r->rcx,
               (unsigned long)r->rdx);
        printk(XENLOG_G_ERR "  rsi %016lx rdi %016lx rbp %016lx cr2 %016lx\n",
               (unsigned long)r->rsi, (unsigned long)r->rdi, (unsigned long)r->rbp,
               (unsigned long)pv_vcpu_info(current)->arch.cr2);
        dump_guest_walk(pv_vcpu_info(current)->arch.cr2);
        show_guest_stack(r);
    }
    if ( d->domain_id != 0 )
    {
        /* Paused and reported to the toolstack like any shutdown (code 3). */
        domain_shutdown(d, SHUTDOWN_crash);
        return;
    }
    d->shutdown_code = SHUTDOWN_crash;
    d->is_shutting_down = true;
    for_each_vcpu ( d, v )
    {
        set_bit(_VPF_down, &v->pause_flags);
        vcpu_sleep_nosync(v);
    }
}

/* Kernel <-> user context: page tables and the active GS base swap together. */
void toggle_guest_mode(struct vcpu *v)
{
    v->arch.pv.kernel_mode = !v->arch.pv.kernel_mode;
    __asm__ __volatile__ ( "swapgs" ::: "memory" );
    write_ptbase(v);
}

/*
 * Build a bounce frame and point the guest at 'eip'.  Returns false (and crashes
 * the domain) if the guest stack cannot be written.
 */
static bool create_bounce_frame(struct vcpu *v, struct cpu_user_regs *regs,
                                unsigned long eip, bool has_error, u32 error,
                                bool mask_events)
{
    vcpu_info_t *vi = pv_vcpu_info(v);
    bool from_kernel = v->arch.pv.kernel_mode;
    unsigned long frame[8], sp;
    unsigned int n = 0;
    u8 mask = vi->evtchn_upcall_mask;

    if ( !from_kernel )
    {
        toggle_guest_mode(v);
        sp = v->arch.pv.kernel_sp;
    }
    else
        sp = regs->rsp;
    sp &= ~15UL;

    /* Lowest address first: RCX, R11, [error], RIP, CS, RFLAGS, RSP, SS. */
    frame[n++] = regs->rcx;
    frame[n++] = regs->r11;
    if ( has_error )
        frame[n++] = error;
    frame[n++] = regs->rip;
    frame[n++] = (from_kernel ? (regs->cs & ~3u) : (regs->cs | 3u)) | ((unsigned long)mask << 32);
    frame[n++] = (regs->rflags & ~(X86_EFLAGS_IF | X86_EFLAGS_IOPL)) |
                 (mask ? 0 : X86_EFLAGS_IF) | ((unsigned long)v->arch.pv.iopl << 12);
    frame[n++] = regs->rsp;
    frame[n++] = regs->ss;
    sp -= n * sizeof(unsigned long);
    if ( raw_copy_to_guest((void *)sp, frame, n * sizeof(unsigned long)) )
    {
        domain_crash(v->domain, "cannot write a bounce frame on the guest kernel stack");
        return false;
    }

    regs->rsp = sp;
    regs->rip = eip;
    regs->cs = FLAT_KERNEL_CS;
    regs->ss = FLAT_KERNEL_SS;
    regs->rflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF | X86_EFLAGS_AC |
                      X86_EFLAGS_VM);
    regs->rflags |= X86_EFLAGS_IF | X86_EFLAGS_MBS;
    if ( mask_events )
        vi->evtchn_upcall_mask = 1;
    return true;
}

void pv_inject_trap(struct vcpu *v, unsigned int vector, bool has_error, u32 error)
{
    v->arch.pv.trap_pending = true;
    v->arch.pv.trap_vector = vector;
    v->arch.pv.trap_has_error = has_error;
    v->arch.pv.trap_error = error;
}

void pv_inject_gp(struct vcpu *v, u32 error)
{
    pv_inject_trap(v, X86_EXC_GP, true, error);
}

void pv_inject_ud(struct vcpu *v)
{
    pv_inject_trap(v, X86_EXC_UD, false, 0);
}

static void deliver_pending_trap(struct vcpu *v, struct cpu_user_regs *regs)
{
    const struct trap_info *ti = &v->arch.pv.trap_ctxt[v->arch.pv.trap_vector];

    v->arch.pv.trap_pending = false;
    if ( !ti->address )
    {
        char why[64];

        snprintf(why, sizeof(why), "unhandled trap: vector %u, error %#x, no handler",
                 v->arch.pv.trap_vector, v->arch.pv.trap_error);
        domain_crash(v->domain, why);
        return;
    }
    /* Trap-table flags bit 2: an interrupt gate, which masks events. */
    create_bounce_frame(v, regs, ti->address, v->arch.pv.trap_has_error,
                        v->arch.pv.trap_error, ti->flags & 4);
}

void pv_update_guest_areas(struct vcpu *v);

/*
 * Last work before returning to a guest, with interrupts off: softirqs (which
 * may switch vCPUs and never come back here), then a pending trap, then an event
 * upcall if one is pending and not masked.
 */
void pv_exit_work(void)
{
    for ( ;; )
    {
        unsigned int cpu = smp_processor_id();
        struct vcpu *v = current;
        struct cpu_user_regs *regs = guest_cpu_user_regs();
        vcpu_info_t *vi;

        if ( softirq_pending(cpu) )
        {
            local_irq_enable();
            do_softirq();
            local_irq_disable();
            continue;
        }
        if ( !vcpu_runnable(v) )
        {
            /* Crashed or paused while we were on its behalf: let it go. */
            raise_softirq(SCHEDULE_SOFTIRQ);
            continue;
        }
        if ( v->arch.pv.trap_pending )
        {
            deliver_pending_trap(v, regs);
            continue;
        }
        if ( READ_ONCE(v->arch.pv.nmi_pending) &&
             __atomic_exchange_n(&v->arch.pv.nmi_pending, false, __ATOMIC_SEQ_CST) )
        {
            pv_inject_trap(v, 2, false, 0);
            continue;
        }
        vi = pv_vcpu_info(v);
        if ( vi->evtchn_upcall_pending && !vi->evtchn_upcall_mask &&
             v->arch.pv.event_callback_eip )
        {
            /* Xen always masks events for the upcall (TBF_INTERRUPT), whatever
             * CALLBACKF_mask_events said when the callback was registered. */
            create_bounce_frame(v, regs, v->arch.pv.event_callback_eip, false, 0, true);
            continue;
        }
        return;
    }
}

void pv_bad_iret(void);
void pv_bad_iret(void)
{
    domain_crash(current->domain, "IRET to an unusable frame (bad CS/SS)");
}

/* ------------------------------------------------------------------ exceptions */

/* A software interrupt (INT n) the guest's trap table allows from here? */
static bool permit_softint(const struct vcpu *v, unsigned int vector)
{
    unsigned int dpl = v->arch.pv.trap_ctxt[vector].flags & 3;

    return v->arch.pv.trap_ctxt[vector].address &&
           dpl >= (v->arch.pv.kernel_mode ? 1 : 3);
}

void pv_soft_interrupt(struct cpu_user_regs *regs, unsigned int vector)
{
    struct vcpu *v = current;

    if ( permit_softint(v, vector) )
        pv_inject_trap(v, vector, false, 0);
    else
    {
        regs->rip -= 2;                 /* report it at the INT instruction */
        pv_inject_gp(v, (vector << 3) | 2);
    }
}

/* The length of the INT3/INTO/INT n instruction at the guest's RIP, or 0. */
static unsigned int softint_insn_len(const struct cpu_user_regs *regs, unsigned int vector)
{
    u8 b[2];

    if ( raw_copy_from_guest(b, (void *)regs->rip, 2) )
        return 0;
    if ( b[0] == 0xcd && b[1] == vector )
        return 2;
    if ( (b[0] == 0xcc && vector == X86_EXC_BP) || (b[0] == 0xce && vector == X86_EXC_OF) )
        return 1;
    return 0;
}

/*
 * Would the access described by a page fault's error code succeed now?  Then the
 * fault came from a stale TLB entry (a PTE the guest changed without flushing, or
 * one the hypervisor adjusted): flush it and let the guest retry, as Xen does.
 */
static bool spurious_page_fault(unsigned long addr, u32 error)
{
    const u64 *t = maddr_to_virt(read_cr3() & PTE_ADDR_MASK);
    u64 need = _PAGE_PRESENT | ((error & 2) ? _PAGE_RW : 0) | _PAGE_USER;
    unsigned int level;

    if ( error & 8 )
        return false;                           /* reserved bit set: never spurious */
    for ( level = 4; level >= 1; level-- )
    {
        u64 e = t[(addr >> (PAGE_SHIFT + 9 * (level - 1))) & 511];

        if ( (e & need) != need || ((error & 0x10) && (e & _PAGE_NX_BIT)) )
            return false;
        if ( level == 1 )
            break;
        if ( (e & _PAGE_PSE) || !mfn_valid((e & PTE_ADDR_MASK) >> PAGE_SHIFT) )
            return false;
        t = maddr_to_virt(e & PTE_ADDR_MASK);
    }
    invlpg((void *)addr);
    return true;
}

void pv_handle_exception(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    unsigned int vec = regs->entry_vector;
    unsigned long cr2;

    switch ( vec )
    {
    case X86_EXC_PF:
        cr2 = read_cr2();
        if ( cr2 >= LDT_VIRT_START(v) && cr2 < LDT_VIRT_START(v) + (16UL << PAGE_SHIFT) )
        {
            /* An LDT page the guest may not use (do_exception() tried): #GP(sel). */
            pv_inject_gp(v, ((cr2 - LDT_VIRT_START(v)) & ~7UL) | 4);
            return;
        }
        if ( v->arch.pv.kernel_mode && (regs->error_code & 3) == 3 &&
             pv_ro_page_fault(cr2, regs) )
            return;
        if ( (regs->error_code & 1) && spurious_page_fault(cr2, regs->error_code) )
            return;
        pv_vcpu_info(v)->arch.cr2 = cr2;
        /* The CPU reports U=1 (ring 3); the guest kernel expects a kernel fault. */
        if ( v->arch.pv.kernel_mode )
            regs->error_code &= ~4u;
        pv_inject_trap(v, vec, true, regs->error_code);
        return;

    case X86_EXC_UD:
        if ( pv_emulate_forced_invalid_op(regs) )
            return;
        pv_inject_ud(v);
        return;

    case X86_EXC_GP:
        /* INT n through a gate of DPL 0: deliver as the guest's trap table says. */
        if ( (regs->error_code & 3) == 2 )
        {
            unsigned int n = regs->error_code >> 3, len;

            if ( permit_softint(v, n) && (len = softint_insn_len(regs, n)) )
            {
                regs->rip += len;
                pv_inject_trap(v, n, false, 0);
                return;
            }
        }
        else if ( !regs->error_code && pv_emulate_privileged_op(regs) )
            return;
        pv_inject_gp(v, regs->error_code);
        return;

    case X86_EXC_NM:
        /* Only reached when the guest set its virtual CR0.TS (fpu_taskswitch). */
        if ( !(v->arch.pv.ctrlreg[0] & X86_CR0_TS) )
        {
            __asm__ __volatile__ ( "clts" );
            return;
        }
        v->arch.pv.ctrlreg[0] &= ~X86_CR0_TS;
        __asm__ __volatile__ ( "clts" );
        pv_inject_trap(v, vec, false, 0);
        return;

    case X86_EXC_DB:
    {
        unsigned long dr6;

        /* The guest reads DR6 through get_debugreg: keep the hits there. */
        __asm__ __volatile__ ( "mov %%db6, %0" : "=r" (dr6) );
        v->arch.pv.debugreg[6] |= dr6 & 0xe00f;
        __asm__ __volatile__ ( "mov %0, %%db6" :: "r" (0xffff0ff0UL) );
        pv_inject_trap(v, vec, false, 0);
        return;
    }

    case X86_EXC_BP:
    case X86_EXC_OF:
        pv_inject_trap(v, vec, false, 0);
        return;

    case X86_EXC_DF:
    case X86_EXC_TS:
    case X86_EXC_NP:
    case X86_EXC_SS:
    case X86_EXC_AC:
    case X86_EXC_CP:
        pv_inject_trap(v, vec, true, regs->error_code);
        return;

    default:
        if ( vec < X86_NR_EXC )
            pv_inject_trap(v, vec, false, 0);
        return;
    }
}

/* ------------------------------------------------------------------ system calls */

long pv_hypercall(struct cpu_user_regs *regs);

void pv_syscall_entry(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    unsigned long target;

    if ( v->arch.pv.kernel_mode && regs->entry_vector == TRAP_syscall )
    {
        pv_hypercall(regs);
        return;
    }

    /* A system call of guest user space: the guest kernel's entry point. */
    target = regs->entry_vector == TRAP_syscall ? v->arch.pv.syscall_callback_eip
                                                : v->arch.pv.syscall32_callback_eip;
    if ( !target )
    {
        pv_inject_ud(v);
        return;
    }
    regs->rflags &= ~X86_EFLAGS_DF;
    create_bounce_frame(v, regs, target, false, 0,
                        v->arch.pv.callback_mask_events &
                        (1u << (regs->entry_vector == TRAP_syscall ? CALLBACKTYPE_syscall
                                                                   : CALLBACKTYPE_syscall32)));
}

/*
 * Per-CPU SYSCALL stubs.  SYSCALL does not switch stacks, and no register may be
 * spared, so each CPU has a stub with its own stack address built in:
 *     movabs %rax, <ss slot>; mov %rsp, %rax; movabs $<ss slot>, %rsp; push %rax
 *     movabs <ss slot>, %rax; jmp *target(%rip)
 * which leaves the guest RSP in the frame's RSP slot and the guest RAX intact.
 */
extern const char lstar_enter[], cstar_enter[];

static unsigned int write_stub(u8 *p, unsigned long ss_slot, unsigned long target)
{
    unsigned int n = 0;

#define B(x) (p[n++] = (u8)(x))
#define Q(x) do { u64 _q = (x); memcpy(p + n, &_q, 8); n += 8; } while ( 0 )
    B(0x48); B(0xa3); Q(ss_slot);               /* movabs %rax, ss_slot */
    B(0x48); B(0x89); B(0xe0);                  /* mov %rsp, %rax */
    B(0x48); B(0xbc); Q(ss_slot);               /* movabs $ss_slot, %rsp */
    B(0x50);                                    /* push %rax */
    B(0x48); B(0xa1); Q(ss_slot);               /* movabs ss_slot, %rax */
    B(0xff); B(0x25); B(0); B(0); B(0); B(0);   /* jmp *0(%rip) */
    Q(target);
#undef B
#undef Q
    return n;
}

void pv_percpu_syscall_init(unsigned int cpu)
{
    static void *stub_va[NR_CPUS];
    u8 *page;
    unsigned long ss_slot = cpu_stack_base(cpu) + STACK_SIZE - sizeof(struct cpu_info) +
                            offsetof(struct cpu_user_regs, ss);

    if ( !stub_va[cpu] )
    {
        unsigned long mfn;

        page = alloc_xenheap_page();
        if ( !page )
            panic("No memory for CPU%u's SYSCALL stubs", cpu);
        memset(page, 0xcc, PAGE_SIZE);
        write_stub(page, ss_slot, (unsigned long)lstar_enter);
        write_stub(page + 64, ss_slot, (unsigned long)cstar_enter);
        mfn = virt_to_mfn(page);
        stub_va[cpu] = vmap_pages(&mfn, 1, PAGE_HYPERVISOR_RX);
        if ( !stub_va[cpu] )
            panic("Cannot map CPU%u's SYSCALL stubs", cpu);
    }
    /* SYSCALL: CS = 0xe008, SS = 0xe010; RFLAGS bits cleared on entry (IF, TF, DF...). */
    wrmsr(MSR_STAR, (u64)__HYPERVISOR_CS << 32);
    wrmsr(MSR_LSTAR, (unsigned long)stub_va[cpu]);
    wrmsr(MSR_CSTAR, (unsigned long)stub_va[cpu] + 64);
    wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_NT |
                            X86_EFLAGS_AC | X86_EFLAGS_RF | X86_EFLAGS_VM | X86_EFLAGS_IOPL);
    /* No SYSENTER for 64-bit PV guests: a null CS makes it fault (#GP -> guest). */
    wrmsr(MSR_IA32_SYSENTER_CS, 0);
}

/* ------------------------------------------------------------------ hypercalls */

long do_set_trap_table(XEN_GUEST_HANDLE_PARAM(const_trap_info_t) traps)
{
    struct vcpu *v = current;
    struct trap_info cur;
    unsigned int n;

    if ( guest_handle_is_null(traps) )
    {
        memset(v->arch.pv.trap_ctxt, 0, sizeof(v->arch.pv.trap_ctxt));
        return 0;
    }
    /* Entries are merged into the table until one with address 0. */
    for ( n = 0; n < 256; n++ )
    {
        if ( copy_from_guest(&cur, traps, 1) )
            return -EFAULT;
        if ( cur.address == 0 )
            break;
        if ( !guest_range_ok(cur.address, 1) )
            return -EINVAL;             /* non-canonical or the hypervisor's */
        v->arch.pv.trap_ctxt[cur.vector] = cur;
        guest_handle_add_offset(traps, 1);
    }
    return 0;
}

static long register_callback(struct vcpu *v, const struct callback_register *reg)
{
    unsigned long *slot;

    switch ( reg->type )
    {
    case CALLBACKTYPE_event:    slot = &v->arch.pv.event_callback_eip; break;
    case CALLBACKTYPE_failsafe: slot = &v->arch.pv.failsafe_callback_eip; break;
    case CALLBACKTYPE_syscall:  slot = &v->arch.pv.syscall_callback_eip; break;
    case CALLBACKTYPE_syscall32: slot = &v->arch.pv.syscall32_callback_eip; break;
    case CALLBACKTYPE_sysenter: slot = &v->arch.pv.sysenter_callback_eip; break;
    case CALLBACKTYPE_nmi:
        /* As Xen: the NMI callback is trap-table entry 2. */
        if ( reg->address && !guest_range_ok(reg->address, 1) )
            return -EINVAL;
        v->arch.pv.trap_ctxt[2].vector = 2;
        v->arch.pv.trap_ctxt[2].flags = 0;
        v->arch.pv.trap_ctxt[2].cs = FLAT_KERNEL_CS;
        v->arch.pv.trap_ctxt[2].address = reg->address;
        return 0;
    default:
        return -ENOSYS;
    }
    if ( reg->address && !guest_range_ok(reg->address, 1) )
        return -EINVAL;
    *slot = reg->address;
    if ( reg->flags & CALLBACKF_mask_events )
        v->arch.pv.callback_mask_events |= 1u << reg->type;
    else
        v->arch.pv.callback_mask_events &= ~(1u << reg->type);
    return 0;
}

long do_callback_op(int cmd, XEN_GUEST_HANDLE_PARAM(const_void) arg)
{
    switch ( cmd )
    {
    case CALLBACKOP_register:
    {
        struct callback_register reg;

        if ( raw_copy_from_guest(&reg, arg.p, sizeof(reg)) )
            return -EFAULT;
        return register_callback(current, &reg);
    }
    case CALLBACKOP_unregister:
    {
        struct callback_unregister unreg;
        struct callback_register reg = { 0 };

        if ( raw_copy_from_guest(&unreg, arg.p, sizeof(unreg)) )
            return -EFAULT;
        if ( unreg.type == CALLBACKTYPE_event || unreg.type == CALLBACKTYPE_failsafe )
            return -EINVAL;     /* Xen refuses to unregister these */
        reg.type = unreg.type;
        return register_callback(current, &reg);
    }
    }
    return -ENOSYS;
}

/* The older interface (Mini-OS): events, failsafe, syscall; events masked. */
long do_set_callbacks(unsigned long event, unsigned long failsafe, unsigned long syscall)
{
    struct callback_register reg = { .flags = CALLBACKF_mask_events };
    long rc;

    reg.type = CALLBACKTYPE_event;
    reg.address = event;
    if ( (rc = register_callback(current, &reg)) )
        return rc;
    reg.type = CALLBACKTYPE_failsafe;
    reg.address = failsafe;
    if ( (rc = register_callback(current, &reg)) )
        return rc;
    reg.type = CALLBACKTYPE_syscall;
    reg.address = syscall;
    return register_callback(current, &reg);
}

long do_stack_switch(unsigned long ss, unsigned long esp)
{
    current->arch.pv.kernel_ss = ss;
    current->arch.pv.kernel_sp = esp;
    return 0;
}

long do_fpu_taskswitch(int set)
{
    struct vcpu *v = current;

    if ( set )
    {
        v->arch.pv.ctrlreg[0] |= X86_CR0_TS;
        write_cr0(read_cr0() | X86_CR0_TS);
    }
    else
    {
        v->arch.pv.ctrlreg[0] &= ~X86_CR0_TS;
        __asm__ __volatile__ ( "clts" );
    }
    return 0;
}

/* Debug registers: addresses must be guest addresses; DR7 may not enable I/O breakpoints. */
long set_debugreg(struct vcpu *v, unsigned int reg, unsigned long value)
{
    switch ( reg )
    {
    case 0: case 1: case 2: case 3:
        if ( !guest_range_ok(value, 1) )
            return -EPERM;
        break;
    case 6:
        value = (value & 0xe00f) | 0xffff0ff0UL;    /* reserved bits read as 1 */
        break;
    case 7:
        if ( value >> 32 )
            return -EINVAL;
        /* R/W=10b (I/O breakpoints) needs CR4.DE: refuse. */
        {
            unsigned int i;

            for ( i = 0; i < 4; i++ )
                if ( ((value >> (16 + 4 * i)) & 3) == 2 )
                    return -EPERM;
        }
        value = (value & ~0x2000UL) | 0x400;        /* no GD; bit 10 reads as 1 */
        break;
    default:
        return -ENODEV;                             /* Xen's answer: no such register */
    }
    v->arch.pv.debugreg[reg] = value;
    if ( v == current )
    {
        switch ( reg )
        {
        case 0: __asm__ __volatile__ ( "mov %0, %%db0" :: "r" (value) ); break;
        case 1: __asm__ __volatile__ ( "mov %0, %%db1" :: "r" (value) ); break;
        case 2: __asm__ __volatile__ ( "mov %0, %%db2" :: "r" (value) ); break;
        case 3: __asm__ __volatile__ ( "mov %0, %%db3" :: "r" (value) ); break;
        case 6: __asm__ __volatile__ ( "mov %0, %%db6" :: "r" (value) ); break;
        case 7: __asm__ __volatile__ ( "mov %0, %%db7" :: "r" (value) ); break;
        }
    }
    return 0;
}

long do_set_debugreg(int reg, unsigned long value)
{
    return set_debugreg(current, reg, value);
}

unsigned long do_get_debugreg(int reg)
{
    /* DR4 and DR5 alias DR6 and DR7 while CR4.DE is clear, as on hardware. */
    if ( (reg == 4 || reg == 5) && !(current->arch.pv.ctrlreg[4] & X86_CR4_DE) )
        reg += 2;
    if ( reg < 0 || reg > 7 || reg == 4 || reg == 5 )
        return -ENODEV;
    return current->arch.pv.debugreg[reg];
}

long do_set_segment_base(unsigned int which, unsigned long base)
{
    struct vcpu *v = current;

    /* A non-canonical base would #GP in WRMSR, inside the hypervisor. */
    if ( which <= SEGBASE_GS_KERNEL && !is_canonical_address(base) )
        return -EINVAL;

    switch ( which )
    {
    case SEGBASE_FS:
        wrmsr(MSR_FS_BASE, base);
        v->arch.pv.fs_base = base;
        return 0;
    case SEGBASE_GS_USER:
        /* The inactive base while in kernel mode. */
        wrmsr(v->arch.pv.kernel_mode ? MSR_SHADOW_GS_BASE : MSR_GS_BASE, base);
        v->arch.pv.gs_base_user = base;
        return 0;
    case SEGBASE_GS_KERNEL:
        wrmsr(v->arch.pv.kernel_mode ? MSR_GS_BASE : MSR_SHADOW_GS_BASE, base);
        v->arch.pv.gs_base_kernel = base;
        return 0;
    case SEGBASE_GS_USER_SEL:
    {
        /* Load a user %gs selector without losing the kernel GS base. */
        int rc = 0;

        __asm__ __volatile__ ( "swapgs\n"
                               "1: mov %k1, %%gs\n"
                               "2: swapgs\n"
                               "  .pushsection .fixup, \"ax\"\n"
                               "3: mov $-22, %0\n"
                               "  xor %k1, %k1\n"
                               "  mov %k1, %%gs\n"
                               "  jmp 2b\n"
                               "  .popsection\n"
                               _ASM_EXTABLE(1b, 3b)
                               : "+r" (rc) : "r" (base & 0xffff) );
        v->arch.pv.gs = base & 0xffff;
        v->arch.pv.gs_base_user = rdmsr(MSR_SHADOW_GS_BASE);
        return rc;
    }
    }
    return -EINVAL;
}
