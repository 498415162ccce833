/* Descriptor tables: per-CPU GDT and TSS, the shared IDT. */
#ifndef ASM_DESC_H
#define ASM_DESC_H

#include <xen/types.h>
#include <asm/config.h>

/* 64-bit TSS (Intel SDM vol. 3, 8.7). */
struct tss64 {
    u32 reserved0;
    u64 rsp0, rsp1, rsp2;
    u64 reserved1;
    u64 ist[7];
    u64 reserved2;
    u16 reserved3;
    u16 iomap_base;
} __packed;

#define IST_NONE 0
#define IST_NMI  1
#define IST_DF   2
#define IST_MCE  3

struct idt_entry {
    u16 offset_lo;
    u16 selector;
    u8  ist;
    u8  type_attr;
    u16 offset_mid;
    u32 offset_hi;
    u32 reserved;
} __packed;

struct desc_ptr {
    u16 limit;
    u64 base;
} __packed;

extern struct idt_entry idt_table[256];

/* Per-CPU set-up: GDT page (with the TSS), load GDT/IDT/TSS. */
void load_system_tables(unsigned int cpu, unsigned long stack_base);
void init_idt(void);
void set_idt_gate(unsigned int vec, void *handler, unsigned int dpl, unsigned int ist);
u64 *percpu_gdt_page(unsigned int cpu);
/* The GDT page of the CPU we run on. */
u64 *this_cpu_gdt_page(void);

#endif /* ASM_DESC_H */
