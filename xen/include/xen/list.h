/*
 * Doubly linked lists (struct list_head, as every kernel has), and page lists:
 * lists of struct page_info linked through frame numbers to keep page_info small.
 */
#ifndef XEN_LIST_H
#define XEN_LIST_H

#include <xen/types.h>

struct list_head {
    struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(n) { &(n), &(n) }
#define LIST_HEAD(n) struct list_head n = LIST_HEAD_INIT(n)

static inline void INIT_LIST_HEAD(struct list_head *l)
{
    l->next = l->prev = l;
}

static inline void __list_add(struct list_head *n, struct list_head *prev,
                              struct list_head *next)
{
    next->prev = n;
    n->next = next;
    n->prev = prev;
    prev->next = n;
}

static inline void list_add(struct list_head *n, struct list_head *head)
{
    __list_add(n, head, head->next);
}

static inline void list_add_tail(struct list_head *n, struct list_head *head)
{
    __list_add(n, head->prev, head);
}

static inline void list_del(struct list_head *e)
{
    e->next->prev = e->prev;
    e->prev->next = e->next;
    e->next = e->prev = e;
}

static inline bool list_empty(const struct list_head *l)
{
    return l->next == l;
}

#define list_entry(p, type, member) ((type *)((char *)(p) - offsetof(type, member)))
#define list_first_entry(h, type, member) list_entry((h)->next, type, member)
#define list_for_each(p, h) for ( (p) = (h)->next; (p) != (h); (p) = (p)->next )
#define list_for_each_safe(p, n, h) \
    for ( (p) = (h)->next, (n) = (p)->next; (p) != (h); (p) = (n), (n) = (p)->next )
#define list_for_each_entry(e, h, member)                               \
    for ( (e) = list_entry((h)->next, __typeof__(*(e)), member);        \
          &(e)->member != (h);                                          \
          (e) = list_entry((e)->member.next, __typeof__(*(e)), member) )

/* Page lists: see xen/mm.h for the operations. */
struct page_list_head {
    u32 first, last;            /* frame numbers, PAGE_LIST_NULL when empty */
    unsigned long count;
};
#define PAGE_LIST_NULL (~0u)
#define PAGE_LIST_HEAD_INIT { PAGE_LIST_NULL, PAGE_LIST_NULL, 0 }

#endif /* XEN_LIST_H */
