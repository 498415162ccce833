/* wire_debian.c: the facts of Debian's libxen-dev <xen/io/xs_wire.h>. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/io/xs_wire.h>
#include "wire_facts.h"

extern const struct wire_table wire_debian;
WIRE_DEFINE_TABLE(wire_debian)
