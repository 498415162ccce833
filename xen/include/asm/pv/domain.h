/* PV domain and vCPU life cycle (arch/x86/pv/domain.c). */
#ifndef ASM_PV_DOMAIN_H
#define ASM_PV_DOMAIN_H

#include <public/xen.h>

struct domain;
struct vcpu;

int pv_domain_initialise(struct domain *d, bool privileged);
void pv_domain_destroy(struct domain *d);
int pv_vcpu_initialise(struct vcpu *v);
void pv_vcpu_destroy(struct vcpu *v);
/* A dying domain gives back its memory: 0, or -ERESTART to be called again. */
int pv_domain_relinquish_resources(struct domain *d);
/* XEN_DOMCTL_setvcpucontext without a context: back to the state at creation. */
int pv_vcpu_reset(struct vcpu *v);
/* The context XEN_DOMCTL_getvcpucontext returns (the inverse of arch_set_info_guest). */
void arch_get_info_guest(struct vcpu *v, vcpu_guest_context_t *c);
int arch_set_info_guest(struct vcpu *v, const vcpu_guest_context_t *c);
unsigned long guest_va_to_mfn(struct vcpu *v, unsigned long va);
void pv_save_state(struct vcpu *v);

#endif /* ASM_PV_DOMAIN_H */
