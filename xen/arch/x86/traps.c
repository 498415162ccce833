/*
 * Exceptions taken in the hypervisor.
 *
 * A fault at an instruction listed in the exception table continues at its fixup.
 * Anything else here is a hypervisor bug: dump the registers and a symbolised call
 * trace, then panic.  (Exceptions raised by guests are handled by the PV and HVM
 * code before they get here.)
 */
#include <xen/lib.h>
#include <xen/console.h>
#include <xen/symbols.h>
#include <xen/smp.h>
#include <xen/percpu.h>
#include <xen/version.h>
#include <asm/traps.h>
#include <asm/processor.h>
#include <asm/irq_vectors.h>
#include <asm/current.h>
#include <asm/page.h>
#include <asm/io.h>
#include <asm/setup.h>
#include <xen/sched.h>
#include <asm/pv/traps.h>
#include <xen/mm.h>

extern const struct exception_table_entry __start_ex_table[], __stop_ex_table[];

static const char *const trap_names[X86_NR_EXC] = {
    [X86_EXC_DE] = "divide error",          [X86_EXC_DB] = "debug",
    [X86_EXC_NMI] = "nmi",                  [X86_EXC_BP] = "int3",
    [X86_EXC_OF] = "overflow",              [X86_EXC_BR] = "bounds",
    [X86_EXC_UD] = "invalid opcode",        [X86_EXC_NM] = "device not available",
    [X86_EXC_DF] = "double fault",          [X86_EXC_TS] = "invalid TSS",
    [X86_EXC_NP] = "segment not present",   [X86_EXC_SS] = "stack error",
    [X86_EXC_GP] = "general protection fault", [X86_EXC_PF] = "page fault",
    [X86_EXC_MF] = "fpu error",             [X86_EXC_AC] = "alignment check",
    [X86_EXC_MC] = "machine check",         [X86_EXC_XM] = "simd error",
    [X86_EXC_VE] = "virtualisation exception", [X86_EXC_CP] = "control-flow protection",
};

const char *trap_name(unsigned int vector)
{
    if ( vector < X86_NR_EXC && trap_names[vector] )
        return trap_names[vector];
    return "???";
}

unsigned long search_exception_table(unsigned long addr)
{
    const struct exception_table_entry *e;

    for ( e = __start_ex_table; e < __stop_ex_table; e++ )
        if ( (unsigned long)&e->addr + e->addr == addr )
            return (unsigned long)&e->cont + e->cont;
    return 0;
}

int rdmsr_safe(u32 msr, u64 *val)
{
    u32 lo, hi;
    int rc = 0;

    __asm__ __volatile__ ( "1: rdmsr\n"
                           "2:\n"
                           "  .pushsection .fixup, \"ax\"\n"
                           "3: mov $-14, %2\n"
                           "  xor %0, %0\n"
                           "  xor %1, %1\n"
                           "  jmp 2b\n"
                           "  .popsection\n"
                           _ASM_EXTABLE(1b, 3b)
                           : "=a" (lo), "=d" (hi), "+r" (rc) : "c" (msr) );
    *val = ((u64)hi << 32) | lo;
    return rc;
}

int wrmsr_safe(u32 msr, u64 val)
{
    int rc = 0;

    __asm__ __volatile__ ( "1: wrmsr\n"
                           "2:\n"
                           "  .pushsection .fixup, \"ax\"\n"
                           "3: mov $-14, %0\n"
                           "  jmp 2b\n"
                           "  .popsection\n"
                           _ASM_EXTABLE(1b, 3b)
                           : "+r" (rc) : "c" (msr), "a" ((u32)val), "d" ((u32)(val >> 32)) );
    return rc;
}

static void print_symbol_line(const char *pfx, unsigned long addr)
{
    printk("%s[<%016lx>] %pS\n", pfx, addr, (void *)addr);
}

