/*
 * vsnprintf() for the hypervisor: the C formats (flags, width, precision, the
 * hh/h/l/ll/z/t/j length modifiers; d i u o x X c s p %) plus Xen's pointer
 * extensions:
 *   %pS  symbol+offset/size of a code address   %ps  symbol name only
 *   %pd  a domain as "d<id>"                   %pv  a vCPU as "d<id>v<id>"
 * It writes at most 'size' bytes including the NUL and returns the length the full
 * output would have had.
 */
#include <xen/lib.h>
#include <xen/symbols.h>
#include <xen/sched.h>

#define F_LEFT    0x01
#define F_PLUS    0x02
#define F_SPACE   0x04
#define F_SPECIAL 0x08
#define F_ZERO    0x10
#define F_UPPER   0x20
#define F_SIGNED  0x40

struct out {
    char *buf;
    size_t size;
    size_t len;
};

static void put(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void put_str(struct out *o, const char *s, int width, int prec, unsigned int flags)
{
    int len = 0, i;

    if ( !s )
        s = "(NULL)";
    while ( (prec < 0 || len < prec) && s[len] )
        len++;
    if ( !(flags & F_LEFT) )
        for ( i = len; i < width; i++ )
            put(o, ' ');
    for ( i = 0; i < len; i++ )
        put(o, s[i]);
    for ( i = len; i < width; i++ )
        put(o, ' ');
}

static void put_num(struct out *o, unsigned long long num, unsigned int base,
                    int width, int prec, unsigned int flags)
{
    const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[66], sign = 0;
    int i = 0, len;

    if ( flags & F_LEFT )
        flags &= ~F_ZERO;
    if ( flags & F_SIGNED )
    {
        if ( (long long)num < 0 )
        {
            sign = '-';
            num = 0 - num;
        }
        else if ( flags & F_PLUS )
            sign = '+';
        else if ( flags & F_SPACE )
            sign = ' ';
    }
    if ( num == 0 )
        tmp[i++] = '0';
    while ( num )
    {
        tmp[i++] = digits[num % base];
        num /= base;
    }
    if ( prec < i )
        prec = i;
    len = prec + (sign ? 1 : 0);
    if ( flags & F_SPECIAL )
        len += (base == 16) ? 2 : (base == 8 && tmp[i - 1] != '0') ? 1 : 0;

    if ( !(flags & (F_LEFT | F_ZERO)) )
        for ( ; width > len; width-- )
            put(o, ' ');
    if ( sign )
        put(o, sign);
    if ( flags & F_SPECIAL )
    {
        if ( base == 16 )
        {
            put(o, '0');
            put(o, (flags & F_UPPER) ? 'X' : 'x');
        }
        else if ( base == 8 && tmp[i - 1] != '0' )
            put(o, '0');
    }
    if ( flags & F_ZERO )
        for ( ; width > len; width-- )
            put(o, '0');
    for ( ; prec > i; prec-- )
        put(o, '0');
    while ( i-- > 0 )
        put(o, tmp[i]);
    for ( ; width > len; width-- )
        put(o, ' ');
}

/* The %p extensions; returns the number of format characters consumed after 'p'. */
static int put_pointer(struct out *o, const char *fmt, const void *p,
                       int width, int prec, unsigned int flags)
{
    char buf[KSYM_NAME_LEN + 48];

    switch ( *fmt )
    {
    case 'S':
    case 's':
    {
        unsigned long off, size;
        const char *name = symbols_lookup((unsigned long)p, &size, &off);

        if ( !name )
        {
            /* Not a hypervisor symbol: the plain address. */
            put_num(o, (unsigned long)p, 16, width < 0 ? 16 : width, prec, flags | F_ZERO);
            return 1;
        }
        if ( *fmt == 's' )
            put_str(o, name, width, prec, flags);
        else
        {
            snprintf(buf, sizeof(buf), "%s+%#lx/%#lx", name, off, size);
            put_str(o, buf, width, prec, flags);
        }
        return 1;
    }
    case 'd':
    {
        const struct domain *d = p;

        if ( !d )
            put_str(o, "d(NULL)", width, prec, flags);
        else if ( d->domain_id == DOMID_IDLE )
            put_str(o, "IDLE", width, prec, flags);
        else
        {
            snprintf(buf, sizeof(buf), "d%u", d->domain_id);
            put_str(o, buf, width, prec, flags);
        }
        return 1;
    }
    case 'v':
    {
        const struct vcpu *v = p;

        if ( !v )
            put_str(o, "v(NULL)", width, prec, flags);
        else if ( v->domain->domain_id == DOMID_IDLE )
        {
            snprintf(buf, sizeof(buf), "IDLEv%u", v->vcpu_id);
            put_str(o, buf, width, prec, flags);
        }
        else
        {
            snprintf(buf, sizeof(buf), "d%uv%u", v->domain->domain_id, v->vcpu_id);
            put_str(o, buf, width, prec, flags);
        }
        return 1;
    }
    }
    put_num(o, (unsigned long)p, 16, width < 0 ? 16 : width, prec, flags | F_ZERO);
    return 0;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { .buf = buf, .size = size, .len = 0 };

    for ( ; *fmt; fmt++ )
    {
        unsigned int flags = 0, base = 10;
        int width = -1, prec = -1, qual = 0;
        unsigned long long num;

        if ( *fmt != '%' )
        {
            put(&o, *fmt);
            continue;
        }

        for ( ;; )
        {
            fmt++;
            if ( *fmt == '-' ) flags |= F_LEFT;
            else if ( *fmt == '+' ) flags |= F_PLUS;
            else if ( *fmt == ' ' ) flags |= F_SPACE;
            else if ( *fmt == '#' ) flags |= F_SPECIAL;
            else if ( *fmt == '0' ) flags |= F_ZERO;
            else break;
        }

        if ( *fmt >= '0' && *fmt <= '9' )
        {
            width = 0;
            while ( *fmt >= '0' && *fmt <= '9' )
                width = width * 10 + (*fmt++ - '0');
        }
        else if ( *fmt == '*' )
        {
            fmt++;
            width = va_arg(args, int);
            if ( width < 0 )
            {
                width = -width;
                flags |= F_LEFT;
            }
        }

        if ( *fmt == '.' )
        {
            fmt++;
            prec = 0;
            if ( *fmt == '*' )
            {
                fmt++;
                prec = va_arg(args, int);
                if ( prec < 0 )
                    prec = -1;
            }
            else
                while ( *fmt >= '0' && *fmt <= '9' )
                    prec = prec * 10 + (*fmt++ - '0');
        }

        /* Length modifiers: 'H' = hh, 'h', 'l', 'L' = ll, 'z', 't', 'j'. */
        if ( *fmt == 'h' )
        {
            qual = 'h';
            if ( *++fmt == 'h' )
            {
                qual = 'H';
                fmt++;
            }
        }
        else if ( *fmt == 'l' )
        {
            qual = 'l';
            if ( *++fmt == 'l' )
            {
                qual = 'L';
                fmt++;
            }
        }
        else if ( *fmt == 'z' || *fmt == 't' || *fmt == 'j' )
        {
            qual = 'L';
            fmt++;
        }

        switch ( *fmt )
        {
        case 'c':
            if ( !(flags & F_LEFT) )
                while ( --width > 0 )
                    put(&o, ' ');
            put(&o, (char)va_arg(args, int));
            while ( --width > 0 )
                put(&o, ' ');
            continue;
        case 's':
            put_str(&o, va_arg(args, const char *), width, prec, flags);
            continue;
        case 'p':
            fmt += put_pointer(&o, fmt + 1, va_arg(args, const void *), width, prec, flags);
            continue;
        case '%':
            put(&o, '%');
            continue;
        case 'o':
            base = 8;
            break;
        case 'X':
            flags |= F_UPPER;
            /* fall through */
        case 'x':
            base = 16;
            break;
        case 'd':
        case 'i':
            flags |= F_SIGNED;
            break;
        case 'u':
            break;
        default:
            put(&o, '%');
            if ( *fmt )
                put(&o, *fmt);
            else
                fmt--;
            continue;
        }

        if ( qual == 'L' )
            num = va_arg(args, unsigned long long);
        else if ( qual == 'l' )
            num = (flags & F_SIGNED) ? (unsigned long long)va_arg(args, long)
                                     : va_arg(args, unsigned long);
        else
        {
            unsigned int v = va_arg(args, unsigned int);

            if ( qual == 'h' )
                num = (flags & F_SIGNED) ? (unsigned long long)(short)v : (unsigned short)v;
            else if ( qual == 'H' )
                num = (flags & F_SIGNED) ? (unsigned long long)(signed char)v : (unsigned char)v;
            else
                num = (flags & F_SIGNED) ? (unsigned long long)(int)v : v;
        }
        put_num(&o, num, base, width, prec, flags);
    }

    if ( o.size )
        o.buf[o.len < o.size ? o.len : o.size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(buf, size, fmt, args);
    va_end(args);
    return n;
}

/* As snprintf, but returns what was actually written (excluding the NUL). */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(buf, size, fmt, args);
    va_end(args);
    if ( size == 0 )
        return 0;
    return (size_t)n >= size ? (int)size - 1 : n;
}
