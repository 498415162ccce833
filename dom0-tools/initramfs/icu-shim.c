/*
 * icu-shim.c: a stand-in for ICU's libicuuc in dom0's initramfs.
 *
 * Debian's libxml2 links ICU (libicuuc + libicudata, 33 MiB with libstdc++) for
 * converting documents in encodings it does not handle itself.  In dom0 the
 * initramfs lives in RAM, and a 256 MiB dom0 cannot afford that.  libxml2 calls
 * seven ICU functions; this library provides them, and every converter it is
 * asked to open is "unavailable", so libxml2 reports such an encoding as
 * unsupported.  UTF-8, UTF-16, ISO-8859-1 and ASCII, which libxml2 handles
 * itself, are unaffected.  mkdom0.sh builds it with ICU_SUFFIX set to the
 * version suffix of the symbols libxml2 imports (e.g. _72).
 */
#include <stddef.h>
#include <stdint.h>

#ifndef ICU_SUFFIX
#error "build with -DICU_SUFFIX=_<icu major version>"
#endif

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define ICU(name) CAT(name, ICU_SUFFIX)

/* ICU's UErrorCode values used here. */
#define U_FILE_ACCESS_ERROR 4
#define U_UNSUPPORTED_ERROR 16

typedef int UErrorCode;
typedef uint16_t UChar;

void *ICU(ucnv_open)(const char *name, UErrorCode *err);
void ICU(ucnv_close)(void *cnv);
void ICU(ucnv_convertEx)(void *to, void *from, char **target, const char *target_limit,
                         const char **source, const char *source_limit, UChar *pivot_start,
                         UChar **pivot_source, UChar **pivot_target, const UChar *pivot_limit,
                         int8_t reset, int8_t flush, UErrorCode *err);
void ICU(ucnv_setFromUCallBack)(void *cnv, void *cb, const void *ctx, void **old_cb,
                                const void **old_ctx, UErrorCode *err);
void ICU(ucnv_setToUCallBack)(void *cnv, void *cb, const void *ctx, void **old_cb,
                              const void **old_ctx, UErrorCode *err);
void ICU(UCNV_FROM_U_CALLBACK_STOP)(const void *ctx, void *args, const UChar *units,
                                    int32_t len, int32_t cp, int reason, UErrorCode *err);
void ICU(UCNV_TO_U_CALLBACK_STOP)(const void *ctx, void *args, const char *units,
                                  int32_t len, int reason, UErrorCode *err);

/* Every converter is unavailable: libxml2 then treats the encoding as unknown. */
void *ICU(ucnv_open)(const char *name, UErrorCode *err)
{
    (void)name;
    if ( err && *err <= 0 )
        *err = U_FILE_ACCESS_ERROR;
    return NULL;
}

void ICU(ucnv_close)(void *cnv)
{
    (void)cnv;
}

/* The remaining entry points are unreachable without a converter; they fail
 * cleanly should anything call them. */
void ICU(ucnv_convertEx)(void *to, void *from, char **target, const char *target_limit,
                         const char **source, const char *source_limit, UChar *pivot_start,
                         UChar **pivot_source, UChar **pivot_target, const UChar *pivot_limit,
                         int8_t reset, int8_t flush, UErrorCode *err)
{
    (void)to; (void)from; (void)target; (void)target_limit; (void)source;
    (void)source_limit; (void)pivot_start; (void)pivot_source; (void)pivot_target;
    (void)pivot_limit; (void)reset; (void)flush;
    if ( err && *err <= 0 )
        *err = U_UNSUPPORTED_ERROR;
}

void ICU(ucnv_setFromUCallBack)(void *cnv, void *cb, const void *ctx, void **old_cb,
                                const void **old_ctx, UErrorCode *err)
{
    (void)cnv; (void)cb; (void)ctx; (void)old_cb; (void)old_ctx;
    if ( err && *err <= 0 )
        *err = U_UNSUPPORTED_ERROR;
}

void ICU(ucnv_setToUCallBack)(void *cnv, void *cb, const void *ctx, void **old_cb,
                              const void **old_ctx, UErrorCode *err)
{
    (void)cnv; (void)cb; (void)ctx; (void)old_cb; (void)old_ctx;
    if ( err && *err <= 0 )
        *err = U_UNSUPPORTED_ERROR;
}

void ICU(UCNV_FROM_U_CALLBACK_STOP)(const void *ctx, void *args, const UChar *units,
                                    int32_t len, int32_t cp, int reason, UErrorCode *err)
{
    (void)ctx; (void)args; (void)units; (void)len; (void)cp; (void)reason; (void)err;
}

void ICU(UCNV_TO_U_CALLBACK_STOP)(const void *ctx, void *args, const char *units,
                                  int32_t len, int reason, UErrorCode *err)
{
    (void)ctx; (void)args; (void)units; (void)len; (void)reason; (void)err;
}
