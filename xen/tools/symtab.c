/*
 * symtab: turn "nm -n" output into an assembly file holding the hypervisor's text
 * symbols, sorted by address, for symbolised stack traces (common/symbols.c).
 *
 *   symtab_count   number of symbols
 *   symtab_addrs   their addresses, ascending (u64)
 *   symtab_names   offset of each name in symtab_strings (u32)
 *   symtab_strings the NUL-terminated names
 *
 * Addresses are written as constants, not relocations: they come from the previous
 * link, which is why xen/Makefile links until they stop changing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sym {
    unsigned long long addr;
    char *name;
};

static int cmp(const void *a, const void *b)
{
    const struct sym *x = a, *y = b;

    if ( x->addr != y->addr )
        return x->addr < y->addr ? -1 : 1;
    return strcmp(x->name, y->name);
}

int main(void)
{
    char line[1024], type, name[900];
    unsigned long long addr;
    struct sym *syms = NULL;
    size_t n = 0, cap = 0, i, off = 0;

    while ( fgets(line, sizeof(line), stdin) )
    {
        if ( sscanf(line, "%llx %c %899s", &addr, &type, name) != 3 )
            continue;
        if ( type != 't' && type != 'T' && type != 'w' && type != 'W' )
            continue;
        if ( !strncmp(name, ".L", 2) )
            continue;
        if ( n == cap )
        {
            cap = cap ? cap * 2 : 1024;
            syms = realloc(syms, cap * sizeof(*syms));
            if ( !syms )
                return 1;
        }
        syms[n].addr = addr;
        syms[n].name = strdup(name);
        n++;
    }
    qsort(syms, n, sizeof(*syms), cmp);

    printf("\t.section .rodata.symtab, \"a\"\n\t.balign 8\n");
    printf("\t.globl symtab_count\nsymtab_count:\n\t.quad %zu\n", n);
    printf("\t.globl symtab_addrs\nsymtab_addrs:\n");
    for ( i = 0; i < n; i++ )
        printf("\t.quad 0x%llx\n", syms[i].addr);
    printf("\t.globl symtab_names\nsymtab_names:\n");
    for ( i = 0; i < n; i++ )
    {
        printf("\t.long %zu\n", off);
        off += strlen(syms[i].name) + 1;
    }
    printf("\t.globl symtab_strings\nsymtab_strings:\n");
    for ( i = 0; i < n; i++ )
        printf("\t.asciz \"%s\"\n", syms[i].name);
    return 0;
}
