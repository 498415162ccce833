/*
 * The xl.cfg keys of Xen 4.17's xl.cfg(5) that an x86 PV, PVH or HVM guest
 * uses, each with its type, range and the libxl field it sets.  Simple keys
 * use the generic setters; the rest have their own handler below.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "from_xlcfg.h"

#define MAX_MEM_MB  (16LL << 20)    /* 16 TiB */
#define MAX_VCPUS   512

static int k_name(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    const char *s, *p;

    if ( x_string(c, k, v, &s) )
        return -1;
    if ( !*s )
        return x_err(c, v, "name: must not be empty");
    if ( strlen(s) > 64 )
        return x_err(c, v, "name: longer than 64 characters");
    for ( p = s; *p; p++ )
        if ( !isprint((unsigned char)*p) || *p == '/' )
            return x_err(c, v, "name: '%s' contains '/' or an unprintable "
                         "character", s);
    if ( strspn(s, "0123456789") == strlen(s) )
        return x_err(c, v, "name: \"%s\" is all digits and would be taken "
                     "for a domain id", s);
    return dc_set_str(c->c_info, "name", s) ? x_nomem(c, v) : 0;
}

static int k_uuid(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    const char *s;
    char u[37];

    if ( x_string(c, k, v, &s) )
        return -1;
    if ( dc_uuid_parse(s, u) )
        return x_err(c, v, "uuid: \"%s\" is not a UUID (expected "
                     "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", s);
    return dc_set_str(c->c_info, "uuid", u) ? x_nomem(c, v) : 0;
}

static int k_memory(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    long long n;

    if ( x_int(c, k, v, 1, MAX_MEM_MB, &n) )
        return -1;
    dc_set_int(c->b_info, "target_memkb", n * 1024);
    if ( !xlcfg_get(c->cfg, "maxmem") )
        dc_set_int(c->b_info, "max_memkb", n * 1024);
    return 0;
}

static int k_maxmem(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    long long n, target = dc_get_int(c->b_info, "target_memkb");

    if ( x_int(c, k, v, 1, MAX_MEM_MB, &n) )
        return -1;
    if ( target >= 0 && n * 1024 < target )
        return x_err(c, v, "maxmem: %lld MiB is less than memory (%lld MiB)",
                     n, target / 1024);
    /* Without memory=, xl leaves the target for libxl to default. */
    dc_set_int(c->b_info, "max_memkb", n * 1024);
    return 0;
}

static int k_vcpus(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    long long n, i;
    union dc_slot *avail = dc_slot(c->b_info, "avail_vcpus");

    if ( x_int(c, k, v, 1, c->type == 1 ? 128 : MAX_VCPUS, &n) )
        return -1;
    for ( i = 0; i < n; i++ )
        if ( dc_bitmap_set(avail, i) )
            return x_nomem(c, v);
    if ( !xlcfg_get(c->cfg, "maxvcpus") )
        dc_set_int(c->b_info, "max_vcpus", n);
    return 0;
}

static int k_maxvcpus(struct xctx *c, const struct xkey *k,
                      const xlcfg_value *v)
{
    long long n, i;
    union dc_slot *avail = dc_slot(c->b_info, "avail_vcpus");

    if ( x_int(c, k, v, 1, c->type == 1 ? 128 : MAX_VCPUS, &n) )
        return -1;
    if ( avail->v->n > (unsigned long long)n )
        return x_err(c, v, "maxvcpus: %lld is less than vcpus (%u)", n,
                     avail->v->n);
    if ( !avail->v->n )
        for ( i = 0; i < n; i++ )
            if ( dc_bitmap_set(avail, i) )
                return x_nomem(c, v);
    dc_set_int(c->b_info, "max_vcpus", n);
    return 0;
}

/*
 * cpus= / cpus_soft=: one string for every vCPU, or a list with one entry per
 * vCPU (as xl.cfg(5) describes), into vcpu_{hard,soft}_affinity.
 */
