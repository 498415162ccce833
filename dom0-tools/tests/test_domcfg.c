/*
 * Unit tests of libdomcfg through its public API: xl.cfg keys and device
 * strings land in the right libxl fields, JSON in libxl's exact layout is
 * read and written back byte for byte, bad JSON and XML are refused with
 * their path, and a failed conversion leaves the model untouched.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "domcfg.h"
#include "xlcfg.h"

/* Build a model from config TEXT; NULL (and *ERR) on failure. */
static domcfg *from_text(const char *text, char **err)
{
    xlcfg *c = xlcfg_alloc();
    domcfg *d = domcfg_alloc();

    *err = NULL;
    if ( !c || !d || xlcfg_parse(c, "t.cfg", text, strlen(text), err) ||
         domcfg_from_xlcfg(d, c, NULL, NULL, err) )
    {
        domcfg_free(d);
        d = NULL;
    }
    xlcfg_free(c);
    return d;
}

static long long geti(const domcfg *d, const char *path)
{
    long long v = -12345;

    domcfg_get_int(d, path, &v);
    return v;
}

#define BASE "name='t'\nkernel='/k'\nuuid='01234567-89ab-4cde-8f01-23456789abcd'\n"

static void test_keys(void)
{
    char *err;
    domcfg *d = from_text(BASE "memory=300\nmaxmem=400\nvcpus=3\n"
                          "cpu_weight=77\non_crash='rename-restart'\n"
                          "root='/dev/xvda'\nextra='quiet'\n", &err);

    CHECK("model/keys-parse", d != NULL);
    if ( !d )
    {
        printf("    %s\n", err);
        free(err);
        return;
    }
    CHECK("model/memory-kib", geti(d, "b_info.target_memkb") == 300 * 1024 &&
          geti(d, "b_info.max_memkb") == 400 * 1024);
    CHECK("model/vcpus", geti(d, "b_info.max_vcpus") == 3 &&
          domcfg_get_count(d, "b_info.avail_vcpus") == 3);
    CHECK("model/weight", geti(d, "b_info.sched_params.weight") == 77);
    CHECK_STR("model/on-crash-enum", domcfg_get_string(d, "on_crash"),
              "restart_rename");
    CHECK_STR("model/root-extra-cmdline",
              domcfg_get_string(d, "b_info.cmdline"), "root=/dev/xvda quiet");
    CHECK_STR("model/type-default-pv", domcfg_get_string(d, "c_info.type"),
              "pv");
    CHECK("model/xl-defaults", geti(d, "c_info.run_hotplug_scripts") == 1 &&
          geti(d, "b_info.claim_mode") == 1 && geti(d, "on_reboot") == 2 &&
          geti(d, "on_poweroff") == 1);
    CHECK("model/bad-path", domcfg_get_int(d, "b_info.nonesuch", NULL) == -1 &&
          domcfg_get_string(d, "disks[0].vdev") == NULL &&
          domcfg_get_count(d, "c_info.name") == -1);
    domcfg_free(d);

    /* As xl: maxmem alone leaves the target to libxl; sched keys land. */
    d = from_text(BASE "maxmem=512\nperiod=100\nslice=5\nlatency=0\n"
                  "extratime=1\n", &err);
    CHECK("model/maxmem-alone", d && geti(d, "b_info.max_memkb") == 512 * 1024 &&
          geti(d, "b_info.target_memkb") == -1);
    CHECK("model/sched-params", d &&
          geti(d, "b_info.sched_params.period") == 100 &&
          geti(d, "b_info.sched_params.slice") == 5 &&
          geti(d, "b_info.sched_params.latency") == 0 &&
          geti(d, "b_info.sched_params.extratime") == 1);
    free(err);
    domcfg_free(d);
}

struct disk_case {
    const char *spec, *pdev, *vdev, *format;
    long long rw, cdrom;
};

