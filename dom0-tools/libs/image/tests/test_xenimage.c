/*
 * test_xenimage.c: unit tests of libxenimage on images built by mkimage.c:
 * the harness, the note parser and the API contract.  Other cases live in
 * test_checks.c, test_compress.c, test_corrupt.c and test_load.c.
 *
 * Usage: test-xenimage                     run every case
 *        test-xenimage --dump-load IMAGE OUT
 *                                           load IMAGE, write the buffer
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "harness.h"
#include "mkimage.h"

unsigned int t_failed;
static unsigned int t_passed_cases, t_failed_cases;

void t_expect_err(const char *file, int line, struct xenimage *img, int rc,
                  int want, const char *text)
{
    const char *err = xenimage_error(img);

    if ( rc != want || !strstr(err, text) )
    {
        fprintf(stderr, "    %s:%d: rc %d, error \"%s\"; expected rc %d and "
                "\"%s\"\n", file, line, rc, err, want, text);
        t_failed++;
    }
}

struct xenimage *t_open(const void *buf, size_t len)
{
    struct xenimage *img = xenimage_create();
    int rc;

    if ( !img )
        abort();
    rc = xenimage_open_mem(img, buf, len);
    if ( rc )
    {
        fprintf(stderr, "    open failed (%d): %s\n", rc, xenimage_error(img));
        t_failed++;
    }
    return img;
}

void t_case(const char *name, void (*fn)(void))
{
    struct timespec t0, t1;

    t_failed = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    fn();
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if ( getenv("T_TIME") )
        fprintf(stderr, "  %.2fs %s\n", (t1.tv_sec - t0.tv_sec) +
                (t1.tv_nsec - t0.tv_nsec) / 1e9, name);
    if ( t_failed )
        t_failed_cases++;
    else
        t_passed_cases++;
    printf("%s: image/%s\n", t_failed ? "FAIL" : "PASS", name);
    fflush(stdout);
}

/* Build e and open it; the caller destroys the handle. */
static struct xenimage *open_elf(const struct mk_elf *e)
{
    size_t len;
    uint8_t *b = mk_elf_build(e, &len);
    struct xenimage *img = t_open(b, len);

    free(b);
    return img;
}

static void test_elf64_notes(void)
{
    struct mk_elf e;
    struct xenimage *img;
    const struct xenimage_info *in;
    struct xenimage_note n;
    struct xenimage_segment s;

    mk_elf_linux64(&e);
    img = open_elf(&e);
    in = xenimage_info(img);
    if ( !in )
        goto out;
    EXPECT_U64(in->container, XENIMAGE_CONTAINER_ELF);
    EXPECT_U64(in->compression, XENIMAGE_COMP_NONE);
    EXPECT_U64(in->elf_class, 64);
    EXPECT_U64(in->elf_machine, 62);
    EXPECT_U64(in->elf_entry, 0x1000000);
    EXPECT_U64(in->nr_segments, 4);
    EXPECT_U64(in->pstart, 0x1000000);
    EXPECT_U64(in->pend, 0x1015000);
    EXPECT_U64(in->nr_notes, 16); /* the GNU and Linux notes are not Xen's */
    EXPECT(!in->notes_from_sections && !in->legacy_guest_info);
    EXPECT_STR(in->guest_os, "linux");
    EXPECT_STR(in->guest_version, "2.6");
    EXPECT_STR(in->xen_version, "xen-3.0");
    EXPECT_STR(in->loader, "generic");
    EXPECT_STR(in->features, "!writable_page_tables|pae_pgdir_above_4gb");
    EXPECT_STR(in->pae_mode, "yes");
    EXPECT_U64(in->pae, XENIMAGE_PAE_EXTCR3);
    EXPECT_U64(in->virt_base, 0xffffffff80000000);
    EXPECT_U64(in->paddr_offset, 0);
    EXPECT_U64(in->virt_entry, 0xffffffff810011c0);
    EXPECT_U64(in->virt_hypercall, XENIMAGE_UNSET);
    EXPECT_U64(in->hv_start_low, 0xffff800000000000);
    EXPECT_U64(in->p2m_base, 0x8000000000);
    EXPECT_U64(in->mod_start_pfn, 1);
    EXPECT_U64(in->suspend_cancel, 1);
    EXPECT_U64(in->l1_mfn_valid_mask, 1);
    EXPECT_U64(in->l1_mfn_valid_value, 1);
    EXPECT_U64(in->phys_entry, 0x1000850);
    EXPECT_U64(in->f_supported, 0x8811); /* bits 0 4 from FEATURES, 0 11 15 */
    EXPECT_U64(in->f_required, 0x1);
    EXPECT(!in->f_unknown_required);
    EXPECT_STR(in->guest_type, "xen-3.0-x86_64");
    EXPECT_U64(in->virt_kstart, 0xffffffff81000000);
    EXPECT_U64(in->virt_kend, 0xffffffff81015000);
    EXPECT_U64(in->pv_entry, 0xffffffff810011c0);
    EXPECT_U64(in->load_size, 0x15000);
    EXPECT_U64(in->bsd_symtab_pend, XENIMAGE_UNSET);

    EXPECT(!xenimage_note(img, 0, &n) && n.type == 6 && n.descsz == 6 &&
           !memcmp(n.desc, "linux", 6));
    EXPECT(!xenimage_note(img, 6, &n) && n.type == 10 && n.descsz == 41);
    EXPECT(!xenimage_note(img, 15, &n) && n.type == 18 && n.descsz == 8);
    EXPECT(xenimage_note(img, 16, &n) == -ENOENT);
    EXPECT(!xenimage_segment(img, 2, &s) && s.vaddr == 0 &&
           s.paddr == 0x1011000 && s.filesz == 0x800 && s.flags == 6);
    EXPECT(!xenimage_segment(img, 3, &s) && s.memsz == 0x3000 &&
           s.filesz == 0x1000);
    EXPECT(xenimage_segment(img, 4, &s) == -ENOENT);
 out:
    xenimage_destroy(img);
}

