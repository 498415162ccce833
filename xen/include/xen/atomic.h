/* Atomic operations, on the compiler's __atomic builtins (sequentially consistent). */
#ifndef XEN_ATOMIC_H
#define XEN_ATOMIC_H

#include <xen/types.h>

typedef struct { int counter; } atomic_t;
#define ATOMIC_INIT(i) { (i) }

static inline int atomic_read(const atomic_t *v)
{
    return __atomic_load_n(&v->counter, __ATOMIC_SEQ_CST);
}

static inline void atomic_set(atomic_t *v, int i)
{
    __atomic_store_n(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline int atomic_add_return(int i, atomic_t *v)
{
    return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline void atomic_inc(atomic_t *v)
{
    atomic_add_return(1, v);
}

static inline void atomic_dec(atomic_t *v)
{
    atomic_add_return(-1, v);
}

static inline bool atomic_dec_and_test(atomic_t *v)
{
    return atomic_add_return(-1, v) == 0;
}

static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
    __atomic_compare_exchange_n(&v->counter, &old, new, false,
                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return old;
}

/* cmpxchg on any naturally aligned scalar; returns the value found. */
#define cmpxchg(ptr, o, n) ({                                              \
    __typeof__(*(ptr)) _o = (o);                                           \
    __atomic_compare_exchange_n((ptr), &_o, (n), false,                    \
                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);       \
    _o; })
#define xchg(ptr, v)  __atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)
#define arch_fetch_and_add(ptr, v) __atomic_fetch_add((ptr), (v), __ATOMIC_SEQ_CST)

#endif /* XEN_ATOMIC_H */
