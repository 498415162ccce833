/* SPDX-License-Identifier: MIT */
/*
 * public/errno.h: the error numbers hypercalls return (negated).
 *
 * The values are the x86 Linux ones.  Like Xen's, this header is an
 * X-macro list: an includer that defines XEN_ERRNO(name, value) first gets
 * one expansion per error, every time it includes the file.  An includer
 * that does not gets, once, "enum xen_errno" with constants XEN_EPERM,
 * XEN_ENOENT and so on.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
/* An X-macro list, laid out by hand. */
/* clang-format off */
#ifndef XEN_ERRNO

#ifndef __XEN_PUBLIC_ERRNO_H__
#define __XEN_PUBLIC_ERRNO_H__

#define XEN_ERRNO_DEFAULT_INCLUDE

#ifndef __ASSEMBLY__
#define XEN_ERRNO(name, value) XEN_##name = value,
enum xen_errno {
#elif __XEN_INTERFACE_VERSION__ < 0x00040700
#define XEN_ERRNO(name, value) .equ XEN_##name, value
#endif

#endif /* __XEN_PUBLIC_ERRNO_H__ */
#endif /* !XEN_ERRNO */

#ifdef XEN_ERRNO

XEN_ERRNO(EPERM, 1)          /* operation not permitted */
XEN_ERRNO(ENOENT, 2)         /* no such entry */
XEN_ERRNO(ESRCH, 3)          /* no such domain or vCPU */
#ifdef __XEN__
XEN_ERRNO(EINTR, 4)          /* interrupted (hypervisor internal) */
#endif
XEN_ERRNO(EIO, 5)            /* I/O error */
XEN_ERRNO(ENXIO, 6)          /* no such device or address */
XEN_ERRNO(E2BIG, 7)          /* argument too big */
XEN_ERRNO(ENOEXEC, 8)        /* bad executable format */
XEN_ERRNO(EBADF, 9)          /* bad handle */
XEN_ERRNO(ECHILD, 10)        /* no child */
XEN_ERRNO(EAGAIN, 11)        /* try again */
XEN_ERRNO(EWOULDBLOCK, 11)   /* would block: the same as EAGAIN */
XEN_ERRNO(ENOMEM, 12)        /* out of memory */
XEN_ERRNO(EACCES, 13)        /* permission denied */
XEN_ERRNO(EFAULT, 14)        /* bad guest address */
XEN_ERRNO(EBUSY, 16)         /* busy */
XEN_ERRNO(EEXIST, 17)        /* already exists */
XEN_ERRNO(EXDEV, 18)         /* cross-domain reference */
XEN_ERRNO(ENODEV, 19)        /* no such device */
XEN_ERRNO(ENOTDIR, 20)       /* not a directory */
XEN_ERRNO(EISDIR, 21)        /* is a directory */
XEN_ERRNO(EINVAL, 22)        /* invalid argument */
XEN_ERRNO(ENFILE, 23)        /* table full */
XEN_ERRNO(EMFILE, 24)        /* too many open */
XEN_ERRNO(ENOSPC, 28)        /* no space left */
XEN_ERRNO(EROFS, 30)         /* read-only */
XEN_ERRNO(EMLINK, 31)        /* too many links */
XEN_ERRNO(EDOM, 33)          /* argument out of domain */
XEN_ERRNO(ERANGE, 34)        /* result out of range */
XEN_ERRNO(EDEADLK, 35)       /* deadlock avoided */
XEN_ERRNO(EDEADLOCK, 35)     /* the same as EDEADLK */
XEN_ERRNO(ENAMETOOLONG, 36)  /* name too long */
XEN_ERRNO(ENOLCK, 37)        /* no locks available */
XEN_ERRNO(ENOSYS, 38)        /* not implemented */
XEN_ERRNO(ENOTEMPTY, 39)     /* not empty */
XEN_ERRNO(ENODATA, 61)       /* no data */
XEN_ERRNO(ETIME, 62)         /* timer expired */
XEN_ERRNO(EBADMSG, 74)       /* bad message */
XEN_ERRNO(EOVERFLOW, 75)     /* value too large */
XEN_ERRNO(EILSEQ, 84)        /* illegal byte sequence */
#ifdef __XEN__
XEN_ERRNO(ERESTART, 85)      /* restart the call (hypervisor internal) */
#endif
XEN_ERRNO(ENOTSOCK, 88)      /* not a socket */
XEN_ERRNO(EMSGSIZE, 90)      /* message too long */
XEN_ERRNO(EOPNOTSUPP, 95)    /* operation not supported */
XEN_ERRNO(EADDRINUSE, 98)    /* address in use */
XEN_ERRNO(EADDRNOTAVAIL, 99) /* address not available */
XEN_ERRNO(ENOBUFS, 105)      /* no buffer space */
XEN_ERRNO(EISCONN, 106)      /* already connected */
XEN_ERRNO(ENOTCONN, 107)     /* not connected */
XEN_ERRNO(ETIMEDOUT, 110)    /* timed out */
XEN_ERRNO(ECONNREFUSED, 111) /* connection refused */

#undef XEN_ERRNO
#endif /* XEN_ERRNO */

/* After the default expansion, close the enumeration. */
#ifdef XEN_ERRNO_DEFAULT_INCLUDE
#undef XEN_ERRNO_DEFAULT_INCLUDE
#ifndef __ASSEMBLY__
};
#endif
#endif
/* clang-format on */
