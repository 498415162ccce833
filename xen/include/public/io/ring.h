/* SPDX-License-Identifier: MIT */
/*
 * public/io/ring.h: the shared request/response rings of split drivers.
 *
 * A ring lives in pages the frontend grants to the backend.  It holds a
 * header (producer indexes and event thresholds) and a power-of-two array
 * of slots, each holding either a request or a response.  The frontend
 * produces requests and consumes responses; the backend does the reverse;
 * responses reuse the slots of consumed requests.  Indexes (RING_IDX) run
 * freely and wrap at 2^32; a slot is the index masked by the ring size.
 * Each side keeps a private copy of its producer index and publishes it
 * with RING_PUSH_*; an event channel notification is needed only when the
 * other side asked for it through req_event / rsp_event.
 *
 * DEFINE_RING_TYPES(name, req_t, rsp_t) makes the types:
 *   name_sring_t       the shared page layout,
 *   name_front_ring_t  the frontend's private state,
 *   name_back_ring_t   the backend's private state.
 * The frontend sets the page up with XEN_FRONT_RING_INIT(&front, sring,
 * size); the backend attaches with BACK_RING_INIT(&back, sring, size).
 *
 * The macros take no locks and do no flow control: a frontend must not
 * have more than RING_SIZE requests outstanding.  The includer provides
 * xen_mb(), xen_rmb() and xen_wmb() (memory barriers), and, for the
 * DEFINE_XEN_FLEX_RING variants, memcpy() and grant_ref_t.
 *
 * A backend must treat everything in the shared page as hostile: copy a
 * request out once (RING_COPY_REQUEST) and check the producer index with
 * RING_REQUEST_PROD_OVERFLOW before trusting it.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_IO_RING_H__
#define __XEN_PUBLIC_IO_RING_H__

#include <stddef.h>
#include <stdint.h>

#include "../xen-compat.h"

#if __XEN_INTERFACE_VERSION__ < 0x00030208
#define xen_mb() mb()
#define xen_rmb() rmb()
#define xen_wmb() wmb()
#endif

typedef unsigned int RING_IDX;

/* A 32-bit constant rounded down to a power of two (0 stays 0). */
#define __RD2(_x) ((0x00000002 & (_x)) ? 0x2 : (0x1 & (_x)))
#define __RD4(_x) ((0x0000000c & (_x)) ? __RD2((_x) >> 2) << 2 : __RD2(_x))
#define __RD8(_x) ((0x000000f0 & (_x)) ? __RD4((_x) >> 4) << 4 : __RD4(_x))
#define __RD16(_x) ((0x0000ff00 & (_x)) ? __RD8((_x) >> 8) << 8 : __RD8(_x))
#define __RD32(_x) ((0xffff0000 & (_x)) ? __RD16((_x) >> 16) << 16 : __RD16(_x))

/*
 * Slots in a ring of tag @_s that fills @_sz bytes: as many as fit after
 * the header, rounded down to a power of two.  A constant expression.
 */