static void test_disks(void)
{
    static const struct disk_case cases[] = {
        { "/dev/vg/g,,hda", "/dev/vg/g", "hda", "raw", 1, 0 },
        { "/i.qcow2,qcow2,xvdb,ro", "/i.qcow2", "xvdb", "qcow2", 0, 0 },
        { "format=vhd, vdev=xvdc, access=w, target=/a,b", "/a,b", "xvdc", "vhd",
          1, 0 },
        { "phy:/dev/sdb,xvdd,w", "/dev/sdb", "xvdd", "raw", 1, 0 },
        { "qcow2:/x.img,xvde,r", "/x.img", "xvde", "qcow2", 0, 0 },
        { "/c.iso,,hdc,cdrom", "/c.iso", "hdc", "raw", 0, 1 },
        { ",hdd:cdrom,r", NULL, "hdd", "empty", 0, 1 },
        { "vdev=xvdf,devtype=cdrom", NULL, "xvdf", "empty", 0, 1 },
        { "  /s.img , raw , sda", "/s.img ", "sda ", NULL, 1, 0 },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        char text[512], name[64], *err;
        domcfg *d;
        const struct disk_case *c = &cases[i];

        snprintf(text, sizeof(text), BASE "disk = [ '%s' ]\n", c->spec);
        snprintf(name, sizeof(name), "model/disk-%u", i);
        d = from_text(text, &err);
        if ( i == 8 )
        {
            /* Spaces after a value are part of it, so "raw " is no format. */
            CHECK(name, !d && err && strstr(err, "unknown disk format 'raw '"));
            free(err);
            domcfg_free(d);
            continue;
        }
        CHECK(name, d && domcfg_get_count(d, "disks") == 1 &&
              (c->pdev ? domcfg_get_string(d, "disks[0].pdev_path") &&
                         !strcmp(domcfg_get_string(d, "disks[0].pdev_path"),
                                 c->pdev)
                       : !domcfg_get_string(d, "disks[0].pdev_path")) &&
              !strcmp(domcfg_get_string(d, "disks[0].vdev"), c->vdev) &&
              !strcmp(domcfg_get_string(d, "disks[0].format"), c->format) &&
              geti(d, "disks[0].readwrite") == c->rw &&
              geti(d, "disks[0].is_cdrom") == c->cdrom);
        if ( !d )
            printf("    %s\n", err);
        free(err);
        domcfg_free(d);
    }
}

static void test_vif_pci_cpus(void)
{
    char *err;
    domcfg *d = from_text(BASE "vcpus=2\n"
                          "vif=['MAC=1', 'mac=00:16:3E:0A:0b:0C,rate=8Mb/s@100ms']\n",
                          &err);

    CHECK("model/vif-unknown-key-uppercase", !d && err &&
          strstr(err, "unknown vif parameter 'MAC' (did you mean 'mac'?)"));
    free(err);
    d = from_text(BASE "vcpus=2\nvif=['', 'mac=00:16:3E:0A:0b:0C,"
                  "rate=8Mb/s@100ms']\npci=['0a:1f.3@2,permissive=1']\n"
                  "cpus=['0-2,^1', '5']\n", &err);
    CHECK("model/devices-parse", d != NULL);
    if ( !d )
    {
        printf("    %s\n", err);
        free(err);
        return;
    }
    CHECK("model/vif-devids", geti(d, "nics[0].devid") == 0 &&
          geti(d, "nics[1].devid") == 1);
    CHECK_STR("model/vif-mac-canonical", domcfg_get_string(d, "nics[1].mac"),
              "00:16:3e:0a:0b:0c");
    CHECK("model/vif-rate", geti(d, "nics[1].rate_bytes_per_interval") == 100000 &&
          geti(d, "nics[1].rate_interval_usecs") == 100000);
    CHECK("model/pci-bdf", geti(d, "pcidevs[0].bus") == 0x0a &&
          geti(d, "pcidevs[0].dev") == 0x1f && geti(d, "pcidevs[0].func") == 3 &&
          geti(d, "pcidevs[0].vdevfn") == ((2 << 3) | 3) &&
          geti(d, "pcidevs[0].permissive") == 1);
    CHECK("model/cpus-per-vcpu",
          domcfg_get_count(d, "b_info.vcpu_hard_affinity[0]") == 2 &&
          geti(d, "b_info.vcpu_hard_affinity[0][1]") == -12345);
    domcfg_free(d);
}

