/*
 * IO-APICs.  At boot every pin is masked; the IRQ layer (irq.c) programs a pin
 * when the hypervisor takes its GSI for itself (the serial port) or when a guest
 * binds a PIRQ mapped to it (physdev_op, pirq.c).  Registers are reached through
 * the index/data window (IOREGSEL at +0x00, IOWIN at +0x10).
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/acpi.h>
#include <xen/irq.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/io_apic.h>

static volatile u8 *ioapic_mmio[MAX_IOAPICS];
static unsigned int ioapic_pins[MAX_IOAPICS];
static DEFINE_SPINLOCK(ioapic_lock);

u32 io_apic_read_reg(unsigned int apic, unsigned int reg)
{
    writel(reg, ioapic_mmio[apic]);
    return readl(ioapic_mmio[apic] + 0x10);
}

void io_apic_write_reg(unsigned int apic, unsigned int reg, u32 val)
{
    writel(reg, ioapic_mmio[apic]);
    writel(val, ioapic_mmio[apic] + 0x10);
}

static bool gsi_to_pin(unsigned int gsi, unsigned int *apic, unsigned int *pin)
{
    unsigned int i;

    for ( i = 0; i < acpi_info.nr_ioapics; i++ )
        if ( ioapic_mmio[i] && gsi >= acpi_info.ioapic[i].gsi_base &&
             gsi < acpi_info.ioapic[i].gsi_base + ioapic_pins[i] )
        {
            *apic = i;
            *pin = gsi - acpi_info.ioapic[i].gsi_base;
            return true;
        }
    return false;
}

bool io_apic_gsi_valid(unsigned int gsi)
{
    unsigned int apic, pin;

    return gsi_to_pin(gsi, &apic, &pin);
}

unsigned int nr_ioapic_gsis(void)
{
    unsigned int i, top = 0;

    for ( i = 0; i < acpi_info.nr_ioapics; i++ )
        top = max(top, acpi_info.ioapic[i].gsi_base + ioapic_pins[i]);
    return top;
}

void __init io_apic_init(void)
{
    unsigned int i, pin;

    if ( !acpi_info.nr_ioapics )
    {
        /* No MADT: assume the PC's single IO-APIC at its usual address. */
        acpi_info.nr_ioapics = 1;
        acpi_info.ioapic[0] = (struct acpi_ioapic){ .id = 0, .addr = 0xfec00000, .gsi_base = 0 };
    }
    for ( i = 0; i < acpi_info.nr_ioapics; i++ )
    {
        u32 ver;

        ioapic_mmio[i] = ioremap(acpi_info.ioapic[i].addr, PAGE_SIZE);
        if ( !ioapic_mmio[i] )
            continue;
        ver = io_apic_read_reg(i, IO_APIC_VER);
        if ( ver == 0xffffffff )
        {
            printk(XENLOG_WARNING "IO-APIC %u at %#x does not answer\n",
                   acpi_info.ioapic[i].id, acpi_info.ioapic[i].addr);
            ioapic_mmio[i] = NULL;
            continue;
        }
        ioapic_pins[i] = ((ver >> 16) & 0xff) + 1;
        for ( pin = 0; pin < ioapic_pins[i]; pin++ )
        {
            io_apic_write_reg(i, IO_APIC_REDTBL + 2 * pin, RTE_MASKED);
            io_apic_write_reg(i, IO_APIC_REDTBL + 2 * pin + 1, 0);
        }
        printk("IO-APIC %u: version %#x, %u pins, GSIs %u-%u, at %#x\n",
               acpi_info.ioapic[i].id, ver & 0xff, ioapic_pins[i],
               acpi_info.ioapic[i].gsi_base,
               acpi_info.ioapic[i].gsi_base + ioapic_pins[i] - 1, acpi_info.ioapic[i].addr);
    }
    init_irq_gsis();
}

unsigned int isa_irq_to_gsi(unsigned int isa_irq, bool *level, bool *active_low)
{
    unsigned int i;

    /* ISA default: edge-triggered, active high, GSI = IRQ. */
    *level = false;
    *active_low = false;
    for ( i = 0; i < acpi_info.nr_overrides; i++ )
    {
        const struct acpi_irq_override *o = &acpi_info.override[i];

        if ( o->bus_irq != isa_irq )
            continue;
        /* MPS INTI flags: polarity 1 = high, 3 = low; trigger 1 = edge, 3 = level. */
        *active_low = (o->flags & 3) == 3;
        *level = ((o->flags >> 2) & 3) == 3;
        return o->gsi;
    }
    return isa_irq;
}

