/*
 * Exceptions and the user/kernel split of a 64-bit PV guest.
 *
 * ABI facts tested (Xen's public arch-x86/xen.h and xen-x86_64.h, and Xen's
 * create_bounce_frame):
 * - an exception is bounced to the trap table entry with the frame
 *   RCX, R11, [error code], RIP, CS, RFLAGS, RSP, SS on the guest kernel
 *   stack, 16-byte aligned; CS has RPL 0 when the guest was in kernel mode,
 *   bits 32-39 of the CS slot hold the saved upcall mask and RFLAGS.IF is
 *   its inverse; flag 4 of a trap_info entry masks events on entry;
 * - from user mode the frame goes on the stack given to stack_switch, CS
 *   keeps RPL 3;
 * - a software interrupt reaches its entry only when the entry's DPL
 *   allows it, otherwise #GP with error code (vector << 3) | 2 (see
 *   test_soft_int for what can be tested under QEMU);
 * - the iret hypercall restores RAX, RCX, R11, RIP, RFLAGS (IOPL dropped),
 *   RSP, and the upcall mask from RFLAGS.IF; CS with RPL 3 enters user mode;
 * - SYSCALL from user mode goes to the syscall callback; set_segment_base
 *   sets FS, the kernel GS and the user GS bases; fpu_taskswitch sets a
 *   virtual CR0.TS that the next FPU instruction turns into #NM (cleared by
 *   the hypervisor as it injects it); set_debugreg/get_debugreg;
 * - set_gdt/update_descriptor and callback registration rules.
 */
#include <pvguest/processor.h>
#include <pvguest/test.h>

const char test_title[] = "traps, bounce frames, iret, user mode, FS/GS";

#define KERNEL_CS_RPL0  (FLAT_KERNEL_CS & ~3UL)

static struct cpu_regs last;
static unsigned int hits;
static unsigned int mask_in_handler;
static unsigned long frame_end;     /* address just above the bounce frame */

static bool record_hook(struct cpu_regs *regs)
{
    last = *regs;
    hits++;
    mask_in_handler = this_vcpu_info()->evtchn_upcall_mask;
    frame_end = (unsigned long)(&regs->ss + 1);
    return extable_fixup(regs);
}

/* For software-interrupt vectors: the INT already completed. */
static bool record_trap_hook(struct cpu_regs *regs)
{
    last = *regs;
    hits++;
    mask_in_handler = this_vcpu_info()->evtchn_upcall_mask;
    frame_end = (unsigned long)(&regs->ss + 1);
    if ( regs->rax == 0x5a5a )
        regs->rax = 0xa5a5;
    return true;
}

static void expect_hit(unsigned int vector, const char *what)
{
    check_eq(hits, 1, what);
    check_eq(last.entry_vector, vector, what);
    hits = 0;
}

