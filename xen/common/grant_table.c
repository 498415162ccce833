/*
 * Grant tables (v1).  Not implemented yet: every operation answers -ENOSYS, which
 * Linux's gnttab_init takes as "no grant tables" and boots without them (the split
 * drivers that need them come with domU support).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <asm/hypercall.h>

long do_grant_table_op(unsigned int cmd, XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count)
{
    return -ENOSYS;
}
