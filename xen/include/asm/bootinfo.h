/*
 * What the boot loader told us, copied out of its (multiboot 1 or 2) structures
 * into the hypervisor's own memory so that memory can be reused.
 */
#ifndef ASM_BOOTINFO_H
#define ASM_BOOTINFO_H

#include <xen/types.h>
#include <asm/e820.h>

#define MAX_BOOT_MODULES 16

struct boot_module {
    paddr_t start;              /* physical address of the module's data */
    u64 size;
    char cmdline[256];
};

struct boot_info {
    unsigned int mb_version;    /* 1 or 2 */
    char cmdline[1024];         /* the hypervisor's, image name stripped */
    char loader[64];
    unsigned int nr_modules;
    struct boot_module mods[MAX_BOOT_MODULES];
    unsigned int nr_raw_e820;
    struct e820entry raw_e820[E820MAX];
    paddr_t rsdp;               /* ACPI RSDP copy given by a multiboot2 loader, or 0 */
    u8 rsdp_copy[36];
    bool modules_truncated;     /* more modules than MAX_BOOT_MODULES */
};

extern struct boot_info boot_info;

/* Fill boot_info from the loader's structures; returns a message on failure. */
const char *parse_multiboot(u32 magic, paddr_t info);

#endif /* ASM_BOOTINFO_H */
