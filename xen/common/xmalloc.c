/*
 * xmalloc: small objects for the hypervisor.
 *
 * Objects up to 2 KiB come from per-size-class pools of pages (16 B .. 2 KiB, powers
 * of two); larger ones get whole pages.  The page_info of each page records which it
 * is, so objects carry no header: a pool page has type_info = XMALLOC_POOL | class,
 * the head of a large allocation XMALLOC_LARGE | order.  Objects are aligned to their
 * size class (16 B at least).  Pool pages stay in their pool.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>

#define XMALLOC_POOL    0x1000UL
#define XMALLOC_LARGE   0x2000UL
#define MIN_SHIFT       4
#define MAX_SHIFT       11
#define NR_CLASSES      (MAX_SHIFT - MIN_SHIFT + 1)

struct free_obj {
    struct free_obj *next;
};

static struct free_obj *pool[NR_CLASSES];
static DEFINE_SPINLOCK(xmalloc_lock);

static unsigned int size_class(size_t size)
{
    unsigned int shift = MIN_SHIFT;

    while ( (1UL << shift) < size )
        shift++;
    return shift - MIN_SHIFT;
}

void *xmalloc_bytes(size_t size)
{
    unsigned long flags;
    unsigned int c, order;
    void *p;

    if ( size == 0 )
        size = 1;
    if ( size > (1UL << MAX_SHIFT) )
    {
        struct page_info *pg;

        if ( size > (PAGE_SIZE << 20) )
            return NULL;
        for ( order = 0; (PAGE_SIZE << order) < size; order++ )
            ;
        p = alloc_xenheap_pages(order, 0);
        if ( !p )
            return NULL;
        pg = virt_to_page(p);
        pg->type_info = XMALLOC_LARGE | order;
        return p;
    }

    c = size_class(size);
    spin_lock_irqsave(&xmalloc_lock, flags);
    if ( !pool[c] )
    {
        /* Refill: carve a fresh page into objects of this class. */
        char *page;
        unsigned long osz = 1UL << (c + MIN_SHIFT), off;

        spin_unlock_irqrestore(&xmalloc_lock, flags);
        page = alloc_xenheap_pages(0, 0);
        if ( !page )
            return NULL;
        virt_to_page(page)->type_info = XMALLOC_POOL | c;
        spin_lock_irqsave(&xmalloc_lock, flags);
        for ( off = 0; off < PAGE_SIZE; off += osz )
        {
            struct free_obj *o = (struct free_obj *)(page + off);

            o->next = pool[c];
            pool[c] = o;
        }
    }
    p = pool[c];
    pool[c] = pool[c]->next;
    spin_unlock_irqrestore(&xmalloc_lock, flags);
    return p;
}

void *xzalloc_bytes(size_t size)
{
    void *p = xmalloc_bytes(size);

    if ( p )
        memset(p, 0, size);
    return p;
}

void xfree(void *p)
{
    struct page_info *pg;
    unsigned long flags;

    if ( !p )
        return;
    pg = virt_to_page(p);
    if ( pg->type_info & XMALLOC_LARGE )
    {
        unsigned int order = pg->type_info & 0xff;

        pg->type_info = 0;
        free_xenheap_pages(p, order);
        return;
    }
    BUG_ON(!(pg->type_info & XMALLOC_POOL));
    spin_lock_irqsave(&xmalloc_lock, flags);
    ((struct free_obj *)p)->next = pool[pg->type_info & 0xff];
    pool[pg->type_info & 0xff] = p;
    spin_unlock_irqrestore(&xmalloc_lock, flags);
}
