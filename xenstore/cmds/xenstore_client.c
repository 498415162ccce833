/*
 * xenstore_client.c: xenstore-read, -write, -rm, -exists, -list, -ls, -chmod,
 * -watch, as one program called by any of those names (or as "xenstore
 * <mode>").  Options and output follow Xen 4.17's commands: values are
 * printed with non-printable bytes escaped (\t \n \r \\ \xNN, \NNN below 8)
 * unless -R; several keys are handled in one transaction, retried on EAGAIN.
 */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <xenstore.h>

enum mode
{
    MODE_unknown,
    MODE_chmod,
    MODE_exists,
    MODE_list,
    MODE_ls,
    MODE_read,
    MODE_rm,
    MODE_write,
    MODE_watch,
};

static const struct
{
    const char *name;
    enum mode mode;
    const char *usage;
} modes[] = {
    { "chmod", MODE_chmod, "[-h] [-s] [-u] [-r] key <mode [modes...]>" },
    { "exists", MODE_exists, "[-h] [-s] key" },
    { "list", MODE_list, "[-h] [-s] [-p] key [...]" },
    { "ls", MODE_ls, "[-h] [-s] [-f] [-p] [path]" },
    { "read", MODE_read, "[-h] [-s] [-p] [-R] key [...]" },
    { "rm", MODE_rm, "[-h] [-s] [-t] key [...]" },
    { "write", MODE_write, "[-h] [-s] [-R] key value [...]" },
    { "watch", MODE_watch, "[-h] [-s] [-n NR] key" },
};

/* Everything printed inside a transaction waits here until it commits. */
static struct
{
    char *buf;
    size_t len, cap;
} out;

static void out_add(const char *data, size_t len)
{
    if ( out.len + len > out.cap )
    {
        size_t cap = (out.len + len) * 2 + 1024;
        char *n = realloc(out.buf, cap);

        if ( !n )
            err(1, "malloc");
        out.buf = n;
        out.cap = cap;
    }
    memcpy(out.buf + out.len, data, len);
    out.len += len;
}

static void outf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void outf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    int n;

    va_start(ap, fmt);
    n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if ( n < 0 )
        err(1, "output");
    out_add(s, n);
    free(s);
}

/* Escape a value for printing (the caller frees the result). */
static char *escape(const char *val, unsigned int len)
{
    char *res = malloc(len * 4 + 1), *p = res;
    unsigned int i;

    if ( !res )
        err(1, "malloc");
    for ( i = 0; i < len; i++ )
    {
        unsigned char c = val[i];

        if ( c >= ' ' && c <= '~' && c != '\\' )
            *p++ = c;
        else if ( c == '\t' )
            p += sprintf(p, "\\t");
        else if ( c == '\n' )
            p += sprintf(p, "\\n");
        else if ( c == '\r' )
            p += sprintf(p, "\\r");
        else if ( c == '\\' )
            p += sprintf(p, "\\\\");
        else if ( c < 010 )
            p += sprintf(p, "\\%03o", c);
        else
            p += sprintf(p, "\\x%02x", c);
    }
    *p = '\0';
    return res;
}

/* Undo escape(): in place is not possible for \\x.., so into out. */
static unsigned int unescape(const char *in, char *res)
{
    char *p = res;

    while ( *in )
    {
        int n = 0;
        unsigned int v;

        if ( *in != '\\' )
        {
            *p++ = *in++;
            continue;
        }
        in++;
        switch ( *in )
        {
        case 't': *p++ = '\t'; in++; break;
        case 'n': *p++ = '\n'; in++; break;
        case 'r': *p++ = '\r'; in++; break;
        case '\\': *p++ = '\\'; in++; break;
        case 'x':
            if ( sscanf(in + 1, "%2x%n", &v, &n) == 1 )
            {
                *p++ = v;
                in += 1 + n;
            }
            else
                in++;
            break;
        case '0': case '1': case '2': case '3':
        case '4': case '5': case '6': case '7':
            if ( sscanf(in, "%3o%n", &v, &n) == 1 )
            {
                *p++ = v;
                in += n;
            }
            break;
        case '\0':
            break;
        default:
            *p++ = *in++;
        }
    }
    *p = '\0';
    return p - res;
}

static int max_width = 80;
static int desired_width = 60;
static bool whole_path;

