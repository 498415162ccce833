/*
 * Host test driver for xen/arch/x86/bzimage.c.
 *
 *   tbzimage info IMAGE
 *       Print what bzimage_parse() found, as shell-readable name=value pairs.
 *   tbzimage extract IMAGE OUT
 *       Parse and decompress IMAGE into OUT, with an output buffer of exactly
 *       the recorded size and the format's declared workspace.
 *   tbzimage rebuild IMAGE PAYLOAD OUT
 *       Write IMAGE with its payload replaced by PAYLOAD (a compressed
 *       vmlinux) followed by the size word of the original payload.
 *   tbzimage corrupt IMAGE NAME [strict,fliponly]
 *       Hostile-image battery, one PASS/FAIL line each: damaged header fields,
 *       truncation, wrong size word, payload corruption.  "strict": the
 *       payload format has a checksum, so corruption must be detected;
 *       "fliponly": only the payload corruption.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/bzimage.h>
#include <xen/errno.h>

struct buf {
    unsigned char *p;
    size_t len;
};

static int failures;

static struct buf slurp(const char *path)
{
    struct buf b = { NULL, 0 };
    FILE *f = fopen(path, "rb");
    long n;

    if ( !f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 )
    {
        fprintf(stderr, "tbzimage: cannot read %s\n", path);
        exit(2);
    }
    rewind(f);
    b.len = (size_t)n;
    b.p = malloc(b.len ? b.len : 1);
    if ( !b.p || fread(b.p, 1, b.len, f) != b.len )
    {
        fprintf(stderr, "tbzimage: cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    return b;
}

static void spill(const char *path, const void *p, size_t len)
{
    FILE *f = fopen(path, "wb");

    if ( !f || fwrite(p, 1, len, f) != len || fclose(f) )
    {
        fprintf(stderr, "tbzimage: cannot write %s\n", path);
        exit(2);
    }
}

static void put_le32(unsigned char *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

/*
 * Parse and decompress image[0..len) (copied to an exact-size buffer), the
 * output buffer being out_size bytes (0: the recorded size).  Returns the
 * errno; *reason gets the reason, *out the output if wanted.
 */
static int extract(const unsigned char *image, size_t len, size_t out_size,
                   const char **reason, struct buf *out)
{
    unsigned char *img = malloc(len ? len : 1);
    struct bzimage_info info;
    unsigned char *ob = NULL;
    void *ws = NULL;
    size_t ws_size, out_len = 0;
    int rc;

    memcpy(img, image, len);
    *reason = NULL;
    rc = bzimage_parse(img, len, &info, reason);
    if ( rc )
        goto done;
    if ( !out_size )
        out_size = info.decompressed_size;
    ob = malloc(out_size);
    ws_size = decompress_workspace_size(info.format);
    ws = ws_size ? malloc(ws_size) : NULL;
    rc = bzimage_decompress(img, &info, ob, out_size, ws, ws_size, &out_len,
                            reason);
 done:
    if ( rc && !*reason )
        rc = -9999;
    free(img);
    free(ws);
    if ( out && !rc )
    {
        out->p = ob;
        out->len = out_len;
    }
    else
        free(ob);
    return rc;
}

static void report(int ok, const char *name, const char *what, int rc,
                   const char *reason)
{
    if ( ok )
        printf("PASS: %s/%s\n", name, what);
    else
    {
        printf("FAIL: %s/%s (rc %d: %s)\n", name, what, rc,
               reason ? reason : "no reason");
        failures++;
    }
}

/* Run one mutation of the image and check the errno it produces. */
static void mutation(const struct buf *img, const char *name, const char *what,
                     size_t len, size_t off, const void *bytes, size_t n,
                     size_t out_size, int want)
{
    unsigned char *m = malloc(img->len);
    const char *reason;
    int rc;

    memcpy(m, img->p, img->len);
    if ( n )
        memcpy(m + off, bytes, n);
    rc = extract(m, len, out_size, &reason, NULL);
    report(rc == want, name, what, rc, reason);
    free(m);
}

