/* Interrupts the hypervisor handles itself. */
#ifndef XEN_IRQ_H
#define XEN_IRQ_H

#include <xen/types.h>
#include <asm/regs.h>

typedef void (*irq_handler_t)(unsigned int irq, void *dev, struct cpu_user_regs *regs);

/*
 * Route ISA IRQ 'isa_irq' (through the IO-APIC, honouring the MADT overrides) to
 * 'handler' on the boot CPU.  Returns 0 or a negative errno.
 */
int request_isa_irq(unsigned int isa_irq, irq_handler_t handler, void *dev,
                    const char *name);
/* A free vector for a device interrupt, or -ENOSPC. */
int assign_irq_vector(void);
void do_IRQ(struct cpu_user_regs *regs);
void dump_irqs(void);
void init_irq_data(void);

#endif /* XEN_IRQ_H */
