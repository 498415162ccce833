/*
 * Time keeping.
 *
 * The TSC is calibrated once at boot against a platform timer (the HPET when the
 * ACPI tables have one, else the ACPI PM timer, else PIT channel 2; clocksource=
 * picks one).  System time (NOW(), ns since boot) is then scale(TSC - TSC at boot)
 * on every CPU: we rely on the TSCs being synchronised, which holds on QEMU and on
 * CPUs with an invariant TSC (reported at boot; a warning is printed otherwise).
 * The wall clock at boot comes from the CMOS RTC.
 */
#include <xen/lib.h>
#include <xen/guest_time.h>
#include <asm/setup.h>
#include <xen/init.h>
#include <xen/param.h>
#include <xen/time.h>
#include <xen/mm.h>
#include <xen/acpi.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/cpufeature.h>

unsigned long cpu_khz;
u64 boot_wallclock;
static u64 tsc_at_boot;
/*
 * ns = ((tsc delta << shift) * mul_frac) >> 32 (a negative shift shifts right): the
 * scale PV guests get in vcpu_time_info, so their clock and NOW() agree exactly.
 */
struct time_scale tsc_scale;

/* clocksource=hpet|acpi|pit: the timer the TSC is calibrated against. */
static char opt_clocksource[8];

static int parse_clocksource(const char *s)
{
    if ( strcmp(s, "hpet") && strcmp(s, "acpi") && strcmp(s, "pit") )
        return -22;
    strlcpy(opt_clocksource, s, sizeof(opt_clocksource));
    return 0;
}
custom_param("clocksource", parse_clocksource);

s_time_t get_s_time(void)
{
    if ( !tsc_scale.mul_frac )
        return 0;
    return (s_time_t)scale_delta(rdtsc() - tsc_at_boot, &tsc_scale);
}

/* A (TSC, system time) pair for PV clocks: stime is what NOW() gave at that TSC. */
s_time_t get_s_time_and_tsc(u64 *tsc)
{
    *tsc = rdtsc();
    return (s_time_t)scale_delta(*tsc - tsc_at_boot, &tsc_scale);
}

void udelay(unsigned long usecs)
{
    u64 end = rdtsc() + (u64)usecs * cpu_khz / 1000;

    while ( rdtsc() < end )
        cpu_relax();
}

#define CALIBRATE_MS 50

/* PIT channel 2 in mode 0, gated through port 0x61: count CALIBRATE_MS down. */
static u64 calibrate_with_pit(void)
{
    u32 count = 1193182 * CALIBRATE_MS / 1000;
    u64 start, end;
    unsigned long spins = 0;

    outb((inb(0x61) & ~0x02) | 0x01, 0x61);     /* gate on, speaker off */
    outb(0xb0, 0x43);                           /* channel 2, lo/hi, mode 0, binary */
    outb(count & 0xff, 0x42);
    outb(count >> 8, 0x42);
    start = rdtsc();
    while ( !(inb(0x61) & 0x20) && ++spins < 100000000 )
        cpu_relax();
    end = rdtsc();
    return spins >= 100000000 ? 0 : end - start;
}

/* HPET main counter, period given in femtoseconds in the capability register. */
static u64 calibrate_with_hpet(void)
{
    volatile u8 *hpet;
    u64 cap, period_fs, ticks, start_cnt, start, end;

    if ( !acpi_info.hpet_address || !(hpet = ioremap(acpi_info.hpet_address, PAGE_SIZE)) )
        return 0;
    cap = readq(hpet + 0x00);
    period_fs = cap >> 32;
    if ( !period_fs || period_fs > 100000000 )  /* more than 100 ns per tick: bogus */
        return 0;
    writeq(readq(hpet + 0x10) | 1, hpet + 0x10);    /* ENABLE_CNF */
    ticks = (u64)CALIBRATE_MS * 1000000000000ULL / period_fs;
    start_cnt = readq(hpet + 0xf0);
    start = rdtsc();
    while ( readq(hpet + 0xf0) - start_cnt < ticks )
        cpu_relax();
    end = rdtsc();
    return end - start;
}

