/*
 * guest_info.c: the legacy "__xen_guest" section of pre-3.0.4 kernels.
 *
 * Semantics of Xen's elf_xen_parse_guest_info(): a NUL-terminated string of
 * comma-separated NAME=VALUE items (names up to 31 characters, values up to
 * 127).  HYPERCALL_PAGE is a page number relative to VIRT_BASE; PAE is
 * "yes[extended-cr3]" or anything starting "yes"; BSD_SYMTAB counts by its
 * presence.  Unknown names are ignored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define GUEST_NAME_MAX  31
#define GUEST_VALUE_MAX 127

static const struct {
    const char *name;
    unsigned int type;
} guest_strings[] = {
    { "LOADER", XENIMAGE_NOTE_LOADER },
    { "GUEST_OS", XENIMAGE_NOTE_GUEST_OS },
    { "GUEST_VER", XENIMAGE_NOTE_GUEST_VERSION },
    { "XEN_VER", XENIMAGE_NOTE_XEN_VERSION },
    { "PAE", XENIMAGE_NOTE_PAE_MODE },
    { "BSD_SYMTAB", XENIMAGE_NOTE_BSD_SYMTAB },
    { "FEATURES", XENIMAGE_NOTE_FEATURES },
};

/* Parse value as a C number (strtoull base 0), refusing anything else. */
static int guest_number(struct xenimage *img, const char *name,
                        const char *value, uint64_t *out)
{
    char *end;

    errno = 0;
    *out = strtoull(value, &end, 0);
    if ( !*value || *end || errno )
        return image_fail(img, -ENOEXEC,
                          "ELF: __xen_guest: %s=\"%s\" is not a number",
                          name, value);
    return 0;
}

/* Apply one NAME=VALUE item. */
static int guest_item(struct xenimage *img, const char *name,
                      const char *value)
{
    struct xenimage_info *info = &img->info;
    unsigned int i;
    uint64_t pfn;
    int rc;

    for ( i = 0; i < sizeof(guest_strings) / sizeof(guest_strings[0]); i++ )
        if ( !strcmp(name, guest_strings[i].name) )
            return image_note_string(img, guest_strings[i].type, value,
                                     strlen(value));

    if ( !strcmp(name, "VIRT_BASE") )
        return guest_number(img, name, value, &info->virt_base);
    if ( !strcmp(name, "VIRT_ENTRY") )
        return guest_number(img, name, value, &info->virt_entry);
    if ( !strcmp(name, "ELF_PADDR_OFFSET") )
        return guest_number(img, name, value, &info->paddr_offset);
    if ( !strcmp(name, "HYPERCALL_PAGE") )
    {
        rc = guest_number(img, name, value, &pfn);
        if ( !rc )
            info->virt_hypercall = pfn << 12;
        return rc;
    }
    return 0;
}

/* Copy at most max bytes of s[0, len) into buf as a C string. */
static void guest_copy(char *buf, size_t max, const char *s, size_t len)
{
    if ( len > max )
        len = max;
    memcpy(buf, s, len);
    buf[len] = '\0';
}

int guest_info_parse(struct xenimage *img, const uint8_t *s, size_t len)
{
    char name[GUEST_NAME_MAX + 1], value[GUEST_VALUE_MAX + 1];
    const char *p = (const char *)s, *end, *eq, *stop;
    struct xenimage_info *info = &img->info;
    int rc;

    stop = p + strnlen(p, len);
    while ( p < stop )
    {
        end = memchr(p, ',', stop - p);
        if ( !end )
            end = stop;
        eq = memchr(p, '=', end - p);
        guest_copy(name, GUEST_NAME_MAX, p, (eq ? eq : end) - p);
        if ( eq )
            guest_copy(value, GUEST_VALUE_MAX, eq + 1, end - eq - 1);
        else
            value[0] = '\0';
        rc = guest_item(img, name, value);
        if ( rc )
            return rc;
        p = end + (end < stop);
    }

    if ( info->virt_base != XENIMAGE_UNSET &&
         info->virt_hypercall != XENIMAGE_UNSET )
        info->virt_hypercall += info->virt_base;
    return 0;
}