static void test_elf32_notes(void)
{
    struct mk_elf e;
    struct xenimage *img;
    const struct xenimage_info *in;

    mk_elf_linux32(&e);
    img = open_elf(&e);
    in = xenimage_info(img);
    if ( !in )
        goto out;
    EXPECT_U64(in->elf_class, 32);
    EXPECT_U64(in->elf_machine, 3);
    EXPECT_U64(in->nr_notes, 13);
    EXPECT_U64(in->virt_base, 0xc0000000);
    EXPECT_U64(in->virt_entry, 0xc0100000);
    EXPECT_U64(in->virt_hypercall, 0xc0101000);
    EXPECT_U64(in->hv_start_low, 0xf5800000);
    EXPECT_U64(in->l1_mfn_valid_mask, 1);
    EXPECT_U64(in->l1_mfn_valid_value, 1);
    EXPECT_U64(in->f_supported, 0x1f);
    EXPECT_U64(in->f_required, 0);
    EXPECT_U64(in->phys_entry, XENIMAGE_UNSET);
    EXPECT_STR(in->guest_type, "xen-3.0-x86_32p");
    EXPECT_U64(in->virt_kstart, 0xc0100000);
    EXPECT_U64(in->virt_kend, 0xc0103000);
    EXPECT_U64(xenimage_check(img, XENIMAGE_CHECK_PV), 0);
    EXPECT_U64(xenimage_check(img, XENIMAGE_CHECK_PV | XENIMAGE_CHECK_DOM0),
               0);
    EXPECT_ERR(img, xenimage_check(img, XENIMAGE_CHECK_PVH), -ENOEXEC,
               "no PHYS32_ENTRY note");
 out:
    xenimage_destroy(img);
}

/* Notes are found in sections when no PT_NOTE segment has any. */
static void test_note_places(void)
{
    static const enum mk_where where[] = { MK_NOTES_SECTION, MK_NOTES_BOTH };
    const struct xenimage_info *in;
    struct xenimage *img;
    struct mk_elf e;
    unsigned int i;

    for ( i = 0; i < 2; i++ )
    {
        mk_elf_linux64(&e);
        e.where = where[i];
        img = open_elf(&e);
        in = xenimage_info(img);
        EXPECT(in && in->nr_notes == 16 &&
               in->notes_from_sections == (i == 0) &&
               in->virt_entry == 0xffffffff810011c0);
        xenimage_destroy(img);
    }

    /* Old binutils wrote PT_NOTE with p_offset 0: Xen skips those. */
    mk_elf_linux64(&e);
    e.where = MK_NOTES_BOTH;
    e.note_offset0 = 1;
    img = open_elf(&e);
    in = xenimage_info(img);
    EXPECT(in && in->nr_notes == 16 && in->notes_from_sections);
    xenimage_destroy(img);

    e.where = MK_NOTES_SEGMENT;
    img = open_elf(&e);
    in = xenimage_info(img);
    EXPECT(in && in->nr_notes == 0);
    EXPECT_ERR(img, xenimage_check(img, XENIMAGE_CHECK_PV), -ENOEXEC,
               "not a Xen kernel");
    xenimage_destroy(img);
}

