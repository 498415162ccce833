/*
 * Hypervisor command-line options, declared next to the code that uses them, with
 * Xen's names and syntax:
 *
 *   boolean_param("noreboot", opt_noreboot);   noreboot, no-noreboot, noreboot=0/1/
 *                                              yes/no/on/off/true/false/enable/disable
 *   integer_param("maxcpus", opt_maxcpus);     maxcpus=4 (decimal, 0x hex, 0 octal)
 *   size_param("conring_size", opt_size);      conring_size=64k (B/K/M/G/T; no unit = K)
 *   string_param("sched", opt_sched);          sched=credit
 *   custom_param("com1", parse_com1);          the handler parses the value itself
 *
 * Unknown names are reported ("parameter "x" unknown!"), as are bad values.
 */
#ifndef XEN_PARAM_H
#define XEN_PARAM_H

#include <xen/types.h>

enum param_type {
    OPT_BOOL,
    OPT_UINT,
    OPT_SIZE,
    OPT_STR,
    OPT_CUSTOM,
};

struct kernel_param {
    const char *name;
    enum param_type type;
    unsigned int len;           /* size of the variable, or of the string buffer */
    union {
        void *var;
        int (*func)(const char *val);
    } par;
};

#define __param_entry(_name, _type, _len, _member, _ptr)                    \
    static const struct kernel_param __used __section(".data.param") __aligned(8) \
    __setup_##_ptr = { .name = _name, .type = _type, .len = _len,           \
                       .par._member = &_ptr }

#define boolean_param(n, v) __param_entry(n, OPT_BOOL, sizeof(v), var, v)
#define integer_param(n, v) __param_entry(n, OPT_UINT, sizeof(v), var, v)
#define size_param(n, v)    __param_entry(n, OPT_SIZE, sizeof(v), var, v)
#define string_param(n, v)  __param_entry(n, OPT_STR, sizeof(v), var, v)
#define custom_param(n, f)                                                  \
    static const struct kernel_param __used __section(".data.param") __aligned(8) \
    __setup_##f = { .name = n, .type = OPT_CUSTOM, .par.func = f }

/* Parse a boolean word: 1 true, 0 false, -1 not a boolean. */
int parse_bool(const char *s, const char *end);

/*
 * Apply every option in 'cmdline' (modified in place) to the registered params
 * between 'start' and 'end'.  Returns the number of errors reported.
 */
int parse_params(char *cmdline, const struct kernel_param *start,
                 const struct kernel_param *end);

/* The whole hypervisor command line, as given (after the image name). */
extern char saved_cmdline[];

void cmdline_parse(const char *cmdline);

#endif /* XEN_PARAM_H */
