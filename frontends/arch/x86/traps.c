/*
 * The guest's trap table, expected faults and guest user mode.
 *
 * Trap table entries (Xen's public arch-x86/xen.h, struct trap_info): the
 * flags' low two bits are the DPL that software interrupts must satisfy
 * (0: nobody, 1-2: the kernel, 3: everyone), bit 2 masks events on entry
 * as an interrupt gate clears IF.  set_trap_table only changes the vectors
 * it lists; a NULL list clears them all.
 */
#include <pvguest/events.h>
#include <pvguest/hypercall.h>
#include <pvguest/mm.h>
#include <pvguest/test.h>

#define TI_MASK_EVENTS 4

extern const struct extable_entry __ex_table_start[], __ex_table_end[];

/* The library's table, indexed by vector; address 0 = not installed. */
static struct trap_info traps[256];
static trap_hook_t hooks[256];
static void (*user_syscall_hook)(struct cpu_regs *regs);

/* What the user code passed to USER_SYSCALL_EXIT, per vCPU. */
static long user_ret[MAX_VCPUS];

static const struct {
    uint8_t vector, flags;
    void (*entry)(void);
} default_traps[] = {
    { X86_EXC_DE, 0, entry_DE },
    { X86_EXC_DB, 0, entry_DB },
    { X86_EXC_BP, 3, entry_BP },
    { X86_EXC_OF, 3, entry_OF },
    { X86_EXC_BR, 0, entry_BR },
    { X86_EXC_UD, 0, entry_UD },
    { X86_EXC_NM, 0, entry_NM },
    { X86_EXC_TS, 0, entry_TS },
    { X86_EXC_NP, 0, entry_NP },
    { X86_EXC_SS, 0, entry_SS },
    { X86_EXC_GP, 0, entry_GP },
    { X86_EXC_PF, 0, entry_PF },
    { X86_EXC_MF, 0, entry_MF },
    { X86_EXC_AC, 0, entry_AC },
    { X86_EXC_XM, 0, entry_XM },
    { 0x80, 3, entry_int80 },
};

static const char *const exc_names[32] = {
    "DE", "DB", "NMI", "BP", "OF", "BR", "UD", "NM", "DF", "CSO", "TS",
    "NP", "SS", "GP", "PF", "15", "MF", "AC", "MC", "XM",
};

/* Install every entry of traps[] (after clearing the hypervisor's copy). */
int traps_reinstall(void)
{
    struct trap_info list[257];
    unsigned int i, n = 0;
    long rc;

    rc = HYPERVISOR_set_trap_table(NULL);
    if ( rc )
        return (int)rc;
    for ( i = 0; i < 256; i++ )
        if ( traps[i].address )
            list[n++] = traps[i];
    memset(&list[n], 0, sizeof(list[n]));
    return (int)HYPERVISOR_set_trap_table(list);
}

int trap_set_entry(unsigned int vector, unsigned int flags,
                   unsigned long address)
{
    if ( vector > 255 )
        return -EINVAL;
    traps[vector].vector = vector;
    traps[vector].flags = flags;
    traps[vector].cs = FLAT_KERNEL_CS;
    traps[vector].address = address;
    return traps_reinstall();
}

void trap_set_hook(unsigned int vector, trap_hook_t hook)
{
    if ( vector < 256 )
        hooks[vector] = hook;
}

void traps_init(void)
{
    unsigned int i;
    int rc;

    for ( i = 0; i < ARRAY_SIZE(default_traps); i++ )
    {
        struct trap_info *t = &traps[default_traps[i].vector];

        t->vector = default_traps[i].vector;
        t->flags = default_traps[i].flags | TI_MASK_EVENTS;
        t->cs = FLAT_KERNEL_CS;
        t->address = (unsigned long)default_traps[i].entry;
    }
    rc = traps_reinstall();
    if ( rc )
        test_abort("set_trap_table: %d", rc);
}

exinfo_t exinfo_take(void)
{
    struct pv_cpu *cpu = this_cpu();
    exinfo_t e = cpu->exinfo;

    cpu->exinfo = EXINFO_NONE;
    return e;
}

const char *exinfo_str(exinfo_t e, char *buf, size_t size)
{
    unsigned int vec = EXINFO_VEC(e);

    if ( !(e & EXINFO_VALID) )
        snprintf(buf, size, "none");
    else if ( vec < 32 && exc_names[vec] )
        snprintf(buf, size, "#%s[%04x]", exc_names[vec], EXINFO_EC(e));
    else
        snprintf(buf, size, "vector %u[%04x]", vec, EXINFO_EC(e));
    return buf;
}

static const struct extable_entry *extable_find(unsigned long rip)
{
    const struct extable_entry *e;

    for ( e = __ex_table_start; e < __ex_table_end; e++ )
        if ( e->fault == rip )
            return e;
    return NULL;
}

bool extable_fixup(struct cpu_regs *regs)
{
    const struct extable_entry *fix = extable_find(regs->rip);

    if ( !fix )
        return false;
    regs->rip = fix->fixup;
    return true;
}

static void dump_regs(const struct cpu_regs *r)
{
    printk("  rip %016lx  cs %04lx (saved mask %lu)  rflags %08lx\n",
           r->rip, r->cs & 0xffff, (r->cs >> 32) & 0xff, r->rflags);
    printk("  rsp %016lx  ss %04lx  error %04lx  cr2 %016lx\n", r->rsp,
           r->ss & 0xffff, r->error_code,
           (unsigned long)this_vcpu_info()->arch.cr2);
    printk("  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", r->rax,
           r->rbx, r->rcx, r->rdx);
    printk("  rsi %016lx rdi %016lx rbp %016lx r8  %016lx\n", r->rsi,
           r->rdi, r->rbp, r->r8);
}