static int k_cpus(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    union dc_slot *arr = dc_slot(c->b_info, k->field);
    long long nvcpus = dc_get_int(c->b_info, "max_vcpus"), i;
    int is_list = xlcfg_value_type(v) == XLCFG_LIST;
    char *why = NULL;

    if ( nvcpus <= 0 )
        nvcpus = 1;
    if ( is_list && xlcfg_list_len(v) > nvcpus )
        return x_err(c, v, "%s: %u entries for %lld vCPUs", k->name,
                     xlcfg_list_len(v), nvcpus);
    if ( is_list )
        nvcpus = xlcfg_list_len(v);
    for ( i = 0; i < nvcpus; i++ )
    {
        const xlcfg_value *e = is_list ? xlcfg_list_elem(v, i) : v;
        const char *s;
        union dc_slot bm;

        if ( xlcfg_value_type(e) == XLCFG_NUMBER )
        {
            static char num[24];

            snprintf(num, sizeof(num), "%lld", xlcfg_value_number(e));
            s = num;
        }
        else if ( x_string(c, k, e, &s) )
            return -1;
        bm.v = calloc(1, sizeof(*bm.v));
        if ( !bm.v || dc_vec_push(arr, bm) )
        {
            free(bm.v);
            return x_nomem(c, e);
        }
        if ( dc_parse_cpus(&arr->v->e[arr->v->n - 1], s, &why) )
        {
            x_err(c, e, "%s: %s", k->name, why ? why : "out of memory");
            free(why);
            return -1;
        }
    }
    return 0;
}

static int k_action(struct xctx *c, const struct xkey *k, const xlcfg_value *v)
{
    static const struct { const char *cfg; long long val; } acts[] = {
        { "destroy", 1 }, { "restart", 2 }, { "rename-restart", 3 },
        { "preserve", 4 }, { "coredump-destroy", 5 },
        { "coredump-restart", 6 }, { "soft-reset", 7 },
    };
    static const char *const names[] = { "destroy", "restart",
        "rename-restart", "preserve", "coredump-destroy", "coredump-restart",
        "soft-reset", NULL };
    const char *s, *best;
    unsigned int i;

    if ( x_string(c, k, v, &s) )
        return -1;
    for ( i = 0; i < sizeof(acts) / sizeof(acts[0]); i++ )
        if ( !strcmp(s, acts[i].cfg) )
        {
            dc_set_int(c->root, k->name, acts[i].val);
            return 0;
        }
    best = xlcfg_closest(s, names);
    return x_err(c, v, "%s: unknown action \"%s\"%s%s%s: expected destroy, "
                 "restart, rename-restart, preserve, coredump-destroy, "
                 "coredump-restart or soft-reset", k->name, s,
                 best ? " (did you mean \"" : "", best ? best : "",
                 best ? "\"?)" : "");
}

/* kernel command line: cmdline=, or root= and extra= combined as xl does. */
static int k_cmdline(struct xctx *c, const struct xkey *k,
                     const xlcfg_value *v)
{
    const xlcfg_value *cv = xlcfg_get(c->cfg, "cmdline");
    const xlcfg_value *rv = xlcfg_get(c->cfg, "root");
    const xlcfg_value *ev = xlcfg_get(c->cfg, "extra");
    const char *cmd = NULL, *root = NULL, *extra = NULL;
    char *s;
    int rc;

    /* Called once per key; do the work on the first of them only. */
    if ( (cv && v != cv) || (!cv && rv && v != rv) )
        return 0;
    if ( (cv && x_string(c, k, cv, &cmd)) ||
         (rv && x_string(c, k, rv, &root)) ||
         (ev && x_string(c, k, ev, &extra)) )
        return -1;
    if ( cmd )
    {
        if ( root || extra )
            x_warn(c, cv, "ignoring root= and extra= in favour of cmdline=");
        return dc_set_str(c->b_info, "cmdline", cmd) ? x_nomem(c, v) : 0;
    }
    if ( root && extra )
        s = dc_strdup_printf("root=%s %s", root, extra);
    else if ( root )
        s = dc_strdup_printf("root=%s", root);
    else
        s = strdup(extra);
    if ( !s )
        return x_nomem(c, v);
    rc = dc_set_str(c->b_info, "cmdline", s);
    free(s);
    return rc ? x_nomem(c, v) : 0;
}

