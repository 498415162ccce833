/*
 * libvirt domain XML -> model, following the mapping of libvirt's libxl
 * driver (libxl_conf.c): <os><type> picks the guest type (linux/xenpv: pv,
 * hvm, xenpvh), memory is in KiB unless a unit says otherwise, and devices
 * become libxl disks, nics and framebuffers.  Elements the model has no
 * place for are ignored, as libvirt's own driver does; values it does map
 * are checked.
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "domcfg_priv.h"

struct xin {
    const char *source;
    struct dc_obj *root, *c_info, *b_info;
    char *err;
};

static int xerr(struct xin *x, xmlNode *n, const char *fmt, const char *a)
{
    if ( !x->err )
    {
        char *msg = dc_strdup_printf(fmt, a ? a : "");

        x->err = dc_strdup_printf("%s:%d: <%s>: %s", x->source,
                                  n ? (int)xmlGetLineNo(n) : 0,
                                  n ? (const char *)n->name : "domain",
                                  msg ? msg : "out of memory");
        free(msg);
    }
    return -1;
}

static xmlNode *child(xmlNode *n, const char *name)
{
    for ( n = n ? n->children : NULL; n; n = n->next )
        if ( n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) )
            return n;
    return NULL;
}

/* Text content / attribute, as a malloc'd string the caller frees. */
static char *text(xmlNode *n)
{
    return n ? (char *)xmlNodeGetContent(n) : NULL;
}

static char *attr(xmlNode *n, const char *name)
{
    return n ? (char *)xmlGetProp(n, (const xmlChar *)name) : NULL;
}

/* Set string field F of O from the text of element NAME under PARENT. */
static int str_from(struct xin *x, xmlNode *parent, const char *name,
                    struct dc_obj *o, const char *f)
{
    char *t = text(child(parent, name));
    int rc = 0;

    if ( t && dc_set_str(o, f, t) )
        rc = xerr(x, parent, "out of memory%s", NULL);
    xmlFree(t);
    return rc;
}

/* A memory size with libvirt's unit attribute, in KiB. */
static int mem_kib(struct xin *x, xmlNode *n, long long *out)
{
    char *t = text(n), *u = attr(n, "unit"), *end;
    long long v, mult = 1;
    int rc = -1;

    v = t ? strtoll(t, &end, 10) : -1;
    if ( !t || end == t || *end || v <= 0 )
    {
        xerr(x, n, "expected a positive size, not '%s'", t);
        goto out;
    }
    if ( !u || !strcmp(u, "KiB") || !strcmp(u, "k") || !strcmp(u, "K") )
        mult = 1;
    else if ( !strcmp(u, "b") || !strcmp(u, "bytes") )
        mult = -1024;
    else if ( !strcmp(u, "MiB") || !strcmp(u, "M") )
        mult = 1024;
    else if ( !strcmp(u, "GiB") || !strcmp(u, "G") )
        mult = 1024 * 1024;
    else
    {
        xerr(x, n, "unknown unit '%s': expected b, KiB, MiB or GiB", u);
        goto out;
    }
    /* 16 TiB is far beyond any guest; it also keeps the product in range. */
    if ( (mult < 0 ? v / 1024 : v) > (16LL << 30) / (mult < 0 ? 1 : mult) )
    {
        xerr(x, n, "size '%s' is larger than 16 TiB", t);
        goto out;
    }
    *out = mult < 0 ? v / 1024 : v * mult;
    rc = 0;
 out:
    xmlFree(t);
    xmlFree(u);
    return rc;
}

static int os_type(struct xin *x, xmlNode *os)
{
    xmlNode *t = child(os, "type");
    char *ty = text(t), *machine = attr(t, "machine");
    long long type = 2;
    int rc = 0;

    if ( !ty || !strcmp(ty, "linux") || !strcmp(ty, "xen") )
        type = machine && !strcmp(machine, "xenpvh") ? 3 : 2;
    else if ( !strcmp(ty, "hvm") )
        type = 1;
    else if ( !strcmp(ty, "xenpvh") )
        type = 3;
    else
        rc = xerr(x, t, "unknown OS type '%s': expected linux, hvm or "
                  "xenpvh", ty);
    xmlFree(ty);
    xmlFree(machine);
    if ( rc )
        return -1;
    dc_set_int(x->c_info, "type", type);
    return dc_union_select(x->b_info, "u", type) ? xerr(x, os, "out of memory%s",
                                                          NULL) : 0;
}

