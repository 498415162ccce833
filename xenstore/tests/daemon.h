/*
 * daemon.h: start and stop a private xenstored for a test (socket, journal
 * and ring directory in a fresh temporary directory).
 */
#ifndef XENSTORE_TESTS_DAEMON_H
#define XENSTORE_TESTS_DAEMON_H

#include <stdbool.h>
#include <sys/types.h>

struct daemon
{
    pid_t pid;
    char dir[256];
    char sock[320];
    char journal[320];
    char rings[320];
};

/* Make the directory and set XENSTORED_PATH.  0 or -1. */
int daemon_prepare(struct daemon *d);
/* Start build/xenstored -D -N with the extra arguments (NULL-terminated
 * list); waits (at most 10 s) until the socket accepts.  0 or -1. */
int daemon_start(struct daemon *d, const char *const *extra);
/* Send sig (SIGTERM or SIGKILL) and reap.  Returns the wait status. */
int daemon_stop(struct daemon *d, int sig);
/* Remove the directory. */
void daemon_cleanup(struct daemon *d);
/* Path of the daemon binary (build/xenstored; $XENSTORED_BINARY wins). */
extern const char *daemon_binary;

#endif