/* bootloader_args: a list, or (deprecated) one string split at spaces. */
static int k_bootloader_args(struct xctx *c, const struct xkey *k,
                             const xlcfg_value *v)
{
    union dc_slot *s = dc_slot(c->b_info, "bootloader_args");
    const char *str;
    char *copy, *tok, *save = NULL;

    if ( xlcfg_value_type(v) == XLCFG_LIST )
    {
        struct xkey k2 = *k;

        k2.target = T_BINFO;
        k2.field = "bootloader_args";
        return k_set_strlist(c, &k2, v);
    }
    if ( x_string(c, k, v, &str) )
        return -1;
    x_warn(c, v, "bootloader_args as a string is deprecated; use a list");
    copy = strdup(str);
    if ( !copy )
        return x_nomem(c, v);
    for ( tok = strtok_r(copy, " \t", &save); tok;
          tok = strtok_r(NULL, " \t", &save) )
    {
        union dc_slot item;

        item.s = strdup(tok);
        if ( !item.s || dc_vec_push(s, item) )
        {
            free(item.s);
            free(copy);
            return x_nomem(c, v);
        }
    }
    free(copy);
    return 0;
}

static int k_unsupported(struct xctx *c, const struct xkey *k,
                         const xlcfg_value *v)
{
    return x_err(c, v, "%s: %s", k->name, k->field);
}

#define STR(n, t, f, g)         { n, k_set_str, t, f, 0, 0, g, 0 }
#define INT(n, t, f, lo, hi, g) { n, k_set_int, t, f, lo, hi, g, 0 }
#define MB(n, t, f, lo, hi, g)  { n, k_set_mb, t, f, lo, hi, g, 0 }
#define DBOOL(n, t, f, g)       { n, k_set_defbool, t, f, 0, 0, g, 0 }
#define ENUM(n, t, f, g)        { n, k_set_enum, t, f, 0, 0, g, 0 }
#define LIST(n, t, f, g)        { n, k_set_strlist, t, f, 0, 0, g, 0 }
#define FN(n, fn, g)            { n, fn, T_ROOT, NULL, 0, 0, g, 0 }
#define NO(n, why)              { n, k_unsupported, T_ROOT, why, 0, 0, G_ALL, 0 }
#define ARM(n)                  NO(n, "only meaningful on Arm; this is x86")