void gsi_default_mode(unsigned int gsi, bool *level, bool *active_low)
{
    unsigned int i;

    for ( i = 0; i < acpi_info.nr_overrides; i++ )
    {
        const struct acpi_irq_override *o = &acpi_info.override[i];

        if ( o->gsi != gsi )
            continue;
        /* "Conforms to the bus" (0) is ISA's edge, active high. */
        *active_low = (o->flags & 3) == 3;
        *level = ((o->flags >> 2) & 3) == 3;
        return;
    }
    /* ISA below 16, PCI (level-triggered, active low) above. */
    *level = *active_low = gsi >= 16;
}

/* The IO-APIC at physical address 'physbase', or -1. */
static int find_ioapic(u64 physbase)
{
    unsigned int i;

    for ( i = 0; i < acpi_info.nr_ioapics; i++ )
        if ( ioapic_mmio[i] && acpi_info.ioapic[i].addr == physbase )
            return i;
    return -1;
}

static bool ioapic_reg_valid(unsigned int apic, unsigned int reg)
{
    return reg <= IO_APIC_ARB ||
           (reg >= IO_APIC_REDTBL && reg < IO_APIC_REDTBL + 2 * ioapic_pins[apic]);
}

int io_apic_guest_read(u64 physbase, unsigned int reg, u32 *val)
{
    int apic = find_ioapic(physbase);
    unsigned long flags;

    if ( apic < 0 || !ioapic_reg_valid(apic, reg) )
        return -EINVAL;
    spin_lock_irqsave(&ioapic_lock, flags);
    *val = io_apic_read_reg(apic, reg);
    spin_unlock_irqrestore(&ioapic_lock, flags);
    return 0;
}

int io_apic_reg_gsi(u64 physbase, unsigned int reg, unsigned int *gsi)
{
    int apic = find_ioapic(physbase);

    if ( apic < 0 || !ioapic_reg_valid(apic, reg) || reg < IO_APIC_REDTBL )
        return -EINVAL;
    *gsi = acpi_info.ioapic[apic].gsi_base + (reg - IO_APIC_REDTBL) / 2;
    return 0;
}

int io_apic_program_gsi(unsigned int gsi, unsigned int vector, u32 dest, bool level,
                        bool active_low, bool masked)
{
    unsigned int apic, pin;
    unsigned long flags;
    u32 lo = (vector & RTE_VECTOR_MASK) | (level ? RTE_LEVEL : 0) |
             (active_low ? RTE_ACTIVE_LOW : 0) | (masked ? RTE_MASKED : 0);

    if ( !gsi_to_pin(gsi, &apic, &pin) )
        return -ENODEV;
    if ( dest > 0xff )
        return -ERANGE;         /* needs interrupt remapping */
    spin_lock_irqsave(&ioapic_lock, flags);
    /* Mask first, so the pin never fires with half an entry written. */
    io_apic_write_reg(apic, IO_APIC_REDTBL + 2 * pin, RTE_MASKED);
    io_apic_write_reg(apic, IO_APIC_REDTBL + 2 * pin + 1, dest << 24);
    io_apic_write_reg(apic, IO_APIC_REDTBL + 2 * pin, lo);
    spin_unlock_irqrestore(&ioapic_lock, flags);
    return 0;
}

int io_apic_route_gsi(unsigned int gsi, unsigned int vector, u32 dest, bool level,
                      bool active_low)
{
    return io_apic_program_gsi(gsi, vector, dest, level, active_low, false);
}

void io_apic_mask_gsi(unsigned int gsi, bool mask)
{
    unsigned int apic, pin;
    unsigned long flags;
    u32 lo;

    if ( !gsi_to_pin(gsi, &apic, &pin) )
        return;
    spin_lock_irqsave(&ioapic_lock, flags);
    lo = io_apic_read_reg(apic, IO_APIC_REDTBL + 2 * pin);
    io_apic_write_reg(apic, IO_APIC_REDTBL + 2 * pin, mask ? lo | RTE_MASKED : lo & ~RTE_MASKED);
    spin_unlock_irqrestore(&ioapic_lock, flags);
}

void dump_ioapic(void)
{
    unsigned int i, pin;

    for ( i = 0; i < acpi_info.nr_ioapics; i++ )
    {
        if ( !ioapic_mmio[i] )
            continue;
        printk("IO-APIC %u (GSI base %u):\n", acpi_info.ioapic[i].id,
               acpi_info.ioapic[i].gsi_base);
        for ( pin = 0; pin < ioapic_pins[i]; pin++ )
        {
            u32 lo = io_apic_read_reg(i, IO_APIC_REDTBL + 2 * pin);
            u32 hi = io_apic_read_reg(i, IO_APIC_REDTBL + 2 * pin + 1);

            if ( lo & RTE_MASKED )
                continue;
            printk("  pin %2u: vector %#04x dest %#x %s %s\n", pin, lo & 0xff, hi >> 24,
                   lo & RTE_LEVEL ? "level" : "edge", lo & RTE_ACTIVE_LOW ? "low" : "high");
        }
    }
}