static void do_ls(struct xs_handle *h, const char *path, int depth,
                  bool show_perms)
{
    unsigned int num, i;
    char **names = xs_directory(h, XBT_NULL, path, &num);
    static const char tag[] = " = \"...\"";
    int taglen = sizeof(tag) - 1;

    if ( !names )
    {
        if ( depth && errno == ENOENT )
            return;     /* removed while we walk */
        err(1, "xs_directory (%s)", path);
    }
    for ( i = 0; i < num; i++ )
    {
        char *child, *val;
        unsigned int len;
        int width = 0;

        if ( asprintf(&child, "%s%s%s", path,
                      path[strlen(path) - 1] == '/' ? "" : "/", names[i]) < 0 )
            err(1, "malloc");
        if ( whole_path )
            fputs(child, stdout);
        else
        {
            for ( ; width < depth; width++ )
                putchar(' ');
            width += printf("%.*s", max_width - taglen - width, names[i]);
        }
        val = xs_read(h, XBT_NULL, child, &len);
        if ( !val )
            printf(":\n");
        else
        {
            char *esc = escape(val, len);

            if ( max_width < width + (int)strlen(esc) + taglen )
                printf(" = \"%.*s\\...\"", max_width - taglen - width, esc);
            else
            {
                width += printf(" = \"%s\"", esc);
                if ( show_perms )
                {
                    putchar(' ');
                    for ( width++;
                          width < (desired_width < max_width ? desired_width
                                                             : max_width);
                          width++ )
                        putchar((width & 1) ? '.' : ' ');
                }
            }
            free(esc);
        }
        free(val);
        if ( show_perms )
        {
            unsigned int np, k;
            struct xs_permissions *perms =
                xs_get_permissions(h, XBT_NULL, child, &np);

            if ( !perms )
                warn("\ncould not access permissions for %s", names[i]);
            else
            {
                fputs("  (", stdout);
                for ( k = 0; k < np; k++ )
                    printf("%s%c%u", k ? "," : "",
                           "nrwb"[perms[k].perms & 3], perms[k].id);
                putchar(')');
                free(perms);
            }
        }
        putchar('\n');
        do_ls(h, child, depth + 1, show_perms);
        free(child);
    }
    free(names);
}

static void do_chmod(struct xs_handle *h, xs_transaction_t t, char *path,
                     struct xs_permissions *perms, int nperms, bool upto,
                     bool recurse)
{
    if ( !path[0] )
        return;
    if ( !xs_set_permissions(h, t, path, perms, nperms) )
        err(1, "Error occurred setting permissions on '%s'", path);
    if ( upto )
    {
        char *slash = strrchr(path, '/');

        if ( !slash )
            errx(1, "Unable to locate path separator '/' in '%s'", path);
        *slash = '\0';
        do_chmod(h, t, path, perms, nperms, true, false);
        *slash = '/';
    }
    if ( recurse )
    {
        unsigned int n, i;
        char **kids = xs_directory(h, t, path, &n);

        for ( i = 0; kids && i < n; i++ )
        {
            char *child;

            if ( asprintf(&child, "%s/%s", path, kids[i]) < 0 )
                err(1, "malloc");
            do_chmod(h, t, child, perms, nperms, false, true);
            free(child);
        }
        free(kids);
    }
}

/* Remove path; with tidy also each parent left empty and valueless. */
static int do_rm(struct xs_handle *h, xs_transaction_t t, const char *key,
                 bool tidy)
{
    char *path = strdup(key);

    if ( !path )
        err(1, "malloc");
    for ( ;; )
    {
        char *slash, *val;
        unsigned int len, n;
        char **kids;

        if ( !xs_rm(h, t, path) )
        {
            warnx("could not remove path %s", path);
            free(path);
            return 1;
        }
        slash = strrchr(path, '/');
        if ( !tidy || !slash || slash == path )
            break;
        *slash = '\0';
        val = xs_read(h, t, path, &len);
        kids = val && !len ? xs_directory(h, t, path, &n) : NULL;
        free(val);
        free(kids);
        if ( !kids || n )
            break;
    }
    free(path);
    return 0;
}

