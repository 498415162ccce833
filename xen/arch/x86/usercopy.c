/*
 * Copies to and from PV guest virtual memory (see asm/guest_access.h).  A fault
 * inside the REP MOVSB/STOSB leaves RCX holding the bytes not done; the fixup just
 * resumes after the instruction, so that count is what we return.
 */
#include <xen/lib.h>
#include <asm/guest_access.h>
#include <asm/processor.h>
#include <asm/traps.h>

static unsigned long copy_guarded(void *dst, const void *src, unsigned long n)
{
    stac();
    __asm__ __volatile__ ( "1: rep movsb\n"
                           "2:\n"
                           _ASM_EXTABLE(1b, 2b)
                           : "+D" (dst), "+S" (src), "+c" (n) :: "memory" );
    clac();
    return n;
}

unsigned long raw_copy_from_guest(void *dst, const void *src, unsigned long n)
{
    unsigned long left;

    if ( !guest_range_ok((unsigned long)src, n) )
        left = n;
    else
        left = copy_guarded(dst, src, n);
    if ( left )
        memset((char *)dst + (n - left), 0, left);  /* never leave stale bytes */
    return left;
}

unsigned long raw_copy_to_guest(void *dst, const void *src, unsigned long n)
{
    if ( !guest_range_ok((unsigned long)dst, n) )
        return n;
    return copy_guarded(dst, src, n);
}

unsigned long raw_clear_guest(void *dst, unsigned long n)
{
    if ( !guest_range_ok((unsigned long)dst, n) )
        return n;
    stac();
    __asm__ __volatile__ ( "1: rep stosb\n"
                           "2:\n"
                           _ASM_EXTABLE(1b, 2b)
                           : "+D" (dst), "+c" (n) : "a" (0) : "memory" );
    clac();
    return n;
}