static void corrupt(const struct buf *img, const char *name, bool strict,
                    bool flip_only)
{
    struct bzimage_info info;
    const char *reason;
    unsigned char w[4];
    uint32_t plen;
    int rc;

    rc = bzimage_parse(img->p, img->len, &info, &reason);
    if ( rc )
    {
        report(0, name, "parse", rc, reason);
        return;
    }
    plen = (uint32_t)info.payload_len + 4;
    if ( flip_only )
        goto flip;

    mutation(img, name, "no-signature", img->len, 0x202, "HdrX", 4, 0,
             -ENOEXEC);
    mutation(img, name, "tiny-file", 0x100, 0, NULL, 0, 0, -ENOEXEC);
    mutation(img, name, "header-cut", 0x220, 0, NULL, 0, 0, -ENODATA);
    mutation(img, name, "old-protocol", img->len, 0x206, "\x07\x02", 2, 0,
             -EOPNOTSUPP);
    put_le32(w, 0xffffffffu);
    mutation(img, name, "length-overflow", img->len, 0x24c, w, 4, 0,
             -ENODATA);
    mutation(img, name, "offset-overflow", img->len, 0x248, w, 4, 0,
             -ENODATA);
    put_le32(w, 4);
    mutation(img, name, "length-too-short", img->len, 0x24c, w, 4, 0,
             -EILSEQ);
    mutation(img, name, "truncated-payload",
             info.payload_offset + info.payload_len / 2, 0, NULL, 0, 0,
             -ENODATA);
    mutation(img, name, "bzip2-payload", img->len, info.payload_offset,
             "BZh9", 4, 0, -EOPNOTSUPP);
    put_le32(w, 0);
    mutation(img, name, "zero-size-word", img->len,
             info.payload_offset + plen - 4, w, 4, 0, -EILSEQ);
    /* Size word one too big: the decoder finishes short of it. */
    put_le32(w, (uint32_t)info.decompressed_size + 1);
    mutation(img, name, "size-word-too-big", img->len,
             info.payload_offset + plen - 4, w, 4, 0, -EBADMSG);
    /* Size word one too small: the buffer sized by it overflows. */
    put_le32(w, (uint32_t)info.decompressed_size - 1);
    mutation(img, name, "size-word-too-small", img->len,
             info.payload_offset + plen - 4, w, 4, 0, -ENOSPC);

    /* A flipped bit in the middle of the payload. */
 flip:
    {
        unsigned char *m = malloc(img->len);
        struct buf out = { NULL, 0 };
        size_t at = info.payload_offset + info.payload_len / 2;
        int ok;

        memcpy(m, img->p, img->len);
        m[at] ^= 0x10;
        rc = extract(m, img->len, 0, &reason, &out);
        /* With a checksum it must fail; without one it must not crash. */
        ok = strict ? (rc == -EBADMSG || rc == -EILSEQ)
                    : (rc == 0 || rc == -EBADMSG || rc == -EILSEQ ||
                       rc == -ENOSPC || rc == -ENOEXEC);
        report(ok, name, "payload-bitflip", rc, reason);
        free(out.p);
        free(m);
    }
}

int main(int argc, char **argv)
{
    struct buf img;
    const char *reason = NULL;
    struct bzimage_info info;
    int rc;

    if ( argc < 3 )
        goto usage;
    img = slurp(argv[2]);

    if ( !strcmp(argv[1], "info") && argc == 3 )
    {
        rc = bzimage_parse(img.p, img.len, &info, &reason);
        if ( rc )
        {
            fprintf(stderr, "tbzimage: %s: %s\n", argv[2], reason);
            free(img.p);
            return 1;
        }
        free(img.p);
        printf("format=%s version=%#x setup_sects=%u payload_offset=%zu "
               "payload_len=%zu decompressed_size=%zu\n",
               decompress_format_name(info.format), info.version,
               info.setup_sects, info.payload_offset, info.payload_len,
               info.decompressed_size);
        return 0;
    }
    if ( !strcmp(argv[1], "extract") && argc == 4 )
    {
        struct buf out = { NULL, 0 };

        rc = extract(img.p, img.len, 0, &reason, &out);
        free(img.p);
        if ( rc )
        {
            fprintf(stderr, "tbzimage: %s: %s (%d)\n", argv[2], reason, rc);
            return 1;
        }
        spill(argv[3], out.p, out.len);
        free(out.p);
        return 0;
    }
    if ( !strcmp(argv[1], "rebuild") && argc == 5 )
    {
        struct buf pl = slurp(argv[3]);
        size_t end, len;
        unsigned char *m;

        if ( bzimage_parse(img.p, img.len, &info, &reason) )
        {
            fprintf(stderr, "tbzimage: %s: %s\n", argv[2], reason);
            free(pl.p);
            free(img.p);
            return 1;
        }
        end = info.payload_offset + info.payload_len + 4;
        len = info.payload_offset + pl.len + 4 + (img.len - end);
        m = malloc(len);
        memcpy(m, img.p, info.payload_offset);
        memcpy(m + info.payload_offset, pl.p, pl.len);
        put_le32(m + info.payload_offset + pl.len,
                 (uint32_t)info.decompressed_size);
        memcpy(m + info.payload_offset + pl.len + 4, img.p + end,
               img.len - end);
        put_le32(m + 0x24c, (uint32_t)pl.len + 4);
        spill(argv[4], m, len);
        free(m);
        free(pl.p);
        free(img.p);
        return 0;
    }
    if ( !strcmp(argv[1], "corrupt") && argc >= 4 )
    {
        corrupt(&img, argv[3], argc > 4 && strstr(argv[4], "strict"),
                argc > 4 && strstr(argv[4], "fliponly"));
        free(img.p);
        return failures ? 1 : 0;
    }
 usage:
    fprintf(stderr, "usage: tbzimage info IMAGE\n"
                    "       tbzimage extract IMAGE OUT\n"
                    "       tbzimage rebuild IMAGE PAYLOAD OUT\n"
                    "       tbzimage corrupt IMAGE NAME [strict,fliponly]\n");
    return 2;
}
