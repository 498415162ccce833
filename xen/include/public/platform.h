/* SPDX-License-Identifier: MIT */
/*
 * public/platform.h: HYPERVISOR_platform_op(struct xen_platform_op *op),
 * the hardware domain's control of the physical platform: wall-clock time,
 * MTRRs, microcode, firmware tables (EDD, EDID, EFI), ACPI sleep and
 * processor power management, physical CPU and memory hot-plug.
 *
 * Every call carries XENPF_INTERFACE_VERSION; a hypervisor refuses any
 * other with -EACCES.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_PLATFORM_H__
#define __XEN_PUBLIC_PLATFORM_H__

#include "xen.h"

#define XENPF_INTERFACE_VERSION 0x03000001

/*
 * XENPF_settime32 / XENPF_settime64: set the wall clock so that it reads
 * <secs, nsecs> (since the Unix epoch) when system time is system_time.
 */
#define XENPF_settime32 17
struct xenpf_settime32 {
    uint32_t secs;        /* IN */
    uint32_t nsecs;       /* IN */
    uint64_t system_time; /* IN */
};
typedef struct xenpf_settime32 xenpf_settime32_t;
#define XENPF_settime64 62
struct xenpf_settime64 {
    uint64_t secs;        /* IN */
    uint32_t nsecs;       /* IN */
    uint32_t mbz;         /* IN: zero */
    uint64_t system_time; /* IN */
};
typedef struct xenpf_settime64 xenpf_settime64_t;
#if __XEN_INTERFACE_VERSION__ < 0x00040600
#define XENPF_settime XENPF_settime32
#define xenpf_settime xenpf_settime32
#else
#define XENPF_settime XENPF_settime64
#define xenpf_settime xenpf_settime64
#endif
typedef struct xenpf_settime xenpf_settime_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_settime_t);

/*
 * XENPF_add_memtype: give frames mfn .. mfn + nr_mfns - 1 the MTRR memory
 * type @type; returns the MTRR used and a handle for XENPF_del_memtype.
 */
#define XENPF_add_memtype 31
struct xenpf_add_memtype {
    xen_pfn_t mfn;    /* IN */
    uint64_t nr_mfns; /* IN */
    uint32_t type;    /* IN */
    uint32_t handle;  /* OUT */
    uint32_t reg;     /* OUT */
};
typedef struct xenpf_add_memtype xenpf_add_memtype_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_add_memtype_t);

/*
 * XENPF_del_memtype: undo one; handle 0 if unknown (then the MTRR @reg is
 * simply cleared).
 */
#define XENPF_del_memtype 32
struct xenpf_del_memtype {
    uint32_t handle; /* IN */
    uint32_t reg;    /* IN */
};
typedef struct xenpf_del_memtype xenpf_del_memtype_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_del_memtype_t);

/* XENPF_read_memtype: the range and type of one MTRR. */
#define XENPF_read_memtype 33
struct xenpf_read_memtype {
    uint32_t reg;     /* IN */
    xen_pfn_t mfn;    /* OUT */
    uint64_t nr_mfns; /* OUT */
    uint32_t type;    /* OUT */
};
typedef struct xenpf_read_memtype xenpf_read_memtype_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_read_memtype_t);

/* XENPF_microcode_update: load a microcode blob on every CPU. */
#define XENPF_microcode_update 35
struct xenpf_microcode_update {
    XEN_GUEST_HANDLE(const_void) data; /* IN: the blob */
    uint32_t length;                   /* IN: its length */
};
typedef struct xenpf_microcode_update xenpf_microcode_update_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_microcode_update_t);

/* XENPF_platform_quirk: tell the hypervisor about a platform oddity. */
#define XENPF_platform_quirk 39
#define QUIRK_NOIRQBALANCING 1     /* leave IO-APIC RTE targets alone */
#define QUIRK_IOAPIC_BAD_REGSEL 2  /* the IO-APIC forgets REGSEL */
#define QUIRK_IOAPIC_GOOD_REGSEL 3 /* the IO-APIC keeps REGSEL */
struct xenpf_platform_quirk {
    uint32_t quirk_id; /* IN: QUIRK_* */
};
typedef struct xenpf_platform_quirk xenpf_platform_quirk_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_platform_quirk_t);

