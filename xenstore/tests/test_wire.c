/*
 * test_wire.c: conformance of our xs_wire.h with Xen 4.17's as Debian ships
 * it: every message type, limit, ring layout offset and size, feature and
 * error value, and the error table entry by entry.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "wire_facts.h"

struct xsd_errors_shape
{
    int errnum;
    const char *errstring;
};

extern const struct wire_table wire_ours, wire_debian;

static const char *const names[] = { WIRE_FACTS(WIRE_NAME) };
static const char *const snames[] = { WIRE_STRINGS(WIRE_NAME) };

static void test_constants(void)
{
    unsigned int i;

    for ( i = 0; i < sizeof(names) / sizeof(names[0]); i++ )
        if ( wire_ours.values[i] != wire_debian.values[i] )
        {
            fprintf(stderr, "  %s: ours %ld, Xen %ld\n", names[i],
                    wire_ours.values[i], wire_debian.values[i]);
            CHECK(!"constant differs");
        }
    for ( i = 0; i < sizeof(snames) / sizeof(snames[0]); i++ )
        CHECK_STR(wire_ours.strings[i], wire_debian.strings[i]);
}

static void test_error_table(void)
{
    const struct xsd_errors_shape *o = wire_ours.errors;
    const struct xsd_errors_shape *d = wire_debian.errors;
    unsigned long i;

    CHECK_INT(wire_ours.nerrors, wire_debian.nerrors);
    for ( i = 0; i < wire_ours.nerrors && i < wire_debian.nerrors; i++ )
    {
        CHECK_INT(o[i].errnum, d[i].errnum);
        CHECK_STR(o[i].errstring, d[i].errstring);
    }
    /* EINVAL first: clients map unknown names to the first entry. */
    CHECK_STR(o[0].errstring, "EINVAL");
}

int main(void)
{
    h_suite = "xenstore/wire";
    RUN(test_constants);
    RUN(test_error_table);
    return h_total_failed ? 1 : 0;
}
