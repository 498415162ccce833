/* xs_lib.h: the pre-4.2 name of <xenstore_lib.h>, kept for old programs. */
#ifndef XENSTORE_COMPAT_XS_LIB_H
#define XENSTORE_COMPAT_XS_LIB_H
#include <xenstore_lib.h>
#endif
