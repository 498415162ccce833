/*
 * mkimage.h: build kernel images for the tests: small ELF32/ELF64 files with
 * Xen notes, compressed with any of the formats, wrapped in a bzImage.
 * Everything is written from the format specifications, not with the
 * library under test.
 */
#ifndef XENIMAGE_TESTS_MKIMAGE_H
#define XENIMAGE_TESTS_MKIMAGE_H

#include <stddef.h>
#include <stdint.h>

#define MK_MAX_SEGS  8
#define MK_MAX_NOTES 40
#define MK_MAX_DESC  1200

struct mk_seg {
    uint32_t type;   /* PT_LOAD (1) unless set */
    uint32_t flags;  /* PF_R 4 | PF_W 2 | PF_X 1 */
    uint64_t paddr, vaddr, memsz;
    uint32_t filesz; /* bytes of pattern data in the file */
};

struct mk_note {
    uint32_t type;
    char name[8];    /* "Xen", "GNU" */
    uint32_t descsz;
    uint8_t desc[MK_MAX_DESC];
};

enum mk_where { MK_NOTES_SEGMENT, MK_NOTES_SECTION, MK_NOTES_BOTH,
                MK_NOTES_NONE };

struct mk_elf {
    int is64;
    uint16_t machine, type;
    uint64_t entry;
    struct mk_seg segs[MK_MAX_SEGS];
    unsigned int nr_segs;
    struct mk_note notes[MK_MAX_NOTES];
    unsigned int nr_notes;
    enum mk_where where;
    unsigned int note_align;  /* 4 (default) or 8 */
    int note_offset0;         /* PT_NOTE with p_offset 0, as old binutils */
    int symtab;               /* add .symtab and .strtab */
    const char *guest_info;   /* add a __xen_guest section */
    size_t trailing;          /* junk after the ELF, as vmlinux.relocs */
};

/* An empty ELF64 (is64) or ELF32 x86 executable. */
void mk_elf_init(struct mk_elf *e, int is64);
/* Add a segment; returns its index. */
unsigned int mk_seg(struct mk_elf *e, uint64_t paddr, uint64_t vaddr,
                    uint32_t filesz, uint64_t memsz, uint32_t flags);
/* Add a "Xen" note: a NUL-terminated string, a number, raw bytes. */
void mk_note_str(struct mk_elf *e, uint32_t type, const char *s);
void mk_note_num(struct mk_elf *e, uint32_t type, uint64_t v,
                 unsigned int size);
void mk_note_raw(struct mk_elf *e, const char *name, uint32_t type,
                 const void *desc, uint32_t descsz);
/* Remove every note of a type. */
void mk_note_del(struct mk_elf *e, uint32_t type);

/* Presets: a Linux 6.1-like x86-64 PV/PVH kernel, a 32-bit PAE one. */
void mk_elf_linux64(struct mk_elf *e);
void mk_elf_linux32(struct mk_elf *e);

/* The byte at offset j of segment i's file data. */
uint8_t mk_seg_byte(unsigned int i, uint64_t j);

/* Serialise; the caller frees the result. */
uint8_t *mk_elf_build(const struct mk_elf *e, size_t *len);

enum mk_comp { MK_GZIP, MK_BZIP2, MK_LZMA, MK_XZ, MK_LZ4_LEGACY,
               MK_LZ4_FRAME, MK_ZSTD, MK_NR_COMP };
extern const char *const mk_comp_name[MK_NR_COMP];

/* Compress as Linux's build does (xz with the x86 BCJ filter, lz4 -l). */
uint8_t *mk_compress(enum mk_comp comp, const uint8_t *in, size_t len,
                     size_t *out_len);

/*
 * Wrap payload in a bzImage (boot protocol 2.15, 39 setup sectors, payload
 * at 0x2cc after them), appending usize as Linux's size_append does when
 * append_size; some decompressor-like bytes follow the payload.
 */
uint8_t *mk_bzimage(const uint8_t *payload, size_t plen, int append_size,
                    uint32_t usize, size_t *len);
#define MK_BZ_SETUP_SECTS 39
#define MK_BZ_PAYLOAD_OFF ((MK_BZ_SETUP_SECTS + 1) * 512 + 0x2cc)
#define MK_BZ_VERSION_STR "6.1.0-test (mkimage) #1 SMP"

/* calloc that exits on failure. */
void *mk_alloc(size_t n);

/* Little-endian stores, for tests that patch images. */
void mk_put16(uint8_t *p, uint16_t v);
void mk_put32(uint8_t *p, uint32_t v);
void mk_put64(uint8_t *p, uint64_t v);

#endif /* XENIMAGE_TESTS_MKIMAGE_H */
