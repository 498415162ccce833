/*
 * Internal structures of the xl.cfg parser, shared by the flex scanner, the
 * bison grammar and cfg.c.  Not installed.
 */
#ifndef DOM0_TOOLS_LIBS_CFG_CFG_PRIVATE_H
#define DOM0_TOOLS_LIBS_CFG_CFG_PRIVATE_H

#include <stdarg.h>
#include "xlcfg.h"

struct xlcfg_value {
    enum xlcfg_type type;
    char *str;                  /* STRING text, NUMBER spelling */
    long long num;              /* NUMBER, BOOL */
    unsigned int n, cap;        /* LIST */
    struct xlcfg_value **elems; /* LIST */
    const char *source;         /* interned in the owning xlcfg */
    unsigned int line, col;
};

struct xlcfg_setting {
    char *key;
    struct xlcfg_value *value;
    const char *source;         /* where the key was last set */
    unsigned int line, col;
};

struct xlcfg {
    struct xlcfg_setting *set;
    unsigned int n, cap;
    char **sources;             /* every source name ever parsed */
    unsigned int nsources;
};

/* One statement as parsed, before it is merged into the config. */
struct cfg_stmt {
    char *key;
    int append;                 /* "+=" */
    unsigned int line, col;     /* of the key */
    struct xlcfg_value *value;
};

/* State of one parse: the scanner's and the grammar's shared context. */
struct cfg_parse {
    const char *source;
    const char *text;
    size_t len;
    char *err;                  /* first error, allocated */
    struct cfg_stmt *stmts;
    unsigned int nstmts, capstmts;
    unsigned int depth;         /* open '[' */
    int eof_newline_sent;
    void *scanner;
};

/* Source position in the grammar (bison's and flex's YYLTYPE). */
typedef struct cfg_loc {
    unsigned int first_line, first_column, last_line, last_column;
} cfg_loc;
typedef cfg_loc CFG_YYLTYPE;
#define CFG_YYLTYPE_IS_DECLARED 1
#define CFG_YYLTYPE_IS_TRIVIAL 1

void cfg_set_error(struct cfg_parse *p, unsigned int line, unsigned int col,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
struct xlcfg_value *cfg_value_new(struct cfg_parse *p, enum xlcfg_type t,
                                  const cfg_loc *loc);
int cfg_list_append(struct cfg_parse *p, struct xlcfg_value *list,
                    struct xlcfg_value *elem);
void cfg_value_free(struct xlcfg_value *v);
int cfg_stmt_add(struct cfg_parse *p, char *key, int append,
                 const cfg_loc *loc, struct xlcfg_value *v);

#endif /* DOM0_TOOLS_LIBS_CFG_CFG_PRIVATE_H */
