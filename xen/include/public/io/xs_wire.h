/* SPDX-License-Identifier: MIT */
/*
 * xs_wire.h: the xenstore wire protocol (Xen 4.17).
 *
 * A client (a guest's xenbus, dom0's libxenstore) and the store daemon exchange
 * messages of a 16-byte header (struct xsd_sockmsg) followed by `len` bytes of
 * payload, usually NUL-terminated strings.  Over a Unix socket they are sent as a
 * byte stream; between domains they travel through the two byte rings of the page
 * described by struct xenstore_domain_interface, with an event channel to kick
 * the other side.  Numbers, names and layouts below are Xen's ABI and must never
 * change; see Xen's docs/misc/xenstore.txt and docs/misc/xenstore-ring.txt.
 */

#ifndef __XEN_PUBLIC_IO_XS_WIRE_H__
#define __XEN_PUBLIC_IO_XS_WIRE_H__

#include <stdint.h>

/* Message types.  The numbering is ABI: each value is fixed. */
enum xsd_sockmsg_type
{
    XS_CONTROL,                     /* 0: daemon control commands */
#define XS_DEBUG XS_CONTROL         /* the pre-4.9 name of XS_CONTROL */
    XS_DIRECTORY,                   /* 1 */
    XS_READ,                        /* 2 */
    XS_GET_PERMS,                   /* 3 */
    XS_WATCH,                       /* 4 */
    XS_UNWATCH,                     /* 5 */
    XS_TRANSACTION_START,           /* 6 */
    XS_TRANSACTION_END,             /* 7 */
    XS_INTRODUCE,                   /* 8 */
    XS_RELEASE,                     /* 9 */
    XS_GET_DOMAIN_PATH,             /* 10 */
    XS_WRITE,                       /* 11 */
    XS_MKDIR,                       /* 12 */
    XS_RM,                          /* 13 */
    XS_SET_PERMS,                   /* 14 */
    XS_WATCH_EVENT,                 /* 15: daemon to client only */
    XS_ERROR,                       /* 16: daemon to client only */
    XS_IS_DOMAIN_INTRODUCED,        /* 17 */
    XS_RESUME,                      /* 18 */
    XS_SET_TARGET,                  /* 19 */
    /* 20 was XS_RESTRICT, withdrawn; the number stays unused. */
    XS_RESET_WATCHES = XS_SET_TARGET + 2, /* 21 */
    XS_DIRECTORY_PART,              /* 22 */

    XS_TYPE_COUNT,                  /* one past the last valid type */

    XS_INVALID = 0xffff             /* never a valid type */
};

/* Flag strings of the old XS_WRITE variants, kept for source compatibility. */
#define XS_WRITE_NONE "NONE"
#define XS_WRITE_CREATE "CREATE"
#define XS_WRITE_CREATE_EXCL "CREATE|EXCL"

/*
 * Errors travel as their symbolic names (an XS_ERROR message whose payload is,
 * for instance, "ENOENT\0") so that both ends may have different errno values.
 */
struct xsd_errors
{
    int errnum;
    const char *errstring;
};

#ifdef EINVAL
#define XSD_ERROR(x) { x, #x }
/*
 * The error table.  Clients translate the name back through it; an unknown name
 * means EINVAL, which is therefore first.  Only append new entries.
 */
static const struct xsd_errors xsd_errors[]
#if defined(__GNUC__)
__attribute__((unused))
#endif
    = {
    XSD_ERROR(EINVAL),
    XSD_ERROR(EACCES),
    XSD_ERROR(EEXIST),
    XSD_ERROR(EISDIR),
    XSD_ERROR(ENOENT),
    XSD_ERROR(ENOMEM),
    XSD_ERROR(ENOSPC),
    XSD_ERROR(EIO),
    XSD_ERROR(ENOTEMPTY),
    XSD_ERROR(ENOSYS),
    XSD_ERROR(EROFS),
    XSD_ERROR(EBUSY),
    XSD_ERROR(EAGAIN),
    XSD_ERROR(EISCONN),
    XSD_ERROR(E2BIG),
    XSD_ERROR(EPERM),
};
#endif

/* The header of every message, in both directions. */
struct xsd_sockmsg
{
    uint32_t type;   /* IN/OUT: enum xsd_sockmsg_type */
    uint32_t req_id; /* IN: chosen by the client; OUT: echoed in the reply */
    uint32_t tx_id;  /* IN: transaction id, 0 outside a transaction */
    uint32_t len;    /* IN/OUT: payload bytes that follow, at most
                      * XENSTORE_PAYLOAD_MAX */
};

/* Positions of the strings in an XS_WATCH_EVENT payload ("path\0token\0"). */
enum xs_watch_type
{
    XS_WATCH_PATH = 0,
    XS_WATCH_TOKEN
};

/*
 * The shared page between a domain and the store.  `req` carries requests from
 * the domain, `rsp` replies and watch events to it.  Indexes run freely and are
 * reduced modulo the ring size with MASK_XENSTORE_IDX(); a producer writes data
 * before publishing its index, a consumer reads the index before the data.
 */
#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))
struct xenstore_domain_interface
{
    char req[XENSTORE_RING_SIZE];     /* requests, domain to store */
    char rsp[XENSTORE_RING_SIZE];     /* replies and events, store to domain */
    XENSTORE_RING_IDX req_cons;       /* store's consumer index on req */
    XENSTORE_RING_IDX req_prod;       /* domain's producer index on req */
    XENSTORE_RING_IDX rsp_cons;       /* domain's consumer index on rsp */
    XENSTORE_RING_IDX rsp_prod;       /* store's producer index on rsp */
    uint32_t server_features;         /* XENSTORE_SERVER_FEATURE_* the store
                                       * offers */
    uint32_t connection;              /* XENSTORE_CONNECTED or _RECONNECT */
    uint32_t error;                   /* XENSTORE_ERROR_*, set by the store */
};

/* The largest payload of one message.  A larger one breaks the connection. */
#define XENSTORE_PAYLOAD_MAX 4096

/* Longest absolute and relative node paths; longer ones get an error reply. */
#define XENSTORE_ABS_PATH_MAX 3072
#define XENSTORE_REL_PATH_MAX 2048

/* server_features bits. */
#define XENSTORE_SERVER_FEATURE_RECONNECTION 1 /* `connection` is honoured */
#define XENSTORE_SERVER_FEATURE_ERROR        2 /* `error` is filled in */

/* Values of `connection`. */
#define XENSTORE_CONNECTED 0 /* normal operation */
#define XENSTORE_RECONNECT 1 /* the domain asks the store to reset the ring */

/* Values of `error`. */
#define XENSTORE_ERROR_NONE    0 /* no error */
#define XENSTORE_ERROR_COMM    1 /* communication problem */
#define XENSTORE_ERROR_RINGIDX 2 /* an index moved by more than the ring size */
#define XENSTORE_ERROR_PROTO   3 /* protocol violation, e.g. payload too long */

#endif /* __XEN_PUBLIC_IO_XS_WIRE_H__ */
