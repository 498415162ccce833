/*
 * A small vsnprintf: flags '-' and '0', a field width (or '*'), the length
 * modifiers l, ll and z, and the conversions d i u x X c s p %.
 * Output is always NUL-terminated when size > 0; the return value is the
 * length the full output would have had.
 */
#include <pvguest/lib.h>

struct outbuf {
    char *buf;
    size_t size, len;
};

static void put(struct outbuf *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void put_padded(struct outbuf *o, const char *s, size_t n,
                       unsigned int width, bool left, char pad)
{
    size_t i;

    if ( !left )
        for ( i = n; i < width; i++ )
            put(o, pad);
    for ( i = 0; i < n; i++ )
        put(o, s[i]);
    if ( left )
        for ( i = n; i < width; i++ )
            put(o, ' ');
}

/* Digits of v in base 10 or 16 into tmp (backwards); returns the start. */
static char *format_number(char *end, unsigned long long v, unsigned int base,
                           bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;

    do {
        *--p = digits[v % base];
        v /= base;
    } while ( v );
    return p;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct outbuf o = { buf, size, 0 };
    char tmp[24];

    for ( ; *fmt; fmt++ )
    {
        bool left = false, neg = false;
        char pad = ' ';
        unsigned int width = 0, lng = 0;
        unsigned long long v;
        const char *s;
        char *p;

        if ( *fmt != '%' )
        {
            put(&o, *fmt);
            continue;
        }
        fmt++;
        for ( ; *fmt == '-' || *fmt == '0'; fmt++ )
        {
            if ( *fmt == '-' )
                left = true;
            else
                pad = '0';
        }
        if ( *fmt == '*' )
        {
            width = va_arg(ap, unsigned int);
            fmt++;
        }
        for ( ; *fmt >= '0' && *fmt <= '9'; fmt++ )
            width = width * 10 + (*fmt - '0');
        for ( ; *fmt == 'l' || *fmt == 'z'; fmt++ )
            lng++;

        switch ( *fmt )
        {
        case 'd':
        case 'i':
        {
            long long sv = lng ? va_arg(ap, long long) : va_arg(ap, int);

            neg = sv < 0;
            v = neg ? -(unsigned long long)sv : (unsigned long long)sv;
            p = format_number(tmp + sizeof(tmp), v, 10, false);
            if ( neg )
                *--p = '-';
            put_padded(&o, p, tmp + sizeof(tmp) - p, width, left,
                       neg && pad == '0' ? ' ' : pad);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
            v = lng ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned int);
            p = format_number(tmp + sizeof(tmp), v, *fmt == 'u' ? 10 : 16,
                              *fmt == 'X');
            put_padded(&o, p, tmp + sizeof(tmp) - p, width, left, pad);
            break;
        case 'p':
            v = (unsigned long)va_arg(ap, void *);
            p = format_number(tmp + sizeof(tmp), v, 16, false);
            put(&o, '0');
            put(&o, 'x');
            put_padded(&o, p, tmp + sizeof(tmp) - p, width, left, pad);
            break;
        case 'c':
            tmp[0] = (char)va_arg(ap, int);
            put_padded(&o, tmp, 1, width, left, ' ');
            break;
        case 's':
            s = va_arg(ap, const char *);
            if ( !s )
                s = "(null)";
            put_padded(&o, s, strlen(s), width, left, ' ');
            break;
        case '%':
            put(&o, '%');
            break;
        case '\0':
            fmt--;
            break;
        default:
            put(&o, '%');
            put(&o, *fmt);
            break;
        }
    }
    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
