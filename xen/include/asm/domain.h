/*
 * Architecture parts of domains and vCPUs.  The PV and HVM code extend these;
 * for now they hold what the idle vCPUs and context switching need.
 */
#ifndef ASM_DOMAIN_H
#define ASM_DOMAIN_H

#include <xen/types.h>
#include <asm/regs.h>

struct vcpu;

struct arch_vcpu {
    struct cpu_user_regs user_regs;     /* guest registers while not running */
    /* Runs on this CPU's reset stack when the vCPU is switched to. */
    void (*schedule_tail)(struct vcpu *v);
    void *xsave_area;
};

struct arch_domain {
    u64 *perdomain_l3;                  /* reserved for per-domain mappings */
};

#endif /* ASM_DOMAIN_H */
