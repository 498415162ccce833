/*
 * features.c: the FEATURES note, a '|'-separated list of XENFEAT names.
 *
 * Semantics of Xen's elf_xen_parse_features(): a name marks the feature as
 * supported, "!name" as required (and supported); names are compared as at
 * most 63 characters.  An unknown supported name is ignored, an unknown
 * required one makes Xen refuse the image.  Xen 4.17's libelf knows only the
 * seven names below, so a kernel requiring any other feature is refused too;
 * newer bits can be declared through SUPPORTED_FEATURES.
 */
#include <string.h>

#include "private.h"

#define FEATURE_NAME_MAX 63

/* The XENFEAT bits libelf accepts by name. */
static const unsigned int libelf_features[] = {
    0,  /* writable_page_tables */
    1,  /* writable_descriptor_tables */
    2,  /* auto_translated_physmap */
    3,  /* supervisor_mode_kernel */
    4,  /* pae_pgdir_above_4gb */
    8,  /* hvm_callback_vector */
    11, /* dom0 */
};

/* The XENFEAT bit called name (len bytes), or -1. */
static int feature_lookup(const char *name, size_t len)
{
    unsigned int i;
    const char *known;

    for ( i = 0; i < sizeof(libelf_features) / sizeof(libelf_features[0]);
          i++ )
    {
        known = xenimage_feature_name(libelf_features[i]);
        if ( strlen(known) == len && !memcmp(known, name, len) )
            return (int)libelf_features[i];
    }
    return -1;
}

/* Fold the FEATURES string s into info's supported and required bits. */
int features_parse(struct xenimage *img, const char *s)
{
    struct xenimage_info *info = &img->info;
    const char *item = s, *end;
    bool required;
    size_t len;
    int bit;

    while ( *item )
    {
        end = strchr(item, '|');
        len = end ? (size_t)(end - item) : strlen(item);
        required = len && item[0] == '!';
        if ( len > FEATURE_NAME_MAX )
            len = FEATURE_NAME_MAX;

        bit = feature_lookup(item + required, len - required);
        if ( bit >= 0 )
        {
            info->f_supported |= 1u << bit;
            if ( required )
                info->f_required |= 1u << bit;
        }
        else if ( required && !info->f_unknown_required )
        {
            size_t n = len - 1;

            if ( n >= sizeof(img->unknown_feature) )
                n = sizeof(img->unknown_feature) - 1;
            memcpy(img->unknown_feature, item + 1, n);
            img->unknown_feature[n] = '\0';
            info->f_unknown_required = img->unknown_feature;
        }
        if ( !end )
            break;
        item = end + 1;
    }
    return 0;
}