static void test_kernel_exceptions(void)
{
    unsigned long sp = 0;
    unsigned long cr2;

    trap_set_hook(X86_EXC_DE, record_hook);
    hits = 0;
    asm volatile ( "mov %%rsp, %[sp]\n\t"
                   "xor %%edx, %%edx\n\t"
                   "xor %%ecx, %%ecx\n\t"
                   "mov $1, %%eax\n\t"
                   "1: divl %%ecx\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   : [sp] "=&r" (sp) :: "rax", "rcx", "rdx", "memory" );
    expect_hit(X86_EXC_DE, "#DE from DIV by zero");
    check_eqx(last.cs & 0xffff, KERNEL_CS_RPL0,
              "CS in a kernel-mode frame (RPL 0)");
    check_eqx(last.ss & 0xffff, FLAT_KERNEL_SS, "SS in the frame");
    check_eqx(last.rsp, sp, "RSP in the frame is the interrupted RSP");
    check_eq((last.cs >> 32) & 0xff, 0, "saved upcall mask in the CS slot");
    check(last.rflags & X86_EFLAGS_IF, "RFLAGS.IF = !saved mask");
    check_eq(frame_end & 15, 0, "bounce frame 16-byte aligned");
    check_eq(mask_in_handler, 1, "events masked in a handler with flag 4");
    check_eq(this_vcpu_info()->evtchn_upcall_mask, 0,
             "upcall mask restored by iret");
    trap_set_hook(X86_EXC_DE, NULL);

    trap_set_hook(X86_EXC_BP, record_hook);
    asm volatile ( "int3\n\t"
                   "1: nop\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    expect_hit(X86_EXC_BP, "#BP from INT3, RIP after it");
    trap_set_hook(X86_EXC_BP, NULL);

    trap_set_hook(X86_EXC_UD, record_hook);
    asm volatile ( "1: ud2\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    expect_hit(X86_EXC_UD, "#UD from UD2");
    /* Without flag 4 events stay unmasked in the handler. */
    check_eq(trap_set_entry(X86_EXC_UD, 0, (unsigned long)entry_UD), 0,
             "set_trap_table: #UD without the mask flag");
    asm volatile ( "1: ud2\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    expect_hit(X86_EXC_UD, "#UD again");
    check_eq(mask_in_handler, 0, "events unmasked in a handler without flag 4");
    trap_set_entry(X86_EXC_UD, 4, (unsigned long)entry_UD);
    trap_set_hook(X86_EXC_UD, NULL);

    /* LIDT is never emulated for a PV guest. */
    {
        struct { uint16_t limit; uint64_t base; } __attribute__((packed)) idtr
            = { 0, 0 };

        asm volatile ( "1: lidt %0\n\t"
                       "2:\n\t"
                       ASM_EXTABLE(1b, 2b) :: "m" (idtr) : "memory" );
        check_eqx(exinfo_take(), EXINFO(X86_EXC_GP, 0), "LIDT gives #GP(0)");
    }

    /* Page faults: error code as for the guest's own ring, CR2. */
    trap_set_hook(X86_EXC_PF, record_hook);
    asm volatile ( "1: mov 0x1008, %%rax\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "rax", "memory" );
    expect_hit(X86_EXC_PF, "#PF reading an unmapped address");
    check_eqx(last.error_code, 0, "#PF error code: kernel read, not present");
    check_eqx(this_vcpu_info()->arch.cr2, 0x1008, "vcpu_info.arch.cr2");
    check_eqx(read_cr2_safe(&cr2), EXINFO_NONE, "MOV from CR2");
    check_eqx(cr2, 0x1008, "MOV from CR2 gives the fault address");

    check_eq(remap_own(scratch_va(0), PTE_RO), 0, "map a data page read-only");
    asm volatile ( "1: movq $1, (%0)\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) :: "r" (scratch_va(0)) : "memory" );
    expect_hit(X86_EXC_PF, "#PF writing a read-only page");
    check_eqx(last.error_code, 3, "#PF error code: kernel write, present");
    check_eqx(this_vcpu_info()->arch.cr2, (unsigned long)scratch_va(0),
              "CR2 for the write");
    scratch_restore(0);
    trap_set_hook(X86_EXC_PF, NULL);
}

/* A #PF hook for executing from an NX page: return to the caller. */
static bool nx_hook(struct cpu_regs *regs)
{
    last = *regs;
    hits++;
    if ( regs->rip != (unsigned long)scratch_va(1) )
        return false;
    regs->rip = *(unsigned long *)regs->rsp;
    regs->rsp += 8;
    return true;
}

static void test_nx(void)
{
    uint8_t *page = scratch_va(1);
    void (*fn)(void) = (void (*)(void))page;

    page[0] = 0xc3;                             /* ret */
    check_eq(remap_own(page, PTE_RW | _PAGE_NX), 0, "map a page NX");
    trap_set_hook(X86_EXC_PF, nx_hook);
    hits = 0;
    fn();
    trap_set_hook(X86_EXC_PF, NULL);
    expect_hit(X86_EXC_PF, "#PF executing from an NX page");
    check_eqx(last.error_code, 0x11, "#PF error code: fetch, present");
    scratch_restore(1);
}

static long int80(long rax)
{
    asm volatile ( "1: int $0x80\n\t"
                   "2: nop\n\t"
                   ASM_EXTABLE(1b, 2b) : "+a" (rax) :: "memory" );
    return rax;
}

/*
 * Software interrupts.  INT $0x80 has a gate of its own in the hypervisor:
 * with no entry 0x80 it is a #GP with error code (0x80 << 3) | 2, with an
 * entry it is delivered there.  Xen 4.17 delivers it whatever the entry's
 * DPL (init_int80_direct_trap looks only at the address and flag 4), so
 * the DPL is not tested.  Other vectors without an entry give a #GP whose
 * error code names the IDT; QEMU's TCG reports its index as n * 16 rather
 * than n << 3, so only the IDT flag is checked.
 */
static void test_soft_int(void)
{
    struct trap_info bad[2] = {
        { .vector = 0x82, .flags = 3, .cs = FLAT_KERNEL_CS,
          .address = 0x8000000000000000UL },
    };
    long rc;

    trap_set_hook(X86_EXC_GP, record_hook);
    trap_set_hook(0x80, record_trap_hook);
    hits = 0;

    check_eq(trap_set_entry(0x80, 0, 0), 0, "remove entry 0x80");
    int80(0);
    expect_hit(X86_EXC_GP, "INT $0x80 without an entry: #GP");
    check_eqx(last.error_code, (0x80 << 3) | 2, "#GP error code for INT n");

    check_eq(trap_set_entry(0x80, 3, (unsigned long)entry_int80), 0,
             "entry 0x80 with DPL 3");
    rc = int80(0x5a5a);
    expect_hit(0x80, "INT $0x80 from the kernel");
    check_eqx(rc, 0xa5a5, "RAX from the INT handler");
    check_eqx(last.cs & 0xffff, KERNEL_CS_RPL0, "CS of the INT frame");
    check_eq(mask_in_handler, 0, "INT entry without flag 4: events unmasked");

    check_eq(trap_set_entry(0x80, 3 | 4, (unsigned long)entry_int80), 0,
             "entry 0x80 with flag 4");
    int80(0);
    expect_hit(0x80, "INT $0x80 to an entry with flag 4");
    check_eq(mask_in_handler, 1, "INT entry with flag 4: events masked");
    check_eq(this_vcpu_info()->evtchn_upcall_mask, 0, "and unmasked after");

    asm volatile ( "1: int $0x81\n\t"
                   "2: nop\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    expect_hit(X86_EXC_GP, "INT $0x81 without an entry: #GP");
    check_eqx(last.error_code & 3, 2, "#GP error code names an IDT entry");

    trap_set_hook(X86_EXC_GP, NULL);
    trap_set_hook(0x80, NULL);

    /* Entries must be canonical addresses. */
    rc = HYPERVISOR_set_trap_table(bad);
    check_eq(rc, -EINVAL, "set_trap_table with a non-canonical address");
}

/* iret to the next instruction with chosen RAX/RCX/R11/RFLAGS. */
static void test_iret(void)
{
    static volatile unsigned long in_rax, in_rcx, in_r11, in_fl;
    static volatile unsigned long out_rax, out_rcx, out_r11, out_fl;

    in_rax = 0x1111222233334444UL;
    in_rcx = 0x5555666677778888UL;
    in_r11 = 0x99990000aaaabbbbUL;
    in_fl = 0x2 | X86_EFLAGS_IF | 0x400 /* DF */ | X86_EFLAGS_IOPL;
    asm volatile ( "push %%rbx\n\t"
                   "mov %%rsp, %%rbx\n\t"
                   "pushq %[ss]\n\t"
                   "push %%rbx\n\t"
                   "pushq %[fl]\n\t"
                   "pushq %[cs]\n\t"
                   "lea 1f(%%rip), %%rax\n\t"
                   "push %%rax\n\t"
                   "mov %[a], %%rax\n\t"
                   "mov %[c], %%rcx\n\t"
                   "mov %[r], %%r11\n\t"
                   "jmp hypercall_iret\n\t"
                   "1: pushf\n\t"
                   "popq %[ofl]\n\t"
                   "cld\n\t"
                   "mov %%rax, %[oa]\n\t"
                   "mov %%rcx, %[oc]\n\t"
                   "mov %%r11, %[or]\n\t"
                   "pop %%rbx"
                   : [oa] "=m" (out_rax), [oc] "=m" (out_rcx),
                     [or] "=m" (out_r11), [ofl] "=m" (out_fl)
                   : [a] "m" (in_rax), [c] "m" (in_rcx), [r] "m" (in_r11),
                     [fl] "m" (in_fl), [ss] "i" (FLAT_KERNEL_SS),
                     [cs] "i" (KERNEL_CS_RPL0)
                   : "rax", "rcx", "r11", "memory" );
    check_eqx(out_rax, in_rax, "RAX after iret");
    check_eqx(out_rcx, in_rcx, "RCX after iret");
    check_eqx(out_r11, in_r11, "R11 after iret");
    check(out_fl & 0x400, "RFLAGS.DF restored by iret (0x%lx)", out_fl);
    check_eqx(out_fl & X86_EFLAGS_IOPL, 0, "RFLAGS.IOPL dropped by iret");
    check(out_fl & X86_EFLAGS_IF, "RFLAGS.IF real value stays set");
    check_eq(this_vcpu_info()->evtchn_upcall_mask, 0,
             "upcall mask 0 after iret with IF=1");

    /* IF clear in the frame: the upcall mask ends up set. */
    in_fl = 0x2;
    asm volatile ( "push %%rbx\n\t"
                   "mov %%rsp, %%rbx\n\t"
                   "pushq %[ss]\n\t"
                   "push %%rbx\n\t"
                   "pushq %[fl]\n\t"
                   "pushq %[cs]\n\t"
                   "lea 1f(%%rip), %%rax\n\t"
                   "push %%rax\n\t"
                   "jmp hypercall_iret\n\t"
                   "1: pop %%rbx"
                   :: [fl] "m" (in_fl), [ss] "i" (FLAT_KERNEL_SS),
                      [cs] "i" (KERNEL_CS_RPL0)
                   : "rax", "rcx", "r11", "memory" );
    check_eq(this_vcpu_info()->evtchn_upcall_mask, 1,
             "upcall mask 1 after iret with IF=0");
    local_events_enable();
}

/* ---- user mode ---------------------------------------------------------- */

static unsigned long user_gs_value = 0x6e5f75736572ULL;   /* "user_gs" */
static unsigned long fs_value = 0x66735f626173ULL;
static struct cpu_regs last_sys;
static unsigned int sys_hits;

static void sys_hook(struct cpu_regs *regs)
{
    last_sys = *regs;
    sys_hits++;
    frame_end = (unsigned long)(&regs->ss + 1);
    regs->rax = regs->rsi + 1;
}

static void user_return_arg(unsigned long arg)
{
    user_exit((long)arg * 3);
}

static void user_read_gs(unsigned long arg)
{
    unsigned long v;

    asm volatile ( "mov %%gs:0, %0" : "=r" (v) );
    user_exit((long)v);
}

static void user_read_fs(unsigned long arg)
{
    unsigned long v;

    asm volatile ( "mov %%fs:0, %0" : "=r" (v) );
    user_exit((long)v);
}

static void user_syscall(unsigned long arg)
{
    long ret;

    asm volatile ( "lea 1f(%%rip), %%rdi\n\t"
                   "syscall\n\t"
                   "1:"
                   : "=a" (ret)
                   : "0" (77UL), "S" (41UL)
                   : "rdi", "rcx", "r11", "memory" );
    user_exit(ret);
}

static void user_int80(unsigned long arg)
{
    long ret;

    asm volatile ( "int $0x80" : "=a" (ret) : "0" (0x5a5aUL) : "memory" );
    user_exit(ret);
}

static void user_faults(unsigned long arg)
{
    /* Each is caught in the kernel and skipped through the extable. */
    asm volatile ( "1: ud2\n\t"
                   "2: nop\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    asm volatile ( "1: int $0x81\n\t"
                   "2: nop\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    asm volatile ( "1: hlt\n\t"
                   "2: nop\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    user_exit(7);
}

static struct cpu_regs user_frames[3];
static unsigned int user_frame_count;
static unsigned long user_frame_ends[3];

static bool user_fault_hook(struct cpu_regs *regs)
{
    if ( user_frame_count < 3 )
    {
        user_frame_ends[user_frame_count] = (unsigned long)(&regs->ss + 1);
        user_frames[user_frame_count++] = *regs;
    }
    return extable_fixup(regs);
}

static void test_user_mode(void)
{
    struct pv_cpu *cpu = this_cpu();
    unsigned long kernel_sp_top;
    long rc, v;

    rc = user_mode_init();
    check_eq(rc, 0, "user L4 (NEW_USER_BASEPTR) and stack_switch");
    if ( rc )
        return;
    kernel_sp_top = (unsigned long)cpu->user_entry_stack_top & ~15UL;

    v = run_user(user_return_arg, 14);
    check_eq(v, 42, "a function run in user mode returns through SYSCALL");
    check(this_cpu() == &pv_cpus[0], "kernel GS base back after user mode");

    /* SYSCALL from user mode: the syscall callback, on the kernel stack. */
    user_set_syscall_hook(sys_hook);
    v = run_user(user_syscall, 0);
    user_set_syscall_hook(NULL);
    check_eq(sys_hits, 1, "syscall callback entered once");
    check_eq(v, 42, "user SYSCALL returns the kernel's RAX");
    check_eq(last_sys.rax, 77, "RAX seen by the syscall callback");
    check_eqx(last_sys.rip, last_sys.rdi, "RIP in the frame follows SYSCALL");
    check_eqx(last_sys.cs & 0xffff, FLAT_USER_CS64, "CS of a user SYSCALL frame");
    check_eqx(last_sys.ss & 0xffff, FLAT_USER_SS64, "SS of a user SYSCALL frame");
    check_eqx(frame_end, kernel_sp_top,
              "frame from user mode at the stack_switch stack");

    /* INT 0x80 with a DPL 3 entry. */
    trap_set_hook(0x80, record_trap_hook);
    hits = 0;
    v = run_user(user_int80, 0);
    trap_set_hook(0x80, NULL);
    expect_hit(0x80, "INT $0x80 from user mode");
    check_eqx(v, 0xa5a5, "INT $0x80 handler's RAX back in user mode");
    check_eq(last.cs & 3, 3, "INT $0x80 frame CS RPL 3");
    check_eqx(frame_end, kernel_sp_top, "INT $0x80 frame at the kernel stack");

    /* Exceptions from user mode; #GP for INT 0x81 (no entry) and HLT. */
    trap_set_hook(X86_EXC_UD, user_fault_hook);
    trap_set_hook(X86_EXC_GP, user_fault_hook);
    user_frame_count = 0;
    v = run_user(user_faults, 0);
    trap_set_hook(X86_EXC_UD, NULL);
    trap_set_hook(X86_EXC_GP, NULL);
    check_eq(v, 7, "user code continues after its faults");
    check_eq(user_frame_count, 3, "three faults from user mode");
    if ( user_frame_count == 3 )
    {
        check_eq(user_frames[0].entry_vector, X86_EXC_UD, "user UD2: #UD");
        check_eq(user_frames[0].cs & 3, 3, "user #UD frame CS RPL 3");
        check_eqx(user_frame_ends[0], kernel_sp_top,
                  "user #UD frame at the kernel stack");
        check_eq(user_frames[1].entry_vector, X86_EXC_GP,
                 "user INT $0x81 without an entry: #GP");
        check_eqx(user_frames[1].error_code & 3, 2, "its error code");
        check_eq(user_frames[1].cs & 3, 3, "user #GP frame CS RPL 3");
        check_eq(user_frames[2].entry_vector, X86_EXC_GP, "user HLT: #GP");
        check_eqx(user_frames[2].error_code, 0, "its error code");
    }
}

static void test_segment_bases(void)
{
    unsigned long v, saved;
    long rc;

    /* The user GS base is what user mode sees; the kernel keeps its own. */
    rc = HYPERVISOR_set_segment_base(SEGBASE_GS_USER,
                                     (unsigned long)&user_gs_value);
    check_eq(rc, 0, "SEGBASE_GS_USER");
    v = run_user(user_read_gs, 0);
    check_eqx(v, user_gs_value, "user mode reads through the user GS base");
    asm volatile ( "mov %%gs:0, %0" : "=r" (v) );
    check_eqx(v, (unsigned long)this_cpu(), "kernel GS base unchanged");

    /* FS is one base for both modes. */
    rc = HYPERVISOR_set_segment_base(SEGBASE_FS, (unsigned long)&fs_value);
    check_eq(rc, 0, "SEGBASE_FS");
    asm volatile ( "mov %%fs:0, %0" : "=r" (v) );
    check_eqx(v, fs_value, "kernel reads through the FS base");
    v = run_user(user_read_fs, 0);
    check_eqx(v, fs_value, "user mode reads through the same FS base");
    HYPERVISOR_set_segment_base(SEGBASE_FS, 0);

    /* The kernel GS base, then back to our per-CPU area. */
    saved = (unsigned long)this_cpu();
    rc = HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL,
                                     (unsigned long)&fs_value);
    asm volatile ( "mov %%gs:0, %0" : "=r" (v) );
    HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, saved);
    check_eq(rc, 0, "SEGBASE_GS_KERNEL");
    check_eqx(v, fs_value, "kernel reads through the new kernel GS base");

    rc = HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, 0);
    check_eq(rc, 0, "SEGBASE_GS_USER_SEL with the null selector");
    rc = HYPERVISOR_set_segment_base(7, 0);
    check_eq(rc, -EINVAL, "set_segment_base with an unknown register");
    rc = HYPERVISOR_set_segment_base(SEGBASE_FS, 0x8000000000000000UL);
    check_eq(rc, -EINVAL, "non-canonical FS base");
}

static void test_lazy_fpu(void)
{
    unsigned long cr0 = 0;
    exinfo_t e;
    long rc;

    rc = HYPERVISOR_fpu_taskswitch(1);
    check_eq(rc, 0, "fpu_taskswitch(1)");
    check_eqx(read_cr0_safe(&cr0), EXINFO_NONE, "MOV from CR0");
    check(cr0 & X86_CR0_TS, "CR0.TS reads as set (0x%lx)", cr0);
    asm volatile ( "1: fnop\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    e = exinfo_take();
    check_eqx(e, EXINFO(X86_EXC_NM, 0), "FPU instruction with TS set: #NM");
    /* The hypervisor clears the virtual TS as it injects #NM. */
    asm volatile ( "1: fnop\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    check_eqx(exinfo_take(), EXINFO_NONE, "no second #NM");
    read_cr0_safe(&cr0);
    check(!(cr0 & X86_CR0_TS), "CR0.TS clear after the #NM (0x%lx)", cr0);

    HYPERVISOR_fpu_taskswitch(1);
    rc = HYPERVISOR_fpu_taskswitch(0);
    check_eq(rc, 0, "fpu_taskswitch(0)");
    asm volatile ( "1: fnop\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) ::: "memory" );
    check_eqx(exinfo_take(), EXINFO_NONE, "no #NM after fpu_taskswitch(0)");
}

static void __attribute__((noinline)) bp_target(void)
{
    asm volatile ( "" ::: "memory" );
}

static bool db_hook(struct cpu_regs *regs)
{
    last = *regs;
    hits++;
    /* Disarm and retry the instruction. */
    HYPERVISOR_set_debugreg(7, 0);
    return true;
}

static void test_debug_registers(void)
{
    long rc, dr6;

    rc = HYPERVISOR_set_debugreg(0, (unsigned long)bp_target);
    check_eq(rc, 0, "set_debugreg(0)");
    rc = HYPERVISOR_get_debugreg(0);
    check_eqx(rc, (unsigned long)bp_target, "get_debugreg(0)");

    trap_set_hook(X86_EXC_DB, db_hook);
    hits = 0;
    rc = HYPERVISOR_set_debugreg(7, 1);     /* L0, execute, 1 byte */
    check_eq(rc, 0, "set_debugreg(7): local breakpoint 0");
    bp_target();
    trap_set_hook(X86_EXC_DB, NULL);
    expect_hit(X86_EXC_DB, "#DB at the breakpoint");
    check_eqx(last.rip, (unsigned long)bp_target, "#DB RIP");
    dr6 = HYPERVISOR_get_debugreg(6);
    check(dr6 & 1, "DR6.B0 set (0x%lx)", dr6);
    HYPERVISOR_set_debugreg(6, 0);

    rc = HYPERVISOR_set_debugreg(0, HYPERVISOR_VIRT_START);
    check_eq(rc, -EPERM, "DR0 inside the hypervisor's area");
    /* Xen 4.17 answers -ENODEV for a register that does not exist. */
    rc = HYPERVISOR_set_debugreg(8, 0);
    check_eq(rc, -ENODEV, "set_debugreg(8)");
    rc = HYPERVISOR_get_debugreg(8);
    check_eq(rc, -ENODEV, "get_debugreg(8)");
    HYPERVISOR_set_debugreg(0, 0);
}

/*
 * A guest GDT (set_gdt): its frames must be mapped read-only only; code and
 * data descriptors are accepted with their DPL raised to 3 (the kernel runs
 * in ring 3), which the hypervisor writes back into the guest's page;
 * system descriptors other than call gates are refused; at most
 * FIRST_RESERVED_GDT_ENTRY entries.  update_descriptor changes one entry
 * by machine address under the same rules.
 */
static void test_gdt(void)
{
    uint64_t *gdt = alloc_pool_page();
    unsigned long frame = virt_to_mfn(gdt);
    uint16_t sel = (3 << 3) | 3, ds = 0;
    long rc;

    gdt[2] = 0x00af9a000000ffffUL;      /* 64-bit code, DPL 0 */
    gdt[3] = 0x00cf92000000ffffUL;      /* data, DPL 0 */
    rc = HYPERVISOR_set_gdt(&frame, 16);
    check_eq(rc, -EINVAL, "set_gdt with a frame mapped writable");
    remap_own(gdt, PTE_RO);
    rc = HYPERVISOR_set_gdt(&frame, FIRST_RESERVED_GDT_ENTRY + 1);
    check_eq(rc, -EINVAL, "set_gdt with more than 7168 entries");
    rc = HYPERVISOR_set_gdt(&frame, 16);
    check_eq(rc, 0, "set_gdt of one read-only frame");
    check_eqx(gdt[2], 0x00affa000000ffffUL, "code descriptor's DPL raised to 3");
    check_eqx(gdt[3], 0x00cff2000000ffffUL, "data descriptor's DPL raised to 3");

    asm volatile ( "1: mov %1, %%ds\n\t"
                   "mov %%ds, %0\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   : "=r" (ds) : "r" (sel) : "memory" );
    check_eqx(exinfo_take(), EXINFO_NONE, "load DS from our GDT");
    check_eqx(ds, sel, "DS holds our selector");
    sel = (5 << 3) | 3;                 /* an empty entry */
    asm volatile ( "1: mov %0, %%ds\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b) :: "r" (sel) : "memory" );
    check_eqx(exinfo_take(), EXINFO(X86_EXC_GP, 5 << 3),
              "loading an empty descriptor: #GP(selector)");
    asm volatile ( "mov %0, %%ds" :: "r" (0) : "memory" );

    rc = HYPERVISOR_update_descriptor(virt_to_maddr(&gdt[4]),
                                      0x00cf92000000ffffUL);
    check_eq(rc, 0, "update_descriptor with a data descriptor");
    check_eqx(gdt[4], 0x00cff2000000ffffUL, "written with DPL 3");
    rc = HYPERVISOR_update_descriptor(virt_to_maddr(&gdt[5]),
                                      0x0000890000000067UL);
    check_eq(rc, -EINVAL, "update_descriptor with a TSS descriptor");
    rc = HYPERVISOR_update_descriptor(virt_to_maddr(&gdt[5]) + 4,
                                      0x00cf92000000ffffUL);
    check_eq(rc, -EINVAL, "update_descriptor at an unaligned address");

    rc = HYPERVISOR_set_gdt(&frame, 0);
    check_eq(rc, 0, "set_gdt with no entries drops the GDT");
    check_eq(remap_own(gdt, PTE_RW), 0, "the frame is a plain page again");
    free_pool_page(gdt);
}

static volatile unsigned int callback_events;

static void count_event(evtchn_port_t port, void *arg)
{
    callback_events++;
}

/*
 * Callbacks: registered by type, at canonical addresses; the event,
 * failsafe and syscall ones cannot be unregistered.
 */
static void test_callbacks(void)
{
    struct callback_register cb = {
        .type = CALLBACKTYPE_event, .address = 0x8000000000000000UL,
    };
    struct callback_unregister un = { .type = CALLBACKTYPE_event };
    long rc;

    rc = HYPERVISOR_callback_op(CALLBACKOP_register, &cb);
    check_eq(rc, -EINVAL, "event callback at a non-canonical address");
    cb.type = 99;
    cb.address = (unsigned long)hypervisor_callback;
    rc = HYPERVISOR_callback_op(CALLBACKOP_register, &cb);
    check_eq(rc, -ENOSYS, "callback of an unknown type");
    rc = HYPERVISOR_callback_op(CALLBACKOP_unregister, &un);
    check_eq(rc, -EINVAL, "unregistering the event callback");
    rc = HYPERVISOR_callback_op(7, &un);
    check_eq(rc, -ENOSYS, "unknown callback_op");

    /* The older set_callbacks hypercall sets the same three. */
    rc = HYPERVISOR_set_callbacks((unsigned long)hypervisor_callback,
                                  (unsigned long)failsafe_callback,
                                  (unsigned long)syscall_callback);
    check_eq(rc, 0, "set_callbacks (hypercall 4)");
    {
        evtchn_port_t p;

        if ( !evtchn_bind_ipi(0, &p) )
        {
            callback_events = 0;
            evtchn_set_handler(p, count_event, NULL);
            evtchn_unmask(p);
            evtchn_send(p);
            check_eq(callback_events, 1, "events still delivered after it");
            evtchn_close(p);
            evtchn_clear_handler(p);
        }
    }
}

void test_main(void)
{
    test_kernel_exceptions();
    test_nx();
    test_soft_int();
    test_iret();
    test_user_mode();
    test_segment_bases();
    test_lazy_fpu();
    test_debug_registers();
    test_gdt();
    test_callbacks();
    test_success();
}
