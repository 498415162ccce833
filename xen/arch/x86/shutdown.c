/*
 * Reboot and power-off.
 *
 * Reboot tries, in order: the FADT reset register, the keyboard controller's
 * reset line, the PCI reset control port 0xcf9, and finally a triple fault.
 * Power-off writes SLP_TYP(\_S5)|SLP_EN to the PM1 control registers.  With
 * 'noreboot' a restart halts instead (what Xen does), so a crash stays on screen.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/console.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/acpi.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/desc.h>

bool opt_noreboot;
boolean_param("noreboot", opt_noreboot);

static void acpi_reset(void)
{
    const struct acpi_gas *r = &acpi_info.reset_reg;

    if ( !acpi_info.have_reset_reg )
        return;
    if ( r->space_id == ACPI_GAS_IO )
        outb(acpi_info.reset_value, r->address);
    /* Memory-space and PCI-config reset registers: not used by QEMU or common PCs. */
    mdelay(50);
}

static void kbd_reset(void)
{
    unsigned int i;

    for ( i = 0; i < 0x10000 && (inb(0x64) & 0x02); i++ )
        cpu_relax();
    outb(0xfe, 0x64);
    mdelay(50);
}

static void cf9_reset(void)
{
    outb(0x02, 0xcf9);
    udelay(50);
    outb(0x06, 0xcf9);
    mdelay(50);
}

static void __noreturn triple_fault(void)
{
    struct desc_ptr no_idt = { 0, 0 };

    __asm__ __volatile__ ( "lidt %0; int3" :: "m" (no_idt) );
    for ( ;; )
        halt();
}

void __noreturn machine_halt(void)
{
    smp_send_stop();
    printk("Hypervisor halted.\n");
    for ( ;; )
    {
        local_irq_disable();
        halt();
    }
}

void __noreturn machine_restart(unsigned int delay_millisecs)
{
    if ( opt_noreboot )
    {
        printk("'noreboot' specified: not rebooting, halting instead.\n");
        machine_halt();
    }
    if ( delay_millisecs )
        mdelay(delay_millisecs);
    smp_send_stop();
    printk("Rebooting...\n");
    local_irq_disable();
    acpi_reset();
    kbd_reset();
    cf9_reset();
    triple_fault();
}

void __noreturn machine_power_off(void)
{
    smp_send_stop();
    printk("Powering off.\n");
    local_irq_disable();
    if ( acpi_info.have_s5 && acpi_info.pm1a_cnt )
    {
        u16 v = inw(acpi_info.pm1a_cnt) & ~(7u << 10);

        outw(v | (acpi_info.slp_typa << 10) | (1u << 13), acpi_info.pm1a_cnt);
        if ( acpi_info.pm1b_cnt )
        {
            v = inw(acpi_info.pm1b_cnt) & ~(7u << 10);
            outw(v | (acpi_info.slp_typb << 10) | (1u << 13), acpi_info.pm1b_cnt);
        }
        mdelay(100);
    }
    printk("ACPI power-off did not take effect: halting.\n");
    machine_halt();
}
