/* SPDX-License-Identifier: MIT */
/*
 * public/io/netif.h: the PV network device protocol (vif).
 *
 * A frontend and a backend share two rings per queue: the transmit ring
 * (the guest sends: requests name granted pages holding packet data, the
 * backend answers each) and the receive ring (the guest posts granted
 * pages, the backend fills them with received packets and answers).  A
 * packet may span several slots (NETTXF_more_data / NETRXF_more_data) and
 * be followed by extra-info slots (GSO, multicast, hash).  An optional
 * control ring carries hash and grant-mapping configuration.
 *
 * Xenstore, backend side: feature-sg, feature-gso-tcpv4, feature-gso-tcpv6,
 * feature-ipv6-csum-offload, feature-no-csum-offload, feature-rx-copy,
 * feature-rx-flip, feature-multicast-control, feature-dynamic-multicast-
 * control, feature-split-event-channels, feature-ctrl-ring,
 * multi-queue-max-queues, mac, handle.  Frontend side: tx-ring-ref,
 * rx-ring-ref, event-channel (or event-channel-tx and event-channel-rx),
 * request-rx-copy, feature-rx-notify, feature-sg, feature-gso-tcpv4,
 * feature-gso-tcpv6, multi-queue-num-queues (then the ring nodes under
 * queue-N), ctrl-ring-ref and event-channel-ctrl, mac.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_IO_NETIF_H__
#define __XEN_PUBLIC_IO_NETIF_H__

#include "ring.h"
#include "../grant_table.h"

/*
 * Slots a backend must accept for one packet before it may treat the
 * frontend as broken (older backends: MAX_SKB_FRAGS, 18).
 */
#define XEN_NETIF_NR_SLOTS_MIN 18

/* Hash types (XEN_NETIF_CTRL_TYPE_{GET,SET}_HASH_FLAGS). */
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV4 0
#define XEN_NETIF_CTRL_HASH_TYPE_IPV4 (1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV4)
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP 1
#define XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP                                      \
    (1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP)
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV6 2
#define XEN_NETIF_CTRL_HASH_TYPE_IPV6 (1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV6)
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP 3
#define XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP                                      \
    (1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP)

/* Hash algorithms. */
#define XEN_NETIF_CTRL_HASH_ALGORITHM_NONE 0
#define XEN_NETIF_CTRL_HASH_ALGORITHM_TOEPLITZ 1

#ifdef XEN_NETIF_DEFINE_TOEPLITZ
/*
 * The Toeplitz hash of @buf under @key (as in Microsoft's RSS): for each
 * set bit of the input, XOR in the 32 key bits that start at that bit
 * position.  Key bytes past @keylen count as zero.
 */
static uint32_t xen_netif_toeplitz_hash(const uint8_t *key, unsigned int keylen,
                                        const uint8_t *buf, unsigned int buflen)
{
    uint64_t window = 0; /* key bits [i, i + 64) for input bit i */
    uint64_t hash = 0;
    unsigned int next_key = 0;
    unsigned int i;

    for ( ; next_key < 8; next_key++ )
        window = (window << 8) | (next_key < keylen ? key[next_key] : 0);

    for ( i = 0; i < buflen; i++ )
    {
        unsigned int bit;

        for ( bit = 0; bit < 8; bit++ )
        {
            if ( buf[i] & (0x80 >> bit) )
                hash ^= window;
            window <<= 1;
        }
        window |= next_key < keylen ? key[next_key] : 0;
        next_key++;
    }

    return hash >> 32;
}
#endif /* XEN_NETIF_DEFINE_TOEPLITZ */

