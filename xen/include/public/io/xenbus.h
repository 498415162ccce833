/* SPDX-License-Identifier: MIT */
/*
 * public/io/xenbus.h: the states a split device's frontend and backend go
 * through, each written to its own "state" node in xenstore.
 *
 * The usual sequence: both start Initialising; the backend reaches
 * InitWait once it waits for the frontend's details; the frontend writes
 * them (ring references, event channel) and goes to Initialised; the
 * backend connects and goes to Connected, then the frontend too.  Either
 * end closes with Closing, then Closed.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_IO_XENBUS_H__
#define __XEN_PUBLIC_IO_XENBUS_H__

enum xenbus_state {
    XenbusStateUnknown = 0,
    XenbusStateInitialising = 1,
    /* Early set-up done; waiting for the peer or for hotplug scripts. */
    XenbusStateInitWait = 2,
    /* Details published; waiting for the peer to connect. */
    XenbusStateInitialised = 3,
    XenbusStateConnected = 4,
    /* Shutting down, after an error or an unplug request. */
    XenbusStateClosing = 5,
    XenbusStateClosed = 6,
    /* Being reconfigured, then done. */
    XenbusStateReconfiguring = 7,
    XenbusStateReconfigured = 8
};
typedef enum xenbus_state XenbusState;

#endif /* __XEN_PUBLIC_IO_XENBUS_H__ */
