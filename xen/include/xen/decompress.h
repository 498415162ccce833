/*
 * Whole-buffer decompressors for the domain 0 kernel (gzip, xz, lz4, zstd).
 *
 * Every decoder takes the whole compressed input and an output buffer of known
 * capacity, decodes exactly one stream (frame) from the start of the input and
 * reports how many input bytes that stream used; bytes after it are left alone
 * (a bzImage payload ends with a 4-byte size word, for instance).  The output
 * buffer doubles as the history window or dictionary (xz single-call mode), so
 * no decoder allocates: the larger state lives in a caller-provided workspace
 * of the size the decoder declares (8-byte aligned, contents irrelevant).
 * Nothing uses floating point, nothing prints, stack use is a few hundred bytes.
 *
 * Errors are negative errno values:
 *   -EINVAL      bad arguments (NULL buffers, workspace too small or unaligned)
 *   -ENOEXEC     the input does not start with this format's magic
 *   -ENODATA     the input ends before the stream does (truncated)
 *   -EILSEQ      the stream is malformed (invalid code, reserved bits, bad header)
 *   -EBADMSG     an integrity check failed: a CRC32/CRC64/xxHash mismatch, or a
 *                size recorded in the stream disagrees with the data
 *   -ENOSPC      the output would exceed out_size (oversized input)
 *   -EOPNOTSUPP  a valid stream that uses a feature not implemented here
 * On every error, res->reason (if res is not NULL) points to a static string
 * saying why, suitable for "dom0 kernel: <reason>"; on success it is NULL.
 * On error the output buffer holds partial data and must not be used.
 */
#ifndef XEN_DECOMPRESS_H
#define XEN_DECOMPRESS_H

#include <xen/types.h>

enum decompress_format {
    DECOMPRESS_UNKNOWN = 0,
    DECOMPRESS_GZIP,        /* RFC 1952 member, deflate (RFC 1951) inside */
    DECOMPRESS_XZ,          /* .xz stream: LZMA2, optional x86 BCJ filter */
    DECOMPRESS_LZ4_LEGACY,  /* lz4 -l frame, magic 0x184C2102 */
    DECOMPRESS_LZ4,         /* LZ4 frame format, magic 0x184D2204 */
    DECOMPRESS_ZSTD,        /* Zstandard frame (RFC 8878), magic 0xFD2FB528 */
};

/* What a decoder tells its caller, on success and on failure alike. */
struct decompress_result {
    size_t out_len;         /* bytes written to out */
    size_t in_used;         /* bytes of input the stream occupied */
    const char *reason;     /* NULL on success, else a static explanation */
};

/*
 * Workspace sizes in bytes.  The window/dictionary is the output buffer, so
 * these do not grow with the data.
 */
#define GUNZIP_WORKSPACE_SIZE   (8u * 1024)
#define UNXZ_WORKSPACE_SIZE     (32u * 1024)
#define UNLZ4_WORKSPACE_SIZE    0u
#define UNZSTD_WORKSPACE_SIZE   (12u * 1024)
#define DECOMPRESS_WORKSPACE_MAX UNXZ_WORKSPACE_SIZE

/*
 * Each decoder: decode one stream from in[0..in_len) into out[0..out_size)
 * using ws[0..ws_size) as scratch.  Returns 0 or a negative errno (see above).
 * res may be NULL.
 */
int gunzip(const void *in, size_t in_len, void *out, size_t out_size,
           void *ws, size_t ws_size, struct decompress_result *res);
int unxz(const void *in, size_t in_len, void *out, size_t out_size,
         void *ws, size_t ws_size, struct decompress_result *res);
int unlz4(const void *in, size_t in_len, void *out, size_t out_size,
          void *ws, size_t ws_size, struct decompress_result *res);
int unzstd(const void *in, size_t in_len, void *out, size_t out_size,
           void *ws, size_t ws_size, struct decompress_result *res);

/* Recognise a format by its magic number; DECOMPRESS_UNKNOWN if none fits. */
enum decompress_format decompress_detect(const void *in, size_t in_len);

/* A short lower-case name of a format ("gzip", "xz", ...), never NULL. */
const char *decompress_format_name(enum decompress_format fmt);

/* The workspace the decoder of fmt needs, 0 for none or unknown. */
size_t decompress_workspace_size(enum decompress_format fmt);

/*
 * How many bytes decoding in[0..in_len) will produce, as far as the stream
 * itself records it, for sizing the output buffer of a compressed module
 * that is not a bzImage: gzip's ISIZE trailer (the input must end with the
 * member), the xz index of a single stream (CRC-checked; stream padding may
 * follow), the zstd frame content size or the LZ4 frame content size.
 * Returns 0 with *size set; -EOPNOTSUPP when the stream does not record it
 * (lz4 legacy, zstd or LZ4 frames without a content size); -ENOEXEC for an
 * unknown format; -ENODATA or -EILSEQ for a stream too damaged to tell.
 * The decoders still check the data against the real size.
 */
int decompress_output_size(const void *in, size_t in_len, size_t *size,
                           const char **reason);

/*
 * Detect the format of in by its magic and decode it with the right decoder.
 * -ENOEXEC (reason "unknown compression format") when no magic matches.
 */
int decompress(const void *in, size_t in_len, void *out, size_t out_size,
               void *ws, size_t ws_size, struct decompress_result *res);

#endif /* XEN_DECOMPRESS_H */
