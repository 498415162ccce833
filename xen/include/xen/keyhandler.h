/*
 * Debug keys: single characters typed on the serial console while input goes to
 * the hypervisor (Ctrl-A three times switches).  A key registers itself with
 * KEYHANDLER() in the file that implements it.
 */
#ifndef XEN_KEYHANDLER_H
#define XEN_KEYHANDLER_H

#include <xen/types.h>
#include <asm/regs.h>

struct keyhandler {
    unsigned char key;
    bool needs_regs;            /* wants the interrupted register frame */
    union {
        void (*fn)(unsigned char key);
        void (*irq_fn)(unsigned char key, struct cpu_user_regs *regs);
    } u;
    const char *desc;
};

#define KEYHANDLER(k, f, d)                                                 \
    static const struct keyhandler __used __section(".data.keyhandler") __aligned(8) \
    __keyhandler_##f = { .key = (k), .needs_regs = false, .u.fn = (f), .desc = (d) }
#define IRQ_KEYHANDLER(k, f, d)                                             \
    static const struct keyhandler __used __section(".data.keyhandler") __aligned(8) \
    __keyhandler_##f = { .key = (k), .needs_regs = true, .u.irq_fn = (f), .desc = (d) }

void handle_keypress(unsigned char key, struct cpu_user_regs *regs);

void keyhandler_init(void);

#endif /* XEN_KEYHANDLER_H */
