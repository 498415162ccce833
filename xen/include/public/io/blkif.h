/* SPDX-License-Identifier: MIT */
/*
 * public/io/blkif.h: the PV block device protocol (vbd).
 *
 * The frontend (in the guest) and the backend (in dom0) share a ring of
 * blkif requests and responses (io/ring.h) in one or more granted pages,
 * with one event channel.  Data moves in granted pages: each request
 * segment names a grant and the 512-byte sectors within that page.
 *
 * Xenstore, under the backend's directory (written by the toolstack and the
 * backend):
 *   mode ("r"/"w"), params, type ("phy", "file"...), physical-device
 *   ("MAJOR:MINOR"), physical-device-path, direct-io-safe;
 *   features (booleans, default 0): feature-barrier, feature-flush-cache,
 *   feature-discard, feature-persistent, and feature-max-indirect-segments
 *   (the most segments of a BLKIF_OP_INDIRECT request);
 *   transport limits: max-ring-page-order, multi-queue-max-queues;
 *   the disk: info (VDISK_* bits), sectors (in 512-byte units),
 *   sector-size, physical-sector-size, discard-granularity,
 *   discard-alignment, discard-secure.
 * Under the frontend's directory (written by the toolstack and the frontend):
 *   virtual-device, device-type ("disk", "cdrom"), trusted;
 *   ring-ref (or ring-page-order and ring-ref0..N-1 for a multi-page ring),
 *   event-channel, protocol (XEN_IO_PROTO_ABI_*), feature-persistent,
 *   feature-large-sector-size, multi-queue-num-queues (then ring-ref and
 *   event-channel under queue-0, queue-1, ...).
 * The two "state" nodes follow io/xenbus.h: the backend reaches InitWait,
 * the frontend publishes its ring and goes to Initialised, the backend
 * connects (Connected), then the frontend goes to Connected.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_IO_BLKIF_H__
#define __XEN_PUBLIC_IO_BLKIF_H__

#include "ring.h"
#include "../grant_table.h"

/* The frontend's handle of the virtual device; sector numbers. */
#ifndef blkif_vdev_t
#define blkif_vdev_t uint16_t
#endif
#define blkif_sector_t uint64_t

/* Request operations. */
#define BLKIF_OP_READ 0
#define BLKIF_OP_WRITE 1
/*
 * Optional (feature-barrier): every write before it completes before it,
 * every write after it starts after it.
 */
#define BLKIF_OP_WRITE_BARRIER 2
/* Optional (feature-flush-cache): flush the device's volatile cache. */
#define BLKIF_OP_FLUSH_DISKCACHE 3
/* Taken by a vendor's device-specific commands. */
#define BLKIF_OP_RESERVED_1 4
/*
 * Optional (feature-discard): the sectors are no longer in use (trim or
 * unmap); with BLKIF_DISCARD_SECURE they must become unrecoverable.
 */
#define BLKIF_OP_DISCARD 5
/*
 * Optional (feature-max-indirect-segments): a read or write whose segments
 * are listed in separate granted pages, so it can carry more than
 * BLKIF_MAX_SEGMENTS_PER_REQUEST.  A backend that does not implement it
 * must not write that node.
 */
#define BLKIF_OP_INDIRECT 6

/* Segments that fit in a direct request (so a ring slot stays 112 bytes). */
#define BLKIF_MAX_SEGMENTS_PER_REQUEST 11

/* Pages of segments an indirect request may name. */
#define BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST 8

/*
 * One segment: sectors first_sect..last_sect (inclusive, 512-byte units)
 * of the granted page.  Sector numbers count 512-byte units even when the
 * disk's sectors are larger, unless the frontend wrote
 * feature-large-sector-size.
 */
struct blkif_request_segment {
    grant_ref_t gref;   /* IN: the data page */
    uint8_t first_sect; /* IN: first sector in the page */
    uint8_t last_sect;  /* IN: last sector in the page */
};

/* A read, write, barrier or flush. */
struct blkif_request {
    uint8_t operation;            /* IN: BLKIF_OP_* */
    uint8_t nr_segments;          /* IN: entries used in seg */
    blkif_vdev_t handle;          /* IN: device (reads and writes) */
    uint64_t id;                  /* IN: echoed in the response */
    blkif_sector_t sector_number; /* IN: first sector on the disk */
    struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST]; /* IN */
};
typedef struct blkif_request blkif_request_t;

/* BLKIF_OP_DISCARD, in the same slot. */
struct blkif_request_discard {
    uint8_t operation; /* IN: BLKIF_OP_DISCARD */
    uint8_t flag;      /* IN: BLKIF_DISCARD_SECURE or 0 */
/* Ignored unless the backend wrote discard-secure = 1. */
#define BLKIF_DISCARD_SECURE (1 << 0)
    blkif_vdev_t handle;          /* IN */
    uint64_t id;                  /* IN: echoed in the response */
    blkif_sector_t sector_number; /* IN: first sector */
    uint64_t nr_sectors;          /* IN: sectors to discard */
};
typedef struct blkif_request_discard blkif_request_discard_t;

/*
 * BLKIF_OP_INDIRECT: the segments are arrays of blkif_request_segment
 * filling the pages granted in indirect_grefs (4096 / 8 = 512 per page).
 */
struct blkif_request_indirect {
    uint8_t operation;            /* IN: BLKIF_OP_INDIRECT */
    uint8_t indirect_op;          /* IN: BLKIF_OP_READ or BLKIF_OP_WRITE */
    uint16_t nr_segments;         /* IN: segments in the indirect pages */
    uint64_t id;                  /* IN: echoed in the response */
    blkif_sector_t sector_number; /* IN: first sector */
    blkif_vdev_t handle;          /* IN */
    /* IN: the pages holding the segments */
    grant_ref_t indirect_grefs[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
};
typedef struct blkif_request_indirect blkif_request_indirect_t;

struct blkif_response {
    uint64_t id;       /* OUT: the request's id */
    uint8_t operation; /* OUT: the request's operation */
    int16_t status;    /* OUT: BLKIF_RSP_* */
};
typedef struct blkif_response blkif_response_t;

/* Response status. */
#define BLKIF_RSP_EOPNOTSUPP -2 /* operation not supported (barriers) */
#define BLKIF_RSP_ERROR -1      /* failed */
#define BLKIF_RSP_OKAY 0        /* done */

/* blkif_sring_t, blkif_front_ring_t, blkif_back_ring_t. */
DEFINE_RING_TYPES(blkif, struct blkif_request, struct blkif_response);

/* Bits of the backend's "info" node. */
#define VDISK_CDROM 0x1
#define VDISK_REMOVABLE 0x2
#define VDISK_READONLY 0x4

#endif /* __XEN_PUBLIC_IO_BLKIF_H__ */
