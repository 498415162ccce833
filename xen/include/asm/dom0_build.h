/* Building domain 0 from the first boot module. */
#ifndef ASM_DOM0_BUILD_H
#define ASM_DOM0_BUILD_H

#include <xen/types.h>

/* How much memory dom0= options ask for, resolved against what is free. */
unsigned long dom0_compute_nr_pages(unsigned long avail_pages);
unsigned long dom0_max_pages(unsigned long avail_pages);

struct domain;
struct boot_module;
/* Build domain 0's memory image and vCPU 0 (arch/x86/pv/dom0_build.c). */
int construct_dom0(struct domain *d, const struct boot_module *kernel,
                   const struct boot_module *initrd, unsigned long nr_pages,
                   unsigned int nr_vcpus);

/* Check the dom0 kernel module and build domain 0 (or say why not). */
void dom0_setup(void);

/* Parsing of dom0_mem= (pure, unit-tested). */
struct dom0_size {
    enum { DOM0_SIZE_NONE, DOM0_SIZE_ABS, DOM0_SIZE_NEG, DOM0_SIZE_PCT } kind;
    u64 value;                  /* bytes, or percent */
};
struct dom0_mem_opt {
    struct dom0_size min, max, amt;
};
int parse_dom0_mem_str(const char *s, struct dom0_mem_opt *out);
u64 dom0_size_resolve(const struct dom0_size *sz, u64 avail_bytes);

#endif /* ASM_DOM0_BUILD_H */
