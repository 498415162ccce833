/*
 * Secondary vCPUs: VCPUOP_initialise with a vcpu_guest_context, then
 * VCPUOP_up.  A secondary runs work items given to it and takes itself
 * down (VCPUOP_down) between them.
 */
#ifndef PVGUEST_SMP_H
#define PVGUEST_SMP_H

#include <pvguest/setup.h>

/*
 * Fill ctxt for a vCPU that starts at rip with the stack at sp, RDI = rdi,
 * in kernel mode on our page tables, with our trap table and callbacks.
 */
void vcpu_fill_context(vcpu_guest_context_t *ctxt, unsigned int vcpu,
                       unsigned long rip, unsigned long sp, unsigned long rdi);

/* VCPUOP_initialise (once per vCPU) for the library's secondary loop. */
long smp_init_vcpu(unsigned int vcpu);

/*
 * Run fn(arg) on the (initialised, down) vCPU and wait until it finished
 * and went down again, at most timeout_ns.  Returns 0, or -errno from
 * VCPUOP_up, or -ETIMEDOUT.
 */
long smp_run_on(unsigned int vcpu, void (*fn)(void *), void *arg,
                uint64_t timeout_ns);

/* Start fn(arg) on the vCPU without waiting; smp_wait() waits for it. */
long smp_start_on(unsigned int vcpu, void (*fn)(void *), void *arg);
long smp_wait(unsigned int vcpu, uint64_t timeout_ns);

/* The number of vCPUs the domain has (VCPUOP_is_up answers for them). */
unsigned int smp_count_vcpus(void);

#endif /* PVGUEST_SMP_H */
