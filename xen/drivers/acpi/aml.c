/*
 * The little AML the hypervisor reads: the \_S5 sleep type values.  Pure: unit-tested
 * on the host.
 */
#include <xen/lib.h>
#include <xen/acpi.h>

/*
 * \_S5: NameOp '_S5_' PackageOp PkgLength NumElements SLP_TYPa SLP_TYPb ...
 * where each value is ZeroOp (0), OneOp (1), BytePrefix (0x0a) + byte, or a raw byte.
 */
static bool parse_aml_byte(const u8 **p, const u8 *end, u8 *val)
{
    if ( *p >= end )
        return false;
    switch ( **p )
    {
    case 0x00: *val = 0; (*p)++; return true;
    case 0x01: *val = 1; (*p)++; return true;
    case 0x0a:
        if ( *p + 1 >= end )
            return false;
        *val = (*p)[1];
        *p += 2;
        return true;
    default:
        *val = **p;
        (*p)++;
        return true;
    }
}

bool acpi_parse_s5(const u8 *aml, size_t len, u8 *slp_typa, u8 *slp_typb)
{
    size_t i;

    for ( i = 1; i + 8 < len; i++ )
    {
        const u8 *p, *end = aml + len;
        unsigned int pkglen_bytes;

        if ( memcmp(aml + i, "_S5_", 4) )
            continue;
        /* NameOp directly before, or NameOp followed by the root prefix '\'. */
        if ( aml[i - 1] != 0x08 && !(i >= 2 && aml[i - 1] == '\\' && aml[i - 2] == 0x08) )
            continue;
        p = aml + i + 4;
        if ( *p++ != 0x12 )                 /* PackageOp */
            continue;
        pkglen_bytes = (*p >> 6) & 3;       /* extra PkgLength bytes */
        p += 1 + pkglen_bytes;
        p++;                                /* NumElements */
        if ( p >= end || !parse_aml_byte(&p, end, slp_typa) ||
             !parse_aml_byte(&p, end, slp_typb) )
            return false;
        return true;
    }
    return false;
}