/* ACPI PM timer: 3.579545 MHz, 24 or 32 bits wide. */
static u64 calibrate_with_pmtmr(void)
{
    u32 mask = acpi_info.pm_tmr_32bit ? 0xffffffff : 0xffffff, ticks, s, now;
    u64 start, end;

    if ( !acpi_info.pm_tmr )
        return 0;
    ticks = 3579545 * CALIBRATE_MS / 1000;
    s = inl(acpi_info.pm_tmr) & mask;
    start = rdtsc();
    do {
        now = inl(acpi_info.pm_tmr) & mask;
    } while ( ((now - s) & mask) < ticks );
    end = rdtsc();
    return end - start;
}

static unsigned int bcd(unsigned int v)
{
    return (v & 0xf) + (v >> 4) * 10;
}

static u8 cmos_read(u8 reg)
{
    outb(reg, 0x70);
    return inb(0x71);
}

/* Seconds since the epoch for a UTC calendar date (days-from-civil algorithm). */
static u64 mktime64(unsigned int year, unsigned int mon, unsigned int day,
                    unsigned int hour, unsigned int min, unsigned int sec)
{
    u64 y = year - (mon <= 2), era = y / 400, yoe = y - era * 400;
    u64 doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    u64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    u64 days = era * 146097 + doe - 719468;

    return ((days * 24 + hour) * 60 + min) * 60 + sec;
}

static void read_rtc(void)
{
    unsigned int sec, min, hour, day, mon, year, tries = 0;
    u8 b;

    /* Wait for no update in progress (bounded: a missing RTC reads 0xff). */
    while ( (cmos_read(0x0a) & 0x80) && ++tries < 1000000 )
        cpu_relax();
    sec = cmos_read(0x00);
    min = cmos_read(0x02);
    hour = cmos_read(0x04);
    day = cmos_read(0x07);
    mon = cmos_read(0x08);
    year = cmos_read(0x09);
    b = cmos_read(0x0b);
    if ( !(b & 0x04) )
    {
        sec = bcd(sec); min = bcd(min); hour = bcd(hour & 0x7f) | (hour & 0x80);
        day = bcd(day); mon = bcd(mon); year = bcd(year);
    }
    if ( !(b & 0x02) && (hour & 0x80) )
        hour = ((hour & 0x7f) % 12) + 12;   /* 12-hour mode, PM */
    hour &= 0x7f;
    if ( mon < 1 || mon > 12 || day < 1 || day > 31 )
        return;
    year += year < 70 ? 2000 : 1900;
    boot_wallclock = mktime64(year, mon, day, hour, min, sec);
}

void __init early_time_init(void)
{
    u64 cycles = 0;
    const char *src = "";

    if ( !cpu_has_tsc )
        panic("The hypervisor needs a CPU with a time-stamp counter");

    if ( !strcmp(opt_clocksource, "hpet") || !opt_clocksource[0] )
    {
        cycles = calibrate_with_hpet();
        src = "HPET";
    }
    if ( !cycles && (!strcmp(opt_clocksource, "acpi") || !opt_clocksource[0]) )
    {
        cycles = calibrate_with_pmtmr();
        src = "ACPI PM timer";
    }
    if ( !cycles )
    {
        if ( opt_clocksource[0] && strcmp(opt_clocksource, "pit") )
            printk(XENLOG_WARNING "clocksource=%s unavailable, using the PIT\n",
                   opt_clocksource);
        cycles = calibrate_with_pit();
        src = "PIT";
    }
    if ( !cycles )
        panic("Cannot calibrate the TSC: no working HPET, PM timer or PIT");

    cpu_khz = cycles / CALIBRATE_MS;
    set_time_scale(&tsc_scale, (u64)cpu_khz * 1000);
    tsc_at_boot = rdtsc();
    read_rtc();
    /* System time starts now: the RTC's reading is the wall clock at time 0. */
    time_set_wallclock_base(boot_wallclock, 0);
    printk("TSC: %lu.%03lu MHz (calibrated against the %s)%s\n", cpu_khz / 1000,
           cpu_khz % 1000, src, cpu_has_invariant_tsc ? ", invariant" : "");
    if ( !cpu_has_invariant_tsc && !cpu_has_hypervisor )
        printk(XENLOG_WARNING "TSC is not invariant: time may drift across CPUs\n");
}
