/*
 * Model -> xl.cfg text (for domxml-to-xl).  It writes the keys that
 * domcfg_from_xlcfg reads back into the same model for what libvirt XML can
 * express: identity, memory, vCPUs, boot, actions, platform flags, disks,
 * nics, graphics and serial.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domcfg_priv.h"

/* Write S as a quoted xl.cfg string, escaping what needs it. */
static void quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for ( ; *s; s++ )
    {
        unsigned char c = (unsigned char)*s;

        if ( c == '"' || c == '\\' )
            fprintf(f, "\\%c", c);
        else if ( c == '\n' )
            fputs("\\n", f);
        else if ( c == '\t' )
            fputs("\\t", f);
        else if ( c < 0x20 || c == 0x7f )
            fprintf(f, "\\x%02x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void kv_str(FILE *f, const char *key, const char *val)
{
    if ( !val )
        return;
    fprintf(f, "%s = ", key);
    quoted(f, val);
    fputc('\n', f);
}

static void kv_bool(FILE *f, const char *key, long long defbool)
{
    if ( defbool )
        fprintf(f, "%s = %d\n", key, defbool > 0);
}

static const char *action_cfg(long long v)
{
    static const char *const names[] = { NULL, "destroy", "restart",
        "rename-restart", "preserve", "coredump-destroy", "coredump-restart",
        "soft-reset" };

    return v >= 1 && v <= 7 ? names[v] : NULL;
}

static void disk_spec(FILE *f, const struct dc_obj *d)
{
    char spec[4200];
    long long fmt = dc_get_int(d, "format"), be = dc_get_int(d, "backend");
    size_t off;

    off = snprintf(spec, sizeof(spec), "format=%s, vdev=%s, access=%s",
                   fmt && fmt != 5 ? dc_enum_json(&dc_enum_disk_format, fmt)
                                   : "raw",
                   dc_get_str(d, "vdev"), dc_get_int(d, "readwrite") ? "rw"
                                                                     : "ro");
    if ( dc_get_int(d, "is_cdrom") && off < sizeof(spec) )
        off += snprintf(spec + off, sizeof(spec) - off, ", devtype=cdrom");
    if ( be && off < sizeof(spec) )
        off += snprintf(spec + off, sizeof(spec) - off, ", backendtype=%s",
                        dc_enum_json(&dc_enum_disk_backend, be));
    if ( dc_get_str(d, "pdev_path") && off < sizeof(spec) )
        snprintf(spec + off, sizeof(spec) - off, ", target=%s",
                 dc_get_str(d, "pdev_path"));
    quoted(f, spec);
}

static void nic_spec(FILE *f, const struct dc_obj *o)
{
    static const struct { const char *key, *field; } m[] = {
        { "mac", "mac" }, { "bridge", "bridge" }, { "ip", "ip" },
        { "script", "script" }, { "vifname", "ifname" }, { "model", "model" },
    };
    char spec[2048] = "";
    size_t off = 0;
    unsigned int i;

    for ( i = 0; i < sizeof(m) / sizeof(m[0]) && off < sizeof(spec); i++ )
        if ( dc_get_str(o, m[i].field) )
            off += snprintf(spec + off, sizeof(spec) - off, "%s%s=%s",
                            off ? "," : "", m[i].key,
                            dc_get_str(o, m[i].field));
    if ( dc_get_int(o, "nictype") && off < sizeof(spec) )
        snprintf(spec + off, sizeof(spec) - off, "%stype=%s", off ? "," : "",
                 dc_get_int(o, "nictype") == 1 ? "ioemu" : "vif");
    quoted(f, spec);
}

static void list(FILE *f, const char *key, const struct dc_vec *v,
                 void (*one)(FILE *, const struct dc_obj *))
{
    unsigned int i;

    if ( !v->n )
        return;
    fprintf(f, "%s = [ ", key);
    for ( i = 0; i < v->n; i++ )
    {
        if ( i )
            fputs(", ", f);
        one(f, v->e[i].o);
    }
    fputs(" ]\n", f);
}

static void vfb_spec(FILE *f, const struct dc_obj *o)
{
    const struct dc_obj *vnc = dc_get_obj(o, "vnc"), *sdl = dc_get_obj(o, "sdl");
    char spec[1024];
    size_t off = 0;

    spec[0] = '\0';
    if ( dc_get_int(vnc, "enable") > 0 )
        off += snprintf(spec + off, sizeof(spec) - off, "vnc=1");
    if ( dc_get_int(vnc, "findunused") && off < sizeof(spec) )
        off += snprintf(spec + off, sizeof(spec) - off, "%svncunused=%d",
                        off ? "," : "", dc_get_int(vnc, "findunused") > 0);
    if ( dc_get_int(vnc, "display") && off < sizeof(spec) )
        off += snprintf(spec + off, sizeof(spec) - off, "%svncdisplay=%lld",
                        off ? "," : "", dc_get_int(vnc, "display"));
    if ( dc_get_str(vnc, "listen") && off < sizeof(spec) )
        off += snprintf(spec + off, sizeof(spec) - off, "%svnclisten=%s",
                        off ? "," : "", dc_get_str(vnc, "listen"));
    if ( dc_get_str(vnc, "passwd") && off < sizeof(spec) )
        off += snprintf(spec + off, sizeof(spec) - off, "%svncpasswd=%s",
                        off ? "," : "", dc_get_str(vnc, "passwd"));
    if ( dc_get_str(o, "keymap") && off < sizeof(spec) )
        off += snprintf(spec + off, sizeof(spec) - off, "%skeymap=%s",
                        off ? "," : "", dc_get_str(o, "keymap"));
    if ( dc_get_int(sdl, "enable") > 0 && off < sizeof(spec) )
        off += snprintf(spec + off, sizeof(spec) - off, "%ssdl=1",
                        off ? "," : "");
    if ( dc_get_str(sdl, "display") && off < sizeof(spec) )
        off += snprintf(spec + off, sizeof(spec) - off, "%sdisplay=%s",
                        off ? "," : "", dc_get_str(sdl, "display"));
    if ( dc_get_str(sdl, "xauthority") && off < sizeof(spec) )
        snprintf(spec + off, sizeof(spec) - off, "%sxauthority=%s",
                 off ? "," : "", dc_get_str(sdl, "xauthority"));
    quoted(f, spec);
}

static void cpus(FILE *f, const struct dc_vec *bm)
{
    unsigned int i = 0;
    int first = 1;

    fputc('"', f);
    while ( i < bm->n )
    {
        unsigned int j = i;

        while ( j + 1 < bm->n && bm->e[j + 1].i == bm->e[j].i + 1 )
            j++;
        fprintf(f, "%s%lld", first ? "" : ",", bm->e[i].i);
        if ( j > i )
            fprintf(f, "-%lld", bm->e[j].i);
        first = 0;
        i = j + 1;
    }
    fputc('"', f);
}

int domcfg_to_xlcfg(const domcfg *d, char **out, char **err)
{
    const struct dc_obj *c = dc_get_obj(d->root, "c_info");
    const struct dc_obj *b = dc_get_obj(d->root, "b_info");
    const struct dc_obj *u = dc_union_obj((struct dc_obj *)b, "u");
    long long type = dc_get_int(c, "type"), v;
    const struct dc_vec *vec;
    static const char *const acts[] = { "on_poweroff", "on_reboot",
                                        "on_watchdog", "on_crash",
                                        "on_soft_reset" };
    size_t len = 0;
    FILE *f;
    unsigned int i;

    *out = NULL;
    *err = NULL;
    f = open_memstream(out, &len);
    if ( !f )
    {
        *err = strdup("out of memory");
        return -1;
    }
    kv_str(f, "name", dc_get_str(c, "name"));
    kv_str(f, "uuid", dc_get_str(c, "uuid"));
    kv_str(f, "type", type == 1 ? "hvm" : type == 3 ? "pvh" : "pv");
    if ( (v = dc_get_int(b, "target_memkb")) >= 0 )
        fprintf(f, "memory = %lld\n", v / 1024);
    if ( (v = dc_get_int(b, "max_memkb")) >= 0 &&
         v != dc_get_int(b, "target_memkb") )
        fprintf(f, "maxmem = %lld\n", v / 1024);
    vec = dc_get_vec(b, "avail_vcpus");
    if ( vec->n )
        fprintf(f, "vcpus = %u\n", vec->n);
    if ( (v = dc_get_int(b, "max_vcpus")) > 0 && v != vec->n )
        fprintf(f, "maxvcpus = %lld\n", v);
    vec = dc_get_vec(b, "vcpu_hard_affinity");
    if ( vec->n )
    {
        fputs("cpus = ", f);
        cpus(f, vec->e[0].v);
        fputc('\n', f);
    }
    kv_str(f, "kernel", dc_get_str(b, "kernel"));
    kv_str(f, "ramdisk", dc_get_str(b, "ramdisk"));
    kv_str(f, "cmdline", dc_get_str(b, "cmdline"));
    kv_str(f, "bootloader", dc_get_str(b, "bootloader"));
    vec = dc_get_vec(b, "bootloader_args");
    if ( vec->n )
    {
        fputs("bootloader_args = [ ", f);
        for ( i = 0; i < vec->n; i++ )
        {
            fputs(i ? ", " : "", f);
            quoted(f, vec->e[i].s);
        }
        fputs(" ]\n", f);
    }
    for ( i = 0; i < 5; i++ )
        if ( (v = dc_get_int(d->root, acts[i])) != 1 )
            kv_str(f, acts[i], action_cfg(v));
    kv_bool(f, "acpi", dc_get_int(b, "acpi"));
    kv_bool(f, "apic", dc_get_int(b, "apic"));
    kv_bool(f, "hap", dc_get_int(c, "hap"));
    kv_bool(f, "localtime", dc_get_int(b, "localtime"));
    kv_str(f, "device_model_override", dc_get_str(b, "device_model"));
    if ( type == 1 )
    {
        const struct dc_obj *vnc = dc_get_obj(u, "vnc");
        const struct dc_obj *sdl = dc_get_obj(u, "sdl");

        if ( (v = dc_get_int(u, "bios")) )
            kv_str(f, "bios", dc_enum_json(&dc_enum_bios, v));
        kv_str(f, "firmware", dc_get_str(u, "firmware"));
        kv_bool(f, "pae", dc_get_int(u, "pae"));
        kv_bool(f, "viridian", dc_get_int(u, "viridian"));
        kv_str(f, "boot", dc_get_str(u, "boot"));
        kv_str(f, "serial", dc_get_str(u, "serial"));
        kv_bool(f, "vnc", dc_get_int(vnc, "enable"));
        kv_str(f, "vnclisten", dc_get_str(vnc, "listen"));
        kv_str(f, "vncpasswd", dc_get_str(vnc, "passwd"));
        if ( dc_get_int(vnc, "display") )
            fprintf(f, "vncdisplay = %lld\n", dc_get_int(vnc, "display"));
        kv_bool(f, "vncunused", dc_get_int(vnc, "findunused"));
        kv_str(f, "keymap", dc_get_str(u, "keymap"));
        kv_bool(f, "sdl", dc_get_int(sdl, "enable"));
        kv_str(f, "display", dc_get_str(sdl, "display"));
        kv_str(f, "xauthority", dc_get_str(sdl, "xauthority"));
    }
    list(f, "disk", dc_get_vec(d->root, "disks"), disk_spec);
    list(f, "vif", dc_get_vec(d->root, "nics"), nic_spec);
    list(f, "vfb", dc_get_vec(d->root, "vfbs"), vfb_spec);
    if ( fclose(f) || !*out )
    {
        free(*out);
        *out = NULL;
        *err = strdup("out of memory");
        return -1;
    }
    return 0;
}
