/* wire_ours.c: the facts of our xen/include/public/io/xs_wire.h. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
/* By path: xen/include/public has its own errno.h and features.h, which
 * must not shadow the C library's on the include path. */
#include "../../xen/include/public/io/xs_wire.h"
#include "wire_facts.h"

extern const struct wire_table wire_ours;
WIRE_DEFINE_TABLE(wire_ours)
