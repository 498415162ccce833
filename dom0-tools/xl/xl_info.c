/*
 * Commands that report on the host and on vCPUs: info, dmesg, vcpu-list,
 * uptime, sched-credit.  Formats are Xen 4.17 xl's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "xl.h"
#include "xldom.h"

/* One "key : value" line of xl info, or a JSON member. */
struct info_out {
    int json, n;
};

static void field(struct info_out *o, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void field(struct info_out *o, const char *key, const char *fmt, ...)
{
    va_list ap;
    char *val;
    const char *c;

    va_start(ap, fmt);
    if ( vasprintf(&val, fmt, ap) < 0 )
        val = NULL;
    va_end(ap);
    if ( !val )
        return;
    if ( !o->json )
        printf("%-23s: %s\n", key, val);
    else
    {
        printf("%s    \"%s\": \"", o->n++ ? ",\n" : "", key);
        for ( c = val; *c; c++ )
            if ( *c == '"' || *c == '\\' )
                printf("\\%c", *c);
            else if ( (unsigned char)*c < 0x20 )
                printf("\\u%04x", *c);
            else
                putchar(*c);
        putchar('"');
    }
    free(val);
}

static const char *sched_name(unsigned int id)
{
    switch ( id )
    {
    case XC_SCHEDULER_CREDIT: return "credit";
    case XC_SCHEDULER_CREDIT2: return "credit2";
    case XC_SCHEDULER_ARINC653: return "arinc653";
    case XC_SCHEDULER_RTDS: return "rtds";
    case XC_SCHEDULER_NULL: return "null";
    default: return "unknown";
    }
}

/* See xl.h: xl info [-n] [-j]. */
int main_info(int argc, char **argv)
{
    struct info_out o = { 0, 0 };
    int opt, numa = 0;
    xldom_ctx *ctx;
    xc_interface *xch;
    xc_physinfo_t pi;
    xc_version_info_t v;
    struct utsname u;
    unsigned int sched, free_cpus = 0, mib;
    char caps[128];
    long freed, used;

    while ( (opt = xl_getopt(argc, argv, "hnj", xl_long_opts, "info", 0))
            != -1 )
    {
        if ( opt == 'n' )
            numa = 1;
        else if ( opt == 'j' )
            o.json = 1;
    }
    if ( !(ctx = xl_open("info")) )
        return 1;
    xch = xldom_xc(ctx);
    if ( xc_physinfo(xch, &pi) || xc_version(xch, &v) ||
         xc_sched_id(xch, &sched) )
    {
        fprintf(stderr, "xl: info: %s\n", xc_error(xch));
        xldom_close(ctx);
        return 1;
    }
    if ( numa )
        fprintf(stderr, "xl: info: -n (NUMA topology) is not supported yet; "
                "printing the rest\n");
    if ( o.json )
        printf("{\n");
    if ( !uname(&u) )
    {
        field(&o, "host", "%s", u.nodename);
        field(&o, "release", "%s", u.release);
        field(&o, "version", "%s", u.version);
        field(&o, "machine", "%s", u.machine);
    }
    field(&o, "nr_cpus", "%u", pi.nr_cpus);
    field(&o, "max_cpu_id", "%u", pi.max_cpu_id);
    field(&o, "nr_nodes", "%u", pi.nr_nodes);
    field(&o, "cores_per_socket", "%u", pi.cores_per_socket);
    field(&o, "threads_per_core", "%u", pi.threads_per_core);
    field(&o, "cpu_mhz", "%u.%03u", pi.cpu_khz / 1000, pi.cpu_khz % 1000);
    field(&o, "hw_caps", "%08x:%08x:%08x:%08x:%08x:%08x:%08x:%08x",
          pi.hw_cap[0], pi.hw_cap[1], pi.hw_cap[2], pi.hw_cap[3],
          pi.hw_cap[4], pi.hw_cap[5], pi.hw_cap[6], pi.hw_cap[7]);
    snprintf(caps, sizeof(caps), "%s%s%s%s%s%s%s%s",
             pi.capabilities & XC_PHYSCAP_PV ? " pv" : "",
             pi.capabilities & XC_PHYSCAP_HVM ? " hvm" : "",
             (pi.capabilities & XC_PHYSCAP_HVM) &&
             (pi.capabilities & XC_PHYSCAP_DIRECTIO) ? " hvm_directio" : "",
             (pi.capabilities & XC_PHYSCAP_PV) &&
             (pi.capabilities & XC_PHYSCAP_DIRECTIO) ? " pv_directio" : "",
             pi.capabilities & XC_PHYSCAP_HAP ? " hap" : "",
             pi.capabilities & XC_PHYSCAP_SHADOW ? " shadow" : "",
             pi.capabilities & XC_PHYSCAP_GNTTAB_V1 ? " gnttab-v1" : "",
             pi.capabilities & XC_PHYSCAP_GNTTAB_V2 ? " gnttab-v2" : "");
    /* Each name comes with a space before it; the first is the one after
     * the colon. */
    field(&o, "virt_caps", "%s", caps[0] ? caps + 1 : "");
    mib = (1u << 20) / (v.pagesize ? v.pagesize : 4096);
    freed = xc_sharing_freed_pages(xch);
    used = xc_sharing_used_frames(xch);
    field(&o, "total_memory", "%llu", (unsigned long long)pi.total_pages / mib);
    field(&o, "free_memory", "%llu",
          (unsigned long long)(pi.free_pages - pi.outstanding_pages) / mib);
    field(&o, "sharing_freed_memory", "%ld", freed > 0 ? freed / mib : 0);
    field(&o, "sharing_used_memory", "%ld", used > 0 ? used / mib : 0);
    field(&o, "outstanding_claims", "%llu",
          (unsigned long long)pi.outstanding_pages / mib);
    if ( !xc_cpupool_free_cpus(xch, &free_cpus) )
        field(&o, "free_cpus", "%u", free_cpus);
    field(&o, "xen_major", "%d", v.major);
    field(&o, "xen_minor", "%d", v.minor);
    field(&o, "xen_extra", "%s", v.extra);
    field(&o, "xen_version", "%d.%d%s", v.major, v.minor, v.extra);
    field(&o, "xen_caps", "%s", v.capabilities);
    field(&o, "xen_scheduler", "%s", sched_name(sched));
    field(&o, "xen_pagesize", "%lu", v.pagesize);
    field(&o, "platform_params", "virt_start=0x%lx", v.virt_start);
    field(&o, "xen_changeset", "%s", v.changeset);
    field(&o, "xen_commandline", "%s", v.cmdline);
    field(&o, "cc_compiler", "%s", v.compiler);
    field(&o, "cc_compile_by", "%s", v.compile_by);
    field(&o, "cc_compile_domain", "%s", v.compile_domain);
    field(&o, "cc_compile_date", "%s", v.compile_date);
    field(&o, "build_id", "%s", v.build_id);
    field(&o, "xend_config_format", "4");
    if ( o.json )
        printf("\n}\n");
    xldom_close(ctx);
    return fflush(stdout) ? 1 : 0;
}

/* See xl.h: xl dmesg [-c]: the hypervisor's console ring. */
int main_dmesg(int argc, char **argv)
{
    int opt, clear = 0, rc = 0;
    xldom_ctx *ctx;
    char *buf;
    unsigned int size;
    uint32_t index = 0;
    unsigned int rounds;

    while ( (opt = xl_getopt(argc, argv, "hc", xl_long_opts, "dmesg", 0))
            != -1 )
        if ( opt == 'c' )
            clear = 1;
    if ( !(ctx = xl_open("dmesg")) )
        return 1;
    buf = malloc(16384);
    /* Incremental reads of 16 KiB from the oldest byte until none are
     * left; the ring is at most a few MiB, so the bound is generous. */
    for ( rounds = 0; buf && rounds < 65536; rounds++ )
    {
        size = 16384;
        if ( xc_readconsolering(xldom_xc(ctx), buf, &size, clear, 1,
                                &index) )
        {
            fprintf(stderr, "xl: dmesg: %s\n", xc_error(xldom_xc(ctx)));
            rc = 1;
            break;
        }
        if ( !size )
            break;
        fwrite(buf, 1, size, stdout);
    }
    free(buf);
    xldom_close(ctx);
    return rc || fflush(stdout) ? 1 : 0;
}

/* A CPU bitmap as xl prints it: "all", "none" or ranges "0-3,6". */
static void print_cpumap(const uint8_t *map, unsigned int nbits)
{
    unsigned int i, start = 0, runs = 0, set = 0;
    int in = 0;

    for ( i = 0; i < nbits; i++ )
        set += !!(map[i / 8] & (1u << (i % 8)));
    if ( !set )
    {
        printf("none");
        return;
    }
    if ( set == nbits )
    {
        printf("all");
        return;
    }
    for ( i = 0; i <= nbits; i++ )
    {
        int bit = i < nbits && (map[i / 8] & (1u << (i % 8)));

        if ( bit && !in )
        {
            start = i;
            in = 1;
        }
        else if ( !bit && in )
        {
            printf("%s%u", runs++ ? "," : "", start);
            if ( i - 1 > start )
                printf("-%u", i - 1);
            in = 0;
        }
    }
}

/* The vCPU lines of one domain. */
static void vcpus_of(xldom_ctx *ctx, uint32_t domid, unsigned int nr_cpus)
{
    xc_interface *xch = xldom_xc(ctx);
    xc_dominfo_t di;
    xc_vcpuinfo_t vi;
    uint8_t hard[512], soft[512];
    unsigned int v, nbits = nr_cpus ? nr_cpus : 1;
    char *name;

    if ( nbits > sizeof(hard) * 8 )
        nbits = sizeof(hard) * 8;
    if ( xc_domain_getinfo(xch, domid, &di) || di.max_vcpu_id == UINT32_MAX )
        return;
    name = xldom_name(ctx, domid);
    for ( v = 0; v <= di.max_vcpu_id; v++ )
    {
        if ( xc_vcpu_getinfo(xch, domid, v, &vi) )
            continue;
        memset(hard, 0, sizeof(hard));
        memset(soft, 0, sizeof(soft));
        if ( xc_vcpu_getaffinity(xch, domid, v, hard, soft, nbits) )
        {
            memset(hard, 0xff, sizeof(hard));
            memset(soft, 0xff, sizeof(soft));
        }
        printf("%-32s %5u %5u", name ? name : "(null)", domid, v);
        if ( !vi.online )
            printf("%5c %3c%cp ", '-', '-', '-');
        else
            printf("%5u %3c%c- ", vi.cpu, vi.running ? 'r' : '-',
                   vi.blocked ? 'b' : '-');
        printf("%9.1f  ", (float)vi.cpu_time / 1e9);
        print_cpumap(hard, nbits);
        printf(" / ");
        print_cpumap(soft, nbits);
        printf("\n");
    }
    free(name);
}

/* See xl.h: xl vcpu-list [Domain...]. */
int main_vcpu_list(int argc, char **argv)
{
    xldom_ctx *ctx;
    xc_physinfo_t pi;
    xc_dominfo_t *list = NULL;
    unsigned int n, i;
    uint32_t domid;
    char *err = NULL;
    int rc = 0;

    while ( xl_getopt(argc, argv, "hj", xl_long_opts, "vcpu-list", 0) != -1 )
        ;
    if ( !(ctx = xl_open("vcpu-list")) )
        return 1;
    if ( xc_physinfo(xldom_xc(ctx), &pi) )
    {
        fprintf(stderr, "libxl_physinfo failed.\n");
        xldom_close(ctx);
        return 1;
    }
    printf("%-32s %5s %5s %5s %5s %9s %s\n", "Name", "ID", "VCPU", "CPU",
           "State", "Time(s)", "Affinity (Hard / Soft)");
    if ( optind >= argc )
    {
        if ( xldom_list(ctx, &list, &n, &err) )
        {
            fprintf(stderr, "xl: %s\n", err);
            rc = 1;
        }
        else
            for ( i = 0; i < n; i++ )
                vcpus_of(ctx, list[i].domid, pi.nr_cpus);
    }
    else
        for ( ; optind < argc; optind++ )
        {
            if ( xl_find_domain(ctx, argv[optind], &domid) )
            {
                rc = 1;
                continue;
            }
            vcpus_of(ctx, domid, pi.nr_cpus);
        }
    free(err);
    free(list);
    xldom_close(ctx);
    return rc || fflush(stdout) ? 1 : 0;
}

/* Seconds as xl prints an uptime: "[D day(s), ]HH:MM[:SS]". */
static void print_duration(unsigned long s, int short_mode)
{
    unsigned long day = s / 86400, hour = s % 86400 / 3600,
                  min = s % 3600 / 60, sec = s % 60;

    if ( day > 1 )
        printf("%lu days, ", day);
    else if ( day == 1 )
        printf("%lu day, ", day);
    if ( short_mode )
        printf("%2lu:%02lu", hour, min);
    else
        printf("%2lu:%02lu:%02lu", hour, min, sec);
}

/* One uptime line; domain 0's from /proc/uptime, others' from the
 * start_time libxl records under /vm. */
static void uptime_of(xldom_ctx *ctx, uint32_t domid, int short_mode,
                      time_t now)
{
    char path[96], *vm, *st, *name, buf[64];
    unsigned long up, start;
    struct tm tm;
    int fd;
    ssize_t got;

    if ( domid == 0 )
    {
        fd = open("/proc/uptime", O_RDONLY | O_CLOEXEC);
        if ( fd < 0 )
            return;
        got = read(fd, buf, sizeof(buf) - 1);
        close(fd);
        if ( got <= 0 )
            return;
        buf[got] = '\0';
        up = strtoul(buf, NULL, 10);
    }
    else
    {
        snprintf(path, sizeof(path), "/local/domain/%u/vm", domid);
        vm = xldom_xs_read(ctx, path);
        if ( !vm )
            return;
        snprintf(path, sizeof(path), "%s/start_time", vm);
        free(vm);
        st = xldom_xs_read(ctx, path);
        if ( !st )
            return;
        start = strtoul(st, NULL, 10);
        free(st);
        up = (unsigned long)now > start ? (unsigned long)now - start : 0;
    }
    name = xldom_name(ctx, domid);
    if ( short_mode )
    {
        localtime_r(&now, &tm);
        strftime(buf, sizeof(buf), "%H:%M:%S", &tm);
        printf(" %s up ", buf);
        print_duration(up, 1);
        printf(", %s (%u)\n", name ? name : "(null)", domid);
    }
    else
    {
        printf("%-33s %4u ", name ? name : "(null)", domid);
        print_duration(up, 0);
        printf("\n");
    }
    free(name);
}

/* See xl.h: xl uptime [-s] [Domain...]. */
int main_uptime(int argc, char **argv)
{
    int opt, short_mode = 0, rc = 0;
    xldom_ctx *ctx;
    xc_dominfo_t *list = NULL;
    unsigned int n, i;
    uint32_t domid;
    char *err = NULL;
    time_t now;

    while ( (opt = xl_getopt(argc, argv, "hsj", xl_long_opts, "uptime", 0))
            != -1 )
        if ( opt == 's' )
            short_mode = 1;
    if ( !(ctx = xl_open("uptime")) )
        return 1;
    now = time(NULL);
    if ( !short_mode )
        printf("%-33s %4s %s\n", "Name", "ID", "Uptime");
    if ( optind >= argc )
    {
        if ( xldom_list(ctx, &list, &n, &err) )
        {
            fprintf(stderr, "xl: %s\n", err);
            rc = 1;
        }
        else
            for ( i = 0; i < n; i++ )
                uptime_of(ctx, list[i].domid, short_mode, now);
    }
    else
        for ( ; optind < argc; optind++ )
        {
            if ( xl_find_domain(ctx, argv[optind], &domid) )
                rc = 1;
            else
                uptime_of(ctx, domid, short_mode, now);
        }
    free(err);
    free(list);
    xldom_close(ctx);
    return rc || fflush(stdout) ? 1 : 0;
}