void show_registers(const struct cpu_user_regs *regs)
{
    bool hyp = regs_from_hypervisor(regs);

    printk("----[ Xen-%s  x86_64  debug=%c  Not tainted ]----\n",
           XEN_FULLVERSION_STRING, XEN_DEBUG ? 'y' : 'n');
    printk("CPU:    %u\n", smp_processor_id());
    printk("RIP:    %04x:[<%016lx>]", regs->cs, regs->rip);
    if ( hyp )
        printk(" %pS", (void *)regs->rip);
    printk("\nRFLAGS: %016lx   CONTEXT: %s\n", regs->rflags,
           hyp ? "hypervisor" : "guest");
    printk("rax: %016lx   rbx: %016lx   rcx: %016lx\n", regs->rax, regs->rbx, regs->rcx);
    printk("rdx: %016lx   rsi: %016lx   rdi: %016lx\n", regs->rdx, regs->rsi, regs->rdi);
    printk("rbp: %016lx   rsp: %016lx   r8:  %016lx\n", regs->rbp, regs->rsp, regs->r8);
    printk("r9:  %016lx   r10: %016lx   r11: %016lx\n", regs->r9, regs->r10, regs->r11);
    printk("r12: %016lx   r13: %016lx   r14: %016lx\n", regs->r12, regs->r13, regs->r14);
    printk("r15: %016lx   cr0: %016lx   cr4: %016lx\n", regs->r15, read_cr0(), read_cr4());
    printk("cr3: %016lx   cr2: %016lx\n", read_cr3(), read_cr2());
    printk("fsb: %016lx   gsb: %016lx   gss: %016lx\n", (unsigned long)rdmsr(MSR_FS_BASE),
           (unsigned long)rdmsr(MSR_GS_BASE), (unsigned long)rdmsr(MSR_SHADOW_GS_BASE));
    printk("ss: %04x   cs: %04x\n", regs->ss, regs->cs);
}

/* Is [p, p+8) inside this CPU's stack block (which 'sp' must also be in)? */
static bool on_same_stack(unsigned long sp, unsigned long p)
{
    unsigned long base = cpu_stack_base(smp_processor_id());

    if ( !base || sp < base || sp >= base + STACK_SIZE )
        return false;
    return p >= base && p + 8 <= base + STACK_SIZE - sizeof(struct cpu_info);
}

void show_stack(const struct cpu_user_regs *regs)
{
    unsigned long rbp = regs->rbp, sp = regs->rsp, *p;
    unsigned int i;

    if ( !regs_from_hypervisor(regs) )
        return;

    printk("Xen stack trace from rsp=%016lx:\n  ", sp);
    for ( i = 0, p = (unsigned long *)sp; i < 24 && on_same_stack(sp, (unsigned long)p);
          i++, p++ )
        printk(" %016lx%s", *p, (i % 4 == 3) ? "\n  " : "");
    printk("\n");

    printk("Xen call trace:\n");
    print_symbol_line("   R ", regs->rip);
    /* Frame pointers: [rbp] = caller's rbp, [rbp + 8] = return address. */
    for ( i = 0; i < 32 && rbp && on_same_stack(sp, rbp) && on_same_stack(sp, rbp + 8); i++ )
    {
        unsigned long ret = ((unsigned long *)rbp)[1];
        unsigned long next = ((unsigned long *)rbp)[0];

        if ( !ret )
            break;
        print_symbol_line("   F ", ret);
        if ( next <= rbp )
            break;
        rbp = next;
    }
}

void show_execution_state(const struct cpu_user_regs *regs)
{
    show_registers(regs);
    show_stack(regs);
}

/* Can the crash dump safely read this physical address through the direct map? */
static bool paddr_is_mapped_ram(paddr_t pa)
{
    if ( !max_page )
        return pa < (4UL << 30);    /* still on the boot mappings */
    return mfn_valid(pa >> PAGE_SHIFT);
}

