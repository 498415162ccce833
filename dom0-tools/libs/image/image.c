/*
 * image.c: the xenimage handle: lifecycle, errors, and opening an image.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "private.h"

/* Drop everything learnt from the current image; keep limit and path. */
static void image_reset(struct xenimage *img)
{
    unsigned int i;

    free(img->input);
    free(img->unpacked);
    free(img->kernel_version);
    free(img->segs);
    free(img->notes);
    for ( i = 0; i < XENIMAGE_NR_NOTE_TYPES; i++ )
        free(img->strings[i]);

    img->input = NULL;
    img->input_size = 0;
    img->unpacked = NULL;
    img->elf = NULL;
    img->elf_size = 0;
    img->open = false;
    img->kernel_version = NULL;
    memset(img->strings, 0, sizeof(img->strings));
    img->segs = NULL;
    img->nr_segs = 0;
    img->notes = NULL;
    img->nr_notes = img->notes_cap = 0;
    memset(img->note_seen, 0, sizeof(img->note_seen));
    img->is64 = false;
    img->phoff = img->shoff = 0;
    img->phnum = img->shnum = img->shentsize = img->shstrndx = 0;
    img->symtab_shdr = img->strtab_shdr = 0;
    memset(&img->info, 0, sizeof(img->info));
}

struct xenimage *xenimage_create(void)
{
    struct xenimage *img = calloc(1, sizeof(*img));

    if ( img )
        img->limit = XENIMAGE_DEFAULT_LIMIT;
    return img;
}

void xenimage_destroy(struct xenimage *img)
{
    if ( !img )
        return;
    image_reset(img);
    free(img->path);
    free(img);
}

int xenimage_set_limit(struct xenimage *img, uint64_t bytes)
{
    if ( !img || bytes < 4096 )
        return -EINVAL;
    img->limit = bytes;
    return 0;
}

const char *xenimage_error(const struct xenimage *img)
{
    if ( !img )
        return "out of memory creating the image handle";
    return img->err;
}

/*
 * Record why the image is rejected, prefixed with its file name, and return
 * rc so that callers can write "return image_fail(...)".
 */
int image_fail(struct xenimage *img, int rc, const char *fmt, ...)
{
    va_list ap;
    int n = 0;

    if ( img->path )
        n = snprintf(img->err, sizeof(img->err), "%s: ", img->path);
    if ( n < 0 || (size_t)n >= sizeof(img->err) )
        n = 0;
    va_start(ap, fmt);
    vsnprintf(img->err + n, sizeof(img->err) - n, fmt, ap);
    va_end(ap);
    return rc;
}

/* Keep a NUL-terminated copy of a string note's value (len bytes at s). */
int image_note_string(struct xenimage *img, unsigned int type, const char *s,
                      size_t len)
{
    char *copy;

    if ( type >= XENIMAGE_NR_NOTE_TYPES )
        return 0;
    copy = malloc(len + 1);
    if ( !copy )
        return image_fail(img, -ENOMEM, "out of memory");
    memcpy(copy, s, len);
    copy[len] = '\0';
    free(img->strings[type]);
    img->strings[type] = copy;
    return 0;
}

static bool is_elf(const uint8_t *buf, size_t size)
{
    return size >= 4 && !memcmp(buf, "\177ELF", 4);
}

/*
 * Find the ELF inside the input (img->input): a bzImage payload, a
 * compressed file or the input itself, decompressing as needed.
 */
static int image_unpack(struct xenimage *img)
{
    struct xenimage_info *info = &img->info;
    const uint8_t *payload = img->input;
    size_t size = img->input_size, in_size;
    enum xenimage_compression comp;
    uint64_t advertised = 0;
    int rc;

    rc = bzimage_probe(img, img->input, img->input_size);
    if ( rc < 0 )
        return rc;
    if ( rc )
    {
        payload = img->input + info->payload_offset;
        size = info->payload_size;
    }

    comp = decompress_probe(payload, size);
    if ( comp == XENIMAGE_COMP_NONE )
    {
        if ( !is_elf(payload, size) )
        {
            if ( info->container == XENIMAGE_CONTAINER_BZIMAGE )
                return image_fail(img, -ENOEXEC,
                                  "bzImage payload is neither ELF nor in a "
                                  "known compression format");
            return image_fail(img, -ENOEXEC,
                              "not a kernel image: neither ELF, bzImage nor "
                              "a known compression format");
        }
        if ( info->container == XENIMAGE_CONTAINER_NONE )
        {
            info->container = XENIMAGE_CONTAINER_ELF;
            info->payload_size = size;
        }
        img->elf = payload;
        img->elf_size = size;
        return 0;
    }

    info->compression = comp;
    if ( info->container == XENIMAGE_CONTAINER_NONE )
    {
        info->container = XENIMAGE_CONTAINER_COMPRESSED;
        info->payload_size = size;
    }

    /*
     * Linux's build appends the uncompressed size as a little-endian u32 to
     * every compressed payload (scripts/Makefile.lib size_append); gzip ends
     * with the same number (ISIZE) and gets no extra word.  A bare
     * compressed file states a size only if it is gzip.
     */
    in_size = size;
    if ( info->container == XENIMAGE_CONTAINER_BZIMAGE ||
         comp == XENIMAGE_COMP_GZIP )
    {
        if ( size < 8 )
            return image_fail(img, -ENOEXEC,
                              "%s payload of %zu bytes is truncated",
                              xenimage_compression_name(comp), size);
        advertised = get_le32(payload + size - 4);
        if ( comp != XENIMAGE_COMP_GZIP )
            in_size -= 4;
        if ( advertised == 0 )
            return image_fail(img, -ENOEXEC,
                              "%s payload advertises an uncompressed size "
                              "of 0", xenimage_compression_name(comp));
        if ( advertised > img->limit )
            return image_fail(img, -EFBIG,
                              "%s payload advertises %" PRIu64 " bytes "
                              "uncompressed, above the limit of %" PRIu64
                              " bytes", xenimage_compression_name(comp),
                              advertised, img->limit);
    }
    info->advertised_size = advertised;

    rc = decompress(img, comp, payload, in_size, advertised, &img->unpacked,
                    &img->elf_size);
    if ( rc )
        return rc;
    img->elf = img->unpacked;
    if ( !is_elf(img->elf, img->elf_size) )
        return image_fail(img, -ENOEXEC,
                          "%s payload does not decompress to an ELF image",
                          xenimage_compression_name(comp));
    return 0;
}

