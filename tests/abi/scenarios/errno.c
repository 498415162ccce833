/*
 * abi-header: errno.h
 *
 * errno.h is an X-macro list: included again with XEN_ERRNO defined, it
 * expands XEN_ERRNO once per error.
 */
static void scenario_errno(void)
{
#define XEN_ERRNO(name, value) SAY("XEN_ERRNO " #name, "%d", value);
#include ABI_ERRNO_H
#ifdef XEN_ERRNO
    SAY("XEN_ERRNO", "still defined after the list");
#endif
}