/* XENPF_efi_runtime_call: call an EFI runtime service. */
#define XENPF_efi_runtime_call 49
#define XEN_EFI_get_time 1
#define XEN_EFI_set_time 2
#define XEN_EFI_get_wakeup_time 3
#define XEN_EFI_set_wakeup_time 4
#define XEN_EFI_get_next_high_monotonic_count 5
#define XEN_EFI_get_variable 6
#define XEN_EFI_set_variable 7
#define XEN_EFI_get_next_variable_name 8
#define XEN_EFI_query_variable_info 9
#define XEN_EFI_query_capsule_capabilities 10
#define XEN_EFI_update_capsule 11

/* EFI_TIME */
struct xenpf_efi_time {
    uint16_t year;    /* IN/OUT */
    uint8_t month;    /* IN/OUT */
    uint8_t day;      /* IN/OUT */
    uint8_t hour;     /* IN/OUT */
    uint8_t min;      /* IN/OUT */
    uint8_t sec;      /* IN/OUT */
    uint32_t ns;      /* IN/OUT */
    int16_t tz;       /* IN/OUT: minutes from UTC */
    uint8_t daylight; /* IN/OUT */
};

/* EFI_GUID */
struct xenpf_efi_guid {
    uint32_t data1;   /* IN/OUT */
    uint16_t data2;   /* IN/OUT */
    uint16_t data3;   /* IN/OUT */
    uint8_t data4[8]; /* IN/OUT */
};

struct xenpf_efi_runtime_call {
    uint32_t function; /* IN: XEN_EFI_* */
    /*
     * IN/OUT: flags of the function (below), or the returned count of
     * XEN_EFI_get_next_high_monotonic_count.
     */
    uint32_t misc;
    xen_ulong_t status; /* OUT: the EFI status */
    union {
#define XEN_EFI_GET_TIME_SET_CLEARS_NS 0x00000001
        struct {
            struct xenpf_efi_time time; /* OUT */
            uint32_t resolution;        /* OUT */
            uint32_t accuracy;          /* OUT */
        } get_time;
        struct xenpf_efi_time set_time; /* IN */
#define XEN_EFI_GET_WAKEUP_TIME_ENABLED 0x00000001
#define XEN_EFI_GET_WAKEUP_TIME_PENDING 0x00000002
        struct xenpf_efi_time get_wakeup_time; /* OUT */
#define XEN_EFI_SET_WAKEUP_TIME_ENABLE 0x00000001
#define XEN_EFI_SET_WAKEUP_TIME_ENABLE_ONLY 0x00000002
        struct xenpf_efi_time set_wakeup_time; /* IN */
#define XEN_EFI_VARIABLE_NON_VOLATILE 0x00000001
#define XEN_EFI_VARIABLE_BOOTSERVICE_ACCESS 0x00000002
#define XEN_EFI_VARIABLE_RUNTIME_ACCESS 0x00000004
        struct {
            XEN_GUEST_HANDLE(void) name;       /* IN: UCS-2 name */
            xen_ulong_t size;                  /* IN/OUT: bytes of data */
            XEN_GUEST_HANDLE(void) data;       /* IN or OUT */
            struct xenpf_efi_guid vendor_guid; /* IN */
        } get_variable, set_variable;
        struct {
            xen_ulong_t size;                  /* IN/OUT: bytes of name */
            XEN_GUEST_HANDLE(void) name;       /* IN/OUT: UCS-2 name */
            struct xenpf_efi_guid vendor_guid; /* IN/OUT */
        } get_next_variable_name;
#define XEN_EFI_VARINFO_BOOT_SNAPSHOT 0x00000001
        struct {
            uint32_t attr;              /* IN */
            uint64_t max_store_size;    /* OUT */
            uint64_t remain_store_size; /* OUT */
            uint64_t max_size;          /* OUT */
        } query_variable_info;
        struct {
            XEN_GUEST_HANDLE(void) capsule_header_array; /* IN */
            xen_ulong_t capsule_count;                   /* IN */
            uint64_t max_capsule_size;                   /* OUT */
            uint32_t reset_type;                         /* OUT */
        } query_capsule_capabilities;
        struct {
            XEN_GUEST_HANDLE(void) capsule_header_array; /* IN */
            xen_ulong_t capsule_count;                   /* IN */
            uint64_t sg_list; /* IN: machine address */
        } update_capsule;
    } u;
};
typedef struct xenpf_efi_runtime_call xenpf_efi_runtime_call_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_efi_runtime_call_t);

