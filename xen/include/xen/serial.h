/* Console output devices: 16550 UARTs and the VGA text screen. */
#ifndef XEN_SERIAL_H
#define XEN_SERIAL_H

#include <xen/types.h>

/* Set up COM<index+1> from its comN= option (or the defaults) and register it. */
void ns16550_init(unsigned int index);
/* Once interrupts work: route the UART's IRQ, or poll it from a timer. */
void ns16550_init_postirq(void);
bool ns16550_owns_port(unsigned int port);
/* Poll every initialised UART for input (used before IRQs and on panic). */
void ns16550_poll(void);

void vga_init(void);

#endif /* XEN_SERIAL_H */
