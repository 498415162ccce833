/*
 * abi-header: xen.h
 *
 * The helper macros of xen.h: typed literals, UUID initialisers, guest
 * handles, and the aliases older interface revisions use.
 */

/* A handle type of our own, made with the header's macros. */
struct abi_thing
{
    uint32_t x;
};
typedef struct abi_thing abi_thing_t;
#if __XEN_INTERFACE_VERSION__ >= 0x00030201
DEFINE_XEN_GUEST_HANDLE(abi_thing_t);
__DEFINE_XEN_GUEST_HANDLE(abi_u16, uint16_t);
#else
___DEFINE_XEN_GUEST_HANDLE(abi_thing_t, abi_thing_t);
#endif

static void scenario_xen(void)
{
    SAY("xen_mk_uint", "%u %zu", xen_mk_uint(7), sizeof(xen_mk_uint(7)));
    SAY("xen_mk_ulong", "%lu %zu", xen_mk_ulong(7), sizeof(xen_mk_ulong(7)));
    SAY("xen_mk_ullong", "%llu %zu", xen_mk_ullong(7),
        sizeof(xen_mk_ullong(7)));
    SAY("__xen_mk_uint", "%u", __xen_mk_uint(0x10));
    SAY("__xen_mk_ulong", "%lu", __xen_mk_ulong(0x10));
    SAY("__xen_mk_ullong", "%llu", __xen_mk_ullong(0x10));

    {
        xen_uuid_t u = XEN_DEFINE_UUID(0x00112233, 0x4455, 0x6677, 0x8899, 0xaa,
                                       0xbb, 0xcc, 0xdd, 0xee, 0xff);
        xen_uuid_t v = XEN_DEFINE_UUID_(0xdeadbeef, 0x1234, 0x5678, 0x9abc, 1,
                                        2, 3, 4, 5, 6);
        unsigned int i;
        char text[2 * 32 + 1];

        for ( i = 0; i < 16; i++ )
        {
            sprintf(text + 2 * i, "%02x", u.a[i]);
            sprintf(text + 32 + 2 * i, "%02x", v.a[i]);
        }
        SAY("XEN_DEFINE_UUID", "%s", text);
    }

    SAY("handle sizes", "%zu %zu", sizeof(XEN_GUEST_HANDLE(abi_thing_t)),
        sizeof(__XEN_GUEST_HANDLE(abi_thing_t)));
#if __XEN_INTERFACE_VERSION__ >= 0x00030201
    {
        abi_thing_t thing = {42};
        uint16_t word = 7;
        XEN_GUEST_HANDLE(abi_thing_t) h;
        XEN_GUEST_HANDLE_PARAM(const_abi_thing_t) hc;
        XEN_GUEST_HANDLE(abi_u16) hw;

        set_xen_guest_handle(h, &thing);
        set_xen_guest_handle_raw(hc, &thing);
        set_xen_guest_handle(hw, &word);
        SAY("set_xen_guest_handle", "%u %u %u", h.p->x, hc.p->x, *hw.p);
    }
#endif

#if defined(__XEN_TOOLS__)
    SAY("tools types", "%zu %zu %zu %zu", sizeof(uint64_aligned_t),
        _Alignof(uint64_aligned_t), sizeof(int64_aligned_t),
        sizeof(XEN_GUEST_HANDLE_64(uint8)));
#endif

#if __XEN_INTERFACE_VERSION__ < 0x00030203
    SAY("console_mfn", "%zu %zu", offsetof(start_info_t, console_mfn),
        offsetof(start_info_t, console_evtchn));
#endif
    SAY("xen_wc_sec_hi", "%zu", offsetof(struct shared_info, xen_wc_sec_hi));
    SAY("xen_vga_console_info", "%zu %zu", sizeof(struct xen_vga_console_info),
        sizeof(xen_vga_console_info_t));
}
