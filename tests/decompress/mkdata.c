/*
 * mkdata SHAPE SIZE: write SIZE bytes of deterministic test data of a given
 * shape to stdout, so that the compressors' inputs are the same every run.
 *   zeros   all zero (long matches, RLE blocks)
 *   random  incompressible (stored/raw blocks)
 *   text    words from a small vocabulary (Huffman-heavy, many matches)
 *   x86     machine-code-like bytes with E8/E9 calls (exercises xz's BCJ)
 *   mixed   1 MiB stretches of the above in turn
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x243f6a8885a308d3ull;

static uint32_t rnd(void)
{
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(state >> 33);
}

static void put(int c)
{
    putchar(c);
}

static void text(size_t n)
{
    static const char *words[] = {
        "hypervisor", "domain", "page", "table", "grant", "event", "channel",
        "the", "of", "a", "to", "and", "xen", "vcpu", "memory", "frame",
        "interrupt", "scheduler", "\n", ", ", ". ", "0x", "struct", "{", "}",
    };
    size_t out = 0;

    while ( out < n )
    {
        const char *w = words[rnd() % (sizeof(words) / sizeof(words[0]))];
        size_t i;

        for ( i = 0; w[i] && out < n; i++, out++ )
            put(w[i]);
        if ( out < n && w[0] != '\n' )
        {
            put(' ');
            out++;
        }
    }
}

static void x86(size_t n)
{
    size_t out = 0;
    uint32_t pos = 0;

    while ( out < n )
    {
        uint32_t r = rnd();

        if ( r % 8 == 0 && n - out >= 5 )
        {
            /* call/jmp rel32 to one of a few targets, near or far. */
            uint32_t target = 0x1000u * (rnd() % 64);
            int32_t rel = (int32_t)(target - (pos + 5));

            put(r & 16 ? 0xe9 : 0xe8);
            put(rel & 0xff);
            put((rel >> 8) & 0xff);
            put((rel >> 16) & 0xff);
            put((rel >> 24) & 0xff);
            out += 5;
            pos += 5;
        }
        else
        {
            static const unsigned char ops[] = {
                0x48, 0x89, 0xe5, 0x8b, 0x45, 0xfc, 0x83, 0xc0, 0x01, 0xc3,
                0x55, 0x5d, 0x0f, 0x1f, 0x44, 0x00, 0x31, 0xc0, 0x74, 0x75 };

            put(ops[r % sizeof(ops)]);
            out++;
            pos++;
        }
    }
}

static void shape(const char *s, size_t n)
{
    size_t i;

    if ( !strcmp(s, "zeros") )
        for ( i = 0; i < n; i++ )
            put(0);
    else if ( !strcmp(s, "random") )
        for ( i = 0; i < n; i++ )
            put(rnd() & 0xff);
    else if ( !strcmp(s, "text") )
        text(n);
    else if ( !strcmp(s, "x86") )
        x86(n);
    else if ( !strcmp(s, "mixed") )
    {
        static const char *parts[] = { "text", "x86", "zeros", "random" };

        for ( i = 0; n; i++ )
        {
            size_t chunk = n < (1u << 20) ? n : (1u << 20);

            shape(parts[i % 4], chunk);
            n -= chunk;
        }
    }
    else
    {
        fprintf(stderr, "mkdata: unknown shape %s\n", s);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    if ( argc != 3 )
    {
        fprintf(stderr, "usage: mkdata zeros|random|text|x86|mixed SIZE\n");
        return 2;
    }
    shape(argv[1], strtoull(argv[2], NULL, 0));
    return fflush(stdout) ? 1 : 0;
}
