/*
 * xlcfg: the xl.cfg language.
 *
 * A config file is a sequence of settings "KEY = VALUE" or "KEY += VALUE",
 * one per line (or separated by ';'), where a VALUE is a quoted string, a
 * number, a boolean (true/false) or a list of values in [ ] (lists nest).
 * '#' starts a comment; a backslash at the end of a line continues it; newlines
 * are free inside lists.  A later setting of the same key replaces the earlier
 * one; "+=" appends to a list or a string.
 *
 * All errors come back as one allocated message "FILE:LINE:COLUMN: what was
 * wrong, and what was expected", which the caller prints and frees.
 */
#ifndef DOM0_TOOLS_LIBS_CFG_INCLUDE_XLCFG_H
#define DOM0_TOOLS_LIBS_CFG_INCLUDE_XLCFG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xlcfg xlcfg;             /* a parsed config: its settings */
typedef struct xlcfg_value xlcfg_value; /* one value, owned by its xlcfg */

enum xlcfg_type {
    XLCFG_STRING,
    XLCFG_NUMBER,
    XLCFG_BOOL,
    XLCFG_LIST,
};

/* Largest config text accepted, and deepest nesting of lists. */
#define XLCFG_MAX_TEXT   (4u << 20)
#define XLCFG_MAX_DEPTH  32

/* Allocate an empty config.  Returns NULL when out of memory. */
xlcfg *xlcfg_alloc(void);

/* Free a config and every value in it; NULL is ignored. */
void xlcfg_free(xlcfg *cfg);

/*
 * Parse TEXT (LEN bytes, need not be NUL-terminated) into CFG, naming it
 * SOURCE in messages.  Settings are merged into what CFG already holds, so
 * calling this again with "memory=512" overrides a file's setting, as xl does
 * for KEY=VALUE arguments.  Returns 0, or -1 with *ERR set to an allocated
 * message; on error CFG is left exactly as it was.
 */
int xlcfg_parse(xlcfg *cfg, const char *source, const char *text, size_t len,
                char **err);

/* Read PATH and parse it as above.  I/O errors also come back in *ERR. */
int xlcfg_parse_file(xlcfg *cfg, const char *path, char **err);

/* Number of distinct keys, and the Ith key / value in order of first setting. */
unsigned int xlcfg_count(const xlcfg *cfg);
const char *xlcfg_key(const xlcfg *cfg, unsigned int i);
const xlcfg_value *xlcfg_value_at(const xlcfg *cfg, unsigned int i);

/* The value of KEY, or NULL when it is not set. */
const xlcfg_value *xlcfg_get(const xlcfg *cfg, const char *key);

enum xlcfg_type xlcfg_value_type(const xlcfg_value *v);
/* Human name of a type: "a string", "a number", "a boolean", "a list". */
const char *xlcfg_type_name(enum xlcfg_type t);

/* For XLCFG_STRING: the decoded text.  For XLCFG_NUMBER: its spelling. */
const char *xlcfg_value_string(const xlcfg_value *v);
/* For XLCFG_NUMBER: the value.  For XLCFG_BOOL: 0 or 1. */
long long xlcfg_value_number(const xlcfg_value *v);
/* For XLCFG_LIST: the number of elements and the Ith element. */
unsigned int xlcfg_list_len(const xlcfg_value *v);
const xlcfg_value *xlcfg_list_elem(const xlcfg_value *v, unsigned int i);

/* Where a value starts: source name, 1-based line and column. */
const char *xlcfg_value_source(const xlcfg_value *v);
unsigned int xlcfg_value_line(const xlcfg_value *v);
unsigned int xlcfg_value_column(const xlcfg_value *v);

/*
 * Format "SOURCE:LINE:COLUMN: " for V followed by FMT into a new string
 * (for callers that validate values and report errors at them).
 */
char *xlcfg_value_error(const xlcfg_value *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The same, at the place where key I was (last) set. */
char *xlcfg_key_error(const xlcfg *cfg, unsigned int i, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * The name among CANDIDATES (NULL-terminated) closest to WORD by edit
 * distance, if close enough to be a plausible misspelling; else NULL.
 */
const char *xlcfg_closest(const char *word, const char *const *candidates);

#ifdef __cplusplus
}
#endif

#endif /* DOM0_TOOLS_LIBS_CFG_INCLUDE_XLCFG_H */
