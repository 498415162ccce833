/* The hypervisor console: log ring, output devices, and serial input. */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

/* A console output device (serial port, VGA text screen). */
struct console_device {
    const char *name;
    void (*puts)(const char *s, size_t n);
    struct console_device *next;
};

void console_register(struct console_device *dev);
void console_init_preirq(void);
void console_init_postirq(void);

/* Take the console lock unconditionally (used on panic and crash dumps). */
void console_force_unlock(void);
void console_start_sync(void);
void console_end_sync(void);

/*
 * A character received on the serial line; routed to Xen or to domain 0.  'regs' is
 * the interrupted frame (for the register-dump keys), or NULL when polling.
 */
struct cpu_user_regs;
void console_receive_char(char c, struct cpu_user_regs *regs);

/* Copy up to 'len' bytes of the log ring from 'offset'; returns bytes copied. */
size_t console_ring_read(char *buf, size_t len, size_t *offset);
size_t console_ring_size(void);
/* XEN_SYSCTL_readconsole: the cleared point, bytes written, ring size; clear up to. */
void console_ring_bounds(u64 *cons, u64 *prod, u64 *size);
void console_ring_clear(u64 upto);

/* Serial input queued for domain 0 (CONSOLEIO_read), and who to tell when it arrives. */
size_t console_read_dom0_input(char *buf, size_t len);
void console_set_dom0_input_notify(void (*fn)(void));

/* Who gets serial input: the hypervisor's debug keys, or domain 0. */
bool console_input_to_xen(void);
void console_switch_input(void);
void console_endboot(void);

/* Set while panicking: the console ignores locks and ratelimits. */
extern bool console_panicking;

/* Log-level thresholds (0 error .. 3 debug; 4 = all). */
int console_loglvl_for(bool guest);

#endif /* XEN_CONSOLE_H */
