/*
 * wire_facts.h: every number of xs_wire.h the project claims, as an X-macro
 * list.  wire_ours.c and wire_debian.c expand it against our header and
 * Debian's (libxen-dev) respectively; test_wire.c compares the two tables.
 */
#define WIRE_FACTS(F)                                                         \
    F(XS_CONTROL) F(XS_DEBUG) F(XS_DIRECTORY) F(XS_READ) F(XS_GET_PERMS)      \
    F(XS_WATCH) F(XS_UNWATCH) F(XS_TRANSACTION_START)                        \
    F(XS_TRANSACTION_END) F(XS_INTRODUCE) F(XS_RELEASE)                      \
    F(XS_GET_DOMAIN_PATH) F(XS_WRITE) F(XS_MKDIR) F(XS_RM) F(XS_SET_PERMS)    \
    F(XS_WATCH_EVENT) F(XS_ERROR) F(XS_IS_DOMAIN_INTRODUCED) F(XS_RESUME)     \
    F(XS_SET_TARGET) F(XS_RESET_WATCHES) F(XS_DIRECTORY_PART)                 \
    F(XS_TYPE_COUNT) F(XS_INVALID)                                            \
    F(XS_WATCH_PATH) F(XS_WATCH_TOKEN)                                        \
    F(XENSTORE_RING_SIZE) F(MASK_XENSTORE_IDX(1025))                          \
    F(MASK_XENSTORE_IDX(0xffffffffu)) F(sizeof(XENSTORE_RING_IDX))            \
    F(sizeof(struct xenstore_domain_interface))                               \
    F(offsetof(struct xenstore_domain_interface, req))                        \
    F(offsetof(struct xenstore_domain_interface, rsp))                        \
    F(offsetof(struct xenstore_domain_interface, req_cons))                   \
    F(offsetof(struct xenstore_domain_interface, req_prod))                   \
    F(offsetof(struct xenstore_domain_interface, rsp_cons))                   \
    F(offsetof(struct xenstore_domain_interface, rsp_prod))                   \
    F(offsetof(struct xenstore_domain_interface, server_features))            \
    F(offsetof(struct xenstore_domain_interface, connection))                 \
    F(offsetof(struct xenstore_domain_interface, error))                      \
    F(sizeof(struct xsd_sockmsg))                                             \
    F(offsetof(struct xsd_sockmsg, type))                                     \
    F(offsetof(struct xsd_sockmsg, req_id))                                   \
    F(offsetof(struct xsd_sockmsg, tx_id))                                    \
    F(offsetof(struct xsd_sockmsg, len))                                      \
    F(sizeof(((struct xsd_sockmsg *)0)->len))                                 \
    F(sizeof(struct xsd_errors))                                              \
    F(sizeof(xsd_errors) / sizeof(xsd_errors[0]))                             \
    F(XENSTORE_PAYLOAD_MAX) F(XENSTORE_ABS_PATH_MAX)                          \
    F(XENSTORE_REL_PATH_MAX)                                                  \
    F(XENSTORE_SERVER_FEATURE_RECONNECTION)                                   \
    F(XENSTORE_SERVER_FEATURE_ERROR)                                          \
    F(XENSTORE_CONNECTED) F(XENSTORE_RECONNECT)                               \
    F(XENSTORE_ERROR_NONE) F(XENSTORE_ERROR_COMM)                             \
    F(XENSTORE_ERROR_RINGIDX) F(XENSTORE_ERROR_PROTO)

#define WIRE_STRINGS(F)                                                       \
    F(XS_WRITE_NONE) F(XS_WRITE_CREATE) F(XS_WRITE_CREATE_EXCL)

struct wire_table
{
    const long *values;
    const char *const *strings;
    const void *errors;         /* the header's xsd_errors[] */
    unsigned long nerrors;
};

#define WIRE_DEFINE_TABLE(sym)                                                \
    static const long sym##_values[] = {                                      \
        WIRE_FACTS(WIRE_VALUE) };                                             \
    static const char *const sym##_strings[] = {                              \
        WIRE_STRINGS(WIRE_STRING) };                                          \
    const struct wire_table sym = { sym##_values, sym##_strings, xsd_errors,  \
                                    sizeof(xsd_errors) /                      \
                                        sizeof(xsd_errors[0]) };

#define WIRE_VALUE(x) (long)(x),
#define WIRE_STRING(x) x,
#define WIRE_NAME(x) #x,
