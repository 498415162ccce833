/*
 * IO-APICs (arch/x86/io_apic.c).  A GSI names one pin of one IO-APIC: GSI =
 * the IO-APIC's GSI base (MADT) + pin.  Every pin starts masked; the IRQ layer
 * (irq.c) programs a pin when the hypervisor or a guest takes its GSI.
 */
#ifndef ASM_IO_APIC_H
#define ASM_IO_APIC_H

#include <xen/types.h>

/* IO-APIC registers, reached through the index/data window. */
#define IO_APIC_ID      0x00
#define IO_APIC_VER     0x01
#define IO_APIC_ARB     0x02
#define IO_APIC_REDTBL  0x10    /* two 32-bit registers per pin: low, high */

/* Redirection entry, low word. */
#define RTE_VECTOR_MASK 0xffu
#define RTE_DELIV_MASK  (7u << 8)
#define RTE_ACTIVE_LOW  (1u << 13)
#define RTE_REMOTE_IRR  (1u << 14)
#define RTE_LEVEL       (1u << 15)
#define RTE_MASKED      (1u << 16)

/* Raw register access to IO-APIC number 'apic' (index into the MADT's list). */
u32 io_apic_read_reg(unsigned int apic, unsigned int reg);
void io_apic_write_reg(unsigned int apic, unsigned int reg, u32 val);

void io_apic_init(void);
/* One more than the highest GSI any IO-APIC serves. */
unsigned int nr_ioapic_gsis(void);
/* Does an IO-APIC serve this GSI? */
bool io_apic_gsi_valid(unsigned int gsi);

/*
 * Program the pin of 'gsi': fixed delivery of 'vector' to the CPU with APIC id
 * 'dest', the trigger mode and polarity given, masked or not.  -ENODEV if no
 * IO-APIC serves the GSI, -ERANGE if 'dest' needs interrupt remapping.
 */
int io_apic_program_gsi(unsigned int gsi, unsigned int vector, u32 dest, bool level,
                        bool active_low, bool masked);
/* Compatibility form of the above: unmasked. */
int io_apic_route_gsi(unsigned int gsi, unsigned int vector, u32 dest, bool level,
                      bool active_low);
void io_apic_mask_gsi(unsigned int gsi, bool mask);

/* The GSI an ISA IRQ is wired to, and its trigger/polarity (MADT overrides). */
unsigned int isa_irq_to_gsi(unsigned int isa_irq, bool *level, bool *active_low);
/*
 * The trigger mode and polarity a GSI has until someone says otherwise: what a
 * MADT override names for it, ISA's edge/high below 16, PCI's level/low above.
 */
void gsi_default_mode(unsigned int gsi, bool *level, bool *active_low);

/*
 * Register access for PHYSDEVOP_apic_read/apic_write: the IO-APIC is named by its
 * physical base address.  -EINVAL if no IO-APIC sits there or 'reg' is not one
 * of its registers.  io_apic_reg_gsi() says which GSI a redirection-table
 * register belongs to (-EINVAL for the other registers).
 */
int io_apic_guest_read(u64 physbase, unsigned int reg, u32 *val);
int io_apic_reg_gsi(u64 physbase, unsigned int reg, unsigned int *gsi);

void dump_ioapic(void);

#endif /* ASM_IO_APIC_H */
