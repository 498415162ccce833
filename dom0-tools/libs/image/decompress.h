/*
 * decompress.h: the bounded output buffer shared by the decompressors.
 *
 * A decoder writes through a sink, which never grows past max: the size the
 * container advertises, or the handle's limit when nothing is advertised.
 * When the buffer is full the sink lends a small scratch area; a decoder that
 * still produces output there is reported as overflowing (a decompression
 * bomb or a lying size field), without ever allocating more.
 */
#ifndef XENIMAGE_DECOMPRESS_H
#define XENIMAGE_DECOMPRESS_H

#include <errno.h>

#include "private.h"

#define SINK_SCRATCH 64

struct sink {
    struct xenimage *img;
    const char *what;      /* "xz payload", for messages */
    uint8_t *buf;
    size_t len, cap;
    uint64_t max;          /* never more output than this */
    uint64_t advertised;   /* 0 when the container states no size */
    bool in_scratch;       /* the last sink_space() was the scratch area */
    uint8_t scratch[SINK_SCRATCH];
};

/* Grow the buffer to hold want more bytes, or up to max; *avail gets room. */
int sink_reserve(struct sink *s, size_t want, size_t *avail);
/* Room for the decoder's next output: the buffer, or scratch once full. */
uint8_t *sink_space(struct sink *s, size_t *avail);
/* Account for n bytes written into the last sink_space(). */
int sink_commit(struct sink *s, size_t n);

/* Failures, phrased for the user (they return a negative errno). */
int sink_overflow(struct sink *s);
int sink_corrupt(struct sink *s, const char *why);
int sink_truncated(struct sink *s);
int sink_nomem(struct sink *s);

/* One per format: decode all of in[0, in_size) into s. */
int gunzip(struct sink *s, const uint8_t *in, size_t in_size);
int bunzip2(struct sink *s, const uint8_t *in, size_t in_size);
int unxz(struct sink *s, const uint8_t *in, size_t in_size, bool alone);
int unlz4_legacy(struct sink *s, const uint8_t *in, size_t in_size);
int unlz4_frame(struct sink *s, const uint8_t *in, size_t in_size);
int unzstd(struct sink *s, const uint8_t *in, size_t in_size);

#endif /* XENIMAGE_DECOMPRESS_H */
