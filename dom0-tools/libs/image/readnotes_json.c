/*
 * readnotes_json.c: xen-readnotes --json.
 *
 * Addresses are hex strings ("0xffffffff80000000": 64-bit values do not
 * survive JSON's doubles), sizes are numbers, absent values are null.
 */
#include <inttypes.h>
#include <string.h>

#include "readnotes.h"

/* A JSON string of len bytes; bytes outside ASCII are taken as Latin-1. */
static void json_string(FILE *f, const char *s, size_t len)
{
    size_t i;

    fputc('"', f);
    for ( i = 0; i < len; i++ )
    {
        unsigned char ch = s[i];

        if ( ch == '"' || ch == '\\' )
            fprintf(f, "\\%c", ch);
        else if ( ch < 0x20 || ch >= 0x7f )
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

static void json_cstring(FILE *f, const char *s)
{
    if ( s )
        json_string(f, s, strlen(s));
    else
        fputs("null", f);
}

static void json_addr(FILE *f, uint64_t v)
{
    if ( v == XENIMAGE_UNSET )
        fputs("null", f);
    else
        fprintf(f, "\"0x%" PRIx64 "\"", v);
}

static uint64_t le_number(const uint8_t *p, unsigned int size)
{
    uint64_t v = 0;

    while ( size-- )
        v = (v << 8) | p[size];
    return v;
}

/* The note's value: a string, a number, a mask/value pair, or hex bytes. */
static void json_note_value(FILE *f, const struct xenimage_note *n)
{
    const uint8_t *d = n->desc;
    const char *name = xenimage_note_name(n->type);
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
        json_string(f, n->desc, readnotes_strlen(n->desc, n->descsz));
        return;
    case XENIMAGE_NOTE_L1_MFN_VALID:
        unit = n->descsz == 8 ? 4 : 8;
        fprintf(f, "{\"mask\": \"0x%" PRIx64 "\", \"value\": \"0x%" PRIx64
                "\"}", le_number(d, unit), le_number(d + unit, unit));
        return;
    case XENIMAGE_NOTE_SUPPORTED_FEATURES:
        fprintf(f, "\"0x%" PRIx64 "\"", le_number(d, 4));
        return;
    case XENIMAGE_NOTE_PHYS32_RELOC:
        break;
    default:
        if ( name )
        {
            fprintf(f, "\"0x%" PRIx64 "\"", le_number(d, n->descsz));
            return;
        }
    }
    fputc('"', f);
    for ( i = 0; i < n->descsz; i++ )
        fprintf(f, "%02x", d[i]);
    fputc('"', f);
}

static void json_notes(FILE *f, struct xenimage *img)
{
    struct xenimage_note n;
    unsigned int i;

    fputs("  \"notes\": [", f);
    for ( i = 0; !xenimage_note(img, i, &n); i++ )
    {
        fprintf(f, "%s\n    {\"type\": %u, \"name\": ", i ? "," : "", n.type);
        json_cstring(f, xenimage_note_name(n.type));
        fprintf(f, ", \"size\": %u, \"value\": ", n.descsz);
        json_note_value(f, &n);
        fputc('}', f);
    }
    fputs(i ? "\n  ],\n" : "],\n", f);
}

static void json_segments(FILE *f, struct xenimage *img)
{
    struct xenimage_segment s;
    unsigned int i;

    fputs("    \"segments\": [", f);
    for ( i = 0; !xenimage_segment(img, i, &s); i++ )
    {
        fprintf(f, "%s\n      {\"offset\": %" PRIu64 ", \"vaddr\": ",
                i ? "," : "", s.offset);
        json_addr(f, s.vaddr);
        fputs(", \"paddr\": ", f);
        json_addr(f, s.paddr);
        fprintf(f, ", \"filesz\": %" PRIu64 ", \"memsz\": %" PRIu64
                ", \"flags\": \"%c%c%c\"}", s.filesz, s.memsz,
                s.flags & 4 ? 'R' : '-', s.flags & 2 ? 'W' : '-',
                s.flags & 1 ? 'X' : '-');
    }
    fputs(i ? "\n    ]\n" : "]\n", f);
}

static void json_features(FILE *f, const char *key, uint32_t bits)
{
    unsigned int i, n = 0;
    const char *name;

    fprintf(f, "  \"%s\": [", key);
    for ( i = 0; i < 32; i++ )
    {
        if ( !(bits & (1u << i)) )
            continue;
        name = xenimage_feature_name(i);
        if ( n++ )
            fputs(", ", f);
        if ( name )
            fprintf(f, "\"%s\"", name);
        else
            fprintf(f, "\"bit%u\"", i);
    }
    fputs("],\n", f);
}

static void json_container(FILE *f, const struct xenimage_info *in)
{
    static const char *const containers[] = { "none", "ELF", "compressed",
                                               "bzImage" };

    fprintf(f, "  \"container\": \"%s\",\n", containers[in->container]);
    fprintf(f, "  \"compression\": \"%s\",\n",
            xenimage_compression_name(in->compression));
    fprintf(f, "  \"file_size\": %" PRIu64 ",\n", in->file_size);
    fprintf(f, "  \"payload_offset\": %" PRIu64 ",\n", in->payload_offset);
    fprintf(f, "  \"payload_size\": %" PRIu64 ",\n", in->payload_size);
    if ( in->advertised_size )
        fprintf(f, "  \"advertised_size\": %" PRIu64 ",\n",
                in->advertised_size);
    else
        fputs("  \"advertised_size\": null,\n", f);
    if ( in->container == XENIMAGE_CONTAINER_BZIMAGE )
    {
        fprintf(f, "  \"boot_protocol\": \"%u.%02u\",\n",
                in->boot_protocol >> 8, in->boot_protocol & 0xff);
        fprintf(f, "  \"setup_sects\": %u,\n", in->setup_sects);
        fputs("  \"kernel_version\": ", f);
        json_cstring(f, in->kernel_version);
        fputs(",\n", f);
    }
}

static void json_fields(FILE *f, const struct xenimage_info *in)
{
    static const char *const pae[] = { "no", "yes", "extended-cr3",
                                       "bimodal" };
    const struct {
        const char *key;
        uint64_t v;
    } nums[] = {
        { "virt_base", in->virt_base },
        { "paddr_offset", in->paddr_offset },
        { "virt_entry", in->virt_entry },
        { "hypercall_page", in->virt_hypercall },
        { "hv_start_low", in->hv_start_low },
        { "init_p2m", in->p2m_base },
        { "mod_start_pfn", in->mod_start_pfn },
        { "suspend_cancel", in->suspend_cancel },
        { "phys32_entry", in->phys_entry },
    };
    unsigned int i;

    fprintf(f, "  \"notes_from\": %s,\n",
            in->legacy_guest_info ? "\"__xen_guest\"" :
            in->notes_from_sections ? "\"sections\"" :
            in->nr_notes ? "\"segments\"" : "null");
    fputs("  \"guest_os\": ", f);
    json_cstring(f, in->guest_os);
    fputs(",\n  \"guest_version\": ", f);
    json_cstring(f, in->guest_version);
    fputs(",\n  \"xen_version\": ", f);
    json_cstring(f, in->xen_version);
    fputs(",\n  \"loader\": ", f);
    json_cstring(f, in->loader);
    fputs(",\n  \"features\": ", f);
    json_cstring(f, in->features);
    fputs(",\n  \"pae_mode\": ", f);
    json_cstring(f, in->pae_mode);
    fprintf(f, ",\n  \"pae\": \"%s\",\n", pae[in->pae]);
    fprintf(f, "  \"bsd_symtab\": %s,\n", in->bsd_symtab ? "true" : "false");
    for ( i = 0; i < sizeof(nums) / sizeof(nums[0]); i++ )
    {
        fprintf(f, "  \"%s\": ", nums[i].key);
        json_addr(f, nums[i].v);
        fputs(",\n", f);
    }
    json_features(f, "supported_features", in->f_supported);
    json_features(f, "required_features", in->f_required);
}

static void json_layout(FILE *f, const struct xenimage_info *in)
{
    fprintf(f, "  \"guest_type\": \"%s\",\n", in->guest_type);
    fputs("  \"pstart\": ", f);
    json_addr(f, in->pstart);
    fputs(",\n  \"pend\": ", f);
    json_addr(f, in->pend);
    fprintf(f, ",\n  \"load_size\": %" PRIu64 ",\n", in->load_size);
    fputs("  \"pv\": {\"virt_base\": ", f);
    json_addr(f, in->pv_virt_base);
    fputs(", \"paddr_offset\": ", f);
    json_addr(f, in->pv_paddr_offset);
    fputs(", \"virt_kstart\": ", f);
    json_addr(f, in->virt_kstart);
    fputs(", \"virt_kend\": ", f);
    json_addr(f, in->virt_kend);
    fputs(", \"entry\": ", f);
    json_addr(f, in->pv_entry);
    fputs("},\n", f);
}

static void json_checks(FILE *f, const struct readnotes_checks *c)
{
    unsigned int i;

    fputs("  \"checks\": {", f);
    for ( i = 0; i < READNOTES_NR_CHECKS; i++ )
    {
        fprintf(f, "%s\n    \"%s\": {\"ok\": %s", i ? "," : "", c->name[i],
                c->ok[i] ? "true" : "false");
        if ( !c->ok[i] )
        {
            fputs(", \"reason\": ", f);
            json_cstring(f, c->reason[i]);
        }
        fputc('}', f);
    }
    fputs("\n  }\n", f);
}

void readnotes_json(FILE *f, const char *path, struct xenimage *img,
                    const struct readnotes_checks *checks)
{
    const struct xenimage_info *in = xenimage_info(img);

    fputs("{\n  \"file\": ", f);
    json_cstring(f, path);
    fputs(",\n", f);
    json_container(f, in);
    fprintf(f, "  \"elf\": {\n    \"class\": %u,\n    \"machine\": \"%s\",\n",
            in->elf_class, in->elf_machine == 62 ? "x86-64" : "i386");
    fputs("    \"entry\": ", f);
    json_addr(f, in->elf_entry);
    fprintf(f, ",\n    \"size\": %" PRIu64 ",\n", in->elf_size);
    json_segments(f, img);
    fputs("  },\n", f);
    json_notes(f, img);
    json_fields(f, in);
    json_layout(f, in);
    json_checks(f, checks);
    fputs("}\n", f);
}
