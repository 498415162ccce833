/*
 * Reading the multiboot 1 and multiboot 2 boot information.
 *
 * QEMU's -kernel loader (multiboot 1) puts the image name in front of the command
 * line; GRUB 2 does not.  As Xen does, we strip the first word unless the loader
 * is GRUB 2.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <asm/bootinfo.h>
#include <asm/multiboot.h>
#include <asm/page.h>

struct boot_info boot_info;

/* Boot structures lie below 4 GiB, inside the boot direct map. */
static const void *boot_ptr(paddr_t pa)
{
    return maddr_to_virt(pa);
}

static void copy_str(char *dst, size_t size, paddr_t src)
{
    const char *s = src ? boot_ptr(src) : "";

    strlcpy(dst, s, size);
}

static void cook_cmdline(struct boot_info *bi, const char *raw)
{
    const char *p = raw;

    while ( *p == ' ' )
        p++;
    if ( strncmp(bi->loader, "GRUB 2", 6) )
    {
        while ( *p && *p != ' ' )
            p++;
        while ( *p == ' ' )
            p++;
    }
    strlcpy(bi->cmdline, p, sizeof(bi->cmdline));
}

static void add_module(struct boot_info *bi, paddr_t start, paddr_t end, const char *cmd)
{
    struct boot_module *m;

    if ( bi->nr_modules == MAX_BOOT_MODULES )
    {
        bi->modules_truncated = true;
        return;
    }
    m = &bi->mods[bi->nr_modules++];
    m->start = start;
    m->size = end > start ? end - start : 0;
    strlcpy(m->cmdline, cmd, sizeof(m->cmdline));
}

static const char *parse_mb1(struct boot_info *bi, paddr_t info)
{
    const struct multiboot_info *mbi = boot_ptr(info);
    char raw[sizeof(bi->cmdline)];
    unsigned int i;

    bi->mb_version = 1;
    if ( mbi->flags & MBI_LOADERNAME )
        copy_str(bi->loader, sizeof(bi->loader), mbi->boot_loader_name);
    copy_str(raw, sizeof(raw), (mbi->flags & MBI_CMDLINE) ? mbi->cmdline : 0);
    cook_cmdline(bi, raw);

    if ( mbi->flags & MBI_MODULES )
    {
        const struct multiboot_module *mods = boot_ptr(mbi->mods_addr);

        for ( i = 0; i < mbi->mods_count; i++ )
        {
            char cmd[256];

            copy_str(cmd, sizeof(cmd), mods[i].string);
            add_module(bi, mods[i].mod_start, mods[i].mod_end, cmd);
        }
    }

    if ( mbi->flags & MBI_MEMMAP )
    {
        paddr_t p = mbi->mmap_addr, end = (paddr_t)mbi->mmap_addr + mbi->mmap_length;

        while ( p < end && bi->nr_raw_e820 < E820MAX )
        {
            const struct multiboot_mmap *e = boot_ptr(p);

            bi->raw_e820[bi->nr_raw_e820++] =
                (struct e820entry){ e->base_addr, e->length, e->type };
            p += e->size + 4;
        }
    }
    else if ( mbi->flags & MBI_MEMLIMITS )
    {
        bi->raw_e820[0] = (struct e820entry){ 0, (u64)mbi->mem_lower << 10, E820_RAM };
        bi->raw_e820[1] = (struct e820entry){ 0x100000, (u64)mbi->mem_upper << 10, E820_RAM };
        bi->nr_raw_e820 = 2;
    }
    else
        return "the boot loader gave no memory map (multiboot flags bits 0 and 6 clear)";
    return NULL;
}

static const char *parse_mb2(struct boot_info *bi, paddr_t info)
{
    const struct mb2_fixed *fixed = boot_ptr(info);
    paddr_t p = info + 8, end = info + fixed->total_size;
    const char *raw_cmdline = "";

    bi->mb_version = 2;
    while ( p + 8 <= end )
    {
        const struct mb2_tag *tag = boot_ptr(p);

        if ( tag->type == MB2_TAG_END || tag->size < 8 )
            break;
        switch ( tag->type )
        {
        case MB2_TAG_CMDLINE:
            raw_cmdline = ((const struct mb2_tag_string *)tag)->string;
            break;
        case MB2_TAG_LOADER_NAME:
            strlcpy(bi->loader, ((const struct mb2_tag_string *)tag)->string,
                    sizeof(bi->loader));
            break;
        case MB2_TAG_MODULE:
        {
            const struct mb2_tag_module *m = (const void *)tag;

            add_module(bi, m->mod_start, m->mod_end, m->cmdline);
            break;
        }
        case MB2_TAG_MMAP:
        {
            const struct mb2_tag_mmap *mm = (const void *)tag;
            paddr_t e = p + sizeof(*mm);

            if ( mm->entry_size < sizeof(struct mb2_mmap_entry) )
                break;
            for ( ; e + mm->entry_size <= p + tag->size && bi->nr_raw_e820 < E820MAX;
                  e += mm->entry_size )
            {
                const struct mb2_mmap_entry *me = boot_ptr(e);

                bi->raw_e820[bi->nr_raw_e820++] =
                    (struct e820entry){ me->addr, me->len, me->type };
            }
            break;
        }
        case MB2_TAG_ACPI_OLD:
        case MB2_TAG_ACPI_NEW:
        {
            size_t n = tag->size - 8;

            if ( n > sizeof(bi->rsdp_copy) )
                n = sizeof(bi->rsdp_copy);
            if ( !bi->rsdp || tag->type == MB2_TAG_ACPI_NEW )
            {
                memcpy(bi->rsdp_copy, (const u8 *)tag + 8, n);
                bi->rsdp = p + 8;
            }
            break;
        }
        }
        p += ROUNDUP((paddr_t)tag->size, 8);
    }
    cook_cmdline(bi, raw_cmdline);
    if ( !bi->nr_raw_e820 )
        return "the boot loader gave no memory map (no multiboot2 mmap tag)";
    return NULL;
}

const char *parse_multiboot(u32 magic, paddr_t info)
{
    if ( magic == MULTIBOOT_BOOTLOADER_MAGIC )
        return parse_mb1(&boot_info, info);
    if ( magic == MULTIBOOT2_BOOTLOADER_MAGIC )
        return parse_mb2(&boot_info, info);
    return "unknown boot loader magic";
}