static int os_boot(struct xin *x, xmlNode *os)
{
    char order[8] = "";
    size_t n = 0;
    xmlNode *b;

    for ( b = os ? os->children : NULL; b; b = b->next )
    {
        char *dev;
        char c = 0;

        if ( b->type != XML_ELEMENT_NODE || strcmp((const char *)b->name, "boot") )
            continue;
        dev = attr(b, "dev");
        if ( dev && !strcmp(dev, "hd") )
            c = 'c';
        else if ( dev && !strcmp(dev, "cdrom") )
            c = 'd';
        else if ( dev && !strcmp(dev, "network") )
            c = 'n';
        else if ( dev && !strcmp(dev, "fd") )
            c = 'a';
        xmlFree(dev);
        if ( !c )
            return xerr(x, b, "dev must be hd, cdrom, network or fd%s", NULL);
        if ( n < sizeof(order) - 1 )
            order[n++] = c;
    }
    order[n] = '\0';
    if ( n && dc_get_int(x->c_info, "type") == 1 &&
         dc_set_str(dc_union_obj(x->b_info, "u"), "boot", order) )
        return xerr(x, os, "out of memory%s", NULL);
    return 0;
}

static int action(struct xin *x, xmlNode *dom, const char *name)
{
    static const struct { const char *xml; long long val; } acts[] = {
        { "destroy", 1 }, { "restart", 2 }, { "rename-restart", 3 },
        { "preserve", 4 }, { "coredump-destroy", 5 },
        { "coredump-restart", 6 },
    };
    xmlNode *n = child(dom, name);
    char *t = text(n);
    unsigned int i;

    if ( !t )
        return 0;
    for ( i = 0; i < sizeof(acts) / sizeof(acts[0]); i++ )
        if ( !strcmp(t, acts[i].xml) )
        {
            dc_set_int(x->root, name, acts[i].val);
            xmlFree(t);
            return 0;
        }
    xerr(x, n, "unknown action '%s'", t);
    xmlFree(t);
    return -1;
}

static int disk(struct xin *x, xmlNode *n)
{
    xmlNode *drv = child(n, "driver"), *src = child(n, "source");
    xmlNode *tgt = child(n, "target");
    char *device = attr(n, "device"), *dname = attr(drv, "name");
    char *dtype = attr(drv, "type"), *file = attr(src, "file");
    char *dev = attr(src, "dev"), *vdev = attr(tgt, "dev");
    struct dc_obj *d = dc_array_add(x->root, "disks");
    int rc = -1, cdrom = device && !strcmp(device, "cdrom");
    long long v;

    if ( !d )
        goto out;
    if ( !vdev )
    {
        xerr(x, n, "needs <target dev='...'/>%s", NULL);
        goto out;
    }
    if ( dc_set_str(d, "vdev", vdev) ||
         dc_set_str(d, "pdev_path", file ? file : dev) )
        goto out;
    if ( dtype )
    {
        if ( !strcmp(dtype, "aio") )
            v = 4;
        else if ( dc_enum_lookup(&dc_enum_disk_format, dtype, &v) || !v )
        {
            xerr(x, drv, "unknown disk format '%s'", dtype);
            goto out;
        }
        dc_set_int(d, "format", v);
    }
    else if ( file || dev )
        dc_set_int(d, "format", 4);
    if ( dname && !strcmp(dname, "phy") )
        dc_set_int(d, "backend", 1);
    else if ( dname && (!strcmp(dname, "tap") || !strcmp(dname, "tap2")) )
        dc_set_int(d, "backend", 2);
    else if ( dname && !strcmp(dname, "qemu") )
        dc_set_int(d, "backend", 3);
    else if ( dname && strcmp(dname, "file") )
    {
        xerr(x, drv, "unknown driver '%s': expected phy, tap, qemu or file",
             dname);
        goto out;
    }
    dc_set_int(d, "readwrite", !child(n, "readonly") && !cdrom);
    if ( cdrom )
    {
        dc_set_int(d, "is_cdrom", 1);
        dc_set_int(d, "removable", 1);
        if ( !file && !dev )
            dc_set_int(d, "format", 5);
    }
    else if ( !file && !dev )
    {
        xerr(x, n, "needs <source file=.../> or <source dev=.../>%s", NULL);
        goto out;
    }
    rc = 0;
 out:
    if ( rc && !x->err )
        xerr(x, n, "out of memory%s", NULL);
    xmlFree(device); xmlFree(dname); xmlFree(dtype); xmlFree(file);
    xmlFree(dev); xmlFree(vdev);
    return rc;
}

