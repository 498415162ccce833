/* Local APIC (xAPIC and x2APIC modes) and the IO-APICs. */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <xen/types.h>

/* Register offsets (xAPIC MMIO); x2APIC MSR = 0x800 + offset / 16. */
#define APIC_ID         0x020
#define APIC_LVR        0x030
#define APIC_TASKPRI    0x080
#define APIC_EOI        0x0b0
#define APIC_LDR        0x0d0
#define APIC_DFR        0x0e0
#define APIC_SPIV       0x0f0
#define  APIC_SPIV_APIC_ENABLED 0x100
#define APIC_ISR        0x100
#define APIC_IRR        0x200
#define APIC_ESR        0x280
#define APIC_ICR        0x300
#define APIC_ICR2       0x310
#define  APIC_DM_FIXED  0x00000
#define  APIC_DM_NMI    0x00400
#define  APIC_DM_INIT   0x00500
#define  APIC_DM_STARTUP 0x00600
#define  APIC_DM_EXTINT 0x00700
#define  APIC_ICR_BUSY  0x01000
#define  APIC_INT_ASSERT 0x04000
#define  APIC_INT_LEVELTRIG 0x08000
#define  APIC_DEST_SELF 0x40000
#define  APIC_DEST_ALLBUT 0xc0000
#define APIC_LVTT       0x320
#define  APIC_TIMER_ONESHOT  0x00000
#define  APIC_TIMER_PERIODIC 0x20000
#define  APIC_TIMER_TSCDEADLINE 0x40000
#define APIC_LVTTHMR    0x330
#define APIC_LVTPC      0x340
#define APIC_LVT0       0x350
#define APIC_LVT1       0x360
#define  APIC_LVT_MASKED 0x10000
#define APIC_LVTERR     0x370
#define APIC_TMICT      0x380
#define APIC_TMCCT      0x390
#define APIC_TDCR       0x3e0
#define  APIC_TDR_DIV_1 0xb

#define BAD_APICID      0xffffffffu

extern bool x2apic_enabled;
extern u32 x86_cpu_to_apicid[];
extern unsigned int num_processors;     /* CPUs found in the MADT */
extern unsigned int disabled_cpus;

u32 apic_read(unsigned int reg);
void apic_write(unsigned int reg, u32 v);
void ack_APIC_irq(void);
u32 get_apic_id(void);
void apic_init_bsp(void);               /* map, choose mode, enable */
void setup_local_APIC(void);            /* per CPU */
void apic_send_ipi(u32 apicid, u32 icr_low);
struct cpumask;
void send_IPI_mask(const struct cpumask *mask, unsigned int vector);
void send_IPI_self(unsigned int vector);
void disable_legacy_pic(void);
void calibrate_apic_timer(void);
void apic_timer_interrupt(void);
void apic_error_interrupt(void);
void apic_spurious_interrupt(void);
void clear_local_APIC(void);
unsigned long apic_timer_irq_count(unsigned int cpu);

/* IO-APIC (arch/x86/io_apic.c). */
#include <asm/io_apic.h>

#endif /* ASM_APIC_H */
