/*
 * The hypervisor's interrupt layer (arch/x86/irq.c).
 *
 * An IRQ is a source of device interrupts: IRQ n below nr_irqs_gsi is GSI n (one
 * IO-APIC pin); the IRQs above are created for MSI and MSI-X vectors.  Each IRQ
 * has one vector on the CPU that takes device interrupts, and either one owner
 * inside the hypervisor (the serial console) or up to IRQ_MAX_GUESTS guests that
 * bound it as a PIRQ (pirq.c), to whose event channels it is delivered.
 */
#ifndef XEN_IRQ_H
#define XEN_IRQ_H

#include <xen/types.h>
#include <asm/regs.h>
#include <public/event_channel.h>

struct domain;
struct msi_desc;

#define NR_IRQS         256     /* GSIs and MSI vectors together */
#define IRQ_MAX_GUESTS  7       /* domains sharing one line, as Xen */

/* How many IRQs are GSIs (at least the 16 ISA ones); set once the IO-APICs are known. */
extern unsigned int nr_irqs_gsi;

typedef void (*irq_handler_t)(unsigned int irq, void *dev, struct cpu_user_regs *regs);

/*
 * Route ISA IRQ 'isa_irq' (through the IO-APIC, honouring the MADT overrides) to
 * 'handler', for the hypervisor's own use; no guest can bind it afterwards.
 * Returns 0, -EBUSY (a guest has it), -ENOSPC (no vector) or -ENODEV.
 */
int request_isa_irq(unsigned int isa_irq, irq_handler_t handler, void *dev,
                    const char *name);
/* A free vector for a device interrupt, or -ENOSPC. */
int assign_irq_vector(void);
void do_IRQ(struct cpu_user_regs *regs);
void dump_irqs(void);
void init_irq_data(void);
/* Called once the IO-APICs are known: sets nr_irqs_gsi, the GSIs' default modes. */
void init_irq_gsis(void);

/* Is 'irq' a GSI an IO-APIC serves? */
bool irq_is_valid_gsi(unsigned int irq);
/* Does the hypervisor keep this IRQ (its console UART, the PIT)? */
bool irq_is_hypervisors(unsigned int irq);
/*
 * PHYSDEVOP_setup_gsi: set the trigger mode and polarity of a GSI before a guest
 * binds it.  -EINVAL (no such GSI), -EEXIST (the hypervisor's, or bound: the pin
 * is live and stays as it is).
 */
int irq_setup_gsi(unsigned int gsi, bool level, bool active_low);

/* An IRQ and vector for one MSI or MSI-X vector: the IRQ, or -ENOSPC. */
int create_msi_irq(void);
/* Give an MSI IRQ back; it must not be bound. */
void destroy_msi_irq(unsigned int irq);
/* The vector of an IRQ (0 if none yet) and the APIC id its interrupts go to. */
unsigned int irq_vector(unsigned int irq);
u32 irq_dest_apicid(void);
void irq_set_msi(unsigned int irq, struct msi_desc *msi);

/*
 * Guest bindings (pirq.c, with the domain's event_lock held).  Bind: -EBUSY if
 * the hypervisor keeps the IRQ, or it is bound and either side will not share,
 * or IRQ_MAX_GUESTS share it already; -ENOSPC if no vector is left.
 */
int irq_guest_bind(unsigned int irq, struct domain *d, unsigned int pirq,
                   evtchn_port_t port, bool will_share);
void irq_guest_unbind(unsigned int irq, struct domain *d, unsigned int pirq);
/* The guest finished with a delivered interrupt (PHYSDEVOP_eoi). */
void irq_guest_eoi(unsigned int irq, struct domain *d, unsigned int pirq);
/* Was this guest's last interrupt not yet EOI'd (level-triggered lines)? */
bool irq_guest_in_flight(unsigned int irq, struct domain *d, unsigned int pirq);
/* Must a guest EOI this IRQ's interrupts (a level-triggered GSI)? */
bool irq_needs_eoi(unsigned int irq);
/* Is it bound by more than one domain? */
bool irq_is_shared(unsigned int irq);

#endif /* XEN_IRQ_H */