/* XENPF_firmware_info: what the boot firmware told the hypervisor. */
#define XENPF_firmware_info 50
#define XEN_FW_DISK_INFO 1          /* BIOS INT 13h AH=08h/41h/48h */
#define XEN_FW_DISK_MBR_SIGNATURE 2 /* the MBR's signature at 0x1b8 */
#define XEN_FW_VBEDDC_INFO 3        /* BIOS INT 10h AX=4F15h (EDID) */
#define XEN_FW_EFI_INFO 4           /* EFI, by index: */
#define XEN_FW_EFI_VERSION 0
#define XEN_FW_EFI_CONFIG_TABLE 1
#define XEN_FW_EFI_VENDOR 2
#define XEN_FW_EFI_MEM_INFO 3
#define XEN_FW_EFI_RT_VERSION 4
#define XEN_FW_EFI_PCI_ROM 5
#define XEN_FW_EFI_APPLE_PROPERTIES 6
#define XEN_FW_KBD_SHIFT_FLAGS 5 /* BIOS INT 16h AH=02h */
struct xenpf_firmware_info {
    uint32_t type;  /* IN: XEN_FW_* */
    uint32_t index; /* IN: which disk, or XEN_FW_EFI_* */
    union {
        struct {
            uint8_t device;                   /* OUT: BIOS drive (%dl) */
            uint8_t version;                  /* OUT: EDD version (%ah) */
            uint16_t interface_support;       /* OUT: EDD bitmap (%cx) */
            uint16_t legacy_max_cylinder;     /* OUT */
            uint8_t legacy_max_head;          /* OUT */
            uint8_t legacy_sectors_per_track; /* OUT */
            /* IN/OUT: buffer for function 48h, its size in the first word */
            XEN_GUEST_HANDLE(void) edd_params;
        } disk_info;
        struct {
            uint8_t device;         /* OUT: BIOS drive */
            uint32_t mbr_signature; /* OUT */
        } disk_mbr_signature;
        struct {
            uint8_t capabilities;         /* OUT */
            uint8_t edid_transfer_time;   /* OUT */
            XEN_GUEST_HANDLE(uint8) edid; /* OUT: 128-byte buffer */
        } vbeddc_info;
        union xenpf_efi_info {
            uint32_t version; /* OUT: XEN_FW_EFI_VERSION, _RT_VERSION */
            struct {
                uint64_t addr; /* OUT: EFI configuration table */
                uint32_t nent; /* OUT: its entries */
            } cfg;
            struct {
                uint32_t revision;           /* OUT */
                uint32_t bufsz;              /* IN: bytes in name */
                XEN_GUEST_HANDLE(void) name; /* OUT: UCS-2 vendor */
            } vendor;
            struct {
                uint64_t addr; /* IN/OUT: an address, then its region */
                uint64_t size; /* OUT */
                uint64_t attr; /* OUT */
                uint32_t type; /* OUT */
            } mem;
            struct {
                uint16_t segment; /* IN */
                uint8_t bus;      /* IN */
                uint8_t devfn;    /* IN */
                uint16_t vendor;  /* IN */
                uint16_t devid;   /* IN */
                uint64_t address; /* OUT: the option ROM image */
                xen_ulong_t size; /* OUT */
            } pci_rom;
            struct {
                uint64_t address; /* OUT */
                xen_ulong_t size; /* OUT */
            } apple_properties;
        } efi_info;
        uint8_t kbd_shift_flags; /* OUT */
    } u;
};
typedef struct xenpf_firmware_info xenpf_firmware_info_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_firmware_info_t);

/* XENPF_enter_acpi_sleep: put the machine in ACPI sleep state Sn. */
#define XENPF_enter_acpi_sleep 51
struct xenpf_enter_acpi_sleep {
#if __XEN_INTERFACE_VERSION__ < 0x00040300
    uint16_t pm1a_cnt_val; /* IN: PM1a control value */
    uint16_t pm1b_cnt_val; /* IN: PM1b control value */
#else
    uint16_t val_a; /* IN: PM1a control, or sleep type A */
    uint16_t val_b; /* IN: PM1b control, or sleep type B */
#endif
    uint32_t sleep_state; /* IN: n of Sn */
#define XENPF_ACPI_SLEEP_EXTENDED 0x00000001
    uint32_t flags; /* IN: XENPF_ACPI_SLEEP_* */
};
typedef struct xenpf_enter_acpi_sleep xenpf_enter_acpi_sleep_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_enter_acpi_sleep_t);

