/*
 * Symbol lookup over the table that xen/tools/symtab.c generates from the linked
 * image: addresses ascending, so a binary search finds the enclosing function.
 */
#include <xen/lib.h>
#include <xen/symbols.h>

extern const unsigned long symtab_count;
extern const unsigned long symtab_addrs[];
extern const unsigned int symtab_names[];
extern const char symtab_strings[];
extern const char _stext[], _etext[];

const char *symbols_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
    unsigned long lo = 0, hi = symtab_count, next;

    if ( addr < (unsigned long)_stext || addr >= (unsigned long)_etext || !symtab_count )
        return NULL;

    /* Find the last symbol at or below addr. */
    while ( hi - lo > 1 )
    {
        unsigned long mid = lo + (hi - lo) / 2;

        if ( symtab_addrs[mid] <= addr )
            lo = mid;
        else
            hi = mid;
    }
    if ( symtab_addrs[lo] > addr )
        return NULL;

    /* Aliases share an address: report the first, size up to the next distinct one. */
    while ( lo > 0 && symtab_addrs[lo - 1] == symtab_addrs[lo] )
        lo--;
    next = lo + 1;
    while ( next < symtab_count && symtab_addrs[next] == symtab_addrs[lo] )
        next++;

    *offset = addr - symtab_addrs[lo];
    *size = (next < symtab_count ? symtab_addrs[next] : (unsigned long)_etext) - symtab_addrs[lo];
    return &symtab_strings[symtab_names[lo]];
}

unsigned long symbols_lookup_by_name(const char *name)
{
    unsigned long i;

    for ( i = 0; i < symtab_count; i++ )
        if ( !strcmp(&symtab_strings[symtab_names[i]], name) )
            return symtab_addrs[i];
    return 0;
}
