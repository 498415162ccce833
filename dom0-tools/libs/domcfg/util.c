/*
 * Small helpers shared by the converters: formatted strings, UUID and MAC
 * parsing to canonical text, bitmap insertion.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domcfg_priv.h"

char *dc_strdup_printf(const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;

    va_start(ap, fmt);
    if ( vasprintf(&s, fmt, ap) < 0 )
        s = NULL;
    va_end(ap);
    return s;
}

/* Accept 8-4-4-4-12 hex digits (either case); write it lower-case. */
int dc_uuid_parse(const char *in, char out[37])
{
    static const int dash[] = { 8, 13, 18, 23 };
    unsigned int i, d = 0;

    if ( strlen(in) != 36 )
        return -1;
    for ( i = 0; i < 36; i++ )
    {
        if ( d < 4 && (int)i == dash[d] )
        {
            if ( in[i] != '-' )
                return -1;
            out[i] = '-';
            d++;
            continue;
        }
        if ( !isxdigit((unsigned char)in[i]) )
            return -1;
        out[i] = tolower((unsigned char)in[i]);
    }
    out[36] = '\0';
    return 0;
}

/* Accept six ':'-separated hex octets of one or two digits. */
int dc_mac_parse(const char *in, char out[18])
{
    unsigned int b[6], i;
    int n = 0;
    const char *p = in;

    for ( i = 0; i < 6; i++ )
    {
        char *end;
        unsigned long v;

        if ( !isxdigit((unsigned char)*p) )
            return -1;
        v = strtoul(p, &end, 16);
        if ( end - p > 2 || v > 0xff )
            return -1;
        b[i] = v;
        p = end;
        if ( i < 5 && *p++ != ':' )
            return -1;
    }
    if ( *p )
        return -1;
    n = snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
                 b[0], b[1], b[2], b[3], b[4], b[5]);
    return n == 17 ? 0 : -1;
}

/* Insert BIT into the sorted set of bitmap slot BM (no duplicates). */
int dc_bitmap_set(union dc_slot *bm, long long bit)
{
    struct dc_vec *v = bm->v;
    unsigned int i, j;
    union dc_slot item;

    for ( i = 0; i < v->n && v->e[i].i < bit; i++ )
        ;
    if ( i < v->n && v->e[i].i == bit )
        return 0;
    item.i = bit;
    if ( dc_vec_push(bm, item) )
        return -1;
    for ( j = v->n - 1; j > i; j-- )
        v->e[j] = v->e[j - 1];
    v->e[i] = item;
    return 0;
}