/* XENPF_change_freq: set a physical CPU's frequency. */
#define XENPF_change_freq 52
struct xenpf_change_freq {
    uint32_t flags; /* IN: zero */
    uint32_t cpu;   /* IN: physical CPU */
    uint64_t freq;  /* IN: Hz */
};
typedef struct xenpf_change_freq xenpf_change_freq_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_change_freq_t);

/*
 * XENPF_getidletime: idle time (ns since boot) of the CPUs set in the
 * bitmap; CPUs that do not exist are cleared from it and get 0.
 */
#define XENPF_getidletime 53
struct xenpf_getidletime {
    XEN_GUEST_HANDLE(uint8) cpumap_bitmap; /* IN/OUT */
    uint32_t cpumap_nr_cpus;               /* IN: bits in the bitmap */
    XEN_GUEST_HANDLE(uint64) idletime;     /* OUT: indexed by CPU */
    uint64_t now; /* OUT: system time of the snapshot */
};
typedef struct xenpf_getidletime xenpf_getidletime_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_getidletime_t);

/*
 * XENPF_set_processor_pminfo: hand ACPI processor power data (_CST, _PSS,
 * _PDC...) that dom0 parsed to the hypervisor, which owns the CPUs.
 */
#define XENPF_set_processor_pminfo 54

/* Capability bits. */
#define XEN_PROCESSOR_PM_CX 1
#define XEN_PROCESSOR_PM_PX 2
#define XEN_PROCESSOR_PM_TX 4

/* xenpf_set_processor_pminfo.type */
#define XEN_PM_CX 0
#define XEN_PM_PX 1
#define XEN_PM_TX 2
#define XEN_PM_PDC 3

/* xen_processor_performance.flags: which parts are valid. */
#define XEN_PX_PCT 1
#define XEN_PX_PSS 2
#define XEN_PX_PPC 4
#define XEN_PX_PSD 8

/* An ACPI generic address. */
struct xen_power_register {
    uint32_t space_id;    /* IN */
    uint32_t bit_width;   /* IN */
    uint32_t bit_offset;  /* IN */
    uint32_t access_size; /* IN */
    uint64_t address;     /* IN */
};

/* One _CSD dependency. */
struct xen_processor_csd {
    uint32_t domain;     /* IN: dependency domain */
    uint32_t coord_type; /* IN: coordination type */
    uint32_t num;        /* IN: processors in the domain */
};
typedef struct xen_processor_csd xen_processor_csd_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_csd_t);

/* One C-state (_CST entry). */
struct xen_processor_cx {
    struct xen_power_register reg;            /* IN: trigger register */
    uint8_t type;                             /* IN: n of Cn */
    uint32_t latency;                         /* IN: worst entry+exit latency */
    uint32_t power;                           /* IN: average power (mW) */
    uint32_t dpcnt;                           /* IN: entries in dp */
    XEN_GUEST_HANDLE(xen_processor_csd_t) dp; /* IN: dependencies, or null */
};
typedef struct xen_processor_cx xen_processor_cx_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_cx_t);

struct xen_processor_flags {
    uint32_t bm_control : 1;       /* IN */
    uint32_t bm_check : 1;         /* IN */
    uint32_t has_cst : 1;          /* IN */
    uint32_t power_setup_done : 1; /* IN */
    uint32_t bm_rld_set : 1;       /* IN */
};

struct xen_processor_power {
    uint32_t count;                              /* IN: entries in states */
    struct xen_processor_flags flags;            /* IN */
    XEN_GUEST_HANDLE(xen_processor_cx_t) states; /* IN */
};

/* An ACPI _PCT register descriptor. */
struct xen_pct_register {
    uint8_t descriptor; /* IN */
    uint16_t length;    /* IN */
    uint8_t space_id;   /* IN */
    uint8_t bit_width;  /* IN */
    uint8_t bit_offset; /* IN */
    uint8_t reserved;   /* IN: zero */
    uint64_t address;   /* IN */
};

