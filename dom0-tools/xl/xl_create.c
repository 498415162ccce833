/*
 * xl create (with its dry run, which prints the domain's JSON, and the
 * monitor that stays behind each domain to apply on_poweroff, on_reboot
 * and on_crash), domxml-to-xl and domxml-from-xl.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "domcfg.h"
#include "xl.h"
#include "xlcfg.h"
#include "xldom.h"

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

/* Verbose messages of the lifecycle library (xl -v). */
static void print_log(void *opaque, const char *msg)
{
    (void)opaque;
    fprintf(stderr, "xl: %s\n", msg);
}

/* Create the domain described by d; its id in *domid.  0 or 1. */
static int start_domain(xldom_ctx *ctx, const domcfg *d, int paused,
                        const char *text, size_t len, uint32_t *domid)
{
    struct xldom_create_opts o = { paused, text, len,
                                   xl_verbose ? print_log : NULL, NULL };
    const char *name = domcfg_get_string(d, "c_info.name");
    char *err = NULL;

    if ( xldom_create(ctx, d, &o, domid, &err) )
    {
        fprintf(stderr, "xl: cannot create domain \"%s\": %s\n",
                name ? name : "?", err ? err : "out of memory");
        free(err);
        return 1;
    }
    return 0;
}

/* The action the config names for a shutdown reason ("destroy"...). */
static const char *action_for(const domcfg *d, unsigned int reason)
{
    static const char *const keys[] = { "on_poweroff", "on_reboot", NULL,
                                        "on_crash", "on_watchdog",
                                        "on_soft_reset" };
    const char *a = NULL;

    if ( reason < sizeof(keys) / sizeof(keys[0]) && keys[reason] )
        a = domcfg_get_string(d, keys[reason]);
    /* Suspend is for save/migrate, which wait for it themselves. */
    return a ? a : (reason == 2 ? "preserve" : "destroy");
}

/*
 * Xen's xl stays behind each domain it creates ("Waiting for domain ...
 * to die"): when the guest shuts down it applies on_poweroff, on_reboot,
 * on_crash... (destroy; restart = destroy and create again; preserve =
 * leave it).  It exits when the domain is gone.  Messages as xl's.
 */
static int monitor(const domcfg *d, uint32_t domid, const char *text,
                   size_t len)
{
    const char *name = domcfg_get_string(d, "c_info.name");
    xldom_ctx *ctx;
    enum xldom_event ev;
    xc_dominfo_t info;
    const char *action;
    char *err = NULL;

    if ( xldom_open(&ctx, &err) )
    {
        fprintf(stderr, "xl: monitor: %s\n", err);
        free(err);
        return 1;
    }
    fprintf(stderr, "Waiting for domain %s (domid %u) to die [pid %ld]\n",
            name, domid, (long)getpid());
    for ( ;; )
    {
        if ( xldom_wait(ctx, domid, -1, &ev, &info, &err) )
        {
            fprintf(stderr, "xl: monitor: %s\n", err);
            free(err);
            break;
        }
        if ( ev == XLDOM_EV_GONE )
        {
            fprintf(stderr, "Domain %u has been destroyed.\n", domid);
            break;
        }
        fprintf(stderr, "Domain %u has shut down, reason code %u 0x%x\n",
                domid, info.shutdown_reason, info.shutdown_reason);
        action = action_for(d, info.shutdown_reason);
        fprintf(stderr, "Action for shutdown reason code %u is %s\n",
                info.shutdown_reason, action);
        if ( !strcmp(action, "preserve") )
        {
            fprintf(stderr, "Done. Exiting now\n");
            break;
        }
        fprintf(stderr, "Domain %u needs to be cleaned up: destroying the "
                "domain\n", domid);
        if ( xldom_destroy(ctx, domid, &err) )
        {
            fprintf(stderr, "xl: monitor: %s\n", err);
            free(err);
            break;
        }
        if ( strstr(action, "restart") || !strcmp(action, "soft_reset") )
        {
            fprintf(stderr, "Done. Rebooting now\n");
            if ( start_domain(ctx, d, 0, text, len, &domid) )
                break;
            fprintf(stderr, "Waiting for domain %s (domid %u) to die [pid "
                    "%ld]\n", name, domid, (long)getpid());
            continue;
        }
        fprintf(stderr, "Done. Exiting now\n");
        break;
    }
    xldom_close(ctx);
    return 0;
}

