/* wire_ours.c: the facts of our xen/include/public/io/xs_wire.h. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include "io/xs_wire.h"
#include "wire_facts.h"

extern const struct wire_table wire_ours;
WIRE_DEFINE_TABLE(wire_ours)
