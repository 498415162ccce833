/* Host-side stand-ins for the rest of the hypervisor (see host_stubs.c). */
#ifndef TESTS_UNIT_HOST_STUBS_H
#define TESTS_UNIT_HOST_STUBS_H

#include <stddef.h>
#include <asm/current.h>

extern char printk_buf[];
extern size_t printk_len;
void printk_reset(void);

#endif /* TESTS_UNIT_HOST_STUBS_H */
