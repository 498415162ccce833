/*
 * Model -> libvirt domain XML, the inverse of xml_in.c for the fields that
 * libvirt's format can carry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "domcfg_priv.h"

static xmlNode *add(xmlNode *parent, const char *name, const char *content)
{
    return xmlNewTextChild(parent, NULL, (const xmlChar *)name,
                           (const xmlChar *)content);
}

static void prop(xmlNode *n, const char *name, const char *val)
{
    if ( val )
        xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)val);
}

static void add_num(xmlNode *parent, const char *name, long long v,
                    const char *unit)
{
    char buf[32];
    xmlNode *n;

    snprintf(buf, sizeof(buf), "%lld", v);
    n = add(parent, name, buf);
    prop(n, "unit", unit);
}

static const char *action_xml(long long v)
{
    static const char *const names[] = { NULL, "destroy", "restart",
        "rename-restart", "preserve", "coredump-destroy", "coredump-restart",
        "destroy" };

    return v >= 1 && v <= 7 ? names[v] : "destroy";
}

/* Bitmap as libvirt's cpuset text: "0-3,6". */
static void cpuset(const struct dc_vec *v, char *buf, size_t len)
{
    size_t off = 0;
    unsigned int i = 0;

    buf[0] = '\0';
    while ( i < v->n && off < len )
    {
        unsigned int j = i;

        while ( j + 1 < v->n && v->e[j + 1].i == v->e[j].i + 1 )
            j++;
        if ( j > i )
            off += snprintf(buf + off, len - off, "%s%lld-%lld", off ? "," : "",
                            v->e[i].i, v->e[j].i);
        else
            off += snprintf(buf + off, len - off, "%s%lld", off ? "," : "",
                            v->e[i].i);
        i = j + 1;
    }
}

static void graphics(xmlNode *devs, const struct dc_obj *holder)
{
    const struct dc_obj *vnc = dc_get_obj(holder, "vnc");
    const struct dc_obj *sdl = dc_get_obj(holder, "sdl");
    xmlNode *g;
    char buf[32];

    if ( dc_get_int(vnc, "enable") > 0 )
    {
        g = xmlNewChild(devs, NULL, (const xmlChar *)"graphics", NULL);
        prop(g, "type", "vnc");
        if ( dc_get_int(vnc, "findunused") > 0 )
            prop(g, "autoport", "yes");
        else
        {
            snprintf(buf, sizeof(buf), "%lld", 5900 + dc_get_int(vnc, "display"));
            prop(g, "port", buf);
            prop(g, "autoport", "no");
        }
        prop(g, "listen", dc_get_str(vnc, "listen"));
        prop(g, "passwd", dc_get_str(vnc, "passwd"));
        prop(g, "keymap", dc_get_str(holder, "keymap"));
    }
    if ( dc_get_int(sdl, "enable") > 0 )
    {
        g = xmlNewChild(devs, NULL, (const xmlChar *)"graphics", NULL);
        prop(g, "type", "sdl");
        prop(g, "display", dc_get_str(sdl, "display"));
        prop(g, "xauth", dc_get_str(sdl, "xauthority"));
    }
}

static void disks(xmlNode *devs, const struct dc_vec *v)
{
    unsigned int i;

    for ( i = 0; i < v->n; i++ )
    {
        const struct dc_obj *d = v->e[i].o;
        const char *path = dc_get_str(d, "pdev_path");
        long long be = dc_get_int(d, "backend"), fmt = dc_get_int(d, "format");
        int blk = path && !strncmp(path, "/dev/", 5);
        xmlNode *n = xmlNewChild(devs, NULL, (const xmlChar *)"disk", NULL);
        xmlNode *c;

        prop(n, "type", blk ? "block" : "file");
        prop(n, "device", dc_get_int(d, "is_cdrom") ? "cdrom" : "disk");
        c = xmlNewChild(n, NULL, (const xmlChar *)"driver", NULL);
        prop(c, "name", be == 1 ? "phy" : be == 2 ? "tap" : be == 3 ? "qemu"
                                                                    : "file");
        if ( fmt && fmt != 5 )
            prop(c, "type", dc_enum_json(&dc_enum_disk_format, fmt));
        if ( path )
        {
            c = xmlNewChild(n, NULL, (const xmlChar *)"source", NULL);
            prop(c, blk ? "dev" : "file", path);
        }
        c = xmlNewChild(n, NULL, (const xmlChar *)"target", NULL);
        prop(c, "dev", dc_get_str(d, "vdev"));
        prop(c, "bus", !strncmp(dc_get_str(d, "vdev"), "hd", 2) ? "ide" :
                       !strncmp(dc_get_str(d, "vdev"), "sd", 2) ? "scsi" : "xen");
        if ( !dc_get_int(d, "readwrite") && !dc_get_int(d, "is_cdrom") )
            xmlNewChild(n, NULL, (const xmlChar *)"readonly", NULL);
    }
}