static int nic(struct xin *x, xmlNode *n, unsigned int devid)
{
    struct dc_obj *o = dc_array_add(x->root, "nics");
    char *mac = attr(child(n, "mac"), "address");
    char *br = attr(child(n, "source"), "bridge");
    char *script = attr(child(n, "script"), "path");
    char *ifname = attr(child(n, "target"), "dev");
    char *model = attr(child(n, "model"), "type");
    char *ip = attr(child(n, "ip"), "address");
    char canon[18];
    int rc = -1;

    if ( !o )
        goto out;
    dc_set_int(o, "devid", devid);
    if ( mac && dc_mac_parse(mac, canon) )
    {
        xerr(x, n, "bad MAC address '%s'", mac);
        goto out;
    }
    if ( (mac && dc_set_str(o, "mac", canon)) || dc_set_str(o, "bridge", br) ||
         dc_set_str(o, "script", script) || dc_set_str(o, "ifname", ifname) ||
         dc_set_str(o, "ip", ip) )
        goto out;
    if ( model && !strcmp(model, "netfront") )
        dc_set_int(o, "nictype", 2);
    else if ( model )
    {
        if ( dc_set_str(o, "model", model) )
            goto out;
        dc_set_int(o, "nictype", 1);
    }
    rc = 0;
 out:
    if ( rc && !x->err )
        xerr(x, n, "out of memory%s", NULL);
    xmlFree(mac); xmlFree(br); xmlFree(script); xmlFree(ifname);
    xmlFree(model); xmlFree(ip);
    return rc;
}

static int graphics(struct xin *x, xmlNode *n, unsigned int *nvfb)
{
    char *type = attr(n, "type"), *port = attr(n, "port");
    char *autoport = attr(n, "autoport"), *listen = attr(n, "listen");
    char *passwd = attr(n, "passwd"), *keymap = attr(n, "keymap");
    char *display = attr(n, "display"), *xauth = attr(n, "xauth");
    int hvm = dc_get_int(x->c_info, "type") == 1, rc = -1;
    struct dc_obj *holder, *vnc, *sdl;

    if ( hvm )
        holder = dc_union_obj(x->b_info, "u");
    else
    {
        struct dc_obj *vkb;

        if ( !(holder = dc_array_add(x->root, "vfbs")) ||
             !(vkb = dc_array_add(x->root, "vkbs")) )
            goto out;
        dc_set_int(holder, "devid", *nvfb);
        dc_set_int(vkb, "devid", *nvfb);
        (*nvfb)++;
    }
    vnc = dc_get_obj(holder, "vnc");
    sdl = dc_get_obj(holder, "sdl");
    if ( type && !strcmp(type, "vnc") )
    {
        dc_set_int(vnc, "enable", 1);
        if ( autoport && !strcmp(autoport, "yes") )
            dc_set_int(vnc, "findunused", 1);
        else if ( port && atoi(port) >= 5900 )
            dc_set_int(vnc, "display", atoi(port) - 5900);
        if ( dc_set_str(vnc, "listen", listen) ||
             dc_set_str(vnc, "passwd", passwd) ||
             dc_set_str(holder, "keymap", keymap) )
            goto out;
    }
    else if ( type && !strcmp(type, "sdl") )
    {
        dc_set_int(sdl, "enable", 1);
        if ( dc_set_str(sdl, "display", display) ||
             dc_set_str(sdl, "xauthority", xauth) )
            goto out;
    }
    else
    {
        xerr(x, n, "unsupported graphics type '%s': expected vnc or sdl",
             type);
        goto out;
    }
    rc = 0;
 out:
    if ( rc && !x->err )
        xerr(x, n, "out of memory%s", NULL);
    xmlFree(type); xmlFree(port); xmlFree(autoport); xmlFree(listen);
    xmlFree(passwd); xmlFree(keymap); xmlFree(display); xmlFree(xauth);
    return rc;
}

