/*
 * mkimage.c: build test kernel images (see mkimage.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkimage.h"

void mk_put16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

void mk_put32(uint8_t *p, uint32_t v)
{
    mk_put16(p, v);
    mk_put16(p + 2, v >> 16);
}

void mk_put64(uint8_t *p, uint64_t v)
{
    mk_put32(p, v);
    mk_put32(p + 4, v >> 32);
}

void *mk_alloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);

    if ( !p )
    {
        fprintf(stderr, "mkimage: out of memory\n");
        exit(2);
    }
    return p;
}

void mk_elf_init(struct mk_elf *e, int is64)
{
    memset(e, 0, sizeof(*e));
    e->is64 = is64;
    e->machine = is64 ? 62 : 3;
    e->type = 2; /* ET_EXEC */
    e->note_align = 4;
}

unsigned int mk_seg(struct mk_elf *e, uint64_t paddr, uint64_t vaddr,
                    uint32_t filesz, uint64_t memsz, uint32_t flags)
{
    struct mk_seg *s = &e->segs[e->nr_segs];

    s->type = 1;
    s->paddr = paddr;
    s->vaddr = vaddr;
    s->filesz = filesz;
    s->memsz = memsz;
    s->flags = flags;
    return e->nr_segs++;
}

void mk_note_raw(struct mk_elf *e, const char *name, uint32_t type,
                 const void *desc, uint32_t descsz)
{
    struct mk_note *n = &e->notes[e->nr_notes++];

    snprintf(n->name, sizeof(n->name), "%s", name);
    n->type = type;
    n->descsz = descsz;
    memcpy(n->desc, desc, descsz);
}

void mk_note_str(struct mk_elf *e, uint32_t type, const char *s)
{
    mk_note_raw(e, "Xen", type, s, strlen(s) + 1);
}

void mk_note_num(struct mk_elf *e, uint32_t type, uint64_t v,
                 unsigned int size)
{
    uint8_t b[8];

    mk_put64(b, v);
    mk_note_raw(e, "Xen", type, b, size);
}

void mk_note_del(struct mk_elf *e, uint32_t type)
{
    unsigned int i, j = 0;

    for ( i = 0; i < e->nr_notes; i++ )
        if ( strcmp(e->notes[i].name, "Xen") || e->notes[i].type != type )
            e->notes[j++] = e->notes[i];
    e->nr_notes = j;
}

/*
 * Like Debian's 6.1 kernels (arch/x86/xen/xen-head.S): the same notes in the
 * same order, a .data..percpu segment with vaddr 0, a hole, and .bss.
 */
void mk_elf_linux64(struct mk_elf *e)
{
    static const char features[] = "!writable_page_tables|pae_pgdir_above_4gb";
    static const uint8_t l1[16] = { 1, 0, 0, 0, 0, 0, 0, 0,
                                    1, 0, 0, 0, 0, 0, 0, 0 };
    static const uint8_t build_id[20] = { 0xeb, 0x4f, 0xbc, 0xd0 };

    mk_elf_init(e, 1);
    e->entry = 0x1000000;
    mk_seg(e, 0x1000000, 0xffffffff81000000, 0x3000, 0x3000, 5);
    mk_seg(e, 0x1010000, 0xffffffff81010000, 0x1000, 0x1000, 6);
    mk_seg(e, 0x1011000, 0, 0x800, 0x800, 6);
    mk_seg(e, 0x1012000, 0xffffffff81012000, 0x1000, 0x3000, 7);

    mk_note_str(e, 6, "linux");
    mk_note_str(e, 7, "2.6");
    mk_note_str(e, 5, "xen-3.0");
    mk_note_num(e, 3, 0xffffffff80000000, 8);
    mk_note_num(e, 15, 0x8000000000, 8);
    mk_note_num(e, 1, 0xffffffff810011c0, 8);
    mk_note_raw(e, "Xen", 10, features, sizeof(features) - 1); /* no NUL */
    mk_note_num(e, 17, 0x8801, 4);
    mk_note_str(e, 9, "yes");
    mk_note_str(e, 8, "generic");
    mk_note_raw(e, "Xen", 13, l1, sizeof(l1));
    mk_note_num(e, 14, 1, 4);
    mk_note_num(e, 16, 1, 4);
    mk_note_num(e, 12, 0xffff800000000000, 8);
    mk_note_num(e, 4, 0, 8);
    mk_note_raw(e, "GNU", 3, build_id, sizeof(build_id));
    mk_note_raw(e, "Linux", 0x100, "6.1.0-test", 11);
    mk_note_num(e, 18, 0x1000850, 8);
    e->trailing = 0x300;
}