/* ELF64 notes padded to 8 bytes (gABI) where the segment says so. */
static void test_note_align8(void)
{
    const struct xenimage_info *in;
    struct xenimage *img;
    struct mk_elf e;

    mk_elf_linux64(&e);
    e.note_align = 8;
    img = open_elf(&e);
    in = xenimage_info(img);
    EXPECT(in && in->nr_notes == 16);
    EXPECT(in && in->virt_base == 0xffffffff80000000 &&
           !strcmp(in->loader, "generic") && in->phys_entry == 0x1000850);
    xenimage_destroy(img);
}

/* Later notes override earlier ones; unknown types are listed, not used. */
static void test_note_override(void)
{
    const struct xenimage_info *in;
    struct xenimage_note n;
    struct xenimage *img;
    struct mk_elf e;

    mk_elf_linux64(&e);
    mk_note_str(&e, 7, "3.0");
    mk_note_num(&e, 0x42, 0x1234, 2);
    mk_note_num(&e, 14, 0, 1);                   /* one-byte numbers */
    mk_note_num(&e, 18, 0x100001000, 8);         /* libelf keeps 32 bits */
    img = open_elf(&e);
    in = xenimage_info(img);
    if ( in )
    {
        EXPECT_U64(in->nr_notes, 20);
        EXPECT_STR(in->guest_version, "3.0");
        EXPECT_U64(in->suspend_cancel, 0);
        EXPECT_U64(in->phys_entry, 0x1000);
        EXPECT(!xenimage_note(img, 17, &n) && n.type == 0x42 &&
               n.descsz == 2 && !xenimage_note_name(n.type));
    }
    xenimage_destroy(img);
}

/* The legacy "__xen_guest" string of pre-3.0.4 kernels. */
static void test_guest_info(void)
{
    const struct xenimage_info *in;
    struct xenimage *img;
    struct mk_elf e;

    mk_elf_linux32(&e);
    e.nr_notes = 0;
    e.guest_info = "GUEST_OS=linux,GUEST_VER=2.6,XEN_VER=xen-3.0,"
                   "VIRT_BASE=0xc0000000,ELF_PADDR_OFFSET=0xc0000000,"
                   "HYPERCALL_PAGE=0x2,LOADER=generic,PAE=yes[extended-cr3],"
                   "FEATURES=!writable_page_tables|!dom0,UNKNOWN=1";
    /* Old kernels linked with paddr == vaddr. */
    e.segs[0].paddr = 0xc0100000;
    e.segs[1].paddr = 0xc0102000;
    img = open_elf(&e);
    in = xenimage_info(img);
    if ( in )
    {
        EXPECT(in->legacy_guest_info && in->nr_notes == 0);
        EXPECT_STR(in->xen_version, "xen-3.0");
        EXPECT_STR(in->guest_version, "2.6");
        EXPECT_U64(in->virt_hypercall, 0xc0002000);
        EXPECT_U64(in->pae, XENIMAGE_PAE_EXTCR3);
        EXPECT_U64(in->pv_paddr_offset, 0xc0000000);
        EXPECT_U64(in->virt_kstart, 0xc0100000);
        EXPECT_U64(in->f_required, 0x801);
        EXPECT_U64(in->f_supported, 0x801);
        EXPECT_U64(xenimage_check(img, XENIMAGE_CHECK_PV), -ENOEXEC);
        EXPECT_U64(xenimage_check(img, XENIMAGE_CHECK_PV |
                                       XENIMAGE_CHECK_DOM0), 0);
    }
    xenimage_destroy(img);

    e.guest_info = "GUEST_OS=linux,VIRT_BASE=zz";
    {
        size_t len;
        uint8_t *b = mk_elf_build(&e, &len);

        img = xenimage_create();
        EXPECT_ERR(img, xenimage_open_mem(img, b, len), -ENOEXEC,
                   "__xen_guest: VIRT_BASE=\"zz\" is not a number");
        EXPECT(!xenimage_info(img));
        xenimage_destroy(img);
        free(b);
    }
}

