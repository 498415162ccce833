/*
 * Setting up the machine-to-phys table (asm/m2p.h): one contiguous allocation,
 * mapped read-write at RDWR_MPT_VIRT_START for the hypervisor and read-only with
 * the USER bit at RO_MPT_VIRT_START, where PV guests (whose kernels run in ring 3)
 * read it.  Every entry starts invalid.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/mm.h>
#include <asm/m2p.h>
#include <asm/page.h>
#include <public/xen.h>

unsigned long m2p_entries;

void __init m2p_init(void)
{
    unsigned long bytes = max_page * sizeof(unsigned long), pages = PFN_UP(bytes), i;
    unsigned int order = 0;
    void *t;

    while ( (1UL << order) < pages )
        order++;
    t = alloc_xenheap_pages(order, 0);
    if ( !t )
        panic("No memory for the machine-to-phys table (%lu KiB)", bytes >> 10);
    memset(t, 0xff, PAGE_SIZE << order);
    if ( map_pages_to_xen(RDWR_MPT_VIRT_START, virt_to_mfn(t), 1UL << order,
                          PAGE_HYPERVISOR_RW) ||
         map_pages_to_xen(RO_MPT_VIRT_START, virt_to_mfn(t), 1UL << order,
                          _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX) )
        panic("Cannot map the machine-to-phys table");
    /*
     * Shared read-only with privileged guests, as DOMID_XEN's frames: a held
     * reference keeps them from ever being freed, and a type that is in use
     * (PGT_shared_page, count 1) refuses any writable mapping.
     */
    for ( i = 0; i < (1UL << order); i++ )
    {
        struct page_info *pg = virt_to_page((char *)t + (i << PAGE_SHIFT));

        pg->owner = DOMID_XEN;
        pg->count_info = PGC_xen_heap | 1;
        pg->type_info = PGT_shared_page | PGT_validated | 1;
    }
    m2p_entries = (PAGE_SIZE << order) / sizeof(unsigned long);
    printk("Machine-to-phys table: %lu KiB for %lu frames\n", (PAGE_SIZE << order) >> 10,
           max_page);
}