const struct xkey dc_xl_keys[] = {
    /* Identity and type. */
    { "type", NULL, T_ROOT, NULL, 0, 0, G_ALL, 0 },
    { "builder", NULL, T_ROOT, NULL, 0, 0, G_ALL, 0 },
    FN("name", k_name, G_ALL),
    FN("uuid", k_uuid, G_ALL),
    STR("pool", T_CINFO, "pool_name", G_ALL),
    STR("seclabel", T_CINFO, "ssid_label", G_ALL),
    STR("init_seclabel", T_BINFO, "exec_ssid_label", G_ALL),
    DBOOL("driver_domain", T_CINFO, "driver_domain", G_ALL),
    ENUM("passthrough", T_CINFO, "passthrough", G_ALL),
    DBOOL("hap", T_CINFO, "hap", G_HVM | G_PVH),
    DBOOL("oos", T_CINFO, "oos", G_HVM),

    /* CPUs and memory. */
    FN("vcpus", k_vcpus, G_ALL),
    FN("maxvcpus", k_maxvcpus, G_ALL),
    { "cpus", k_cpus, T_BINFO, "vcpu_hard_affinity", 0, 0, G_ALL, 1 },
    { "cpus_soft", k_cpus, T_BINFO, "vcpu_soft_affinity", 0, 0, G_ALL, 1 },
    INT("cpu_weight", T_SCHED, "weight", 1, 65535, G_ALL),
    INT("cap", T_SCHED, "cap", 0, 100 * MAX_VCPUS, G_ALL),
    INT("period", T_SCHED, "period", 1, 2147483647LL, G_ALL),
    INT("slice", T_SCHED, "slice", 1, 2147483647LL, G_ALL),
    INT("latency", T_SCHED, "latency", 0, 2147483647LL, G_ALL),
    INT("extratime", T_SCHED, "extratime", 0, 1, G_ALL),
    FN("memory", k_memory, G_ALL),
    { "maxmem", k_maxmem, T_BINFO, NULL, 0, 0, G_ALL, 1 },
    MB("shadow_memory", T_BINFO, "shadow_memkb", 0, MAX_MEM_MB, G_HVM | G_PVH),
    MB("videoram", T_BINFO, "video_memkb", 1, 1024, G_HVM),
    NO("vnuma", "virtual NUMA is not supported by this toolstack yet"),
    ENUM("tsc_mode", T_BINFO, "tsc_mode", G_ALL),
    DBOOL("localtime", T_BINFO, "localtime", G_ALL),
    INT("rtc_timeoffset", T_BINFO, "rtc_timeoffset", -2147483647LL,
        2147483647LL, G_ALL),
    DBOOL("nomigrate", T_BINFO, "disable_migrate", G_ALL),
    INT("max_event_channels", T_BINFO, "event_channels", 1, 131072, G_ALL),
    INT("max_grant_frames", T_BINFO, "max_grant_frames", 1, 65536, G_ALL),
    INT("max_maptrack_frames", T_BINFO, "max_maptrack_frames", 0, 65536,
        G_ALL),
    INT("max_grant_version", T_BINFO, "max_grant_version", 1, 2, G_ALL),
    STR("blkdev_start", T_BINFO, "blkdev_start", G_ALL),
    DBOOL("msr_relaxed", T_X86, "msr_relaxed", G_ALL),
    DBOOL("vpmu", T_BINFO, "vpmu", G_ALL),
    INT("vmtrace_buf_kb", T_BINFO, "vmtrace_buf_kb", 0, 1 << 20, G_ALL),
    NO("cpuid", "CPUID policy strings are not supported by this toolstack "
       "yet"),

    /* Shutdown actions. */
    FN("on_poweroff", k_action, G_ALL),
    FN("on_reboot", k_action, G_ALL),
    FN("on_watchdog", k_action, G_ALL),
    FN("on_crash", k_action, G_ALL),
    FN("on_soft_reset", k_action, G_ALL),

    /* Boot. */
    STR("kernel", T_BINFO, "kernel", G_ALL),
    STR("ramdisk", T_BINFO, "ramdisk", G_ALL),
    FN("cmdline", k_cmdline, G_ALL),
    FN("root", k_cmdline, G_ALL),
    FN("extra", k_cmdline, G_ALL),
    STR("bootloader", T_BINFO, "bootloader", G_PV),
    FN("bootloader_args", k_bootloader_args, G_PV),
    STR("device_tree", T_BINFO, "device_tree", G_ALL),
    DBOOL("e820_host", T_PV, "e820_host", G_PV),
    DBOOL("pvshim", T_PVH, "pvshim", G_PVH),
    STR("pvshim_path", T_PVH, "pvshim_path", G_PVH),
    STR("pvshim_cmdline", T_PVH, "pvshim_cmdline", G_PVH),
    STR("pvshim_extra", T_PVH, "pvshim_extra", G_PVH),

    /* Devices. */
    FN("disk", k_disk, G_ALL),
    FN("vif", k_vif, G_ALL),
    FN("pci", k_pci, G_ALL),
    { "pci_permissive", k_pci_default, T_ROOT, NULL, 0, 0, G_ALL, 0 },
    { "pci_msitranslate", k_pci_default, T_ROOT, NULL, 1, 0, G_ALL, 0 },
    { "pci_seize", k_pci_default, T_ROOT, NULL, 2, 0, G_ALL, 0 },
    { "pci_power_mgmt", k_pci_default, T_ROOT, NULL, 3, 0, G_ALL, 0 },
    FN("pci_rdm_policy", k_pci_rdm_policy, G_ALL),
    FN("vfb", k_vfb, G_PV | G_PVH),
    FN("channel", k_channel, G_ALL),
    FN("vtpm", k_vtpm, G_ALL),
    FN("p9", k_p9, G_ALL),
    FN("usbctrl", k_usbctrl, G_ALL),
    FN("dtdev", k_dtdev, G_ALL),
    FN("ioports", k_ioports, G_ALL),
    FN("iomem", k_iomem, G_ALL),
    FN("irqs", k_irqs, G_ALL),
    NO("usbdev", "USB device passthrough is not supported by this toolstack "
       "yet"),
    NO("vdispl", "virtual displays are not supported by this toolstack yet"),
    NO("vsnd", "virtual sound is not supported by this toolstack yet"),
    NO("pvcalls", "PV calls are not supported by this toolstack yet"),
    NO("virtio", "virtio devices are not supported by this toolstack yet"),
    { "vkb", k_vkb, T_ROOT, NULL, 0, 0, G_ALL, 1 },   /* after vfb= */

    /* Device model. */
    FN("device_model_version", k_dm_version, G_ALL),
    STR("device_model_override", T_BINFO, "device_model", G_ALL),
    DBOOL("device_model_stubdomain_override", T_BINFO,
          "device_model_stubdomain", G_HVM),
    STR("device_model_stubdomain_seclabel", T_BINFO, "device_model_ssid_label",
        G_HVM),
    STR("device_model_user", T_BINFO, "device_model_user", G_ALL),
    LIST("device_model_args", T_BINFO, "extra", G_ALL),
    LIST("device_model_args_pv", T_BINFO, "extra_pv", G_PV | G_PVH),
    LIST("device_model_args_hvm", T_BINFO, "extra_hvm", G_HVM),
    DBOOL("dm_restrict", T_BINFO, "dm_restrict", G_ALL),
    MB("stubdomain_memory", T_BINFO, "stubdomain_memkb", 1, 65536, G_HVM),
    STR("stubdomain_kernel", T_BINFO, "stubdomain_kernel", G_HVM),
    STR("stubdomain_ramdisk", T_BINFO, "stubdomain_ramdisk", G_HVM),
    STR("stubdomain_cmdline", T_BINFO, "stubdomain_cmdline", G_HVM),

    /* Platform (acpi and apic apply to every x86 guest in 4.17). */
    DBOOL("acpi", T_BINFO, "acpi", G_ALL),
    DBOOL("apic", T_BINFO, "apic", G_HVM | G_PVH),
    DBOOL("nestedhvm", T_BINFO, "nested_hvm", G_HVM | G_PVH),
    ENUM("altp2m", T_BINFO, "altp2m", G_HVM),
    DBOOL("altp2mhvm", T_HVM, "altp2m", G_HVM),
    { "timer_mode", k_set_enum, T_BINFO, "timer_mode", 0, 3, G_HVM, 0 },
    DBOOL("pae", T_HVM, "pae", G_HVM),
    DBOOL("acpi_s3", T_HVM, "acpi_s3", G_HVM),
    DBOOL("acpi_s4", T_HVM, "acpi_s4", G_HVM),
    DBOOL("acpi_laptop_slate", T_HVM, "acpi_laptop_slate", G_HVM),
    DBOOL("nx", T_HVM, "nx", G_HVM),
    FN("viridian", k_viridian, G_HVM),
    DBOOL("hpet", T_HVM, "hpet", G_HVM),
    DBOOL("vpt_align", T_HVM, "vpt_align", G_HVM),
    MB("mmio_hole", T_HVM, "mmio_hole_memkb", 256, 3840, G_HVM),
    { "firmware", k_firmware, T_HVM, NULL, 0, 0, G_HVM | G_PVH, 0 },
    { "bios", k_firmware, T_HVM, NULL, 0, 0, G_HVM, 0 },
    STR("firmware_override", T_HVM, "firmware", G_HVM),
    STR("bios_path_override", T_HVM, "system_firmware", G_HVM),
    STR("smbios_firmware", T_HVM, "smbios_firmware", G_HVM),
    STR("acpi_firmware", T_HVM, "acpi_firmware", G_HVM),
    ENUM("hdtype", T_HVM, "hdtype", G_HVM),
    DBOOL("nographic", T_HVM, "nographic", G_HVM),
    FN("vga", k_vga, G_HVM),
    FN("stdvga", k_vga, G_HVM),
    DBOOL("vnc", T_HVM_VNC, "enable", G_HVM),
    STR("vnclisten", T_HVM_VNC, "listen", G_HVM),
    STR("vncpasswd", T_HVM_VNC, "passwd", G_HVM),
    INT("vncdisplay", T_HVM_VNC, "display", 0, 65535 - 5900, G_HVM),
    DBOOL("vncunused", T_HVM_VNC, "findunused", G_HVM),
    STR("keymap", T_HVM, "keymap", G_HVM),
    DBOOL("sdl", T_HVM_SDL, "enable", G_HVM),
    DBOOL("opengl", T_HVM_SDL, "opengl", G_HVM),
    STR("display", T_HVM_SDL, "display", G_HVM),
    STR("xauthority", T_HVM_SDL, "xauthority", G_HVM),
    DBOOL("spice", T_HVM_SPICE, "enable", G_HVM),
    INT("spiceport", T_HVM_SPICE, "port", 0, 65535, G_HVM),
    INT("spicetls_port", T_HVM_SPICE, "tls_port", 0, 65535, G_HVM),
    STR("spicehost", T_HVM_SPICE, "host", G_HVM),
    DBOOL("spicedisable_ticketing", T_HVM_SPICE, "disable_ticketing", G_HVM),
    STR("spicepasswd", T_HVM_SPICE, "passwd", G_HVM),
    DBOOL("spiceagent_mouse", T_HVM_SPICE, "agent_mouse", G_HVM),
    DBOOL("spicevdagent", T_HVM_SPICE, "vdagent", G_HVM),
    DBOOL("spice_clipboard_sharing", T_HVM_SPICE, "clipboard_sharing", G_HVM),
    INT("spiceusbredirection", T_HVM_SPICE, "usbredirection", 0, 16, G_HVM),
    STR("spice_image_compression", T_HVM_SPICE, "image_compression", G_HVM),
    STR("spice_streaming_video", T_HVM_SPICE, "streaming_video", G_HVM),
    FN("gfx_passthru", k_gfx_passthru, G_HVM),
    { "serial", k_serial, T_HVM, "serial", 0, 0, G_HVM, 0 },
    { "boot", k_set_nonempty, T_HVM, "boot", 0, 0, G_HVM, 0 },
    DBOOL("usb", T_HVM, "usb", G_HVM),
    INT("usbversion", T_HVM, "usbversion", 1, 3, G_HVM),
    { "usbdevice", k_serial, T_HVM, "usbdevice", 0, 0, G_HVM, 0 },
    DBOOL("vkb_device", T_HVM, "vkb_device", G_HVM),
    STR("soundhw", T_HVM, "soundhw", G_HVM),
    DBOOL("xen_platform_pci", T_HVM, "xen_platform_pci", G_HVM),
    ENUM("vendor_device", T_HVM, "vendor_device", G_HVM),
    FN("rdm", k_rdm, G_HVM),
    MB("rdm_mem_boundary", T_HVM, "rdm_mem_boundary_memkb", 1, 4096, G_HVM),
    FN("mca_caps", k_mca_caps, G_HVM),
    NO("ms_vm_genid", "VM generation IDs are not supported by this "
       "toolstack yet"),

    /* Arm-only keys: recognised, so that the message is not "unknown". */
    ARM("gic_version"),
    ARM("vuart"),
    ARM("tee"),
    ARM("sve"),
};
const unsigned int dc_xl_nkeys = sizeof(dc_xl_keys) / sizeof(dc_xl_keys[0]);
