/*
 * readnotes.c: xen-readnotes, print the Xen notes of a kernel image.
 *
 * Like Xen's tools/xcutils/readnotes: one "NAME: value" line per Xen note in
 * file order, then a summary of what a domain builder would do with the
 * image (extents, entry points, features, whether Xen accepts it as a PV or
 * PVH guest or dom0).  --json prints all of it as one object.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "readnotes.h"

#define PROG "xen-readnotes"

static void usage(FILE *f)
{
    fprintf(f,
"Usage: " PROG " [OPTION]... IMAGE\n"
"Print the Xen ELF notes of a guest kernel and what they mean.\n"
"\n"
"IMAGE is an ELF32 or ELF64 x86 kernel, possibly compressed (gzip, bzip2,\n"
"lzma, xz, lz4, zstd), or a Linux bzImage such as /boot/vmlinuz-*.\n"
"\n"
"  -j, --json          print one JSON object instead of text\n"
"  -c, --check=KIND    exit with status 1 unless Xen would accept the image\n"
"                      as KIND: pv, pv-dom0, pvh or pvh-dom0\n"
"  -l, --limit=SIZE    refuse images that are, decompress to, or load to\n"
"                      more than SIZE bytes (suffix K, M or G; default 1G)\n"
"  -h, --help          show this help and exit\n"
"\n"
"Exit status: 0 on success, 1 if the image is rejected or fails --check,\n"
"2 on a usage error.\n");
}

/* Parse "64M"-style sizes; 0 on error. */
static uint64_t parse_size(const char *s)
{
    char *end;
    uint64_t v, shift = 0;

    errno = 0;
    v = strtoull(s, &end, 0);
    if ( errno || end == s )
        return 0;
    switch ( *end )
    {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    }
    if ( *end || v > (UINT64_MAX >> shift) )
        return 0;
    return v << shift;
}

size_t readnotes_strlen(const void *desc, size_t len)
{
    return strnlen(desc, len);
}

