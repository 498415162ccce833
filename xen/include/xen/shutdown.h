/* Machine restart and power-off. */
#ifndef XEN_SHUTDOWN_H
#define XEN_SHUTDOWN_H

#include <xen/types.h>

extern bool opt_noreboot;

void __noreturn machine_restart(unsigned int delay_millisecs);
void __noreturn machine_halt(void);
void __noreturn machine_power_off(void);

#endif /* XEN_SHUTDOWN_H */