/* A control ring request. */
struct xen_netif_ctrl_request {
    uint16_t id;   /* IN: echoed in the response */
    uint16_t type; /* IN: XEN_NETIF_CTRL_TYPE_* */
#define XEN_NETIF_CTRL_TYPE_INVALID 0
#define XEN_NETIF_CTRL_TYPE_GET_HASH_FLAGS 1
#define XEN_NETIF_CTRL_TYPE_SET_HASH_FLAGS 2
#define XEN_NETIF_CTRL_TYPE_SET_HASH_KEY 3
#define XEN_NETIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE 4
#define XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE 5
#define XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING 6
#define XEN_NETIF_CTRL_TYPE_SET_HASH_ALGORITHM 7
#define XEN_NETIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE 8
#define XEN_NETIF_CTRL_TYPE_ADD_GREF_MAPPING 9
#define XEN_NETIF_CTRL_TYPE_DEL_GREF_MAPPING 10
    uint32_t data[3]; /* IN: arguments of the type */
};

/* A control ring response. */
struct xen_netif_ctrl_response {
    uint16_t id;     /* OUT: the request's id */
    uint16_t type;   /* OUT: the request's type */
    uint32_t status; /* OUT: XEN_NETIF_CTRL_STATUS_* */
#define XEN_NETIF_CTRL_STATUS_SUCCESS 0
#define XEN_NETIF_CTRL_STATUS_NOT_SUPPORTED 1
#define XEN_NETIF_CTRL_STATUS_INVALID_PARAMETER 2
#define XEN_NETIF_CTRL_STATUS_BUFFER_OVERFLOW 3
    uint32_t data; /* OUT: result of GET types */
};

/* An entry of the page passed with XEN_NETIF_CTRL_TYPE_ADD_GREF_MAPPING. */
struct xen_netif_gref {
    grant_ref_t ref; /* IN */
    uint16_t flags;  /* IN: XEN_NETIF_CTRLF_GREF_* */
#define _XEN_NETIF_CTRLF_GREF_readonly 0
#define XEN_NETIF_CTRLF_GREF_readonly (1U << _XEN_NETIF_CTRLF_GREF_readonly)
    uint16_t status; /* OUT: XEN_NETIF_CTRL_STATUS_* */
};

/* xen_netif_ctrl_sring_t, xen_netif_ctrl_front_ring_t, ..._back_ring_t. */
DEFINE_RING_TYPES(xen_netif_ctrl, struct xen_netif_ctrl_request,
                  struct xen_netif_ctrl_response);

/* netif_tx_request.flags */
/* The checksum field is blank (the backend, or hardware, computes it). */
#define _NETTXF_csum_blank (0)
#define NETTXF_csum_blank (1U << _NETTXF_csum_blank)
/* The checksum was already verified. */
#define _NETTXF_data_validated (1)
#define NETTXF_data_validated (1U << _NETTXF_data_validated)
/* The packet continues in the next slot. */
#define _NETTXF_more_data (2)
#define NETTXF_more_data (1U << _NETTXF_more_data)
/* Extra-info slots follow. */
#define _NETTXF_extra_info (3)
#define NETTXF_extra_info (1U << _NETTXF_extra_info)

/* Largest packet on the transmit ring. */
#define XEN_NETIF_MAX_TX_SIZE 0xFFFF

/*
 * A transmit slot.  In the first slot of a packet, size is the whole
 * packet's length; in the others, that slot's length.
 */
struct netif_tx_request {
    grant_ref_t gref; /* IN: page with the data */
    uint16_t offset;  /* IN: where the data starts in it */
    uint16_t flags;   /* IN: NETTXF_* */
    uint16_t id;      /* IN: echoed in the response */
    uint16_t size;    /* IN: bytes, see above */
};
typedef struct netif_tx_request netif_tx_request_t;

/* netif_extra_info.type */
#define XEN_NETIF_EXTRA_TYPE_NONE (0)      /* invalid */
#define XEN_NETIF_EXTRA_TYPE_GSO (1)       /* u.gso */
#define XEN_NETIF_EXTRA_TYPE_MCAST_ADD (2) /* u.mcast */
#define XEN_NETIF_EXTRA_TYPE_MCAST_DEL (3) /* u.mcast */
#define XEN_NETIF_EXTRA_TYPE_HASH (4)      /* u.hash */
#define XEN_NETIF_EXTRA_TYPE_MAX (5)