static int perform(enum mode mode, int argc, char **argv,
                   struct xs_handle *h, xs_transaction_t t, bool prefix,
                   bool tidy, bool upto, bool recurse, bool raw)
{
    int i = 0;

    while ( i < argc )
    {
        switch ( mode )
        {
        case MODE_read:
        {
            unsigned int len;
            char *val = xs_read(h, t, argv[i], &len);

            if ( !val )
            {
                warnx("couldn't read path %s", argv[i]);
                return 1;
            }
            if ( prefix )
                outf("%s: ", argv[i]);
            if ( raw )
                out_add(val, len);
            else
            {
                char *esc = escape(val, len);

                outf("%s\n", esc);
                free(esc);
            }
            free(val);
            i++;
            break;
        }
        case MODE_write:
        {
            char *val = malloc(strlen(argv[i + 1]) + 1);
            unsigned int len;

            if ( !val )
                err(1, "malloc");
            if ( raw )
            {
                strcpy(val, argv[i + 1]);
                len = strlen(val);
            }
            else
                len = unescape(argv[i + 1], val);
            if ( !xs_write(h, t, argv[i], val, len) )
            {
                warnx("could not write path %s", argv[i]);
                free(val);
                return 1;
            }
            free(val);
            i += 2;
            break;
        }
        case MODE_rm:
            if ( do_rm(h, t, argv[i], tidy) )
                return 1;
            i++;
            break;
        case MODE_exists:
        {
            char *val = xs_read(h, t, argv[i], NULL);

            if ( !val )
                return 1;
            free(val);
            i++;
            break;
        }
        case MODE_list:
        {
            unsigned int n, k;
            char **kids = xs_directory(h, t, argv[i], &n);
            const char *pre = strcmp(argv[i], "/") ? argv[i] : "";

            if ( !kids )
            {
                warnx("could not list path %s", argv[i]);
                return 1;
            }
            for ( k = 0; k < n; k++ )
                outf("%s%s%s\n", prefix ? pre : "", prefix ? "/" : "",
                     kids[k]);
            free(kids);
            i++;
            break;
        }
        case MODE_ls:
            do_ls(h, argv[i], 0, prefix);
            i++;
            break;
        case MODE_chmod:
        {
            int nperms = argc - i - 1, k;
            struct xs_permissions *perms = calloc(nperms, sizeof(*perms));

            if ( !perms )
                err(1, "malloc");
            for ( k = 0; k < nperms; k++ )
            {
                const char *spec = argv[i + 1 + k];

                perms[k].id = atoi(spec + 1);
                switch ( spec[0] )
                {
                case 'n': perms[k].perms = XS_PERM_NONE; break;
                case 'r': perms[k].perms = XS_PERM_READ; break;
                case 'w': perms[k].perms = XS_PERM_WRITE; break;
                case 'b': perms[k].perms = XS_PERM_READ | XS_PERM_WRITE; break;
                default:
                    errx(1, "Invalid permission specification: '%c'", spec[0]);
                }
            }
            do_chmod(h, t, argv[i], perms, nperms, upto, recurse);
            free(perms);
            i = argc;
            break;
        }
        case MODE_watch:
        default:
            return 1;
        }
    }
    return 0;
}