/* The JSON below is laid out exactly as libxl's generator prints it. */
static const char xen_json[] =
"{\n"
"    \"c_info\": {\n"
"        \"type\": \"hvm\",\n"
"        \"hap\": \"True\",\n"
"        \"name\": \"x\",\n"
"        \"uuid\": \"01234567-89ab-4cde-8f01-23456789abcd\",\n"
"        \"xsdata\": {\n"
"            \"k\": \"v\"\n"
"        },\n"
"        \"run_hotplug_scripts\": \"True\"\n"
"    },\n"
"    \"b_info\": {\n"
"        \"max_vcpus\": 2,\n"
"        \"avail_vcpus\": [\n"
"            0,\n"
"            1\n"
"        ],\n"
"        \"max_memkb\": 1048576,\n"
"        \"target_memkb\": 1048576,\n"
"        \"sched_params\": {\n"
"\n"
"        },\n"
"        \"claim_mode\": \"True\",\n"
"        \"type.hvm\": {\n"
"            \"bios\": \"seabios\",\n"
"            \"vga\": {\n"
"                \"kind\": \"std\"\n"
"            },\n"
"            \"vnc\": {\n"
"                \"enable\": \"False\"\n"
"            },\n"
"            \"sdl\": {\n"
"\n"
"            },\n"
"            \"spice\": {\n"
"\n"
"            },\n"
"            \"serial_list\": [\n"
"                \"pty\"\n"
"            ],\n"
"            \"rdm\": {\n"
"\n"
"            }\n"
"        },\n"
"        \"arch_arm\": {\n"
"\n"
"        },\n"
"        \"arch_x86\": {\n"
"\n"
"        }\n"
"    },\n"
"    \"disks\": [\n"
"        {\n"
"            \"pdev_path\": \"/a\",\n"
"            \"vdev\": \"hda\",\n"
"            \"format\": \"raw\",\n"
"            \"readwrite\": 1,\n"
"            \"direct_io_safe\": true\n"
"        }\n"
"    ],\n"
"    \"channels\": [\n"
"        {\n"
"            \"devid\": 0,\n"
"            \"name\": \"c\",\n"
"            \"connection.socket\": {\n"
"                \"path\": \"/s\"\n"
"            }\n"
"        }\n"
"    ],\n"
"    \"on_reboot\": \"restart\",\n"
"    \"on_soft_reset\": \"soft_reset\"\n"
"}\n";