/* netif_extra_info.flags: another extra-info slot follows. */
#define _XEN_NETIF_EXTRA_FLAG_MORE (0)
#define XEN_NETIF_EXTRA_FLAG_MORE (1U << _XEN_NETIF_EXTRA_FLAG_MORE)

/* Segmentation offload types. */
#define XEN_NETIF_GSO_TYPE_NONE (0)
#define XEN_NETIF_GSO_TYPE_TCPV4 (1)
#define XEN_NETIF_GSO_TYPE_TCPV6 (2)

/* An extra-info slot (on either ring), in place of a request or response. */
struct netif_extra_info {
    uint8_t type;  /* IN/OUT: XEN_NETIF_EXTRA_TYPE_* */
    uint8_t flags; /* IN/OUT: XEN_NETIF_EXTRA_FLAG_* */
    union {
        struct {
            uint16_t size;     /* IN/OUT: maximum segment size */
            uint8_t type;      /* IN/OUT: XEN_NETIF_GSO_TYPE_* */
            uint8_t pad;       /* IN: zero */
            uint16_t features; /* IN/OUT: zero */
        } gso;
        struct {
            uint8_t addr[6]; /* IN: multicast address */
        } mcast;
        struct {
            uint8_t type;      /* IN/OUT: _XEN_NETIF_CTRL_HASH_TYPE_* */
            uint8_t algorithm; /* IN/OUT: XEN_NETIF_CTRL_HASH_ALGORITHM_* */
            uint8_t value[4];  /* IN/OUT: the hash, little-endian */
        } hash;
        uint16_t pad[3]; /* IN/OUT: sizes the union */
    } u;
};
typedef struct netif_extra_info netif_extra_info_t;

struct netif_tx_response {
    uint16_t id;    /* OUT: the request's id */
    int16_t status; /* OUT: NETIF_RSP_* */
};
typedef struct netif_tx_response netif_tx_response_t;

/* A receive buffer the frontend posts. */
struct netif_rx_request {
    uint16_t id;      /* IN: echoed in the response */
    uint16_t pad;     /* IN: zero */
    grant_ref_t gref; /* IN: the page to fill */
};
typedef struct netif_rx_request netif_rx_request_t;

/* netif_rx_response.flags */
#define _NETRXF_data_validated (0)
#define NETRXF_data_validated (1U << _NETRXF_data_validated)
#define _NETRXF_csum_blank (1)
#define NETRXF_csum_blank (1U << _NETRXF_csum_blank)
#define _NETRXF_more_data (2)
#define NETRXF_more_data (1U << _NETRXF_more_data)
#define _NETRXF_extra_info (3)
#define NETRXF_extra_info (1U << _NETRXF_extra_info)
/* A GSO prefix slot precedes the packet (obsolete). */
#define _NETRXF_gso_prefix (4)
#define NETRXF_gso_prefix (1U << _NETRXF_gso_prefix)

struct netif_rx_response {
    uint16_t id;     /* OUT: the buffer's id */
    uint16_t offset; /* OUT: where the data starts in the page */
    uint16_t flags;  /* OUT: NETRXF_* */
    int16_t status;  /* OUT: bytes received, or NETIF_RSP_* if negative */
};
typedef struct netif_rx_response netif_rx_response_t;

/* netif_tx_sring_t, netif_rx_sring_t and their front and back halves. */
DEFINE_RING_TYPES(netif_tx, struct netif_tx_request, struct netif_tx_response);
DEFINE_RING_TYPES(netif_rx, struct netif_rx_request, struct netif_rx_response);

/* Response status. */
#define NETIF_RSP_DROPPED -2 /* the packet was dropped */
#define NETIF_RSP_ERROR -1   /* failed */
#define NETIF_RSP_OKAY 0     /* done */
#define NETIF_RSP_NULL 1     /* no response: the slot was extra info */

#endif /* __XEN_PUBLIC_IO_NETIF_H__ */
