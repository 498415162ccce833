/* The x86 parts of sysctl (arch/x86/sysctl.c). */
#ifndef ASM_SYSCTL_H
#define ASM_SYSCTL_H

#include <xen/types.h>
#include <public/sysctl.h>

/* Core and socket numbers of a CPU, from its APIC id and CPUID's topology. */
void arch_cpu_topology(unsigned int cpu, u32 *core, u32 *socket);
/* physinfo's x86 fields: hw_cap, capabilities, threads and cores. */
void arch_do_physinfo(struct xen_sysctl_physinfo *pi);
/* The x86 sysctls; -ENOSYS for unknown ones. */
long arch_do_sysctl(struct xen_sysctl *op, XEN_GUEST_HANDLE_PARAM(void) u_sysctl,
                    bool *copyback);

#endif /* ASM_SYSCTL_H */
