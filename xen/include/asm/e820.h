/* The machine memory map (BIOS E820 types), as the boot loader reported it. */
#ifndef ASM_E820_H
#define ASM_E820_H

#include <xen/types.h>

#define E820_RAM        1
#define E820_RESERVED   2
#define E820_ACPI       3
#define E820_NVS        4
#define E820_UNUSABLE   5
#define E820_PMEM       7

#define E820MAX         512

struct e820entry {
    u64 addr;
    u64 size;
    u32 type;
} __packed;

struct e820map {
    unsigned int nr_map;
    struct e820entry map[E820MAX];
};

extern struct e820map e820;

/*
 * Sort the raw map, resolve overlaps (the more restrictive type wins) and merge
 * neighbours of the same type.  Returns the number of entries written to 'out'.
 * Pure logic: unit-tested on the host.
 */
unsigned int e820_sanitize(const struct e820entry *in, unsigned int nr_in,
                           struct e820entry *out, unsigned int max_out);
void e820_print(const struct e820map *m);
/* Mark [s, e) as 'type' in the map (splitting entries as needed). */
int e820_change_range_type(struct e820map *m, u64 s, u64 e, u32 orig_type, u32 new_type);
const char *e820_type_name(u32 type);
/* Highest address of RAM, plus one. */
u64 e820_ram_top(const struct e820map *m);
u64 e820_ram_total(const struct e820map *m);

#endif /* ASM_E820_H */