static int devices(struct xin *x, xmlNode *devs)
{
    xmlNode *n;
    unsigned int nnic = 0, nvfb = 0;

    for ( n = devs ? devs->children : NULL; n; n = n->next )
    {
        const char *name = (const char *)n->name;

        if ( n->type != XML_ELEMENT_NODE )
            continue;
        if ( !strcmp(name, "disk") && disk(x, n) )
            return -1;
        if ( !strcmp(name, "interface") && nic(x, n, nnic++) )
            return -1;
        if ( !strcmp(name, "graphics") && graphics(x, n, &nvfb) )
            return -1;
        if ( !strcmp(name, "emulator") &&
             str_from(x, devs, "emulator", x->b_info, "device_model") )
            return -1;
        if ( !strcmp(name, "serial") && dc_get_int(x->c_info, "type") == 1 )
        {
            char *t = attr(n, "type");
            int rc = dc_set_str(dc_union_obj(x->b_info, "u"), "serial",
                                t ? t : "pty");

            xmlFree(t);
            if ( rc )
                return xerr(x, n, "out of memory%s", NULL);
        }
    }
    return 0;
}

static int features(struct xin *x, xmlNode *f)
{
    struct dc_obj *u = dc_union_obj(x->b_info, "u");
    int hvm = dc_get_int(x->c_info, "type") == 1;

    if ( !f )
        return 0;
    if ( child(f, "acpi") )
        dc_set_int(x->b_info, "acpi", 1);
    if ( child(f, "apic") )
        dc_set_int(x->b_info, "apic", 1);
    if ( child(f, "hap") )
        dc_set_int(x->c_info, "hap", 1);
    if ( hvm && child(f, "pae") )
        dc_set_int(u, "pae", 1);
    if ( hvm && (child(f, "viridian") || child(f, "hyperv")) )
        dc_set_int(u, "viridian", 1);
    return 0;
}

