/*
 * domctl and sysctl: the toolstack interface.  Not implemented yet (the toolstack
 * issue brings them); answering -ENOSYS lets tools report that clearly.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <asm/hypercall.h>

long do_domctl(XEN_GUEST_HANDLE_PARAM(void) u_domctl)
{
    return -ENOSYS;
}

long do_sysctl(XEN_GUEST_HANDLE_PARAM(void) u_sysctl)
{
    return -ENOSYS;
}