static void usage(int code, enum mode mode, bool with_mode, const char *prog)
{
    unsigned int i;

    for ( i = 0; i < sizeof(modes) / sizeof(modes[0]); i++ )
        if ( modes[i].mode == mode )
        {
            fprintf(code ? stderr : stdout, "Usage: %s %s%s%s\n", prog,
                    with_mode ? modes[i].name : "", with_mode ? " " : "",
                    modes[i].usage);
            exit(code);
        }
    fprintf(code ? stderr : stdout,
            "Usage: %s <mode> [-h] [...]\n"
            "modes: read write rm exists list ls chmod watch\n",
            prog);
    exit(code);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "help", 0, NULL, 'h' },
        { "flat", 0, NULL, 'f' },
        { "socket", 0, NULL, 's' },
        { "prefix", 0, NULL, 'p' },
        { "tidy", 0, NULL, 't' },
        { "upto", 0, NULL, 'u' },
        { "recurse", 0, NULL, 'r' },
        { "number", 1, NULL, 'n' },
        { "raw", 0, NULL, 'R' },
        { NULL, 0, NULL, 0 },
    };
    const char *base = strrchr(argv[0], '/');
    const char *name = base ? base + 1 : argv[0];
    bool prefix = false, tidy = false, upto = false, recurse = false;
    bool raw = false, socket_only = false, with_mode = false, txn;
    enum mode mode = MODE_unknown;
    int nr_watches = -1, c, ret, nargs;
    unsigned int i;
    struct xs_handle *h;
    xs_transaction_t t = XBT_NULL;
    char **args;

    if ( !strncmp(name, "xenstore-", 9) )
        name += 9;
    else if ( argc < 2 )
        usage(1, MODE_unknown, false, argv[0]);
    else
    {
        name = argv[1];
        with_mode = true;
        argv++;
        argc--;
    }
    for ( i = 0; i < sizeof(modes) / sizeof(modes[0]); i++ )
        if ( !strcmp(name, modes[i].name) )
            mode = modes[i].mode;
    if ( mode == MODE_unknown )
    {
        if ( !strcmp(name, "-h") || !strcmp(name, "--help") )
            usage(0, MODE_unknown, false, argv[-1]);
        errx(1, "unknown mode %s", name);
    }

    while ( (c = getopt_long(argc, argv, "hfsptun:rR", longopts, NULL)) != -1 )
    {
        switch ( c )
        {
        case 'h':
            usage(0, mode, with_mode, with_mode ? argv[-1] : argv[0]);
            break;
        case 'f':
            if ( mode != MODE_ls )
                usage(1, mode, with_mode, argv[0]);
            max_width = INT_MAX / 2;
            desired_width = 0;
            whole_path = true;
            break;
        case 's':
            socket_only = true;
            break;
        case 'p':
            if ( mode != MODE_read && mode != MODE_list && mode != MODE_ls )
                usage(1, mode, with_mode, argv[0]);
            prefix = true;
            break;
        case 't':
            if ( mode != MODE_rm )
                usage(1, mode, with_mode, argv[0]);
            tidy = true;
            break;
        case 'u':
            if ( mode != MODE_chmod )
                usage(1, mode, with_mode, argv[0]);
            upto = true;
            break;
        case 'r':
            if ( mode != MODE_chmod )
                usage(1, mode, with_mode, argv[0]);
            recurse = true;
            break;
        case 'n':
            if ( mode != MODE_watch )
                usage(1, mode, with_mode, argv[0]);
            nr_watches = atoi(optarg);
            break;
        case 'R':
            if ( mode != MODE_read && mode != MODE_write )
                usage(1, mode, with_mode, argv[0]);
            raw = true;
            break;
        default:
            usage(1, mode, with_mode, argv[0]);
        }
    }
    args = argv + optind;
    nargs = argc - optind;
    if ( mode == MODE_ls && !nargs )
    {
        static char *root[] = { "/", NULL };

        args = root;
        nargs = 1;
    }
    if ( !nargs || (mode == MODE_write && nargs % 2) ||
         (mode == MODE_chmod && nargs < 2) )
        usage(1, mode, with_mode, argv[0]);

    if ( mode == MODE_ls && isatty(STDOUT_FILENO) )
    {
        struct winsize ws;

        if ( !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col > 2 &&
             !whole_path )
            max_width = ws.ws_col - 2;
    }

    h = xs_open(socket_only ? XS_OPEN_SOCKETONLY : 0);
    if ( !h )
        err(1, "xs_open");

    if ( mode == MODE_watch )
    {
        int k, count;

        for ( k = 0; k < nargs; k++ )
            if ( !xs_watch(h, args[k], args[k]) )
                errx(1, "Unable to add watch on %s", args[k]);
        for ( count = 0; nr_watches < 0 || count < nr_watches; count++ )
        {
            unsigned int num;
            char **vec = xs_read_watch(h, &num);

            if ( !vec )
                err(1, "xs_read_watch");
            printf("%s\n", vec[XS_WATCH_PATH]);
            fflush(stdout);
            free(vec);
        }
        xs_close(h);
        return 0;
    }

    txn = mode == MODE_read ? nargs > 1
          : mode == MODE_write ? nargs > 2
          : mode != MODE_ls;
    for ( ;; )
    {
        if ( txn )
        {
            t = xs_transaction_start(h);
            if ( t == XBT_NULL )
                errx(1, "couldn't start transaction");
        }
        ret = perform(mode, nargs, args, h, t, prefix, tidy, upto, recurse,
                      raw);
        if ( !txn || xs_transaction_end(h, t, ret != 0) )
            break;
        if ( ret || errno != EAGAIN )
            errx(1, "couldn't end transaction");
        out.len = 0;
    }
    if ( out.len )
        fwrite(out.buf, 1, out.len, stdout);
    free(out.buf);
    xs_close(h);
    return ret;
}