/* Print what the faulting access went through, level by level. */
static void show_page_walk(unsigned long addr)
{
    unsigned long cr3 = read_cr3() & PTE_ADDR_MASK;
    const u64 *t = maddr_to_virt(cr3);
    static const char *const names[] = { "L4", "L3", "L2", "L1" };
    unsigned int level;

    printk("Pagetable walk from %016lx:\n", addr);
    for ( level = 0; level < 4; level++ )
    {
        unsigned int shift = 39 - 9 * level;
        u64 e = t[(addr >> shift) & 511];

        printk(" %s[0x%03lx] = %016lx\n", names[level], (addr >> shift) & 511,
               (unsigned long)e);
        if ( !(e & _PAGE_PRESENT) || (level && level < 3 && (e & _PAGE_PSE)) )
            break;
        if ( !paddr_is_mapped_ram(e & PTE_ADDR_MASK) )
            break;
        t = maddr_to_virt(e & PTE_ADDR_MASK);
    }
}

void __noreturn fatal_trap(const struct cpu_user_regs *regs, bool show_remote)
{
    unsigned int vec = regs->entry_vector;

    console_force_unlock();
    show_execution_state(regs);
    if ( vec == X86_EXC_PF )
        show_page_walk(read_cr2());
    if ( show_remote )
        dump_other_cpus();
    panic("FATAL TRAP: vector = %u (%s)\n[error_code=%04x]%s", vec, trap_name(vec),
          regs->error_code,
          vec == X86_EXC_PF ? (regs->error_code & 1 ? ", protection violation"
                                                    : ", page not present") : "");
}

void do_nmi(const struct cpu_user_regs *regs);
void do_machine_check(const struct cpu_user_regs *regs);

void do_exception(struct cpu_user_regs *regs)
{
    unsigned int vec = regs->entry_vector;
    unsigned long fixup;

    switch ( vec )
    {
    case X86_EXC_NMI:
        do_nmi(regs);
        return;
    case X86_EXC_MC:
        do_machine_check(regs);
        return;
    }

    /* The guest's LDT is mapped on first use, from guest or hypervisor mode. */
    if ( vec == X86_EXC_PF && !is_idle_vcpu(current) &&
         pv_map_ldt_page(current, read_cr2()) )
        return;

    if ( regs_from_hypervisor(regs) && (fixup = search_exception_table(regs->rip)) )
    {
        regs->rip = fixup;
        return;
    }

    if ( !regs_from_hypervisor(regs) && !is_idle_vcpu(current) )
    {
        local_irq_enable();
        pv_handle_exception(regs);
        return;
    }

    fatal_trap(regs, false);
}

/*
 * NMIs: a registered callback (crash dumps of other CPUs) takes them first;
 * otherwise report the cause the chipset latched in port 0x61.
 */
static nmi_callback_t nmi_callback;

void set_nmi_callback(nmi_callback_t cb)
{
    nmi_callback = cb;
}

void do_nmi(const struct cpu_user_regs *regs)
{
    u8 reason;

    if ( nmi_callback && nmi_callback(regs, smp_processor_id()) )
        return;
    reason = inb(0x61);
    printk("NMI received on CPU%u (port 0x61 = %#x%s%s)\n", smp_processor_id(), reason,
           (reason & 0x80) ? ", PCI SERR" : "", (reason & 0x40) ? ", I/O check" : "");
}

void do_machine_check(const struct cpu_user_regs *regs)
{
    unsigned int banks = 0, i;
    u64 cap;

    console_force_unlock();
    printk("Machine check on CPU%u\n", smp_processor_id());
    if ( !rdmsr_safe(MSR_IA32_MCG_CAP, &cap) )
    {
        u64 st = 0;

        banks = cap & 0xff;
        rdmsr_safe(MSR_IA32_MCG_STATUS, &st);
        printk("MCG_STATUS %016lx, %u banks\n", (unsigned long)st, banks);
        for ( i = 0; i < banks; i++ )
        {
            u64 v = 0;

            if ( !rdmsr_safe(MSR_IA32_MC0_STATUS + 4 * i, &v) && (v >> 63) )
                printk(" bank %u: status %016lx\n", i, (unsigned long)v);
        }
    }
    show_execution_state(regs);
    panic("Machine check: hardware error, cannot continue");
}