/* A 32-bit PAE PV kernel as Linux built them until 4.x. */
void mk_elf_linux32(struct mk_elf *e)
{
    static const uint8_t l1[8] = { 1, 0, 0, 0, 1, 0, 0, 0 };

    mk_elf_init(e, 0);
    e->entry = 0xc0100000;
    mk_seg(e, 0x100000, 0xc0100000, 0x2000, 0x2000, 5);
    mk_seg(e, 0x102000, 0xc0102000, 0x800, 0x1000, 6);

    mk_note_str(e, 6, "linux");
    mk_note_str(e, 7, "2.6");
    mk_note_str(e, 5, "xen-3.0");
    mk_note_num(e, 3, 0xc0000000, 4);
    mk_note_num(e, 4, 0, 4);
    mk_note_num(e, 1, 0xc0100000, 4);
    mk_note_num(e, 2, 0xc0101000, 4);
    mk_note_num(e, 12, 0xf5800000, 4);
    mk_note_str(e, 10, "writable_page_tables|writable_descriptor_tables|"
                       "auto_translated_physmap|pae_pgdir_above_4gb|"
                       "supervisor_mode_kernel");
    mk_note_str(e, 9, "yes");
    mk_note_str(e, 8, "generic");
    mk_note_raw(e, "Xen", 13, l1, sizeof(l1));
    mk_note_num(e, 14, 1, 4);
}

uint8_t mk_seg_byte(unsigned int i, uint64_t j)
{
    return (uint8_t)((j * 131 + i * 17 + (j >> 9)) ^ 0x5a);
}

static size_t round_up(size_t x, size_t a)
{
    return (x + a - 1) / a * a;
}

/* The notes as a byte block; *len gets its size. */
static uint8_t *mk_note_block(const struct mk_elf *e, size_t *len)
{
    size_t a = e->note_align, off = 0, namesz, i;
    uint8_t *b = mk_alloc(e->nr_notes * (MK_MAX_DESC + 64) + 1);

    for ( i = 0; i < e->nr_notes; i++ )
    {
        const struct mk_note *n = &e->notes[i];
        size_t start = off;

        namesz = strlen(n->name) + 1;
        mk_put32(b + off, namesz);
        mk_put32(b + off + 4, n->descsz);
        mk_put32(b + off + 8, n->type);
        memcpy(b + off + 12, n->name, namesz);
        off = start + round_up(12 + namesz, a);
        memcpy(b + off, n->desc, n->descsz);
        off += round_up(n->descsz, a);
    }
    *len = off;
    return b;
}

struct mk_layout {
    size_t ehsz, phsz, shsz, nph;
    size_t seg_off[MK_MAX_SEGS];
    size_t note_off, note_len, gi_off, gi_len, sym_off, sym_len, str_off;
    size_t str_len, shstr_off, shstr_len, sh_off, nsh, total;
};

static const char mk_strtab[] = "\0_start\0hypercall_page";
static const char mk_shstrtab[] =
    "\0.notes\0__xen_guest\0.symtab\0.strtab\0.shstrtab";

static void mk_layout(const struct mk_elf *e, size_t note_len,
                      struct mk_layout *l)
{
    size_t off, i;
    int seg_notes = e->where == MK_NOTES_SEGMENT || e->where == MK_NOTES_BOTH;
    int sec_notes = e->where == MK_NOTES_SECTION || e->where == MK_NOTES_BOTH;

