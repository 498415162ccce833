/*
 * Printing helpers for the generated ABI checker (abi_check.py).
 *
 * The same generated program is compiled once against our headers and once
 * against Xen's; each macro below prints one line "header<TAB>key<TAB>facts"
 * so that the two outputs can be compared line by line.  ABI_HEADER names
 * the header whose items are being printed.
 */
#ifndef ABI_CHECKER_H
#define ABI_CHECKER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ABI_SIGNED(expr) ((__typeof__(expr))-1 < 0)
#define ABI_MEMBER(T, path) (((T *)0)->path)

/* A structure, union or typedef: size and alignment. */
#define REC(name, T)                                                           \
    printf("%s\t%s\tsize=%zu align=%zu\n", ABI_HEADER, name, sizeof(T),        \
           (size_t) _Alignof(T))

/* A member that is not an integer: offset and size. */
#define FIELD(name, T, path)                                                   \
    printf("%s\t%s\toffset=%zu size=%zu\n", ABI_HEADER, name,                  \
           offsetof(T, path), sizeof(ABI_MEMBER(T, path)))

/* An integer member (or array of integers): also the signedness. */
#define IFIELD(name, T, path, elem)                                            \
    printf("%s\t%s\toffset=%zu size=%zu signed=%d\n", ABI_HEADER, name,        \
           offsetof(T, path), sizeof(ABI_MEMBER(T, path)),                     \
           (int)ABI_SIGNED(ABI_MEMBER(T, elem)))

/* A trailing flexible array: its offset only. */
#define FLEX(name, T, path)                                                    \
    printf("%s\t%s\toffset=%zu\n", ABI_HEADER, name, offsetof(T, path))

/* A bit-field: which bits of the structure it occupies. */
#define BITS(name, T, path)                                                    \
    do                                                                         \
    {                                                                          \
        T abi_v;                                                               \
        size_t abi_i;                                                          \
        memset(&abi_v, 0, sizeof(abi_v));                                      \
        abi_v.path = -1;                                                       \
        printf("%s\t%s\tbits=", ABI_HEADER, name);                             \
        for ( abi_i = 0; abi_i < sizeof(abi_v); abi_i++ )                      \
            printf("%02x", ((unsigned char *)&abi_v)[abi_i]);                  \
        printf(" signed=%d\n", abi_v.path < 0);                                \
    } while ( 0 )

/* A type name. */
#define TYPE(name, T)                                                          \
    printf("%s\t%s\tsize=%zu align=%zu\n", ABI_HEADER, name, sizeof(T),        \
           (size_t) _Alignof(T))

/* An integer type name: also the signedness. */
#define ITYPE(name, T)                                                         \
    printf("%s\t%s\tsize=%zu align=%zu signed=%d\n", ABI_HEADER, name,         \
           sizeof(T), (size_t) _Alignof(T), (int)((T)-1 < 0))

/* An integer constant: value, size and signedness of its type. */
#define CONST(name, v)                                                         \
    printf("%s\t%s\tvalue=%#llx size=%zu signed=%d\n", ABI_HEADER, name,       \
           (unsigned long long)(v), sizeof(v), (int)((v) - (v)-1 < 0))

/* An enumeration constant. */
#define ECONST(name, v)                                                        \
    printf("%s\t%s\tvalue=%lld\n", ABI_HEADER, name, (long long)(v))

/* A string constant. */
#define STR(name, v) printf("%s\t%s\tstring=\"%s\"\n", ABI_HEADER, name, v)

/* A macro that expands to nothing. */
#define ABI_XSTR(x) #x
#define ABI_STR(x) ABI_XSTR(x)
#define EMPTY(name, v)                                                         \
    printf("%s\t%s\tempty=%d\n", ABI_HEADER, name, ABI_STR(v)[0] == 0)

/* A macro compared by existence only (exercised by the scenarios). */
#define DEFINED(name) printf("%s\t%s\tdefined\n", ABI_HEADER, name)
#define MISSING(name) printf("%s\t%s\tnot defined\n", ABI_HEADER, name)

/* Scenario output: one fact per line, under a key. */
#define SAY(key, ...)                                                          \
    do                                                                         \
    {                                                                          \
        printf("%s\tscenario %s\t", ABI_HEADER, key);                          \
        printf(__VA_ARGS__);                                                   \
        printf("\n");                                                          \
    } while ( 0 )

#endif /* ABI_CHECKER_H */