static void test_json(void)
{
    domcfg *d = domcfg_alloc();
    char *out = NULL, *err = NULL;
    static const struct { const char *json, *msg; } bad[] = {
        { "{\"c_info\": {\"nmae\": \"x\"}}", "j: c_info.nmae: unknown key" },
        { "{\"b_info\": {\"max_vcpus\": \"2\"}}",
          "j: b_info.max_vcpus: expected an integer" },
        { "{\"c_info\": {\"type\": \"xen\"}}",
          "j: c_info.type: expected a guest type, one of: \"invalid\", "
          "\"hvm\", \"pv\", \"pvh\"" },
        { "{\"disks\": [ {\"readwrite\": true} ]}",
          "j: disks[0].readwrite: expected an integer" },
        { "{\"b_info\": {\"type.xen\": {}}}", "j: b_info.type.xen: unknown key" },
        { "[]", "j: top level: expected an object" },
        { "{\"c_info\": {\"hap\": true}}",
          "j: c_info.hap: expected \"True\" or \"False\"" },
        { "{\"c_info\": {\"uuid\": \"xyz\"}}", "j: c_info.uuid: malformed UUID" },
    };
    unsigned int i;

    CHECK("json/parse-xen-layout",
          domcfg_from_json(d, "j", xen_json, strlen(xen_json), &err) == 0);
    if ( err )
        printf("    %s\n", err);
    free(err);
    err = NULL;
    CHECK("json/print-xen-layout", domcfg_to_json(d, &out) == 0 && out &&
          !strcmp(out, xen_json));
    free(out);
    CHECK("json/union-branch-read", geti(d, "b_info.type.hvm.vga.kind") == 2 &&
          geti(d, "b_info.type.hvm.vnc.enable") == -1);
    CHECK_STR("json/union-string", domcfg_get_string(d,
              "channels[0].name"), "c");
    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        char name[64];

        snprintf(name, sizeof(name), "json/bad-%u", i);
        if ( domcfg_from_json(d, "j", bad[i].json, strlen(bad[i].json),
                              &err) == 0 )
            CHECK(name, 0);
        else
            CHECK_STR(name, err, bad[i].msg);
        free(err);
        err = NULL;
    }
    CHECK_STR("json/failed-parse-keeps-model",
              domcfg_get_string(d, "c_info.name"), "x");
    CHECK("json/malformed", domcfg_from_json(d, "j", "{\"a\": ", 6, &err) == -1 &&
          err && !strncmp(err, "j: malformed JSON: ", 19));
    free(err);
    domcfg_free(d);
}

static void test_xml(void)
{
    static const char xml[] =
        "<domain type='xen'><name>v</name><memory unit='GiB'>2</memory>"
        "<os><type>xenpvh</type><kernel>/k</kernel></os>"
        "<devices><disk type='file' device='disk'><source file='/d'/>"
        "<target dev='xvda'/></disk><interface type='bridge'>"
        "<mac address='00:16:3e:00:00:09'/></interface></devices></domain>";
    domcfg *d = domcfg_alloc();
    char *err = NULL;

    CHECK("xml/parse", domcfg_from_xml(d, "x.xml", xml, strlen(xml), &err) == 0);
    free(err);
    err = NULL;
    CHECK_STR("xml/pvh-type", domcfg_get_string(d, "c_info.type"), "pvh");
    CHECK("xml/memory-unit", geti(d, "b_info.max_memkb") == 2 * 1024 * 1024);
    CHECK_STR("xml/disk", domcfg_get_string(d, "disks[0].pdev_path"), "/d");
    CHECK_STR("xml/nic-mac", domcfg_get_string(d, "nics[0].mac"),
              "00:16:3e:00:00:09");
    CHECK("xml/kvm-refused",
          domcfg_from_xml(d, "k.xml", "<domain type='kvm'><name>a</name>"
                          "</domain>", 43, &err) == -1 && err &&
          strstr(err, "only type='xen'"));
    free(err);
    err = NULL;
    CHECK("xml/malformed", domcfg_from_xml(d, "m.xml", "<domain>", 8,
                                           &err) == -1 && err &&
          !strncmp(err, "m.xml:1: malformed XML", 22));
    free(err);
    err = NULL;
    {
        static const char bu[] = "<domain><name>a</name><memory unit='PB'>1"
                                 "</memory></domain>";

        CHECK("xml/bad-unit", domcfg_from_xml(d, "u.xml", bu, strlen(bu),
                                              &err) == -1 &&
              err && strstr(err, "unknown unit 'PB'"));
    }
    free(err);
    CHECK_STR("xml/failed-parse-keeps-model",
              domcfg_get_string(d, "c_info.name"), "v");
    domcfg_free(d);
}

int main(void)
{
    test_keys();
    test_disks();
    test_vif_pci_cpus();
    test_json();
    test_xml();
    return check_exit();
}
