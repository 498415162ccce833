/*
 * The string and memory functions the library and the compiler need
 * (gcc may emit calls to memset/memcpy/memmove/memcmp even when freestanding).
 * memset and memcpy use REP STOSB/MOVSB so that no compiler can turn their
 * loops back into calls to themselves.
 */
#include <pvguest/lib.h>

/* Fill n bytes at s with c; returns s. */
void *memset(void *s, int c, size_t n)
{
    void *d = s;

    asm volatile ( "rep stosb" : "+D" (d), "+c" (n) : "a" (c) : "memory" );
    return s;
}

/* Copy n bytes; the areas must not overlap.  Returns dst. */
void *memcpy(void *dst, const void *src, size_t n)
{
    void *d = dst;

    asm volatile ( "rep movsb" : "+D" (d), "+S" (src), "+c" (n) :: "memory" );
    return dst;
}

/* Copy n bytes between possibly overlapping areas.  Returns dst. */
void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ( !n || d <= s || d >= s + n )
        return memcpy(dst, src, n);
    /* Overlap with dst above src: copy backwards. */
    d += n - 1;
    s += n - 1;
    asm volatile ( "std; rep movsb; cld"
                   : "+D" (d), "+S" (s), "+c" (n) :: "memory" );
    return dst;
}

/* Compare n bytes as unsigned chars: <0, 0 or >0. */
int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;

    for ( ; n; n--, p++, q++ )
        if ( *p != *q )
            return *p - *q;
    return 0;
}

/* Length of a NUL-terminated string. */
size_t strlen(const char *s)
{
    size_t n = 0;

    while ( s[n] )
        n++;
    return n;
}

/* Length of s, at most max (no NUL needed within max). */
size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while ( n < max && s[n] )
        n++;
    return n;
}

/* Compare two strings: <0, 0 or >0. */
int strcmp(const char *a, const char *b)
{
    while ( *a && *a == *b )
    {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

/* Compare at most n characters of two strings. */
int strncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
    {
        if ( *a != *b )
            return (unsigned char)*a - (unsigned char)*b;
        if ( !*a )
            break;
    }
    return 0;
}

/* First occurrence of needle in haystack, or NULL. */
char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    for ( ; *haystack; haystack++ )
        if ( !strncmp(haystack, needle, n) )
            return (char *)haystack;
    return n ? NULL : (char *)haystack;
}
