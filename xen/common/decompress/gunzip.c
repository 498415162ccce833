/*
 * gzip member decoder (RFC 1952): header, deflate body, CRC-32 and ISIZE
 * trailer.  Only the first member is decoded; what follows it is reported
 * through in_used and otherwise ignored, as Linux's and Xen's boot-time
 * gunzip do with a bzImage's trailing size word.
 */
#include "private.h"

#define GZ_FTEXT     0x01
#define GZ_FHCRC     0x02
#define GZ_FEXTRA    0x04
#define GZ_FNAME     0x08
#define GZ_FCOMMENT  0x10
#define GZ_FRESERVED 0xe0

struct gunzip_ws {
    u8 inflate[INFLATE_WS_SIZE];
    u32 crc_table[256];
};

_Static_assert(sizeof(struct gunzip_ws) <= GUNZIP_WORKSPACE_SIZE,
               "GUNZIP_WORKSPACE_SIZE too small");

/* Skip a NUL-terminated header string at *pos; false if it runs off the end. */
static bool skip_string(const u8 *in, size_t in_len, size_t *pos)
{
    while ( *pos < in_len )
        if ( in[(*pos)++] == 0 )
            return true;
    return false;
}

/* Parse the member header; on success *pos is the first deflate byte. */
static int gzip_header(const u8 *in, size_t in_len, const u32 *crc_table,
                       size_t *pos, const char **reason)
{
    u8 flags;

    if ( (in_len >= 1 && in[0] != 0x1f) || (in_len >= 2 && in[1] != 0x8b) )
    {
        *reason = "not gzip data (bad magic)";
        return -ENOEXEC;
    }
    if ( in_len < 10 )
    {
        *reason = "gzip header truncated";
        return -ENODATA;
    }
    if ( in[2] != 8 )
    {
        *reason = "gzip compression method is not deflate";
        return -EOPNOTSUPP;
    }
    flags = in[3];
    if ( flags & GZ_FRESERVED )
    {
        *reason = "gzip header has reserved flags set";
        return -EILSEQ;
    }
    *pos = 10;
    if ( flags & GZ_FEXTRA )
    {
        size_t xlen;

        if ( in_len - *pos < 2 )
            goto truncated;
        xlen = get_le16(in + *pos);
        *pos += 2;
        if ( in_len - *pos < xlen )
            goto truncated;
        *pos += xlen;
    }
    if ( (flags & GZ_FNAME) && !skip_string(in, in_len, pos) )
        goto truncated;
    if ( (flags & GZ_FCOMMENT) && !skip_string(in, in_len, pos) )
        goto truncated;
    if ( flags & GZ_FHCRC )
    {
        if ( in_len - *pos < 2 )
            goto truncated;
        if ( get_le16(in + *pos) !=
             (crc32_update(crc_table, 0, in, *pos) & 0xffff) )
        {
            *reason = "gzip header CRC mismatch";
            return -EBADMSG;
        }
        *pos += 2;
    }
    return 0;

 truncated:
    *reason = "gzip header truncated";
    return -ENODATA;
}

/* See xen/decompress.h. */
int gunzip(const void *in_, size_t in_len, void *out, size_t out_size,
           void *ws_, size_t ws_size, struct decompress_result *res)
{
    const u8 *in = in_;
    struct gunzip_ws *ws = ws_;
    const char *reason = NULL;
    size_t pos = 0, used = 0, out_len = 0;
    int rc;

    if ( !in || (!out && out_size) ||
         !decomp_ws_ok(ws_, ws_size, GUNZIP_WORKSPACE_SIZE) )
        return decomp_finish(res, -EINVAL, 0, 0, "bad arguments");

    crc32_init_table(ws->crc_table);
    rc = gzip_header(in, in_len, ws->crc_table, &pos, &reason);
    if ( rc )
        return decomp_finish(res, rc, 0, pos, reason);

    rc = inflate_raw(in + pos, in_len - pos, &used, out, out_size, &out_len,
                     ws->inflate, &reason);
    pos += used;
    if ( rc )
        return decomp_finish(res, rc, out_len, pos, reason);

    if ( in_len - pos < 8 )
        return decomp_finish(res, -ENODATA, out_len, pos,
                             "gzip trailer truncated");
    if ( get_le32(in + pos) != crc32_update(ws->crc_table, 0, out, out_len) )
        return decomp_finish(res, -EBADMSG, out_len, pos + 8,
                             "gzip CRC32 mismatch");
    if ( get_le32(in + pos + 4) != (u32)out_len )
        return decomp_finish(res, -EBADMSG, out_len, pos + 8,
                             "gzip size (ISIZE) mismatch");
    return decomp_finish(res, 0, out_len, pos + 8, NULL);
}