static void nics(xmlNode *devs, const struct dc_vec *v)
{
    unsigned int i;

    for ( i = 0; i < v->n; i++ )
    {
        const struct dc_obj *o = v->e[i].o;
        xmlNode *n = xmlNewChild(devs, NULL, (const xmlChar *)"interface", NULL);
        xmlNode *c;

        prop(n, "type", "bridge");
        if ( dc_get_str(o, "mac") )
            prop(xmlNewChild(n, NULL, (const xmlChar *)"mac", NULL), "address",
                 dc_get_str(o, "mac"));
        if ( dc_get_str(o, "bridge") )
            prop(xmlNewChild(n, NULL, (const xmlChar *)"source", NULL), "bridge",
                 dc_get_str(o, "bridge"));
        if ( dc_get_str(o, "ip") )
            prop(xmlNewChild(n, NULL, (const xmlChar *)"ip", NULL), "address",
                 dc_get_str(o, "ip"));
        if ( dc_get_str(o, "script") )
            prop(xmlNewChild(n, NULL, (const xmlChar *)"script", NULL), "path",
                 dc_get_str(o, "script"));
        if ( dc_get_str(o, "ifname") )
            prop(xmlNewChild(n, NULL, (const xmlChar *)"target", NULL), "dev",
                 dc_get_str(o, "ifname"));
        if ( dc_get_int(o, "nictype") == 2 || dc_get_str(o, "model") )
        {
            c = xmlNewChild(n, NULL, (const xmlChar *)"model", NULL);
            prop(c, "type", dc_get_int(o, "nictype") == 2 ? "netfront"
                                                          : dc_get_str(o, "model"));
        }
    }
}

