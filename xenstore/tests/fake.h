/*
 * fake.h: a transport stand-in for driving the pure core directly (unit
 * tests and the fuzzer).  Replies and watch events are recorded as text:
 * NULs shown as '|', errors as "E:<name>", events as "path|token|;".
 */
#ifndef XENSTORE_TESTS_FAKE_H
#define XENSTORE_TESTS_FAKE_H

#include "xs_core.h"

#define FAKE_MAX 16

struct fake
{
    struct xs_conn *c;
    unsigned int domid;
    bool released;
    char reply[2 * XENSTORE_PAYLOAD_MAX + 64];
    size_t reply_len;           /* raw length of the last reply body */
    char raw[XENSTORE_PAYLOAD_MAX + 1];
    uint32_t reply_type;
    uint32_t reply_req;
    unsigned int nreplies;
    char events[16384];
    unsigned int nevents;
};

struct fake_env
{
    struct xs_store *s;
    struct xs_core_ops ops;
    struct fake conns[FAKE_MAX];
    unsigned int n;
    bool fail_introduce;
};

void fake_init(struct fake_env *e);
void fake_fini(struct fake_env *e);
struct fake *fake_conn(struct fake_env *e, unsigned int domid);
/* Send a request; returns the reply as text (see above). */
const char *fake_req(struct fake *f, uint32_t type, uint32_t tx,
                     const char *payload, size_t len);
/* Convenience: payload given as a string with '|' standing for NUL. */
const char *fake_cmd(struct fake *f, uint32_t type, uint32_t tx,
                     const char *spec);
/* Introduce domid through conn 0 of the environment; returns its fake. */
struct fake *fake_introduce(struct fake_env *e, unsigned int domid);

#endif
