/*
 * Host-only commands over the config libraries: create (its dry run prints
 * the domain's JSON), domxml-to-xl and domxml-from-xl.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domcfg.h"
#include "xl.h"
#include "xlcfg.h"

static void print_warning(void *opaque, const char *msg)
{
    (void)opaque;
    fprintf(stderr, "%s\n", msg);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);

    return a >= b && !strcmp(s + a - b, suffix);
}

/* Read a whole file (at most MAX bytes); NULL with *ERR on failure. */
static char *slurp(const char *path, size_t max, size_t *len, char **err)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL;

    *err = NULL;
    if ( !f )
    {
        if ( asprintf(err, "%s: cannot open: %m", path) < 0 )
            *err = NULL;
        return NULL;
    }
    buf = malloc(max + 1);
    if ( buf )
    {
        *len = fread(buf, 1, max + 1, f);
        if ( ferror(f) || *len > max )
        {
            if ( asprintf(err, "%s: %s", path, ferror(f) ? "read error"
                                                         : "file too large") < 0 )
                *err = NULL;
            free(buf);
            buf = NULL;
        }
        else
            buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

/*
 * Load a domain from PATH (xl.cfg, or libvirt XML when it ends in .xml)
 * with KEY=VALUE overrides VARS applied after the file, as xl does.
 */
static domcfg *load_domain(const char *path, char **vars, int nvars)
{
    domcfg *d = domcfg_alloc();
    xlcfg *cfg = NULL;
    char *err = NULL, *text = NULL;
    size_t len = 0;
    int i;

    if ( !d )
        goto nomem;
    if ( ends_with(path, ".xml") )
    {
        if ( nvars )
        {
            fprintf(stderr, "xl: KEY=VALUE overrides apply to xl config "
                    "files, not to libvirt XML (%s)\n", vars[0]);
            goto fail;
        }
        text = slurp(path, 16u << 20, &len, &err);
        if ( !text || domcfg_from_xml(d, path, text, len, &err) )
            goto error;
        free(text);
        return d;
    }
    cfg = xlcfg_alloc();
    if ( !cfg )
        goto nomem;
    if ( xlcfg_parse_file(cfg, path, &err) )
        goto error;
    for ( i = 0; i < nvars; i++ )
        if ( xlcfg_parse(cfg, "<command line>", vars[i], strlen(vars[i]),
                         &err) )
            goto error;
    if ( domcfg_from_xlcfg(d, cfg, print_warning, NULL, &err) )
        goto error;
    xlcfg_free(cfg);
    return d;

 nomem:
    err = strdup("out of memory");
 error:
    fprintf(stderr, "xl: %s\n", err ? err : "out of memory");
 fail:
    free(err);
    free(text);
    xlcfg_free(cfg);
    domcfg_free(d);
    return NULL;
}

int main_create(int argc, char **argv)
{
    static const struct option opts[] = {
        { "dryrun", no_argument, NULL, 'n' },
        { "quiet", no_argument, NULL, 'q' },
        { "defconfig", required_argument, NULL, 'f' },
        { "vncviewer", no_argument, NULL, 'V' },
        { "vncviewer-autopass", no_argument, NULL, 'A' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    const char *file = NULL;
    int opt, dryrun = xl_dryrun, quiet = 0, rc;
    char *json = NULL;
    domcfg *d;

    while ( (opt = xl_getopt(argc, argv, "+hnqf:pcdFeVA", opts, "create",
                             0)) != -1 )
    {
        switch ( opt )
        {
        case 'f': file = optarg; break;
        case 'n': dryrun = 1; break;
        case 'q': quiet = 1; break;
        default: break;     /* -p -c -d -F -e -V -A act on a live domain */
        }
    }
    if ( !file && optind < argc && !strchr(argv[optind], '=') )
        file = argv[optind++];
    if ( !file )
    {
        fprintf(stderr, "xl create: no config file given; usage: xl create "
                "<ConfigFile> [options] [vars]\n");
        return 2;
    }
    if ( !quiet )
        fprintf(stderr, "Parsing config from %s\n", file);
    d = load_domain(file, argv + optind, argc - optind);
    if ( !d )
        return 1;
    if ( !dryrun )
    {
        rc = xl_require_hypervisor("create");
        if ( !rc )
        {
            fprintf(stderr, "xl: create: the domain builder is not part of "
                    "this toolstack yet; the config above is valid "
                    "(use -n to print it)\n");
            rc = 1;
        }
        domcfg_free(d);
        return rc;
    }
    if ( domcfg_to_json(d, &json) )
    {
        fprintf(stderr, "Failed to convert domain configuration to JSON\n");
        domcfg_free(d);
        return 1;
    }
    fputs(json, stdout);
    free(json);
    domcfg_free(d);
    return fflush(stdout) ? 1 : 0;
}

int main_domxml_to_xl(int argc, char **argv)
{
    static const struct option opts[] = {
        { "json", no_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    char *text, *err = NULL, *out = NULL;
    size_t len;
    domcfg *d;
    int opt, json = 0, rc = 1;

    while ( (opt = xl_getopt(argc, argv, "hj", opts, "domxml-to-xl",
                             1)) != -1 )
        if ( opt == 'j' )
            json = 1;
    text = slurp(argv[optind], 16u << 20, &len, &err);
    d = domcfg_alloc();
    if ( !text || !d || domcfg_from_xml(d, argv[optind], text, len, &err) )
        goto out;
    if ( json ? domcfg_to_json(d, &out) : domcfg_to_xlcfg(d, &out, &err) )
        goto out;
    fputs(out, stdout);
    rc = 0;
 out:
    if ( rc )
        fprintf(stderr, "xl: %s\n", err ? err : "out of memory");
    free(err);
    free(out);
    free(text);
    domcfg_free(d);
    return rc;
}

int main_domxml_from_xl(int argc, char **argv)
{
    char *err = NULL, *out = NULL;
    domcfg *d;
    int rc = 1;

    while ( xl_getopt(argc, argv, "h", NULL, "domxml-from-xl", 1) != -1 )
        ;
    d = load_domain(argv[optind], argv + optind + 1, argc - optind - 1);
    if ( !d )
        return 1;
    if ( domcfg_to_xml(d, &out, &err) )
        fprintf(stderr, "xl: %s\n", err ? err : "out of memory");
    else
    {
        fputs(out, stdout);
        rc = 0;
    }
    free(err);
    free(out);
    domcfg_free(d);
    return rc;
}