static void do_syscall_callback(struct cpu_regs *regs)
{
    struct pv_cpu *cpu = this_cpu();

    if ( regs->rax == USER_SYSCALL_EXIT )
    {
        user_ret[cpu->vcpu_id] = (long)regs->rdi;
        pv_longjmp(&cpu->user_jb, 1);
    }
    if ( user_syscall_hook )
        user_syscall_hook(regs);
    else
        regs->rax = -ENOSYS;
}

/* Deeper than this, exceptions are taken to be recursing: stop. */
#define MAX_EXC_DEPTH 8

static void do_exception_nested(struct cpu_regs *regs);

void do_exception(struct cpu_regs *regs)
{
    struct pv_cpu *cpu = this_cpu();

    if ( ++cpu->exc_depth > MAX_EXC_DEPTH )
    {
        cpu->exc_depth = 0;
        printk("Exceptions nested %u deep on vCPU %u: vector %lu\n",
               MAX_EXC_DEPTH, cpu->vcpu_id, (unsigned long)regs->entry_vector);
        dump_regs(regs);
        test_abort("recursive exceptions");
    }
    do_exception_nested(regs);
    cpu->exc_depth--;
}

static void do_exception_nested(struct cpu_regs *regs)
{
    unsigned int vec = (unsigned int)regs->entry_vector;
    const struct extable_entry *fix;

    switch ( vec )
    {
    case X86_VEC_EVENT:
        do_event_upcall(regs);
        return;
    case X86_VEC_SYSCALL:
        do_syscall_callback(regs);
        return;
    case X86_VEC_FAILSAFE:
        printk("Failsafe callback: the hypervisor could not load a segment\n");
        dump_regs(regs);
        test_abort("failsafe callback");
    case X86_VEC_NMI:
        printk("NMI callback\n");
        return;
    }

    if ( vec < 256 && hooks[vec] && hooks[vec](regs) )
        return;

    fix = extable_find(regs->rip);
    if ( fix )
    {
        this_cpu()->exinfo = EXINFO(vec, regs->error_code);
        regs->rip = fix->fixup;
        return;
    }

    printk("Unhandled exception %s (vector %u) on vCPU %u in %s mode\n",
           vec < 32 && exc_names[vec] ? exc_names[vec] : "?", vec,
           this_cpu()->vcpu_id, (regs->cs & 3) == 3 ? "user" : "kernel");
    dump_regs(regs);
    test_abort("unhandled exception");
}

/* ---- Guest user mode ---------------------------------------------------- */

#define USER_STACK_SIZE (4 * PAGE_SIZE)

static uint8_t user_stacks[MAX_VCPUS][USER_STACK_SIZE] __page_aligned;
static uint8_t user_entry_stacks[MAX_VCPUS][USER_STACK_SIZE] __page_aligned;
static unsigned long user_l4_mfn;

void user_set_syscall_hook(void (*hook)(struct cpu_regs *regs))
{
    user_syscall_hook = hook;
}

/* Pin, once, a user L4 holding the kernel L4's guest slots. */
static long user_l4_create(void)
{
    const uint64_t *kl4 = mfn_to_virt(current_l4_mfn());
    uint64_t *l4;
    unsigned int i;
    long rc;

    if ( user_l4_mfn )
        return 0;
    if ( !kl4 )
        return -EFAULT;
    l4 = alloc_pool_page();
    for ( i = 0; i < 512; i++ )
        if ( i < XEN_L4_FIRST || i > XEN_L4_LAST )
            l4[i] = kl4[i];
    rc = remap_own(l4, PTE_RO);
    if ( !rc )
        rc = pin_table(4, virt_to_mfn(l4));
    if ( !rc )
        user_l4_mfn = virt_to_mfn(l4);
    return rc;
}

int user_mode_init(void)
{
    struct pv_cpu *cpu = this_cpu();
    long rc = user_l4_create();

    if ( rc )
        return (int)rc;
    rc = mmuext_one(MMUEXT_NEW_USER_BASEPTR, user_l4_mfn, 0);
    if ( rc )
        return (int)rc;
    cpu->user_entry_stack_top = user_entry_stacks[cpu->vcpu_id] +
                                USER_STACK_SIZE;
    return (int)HYPERVISOR_stack_switch(
        FLAT_KERNEL_SS, (unsigned long)cpu->user_entry_stack_top);
}

void user_exit(long value)
{
    asm volatile ( "syscall"
                   :: "a" ((unsigned long)USER_SYSCALL_EXIT), "D" (value)
                   : "rcx", "r11", "memory" );
    for ( ;; )
        ;
}

/* Where a user function returns to: leave run_user() with 0. */
static void user_fn_returned(void)
{
    user_exit(0);
}

long run_user(void (*fn)(unsigned long), unsigned long arg)
{
    struct pv_cpu *cpu = this_cpu();
    unsigned int depth = cpu->exc_depth;
    unsigned long *sp;
    bool masked;

    masked = local_events_disable();
    user_ret[cpu->vcpu_id] = 0;
    if ( pv_setjmp(&cpu->user_jb) == 0 )
    {
        sp = (unsigned long *)(user_stacks[cpu->vcpu_id] + USER_STACK_SIZE);
        *--sp = (unsigned long)user_fn_returned;
        enter_user_mode((unsigned long)fn, (unsigned long)sp, arg);
    }
    /*
     * Back in kernel mode, on our own stack, through USER_SYSCALL_EXIT: the
     * syscall callback that brought us here never returned.
     */
    cpu = this_cpu();
    cpu->exc_depth = depth;
    local_events_restore(masked);
    return user_ret[cpu->vcpu_id];
}
