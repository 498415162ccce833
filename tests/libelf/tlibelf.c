/*
 * Host test driver for xen/common/libelf.
 *
 *   tlibelf image VMLINUX OUT
 *       elf_init + elf_xen_parse + elf_xen_dom0_check + elf_load_binary on a
 *       real kernel; prints what was found as key=value lines and writes the
 *       loaded image [virt_kstart, virt_kend) to OUT (0xa5 where nothing was
 *       loaded) for oracle.py to compare with the file.
 *   tlibelf hostile
 *       Crafted ELF images, valid and hostile, one PASS/FAIL line each.
 *   tlibelf fuzz VMLINUX N
 *       N single-bit flips over the headers and notes of a real kernel and
 *       of a crafted image: every result must be success or a known errno.
 *
 * Images live in exact-size malloc'ed buffers, so AddressSanitizer catches
 * any read outside them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/errno.h>
#include <xen/libelf.h>

static int failures;

static void report(int ok, const char *name, const char *fmt, int rc,
                   const char *reason)
{
    if ( ok )
        printf("PASS: libelf/%s\n", name);
    else
    {
        printf("FAIL: libelf/%s (%s: rc %d, %s)\n", name, fmt, rc,
               reason ? reason : "no reason");
        failures++;
    }
}

/* ---- loading into a host buffer ------------------------------------- */

struct load_ctx {
    uint64_t base, size;
    unsigned char *buf;
    unsigned int calls;
    uint64_t lo[64], hi[64];    /* ranges written so far */
    int fail_after;             /* make the Nth call fail (-1: never) */
};

