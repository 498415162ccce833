/*
 * The domain configuration schema: libxl's domain_config as Xen 4.17's
 * libxl_types.idl defines it (field names, order, defaults and enum
 * spellings), for the structures an x86 PV, PVH or HVM guest uses.  JSON
 * output follows libxl's generator: a field is printed only when it differs
 * from its default, structs are always printed, arrays only when non-empty.
 */
#include "domcfg_priv.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define ENUM(id, label, ...) \
    static const struct dc_enum_val id##_vals[] = { __VA_ARGS__ }; \
    const struct dc_enum id = { label, COUNT(id##_vals), id##_vals }
#define STRUCT(id, label) \
    const struct dc_struct id = { label, COUNT(id##_f), id##_f }

#define S(n)        { n, DK_STRING, 0, 0, 0, 0, 0, 0 }
#define I(n, d)     { n, DK_INT, d, 0, 0, 0, 0, 0 }
#define U(n, d)     { n, DK_UINT, d, 0, 0, 0, 0, 0 }
#define B(n)        { n, DK_BOOL, 0, 0, 0, 0, 0, 0 }
#define DB(n)       { n, DK_DEFBOOL, 0, 0, 0, 0, 0, 0 }
#define E(n, e, d)  { n, DK_ENUM, d, &e, 0, 0, 0, 0 }
#define EH(n, e, d) { n, DK_ENUM, d, &e, 0, 0, 0, DF_HIDDEN }
#define UUID(n)     { n, DK_UUID, 0, 0, 0, 0, 0, 0 }
#define MAC(n)      { n, DK_MAC, 0, 0, 0, 0, 0, 0 }
#define BM(n)       { n, DK_BITMAP, 0, 0, 0, 0, 0, 0 }
#define SL(n)       { n, DK_STRLIST, 0, 0, 0, 0, 0, 0 }
#define KV(n)       { n, DK_KVLIST, 0, 0, 0, 0, 0, 0 }
#define ST(n, s)    { n, DK_STRUCT, 0, 0, &s, 0, 0, 0 }
#define AS(n, s)    { n, DK_ARRAY, 0, 0, &s, DK_STRUCT, 0, 0 }
#define AK(n, k)    { n, DK_ARRAY, 0, 0, 0, k, 0, 0 }
#define UN(n, u)    { n, DK_UNION, 0, 0, 0, 0, &u, 0 }

#define MEMKB_DEFAULT   (-1)    /* LIBXL_MEMKB_DEFAULT, ~0ULL */
#define DEVID_DEFAULT   (-1)
#define PARAM_DEFAULT   (-1)    /* LIBXL_DOMAIN_SCHED_PARAM_*_DEFAULT */
#define GRANT_DEFAULT   (-1)    /* LIBXL_MAX_GRANT_DEFAULT */

ENUM(dc_enum_domain_type, "guest type",
     { -1, "invalid" }, { 1, "hvm" }, { 2, "pv" }, { 3, "pvh" });
ENUM(dc_enum_action, "shutdown action",
     { 1, "destroy" }, { 2, "restart" }, { 3, "restart_rename" },
     { 4, "preserve" }, { 5, "coredump_destroy" }, { 6, "coredump_restart" },
     { 7, "soft_reset" });
ENUM(dc_enum_disk_format, "disk format",
     { 0, "unknown" }, { 1, "qcow" }, { 2, "qcow2" }, { 3, "vhd" },
     { 4, "raw" }, { 5, "empty" }, { 6, "qed" });
ENUM(dc_enum_disk_backend, "disk backend",
     { 0, "unknown" }, { 1, "phy" }, { 2, "tap" }, { 3, "qdisk" },
     { 4, "standalone" });
ENUM(dc_enum_nic_type, "nic type",
     { 0, "unknown" }, { 1, "vif_ioemu" }, { 2, "vif" });
ENUM(dc_enum_dm_version, "device model version",
     { 0, "unknown" }, { 1, "qemu_xen_traditional" }, { 2, "qemu_xen" });
ENUM(dc_enum_bios, "bios",
     { 0, "unknown" }, { 1, "rombios" }, { 2, "seabios" }, { 3, "ovmf" });
ENUM(dc_enum_tsc_mode, "tsc mode",
     { 0, "default" }, { 1, "always_emulate" }, { 2, "native" },
     { 3, "native_paravirt" });
ENUM(dc_enum_timer_mode, "timer mode",
     { -1, "unknown" }, { 0, "delay_for_missed_ticks" },
     { 1, "no_delay_for_missed_ticks" }, { 2, "no_missed_ticks_pending" },
     { 3, "one_missed_tick_pending" });
ENUM(dc_enum_vga, "vga",
     { 0, "unknown" }, { 1, "cirrus" }, { 2, "std" }, { 3, "none" },
     { 4, "qxl" });
ENUM(dc_enum_hdtype, "hdtype", { 1, "ide" }, { 2, "ahci" });
ENUM(dc_enum_vendor_device, "vendor device",
     { 0, "none" }, { 1, "xenserver" });
ENUM(dc_enum_connection, "channel connection",
     { 0, "unknown" }, { 1, "pty" }, { 2, "socket" });
ENUM(dc_enum_passthrough, "passthrough",
     { 0, "default" }, { 1, "disabled" }, { 2, "enabled" }, { 3, "sync_pt" },
     { 4, "share_pt" });
ENUM(dc_enum_gfx_kind, "gfx_passthru kind", { 0, "default" }, { 1, "igd" });
ENUM(dc_enum_altp2m, "altp2m mode",
     { 0, "disabled" }, { 1, "mixed" }, { 2, "external" }, { 3, "limited" });
ENUM(dc_enum_rdm_policy, "rdm policy",
     { -1, "invalid" }, { 0, "strict" }, { 1, "relaxed" });
ENUM(dc_enum_rdm_strategy, "rdm strategy", { 0, "ignore" }, { 1, "host" });
ENUM(dc_enum_usbctrl_type, "usbctrl type",
     { 0, "auto" }, { 1, "pv" }, { 2, "devicemodel" }, { 3, "qusb" });
ENUM(dc_enum_scheduler, "scheduler",
     { 0, "unknown" }, { 4, "sedf" }, { 5, "credit" }, { 6, "credit2" },
     { 7, "arinc653" }, { 8, "rtds" }, { 9, "null" });
ENUM(dc_enum_vkb_backend, "vkb backend",
     { 0, "unknown" }, { 1, "qemu" }, { 2, "linux" });
ENUM(dc_enum_tee, "tee", { 0, "none" }, { 1, "optee" }, { 2, "ffa" });
ENUM(dc_enum_gic, "gic version", { 0, "default" }, { 0x20, "v2" },
     { 0x30, "v3" });
ENUM(dc_enum_vuart, "vuart", { 0, "unknown" }, { 1, "sbsa_uart" });

static const struct dc_field dc_c_info_f[] = {
    E("type", dc_enum_domain_type, -1),
    DB("hap"),
    DB("oos"),
    U("ssidref", 0),
    S("ssid_label"),
    S("name"),
    U("domid", 0),
    UUID("uuid"),
    KV("xsdata"),
    KV("platformdata"),
    U("poolid", 0),
    S("pool_name"),
    DB("run_hotplug_scripts"),
    DB("driver_domain"),
    E("passthrough", dc_enum_passthrough, 0),
    DB("xend_suspend_evtchn_compat"),
};
static STRUCT(dc_c_info, "c_info");

static const struct dc_field dc_sched_params_f[] = {
    E("sched", dc_enum_scheduler, 0),
    I("weight", PARAM_DEFAULT),
    I("cap", PARAM_DEFAULT),
    I("period", PARAM_DEFAULT),
    I("budget", PARAM_DEFAULT),
    I("extratime", PARAM_DEFAULT),
    I("slice", PARAM_DEFAULT),
    I("latency", PARAM_DEFAULT),
};
static STRUCT(dc_sched_params, "sched_params");

static const struct dc_field dc_ioport_range_f[] = {
    U("first", 0),
    U("number", 0),
};
STRUCT(dc_ioport_range, "ioport range");

static const struct dc_field dc_iomem_range_f[] = {
    U("start", 0),
    U("number", 0),
    U("gfn", -1),               /* LIBXL_INVALID_GFN */
};
STRUCT(dc_iomem_range, "iomem range");

static const struct dc_field dc_vnc_f[] = {
    DB("enable"),
    S("listen"),
    S("passwd"),
    I("display", 0),
    DB("findunused"),
};
static STRUCT(dc_vnc, "vnc");

static const struct dc_field dc_sdl_f[] = {
    DB("enable"),
    DB("opengl"),
    S("display"),
    S("xauthority"),
};
static STRUCT(dc_sdl, "sdl");

static const struct dc_field dc_spice_f[] = {
    DB("enable"),
    I("port", 0),
    I("tls_port", 0),
    S("host"),
    DB("disable_ticketing"),
    S("passwd"),
    DB("agent_mouse"),
    DB("vdagent"),
    DB("clipboard_sharing"),
    I("usbredirection", 0),
    S("image_compression"),
    S("streaming_video"),
};
static STRUCT(dc_spice, "spice");

static const struct dc_field dc_vga_f[] = {
    E("kind", dc_enum_vga, 0),
};
static STRUCT(dc_vga, "vga");

static const struct dc_field dc_rdm_f[] = {
    E("strategy", dc_enum_rdm_strategy, 0),
    E("policy", dc_enum_rdm_policy, -1),
};
static STRUCT(dc_rdm, "rdm");

static const struct dc_field dc_hvm_f[] = {
    S("firmware"),
    E("bios", dc_enum_bios, 0),
    DB("pae"),
    DB("apic"),
    DB("acpi"),
    DB("acpi_s3"),
    DB("acpi_s4"),
    DB("acpi_laptop_slate"),
    DB("nx"),
    DB("viridian"),
    BM("viridian_enable"),
    BM("viridian_disable"),
    S("timeoffset"),
    DB("hpet"),
    DB("vpt_align"),
    U("mmio_hole_memkb", MEMKB_DEFAULT),
    E("timer_mode", dc_enum_timer_mode, -1),
    DB("nested_hvm"),
    DB("altp2m"),
    S("system_firmware"),
    S("smbios_firmware"),
    S("acpi_firmware"),
    E("hdtype", dc_enum_hdtype, 1),
    DB("nographic"),
    ST("vga", dc_vga),
    ST("vnc", dc_vnc),
    S("keymap"),
    ST("sdl", dc_sdl),
    ST("spice", dc_spice),
    DB("gfx_passthru"),
    E("gfx_passthru_kind", dc_enum_gfx_kind, 0),
    S("serial"),
    S("boot"),
    DB("usb"),
    I("usbversion", 0),
    S("usbdevice"),
    DB("vkb_device"),
    S("soundhw"),
    DB("xen_platform_pci"),
    SL("usbdevice_list"),
    E("vendor_device", dc_enum_vendor_device, 0),
    SL("serial_list"),
    ST("rdm", dc_rdm),
    U("rdm_mem_boundary_memkb", MEMKB_DEFAULT),
    U("mca_caps", 0),
};
static STRUCT(dc_hvm, "type.hvm");

static const struct dc_field dc_pv_f[] = {
    S("kernel"),
    U("slack_memkb", MEMKB_DEFAULT),
    S("bootloader"),
    SL("bootloader_args"),
    S("cmdline"),
    S("ramdisk"),
    DB("e820_host"),
};
static STRUCT(dc_pv, "type.pv");

static const struct dc_field dc_pvh_f[] = {
    DB("pvshim"),
    S("pvshim_path"),
    S("pvshim_cmdline"),
    S("pvshim_extra"),
};
static STRUCT(dc_pvh, "type.pvh");

static const struct dc_union_branch dc_b_info_u_br[] = {
    { 1, "hvm", &dc_hvm },
    { 2, "pv", &dc_pv },
    { 3, "pvh", &dc_pvh },
    { -1, "invalid", 0 },
};
static const struct dc_union dc_b_info_u = { "type", 4, dc_b_info_u_br };

static const struct dc_field dc_arch_arm_f[] = {
    E("gic_version", dc_enum_gic, 0),
    E("vuart", dc_enum_vuart, 0),
};
static STRUCT(dc_arch_arm, "arch_arm");

static const struct dc_field dc_arch_x86_f[] = {
    DB("msr_relaxed"),
};
static STRUCT(dc_arch_x86, "arch_x86");

static const struct dc_field dc_b_info_f[] = {
    I("max_vcpus", 0),
    BM("avail_vcpus"),
    BM("cpumap"),
    BM("nodemap"),
    AK("vcpu_hard_affinity", DK_BITMAP),
    AK("vcpu_soft_affinity", DK_BITMAP),
    DB("numa_placement"),
    E("tsc_mode", dc_enum_tsc_mode, 0),
    U("max_memkb", MEMKB_DEFAULT),
    U("target_memkb", MEMKB_DEFAULT),
    U("video_memkb", MEMKB_DEFAULT),
    U("shadow_memkb", MEMKB_DEFAULT),
    U("iommu_memkb", MEMKB_DEFAULT),
    U("rtc_timeoffset", 0),
    U("exec_ssidref", 0),
    S("exec_ssid_label"),
    DB("localtime"),
    DB("disable_migrate"),
    S("blkdev_start"),
    U("max_grant_frames", GRANT_DEFAULT),
    U("max_maptrack_frames", GRANT_DEFAULT),
    I("max_grant_version", GRANT_DEFAULT),
    E("device_model_version", dc_enum_dm_version, 0),
    DB("device_model_stubdomain"),
    U("stubdomain_memkb", MEMKB_DEFAULT),
    S("stubdomain_kernel"),
    S("stubdomain_cmdline"),
    S("stubdomain_ramdisk"),
    S("device_model"),
    U("device_model_ssidref", 0),
    S("device_model_ssid_label"),
    S("device_model_user"),
    SL("extra"),
    SL("extra_pv"),
    SL("extra_hvm"),
    ST("sched_params", dc_sched_params),
    AS("ioports", dc_ioport_range),
    AK("irqs", DK_UINT),
    AS("iomem", dc_iomem_range),
    DB("claim_mode"),
    U("event_channels", 0),
    S("kernel"),
    S("cmdline"),
    S("ramdisk"),
    S("device_tree"),
    DB("acpi"),
    S("bootloader"),
    SL("bootloader_args"),
    DB("bootloader_restrict"),
    S("bootloader_user"),
    E("timer_mode", dc_enum_timer_mode, -1),
    DB("nested_hvm"),
    DB("apic"),
    DB("dm_restrict"),
    E("tee", dc_enum_tee, 0),
    EH("type", dc_enum_domain_type, -1),
    UN("u", dc_b_info_u),
    ST("arch_arm", dc_arch_arm),
    ST("arch_x86", dc_arch_x86),
    E("altp2m", dc_enum_altp2m, 0),
    I("vmtrace_buf_kb", 0),
    DB("vpmu"),
};
static STRUCT(dc_b_info, "b_info");

static const struct dc_field dc_disk_f[] = {
    U("backend_domid", 0),
    S("backend_domname"),
    S("pdev_path"),
    S("vdev"),
    E("backend", dc_enum_disk_backend, 0),
    E("format", dc_enum_disk_format, 0),
    S("script"),
    I("removable", 0),
    I("readwrite", 0),
    I("is_cdrom", 0),
    B("direct_io_safe"),
    DB("discard_enable"),
    DB("colo_enable"),
    DB("colo_restore_enable"),
    S("colo_host"),
    I("colo_port", 0),
    S("colo_export"),
    S("active_disk"),
    S("hidden_disk"),
    DB("trusted"),
};
STRUCT(dc_disk, "disk");

static const struct dc_field dc_nic_f[] = {
    U("backend_domid", 0),
    S("backend_domname"),
    I("devid", DEVID_DEFAULT),
    I("mtu", 0),
    S("model"),
    MAC("mac"),
    S("ip"),
    S("bridge"),
    S("ifname"),
    S("script"),
    E("nictype", dc_enum_nic_type, 0),
    U("rate_bytes_per_interval", 0),
    U("rate_interval_usecs", 0),
    S("gatewaydev"),
    S("coloft_forwarddev"),
    DB("trusted"),
};
STRUCT(dc_nic, "nic");

static const struct dc_field dc_pci_f[] = {
    U("func", 0),
    U("dev", 0),
    U("bus", 0),
    I("domain", 0),
    U("vdevfn", 0),
    U("vfunc_mask", 0),
    B("msitranslate"),
    B("power_mgmt"),
    B("permissive"),
    B("seize"),
    E("rdm_policy", dc_enum_rdm_policy, -1),
    S("name"),
};
STRUCT(dc_pci, "pci device");

static const struct dc_field dc_dtdev_f[] = {
    S("path"),
};
STRUCT(dc_dtdev, "dtdev");

static const struct dc_field dc_vfb_f[] = {
    U("backend_domid", 0),
    S("backend_domname"),
    I("devid", DEVID_DEFAULT),
    ST("vnc", dc_vnc),
    ST("sdl", dc_sdl),
    S("keymap"),
};
STRUCT(dc_vfb, "vfb");

static const struct dc_field dc_vkb_f[] = {
    U("backend_domid", 0),
    S("backend_domname"),
    I("devid", DEVID_DEFAULT),
    E("backend_type", dc_enum_vkb_backend, 0),
    S("unique_id"),
    B("feature_disable_keyboard"),
    B("feature_disable_pointer"),
    B("feature_abs_pointer"),
    B("feature_raw_pointer"),
    B("feature_multi_touch"),
    U("width", 0),
    U("height", 0),
    U("multi_touch_width", 0),
    U("multi_touch_height", 0),
    U("multi_touch_num_contacts", 0),
};
STRUCT(dc_vkb, "vkb");

static const struct dc_field dc_vtpm_f[] = {
    U("backend_domid", 0),
    S("backend_domname"),
    I("devid", DEVID_DEFAULT),
    UUID("uuid"),
};
STRUCT(dc_vtpm, "vtpm");

static const struct dc_field dc_p9_f[] = {
    U("backend_domid", 0),
    S("backend_domname"),
    S("tag"),
    S("path"),
    S("security_model"),
    I("devid", DEVID_DEFAULT),
};
STRUCT(dc_p9, "p9");

static const struct dc_field dc_channel_socket_f[] = {
    S("path"),
};
static STRUCT(dc_channel_socket, "connection.socket");

static const struct dc_union_branch dc_channel_u_br[] = {
    { 0, "unknown", 0 },
    { 1, "pty", 0 },
    { 2, "socket", &dc_channel_socket },
};
static const struct dc_union dc_channel_u = { "connection", 3,
                                              dc_channel_u_br };

static const struct dc_field dc_channel_f[] = {
    U("backend_domid", 0),
    S("backend_domname"),
    I("devid", DEVID_DEFAULT),
    S("name"),
    EH("connection", dc_enum_connection, 0),
    UN("u", dc_channel_u),
};
STRUCT(dc_channel, "channel");

static const struct dc_field dc_usbctrl_f[] = {
    E("type", dc_enum_usbctrl_type, 0),
    I("devid", DEVID_DEFAULT),
    I("version", 0),
    I("ports", 0),
    U("backend_domid", 0),
    S("backend_domname"),
};
STRUCT(dc_usbctrl, "usbctrl");

static const struct dc_field dc_domain_config_f[] = {
    ST("c_info", dc_c_info),
    ST("b_info", dc_b_info),
    AS("disks", dc_disk),
    AS("nics", dc_nic),
    AS("pcidevs", dc_pci),
    AS("dtdevs", dc_dtdev),
    AS("vfbs", dc_vfb),
    AS("vkbs", dc_vkb),
    AS("vtpms", dc_vtpm),
    AS("p9s", dc_p9),
    AS("channels", dc_channel),
    AS("usbctrls", dc_usbctrl),
    E("on_poweroff", dc_enum_action, 1),
    E("on_reboot", dc_enum_action, 1),
    E("on_watchdog", dc_enum_action, 1),
    E("on_crash", dc_enum_action, 1),
    E("on_soft_reset", dc_enum_action, 1),
};
STRUCT(dc_domain_config, "domain config");