/* One P-state (_PSS entry). */
struct xen_processor_px {
    uint64_t core_frequency;     /* IN: MHz */
    uint64_t power;              /* IN: mW */
    uint64_t transition_latency; /* IN: us */
    uint64_t bus_master_latency; /* IN: us */
    uint64_t control;            /* IN: value to write */
    uint64_t status;             /* IN: value that confirms it */
};
typedef struct xen_processor_px xen_processor_px_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_px_t);

/* _PSD */
struct xen_psd_package {
    uint64_t num_entries;    /* IN */
    uint64_t revision;       /* IN */
    uint64_t domain;         /* IN */
    uint64_t coord_type;     /* IN */
    uint64_t num_processors; /* IN */
};

struct xen_processor_performance {
    uint32_t flags;                              /* IN: XEN_PX_* */
    uint32_t platform_limit;                     /* IN: _PPC */
    struct xen_pct_register control_register;    /* IN */
    struct xen_pct_register status_register;     /* IN */
    uint32_t state_count;                        /* IN: entries in states */
    XEN_GUEST_HANDLE(xen_processor_px_t) states; /* IN */
    struct xen_psd_package domain_info;          /* IN */
#define XEN_CPUPERF_SHARED_TYPE_HW 1             /* hardware coordinates */
#define XEN_CPUPERF_SHARED_TYPE_ALL 2 /* every dependent CPU sets it */
#define XEN_CPUPERF_SHARED_TYPE_ANY 3 /* any dependent CPU may set it */
    uint32_t shared_type;             /* IN: XEN_CPUPERF_SHARED_TYPE_* */
};
typedef struct xen_processor_performance xen_processor_performance_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_performance_t);

struct xenpf_set_processor_pminfo {
    uint32_t id;   /* IN: ACPI processor id */
    uint32_t type; /* IN: XEN_PM_* */
    union {
        struct xen_processor_power power;      /* IN: XEN_PM_CX */
        struct xen_processor_performance perf; /* IN: XEN_PM_PX */
        XEN_GUEST_HANDLE(uint32) pdc;          /* IN/OUT: XEN_PM_PDC */
    } u;
};
typedef struct xenpf_set_processor_pminfo xenpf_set_processor_pminfo_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_set_processor_pminfo_t);

/* XENPF_get_cpuinfo: one physical CPU. */
#define XENPF_get_cpuinfo 55
struct xenpf_pcpuinfo {
    uint32_t xen_cpuid;   /* IN: physical CPU number */
    uint32_t max_present; /* OUT: highest CPU number present */
#define XEN_PCPU_FLAGS_ONLINE 1
#define XEN_PCPU_FLAGS_INVALID 2 /* no such CPU */
    uint32_t flags;              /* OUT: XEN_PCPU_FLAGS_* */
    uint32_t apic_id;            /* OUT */
    uint32_t acpi_id;            /* OUT */
};
typedef struct xenpf_pcpuinfo xenpf_pcpuinfo_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_pcpuinfo_t);

/* XENPF_get_cpu_version: CPUID identification of one physical CPU. */
#define XENPF_get_cpu_version 48
struct xenpf_pcpu_version {
    uint32_t xen_cpuid;   /* IN */
    uint32_t max_present; /* OUT: highest CPU number present */
    char vendor_id[12];   /* OUT */
    uint32_t family;      /* OUT */
    uint32_t model;       /* OUT */
    uint32_t stepping;    /* OUT */
};
typedef struct xenpf_pcpu_version xenpf_pcpu_version_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_pcpu_version_t);

/* XENPF_cpu_online / XENPF_cpu_offline: one physical CPU. */
#define XENPF_cpu_online 56
#define XENPF_cpu_offline 57
struct xenpf_cpu_ol {
    uint32_t cpuid; /* IN */
};
typedef struct xenpf_cpu_ol xenpf_cpu_ol_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_cpu_ol_t);

/* XENPF_cpu_hotadd: a CPU appeared (ACPI hot-plug). */
#define XENPF_cpu_hotadd 58
struct xenpf_cpu_hotadd {
    uint32_t apic_id; /* IN */
    uint32_t acpi_id; /* IN */
    uint32_t pxm;     /* IN: proximity domain */
};
typedef struct xenpf_cpu_hotadd xenpf_cpu_hotadd_t;