    memset(l, 0, sizeof(*l));
    l->ehsz = e->is64 ? 64 : 52;
    l->phsz = e->is64 ? 56 : 32;
    l->shsz = e->is64 ? 64 : 40;
    l->nph = e->nr_segs + (seg_notes && e->nr_notes);
    off = round_up(l->ehsz + l->nph * l->phsz, 16);
    for ( i = 0; i < e->nr_segs; i++ )
    {
        l->seg_off[i] = off;
        off = round_up(off + e->segs[i].filesz, 16);
    }
    l->note_off = off;
    l->note_len = note_len;
    off = round_up(off + note_len, 8);
    l->gi_off = off;
    l->gi_len = e->guest_info ? strlen(e->guest_info) + 1 : 0;
    off = round_up(off + l->gi_len, 8);
    l->sym_off = off;
    l->sym_len = e->symtab ? 3 * (e->is64 ? 24 : 16) : 0;
    off += l->sym_len;
    l->str_off = off;
    l->str_len = e->symtab ? sizeof(mk_strtab) : 0;
    off += l->str_len;
    l->shstr_off = off;
    l->shstr_len = sizeof(mk_shstrtab);
    off = round_up(off + l->shstr_len, 8);
    l->sh_off = off;
    l->nsh = 1 + (sec_notes && e->nr_notes) + !!e->guest_info +
             2 * !!e->symtab + 1;
    l->total = off + l->nsh * l->shsz + e->trailing;
}

/* Write one ELF word (8 bytes in ELF64, 4 in ELF32). */
static uint8_t *put_word(const struct mk_elf *e, uint8_t *p, uint64_t v)
{
    if ( e->is64 )
    {
        mk_put64(p, v);
        return p + 8;
    }
    mk_put32(p, v);
    return p + 4;
}

static void mk_phdr(const struct mk_elf *e, uint8_t *p, uint32_t type,
                    uint32_t flags, uint64_t off, uint64_t vaddr,
                    uint64_t paddr, uint64_t filesz, uint64_t memsz,
                    uint64_t align)
{
    mk_put32(p, type);
    if ( e->is64 )
    {
        mk_put32(p + 4, flags);
        p += 8;
    }
    else
        p += 4;
    p = put_word(e, p, off);
    p = put_word(e, p, vaddr);
    p = put_word(e, p, paddr);
    p = put_word(e, p, filesz);
    p = put_word(e, p, memsz);
    if ( !e->is64 )
    {
        mk_put32(p, flags);
        p += 4;
    }
    put_word(e, p, align);
}

static void mk_shdr(const struct mk_elf *e, uint8_t *p, uint32_t name,
                    uint32_t type, uint64_t off, uint64_t size,
                    uint32_t link, uint64_t align, uint64_t entsize)
{
    mk_put32(p, name);
    mk_put32(p + 4, type);
    p = put_word(e, p + 8, 0);   /* sh_flags */
    p = put_word(e, p, 0);       /* sh_addr */
    p = put_word(e, p, off);
    p = put_word(e, p, size);
    mk_put32(p, link);
    mk_put32(p + 4, 0);          /* sh_info */
    p = put_word(e, p + 8, align);
    put_word(e, p, entsize);
}

static void mk_symtab(const struct mk_elf *e, uint8_t *p)
{
    static const uint32_t names[3] = { 0, 1, 8 };
    static const uint64_t values[3] = { 0, 0x1000000, 0x1001000 };
    unsigned int i;

    for ( i = 1; i < 3; i++ )
    {
        uint8_t *s = p + i * (e->is64 ? 24 : 16);

        mk_put32(s, names[i]);
        if ( e->is64 )
        {
            s[4] = 0x12; /* STB_GLOBAL, STT_FUNC */
            mk_put16(s + 6, 1);
            mk_put64(s + 8, values[i]);
        }
        else
        {
            mk_put32(s + 4, values[i]);
            s[12] = 0x12;
            mk_put16(s + 14, 1);
        }
    }
}

