/*
 * persist.c: the journal file.
 *
 * The file is a snapshot followed by the records of later commits
 * (core/journal.c defines both).  persist_flush() runs once per turn of the
 * main loop, after the requests of that turn were handled and before any
 * reply is sent: write() hands the records to the kernel, so a change is
 * durable against a kill -9 of the daemon before its requester hears of it.
 * With --fsync the data also reaches the disk (fdatasync) before the replies,
 * which makes it survive power loss too.  When the file grows past four times
 * its snapshot (and at least 8 MiB) it is rewritten as a fresh snapshot,
 * through a temporary file and rename(), so a kill at any point leaves a
 * complete file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"

#define COMPACT_MIN (8 * 1024 * 1024)

static int write_all(int fd, const char *data, size_t len)
{
    while ( len )
    {
        ssize_t n = write(fd, data, len);

        if ( n < 0 && errno == EINTR )
            continue;
        if ( n <= 0 )
            return -1;
        data += n;
        len -= n;
    }
    return 0;
}

/*
 * Open (creating) the journal at path and replay it into xsd.store.  A torn
 * tail is cut off, unless strict (-R), which makes it an error.  0 or -1.
 */
int persist_open(const char *path, bool fsync_commits, bool strict)
{
    struct stat st;
    char *data = NULL;
    size_t used;
    int fd;

    xsd.fsync_commits = fsync_commits;
    xsd.db_path = strdup(path);
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if ( fd < 0 || fstat(fd, &st) )
    {
        xsd_log("cannot open journal %s: %s", path, strerror(errno));
        return -1;
    }
    if ( st.st_size )
    {
        data = malloc(st.st_size);
        if ( !data || pread(fd, data, st.st_size, 0) != st.st_size )
        {
            xsd_log("cannot read journal %s", path);
            free(data);
            close(fd);
            return -1;
        }
        used = xs_store_replay(xsd.store, data, st.st_size);
        free(data);
        if ( used < (size_t)st.st_size && strict )
        {
            xsd_log("journal %s damaged at byte %zu (--no-recovery)", path,
                    used);
            close(fd);
            return -1;
        }
        if ( used < (size_t)st.st_size )
            xsd_log("journal %s: %zu bytes of torn or corrupt tail dropped",
                    path, (size_t)st.st_size - used);
    }
    xsd.db_fd = fd;
    xsd.db_size = st.st_size;
    return 0;
}

/* Write the journal records of this turn (see above).  0 or -1. */
int persist_flush(void)
{
    struct xs_buf *j = xs_store_journal(xsd.store);

    if ( !j->len || xsd.db_fd < 0 )
    {
        xs_buf_reset(j);
        return 0;
    }
    if ( write_all(xsd.db_fd, j->data, j->len) ||
         (xsd.fsync_commits && fdatasync(xsd.db_fd)) )
    {
        xsd_log("journal %s: write failed: %s", xsd.db_path, strerror(errno));
        xs_buf_reset(j);
        return -1;
    }
    xsd.db_size += j->len;
    xsd.flushes++;
    xs_buf_reset(j);
    if ( xsd.db_size > COMPACT_MIN && xsd.db_size > 4 * xsd.snapshot_size )
        return persist_compact();
    return 0;
}

/* Replace the journal by a snapshot of the current state.  0 or -1. */
int persist_compact(void)
{
    struct xs_buf snap = { 0 };
    char *tmp = NULL;
    int fd = -1, rc = -1;

    if ( !xsd.db_path )
        return 0;
    /* Records not yet written are part of the state being snapshotted. */
    xs_buf_reset(xs_store_journal(xsd.store));
    if ( asprintf(&tmp, "%s.tmp", xsd.db_path) < 0 )
    {
        tmp = NULL;
        goto out;
    }
    if ( xs_store_snapshot(xsd.store, &snap) )
        goto out;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if ( fd < 0 || write_all(fd, snap.data, snap.len) || fsync(fd) ||
         rename(tmp, xsd.db_path) )
    {
        xsd_log("journal %s: compaction failed: %s", xsd.db_path,
                strerror(errno));
        if ( fd >= 0 )
            close(fd);
        unlink(tmp);
        goto out;
    }
    if ( xsd.db_fd >= 0 )
        close(xsd.db_fd);
    xsd.db_fd = fd;
    lseek(fd, 0, SEEK_END);
    xsd.db_size = xsd.snapshot_size = snap.len;
    rc = 0;
 out:
    free(tmp);
    xs_buf_free(&snap);
    return rc;
}