/* The copy callback: bounds-checked against [base, base + size). */
static int load_cb(void *opaque, uint64_t dest, const void *src, uint64_t len)
{
    struct load_ctx *c = opaque;
    unsigned int i;

    if ( c->fail_after >= 0 && (int)c->calls == c->fail_after )
        return -EFAULT;
    if ( dest < c->base || len > c->size || dest - c->base > c->size - len )
        return -ERANGE;
    for ( i = 0; i < c->calls && i < 64; i++ )
        if ( dest < c->hi[i] && c->lo[i] < dest + len )
            return -EEXIST;     /* the loader wrote one byte twice */
    if ( c->calls < 64 )
    {
        c->lo[c->calls] = dest;
        c->hi[c->calls] = dest + len;
    }
    c->calls++;
    if ( src )
        memcpy(c->buf + (dest - c->base), src, len);
    else
        memset(c->buf + (dest - c->base), 0, len);
    return 0;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *p;
    long n;

    if ( !f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 )
    {
        fprintf(stderr, "tlibelf: cannot read %s\n", path);
        exit(2);
    }
    rewind(f);
    *len = (size_t)n;
    p = malloc(*len ? *len : 1);
    if ( !p || fread(p, 1, *len, f) != *len )
    {
        fprintf(stderr, "tlibelf: cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    return p;
}

static void print_addr(const char *key, uint64_t v)
{
    if ( v == ELF_UNSET_ADDR )
        printf("%s=unset\n", key);
    else
        printf("%s=0x%llx\n", key, (unsigned long long)v);
}

static int image(const char *path, const char *out)
{
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct load_ctx c;
    const char *reason = NULL;
    unsigned char *img;
    size_t len;
    int rc;
    FILE *f;

    img = slurp(path, &len);
    if ( (rc = elf_init(&elf, img, len, &reason)) ||
         (rc = elf_xen_parse(&elf, &p, false, &reason)) )
    {
        printf("error=%d reason=%s\n", rc, reason);
        free(img);
        return 1;
    }
    printf("class=%u\nmachine=%u\nphnum=%u\n", elf.class, elf.machine,
           elf.phnum);
    print_addr("e_entry", elf.entry);
    print_addr("pstart", elf.pstart);
    print_addr("pend", elf.pend);
    print_addr("virt_base", p.virt_base);
    print_addr("virt_entry", p.virt_entry);
    print_addr("virt_hypercall", p.virt_hypercall);
    print_addr("virt_hv_start_low", p.virt_hv_start_low);
    print_addr("p2m_base", p.p2m_base);
    print_addr("elf_paddr_offset", p.elf_paddr_offset);
    print_addr("phys_entry", p.phys_entry == ELF_UNSET_ADDR32
                             ? ELF_UNSET_ADDR : p.phys_entry);
    print_addr("virt_kstart", p.virt_kstart);
    print_addr("virt_kend", p.virt_kend);
    printf("f_supported=0x%x\nf_required=0x%x\n", p.f_supported[0],
           p.f_required[0]);
    printf("pae=%d\nbsd_symtab=%d\nunmapped_initrd=%d\nsuspend_cancel=%d\n",
           p.pae, p.bsd_symtab, p.unmapped_initrd, p.suspend_cancel);
    printf("l1_mfn_valid=0x%llx/0x%llx\n",
           (unsigned long long)p.l1_mfn_valid_mask,
           (unsigned long long)p.l1_mfn_valid_value);
    printf("guest_os=%s\nguest_ver=%s\nxen_ver=%s\nloader=%s\n", p.guest_os,
           p.guest_ver, p.xen_ver, p.loader);
    printf("notes_seen=0x%x\nnotes_from_sections=%d\n", p.notes_seen,
           p.notes_from_sections);
    rc = elf_xen_dom0_check(&elf, &p, &reason);
    printf("dom0=%s\n", rc ? reason : "ok");

    memset(&c, 0, sizeof(c));
    c.base = p.virt_kstart;
    c.size = p.virt_kend - p.virt_kstart;
    c.fail_after = -1;
    c.buf = malloc(c.size);
    memset(c.buf, 0xa5, c.size);
    rc = elf_load_binary(&elf, &p, load_cb, &c, &reason);
    printf("load=%s\nload_calls=%u\n", rc ? reason : "ok", c.calls);
    f = fopen(out, "wb");
    if ( !f || fwrite(c.buf, 1, c.size, f) != c.size || fclose(f) )
        rc = -EIO;
    free(c.buf);
    free(img);
    return rc ? 1 : 0;
}

/* ---- crafted images --------------------------------------------------- */

#define IMG_SIZE    8292
#define PH_OFF      64
#define NOTE_OFF    256
#define SH_OFF      1024
#define SEG0_OFF    4096
#define SEG1_OFF    8192
#define VBASE       0xffffffff80000000ull
#define PADDR0      0x1000000ull

struct note {
    uint32_t type;
    const char *name;
    const void *desc;
    uint32_t len;
};

static void put16(unsigned char *b, size_t off, uint16_t v)
{
    b[off] = v;
    b[off + 1] = v >> 8;
}

static void put32(unsigned char *b, size_t off, uint32_t v)
{
    put16(b, off, v);
    put16(b, off + 2, v >> 16);
}

static void put64(unsigned char *b, size_t off, uint64_t v)
{
    put32(b, off, (uint32_t)v);
    put32(b, off + 4, (uint32_t)(v >> 32));
}

static void put_phdr(unsigned char *b, unsigned int i, uint32_t type,
                     uint32_t flags, uint64_t off, uint64_t paddr,
                     uint64_t filesz, uint64_t memsz)
{
    size_t p = PH_OFF + 56 * i;

    put32(b, p, type);
    put32(b, p + 4, flags);
    put64(b, p + 8, off);
    put64(b, p + 16, paddr + VBASE);
    put64(b, p + 24, paddr);
    put64(b, p + 32, filesz);
    put64(b, p + 40, memsz);
    put64(b, p + 48, 0x1000);
}

/* Lay out notes at NOTE_OFF; returns their total size. */
static size_t put_notes(unsigned char *b, const struct note *n, unsigned int cnt)
{
    size_t p = NOTE_OFF;
    unsigned int i;

    for ( i = 0; i < cnt; i++ )
    {
        size_t nl = strlen(n[i].name) + 1;

        put32(b, p, (uint32_t)nl);
        put32(b, p + 4, n[i].len);
        put32(b, p + 8, n[i].type);
        memcpy(b + p + 12, n[i].name, nl);
        p += 12 + ((nl + 3) & ~3u);
        memcpy(b + p, n[i].desc, n[i].len);
        p += (n[i].len + 3) & ~3u;
    }
    return p - NOTE_OFF;
}

static const uint64_t n_vbase = VBASE, n_entry = VBASE + PADDR0 + 0x10;
static const uint64_t n_p2m = 0x8000000000ull, n_zero = 0, n_one = 1;
static const uint64_t n_hcall = VBASE + PADDR0 + 0x1000;
static const uint64_t n_l1[2] = { 1, 1 };
static const uint32_t n_supp = 0x8801;

static const struct note base_notes[] = {
    { XEN_ELFNOTE_GUEST_OS, "Xen", "linux", 6 },
    { XEN_ELFNOTE_GUEST_VERSION, "Xen", "2.6", 4 },
    { XEN_ELFNOTE_XEN_VERSION, "Xen", "xen-3.0", 8 },
    { XEN_ELFNOTE_VIRT_BASE, "Xen", &n_vbase, 8 },
    { XEN_ELFNOTE_INIT_P2M, "Xen", &n_p2m, 8 },
    { XEN_ELFNOTE_ENTRY, "Xen", &n_entry, 8 },
    { XEN_ELFNOTE_HYPERCALL_PAGE, "Xen", &n_hcall, 8 },
    { XEN_ELFNOTE_FEATURES, "Xen", "!writable_page_tables|pae_pgdir_above_4gb",
      41 },
    { XEN_ELFNOTE_SUPPORTED_FEATURES, "Xen", &n_supp, 4 },
    { XEN_ELFNOTE_PAE_MODE, "Xen", "yes", 4 },
    { XEN_ELFNOTE_LOADER, "Xen", "generic", 8 },
    { XEN_ELFNOTE_L1_MFN_VALID, "Xen", n_l1, 16 },
    { XEN_ELFNOTE_SUSPEND_CANCEL, "Xen", &n_one, 4 },
    { XEN_ELFNOTE_MOD_START_PFN, "Xen", &n_one, 4 },
    { XEN_ELFNOTE_PADDR_OFFSET, "Xen", &n_zero, 8 },
    { 99, "Xen", "ignored", 8 },
    { 3, "GNU", "\x01\x02\x03\x04", 4 },
};
#define NR_BASE_NOTES (sizeof(base_notes) / sizeof(base_notes[0]))

/*
 * A small valid 64-bit PV kernel: text (4 KiB at paddr 16 MiB), data with
 * bss (100 bytes in the file, 8 KiB in memory) and a PT_NOTE segment, plus
 * section headers with the same notes as an SHT_NOTE section.
 */
static unsigned char *craft(const struct note *notes, unsigned int n)
{
    unsigned char *b = calloc(1, IMG_SIZE);
    size_t nlen = put_notes(b, notes, n);
    unsigned int i;

    memcpy(b, "\x7f" "ELF", 4);
    b[4] = ELFCLASS64;
    b[5] = ELFDATA2LSB;
    b[6] = EV_CURRENT;
    put16(b, 16, ET_EXEC);
    put16(b, 18, EM_X86_64);
    put32(b, 20, 1);
    put64(b, 24, VBASE + PADDR0);
    put64(b, 32, PH_OFF);
    put64(b, 40, SH_OFF);
    put16(b, 52, 64);
    put16(b, 54, 56);
    put16(b, 56, 3);
    put16(b, 58, 64);
    put16(b, 60, 3);
    put16(b, 62, 0);
    put_phdr(b, 0, PT_LOAD, PF_R | PF_X, SEG0_OFF, PADDR0, 4096, 4096);
    put_phdr(b, 1, PT_LOAD, PF_R | PF_W, SEG1_OFF, PADDR0 + 0x2000, 100, 8192);
    put_phdr(b, 2, PT_NOTE, PF_R, NOTE_OFF, PADDR0 + 0x5000, nlen, nlen);
    /* Sections: null, .notes (SHT_NOTE) and a PROGBITS. */
    put32(b, SH_OFF + 64 + 4, SHT_NOTE);
    put64(b, SH_OFF + 64 + 24, NOTE_OFF);
    put64(b, SH_OFF + 64 + 32, nlen);
    put32(b, SH_OFF + 128 + 4, 1);
    put64(b, SH_OFF + 128 + 24, SEG0_OFF);
    put64(b, SH_OFF + 128 + 32, 4096);
    for ( i = 0; i < 4096; i++ )
        b[SEG0_OFF + i] = (unsigned char)(i * 7 + 1);
    for ( i = 0; i < 100; i++ )
        b[SEG1_OFF + i] = (unsigned char)(i + 0x40);
    return b;
}

/* Which stage a crafted case is expected to stop at. */
enum stage { S_INIT, S_PARSE, S_DOM0, S_OK };

/*
 * Run a crafted image through init, parse and the dom0 check; returns the
 * first failure's errno and the stage it happened in.
 */
static int run_stages(const unsigned char *b, size_t len, enum stage *at,
                      const char **reason, struct elf_dom_parms *p)
{
    unsigned char *img = malloc(len);
    struct elf_binary elf;
    int rc;

    memcpy(img, b, len);
    *reason = NULL;
    if ( (rc = elf_init(&elf, img, len, reason)) )
        *at = S_INIT;
    else if ( (rc = elf_xen_parse(&elf, p, false, reason)) )
        *at = S_PARSE;
    else if ( (rc = elf_xen_dom0_check(&elf, p, reason)) )
        *at = S_DOM0;
    else
        *at = S_OK;
    if ( rc && !*reason )
        rc = -9999;
    free(img);
    return rc;
}

static void expect(const char *name, const unsigned char *b, size_t len,
                   enum stage want_at, int want_rc)
{
    struct elf_dom_parms p;
    const char *reason;
    enum stage at;
    int rc = run_stages(b, len, &at, &reason, &p);

    report(rc == want_rc && at == want_at, name, "unexpected result", rc,
           reason);
}

/* Crafted image with one note replaced (or removed when desc is NULL). */
static unsigned char *craft_with(uint32_t type, const void *desc, uint32_t len)
{
    struct note n[NR_BASE_NOTES + 1];
    unsigned int i, k = 0;
    bool done = false;

    for ( i = 0; i < NR_BASE_NOTES; i++ )
    {
        if ( base_notes[i].type == type && !strcmp(base_notes[i].name, "Xen") )
        {
            done = true;
            if ( !desc )
                continue;
            n[k] = base_notes[i];
            n[k].desc = desc;
            n[k++].len = len;
            continue;
        }
        n[k++] = base_notes[i];
    }
    if ( !done && desc )
        n[k++] = (struct note){ type, "Xen", desc, len };
    return craft(n, k);
}

static void check_valid(void)
{
    unsigned char *b = craft(base_notes, NR_BASE_NOTES);
    unsigned char *img = malloc(IMG_SIZE);
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct load_ctx c;
    const char *reason = NULL;
    int rc, ok;
    unsigned int i;

    memcpy(img, b, IMG_SIZE);
    rc = elf_init(&elf, img, IMG_SIZE, &reason);
    if ( !rc )
        rc = elf_xen_parse(&elf, &p, false, &reason);
    ok = !rc && elf.pstart == PADDR0 && elf.pend == PADDR0 + 0x4000 &&
         p.virt_base == VBASE && p.virt_entry == n_entry &&
         p.virt_kstart == VBASE + PADDR0 && p.virt_kend == VBASE + PADDR0 + 0x4000 &&
         p.p2m_base == n_p2m && p.virt_hypercall == n_hcall &&
         p.f_supported[0] == (0x8801u | 1u | (1u << 4)) &&
         p.f_required[0] == 1u && p.pae == XEN_PAE_EXTCR3 &&
         p.unmapped_initrd && p.suspend_cancel &&
         p.l1_mfn_valid_mask == 1 && p.l1_mfn_valid_value == 1 &&
         !strcmp(p.guest_os, "linux") && !strcmp(p.loader, "generic") &&
         !strcmp(p.xen_ver, "xen-3.0") && !strcmp(p.guest_ver, "2.6") &&
         p.xen_notes == NR_BASE_NOTES - 1 && !p.notes_from_sections &&
         p.elf_paddr_offset == 0;
    report(ok, "crafted/parse", "parsed values wrong", rc, reason);

    rc = elf_xen_dom0_check(&elf, &p, &reason);
    report(!rc, "crafted/dom0-check", "refused", rc, reason);

    memset(&c, 0, sizeof(c));
    c.base = p.virt_kstart;
    c.size = p.virt_kend - p.virt_kstart;
    c.fail_after = -1;
    c.buf = malloc(c.size);
    memset(c.buf, 0xa5, c.size);
    rc = elf_load_binary(&elf, &p, load_cb, &c, &reason);
    ok = !rc && c.calls == 3 && !memcmp(c.buf, img + SEG0_OFF, 4096) &&
         !memcmp(c.buf + 0x2000, img + SEG1_OFF, 100) && c.buf[0x1000] == 0xa5;
    for ( i = 100; ok && i < 8192; i++ )
        ok = c.buf[0x2000 + i] == 0;
    report(ok, "crafted/load-and-bss", "loaded image wrong", rc, reason);

    c.calls = 0;
    c.fail_after = 1;
    rc = elf_load_binary(&elf, &p, load_cb, &c, &reason);
    report(rc == -EFAULT, "crafted/load-callback-error", "not propagated", rc,
           reason);
    free(c.buf);
    free(img);
    free(b);
}

static void check_hostile(void)
{
    unsigned char *b;
    size_t nlen;

    check_valid();

#define CASE(name, mutate, at, rc)                                  \
    do {                                                            \
        b = craft(base_notes, NR_BASE_NOTES);                       \
        mutate;                                                     \
        expect(name, b, IMG_SIZE, at, rc);                          \
        free(b);                                                    \
    } while ( 0 )

    CASE("hdr/not-elf", b[1] = 'X', S_INIT, -ENOEXEC);
    CASE("hdr/big-endian", b[5] = 2, S_INIT, -EOPNOTSUPP);
    CASE("hdr/bad-class", b[4] = 3, S_INIT, -ENOEXEC);
    CASE("hdr/relocatable", put16(b, 16, 1), S_INIT, -ENOEXEC);
    b = craft(base_notes, NR_BASE_NOTES);
    expect("hdr/truncated", b, 40, S_INIT, -EILSEQ);
    expect("hdr/ident-only", b, 10, S_INIT, -ENOEXEC);
    free(b);
    CASE("phdr/offset-past-end", put64(b, 32, IMG_SIZE), S_INIT, -EILSEQ);
    CASE("phdr/offset-overflow", put64(b, 32, ~0ull - 8), S_INIT, -EILSEQ);
    CASE("phdr/xnum", put16(b, 56, 0xffff), S_INIT, -EOPNOTSUPP);
    CASE("phdr/absurd-count", put16(b, 56, 600), S_INIT, -EILSEQ);
    CASE("phdr/entsize-too-small", put16(b, 54, 32), S_INIT, -EILSEQ);
    CASE("shdr/outside-file", put64(b, 40, IMG_SIZE - 10), S_INIT, -EILSEQ);
    CASE("seg/past-end", put64(b, PH_OFF + 56 + 32, 200), S_INIT, -EILSEQ);
    CASE("seg/offset-overflow", put64(b, PH_OFF + 8, ~0ull), S_INIT, -EILSEQ);
    CASE("seg/filesz-over-memsz", put64(b, PH_OFF + 40, 100), S_INIT,
         -EILSEQ);
    CASE("seg/paddr-overflow", put64(b, PH_OFF + 56 + 24, ~0ull - 100),
         S_INIT, -EILSEQ);
    CASE("seg/overlap", put64(b, PH_OFF + 56 + 24, PADDR0 + 0xfff), S_INIT,
         -EILSEQ);
    CASE("seg/none-loadable", (put32(b, PH_OFF, 6), put32(b, PH_OFF + 56, 6)),
         S_INIT, -ENOEXEC);
    CASE("seg/no-rwx-not-loaded",
         (put32(b, PH_OFF + 56 + 4, 0), put64(b, PH_OFF + 56 + 24, PADDR0)),
         S_OK, 0);
    CASE("note/segment-past-end", put64(b, PH_OFF + 112 + 32, IMG_SIZE),
         S_INIT, -EILSEQ);
    CASE("note/desc-runs-off", put32(b, NOTE_OFF + 4, 0x7fffffff), S_PARSE,
         -EILSEQ);
    CASE("note/name-runs-off", put32(b, NOTE_OFF, 0xffffffff), S_PARSE,
         -EILSEQ);
    CASE("note/segment-cut-mid-note",
         put64(b, PH_OFF + 112 + 32, 20), S_PARSE, -EILSEQ);

    /* Notes with bad contents. */
    b = craft_with(XEN_ELFNOTE_ENTRY, "\x10\0\0", 3);
    expect("note/numeric-bad-size", b, IMG_SIZE, S_PARSE, -EILSEQ);
    free(b);
    /* Strings may fill their descriptor (Linux's FEATURES does). */
    b = craft_with(XEN_ELFNOTE_GUEST_OS, "linux", 5);
    expect("note/string-filling-descriptor", b, IMG_SIZE, S_OK, 0);
    free(b);
    b = craft_with(XEN_ELFNOTE_L1_MFN_VALID, "\1\0\0\0\1\0", 6);
    expect("note/l1-mfn-valid-bad-size", b, IMG_SIZE, S_PARSE, -EILSEQ);
    free(b);
    b = craft_with(XEN_ELFNOTE_FEATURES, "pae_pgdir_above_4gb|!no_such_thing",
                   35);
    expect("note/unknown-required-feature", b, IMG_SIZE, S_PARSE,
           -EOPNOTSUPP);
    free(b);
    b = craft_with(XEN_ELFNOTE_FEATURES, "no_such_thing|!dom0", 20);
    expect("note/unknown-optional-feature", b, IMG_SIZE, S_OK, 0);
    free(b);
    b = craft_with(XEN_ELFNOTE_FEATURES, "!supervisor_mode_kernel", 24);
    expect("dom0/requires-supervisor-mode", b, IMG_SIZE, S_DOM0,
           -EOPNOTSUPP);
    free(b);
    {
        static const uint32_t nodom0 = 0x1;

        b = craft_with(XEN_ELFNOTE_SUPPORTED_FEATURES, &nodom0, 4);
        expect("dom0/no-dom0-feature", b, IMG_SIZE, S_DOM0, -EOPNOTSUPP);
        free(b);
    }

    /* The checks of Xen's elf_xen_note_check / elf_xen_addr_calc_check. */
    {
        struct note n[] = {
            { XEN_ELFNOTE_GUEST_OS, "Xen", "netbsd", 7 },
            { XEN_ELFNOTE_XEN_VERSION, "Xen", "xen-3.0", 8 },
            { XEN_ELFNOTE_LOADER, "Xen", "bsd", 4 },
            { XEN_ELFNOTE_VIRT_BASE, "Xen", &n_vbase, 8 },
        };

        b = craft(n, 4);
        expect("check/not-linux-nor-generic", b, IMG_SIZE, S_PARSE, -ENOEXEC);
        free(b);
        n[2].desc = "generic-2";
        n[2].len = 10;
        b = craft(n, 4);
        expect("check/generic-loader-alone", b, IMG_SIZE, S_DOM0,
               -EOPNOTSUPP);
        free(b);
        n[1].desc = "xen-2.0";
        b = craft(n, 4);
        expect("check/wrong-xen-version", b, IMG_SIZE, S_PARSE, -ENOEXEC);
        free(b);
    }
    b = craft_with(XEN_ELFNOTE_LOADER, NULL, 0);
    expect("check/linux-without-loader", b, IMG_SIZE, S_OK, 0);
    free(b);
    {
        static const uint64_t out = VBASE + PADDR0 + 0x5000;
        static const uint64_t low = VBASE + PADDR0 - 1;
        static const uint64_t high_base = VBASE + PADDR0 + 0x1000;
        static const uint64_t p2m_in = VBASE + PADDR0 + 0x100;
        static const uint64_t p2m_end = VBASE + PADDR0 + 0x4000;
        static const uint64_t off = 0x2000000;

        b = craft_with(XEN_ELFNOTE_ENTRY, &out, 8);
        expect("check/entry-past-kernel", b, IMG_SIZE, S_PARSE, -ERANGE);
        free(b);
        b = craft_with(XEN_ELFNOTE_ENTRY, &low, 8);
        expect("check/entry-before-kernel", b, IMG_SIZE, S_PARSE, -ERANGE);
        free(b);
        b = craft_with(XEN_ELFNOTE_VIRT_BASE, &high_base, 8);
        expect("check/virt-base-above-kernel", b, IMG_SIZE, S_PARSE,
               -ERANGE);
        free(b);
        b = craft_with(XEN_ELFNOTE_INIT_P2M, &p2m_in, 8);
        expect("check/p2m-inside-kernel", b, IMG_SIZE, S_PARSE, -ERANGE);
        free(b);
        b = craft_with(XEN_ELFNOTE_INIT_P2M, &p2m_end, 8);
        expect("check/p2m-right-after-kernel", b, IMG_SIZE, S_OK, 0);
        free(b);
        b = craft_with(XEN_ELFNOTE_VIRT_BASE, NULL, 0);
        expect("check/paddr-offset-without-virt-base", b, IMG_SIZE, S_PARSE,
               -ERANGE);
        free(b);
        b = craft_with(XEN_ELFNOTE_PADDR_OFFSET, &off, 8);
        expect("check/paddr-offset-shifts-kernel", b, IMG_SIZE, S_PARSE,
               -ERANGE);
        free(b);
    }

    /* Where the notes come from. */
    {
        struct elf_dom_parms p;
        const char *reason;
        enum stage at;
        int rc;

        b = craft(base_notes, NR_BASE_NOTES);
        put64(b, PH_OFF + 112 + 8, 0);      /* PT_NOTE with p_offset 0 */
        rc = run_stages(b, IMG_SIZE, &at, &reason, &p);
        report(!rc && p.notes_from_sections && p.virt_entry == n_entry,
               "notes/shdr-fallback", "not used", rc, reason);
        put32(b, SH_OFF + 64 + 4, 1);       /* and no SHT_NOTE either */
        expect("notes/none-at-all", b, IMG_SIZE, S_PARSE, -ENOEXEC);
        free(b);
    }

    /* A 32-bit image parses, but cannot be a 64-bit PV dom0. */
    {
        unsigned char *e = calloc(1, IMG_SIZE);
        struct note n[] = {
            { XEN_ELFNOTE_GUEST_OS, "Xen", "linux", 6 },
            { XEN_ELFNOTE_XEN_VERSION, "Xen", "xen-3.0", 8 },
            { XEN_ELFNOTE_VIRT_BASE, "Xen", "\0\0\0\xc0", 4 },
            { XEN_ELFNOTE_SUPPORTED_FEATURES, "Xen", &n_supp, 4 },
        };

        nlen = put_notes(e, n, 4);
        memcpy(e, "\x7f" "ELF\1\1\1", 7);
        put16(e, 16, ET_EXEC);
        put16(e, 18, EM_386);
        put32(e, 20, 1);
        put32(e, 24, 0xc0100000u);
        put32(e, 28, 52);
        put16(e, 40, 52);
        put16(e, 42, 32);
        put16(e, 44, 2);
        put32(e, 52, PT_LOAD);
        put32(e, 52 + 4, SEG0_OFF);
        put32(e, 52 + 8, 0xc0100000u);
        put32(e, 52 + 12, 0x100000);
        put32(e, 52 + 16, 4096);
        put32(e, 52 + 20, 4096);
        put32(e, 52 + 24, PF_R | PF_X);
        put32(e, 84, PT_NOTE);
        put32(e, 84 + 4, NOTE_OFF);
        put32(e, 84 + 16, (uint32_t)nlen);
        put32(e, 84 + 20, (uint32_t)nlen);
        expect("elf32/parses-but-not-dom0", e, IMG_SIZE, S_DOM0, -EOPNOTSUPP);
        free(e);
    }

    /* Too many notes: a note segment of 65537 empty notes. */
    {
        size_t n = 65537, len = NOTE_OFF + 12 * n, i;
        unsigned char *big = calloc(1, len + SEG0_OFF);

        b = craft(base_notes, NR_BASE_NOTES);
        memcpy(big, b, SEG0_OFF);
        for ( i = 0; i < n; i++ )
            put32(big, NOTE_OFF + 12 * i + 8, 1);
        put64(big, PH_OFF + 8, len);            /* text after the notes */
        put64(big, PH_OFF + 56 + 8, len);
        put64(big, PH_OFF + 112 + 32, 12 * n);
        expect("note/too-many", big, len + SEG0_OFF, S_PARSE, -EILSEQ);
        free(big);
        free(b);
    }
#undef CASE
}

/* ---- fuzzing ---------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return rng_state >> 17;
}

static bool known_rc(int rc)
{
    return rc == 0 || rc == -ENOEXEC || rc == -EILSEQ || rc == -EOPNOTSUPP ||
           rc == -ERANGE;
}

/* Flip one bit in b[lo, hi), run everything, flip it back. */
static int fuzz_one(unsigned char *b, size_t len, size_t lo, size_t hi)
{
    size_t at = lo + rng() % (hi - lo);
    unsigned char bit = 1u << (rng() % 8);
    struct elf_dom_parms p;
    struct elf_binary elf;
    const char *reason = NULL;
    int rc;

    b[at] ^= bit;
    rc = elf_init(&elf, b, len, &reason);
    if ( !rc )
        rc = elf_xen_parse(&elf, &p, false, &reason);
    if ( !rc )
        rc = elf_xen_dom0_check(&elf, &p, &reason);
    b[at] ^= bit;
    if ( !known_rc(rc) || (rc && !reason) )
    {
        printf("    flip at %zu bit %#x: rc %d (%s)\n", at, bit, rc,
               reason ? reason : "no reason");
        return 0;
    }
    return 1;
}

static void fuzz(const char *path, int n)
{
    size_t len, note_lo = 0, note_hi = 0;
    unsigned char *img = slurp(path, &len), *b;
    struct elf_binary elf;
    const char *reason;
    unsigned int i;
    int k, ok = 1;

    if ( elf_init(&elf, img, len, &reason) )
    {
        report(0, "fuzz/vmlinux", "base image rejected", -1, reason);
        return;
    }
    for ( i = 0; i < elf.phnum; i++ )
    {
        struct elf_phdr ph;

        elf_phdr_by_index(&elf, i, &ph);
        if ( ph.type == PT_NOTE )
        {
            note_lo = ph.offset;
            note_hi = ph.offset + ph.filesz;
        }
    }
    for ( k = 0; k < n && ok; k++ )
    {
        /* Headers and program headers, then the note segment. */
        size_t hi = elf.phoff + (size_t)elf.phnum * elf.phentsize;

        ok = fuzz_one(img, len, 0, hi) &&
             (note_hi <= note_lo || fuzz_one(img, len, note_lo, note_hi));
    }
    report(ok, "fuzz/vmlinux", "unexpected result", 0, NULL);
    free(img);

    ok = 1;
    for ( k = 0; k < n && ok; k++ )
    {
        unsigned char *e = malloc(IMG_SIZE);

        b = craft(base_notes, NR_BASE_NOTES);
        memcpy(e, b, IMG_SIZE);
        free(b);
        ok = fuzz_one(e, IMG_SIZE, 0, SH_OFF + 3 * 64);
        free(e);
    }
    report(ok, "fuzz/crafted", "unexpected result", 0, NULL);
}

int main(int argc, char **argv)
{
    if ( argc == 4 && !strcmp(argv[1], "image") )
        return image(argv[2], argv[3]);
    if ( argc == 2 && !strcmp(argv[1], "hostile") )
        check_hostile();
    else if ( argc == 4 && !strcmp(argv[1], "fuzz") )
        fuzz(argv[2], atoi(argv[3]));
    else
    {
        fprintf(stderr, "usage: tlibelf image VMLINUX OUT\n"
                        "       tlibelf hostile\n"
                        "       tlibelf fuzz VMLINUX N\n");
        return 2;
    }
    return failures ? 1 : 0;
}
