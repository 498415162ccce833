/*
 * mkimage_main.c: the mkimage test tool.
 *
 *   mkimage elf PRESET OUT            write a test kernel (presets below)
 *   mkimage wrap PAYLOAD USIZE OUT    wrap a compressed kernel in a bzImage,
 *                                     appending USIZE as Linux's size_append
 *   mkimage wrap-nosize PAYLOAD OUT   the same without the size word (gzip)
 *   mkimage seeds DIR                 a fuzzing seed corpus of small images
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkimage.h"

static int write_file(const char *path, const uint8_t *b, size_t len)
{
    FILE *f = fopen(path, "wb");

    if ( !f || fwrite(b, 1, len, f) != len || fclose(f) )
    {
        perror(path);
        return 1;
    }
    return 0;
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *b;
    long n;

    if ( !f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
         fseek(f, 0, SEEK_SET) )
    {
        perror(path);
        exit(2);
    }
    b = mk_alloc(n);
    if ( fread(b, 1, n, f) != (size_t)n )
    {
        perror(path);
        exit(2);
    }
    fclose(f);
    *len = n;
    return b;
}

/* Fill e with a preset; 0 if the name is unknown. */
static int preset(const char *name, struct mk_elf *e)
{
    if ( !strcmp(name, "linux64") )
        mk_elf_linux64(e);
    else if ( !strcmp(name, "linux32") )
        mk_elf_linux32(e);
    else if ( !strcmp(name, "linux64-nodom0") )
    {
        mk_elf_linux64(e);
        mk_note_del(e, 17);
        mk_note_num(e, 17, 0x1, 4);
    }
    else if ( !strcmp(name, "legacy32") )
    {
        mk_elf_linux32(e);
        e->nr_notes = 0;
        e->guest_info = "GUEST_OS=linux,XEN_VER=xen-3.0,VIRT_BASE=0xc0000000,"
                        "ELF_PADDR_OFFSET=0xc0000000,HYPERCALL_PAGE=0x2,"
                        "LOADER=generic,PAE=yes[extended-cr3]";
        e->segs[0].paddr = 0xc0100000;
        e->segs[1].paddr = 0xc0102000;
    }
    else if ( !strcmp(name, "bsd64") )
    {
        mk_elf_linux64(e);
        e->symtab = 1;
        mk_note_str(e, 11, "yes");
    }
    else if ( !strcmp(name, "sections64") )
    {
        mk_elf_linux64(e);
        e->where = MK_NOTES_SECTION;
        e->note_align = 8;
    }
    else
        return 0;
    return 1;
}

/* Small seeds: segments cut to 64 bytes keep the fuzzer fast. */
static int seeds(const char *dir)
{
    static const char *const names[] = { "linux64", "linux32", "legacy32",
                                          "bsd64", "sections64" };
    char path[512];
    struct mk_elf e;
    size_t len, clen, blen, i, j;
    uint8_t *elf, *z, *bz;
    int rc = 0;

    for ( i = 0; i < sizeof(names) / sizeof(names[0]); i++ )
    {
        preset(names[i], &e);
        for ( j = 0; j < e.nr_segs; j++ )
            e.segs[j].filesz = 64;
        e.trailing = 16;
        elf = mk_elf_build(&e, &len);
        snprintf(path, sizeof(path), "%s/%s.elf", dir, names[i]);
        rc |= write_file(path, elf, len);
        if ( i == 0 )
        {
            for ( j = 0; j < MK_NR_COMP; j++ )
            {
                z = mk_compress(j, elf, len, &clen);
                bz = mk_bzimage(z, clen, j != MK_GZIP, len, &blen);
                snprintf(path, sizeof(path), "%s/bzimage-%s", dir,
                         mk_comp_name[j]);
                rc |= write_file(path, bz, blen);
                snprintf(path, sizeof(path), "%s/bare.%s", dir,
                         mk_comp_name[j]);
                rc |= write_file(path, z, clen);
                free(bz);
                free(z);
            }
            bz = mk_bzimage(elf, len, 0, 0, &blen);
            snprintf(path, sizeof(path), "%s/bzimage-none", dir);
            rc |= write_file(path, bz, blen);
            free(bz);
        }
        free(elf);
    }
    return rc;
}

int main(int argc, char **argv)
{
    struct mk_elf e;
    size_t len, blen;
    uint8_t *b, *bz;
    int rc;

    if ( argc == 4 && !strcmp(argv[1], "elf") && preset(argv[2], &e) )
    {
        b = mk_elf_build(&e, &len);
        rc = write_file(argv[3], b, len);
        free(b);
        return rc;
    }
    if ( (argc == 5 && !strcmp(argv[1], "wrap")) ||
         (argc == 4 && !strcmp(argv[1], "wrap-nosize")) )
    {
        int sized = argc == 5;

        b = read_file(argv[2], &len);
        bz = mk_bzimage(b, len, sized, sized ? strtoul(argv[3], NULL, 0) : 0,
                        &blen);
        rc = write_file(argv[argc - 1], bz, blen);
        free(bz);
        free(b);
        return rc;
    }
    if ( argc == 3 && !strcmp(argv[1], "seeds") )
        return seeds(argv[2]);

    fprintf(stderr,
            "usage: mkimage elf PRESET OUT\n"
            "       mkimage wrap PAYLOAD USIZE OUT\n"
            "       mkimage wrap-nosize PAYLOAD OUT\n"
            "       mkimage seeds DIR\n"
            "presets: linux64 linux32 linux64-nodom0 legacy32 bsd64 "
            "sections64\n");
    return 2;
}
