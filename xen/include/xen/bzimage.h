/*
 * Linux bzImage support for building domain 0: find the compressed kernel
 * inside the image and decompress it to the ELF vmlinux it holds.
 *
 * Facts used (Linux Documentation/x86/boot.rst and arch/x86/boot/header.S):
 * the real-mode setup header sits at file offset 0x1f1; "HdrS" at 0x202
 * marks it; the boot protocol version (u16 at 0x206) must be at least 2.08
 * for payload_offset (u32 at 0x248) and payload_length (u32 at 0x24c) to
 * exist; the protected-mode part starts at (setup_sects + 1) * 512, where
 * setup_sects (u8 at 0x1f1) of 0 means 4; the payload is at that start plus
 * payload_offset and its last four bytes are the little-endian size of the
 * decompressed kernel (scripts/Makefile.lib, size_append).
 */
#ifndef XEN_BZIMAGE_H
#define XEN_BZIMAGE_H

#include <xen/decompress.h>
#include <xen/types.h>

struct bzimage_info {
    u16 version;                /* boot protocol version, e.g. 0x020f */
    unsigned int setup_sects;   /* real-mode setup sectors (0 read as 4) */
    size_t payload_offset;      /* file offset of the compressed payload */
    size_t payload_len;         /* its length without the size trailer */
    size_t decompressed_size;   /* what the trailer says the kernel takes */
    enum decompress_format format;
};

/* True if image carries a bzImage setup header ("HdrS" at 0x202). */
bool bzimage_check(const void *image, size_t len);

/*
 * Parse and check the setup header of image[0..len) and describe its
 * payload in *info.  Returns 0, -ENOEXEC if it is not a bzImage, or another
 * negative errno with *reason (may be NULL) saying why:
 *   -EOPNOTSUPP  boot protocol before 2.08, or a payload compression we do
 *                not decode (bzip2, lzma, lzo)
 *   -ENODATA     the payload runs past the end of the image
 *   -EILSEQ      payload fields that make no sense (too short, size 0)
 */
int bzimage_parse(const void *image, size_t len, struct bzimage_info *info,
                  const char **reason);

/*
 * Decompress the payload described by info (from bzimage_parse() on the
 * same image) into out[0..out_size), which needs info->decompressed_size
 * bytes, using a workspace of decompress_workspace_size(info->format).
 * The result must be exactly decompressed_size bytes and start with the ELF
 * magic.  Returns 0 with *out_len set, or a negative errno (see
 * xen/decompress.h; -EBADMSG also for a size that disagrees with the
 * trailer, -ENOEXEC for a payload that is not an ELF image) with *reason.
 */
int bzimage_decompress(const void *image, const struct bzimage_info *info,
                       void *out, size_t out_size, void *ws, size_t ws_size,
                       size_t *out_len, const char **reason);

#endif /* XEN_BZIMAGE_H */
