/*
 * ACPI tables: what the hypervisor reads from them.  Dom0 parses the tables again
 * itself; the hypervisor needs only the CPUs and IO-APICs (MADT), the timers (HPET,
 * PM timer) and how to reset and power off (FADT, and \_S5 from the DSDT).
 */
#ifndef XEN_ACPI_H
#define XEN_ACPI_H

#include <xen/types.h>

struct acpi_table_header {
    char signature[4];
    u32 length;
    u8 revision;
    u8 checksum;
    char oem_id[6];
    char oem_table_id[8];
    u32 oem_revision;
    char asl_compiler_id[4];
    u32 asl_compiler_revision;
} __packed;

/* Generic Address Structure. */
struct acpi_gas {
    u8 space_id;                /* 0 memory, 1 I/O */
    u8 bit_width;
    u8 bit_offset;
    u8 access_width;
    u64 address;
} __packed;

#define ACPI_GAS_MEMORY 0
#define ACPI_GAS_IO     1

#define MAX_IOAPICS     8
#define MAX_IRQ_OVERRIDES 24

struct acpi_ioapic {
    u8 id;
    u32 addr;
    u32 gsi_base;
};

struct acpi_irq_override {
    u8 bus_irq;
    u32 gsi;
    u16 flags;                  /* MPS INTI flags: polarity bits 0-1, trigger bits 2-3 */
};

struct acpi_info {
    paddr_t rsdp;
    u8 revision;
    paddr_t lapic_addr;
    unsigned int nr_ioapics;
    struct acpi_ioapic ioapic[MAX_IOAPICS];
    unsigned int nr_overrides;
    struct acpi_irq_override override[MAX_IRQ_OVERRIDES];
    /* FADT */
    bool have_fadt;
    u32 pm1a_cnt, pm1b_cnt;     /* I/O ports (0 if absent) */
    u32 pm_tmr;
    bool pm_tmr_32bit;
    u16 sci_int;
    u32 fadt_flags;
    bool have_reset_reg;
    struct acpi_gas reset_reg;
    u8 reset_value;
    /* \_S5 (soft off) sleep types from the DSDT */
    bool have_s5;
    u8 slp_typa, slp_typb;
    /* HPET */
    paddr_t hpet_address;
};

extern struct acpi_info acpi_info;
extern bool acpi_disabled;

/* Find the RSDP and read the tables above.  Returns 0, or -ENODEV with no ACPI. */
int acpi_boot_init(void);
/* Map a table found by signature (the n-th instance); NULL if absent or bad. */
const struct acpi_table_header *acpi_get_table(const char *sig, unsigned int instance);
/* Map physical memory of the firmware (read-only, cached). */
const void *acpi_map(paddr_t pa, size_t len);
u8 acpi_checksum(const void *p, size_t len);

/* Parse \_S5 out of AML (DSDT body); pure, unit-testable. */
bool acpi_parse_s5(const u8 *aml, size_t len, u8 *slp_typa, u8 *slp_typb);

/* MADT (arch/x86/mpparse.c). */
int acpi_parse_madt(void);

#endif /* XEN_ACPI_H */
