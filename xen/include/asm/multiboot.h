/* Multiboot 1 and 2 constants (from the Multiboot specifications). */
#ifndef ASM_MULTIBOOT_H
#define ASM_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC      0x1BADB002
#define MULTIBOOT_BOOTLOADER_MAGIC  0x2BADB002
#define MBI_MEMLIMITS   (1u << 0)
#define MBI_BOOTDEV     (1u << 1)
#define MBI_CMDLINE     (1u << 2)
#define MBI_MODULES     (1u << 3)
#define MBI_MEMMAP      (1u << 6)
#define MBI_LOADERNAME  (1u << 9)
#define MBI_FRAMEBUFFER (1u << 12)
/* Header flags: page-align modules, provide memory information. */
#define MULTIBOOT_HEADER_MODS_ALIGNED 0x00000001
#define MULTIBOOT_HEADER_WANT_MEMORY  0x00000002

#define MULTIBOOT2_HEADER_MAGIC     0xE85250D6
#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36D76289
#define MULTIBOOT2_ARCH_I386        0
#define MB2_HT_END                  0
#define MB2_HT_INFORMATION_REQUEST  1
#define MB2_HT_CONSOLE_FLAGS        4
#define MB2_HT_MODULE_ALIGN         6
#define MB2_HT_OPTIONAL             1

#define MB2_TAG_END                 0
#define MB2_TAG_CMDLINE             1
#define MB2_TAG_LOADER_NAME         2
#define MB2_TAG_MODULE              3
#define MB2_TAG_BASIC_MEMINFO       4
#define MB2_TAG_MMAP                6
#define MB2_TAG_FRAMEBUFFER         8
#define MB2_TAG_ACPI_OLD            14
#define MB2_TAG_ACPI_NEW            15

#ifndef __ASSEMBLY__
#include <xen/types.h>

struct multiboot_info {
    u32 flags;
    u32 mem_lower, mem_upper;
    u32 boot_device;
    u32 cmdline;
    u32 mods_count, mods_addr;
    u32 syms[4];
    u32 mmap_length, mmap_addr;
    u32 drives_length, drives_addr;
    u32 config_table;
    u32 boot_loader_name;
};

struct multiboot_module {
    u32 mod_start, mod_end;
    u32 string;
    u32 reserved;
};

/* A memory map entry; 'size' does not count itself. */
struct multiboot_mmap {
    u32 size;
    u64 base_addr;
    u64 length;
    u32 type;
} __packed;

struct mb2_tag {
    u32 type;
    u32 size;
};

struct mb2_fixed {
    u32 total_size;
    u32 reserved;
};

struct mb2_tag_string {
    u32 type, size;
    char string[];
};

struct mb2_tag_module {
    u32 type, size;
    u32 mod_start, mod_end;
    char cmdline[];
};

struct mb2_tag_mmap {
    u32 type, size;
    u32 entry_size, entry_version;
};

struct mb2_mmap_entry {
    u64 addr, len;
    u32 type, zero;
};

struct mb2_tag_basic_meminfo {
    u32 type, size;
    u32 mem_lower, mem_upper;
};
#endif

#endif /* ASM_MULTIBOOT_H */
