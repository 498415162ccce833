/*
 * buffer.c: a guest's output on its way to the pty, which may be slow or
 * have no reader.  Bounded by the console's limit (console/limit, 1 MiB
 * by libxl): with --overflow-data=discard (the default) the oldest bytes
 * give way, with keep the daemon stops taking the guest's output until
 * there is room (the guest then waits).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"

void buffer_init(struct buffer *b, size_t limit, bool discard)
{
    memset(b, 0, sizeof(*b));
    b->limit = limit ? limit : 1;
    b->discard = discard;
}

void buffer_free(struct buffer *b)
{
    free(b->data);
    memset(b, 0, sizeof(*b));
}

size_t buffer_room(const struct buffer *b)
{
    if ( b->discard )
        return b->limit;
    return b->len >= b->limit ? 0 : b->limit - b->len;
}

int buffer_append(struct buffer *b, const char *data, size_t len)
{
    size_t drop, want;
    char *bigger;

    if ( len > b->limit )
    {
        /* Only the newest limit bytes can be kept. */
        b->dropped += len - b->limit;
        data += len - b->limit;
        len = b->limit;
    }
    if ( b->len + len > b->limit )
    {
        drop = b->len + len - b->limit;
        if ( !b->discard )
            return -ENOSPC;
        buffer_consume(b, drop);
        b->dropped += drop;
    }
    if ( b->len + len > b->cap )
    {
        want = b->cap ? b->cap : 4096;
        while ( want < b->len + len )
            want *= 2;
        if ( want > b->limit )
            want = b->limit;
        bigger = realloc(b->data, want);
        if ( !bigger )
            return -ENOMEM;
        b->data = bigger;
        b->cap = want;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

void buffer_consume(struct buffer *b, size_t n)
{
    if ( n >= b->len )
    {
        b->len = 0;
        return;
    }
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
}