#define __CONST_RING_SIZE(_s, _sz)                                             \
    (__RD32(((_sz)-offsetof(struct _s##_sring, ring)) /                        \
            sizeof(((struct _s##_sring *)0)->ring[0])))
/* The same from a pointer to the shared ring. */
#define __RING_SIZE(_s, _sz)                                                   \
    (__RD32(((_sz) - (long)(_s)->ring + (long)(_s)) / sizeof((_s)->ring[0])))

/*
 * The shared page: 64 bytes of header, then the slots.  pvt is private to
 * particular protocols (netif's smartpoll flag, for one).
 */
#define DEFINE_RING_TYPES(__name, __req_t, __rsp_t)                            \
                                                                               \
    union __name##_sring_entry {                                               \
        __req_t req;                                                           \
        __rsp_t rsp;                                                           \
    };                                                                         \
                                                                               \
    struct __name##_sring {                                                    \
        RING_IDX req_prod, req_event;                                          \
        RING_IDX rsp_prod, rsp_event;                                          \
        union {                                                                \
            struct {                                                           \
                uint8_t smartpoll_active;                                      \
            } netif;                                                           \
            struct {                                                           \
                uint8_t msg;                                                   \
            } tapif_user;                                                      \
            uint8_t pvt_pad[4];                                                \
        } pvt;                                                                 \
        uint8_t __pad[44];                                                     \
        union __name##_sring_entry ring[1]; /* really RING_SIZE slots */       \
    };                                                                         \
                                                                               \
    struct __name##_front_ring {                                               \
        RING_IDX req_prod_pvt;                                                 \
        RING_IDX rsp_cons;                                                     \
        unsigned int nr_ents;                                                  \
        struct __name##_sring *sring;                                          \
    };                                                                         \
                                                                               \
    struct __name##_back_ring {                                                \
        RING_IDX rsp_prod_pvt;                                                 \
        RING_IDX req_cons;                                                     \
        unsigned int nr_ents;                                                  \
        struct __name##_sring *sring;                                          \
    };                                                                         \
                                                                               \
    typedef struct __name##_sring __name##_sring_t;                            \
    typedef struct __name##_front_ring __name##_front_ring_t;                  \
    typedef struct __name##_back_ring __name##_back_ring_t

/* Empty shared ring; events wanted from the first message on. */
#define SHARED_RING_INIT(_s)                                                   \
    do                                                                         \
    {                                                                          \
        (_s)->req_prod = (_s)->rsp_prod = 0;                                   \
        (_s)->req_event = (_s)->rsp_event = 1;                                 \
        (void)memset((_s)->pvt.pvt_pad, 0, sizeof((_s)->pvt.pvt_pad));         \
        (void)memset((_s)->__pad, 0, sizeof((_s)->__pad));                     \
    } while ( 0 )

/* Attach a frontend to a ring that is already at index @_i. */
#define FRONT_RING_ATTACH(_r, _s, _i, __size)                                  \
    do                                                                         \
    {                                                                          \
        (_r)->req_prod_pvt = (_i);                                             \
        (_r)->rsp_cons = (_i);                                                 \
        (_r)->nr_ents = __RING_SIZE(_s, __size);                               \
        (_r)->sring = (_s);                                                    \
    } while ( 0 )

#define FRONT_RING_INIT(_r, _s, __size) FRONT_RING_ATTACH(_r, _s, 0, __size)

/* Initialise the shared page and attach the frontend to it. */
#define XEN_FRONT_RING_INIT(r, s, size)                                        \
    do                                                                         \
    {                                                                          \
        SHARED_RING_INIT(s);                                                   \
        FRONT_RING_INIT(r, s, size);                                           \
    } while ( 0 )

/* Attach a backend to a ring that is already at index @_i. */
#define BACK_RING_ATTACH(_r, _s, _i, __size)                                   \
    do                                                                         \
    {                                                                          \
        (_r)->rsp_prod_pvt = (_i);                                             \
        (_r)->req_cons = (_i);                                                 \
        (_r)->nr_ents = __RING_SIZE(_s, __size);                               \
        (_r)->sring = (_s);                                                    \
    } while ( 0 )

#define BACK_RING_INIT(_r, _s, __size) BACK_RING_ATTACH(_r, _s, 0, __size)

/* Slots in the ring. */
#define RING_SIZE(_r) ((_r)->nr_ents)

/* Frontend: slots it may still fill with requests. */
#define RING_FREE_REQUESTS(_r)                                                 \
    (RING_SIZE(_r) - ((_r)->req_prod_pvt - (_r)->rsp_cons))

/* Frontend: no free slot. */
#define RING_FULL(_r) (RING_FREE_REQUESTS(_r) == 0)

/* Frontend: responses published but not consumed yet. */
#define XEN_RING_NR_UNCONSUMED_RESPONSES(_r)                                   \
    ((_r)->sring->rsp_prod - (_r)->rsp_cons)

/*
 * Backend: requests published but not consumed yet, never more than the
 * ring can hold whatever the frontend wrote in req_prod.
 */
#ifdef __GNUC__
#define XEN_RING_NR_UNCONSUMED_REQUESTS(_r)                                    \
    ({                                                                         \
        unsigned int req = (_r)->sring->req_prod - (_r)->req_cons;             \
        unsigned int rsp =                                                     \
            RING_SIZE(_r) - ((_r)->req_cons - (_r)->rsp_prod_pvt);             \
        req < rsp ? req : rsp;                                                 \
    })
#else
#define XEN_RING_NR_UNCONSUMED_REQUESTS(_r)                                    \
    ((((_r)->sring->req_prod - (_r)->req_cons) <                               \
      (RING_SIZE(_r) - ((_r)->req_cons - (_r)->rsp_prod_pvt)))                 \
         ? ((_r)->sring->req_prod - (_r)->req_cons)                            \
         : (RING_SIZE(_r) - ((_r)->req_cons - (_r)->rsp_prod_pvt)))
#endif

#ifdef XEN_RING_HAS_UNCONSUMED_IS_BOOL
#define RING_HAS_UNCONSUMED_RESPONSES(_r)                                      \
    (!!XEN_RING_NR_UNCONSUMED_RESPONSES(_r))
#define RING_HAS_UNCONSUMED_REQUESTS(_r) (!!XEN_RING_NR_UNCONSUMED_REQUESTS(_r))
#else
/* The counts themselves, as older users expect. */
#define RING_HAS_UNCONSUMED_RESPONSES(_r) XEN_RING_NR_UNCONSUMED_RESPONSES(_r)
#define RING_HAS_UNCONSUMED_REQUESTS(_r) XEN_RING_NR_UNCONSUMED_REQUESTS(_r)
#endif

/* Pointer to the slot of index @_idx. */
#define RING_GET_REQUEST(_r, _idx)                                             \
    (&((_r)->sring->ring[((_idx) & (RING_SIZE(_r) - 1))].req))
#define RING_GET_RESPONSE(_r, _idx)                                            \
    (&((_r)->sring->ring[((_idx) & (RING_SIZE(_r) - 1))].rsp))

/*
 * Copy a slot into private memory in one go (through a volatile pointer,
 * so the compiler cannot read the shared copy again later).  Prefer this
 * to working on the slot in place.
 */
#define RING_COPY_(type, r, idx, dest)                                         \
    do                                                                         \
    {                                                                          \
        *(dest) = *(volatile __typeof__(dest))RING_GET_##type(r, idx);         \
    } while ( 0 )

#define RING_COPY_REQUEST(r, idx, req) RING_COPY_(REQUEST, r, idx, req)
#define RING_COPY_RESPONSE(r, idx, rsp) RING_COPY_(RESPONSE, r, idx, rsp)

/* Backend: consuming up to @_cons would overrun the responses. */
#define RING_REQUEST_CONS_OVERFLOW(_r, _cons)                                  \
    (((_cons) - (_r)->rsp_prod_pvt) >= RING_SIZE(_r))

/* Backend: a frontend publishing @_prod claims more requests than fit. */
#define RING_REQUEST_PROD_OVERFLOW(_r, _prod)                                  \
    (((_prod) - (_r)->rsp_prod_pvt) > RING_SIZE(_r))

/* Frontend: a backend publishing @_prod claims more responses than fit. */
#define RING_RESPONSE_PROD_OVERFLOW(_r, _prod)                                 \
    (((_prod) - (_r)->rsp_cons) > RING_SIZE(_r))

/* Publish the private producer index (slots written before the index). */
#define RING_PUSH_REQUESTS(_r)                                                 \
    do                                                                         \
    {                                                                          \
        xen_wmb();                                                             \
        (_r)->sring->req_prod = (_r)->req_prod_pvt;                            \
    } while ( 0 )

#define RING_PUSH_RESPONSES(_r)                                                \
    do                                                                         \
    {                                                                          \
        xen_wmb();                                                             \
        (_r)->sring->rsp_prod = (_r)->rsp_prod_pvt;                            \
    } while ( 0 )

/*
 * Publish, and set @_notify if the other side must be sent an event: it
 * asked (req_event / rsp_event) to hear about an index in the range just
 * published.
 */
#define RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(_r, _notify)                       \
    do                                                                         \
    {                                                                          \
        RING_IDX __old = (_r)->sring->req_prod;                                \
        RING_IDX __new = (_r)->req_prod_pvt;                                   \
        xen_wmb();                                                             \
        (_r)->sring->req_prod = __new;                                         \
        xen_mb();                                                              \
        (_notify) = ((RING_IDX)(__new - (_r)->sring->req_event) <              \
                     (RING_IDX)(__new - __old));                               \
    } while ( 0 )

#define RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(_r, _notify)                      \
    do                                                                         \
    {                                                                          \
        RING_IDX __old = (_r)->sring->rsp_prod;                                \
        RING_IDX __new = (_r)->rsp_prod_pvt;                                   \
        xen_wmb();                                                             \
        (_r)->sring->rsp_prod = __new;                                         \
        xen_mb();                                                              \
        (_notify) = ((RING_IDX)(__new - (_r)->sring->rsp_event) <              \
                     (RING_IDX)(__new - __old));                               \
    } while ( 0 )

/*
 * Before going idle: set @_work_to_do if messages are waiting; otherwise
 * ask to be notified of the next one and check once more, closing the race
 * with a message published meanwhile.
 */
#define RING_FINAL_CHECK_FOR_REQUESTS(_r, _work_to_do)                         \
    do                                                                         \
    {                                                                          \
        (_work_to_do) = RING_HAS_UNCONSUMED_REQUESTS(_r);                      \
        if ( _work_to_do )                                                     \
            break;                                                             \
        (_r)->sring->req_event = (_r)->req_cons + 1;                           \
        xen_mb();                                                              \
        (_work_to_do) = RING_HAS_UNCONSUMED_REQUESTS(_r);                      \
    } while ( 0 )

#define RING_FINAL_CHECK_FOR_RESPONSES(_r, _work_to_do)                        \
    do                                                                         \
    {                                                                          \
        (_work_to_do) = RING_HAS_UNCONSUMED_RESPONSES(_r);                     \
        if ( _work_to_do )                                                     \
            break;                                                             \
        (_r)->sring->rsp_event = (_r)->rsp_cons + 1;                           \
        xen_mb();                                                              \
        (_work_to_do) = RING_HAS_UNCONSUMED_RESPONSES(_r);                     \
    } while ( 0 )

/*
 * Byte-stream rings ("flex" rings): a pair of one-way byte rings of
 * XEN_FLEX_RING_SIZE(order) bytes each.  DEFINE_XEN_FLEX_RING(name) makes
 * name_mask, name_get_ring_ptr, name_read_packet, name_write_packet and
 * name_queued, and struct name_data (pointers to the two halves).
 * DEFINE_XEN_FLEX_RING_AND_INTF(name) adds struct name_data_intf, the
 * indexes page with the grant references of the data pages.
 */
#ifndef XEN_PAGE_SHIFT
/* Ring protocols always count in 4 KiB pages, whatever the OS uses. */
#define XEN_PAGE_SHIFT 12
#endif
#define XEN_FLEX_RING_SIZE(order) (1UL << ((order) + XEN_PAGE_SHIFT - 1))

#define DEFINE_XEN_FLEX_RING(name)                                             \
    static inline RING_IDX name##_mask(RING_IDX idx, RING_IDX ring_size)       \
    {                                                                          \
        return idx & (ring_size - 1);                                          \
    }                                                                          \
                                                                               \
    static inline unsigned char *name##_get_ring_ptr(                          \
        unsigned char *buf, RING_IDX idx, RING_IDX ring_size)                  \
    {                                                                          \
        return buf + name##_mask(idx, ring_size);                              \
    }                                                                          \
                                                                               \
    static inline void name##_read_packet(                                     \
        void *opaque, const unsigned char *buf, size_t size,                   \
        RING_IDX masked_prod, RING_IDX *masked_cons, RING_IDX ring_size)       \
    {                                                                          \
        if ( *masked_cons < masked_prod || size <= ring_size - *masked_cons )  \
        {                                                                      \
            memcpy(opaque, buf + *masked_cons, size);                          \
        }                                                                      \
        else                                                                   \
        {                                                                      \
            memcpy(opaque, buf + *masked_cons, ring_size - *masked_cons);      \
            memcpy((unsigned char *)opaque + ring_size - *masked_cons, buf,    \
                   size - (ring_size - *masked_cons));                         \
        }                                                                      \
        *masked_cons = name##_mask(*masked_cons + size, ring_size);            \
    }                                                                          \
                                                                               \
    static inline void name##_write_packet(                                    \
        unsigned char *buf, const void *opaque, size_t size,                   \
        RING_IDX *masked_prod, RING_IDX masked_cons, RING_IDX ring_size)       \
    {                                                                          \
        if ( *masked_prod < masked_cons || size <= ring_size - *masked_prod )  \
        {                                                                      \
            memcpy(buf + *masked_prod, opaque, size);                          \
        }                                                                      \
        else                                                                   \
        {                                                                      \
            memcpy(buf + *masked_prod, opaque, ring_size - *masked_prod);      \
            memcpy(buf,                                                        \
                   (const unsigned char *)opaque + (ring_size - *masked_prod), \
                   size - (ring_size - *masked_prod));                         \
        }                                                                      \
        *masked_prod = name##_mask(*masked_prod + size, ring_size);            \
    }                                                                          \
                                                                               \
    static inline RING_IDX name##_queued(RING_IDX prod, RING_IDX cons,         \
                                         RING_IDX ring_size)                   \
    {                                                                          \
        if ( prod == cons )                                                    \
            return 0;                                                          \
        prod = name##_mask(prod, ring_size);                                   \
        cons = name##_mask(cons, ring_size);                                   \
        if ( prod == cons )                                                    \
            return ring_size;                                                  \
        return prod > cons ? prod - cons : ring_size - (cons - prod);          \
    }                                                                          \
                                                                               \
    struct name##_data {                                                       \
        unsigned char *in;  /* one half of the data pages */                   \
        unsigned char *out; /* the other half */                               \
    }

#define DEFINE_XEN_FLEX_RING_AND_INTF(name)                                    \
    struct name##_data_intf {                                                  \
        RING_IDX in_cons, in_prod;                                             \
        uint8_t pad1[56];                                                      \
        RING_IDX out_cons, out_prod;                                           \
        uint8_t pad2[56];                                                      \
        RING_IDX ring_order;                                                   \
        grant_ref_t ref[];                                                     \
    };                                                                         \
    DEFINE_XEN_FLEX_RING(name)

#endif /* __XEN_PUBLIC_IO_RING_H__ */
