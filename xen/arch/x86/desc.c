/*
 * Descriptor tables.  Each CPU has its own GDT page holding the hypervisor's
 * descriptors at Xen's selectors (0xe008...) and its TSS descriptor; the IDT is
 * shared.  The TSS names the stack for entries from guests (RSP0, at the bottom
 * of struct cpu_info) and separate IST stacks for NMI, #DF and #MC, so those are
 * handled even when the normal stack is unusable.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <asm/desc.h>
#include <asm/current.h>
#include <asm/irq_vectors.h>

extern const u64 boot_gdt[8];
extern const char entry_stubs[];

struct idt_entry idt_table[256] __aligned(PAGE_SIZE);
static DEFINE_PER_CPU(struct tss64, init_tss) __aligned(128);
static DEFINE_PER_CPU(u64 *, gdt_page);

u64 *percpu_gdt_page(unsigned int cpu)
{
    return per_cpu(gdt_page, cpu);
}

void set_idt_gate(unsigned int vec, void *handler, unsigned int dpl, unsigned int ist)
{
    unsigned long a = (unsigned long)handler;
    struct idt_entry *e = &idt_table[vec];

    e->offset_lo = a & 0xffff;
    e->selector = __HYPERVISOR_CS;
    e->ist = ist;
    e->type_attr = 0x8e | (dpl << 5);       /* present, 64-bit interrupt gate */
    e->offset_mid = (a >> 16) & 0xffff;
    e->offset_hi = a >> 32;
    e->reserved = 0;
}

void __init init_idt(void)
{
    unsigned int vec;

    for ( vec = 0; vec < 256; vec++ )
        set_idt_gate(vec, (void *)(entry_stubs + 16 * vec), 0, IST_NONE);
    /*
     * INT3, INTO and INT 0x80 are reachable from ring 3 (PV guests, whose kernels
     * run there too); they are delivered through the guest's trap table.
     */
    set_idt_gate(X86_EXC_BP, (void *)(entry_stubs + 16 * X86_EXC_BP), 3, IST_NONE);
    set_idt_gate(X86_EXC_OF, (void *)(entry_stubs + 16 * X86_EXC_OF), 3, IST_NONE);
    set_idt_gate(LEGACY_SYSCALL_VECTOR, (void *)(entry_stubs + 16 * LEGACY_SYSCALL_VECTOR),
                 3, IST_NONE);
    set_idt_gate(X86_EXC_NMI, (void *)(entry_stubs + 16 * X86_EXC_NMI), 0, IST_NMI);
    set_idt_gate(X86_EXC_DF, (void *)(entry_stubs + 16 * X86_EXC_DF), 0, IST_DF);
    set_idt_gate(X86_EXC_MC, (void *)(entry_stubs + 16 * X86_EXC_MC), 0, IST_MCE);
}

static void write_tss_desc(u64 *gdt, unsigned int sel, const struct tss64 *tss)
{
    unsigned long base = (unsigned long)tss, limit = sizeof(*tss) - 1;
    u64 *d = &gdt[(sel - FIRST_RESERVED_GDT_BYTE) / 8];

    d[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89UL << 40) |
           (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    d[1] = base >> 32;
}

/*
 * Give this CPU its GDT and TSS and load them with the IDT.  'stack_base' is the
 * STACK_SIZE-aligned block the CPU runs on; its bottom pages are the IST stacks.
 */
void load_system_tables(unsigned int cpu, unsigned long stack_base)
{
    struct tss64 *tss = &per_cpu(init_tss, cpu);
    u64 *gdt = per_cpu(gdt_page, cpu);
    struct desc_ptr gdtr, idtr;

    if ( !gdt )
    {
        gdt = alloc_xenheap_page();
        if ( !gdt )
            panic("No memory for CPU%u's GDT", cpu);
        per_cpu(gdt_page, cpu) = gdt;
    }
    memset(gdt, 0, PAGE_SIZE);
    memcpy(gdt, boot_gdt, sizeof(boot_gdt));
    /* The per-CPU entry: its limit is the CPU number (as Xen's PER_CPU_GDT_ENTRY). */
    gdt[(PER_CPU_SELECTOR - FIRST_RESERVED_GDT_BYTE) / 8] = 0x0000910000000000UL | cpu;

    memset(tss, 0, sizeof(*tss));
    tss->rsp0 = stack_base + STACK_SIZE - sizeof(struct cpu_info) +
                offsetof(struct cpu_user_regs, es);
    tss->ist[IST_DF - 1] = stack_base + (IST_DF_PAGE + 1) * PAGE_SIZE;
    tss->ist[IST_NMI - 1] = stack_base + (IST_NMI_PAGE + 1) * PAGE_SIZE;
    tss->ist[IST_MCE - 1] = stack_base + (IST_MCE_PAGE + 1) * PAGE_SIZE;
    tss->iomap_base = sizeof(*tss);     /* no I/O bitmap: ring 3 port access faults */
    write_tss_desc(gdt, TSS_SELECTOR, tss);

    gdtr.limit = FIRST_RESERVED_GDT_BYTE + PAGE_SIZE - 1;
    gdtr.base = (unsigned long)gdt - FIRST_RESERVED_GDT_BYTE;
    idtr.limit = sizeof(idt_table) - 1;
    idtr.base = (unsigned long)idt_table;
    __asm__ __volatile__ ( "lgdt %0; lidt %1" :: "m" (gdtr), "m" (idtr) );
    /* Reload every segment register from the new GDT (CS by a far return). */
    __asm__ __volatile__ ( "pushq %0\n\t"
                           "leaq 1f(%%rip), %%rax\n\t"
                           "pushq %%rax\n\t"
                           "lretq\n"
                           "1:\n\t"
                           "mov %1, %%ss\n\t"
                           "mov %1, %%ds\n\t"
                           "mov %1, %%es\n\t"
                           "mov %2, %%fs\n\t"
                           "mov %2, %%gs"
                           :: "i" (__HYPERVISOR_CS), "r" (__HYPERVISOR_DS), "r" (0)
                           : "rax", "memory" );
    __asm__ __volatile__ ( "ltr %w0" :: "r" (TSS_SELECTOR) );
    __asm__ __volatile__ ( "lldt %w0" :: "r" (0) );
}
