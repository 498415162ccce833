/*
 * ring.c: the console ring protocol (public/io/console.h), backend side.
 * Each index is read once per call; the guest may change them at any
 * time, so nothing is trusted beyond what one snapshot says, and a ring
 * that claims more bytes than it holds is left alone.
 */
#include <string.h>

#include "console.h"

/* Read a shared index exactly once. */
#define READ_ONCE(x) (*(volatile const uint32_t *)&(x))

size_t ring_read_out(struct xencons_page *p, char *buf, size_t max,
                     bool *corrupt)
{
    uint32_t cons = READ_ONCE(p->out_cons), prod = READ_ONCE(p->out_prod);
    uint32_t avail = prod - cons;
    size_t n = 0;

    *corrupt = avail > sizeof(p->out);
    if ( *corrupt )
        return 0;
    /* The data is read after the producer index (acquire). */
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    while ( n < max && n < avail )
    {
        buf[n] = p->out[(cons + n) & (sizeof(p->out) - 1)];
        n++;
    }
    /* Our reads are done before the guest may reuse the space. */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    *(volatile uint32_t *)&p->out_cons = cons + (uint32_t)n;
    return n;
}

size_t ring_in_space(const struct xencons_page *p)
{
    uint32_t cons = READ_ONCE(p->in_cons), prod = READ_ONCE(p->in_prod);
    uint32_t used = prod - cons;

    return used > sizeof(p->in) ? 0 : sizeof(p->in) - used;
}

size_t ring_write_in(struct xencons_page *p, const char *buf, size_t len)
{
    uint32_t cons = READ_ONCE(p->in_cons), prod = READ_ONCE(p->in_prod);
    uint32_t used = prod - cons;
    size_t n = 0, space;

    if ( used > sizeof(p->in) )
        return 0;
    space = sizeof(p->in) - used;
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    while ( n < len && n < space )
    {
        p->in[(prod + n) & (sizeof(p->in) - 1)] = buf[n];
        n++;
    }
    /* The bytes are visible before the index that publishes them. */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    *(volatile uint32_t *)&p->in_prod = prod + (uint32_t)n;
    return n;
}
