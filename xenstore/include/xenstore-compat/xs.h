/* xs.h: the pre-4.2 name of <xenstore.h>, kept for old programs. */
#ifndef XENSTORE_COMPAT_XS_H
#define XENSTORE_COMPAT_XS_H
#include <xenstore.h>
#endif
