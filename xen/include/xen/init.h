/*
 * Boot-time-only code and data markers, and initcalls.
 *
 * __init code is kept (not freed) for now: the image is small and keeping it lets
 * stack traces through boot code stay symbolised.
 */
#ifndef XEN_INIT_H
#define XEN_INIT_H

#define __init
#define __initdata
#define __initconst
#define __read_mostly   __section(".data.read_mostly")
#define __ro_after_init __section(".data.ro_after_init")

typedef int (*initcall_t)(void);

/* Run before the other CPUs are brought up. */
#define presmp_initcall(fn) \
    static const initcall_t __initcall_##fn __used __aligned(8) __section(".initcall.presmp") = fn
/* Run once all CPUs are up. */
#define __initcall(fn) \
    static const initcall_t __initcall_##fn __used __aligned(8) __section(".initcall") = fn

void do_presmp_initcalls(void);
void do_initcalls(void);

#endif /* XEN_INIT_H */
