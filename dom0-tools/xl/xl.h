/*
 * The xl command: a table of subcommands (xl_cmdtable.c), each a main-like
 * function over the toolstack libraries.
 */
#ifndef DOM0_TOOLS_XL_XL_H
#define DOM0_TOOLS_XL_XL_H

#include <getopt.h>
#include <stdint.h>

struct cmd_spec {
    const char *name;
    int (*fn)(int argc, char **argv);
    int can_dryrun;         /* honours the global -N */
    int modifies;           /* honours the global -f */
    int needs_hv;           /* needs a running hypervisor */
    const char *desc;
    const char *usage;
    const char *options;    /* help text of the options, or NULL */
};

extern const struct cmd_spec cmd_table[];
extern const unsigned int cmd_table_len;

/* Global options: -v (repeatable), -N (dry run), -f (force). */
extern int xl_verbose;
extern int xl_dryrun;
extern int xl_force;

const struct cmd_spec *cmd_lookup(const char *name);
void xl_help(const char *command);

/*
 * getopt_long over a subcommand's argv with Xen's conventions: -h prints the
 * command's help and exits 0, an unknown option prints "option `x' not
 * supported." and exits 2, and fewer than REQARGS operands prints
 * "'xl CMD' requires at least N argument(s)." and the help, exit 2.
 * Returns the next option, or -1 when the operands start (at optind).
 */
int xl_getopt(int argc, char **argv, const char *optstring,
              const struct option *longopts, const char *cmd, int reqargs);

/* 0 when /dev/xen/privcmd or /proc/xen/privcmd exists; else print why the
 * command CMD cannot run here and return 1 (the command's exit status). */
int xl_require_hypervisor(const char *cmd);

struct xldom_ctx;

/* The long options of every command (-h, --long, --json, --wait, ...). */
extern const struct option xl_long_opts[];

/*
 * For a command that acts on the hypervisor: check that there is one
 * (xl_require_hypervisor), then open the domain lifecycle library.  NULL
 * after printing why (the command then exits 1).
 */
struct xldom_ctx *xl_open(const char *cmd);

/*
 * The domain SPEC names (a name or a number), as Xen's find_domain;
 * prints why and returns -1 when there is none.
 */
int xl_find_domain(struct xldom_ctx *ctx, const char *spec, uint32_t *domid);

/* Attach this terminal to domid's console until Ctrl-] or the domain
 * goes away; 0 or 1 (an exit status). */
int xl_console_attach(struct xldom_ctx *ctx, uint32_t domid, int quiet);

/* Subcommands. */
int main_create(int argc, char **argv);
int main_list(int argc, char **argv);
int main_destroy(int argc, char **argv);
int main_shutdown(int argc, char **argv);
int main_pause(int argc, char **argv);
int main_unpause(int argc, char **argv);
int main_console(int argc, char **argv);
int main_info(int argc, char **argv);
int main_memset(int argc, char **argv);
int main_memmax(int argc, char **argv);
int main_dmesg(int argc, char **argv);
int main_vcpu_list(int argc, char **argv);
int main_uptime(int argc, char **argv);
int main_sched_credit(int argc, char **argv);
int main_domxml_to_xl(int argc, char **argv);
int main_domxml_from_xl(int argc, char **argv);
int main_help(int argc, char **argv);
int main_hv_command(int argc, char **argv);

#endif /* DOM0_TOOLS_XL_XL_H */