/* Run the monitor in a daemon whose messages go to
 * /var/log/xen/xl-NAME.log, as Xen's xl does.  Returns in the parent. */
static void spawn_monitor(const domcfg *d, uint32_t domid, const char *text,
                          size_t len)
{
    const char *name = domcfg_get_string(d, "c_info.name");
    char log[512];
    pid_t pid;
    int fd;

    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if ( pid < 0 )
    {
        fprintf(stderr, "xl: cannot fork the domain's monitor: %s\n",
                strerror(errno));
        return;
    }
    if ( pid > 0 )
    {
        waitpid(pid, NULL, 0);
        return;
    }
    /* Detach twice so that the daemon is init's child. */
    setsid();
    if ( fork() != 0 )
        _exit(0);
    if ( chdir("/") )
        _exit(1);
    mkdir("/var/log/xen", 0755);
    snprintf(log, sizeof(log), "/var/log/xen/xl-%s.log", name);
    fd = open("/dev/null", O_RDONLY);
    if ( fd >= 0 )
    {
        dup2(fd, STDIN_FILENO);
        close(fd);
    }
    fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if ( fd < 0 )
        fd = open("/dev/null", O_WRONLY);
    if ( fd >= 0 )
    {
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        close(fd);
    }
    _exit(monitor(d, domid, text, len));
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
    int opt, dryrun = xl_dryrun, quiet = 0, paused = 0, console = 0;
    int foreground = 0, nowait = 0, vnc = 0, rc = 1;
    char *json = NULL, *text = NULL, *err = NULL;
    size_t len = 0;
    xldom_ctx *ctx = NULL;
    uint32_t domid;
    domcfg *d;

    while ( (opt = xl_getopt(argc, argv, "+hnqf:pcdFeVA", opts, "create",
                             0)) != -1 )
    {
        switch ( opt )
        {
        case 'f': file = optarg; break;
        case 'n': dryrun = 1; break;
        case 'q': quiet = 1; break;
        case 'p': paused = 1; break;
        case 'c': console = 1; break;
        case 'F': foreground = 1; break;
        case 'e': nowait = 1; break;
        case 'V': case 'A': vnc = 1; break;
        default: break;     /* -d: debug messages of the builder */
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
    if ( dryrun )
    {
        if ( domcfg_to_json(d, &json) )
        {
            fprintf(stderr, "Failed to convert domain configuration to "
                    "JSON\n");
            domcfg_free(d);
            return 1;
        }
        fputs(json, stdout);
        free(json);
        domcfg_free(d);
        return fflush(stdout) ? 1 : 0;
    }
    if ( !(ctx = xl_open("create")) )
        goto out;
    if ( vnc )
    {
        fprintf(stderr, "xl: create: -V/-A: PV guests here have no "
                "framebuffer to view\n");
        goto out;
    }
    if ( xldom_check_config(d, &err) )
    {
        fprintf(stderr, "xl: %s: %s\n", file, err);
        goto out;
    }
    /* The file as given is saved with the domain, as xl's userdata. */
    text = slurp(file, 4u << 20, &len, &err);
    if ( start_domain(ctx, d, paused, text, text ? len : 0, &domid) )
        goto out;
    rc = 0;
    if ( foreground )
    {
        xldom_close(ctx);
        ctx = NULL;
        monitor(d, domid, text, len);
        goto out;
    }
    if ( !nowait )
        spawn_monitor(d, domid, text, len);
    if ( console )
        rc = xl_console_attach(ctx, domid, quiet);
 out:
    free(err);
    free(text);
    xldom_close(ctx);
    domcfg_free(d);
    return rc;
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