static int domain(struct xin *x, xmlNode *dom)
{
    xmlNode *os = child(dom, "os"), *n;
    char *type = attr(dom, "type"), *s;
    long long kib;
    int rc = -1;

    if ( strcmp((const char *)dom->name, "domain") )
    {
        xerr(x, dom, "expected a <domain> element%s", NULL);
        goto out;
    }
    if ( type && strcmp(type, "xen") )
    {
        xerr(x, dom, "type='%s': only type='xen' domains can run here", type);
        goto out;
    }
    if ( os_type(x, os) )
        goto out;
    dc_set_int(x->c_info, "run_hotplug_scripts", 1);
    dc_set_int(x->b_info, "claim_mode", 1);
    dc_set_int(x->root, "on_reboot", 2);
    dc_set_int(x->root, "on_soft_reset", 7);
    if ( str_from(x, dom, "name", x->c_info, "name") )
        goto out;
    if ( !dc_get_str(x->c_info, "name") )
    {
        xerr(x, dom, "no <name>%s", NULL);
        goto out;
    }
    if ( (s = text(child(dom, "uuid"))) )
    {
        char u[37];
        int bad = dc_uuid_parse(s, u) || dc_set_str(x->c_info, "uuid", u);

        if ( bad )
            xerr(x, child(dom, "uuid"), "bad UUID '%s'", s);
        xmlFree(s);
        if ( bad )
            goto out;
    }
    if ( (n = child(dom, "memory")) )
    {
        if ( mem_kib(x, n, &kib) )
            goto out;
        dc_set_int(x->b_info, "max_memkb", kib);
        dc_set_int(x->b_info, "target_memkb", kib);
    }
    if ( (n = child(dom, "currentMemory")) )
    {
        if ( mem_kib(x, n, &kib) )
            goto out;
        dc_set_int(x->b_info, "target_memkb", kib);
    }
    if ( (n = child(dom, "vcpu")) )
    {
        char *t = text(n), *cur = attr(n, "current"), *cpuset = attr(n, "cpuset");
        long max = t ? atol(t) : 0, c = cur ? atol(cur) : max, i;
        char *why = NULL;
        int bad = max < 1 || max > 512 || c < 1 || c > max;

        if ( bad )
            xerr(x, n, "bad vcpu count '%s'", t);
        dc_set_int(x->b_info, "max_vcpus", max);
        for ( i = 0; !bad && i < c; i++ )
            dc_bitmap_set(dc_slot(x->b_info, "avail_vcpus"), i);
        if ( !bad && cpuset )
        {
            union dc_slot bm;

            bm.v = calloc(1, sizeof(*bm.v));
            if ( !bm.v )
                bad = 1;
            else if ( dc_vec_push(dc_slot(x->b_info, "vcpu_hard_affinity"),
                                  bm) )
            {
                free(bm.v);
                bad = 1;
            }
            else if ( dc_parse_cpus(&bm, cpuset, &why) )
                bad = 1;
            if ( bad )
                xerr(x, n, "cpuset: %s", why ? why : "out of memory");
        }
        free(why);
        xmlFree(t); xmlFree(cur); xmlFree(cpuset);
        if ( bad )
            goto out;
    }
    if ( str_from(x, os, "kernel", x->b_info, "kernel") ||
         str_from(x, os, "initrd", x->b_info, "ramdisk") ||
         str_from(x, os, "cmdline", x->b_info, "cmdline") ||
         str_from(x, dom, "bootloader", x->b_info, "bootloader") )
        goto out;
    if ( (s = text(child(dom, "bootloader_args"))) )
    {
        char *tok, *save = NULL;

        for ( tok = strtok_r(s, " ", &save); tok;
              tok = strtok_r(NULL, " ", &save) )
        {
            union dc_slot item;

            item.s = strdup(tok);
            if ( item.s )
                dc_vec_push(dc_slot(x->b_info, "bootloader_args"), item);
        }
        xmlFree(s);
    }
    if ( dc_get_int(x->c_info, "type") == 1 && child(os, "loader") &&
         str_from(x, os, "loader", dc_union_obj(x->b_info, "u"), "firmware") )
        goto out;
    if ( os_boot(x, os) || action(x, dom, "on_poweroff") ||
         action(x, dom, "on_reboot") || action(x, dom, "on_crash") ||
         features(x, child(dom, "features")) )
        goto out;
    if ( (n = child(dom, "clock")) )
    {
        char *off = attr(n, "offset");

        if ( off && !strcmp(off, "localtime") )
            dc_set_int(x->b_info, "localtime", 1);
        xmlFree(off);
    }
    if ( devices(x, child(dom, "devices")) )
        goto out;
    rc = 0;
 out:
    xmlFree(type);
    return rc;
}

int domcfg_from_xml(domcfg *d, const char *source, const char *text_,
                    size_t len, char **err)
{
    struct xin x;
    xmlDoc *doc = NULL;
    int rc = -1;

    memset(&x, 0, sizeof(x));
    x.source = source ? source : "<xml>";
    *err = NULL;
    if ( len > (1u << 24) )
    {
        *err = dc_strdup_printf("%s: XML larger than 16 MiB", x.source);
        return -1;
    }
    doc = xmlReadMemory(text_, (int)len, x.source, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR |
                        XML_PARSE_NOWARNING);
    if ( !doc || !xmlDocGetRootElement(doc) )
    {
        const xmlError *e = xmlGetLastError();

        *err = dc_strdup_printf("%s:%d: malformed XML: %s", x.source,
                                e ? e->line : 0,
                                e && e->message ? e->message : "no root\n");
        if ( *err && (*err)[strlen(*err) - 1] == '\n' )
            (*err)[strlen(*err) - 1] = '\0';
        goto out;
    }
    x.root = dc_obj_new(&dc_domain_config);
    if ( !x.root )
        goto out;
    x.c_info = dc_get_obj(x.root, "c_info");
    x.b_info = dc_get_obj(x.root, "b_info");
    if ( domain(&x, xmlDocGetRootElement(doc)) )
        goto out;
    dc_obj_free(d->root);
    d->root = x.root;
    x.root = NULL;
    rc = 0;
 out:
    if ( rc && !*err )
        *err = x.err ? x.err : strdup("out of memory");
    else
        free(x.err);
    dc_obj_free(x.root);
    xmlFreeDoc(doc);
    return rc;
}
