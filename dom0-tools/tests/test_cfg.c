/*
 * Unit tests of libxlcfg: values and their types, positions, merging of
 * '=' and '+=', overrides, atomicity on error, limits, and suggestions.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "xlcfg.h"

static xlcfg *parse(const char *text, char **err)
{
    xlcfg *c = xlcfg_alloc();

    *err = NULL;
    if ( c && xlcfg_parse(c, "t.cfg", text, strlen(text), err) )
    {
        xlcfg_free(c);
        return NULL;
    }
    return c;
}

static void test_values(void)
{
    char *err;
    xlcfg *c = parse("s = 'a\\tb\\x41\\102'\nn = -0x10\nb = false\n"
                     "l = [ 1, [ \"x\", [ ] ], true, ]\n", &err);
    const xlcfg_value *v, *e;

    CHECK("cfg/parse-all-value-kinds", c != NULL);
    if ( !c )
        return;
    v = xlcfg_get(c, "s");
    CHECK_STR("cfg/string-escapes", xlcfg_value_string(v), "a\tbAB");
    v = xlcfg_get(c, "n");
    CHECK("cfg/negative-hex-number", xlcfg_value_type(v) == XLCFG_NUMBER &&
          xlcfg_value_number(v) == -16);
    v = xlcfg_get(c, "b");
    CHECK("cfg/boolean", xlcfg_value_type(v) == XLCFG_BOOL &&
          xlcfg_value_number(v) == 0);
    v = xlcfg_get(c, "l");
    CHECK("cfg/list-trailing-comma", xlcfg_list_len(v) == 3);
    e = xlcfg_list_elem(v, 1);
    CHECK("cfg/nested-list", xlcfg_value_type(e) == XLCFG_LIST &&
          xlcfg_list_len(e) == 2 &&
          xlcfg_list_len(xlcfg_list_elem(e, 1)) == 0);
    CHECK("cfg/position-of-value", xlcfg_value_line(v) == 4 &&
          xlcfg_value_column(v) == 5 &&
          !strcmp(xlcfg_value_source(v), "t.cfg"));
    CHECK("cfg/out-of-range-index", xlcfg_list_elem(v, 3) == NULL &&
          xlcfg_get(c, "nope") == NULL);
    CHECK("cfg/keys-in-order", xlcfg_count(c) == 4 &&
          !strcmp(xlcfg_key(c, 0), "s") && !strcmp(xlcfg_key(c, 3), "l"));
    xlcfg_free(c);
}

static void test_merge(void)
{
    char *err;
    xlcfg *c = parse("a = [ 'x' ]\ns = 'ab'\nm = 1\n", &err);
    const char *ov = "m = 2\na += [ 'y', 'z' ]\ns += 'cd'\nnew += [ 1 ]\n";
    int rc;

    if ( !c )
    {
        CHECK("cfg/merge-setup", 0);
        return;
    }
    rc = xlcfg_parse(c, "<command line>", ov, strlen(ov), &err);
    CHECK("cfg/override-parses", rc == 0);
    CHECK("cfg/override-replaces", xlcfg_value_number(xlcfg_get(c, "m")) == 2);
    CHECK("cfg/append-list", xlcfg_list_len(xlcfg_get(c, "a")) == 3);
    CHECK_STR("cfg/append-string", xlcfg_value_string(xlcfg_get(c, "s")),
              "abcd");
    CHECK("cfg/append-to-unset-is-set",
          xlcfg_list_len(xlcfg_get(c, "new")) == 1);
    CHECK("cfg/override-keeps-key-order", xlcfg_count(c) == 4 &&
          !strcmp(xlcfg_key(c, 0), "a"));

    /* A failing parse leaves the config exactly as it was. */
    rc = xlcfg_parse(c, "<command line>", "m = 3\nx = 1\ny = ", 15, &err);
    CHECK("cfg/error-reported", rc == -1 && err &&
          !strncmp(err, "<command line>:3:4: syntax error", 32));
    free(err);
    CHECK("cfg/error-leaves-config-unchanged", xlcfg_count(c) == 4 &&
          xlcfg_value_number(xlcfg_get(c, "m")) == 2 && !xlcfg_get(c, "x"));
    rc = xlcfg_parse(c, "o", "s += [ 1 ]", 10, &err);
    CHECK_STR("cfg/append-type-mismatch", err,
              "o:1:1: cannot append a list to 's', which is a string: '+=' "
              "needs two lists or two strings");
    free(err);
    xlcfg_free(c);
}

static void test_errors(void)
{
    static const struct { const char *text, *msg; } cases[] = {
        { "a = \"x", "t.cfg:1:5: unterminated string: expected a closing \" "
                     "before the end of the line" },
        { "a = [1\n\n", "t.cfg:3:1: syntax error: unexpected end of file, "
                        "expected ']' or ','" },
        { "a = 1 b", "t.cfg:1:7: syntax error: unexpected key name, expected "
                     "end of line or ';'" },
        { "a\x00 = 1", "t.cfg:1:2: unexpected byte 0x00" },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        char name[64], *err = NULL;
        xlcfg *c = xlcfg_alloc();
        size_t len = i == 3 ? 7 : strlen(cases[i].text);

        snprintf(name, sizeof(name), "cfg/error-message-%u", i);
        if ( xlcfg_parse(c, "t.cfg", cases[i].text, len, &err) == 0 )
            CHECK(name, 0);
        else
            CHECK_STR(name, err, cases[i].msg);
        free(err);
        xlcfg_free(c);
    }
}

static void test_limits(void)
{
    char *err = NULL, *big;
    xlcfg *c = xlcfg_alloc();
    size_t n = XLCFG_MAX_TEXT + 1;
    int rc;

    big = malloc(n);
    if ( !big || !c )
    {
        CHECK("cfg/limits-setup", 0);
        free(big);
        xlcfg_free(c);
        return;
    }
    memset(big, '#', n);
    rc = xlcfg_parse(c, "big", big, n, &err);
    CHECK("cfg/too-large-rejected", rc == -1 && err && strstr(err, "more than"));
    free(err);
    free(big);
    rc = xlcfg_parse_file(c, "/nonexistent/x.cfg", &err);
    CHECK("cfg/missing-file-message", rc == -1 && err &&
          !strncmp(err, "/nonexistent/x.cfg: cannot open: ", 33));
    free(err);
    rc = xlcfg_parse_file(c, "/", &err);
    CHECK("cfg/directory-rejected", rc == -1 && err && strstr(err, "directory"));
    free(err);
    xlcfg_free(c);
}

static void test_closest(void)
{
    static const char *const keys[] = { "memory", "maxmem", "vcpus",
                                        "maxvcpus", "on_crash", NULL };

    CHECK_STR("cfg/closest-typo", xlcfg_closest("memroy", keys), "memory");
    CHECK_STR("cfg/closest-case", xlcfg_closest("VCPUS", keys), "vcpus");
    CHECK_STR("cfg/closest-prefix-tiebreak",
              xlcfg_closest("maxmemory", keys), "maxmem");
    CHECK("cfg/closest-none-when-far", xlcfg_closest("frobnicate", keys) == NULL);
    CHECK("cfg/closest-empty", xlcfg_closest("", keys) == NULL);
}

int main(void)
{
    test_values();
    test_merge();
    test_errors();
    test_limits();
    test_closest();
    return check_exit();
}
