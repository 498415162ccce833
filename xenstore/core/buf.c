/*
 * buf.c: growable byte buffers and the string hash used by the core's tables.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* Make room for extra more bytes.  Returns 0 or ENOMEM. */
int xs_buf_reserve(struct xs_buf *b, size_t extra)
{
    size_t want = b->len + extra;
    size_t cap = b->cap ? b->cap : 256;
    char *p;

    if ( want <= b->cap )
        return 0;
    while ( cap < want )
        cap *= 2;
    p = realloc(b->data, cap);
    if ( !p )
        return ENOMEM;
    b->data = p;
    b->cap = cap;
    return 0;
}

/* Append len bytes.  Returns 0 or ENOMEM (the buffer is then unchanged). */
int xs_buf_add(struct xs_buf *b, const void *data, size_t len)
{
    int rc = xs_buf_reserve(b, len);

    if ( rc )
        return rc;
    if ( len )
        memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

/* Forget the contents, keep the memory. */
void xs_buf_reset(struct xs_buf *b)
{
    b->len = 0;
}

/* Release the memory; the buffer may be used again afterwards. */
void xs_buf_free(struct xs_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* FNV-1a over len bytes of s. */
uint32_t xs_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    size_t i;

    for ( i = 0; i < len; i++ )
    {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}