/* FEATURES follows libelf: unknown supported names are ignored. */
static void test_features(void)
{
    const struct xenimage_info *in;
    struct xenimage *img;
    struct mk_elf e;

    mk_elf_linux64(&e);
    mk_note_del(&e, 10);
    mk_note_del(&e, 17);
    mk_note_str(&e, 10, "writable_descriptor_tables|no_such_thing||"
                        "!hvm_callback_vector|dom0");
    img = open_elf(&e);
    in = xenimage_info(img);
    EXPECT(in && in->f_supported == ((1u << 1) | (1u << 8) | (1u << 11)));
    EXPECT(in && in->f_required == (1u << 8) && !in->f_unknown_required);
    xenimage_destroy(img);

    mk_note_del(&e, 10);
    mk_note_str(&e, 10, "!linux_rsdp_unrestricted|!also_unknown");
    img = open_elf(&e);
    in = xenimage_info(img);
    EXPECT(in && in->f_unknown_required &&
           !strcmp(in->f_unknown_required, "linux_rsdp_unrestricted"));
    EXPECT_ERR(img, xenimage_check(img, XENIMAGE_CHECK_PV), -ENOEXEC,
               "FEATURES requires \"linux_rsdp_unrestricted\"");
    xenimage_destroy(img);
}

/* Segments that are not PT_LOAD, or have no permission, are not loaded. */
static void test_segment_kinds(void)
{
    const struct xenimage_info *in;
    struct xenimage *img;
    struct mk_elf e;
    unsigned int i;

    mk_elf_linux64(&e);
    i = mk_seg(&e, 0x9000000, 0, 0x10, 0x10, 6);
    e.segs[i].type = 0x6474e551; /* PT_GNU_STACK */
    mk_seg(&e, 0x9100000, 0, 0x10, 0x10, 0);
    mk_seg(&e, 0x1001000, 0, 0, 0, 6); /* empty: overlaps nothing */
    e.type = 3; /* ET_DYN is accepted, as Xen does */
    img = open_elf(&e);
    in = xenimage_info(img);
    EXPECT(in && in->nr_segments == 5 && in->pend == 0x1015000);
    xenimage_destroy(img);

    /* An overlap is found past an empty segment sorted between. */
    mk_elf_linux64(&e);
    e.segs[1].paddr = 0x1002000;
    mk_seg(&e, 0x1001000, 0, 0, 0, 6);
    {
        size_t len;
        uint8_t *b = mk_elf_build(&e, &len);

        img = xenimage_create();
        EXPECT_ERR(img, xenimage_open_mem(img, b, len), -ENOEXEC,
                   "segments at paddr 0x1000000 and 0x1002000 overlap");
        xenimage_destroy(img);
        free(b);
    }
}

static void test_api(void)
{
    struct xenimage *img = xenimage_create();
    struct xenimage_segment s;
    struct xenimage_note n;
    uint8_t buf[16];

    xenimage_destroy(NULL);
    EXPECT(xenimage_error(NULL)[0] != '\0');
    EXPECT(xenimage_set_limit(img, 100) == -EINVAL);
    EXPECT(xenimage_set_limit(NULL, 1 << 20) == -EINVAL);
    EXPECT(xenimage_open_mem(img, NULL, 5) == -EINVAL);
    EXPECT(xenimage_open_mem(NULL, buf, 5) == -EINVAL);
    EXPECT(xenimage_open_file(img, NULL) == -EINVAL);
    EXPECT(!xenimage_info(img) && !xenimage_info(NULL));
    EXPECT(xenimage_segment(img, 0, &s) == -EINVAL);
    EXPECT(xenimage_note(img, 0, &n) == -EINVAL);
    EXPECT_ERR(img, xenimage_check(img, XENIMAGE_CHECK_PV), -EINVAL,
               "no image is open");
    EXPECT_ERR(img, xenimage_load(img, buf, sizeof(buf)), -EINVAL,
               "no image is open");
    EXPECT_ERR(img, xenimage_open_file(img, "/nonexistent/vmlinuz"), -ENOENT,
               "/nonexistent/vmlinuz: cannot open");
    EXPECT_ERR(img, xenimage_open_file(img, "/"), -EINVAL,
               "/: not a regular file");
    EXPECT_ERR(img, xenimage_open_mem(img, buf, 0), -ENOEXEC,
               "not a kernel image");
    EXPECT_STR(xenimage_note_name(XENIMAGE_NOTE_PHYS32_ENTRY), "PHYS32_ENTRY");
    EXPECT(!xenimage_note_name(100) && !xenimage_feature_name(40));
    EXPECT_STR(xenimage_feature_name(XENIMAGE_FEAT_dom0), "dom0");
    EXPECT_STR(xenimage_compression_name(XENIMAGE_COMP_LZ4_LEGACY),
               "lz4-legacy");
    EXPECT_STR(xenimage_compression_name((enum xenimage_compression)99), "?");
    xenimage_destroy(img);
}