/* The section headers after the null one; returns shstrndx. */
static unsigned int mk_sections(const struct mk_elf *e,
                                const struct mk_layout *l, uint8_t *b)
{
    uint8_t *sh = b + l->sh_off + l->shsz;
    unsigned int idx = 1;

    if ( (e->where == MK_NOTES_SECTION || e->where == MK_NOTES_BOTH) &&
         e->nr_notes )
    {
        mk_shdr(e, sh, 1, 7, l->note_off, l->note_len, 0, e->note_align, 0);
        sh += l->shsz;
        idx++;
    }
    if ( e->guest_info )
    {
        mk_shdr(e, sh, 8, 1, l->gi_off, l->gi_len, 0, 1, 0);
        sh += l->shsz;
        idx++;
    }
    if ( e->symtab )
    {
        mk_shdr(e, sh, 20, 2, l->sym_off, l->sym_len, idx + 1,
                e->is64 ? 8 : 4, e->is64 ? 24 : 16);
        mk_shdr(e, sh + l->shsz, 28, 3, l->str_off, l->str_len, 0, 1, 0);
        sh += 2 * l->shsz;
        idx += 2;
    }
    mk_shdr(e, sh, 36, 3, l->shstr_off, l->shstr_len, 0, 1, 0);
    return idx;
}

uint8_t *mk_elf_build(const struct mk_elf *e, size_t *len)
{
    struct mk_layout l;
    size_t note_len, i, j;
    uint8_t *notes = mk_note_block(e, &note_len), *b, *p;
    unsigned int shstrndx;

    mk_layout(e, note_len, &l);
    b = mk_alloc(l.total);

    memcpy(b, "\177ELF", 4);
    b[4] = e->is64 ? 2 : 1;
    b[5] = 1;
    b[6] = 1;
    mk_put16(b + 16, e->type);
    mk_put16(b + 18, e->machine);
    mk_put32(b + 20, 1);
    p = put_word(e, b + 24, e->entry);
    p = put_word(e, p, l.ehsz);      /* e_phoff */
    p = put_word(e, p, l.sh_off);    /* e_shoff */
    p += 4;                          /* e_flags */
    mk_put16(p, l.ehsz);
    mk_put16(p + 2, l.phsz);
    mk_put16(p + 4, l.nph);
    mk_put16(p + 6, l.shsz);
    mk_put16(p + 8, l.nsh);

    for ( i = 0; i < e->nr_segs; i++ )
    {
        const struct mk_seg *s = &e->segs[i];

        mk_phdr(e, b + l.ehsz + i * l.phsz, s->type, s->flags, l.seg_off[i],
                s->vaddr, s->paddr, s->filesz, s->memsz, 0x1000);
        for ( j = 0; j < s->filesz; j++ )
            b[l.seg_off[i] + j] = mk_seg_byte(i, j);
    }
    if ( l.nph > e->nr_segs )
        mk_phdr(e, b + l.ehsz + i * l.phsz, 4, 4,
                e->note_offset0 ? 0 : l.note_off, 0, 0, note_len, note_len,
                e->note_align);

    memcpy(b + l.note_off, notes, note_len);
    if ( e->guest_info )
        memcpy(b + l.gi_off, e->guest_info, l.gi_len);
    if ( e->symtab )
    {
        mk_symtab(e, b + l.sym_off);
        memcpy(b + l.str_off, mk_strtab, sizeof(mk_strtab));
    }
    memcpy(b + l.shstr_off, mk_shstrtab, sizeof(mk_shstrtab));
    shstrndx = mk_sections(e, &l, b);
    mk_put16(p + 10, shstrndx);
    for ( i = l.total - e->trailing; i < l.total; i++ )
        b[i] = (uint8_t)(i * 7);

    free(notes);
    *len = l.total;
    return b;
}
