/*
 * The MADT: CPUs (local APIC and x2APIC entries), IO-APICs and ISA interrupt
 * overrides (ACPI spec, "Multiple APIC Description Table").  CPU 0 is the boot
 * CPU; the others are numbered in table order, up to maxcpus= and NR_CPUS.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/errno.h>
#include <xen/param.h>
#include <xen/acpi.h>
#include <xen/cpumask.h>
#include <asm/apic.h>

u32 x86_cpu_to_apicid[NR_CPUS] = { [0 ... NR_CPUS - 1] = BAD_APICID };
unsigned int num_processors = 1;
unsigned int disabled_cpus;
cpumask_t cpu_present_map;
unsigned int nr_cpu_ids = 1;

static unsigned int opt_maxcpus = NR_CPUS;
integer_param("maxcpus", opt_maxcpus);
static bool opt_nosmp;
boolean_param("nosmp", opt_nosmp);

#define MADT_LAPIC          0
#define MADT_IOAPIC         1
#define MADT_INT_OVERRIDE   2
#define MADT_LAPIC_NMI      4
#define MADT_LAPIC_OVERRIDE 5
#define MADT_X2APIC         9

static void add_cpu(u32 apicid, bool enabled)
{
    unsigned int cpu, limit = opt_nosmp ? 1 : min_t(unsigned int, opt_maxcpus, NR_CPUS);

    if ( apicid == x86_cpu_to_apicid[0] )
        return;                         /* the boot CPU, already CPU 0 */
    if ( !enabled )
    {
        disabled_cpus++;
        return;
    }
    for ( cpu = 1; cpu < NR_CPUS; cpu++ )
        if ( x86_cpu_to_apicid[cpu] == apicid )
            return;                     /* listed twice (xAPIC and x2APIC entries) */
    if ( num_processors >= limit )
    {
        disabled_cpus++;
        return;
    }
    cpu = num_processors++;
    x86_cpu_to_apicid[cpu] = apicid;
    cpumask_set_cpu(cpu, &cpu_present_map);
    nr_cpu_ids = cpu + 1;
}

int __init acpi_parse_madt(void)
{
    const struct acpi_table_header *madt = acpi_get_table("APIC", 0);
    const u8 *p, *end;
    u32 lapic32;

    x86_cpu_to_apicid[0] = get_apic_id();
    cpumask_set_cpu(0, &cpu_present_map);
    if ( !madt )
    {
        printk(XENLOG_WARNING "ACPI: no MADT: running on the boot CPU only\n");
        return -ENODEV;
    }
    memcpy(&lapic32, (const u8 *)madt + 36, 4);
    acpi_info.lapic_addr = lapic32;

    end = (const u8 *)madt + madt->length;
    for ( p = (const u8 *)madt + 44; p + 2 <= end && p[1] >= 2 && p + p[1] <= end; p += p[1] )
    {
        switch ( p[0] )
        {
        case MADT_LAPIC:
            if ( p[1] >= 8 )
            {
                u32 flags;

                memcpy(&flags, p + 4, 4);
                /* Enabled (bit 0), or online-capable (bit 1) which we do not hot-add. */
                add_cpu(p[3], flags & 1);
            }
            break;
        case MADT_X2APIC:
            if ( p[1] >= 16 )
            {
                u32 id, flags;

                memcpy(&id, p + 4, 4);
                memcpy(&flags, p + 8, 4);
                add_cpu(id, flags & 1);
            }
            break;
        case MADT_IOAPIC:
            if ( p[1] >= 12 && acpi_info.nr_ioapics < MAX_IOAPICS )
            {
                struct acpi_ioapic *io = &acpi_info.ioapic[acpi_info.nr_ioapics++];

                io->id = p[2];
                memcpy(&io->addr, p + 4, 4);
                memcpy(&io->gsi_base, p + 8, 4);
            }
            break;
        case MADT_INT_OVERRIDE:
            if ( p[1] >= 10 && p[2] == 0 && acpi_info.nr_overrides < MAX_IRQ_OVERRIDES )
            {
                struct acpi_irq_override *o = &acpi_info.override[acpi_info.nr_overrides++];

                o->bus_irq = p[3];
                memcpy(&o->gsi, p + 4, 4);
                memcpy(&o->flags, p + 8, 2);
            }
            break;
        case MADT_LAPIC_OVERRIDE:
            if ( p[1] >= 12 )
                memcpy(&acpi_info.lapic_addr, p + 4, 8);
            break;
        }
    }

    printk("ACPI: MADT: %u CPU%s (%u more disabled or beyond maxcpus), %u IO-APIC%s, "
           "%u ISA override%s, local APIC at %#lx\n",
           num_processors, num_processors == 1 ? "" : "s", disabled_cpus,
           acpi_info.nr_ioapics, acpi_info.nr_ioapics == 1 ? "" : "s",
           acpi_info.nr_overrides, acpi_info.nr_overrides == 1 ? "" : "s",
           (unsigned long)acpi_info.lapic_addr);
    return 0;
}
