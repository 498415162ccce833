/*
 * private.h: the xenimage handle and the interfaces between its files.
 *
 * Flow of xenimage_open_*(): image.c owns the input bytes, bzimage.c finds a
 * payload, decompress.c turns it into ELF bytes, elf.c validates the headers
 * and collects the loadable segments, notes.c parses the Xen notes, and
 * dominfo.c computes the PV layout.  check.c and load.c work on the result.
 */
#ifndef XENIMAGE_PRIVATE_H
#define XENIMAGE_PRIVATE_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenimage.h"

#define EM_386    3
#define EM_X86_64 62

/* At most this many notes are examined, as Xen's ELF_MAX_TOTAL_NOTE_COUNT. */
#define XENIMAGE_MAX_NOTES 65536
/* At most this many program headers: real kernels have fewer than 10. */
#define XENIMAGE_MAX_PHDRS 4096
/* String notes longer than this are rejected as corrupt. */
#define XENIMAGE_MAX_STRING 1024

/* Everything learnt from one image; reset by image_reset(). */
struct xenimage {
    uint64_t limit;
    char err[512];
    char *path;           /* file name, for messages; NULL for memory */

    uint8_t *input;       /* owned copy of the bytes given */
    size_t input_size;
    uint8_t *unpacked;    /* owned decompressed bytes, or NULL */
    const uint8_t *elf;   /* the ELF: into input or unpacked */
    size_t elf_size;

    bool open;
    struct xenimage_info info;
    char *kernel_version; /* owned strings behind info's pointers */
    char *strings[XENIMAGE_NR_NOTE_TYPES];

    /* The ELF, parsed by elf.c. */
    bool is64;
    uint64_t phoff, shoff;
    unsigned int phnum, shnum, shentsize, shstrndx;
    struct xenimage_segment *segs;
    unsigned int nr_segs;
    uint64_t symtab_shdr, strtab_shdr; /* file offsets, 0 when absent */

    /* The Xen notes, by notes.c. */
    struct xenimage_note *notes;
    unsigned int nr_notes, notes_cap;
    bool note_seen[XENIMAGE_NR_NOTE_TYPES];
    char unknown_feature[64]; /* behind info.f_unknown_required */
};

/* image.c */
int image_fail(struct xenimage *img, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int image_note_string(struct xenimage *img, unsigned int type,
                      const char *s, size_t len);

/* Little-endian readers; the caller checks bounds. */
static inline uint16_t get_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static inline uint64_t get_le64(const uint8_t *p)
{
    return (uint64_t)get_le32(p) | ((uint64_t)get_le32(p + 4) << 32);
}

/* Whether [off, off + len) lies inside a buffer of size bytes. */
static inline bool range_ok(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off;
}

/* bzimage.c: 1 and the payload's place if buf is a bzImage, 0 if not. */
int bzimage_probe(struct xenimage *img, const uint8_t *buf, size_t size);

/* decompress.c */
enum xenimage_compression decompress_probe(const uint8_t *buf, size_t size);
int decompress(struct xenimage *img, enum xenimage_compression comp,
               const uint8_t *in, size_t in_size, uint64_t advertised,
               uint8_t **out, size_t *out_size);

/* elf.c */
int elf_parse(struct xenimage *img);
const uint8_t *elf_shdr(const struct xenimage *img, unsigned int idx);
uint64_t elf_shdr_field(const struct xenimage *img, const uint8_t *sh,
                        unsigned int field);
enum { SH_NAME, SH_TYPE, SH_FLAGS, SH_ADDR, SH_OFFSET, SH_SIZE, SH_LINK,
       SH_INFO, SH_ADDRALIGN, SH_ENTSIZE };

/* notes.c */
int notes_parse(struct xenimage *img);

/* features.c */
int features_parse(struct xenimage *img, const char *s);

/* guest_info.c: the pre-ELF-note "__xen_guest" section. */
int guest_info_parse(struct xenimage *img, const uint8_t *s, size_t len);

/* dominfo.c */
void dominfo_compute(struct xenimage *img);

#endif /* XENIMAGE_PRIVATE_H */