int domcfg_to_xml(const domcfg *d, char **out, char **err)
{
    const struct dc_obj *c = dc_get_obj(d->root, "c_info");
    const struct dc_obj *b = dc_get_obj(d->root, "b_info");
    const struct dc_obj *u = dc_union_obj((struct dc_obj *)b, "u");
    long long type = dc_get_int(c, "type");
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *dom, *os, *n, *devs, *feat;
    xmlChar *buf = NULL;
    int len = 0;
    char tmp[1024];
    unsigned int i;
    const struct dc_vec *v;

    *out = NULL;
    *err = NULL;
    if ( !doc )
        goto nomem;
    dom = xmlNewNode(NULL, (const xmlChar *)"domain");
    xmlDocSetRootElement(doc, dom);
    prop(dom, "type", "xen");
    add(dom, "name", dc_get_str(c, "name"));
    if ( dc_get_str(c, "uuid") )
        add(dom, "uuid", dc_get_str(c, "uuid"));
    if ( dc_get_int(b, "max_memkb") >= 0 )
        add_num(dom, "memory", dc_get_int(b, "max_memkb"), "KiB");
    if ( dc_get_int(b, "target_memkb") >= 0 )
        add_num(dom, "currentMemory", dc_get_int(b, "target_memkb"), "KiB");
    if ( dc_get_int(b, "max_vcpus") > 0 )
    {
        snprintf(tmp, sizeof(tmp), "%lld", dc_get_int(b, "max_vcpus"));
        n = add(dom, "vcpu", tmp);
        prop(n, "placement", "static");
        v = dc_get_vec(b, "avail_vcpus");
        if ( v->n && v->n != dc_get_int(b, "max_vcpus") )
        {
            snprintf(tmp, sizeof(tmp), "%u", v->n);
            prop(n, "current", tmp);
        }
        v = dc_get_vec(b, "vcpu_hard_affinity");
        if ( v->n )
        {
            cpuset(v->e[0].v, tmp, sizeof(tmp));
            prop(n, "cpuset", tmp);
        }
    }
    if ( dc_get_str(b, "bootloader") )
        add(dom, "bootloader", dc_get_str(b, "bootloader"));
    v = dc_get_vec(b, "bootloader_args");
    if ( v->n )
    {
        size_t off = 0;

        tmp[0] = '\0';
        for ( i = 0; i < v->n && off < sizeof(tmp); i++ )
            off += snprintf(tmp + off, sizeof(tmp) - off, "%s%s", i ? " " : "",
                            v->e[i].s);
        add(dom, "bootloader_args", tmp);
    }
    os = xmlNewChild(dom, NULL, (const xmlChar *)"os", NULL);
    n = add(os, "type", type == 1 ? "hvm" : type == 3 ? "xenpvh" : "linux");
    prop(n, "arch", "x86_64");
    prop(n, "machine", type == 1 ? "xenfv" : type == 3 ? "xenpvh" : "xenpv");
    if ( type == 1 && dc_get_str(u, "firmware") )
        add(os, "loader", dc_get_str(u, "firmware"));
    if ( dc_get_str(b, "kernel") )
        add(os, "kernel", dc_get_str(b, "kernel"));
    if ( dc_get_str(b, "ramdisk") )
        add(os, "initrd", dc_get_str(b, "ramdisk"));
    if ( dc_get_str(b, "cmdline") )
        add(os, "cmdline", dc_get_str(b, "cmdline"));
    if ( type == 1 && dc_get_str(u, "boot") )
    {
        const char *p;

        for ( p = dc_get_str(u, "boot"); *p; p++ )
            prop(xmlNewChild(os, NULL, (const xmlChar *)"boot", NULL), "dev",
                 *p == 'c' ? "hd" : *p == 'd' ? "cdrom" : *p == 'n' ? "network"
                                                                    : "fd");
    }
    feat = xmlNewChild(dom, NULL, (const xmlChar *)"features", NULL);
    if ( dc_get_int(b, "acpi") > 0 )
        xmlNewChild(feat, NULL, (const xmlChar *)"acpi", NULL);
    if ( dc_get_int(b, "apic") > 0 )
        xmlNewChild(feat, NULL, (const xmlChar *)"apic", NULL);
    if ( dc_get_int(c, "hap") > 0 )
        xmlNewChild(feat, NULL, (const xmlChar *)"hap", NULL);
    if ( type == 1 && dc_get_int(u, "pae") > 0 )
        xmlNewChild(feat, NULL, (const xmlChar *)"pae", NULL);
    if ( type == 1 && dc_get_int(u, "viridian") > 0 )
        xmlNewChild(feat, NULL, (const xmlChar *)"viridian", NULL);
    if ( !feat->children )
    {
        xmlUnlinkNode(feat);
        xmlFreeNode(feat);
    }
    if ( dc_get_int(b, "localtime") > 0 )
        prop(xmlNewChild(dom, NULL, (const xmlChar *)"clock", NULL), "offset",
             "localtime");
    add(dom, "on_poweroff", action_xml(dc_get_int(d->root, "on_poweroff")));
    add(dom, "on_reboot", action_xml(dc_get_int(d->root, "on_reboot")));
    add(dom, "on_crash", action_xml(dc_get_int(d->root, "on_crash")));
    devs = xmlNewChild(dom, NULL, (const xmlChar *)"devices", NULL);
    if ( dc_get_str(b, "device_model") )
        add(devs, "emulator", dc_get_str(b, "device_model"));
    disks(devs, dc_get_vec(d->root, "disks"));
    nics(devs, dc_get_vec(d->root, "nics"));
    if ( type == 1 )
    {
        graphics(devs, u);
        if ( dc_get_str(u, "serial") )
            prop(xmlNewChild(devs, NULL, (const xmlChar *)"serial", NULL),
                 "type", dc_get_str(u, "serial"));
    }
    v = dc_get_vec(d->root, "vfbs");
    for ( i = 0; i < v->n; i++ )
        graphics(devs, v->e[i].o);
    prop(xmlNewChild(devs, NULL, (const xmlChar *)"console", NULL), "type",
         "pty");

    xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
    if ( !buf )
        goto nomem;
    /* Drop the XML declaration, as virsh dumpxml does. */
    {
        const char *body = (const char *)buf;

        if ( !strncmp(body, "<?xml", 5) && strchr(body, '\n') )
            body = strchr(body, '\n') + 1;
        *out = strdup(body);
    }
    xmlFree(buf);
    xmlFreeDoc(doc);
    if ( !*out )
        goto nomem;
    return 0;

 nomem:
    xmlFreeDoc(doc);
    *err = strdup("out of memory");
    return -1;
}