/* Print bytes, escaping anything that is not printable ASCII. */
static void print_escaped(const uint8_t *p, size_t len)
{
    size_t i;

    for ( i = 0; i < len; i++ )
    {
        if ( p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\' )
            putchar(p[i]);
        else
            printf("\\x%02x", p[i]);
    }
}

static uint64_t le_number(const uint8_t *p, unsigned int size)
{
    uint64_t v = 0;

    while ( size-- )
        v = (v << 8) | p[size];
    return v;
}

/* One line per note, in the style of Xen's readnotes. */
static void print_note(const struct xenimage_note *n)
{
    const char *name = xenimage_note_name(n->type);
    const uint8_t *d = n->desc;
    unsigned int unit, i;

    switch ( n->type )
    {
    case XENIMAGE_NOTE_INFO:
    case XENIMAGE_NOTE_XEN_VERSION:
    case XENIMAGE_NOTE_GUEST_OS:
    case XENIMAGE_NOTE_GUEST_VERSION:
    case XENIMAGE_NOTE_LOADER:
    case XENIMAGE_NOTE_PAE_MODE:
    case XENIMAGE_NOTE_FEATURES:
    case XENIMAGE_NOTE_BSD_SYMTAB:
        printf("%s: ", name);
        print_escaped(d, readnotes_strlen(d, n->descsz));
        putchar('\n');
        return;
    case XENIMAGE_NOTE_L1_MFN_VALID:
        unit = n->descsz == 8 ? 4 : 8;
        printf("%s: mask=0x%" PRIx64 " value=0x%" PRIx64 "\n", name,
               le_number(d, unit), le_number(d + unit, unit));
        return;
    case XENIMAGE_NOTE_SUPPORTED_FEATURES:
        printf("%s: 0x%08" PRIx64 " (%u bytes)\n", name, le_number(d, 4),
               n->descsz);
        return;
    case XENIMAGE_NOTE_PHYS32_RELOC:
        break;
    default:
        if ( name )
        {
            printf("%s: 0x%0*" PRIx64 " (%u bytes)\n", name,
                   (int)(2 * n->descsz), le_number(d, n->descsz),
                   n->descsz);
            return;
        }
    }
    if ( name )
        printf("%s:", name);
    else
        printf("unknown note type %#x:", n->type);
    for ( i = 0; i < n->descsz && i < 64; i++ )
        printf(" %02x", d[i]);
    printf("%s (%u bytes)\n", n->descsz > 64 ? " ..." : "", n->descsz);
}

static void print_addr(const char *label, uint64_t v)
{
    if ( v == XENIMAGE_UNSET )
        printf("  %-19s none\n", label);
    else
        printf("  %-19s 0x%" PRIx64 "\n", label, v);
}

static void print_features(const char *label, uint32_t bits)
{
    unsigned int i;
    const char *name;

    printf("  %-19s", label);
    if ( !bits )
        printf(" none");
    for ( i = 0; i < 32; i++ )
    {
        if ( !(bits & (1u << i)) )
            continue;
        name = xenimage_feature_name(i);
        if ( name )
            printf(" %s", name);
        else
            printf(" bit%u", i);
    }
    putchar('\n');
}

static void print_container(const struct xenimage_info *in)
{
    if ( in->container == XENIMAGE_CONTAINER_BZIMAGE )
    {
        printf("  %-19s bzImage, boot protocol %u.%02u, %u setup sectors\n",
               "container:", in->boot_protocol >> 8, in->boot_protocol & 0xff,
               in->setup_sects);
        if ( in->kernel_version )
            printf("  %-19s %s\n", "kernel version:", in->kernel_version);
    }
    else
        printf("  %-19s %s\n", "container:",
               in->container == XENIMAGE_CONTAINER_ELF ? "ELF" :
               "compressed ELF");
    if ( in->compression != XENIMAGE_COMP_NONE )
        printf("  %-19s %s, %" PRIu64 " bytes at offset 0x%" PRIx64
               ", %" PRIu64 " bytes uncompressed\n", "payload:",
               xenimage_compression_name(in->compression), in->payload_size,
               in->payload_offset, in->elf_size);
}

static void print_summary(const char *path, struct xenimage *img,
                          const struct readnotes_checks *c)
{
    const struct xenimage_info *in = xenimage_info(img);
    struct xenimage_segment seg;
    unsigned int i;

    printf("\nSummary of %s:\n", path);
    print_container(in);
    printf("  %-19s ELF%u %s, %" PRIu64 " bytes, e_entry 0x%" PRIx64 "\n",
           "ELF:", in->elf_class,
           in->elf_machine == 62 ? "x86-64" : "i386", in->elf_size,
           in->elf_entry);
    for ( i = 0; !xenimage_segment(img, i, &seg); i++ )
        printf("  %-19s paddr 0x%" PRIx64 " vaddr 0x%" PRIx64 " filesz 0x%"
               PRIx64 " memsz 0x%" PRIx64 " %c%c%c\n", i ? "" : "segments:",
               seg.paddr, seg.vaddr, seg.filesz, seg.memsz,
               seg.flags & 4 ? 'R' : '-', seg.flags & 2 ? 'W' : '-',
               seg.flags & 1 ? 'X' : '-');
    printf("  %-19s 0x%" PRIx64 "-0x%" PRIx64 " (%" PRIu64 " bytes to load)\n",
           "physical:", in->pstart, in->pend, in->load_size);
    printf("  %-19s 0x%" PRIx64 "-0x%" PRIx64 "\n", "virtual:",
           in->virt_kstart, in->virt_kend);
    printf("  %-19s %s\n", "notes from:",
           in->legacy_guest_info ? "__xen_guest section" :
           in->notes_from_sections ? "SHT_NOTE sections" :
           in->nr_notes ? "PT_NOTE segments" : "nowhere (no Xen notes)");
    printf("  %-19s %s\n", "guest type:", in->guest_type);
    print_addr("virt base:", in->pv_virt_base);
    print_addr("PV entry:", in->pv_entry);
    print_addr("PVH entry:", in->phys_entry);
    print_addr("hypercall page:", in->virt_hypercall);
    print_addr("p2m base:", in->p2m_base);
    print_features("features:", in->f_supported);
    print_features("required:", in->f_required);
    for ( i = 0; i < READNOTES_NR_CHECKS; i++ )
    {
        char label[32];

        snprintf(label, sizeof(label), "as %s:", c->name[i]);
        if ( c->ok[i] )
            printf("  %-19s yes\n", label);
        else
            printf("  %-19s no: %s\n", label, c->reason[i]);
    }
}

/* Run the four checks, keeping reasons without the "path: " prefix. */
static void run_checks(struct xenimage *img, const char *path,
                       struct readnotes_checks *c)
{
    static const char *const names[] = { "pv", "pv-dom0", "pvh",
                                         "pvh-dom0" };
    static const unsigned int flags[] = {
        XENIMAGE_CHECK_PV, XENIMAGE_CHECK_PV | XENIMAGE_CHECK_DOM0,
        XENIMAGE_CHECK_PVH, XENIMAGE_CHECK_PVH | XENIMAGE_CHECK_DOM0,
    };
    size_t plen = strlen(path);
    const char *why;
    unsigned int i;

    for ( i = 0; i < READNOTES_NR_CHECKS; i++ )
    {
        c->name[i] = names[i];
        c->flags[i] = flags[i];
        c->ok[i] = !xenimage_check(img, flags[i]);
        why = xenimage_error(img);
        if ( !strncmp(why, path, plen) && !strncmp(why + plen, ": ", 2) )
            why += plen + 2;
        snprintf(c->reason[i], sizeof(c->reason[i]), "%s", why);
    }
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "json", no_argument, NULL, 'j' },
        { "check", required_argument, NULL, 'c' },
        { "limit", required_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct readnotes_checks checks;
    const char *check = NULL, *path;
    struct xenimage *img = NULL;
    struct xenimage_note note;
    uint64_t limit = XENIMAGE_DEFAULT_LIMIT;
    int json = 0, c, rc = 1;
    unsigned int i;

    while ( (c = getopt_long(argc, argv, "jc:l:h", opts, NULL)) != -1 )
    {
        switch ( c )
        {
        case 'j':
            json = 1;
            break;
        case 'c':
            check = optarg;
            break;
        case 'l':
            limit = parse_size(optarg);
            if ( limit < 4096 )
            {
                fprintf(stderr, PROG ": bad --limit \"%s\": need a size of "
                        "at least 4096 bytes\n", optarg);
                return 2;
            }
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if ( optind != argc - 1 )
    {
        fprintf(stderr, PROG ": expected exactly one IMAGE (try --help)\n");
        return 2;
    }
    path = argv[optind];
    if ( check && strcmp(check, "pv") && strcmp(check, "pv-dom0") &&
         strcmp(check, "pvh") && strcmp(check, "pvh-dom0") )
    {
        fprintf(stderr, PROG ": bad --check \"%s\": use pv, pv-dom0, pvh or "
                "pvh-dom0\n", check);
        return 2;
    }

    img = xenimage_create();
    if ( !img || xenimage_set_limit(img, limit) ||
         xenimage_open_file(img, path) )
    {
        fprintf(stderr, PROG ": %s\n", xenimage_error(img));
        goto out;
    }

    run_checks(img, path, &checks);
    if ( json )
        readnotes_json(stdout, path, img, &checks);
    else
    {
        for ( i = 0; !xenimage_note(img, i, &note); i++ )
            print_note(&note);
        print_summary(path, img, &checks);
    }

    rc = 0;
    for ( i = 0; check && i < READNOTES_NR_CHECKS; i++ )
        if ( !strcmp(check, checks.name[i]) && !checks.ok[i] )
        {
            fprintf(stderr, PROG ": %s: not accepted as %s: %s\n", path,
                    check, checks.reason[i]);
            rc = 1;
        }

 out:
    xenimage_destroy(img);
    if ( fflush(stdout) || ferror(stdout) )
    {
        fprintf(stderr, PROG ": error writing output\n");
        rc = 1;
    }
    return rc;
}
