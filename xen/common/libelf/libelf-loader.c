/*
 * Loading the segments of a parsed kernel through a copy callback, so that
 * the caller decides where guest addresses live (the hypervisor copies into
 * the new domain's frames; a host test into a buffer).
 */
#include "libelf-private.h"

/* See xen/libelf.h. */
int elf_load_binary(const struct elf_binary *elf,
                    const struct elf_dom_parms *parms, elf_load_fn *copy,
                    void *opaque, const char **reason)
{
    unsigned int i;
    int rc;

    for ( i = 0; i < elf->phnum; i++ )
    {
        struct elf_phdr ph;
        u64 dest;

        elf_phdr_by_index(elf, i, &ph);
        if ( !elf_phdr_is_loadable(&ph) )
            continue;
        /* elf_init() checked the file range and filesz <= memsz. */
        dest = ph.paddr + parms->virt_offset;
        if ( ph.filesz &&
             (rc = copy(opaque, dest, elf->image + ph.offset, ph.filesz)) )
            return elf_fail(reason, "copying an ELF segment failed", rc);
        if ( ph.memsz > ph.filesz &&
             (rc = copy(opaque, dest + ph.filesz, NULL,
                        ph.memsz - ph.filesz)) )
            return elf_fail(reason, "clearing an ELF segment's bss failed",
                            rc);
    }
    return 0;
}
