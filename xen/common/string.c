/*
 * The string and memory functions of xen/string.h.  Compiled with -fno-builtin,
 * so the compiler never turns these loops into calls to themselves.
 */
#include <xen/string.h>

/* Whole quadwords first, then the tail: far fewer iterations under emulation. */
void *memcpy(void *dst, const void *src, size_t n)
{
    void *ret = dst;
    size_t q = n >> 3, b = n & 7;

    __asm__ __volatile__ ( "rep movsq; mov %3, %%rcx; rep movsb"
                           : "+D" (dst), "+S" (src), "+c" (q) : "r" (b) : "memory" );
    return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ( d <= s || d >= s + n )
        return memcpy(dst, src, n);
    /* Overlapping with dst above src: copy backwards. */
    while ( n-- )
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    void *ret = dst;
    size_t q = n >> 3, b = n & 7;
    unsigned long pattern = 0x0101010101010101UL * (unsigned char)c;

    __asm__ __volatile__ ( "rep stosq; mov %3, %%rcx; rep stosb"
                           : "+D" (dst), "+c" (q) : "a" (pattern), "r" (b) : "memory" );
    return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for ( ; n; n--, x++, y++ )
        if ( *x != *y )
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;

    while ( *p )
        p++;
    return p - s;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while ( n < max && s[n] )
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while ( *a && *a == *b )
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

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

char *strchr(const char *s, int c)
{
    for ( ; ; s++ )
    {
        if ( *s == (char)c )
            return (char *)s;
        if ( !*s )
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for ( ; ; s++ )
    {
        if ( *s == (char)c )
            last = s;
        if ( !*s )
            return (char *)last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    for ( ; *haystack; haystack++ )
        if ( !strncmp(haystack, needle, n) )
            return (char *)haystack;
    return n ? NULL : (char *)haystack;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size )
    {
        size_t n = len < size - 1 ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
    size_t dlen = strnlen(dst, size);

    if ( dlen == size )
        return size + strlen(src);
    return dlen + strlcpy(dst + dlen, src, size - dlen);
}