/* XENPF_mem_hotadd: memory appeared. */
#define XENPF_mem_hotadd 59
struct xenpf_mem_hotadd {
    uint64_t spfn;  /* IN: first frame */
    uint64_t epfn;  /* IN: end frame */
    uint32_t pxm;   /* IN: proximity domain */
    uint32_t flags; /* IN */
};
typedef struct xenpf_mem_hotadd xenpf_mem_hotadd_t;

/* XENPF_core_parking: how many CPUs to keep idle. */
#define XENPF_core_parking 60
#define XEN_CORE_PARKING_SET 1
#define XEN_CORE_PARKING_GET 2
struct xenpf_core_parking {
    uint32_t type;      /* IN: XEN_CORE_PARKING_* */
    uint32_t idle_nums; /* IN for set, OUT for get */
};
typedef struct xenpf_core_parking xenpf_core_parking_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_core_parking_t);

/*
 * XENPF_resource_op: a batch of MSR reads and writes on one CPU, in order,
 * not preempted.  Returns the number of entries done (the failing one has
 * its error in u.ret) or a negative errno.  Reading MSR_IA32_TSC returns
 * system time in ns, read atomically with the MSR read just before it.
 */
#define XENPF_resource_op 61
#define XEN_RESOURCE_OP_MSR_READ 0
#define XEN_RESOURCE_OP_MSR_WRITE 1
struct xenpf_resource_entry {
    union {
        uint32_t cmd; /* IN: XEN_RESOURCE_OP_* */
        int32_t ret;  /* OUT: error of the failing entry */
    } u;
    uint32_t rsvd; /* IN: zero */
    uint64_t idx;  /* IN: MSR index */
    uint64_t val;  /* IN/OUT */
};
typedef struct xenpf_resource_entry xenpf_resource_entry_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_resource_entry_t);

struct xenpf_resource_op {
    uint32_t nr_entries; /* IN */
    uint32_t cpu;        /* IN: physical CPU to run on */
    XEN_GUEST_HANDLE(xenpf_resource_entry_t) entries; /* IN/OUT */
};
typedef struct xenpf_resource_op xenpf_resource_op_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_resource_op_t);

/* XENPF_get_symbol: walk the hypervisor's symbol table. */
#define XENPF_get_symbol 63
struct xenpf_symdata {
    uint32_t namelen; /* IN: size of name; OUT: length of the symbol */
    uint32_t symnum;  /* IN: symbol; OUT: the next (same when at the end) */
    XEN_GUEST_HANDLE(char) name; /* OUT */
    uint64_t address;            /* OUT */
    char type;                   /* OUT: nm-style type letter */
};
typedef struct xenpf_symdata xenpf_symdata_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_symdata_t);

struct xen_platform_op {
    uint32_t cmd;               /* IN: XENPF_* */
    uint32_t interface_version; /* IN: XENPF_INTERFACE_VERSION */
    union {
        xenpf_settime_t settime;
        xenpf_settime32_t settime32;
        xenpf_settime64_t settime64;
        xenpf_add_memtype_t add_memtype;
        xenpf_del_memtype_t del_memtype;
        xenpf_read_memtype_t read_memtype;
        xenpf_microcode_update_t microcode;
        xenpf_platform_quirk_t platform_quirk;
        xenpf_efi_runtime_call_t efi_runtime_call;
        xenpf_firmware_info_t firmware_info;
        xenpf_enter_acpi_sleep_t enter_acpi_sleep;
        xenpf_change_freq_t change_freq;
        xenpf_getidletime_t getidletime;
        xenpf_set_processor_pminfo_t set_pminfo;
        xenpf_pcpuinfo_t pcpu_info;
        xenpf_pcpu_version_t pcpu_version;
        xenpf_cpu_ol_t cpu_ol;
        xenpf_cpu_hotadd_t cpu_add;
        xenpf_mem_hotadd_t mem_add;
        xenpf_core_parking_t core_parking;
        xenpf_resource_op_t resource_op;
        xenpf_symdata_t symdata;
        uint8_t pad[128]; /* IN/OUT: sizes the union */
    } u;                  /* IN/OUT: the argument of cmd */
};
typedef struct xen_platform_op xen_platform_op_t;
DEFINE_XEN_GUEST_HANDLE(xen_platform_op_t);

#endif /* __XEN_PUBLIC_PLATFORM_H__ */