/* A failed open leaves nothing; the handle can open another image. */
static void test_reopen(void)
{
    struct xenimage *img = xenimage_create();
    struct mk_elf e;
    size_t len;
    uint8_t *b;

    mk_elf_linux64(&e);
    b = mk_elf_build(&e, &len);
    EXPECT(!xenimage_open_mem(img, b, len) && xenimage_info(img));
    b[18] = 183; /* AArch64 */
    EXPECT_ERR(img, xenimage_open_mem(img, b, len), -ENOEXEC,
               "wrong architecture");
    EXPECT(!xenimage_info(img));
    EXPECT(xenimage_check(img, XENIMAGE_CHECK_PV) == -EINVAL);
    b[18] = 62;
    EXPECT(!xenimage_open_mem(img, b, len) && xenimage_info(img));
    EXPECT_STR(xenimage_error(img), "");
    EXPECT(xenimage_check(img, 0) == -EINVAL);
    EXPECT(xenimage_check(img, 8 | XENIMAGE_CHECK_PV) == -EINVAL);
    free(b);
    xenimage_destroy(img);
}

void test_check_cases(void);
void test_compress_cases(void);

/* Load IMAGE and write its memory image to OUT, for test_debian.sh. */
static int dump_load(const char *path, const char *out)
{
    struct xenimage *img = xenimage_create();
    const struct xenimage_info *in;
    uint8_t *buf = NULL;
    FILE *f = NULL;
    int rc = 1;

    if ( !img || xenimage_open_file(img, path) )
    {
        fprintf(stderr, "%s\n", xenimage_error(img));
        goto out;
    }
    in = xenimage_info(img);
    buf = malloc(in->load_size);
    if ( !buf )
        goto out;
    memset(buf, 0xa5, in->load_size); /* the loader must zero bss, holes */
    if ( xenimage_load(img, buf, in->load_size) )
    {
        fprintf(stderr, "%s\n", xenimage_error(img));
        goto out;
    }
    f = fopen(out, "wb");
    if ( f && fwrite(buf, 1, in->load_size, f) == in->load_size &&
         !fclose(f) )
        rc = 0;
    else if ( f )
        fclose(f);
 out:
    free(buf);
    xenimage_destroy(img);
    return rc;
}

int main(int argc, char **argv)
{
    if ( argc == 4 && !strcmp(argv[1], "--dump-load") )
        return dump_load(argv[2], argv[3]);
    if ( argc != 1 )
    {
        fprintf(stderr, "usage: test-xenimage [--dump-load IMAGE OUT]\n");
        return 2;
    }

    t_case("elf64-linux-notes", test_elf64_notes);
    t_case("elf32-pae-notes", test_elf32_notes);
    t_case("notes-in-sections", test_note_places);
    t_case("notes-aligned-8", test_note_align8);
    t_case("notes-override-and-unknown", test_note_override);
    t_case("legacy-xen-guest-section", test_guest_info);
    t_case("features-string", test_features);
    t_case("segment-kinds", test_segment_kinds);
    t_case("api-contract", test_api);
    t_case("reopen-after-failure", test_reopen);
    test_check_cases();
    test_compress_cases();
    test_corrupt_cases();
    test_load_cases();

    fprintf(stderr, "test-xenimage: %u cases passed, %u failed\n",
            t_passed_cases, t_failed_cases);
    return t_failed_cases ? 1 : 0;
}