/* Parse the bytes now in img->input; on failure leave nothing behind. */
static int image_open(struct xenimage *img)
{
    int rc;

    img->info.file_size = img->input_size;
    img->err[0] = '\0';

    rc = image_unpack(img);
    if ( !rc )
        rc = elf_parse(img);
    if ( !rc )
        rc = notes_parse(img);
    if ( rc )
    {
        image_reset(img);
        return rc;
    }

    img->info.elf_size = img->elf_size;
    img->info.kernel_version = img->kernel_version;
    dominfo_compute(img);
    img->open = true;
    return 0;
}

int xenimage_open_mem(struct xenimage *img, const void *buf, size_t len)
{
    if ( !img || (!buf && len) )
        return -EINVAL;
    image_reset(img);
    free(img->path);
    img->path = NULL;

    if ( len > img->limit )
        return image_fail(img, -EFBIG,
                          "image of %zu bytes is above the limit of %" PRIu64
                          " bytes", len, img->limit);
    img->input = malloc(len ? len : 1);
    if ( !img->input )
        return image_fail(img, -ENOMEM, "out of memory");
    if ( len )
        memcpy(img->input, buf, len);
    img->input_size = len;
    return image_open(img);
}

/* Read all of fd (a regular file of st_size bytes) into img->input. */
static int image_read(struct xenimage *img, int fd, size_t size)
{
    size_t done = 0;
    ssize_t n;

    img->input = malloc(size ? size : 1);
    if ( !img->input )
        return image_fail(img, -ENOMEM, "out of memory");
    while ( done < size )
    {
        n = read(fd, img->input + done, size - done);
        if ( n < 0 && errno == EINTR )
            continue;
        if ( n < 0 )
            return image_fail(img, -errno, "read failed: %s", strerror(errno));
        if ( n == 0 )
            return image_fail(img, -EIO, "file shrank while being read");
        done += n;
    }
    img->input_size = size;
    return 0;
}

int xenimage_open_file(struct xenimage *img, const char *path)
{
    struct stat st;
    int fd = -1, rc;

    if ( !img || !path )
        return -EINVAL;
    image_reset(img);
    free(img->path);
    img->path = strdup(path);
    if ( !img->path )
        return image_fail(img, -ENOMEM, "out of memory");

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if ( fd < 0 )
    {
        rc = image_fail(img, -errno, "cannot open: %s", strerror(errno));
        goto out;
    }
    if ( fstat(fd, &st) )
    {
        rc = image_fail(img, -errno, "cannot stat: %s", strerror(errno));
        goto out;
    }
    if ( !S_ISREG(st.st_mode) )
    {
        rc = image_fail(img, -EINVAL, "not a regular file");
        goto out;
    }
    if ( (uint64_t)st.st_size > img->limit )
    {
        rc = image_fail(img, -EFBIG,
                        "file of %lld bytes is above the limit of %" PRIu64
                        " bytes", (long long)st.st_size, img->limit);
        goto out;
    }
    rc = image_read(img, fd, st.st_size);
    if ( !rc )
        rc = image_open(img);

 out:
    if ( fd >= 0 )
        close(fd);
    if ( rc )
        image_reset(img);
    return rc;
}

const struct xenimage_info *xenimage_info(const struct xenimage *img)
{
    return img && img->open ? &img->info : NULL;
}

int xenimage_segment(const struct xenimage *img, unsigned int idx,
                     struct xenimage_segment *seg)
{
    if ( !img || !img->open || !seg )
        return -EINVAL;
    if ( idx >= img->nr_segs )
        return -ENOENT;
    *seg = img->segs[idx];
    return 0;
}

int xenimage_note(const struct xenimage *img, unsigned int idx,
                  struct xenimage_note *note)
{
    if ( !img || !img->open || !note )
        return -EINVAL;
    if ( idx >= img->nr_notes )
        return -ENOENT;
    *note = img->notes[idx];
    return 0;
}
