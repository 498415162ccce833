/*
 * Per-CPU data areas.  CPU 0 uses the master copy in the image (offset 0); every
 * other CPU gets a zeroed copy when it is brought up, so per-CPU variables start
 * out zero on all CPUs but the boot one: initialise them in code, not statically.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/percpu.h>

unsigned long __per_cpu_offset[NR_CPUS];

int percpu_alloc(unsigned int cpu)
{
    size_t size = __per_cpu_data_end - __per_cpu_start;
    unsigned int order = 0;
    char *p;

    if ( cpu == 0 || __per_cpu_offset[cpu] )
        return 0;
    while ( (PAGE_SIZE << order) < size )
        order++;
    p = alloc_xenheap_pages(order, 0);
    if ( !p )
        return -ENOMEM;
    memset(p, 0, PAGE_SIZE << order);
    __per_cpu_offset[cpu] = p - __per_cpu_start;
    return 0;
}
