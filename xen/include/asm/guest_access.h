/*
 * Access to PV guest memory by guest virtual address.
 *
 * A PV guest's page tables are live while the hypervisor handles its hypercalls
 * and faults, so guest addresses are dereferenced directly, with two safeguards:
 * the range must lie outside the hypervisor's slots 256-271, and any fault during
 * the copy is caught by the exception table and reported as bytes not copied.
 * Guest pages are user pages (the guest kernel runs in ring 3), so SMAP must be
 * lifted (STAC) for the duration.
 */
#ifndef ASM_GUEST_ACCESS_H
#define ASM_GUEST_ACCESS_H

#include <xen/types.h>
#include <asm/config.h>

/* Is [addr, addr + len) entirely guest-owned address space? */
static inline bool guest_range_ok(unsigned long addr, unsigned long len)
{
    unsigned long end = addr + len;

    if ( end < addr )
        return false;
    if ( len == 0 )
        return true;
    /*
     * The canonical lower half (below 2^47), or the upper half above the
     * hypervisor's slots.  A non-canonical address would #GP, not #PF, in the
     * hypervisor: it must never get as far as a copy.
     */
    return end <= (1UL << 47) || addr >= HYPERVISOR_VIRT_END;
}

/* Does 'addr' sign-extend from bit 47 (a 48-bit canonical address)? */
static inline bool is_canonical_address(unsigned long addr)
{
    return ((long)addr >> 47) == 0 || ((long)addr >> 47) == -1;
}

/* Each returns the number of bytes NOT copied (0 on success). */
unsigned long raw_copy_from_guest(void *dst, const void *src, unsigned long n);
unsigned long raw_copy_to_guest(void *dst, const void *src, unsigned long n);
unsigned long raw_clear_guest(void *dst, unsigned long n);

/* Guest handles: XEN_GUEST_HANDLE(t) is { t *p; } on x86 (public/arch-x86/xen.h). */
#define guest_handle_is_null(hnd)       ((hnd).p == NULL)
#define guest_handle_add_offset(hnd, nr) ((hnd).p += (nr))
#define guest_handle_subtract_offset(hnd, nr) ((hnd).p -= (nr))
#define guest_handle_cast(hnd, type) ({ type *_x = (void *)(hnd).p; (XEN_GUEST_HANDLE(type)){ _x }; })
#define guest_handle_from_ptr(ptr, type) ((XEN_GUEST_HANDLE_PARAM(type)){ (type *)(ptr) })
#define guest_handle_okay(hnd, nr) \
    guest_range_ok((unsigned long)(hnd).p, (unsigned long)(nr) * sizeof(*(hnd).p))

#define copy_from_guest_offset(ptr, hnd, off, nr)                         \
    raw_copy_from_guest((ptr), (hnd).p + (off), (nr) * sizeof(*(ptr)))
#define copy_to_guest_offset(hnd, off, ptr, nr)                           \
    raw_copy_to_guest((hnd).p + (off), (ptr), (nr) * sizeof(*(ptr)))
#define copy_from_guest(ptr, hnd, nr)   copy_from_guest_offset(ptr, hnd, 0, nr)
#define copy_to_guest(hnd, ptr, nr)     copy_to_guest_offset(hnd, 0, ptr, nr)
#define __copy_from_guest copy_from_guest
#define __copy_to_guest copy_to_guest
/* Copy one field of a structure back to the guest's copy of it. */
#define copy_field_to_guest(hnd, ptr, field)                              \
    raw_copy_to_guest(&(hnd).p->field, &(ptr)->field, sizeof((ptr)->field))
#define copy_field_from_guest(ptr, hnd, field)                            \
    raw_copy_from_guest(&(ptr)->field, &(hnd).p->field, sizeof((ptr)->field))

#endif /* ASM_GUEST_ACCESS_H */
