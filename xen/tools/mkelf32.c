/*
 * mkelf32: wrap the hypervisor (an ELF64 linked at its virtual address) in an ELF32
 * file with one PT_LOAD segment at its physical load address and the physical entry
 * point.  QEMU's multiboot loader refuses ELF64 images, and GRUB loads either kind
 * through p_paddr, so this one file boots both ways.  Xen's own "xen" file is built
 * the same way.
 *
 * Usage: mkelf32 <xen-syms> <output>
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMAGE_OFFSET 0x1000   /* file offset of the image in the output */

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long n;

    if ( !f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) )
    {
        perror(path);
        exit(1);
    }
    buf = malloc(n ? n : 1);
    if ( !buf || fread(buf, 1, n, f) != (size_t)n )
    {
        fprintf(stderr, "%s: read failed\n", path);
        exit(1);
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    unsigned char *in;
    size_t len;
    const Elf64_Ehdr *eh;
    const Elf64_Phdr *ph = NULL;
    Elf32_Ehdr oh;
    Elf32_Phdr oph;
    FILE *out;
    static const unsigned char zero[IMAGE_OFFSET];
    unsigned int i;

    if ( argc != 3 )
    {
        fprintf(stderr, "usage: %s <xen-syms> <output>\n", argv[0]);
        return 1;
    }
    in = read_file(argv[1], &len);
    eh = (const Elf64_Ehdr *)in;
    if ( len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
         eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64 ||
         eh->e_phoff + (size_t)eh->e_phnum * sizeof(Elf64_Phdr) > len )
    {
        fprintf(stderr, "%s: not an x86_64 ELF64 file\n", argv[1]);
        return 1;
    }
    for ( i = 0; i < eh->e_phnum; i++ )
    {
        const Elf64_Phdr *p = (const Elf64_Phdr *)(in + eh->e_phoff) + i;

        if ( p->p_type != PT_LOAD )
            continue;
        if ( ph )
        {
            fprintf(stderr, "%s: more than one PT_LOAD segment\n", argv[1]);
            return 1;
        }
        ph = p;
    }
    if ( !ph || ph->p_offset + ph->p_filesz > len || ph->p_paddr + ph->p_memsz > 0xffffffffULL ||
         eh->e_entry < ph->p_vaddr || eh->e_entry >= ph->p_vaddr + ph->p_filesz )
    {
        fprintf(stderr, "%s: unexpected segment layout\n", argv[1]);
        return 1;
    }

    memset(&oh, 0, sizeof(oh));
    memcpy(oh.e_ident, ELFMAG, SELFMAG);
    oh.e_ident[EI_CLASS] = ELFCLASS32;
    oh.e_ident[EI_DATA] = ELFDATA2LSB;
    oh.e_ident[EI_VERSION] = EV_CURRENT;
    oh.e_type = ET_EXEC;
    oh.e_machine = EM_386;
    oh.e_version = EV_CURRENT;
    oh.e_entry = (Elf32_Addr)(ph->p_paddr + (eh->e_entry - ph->p_vaddr));
    oh.e_phoff = sizeof(oh);
    oh.e_ehsize = sizeof(oh);
    oh.e_phentsize = sizeof(oph);
    oh.e_phnum = 1;

    memset(&oph, 0, sizeof(oph));
    oph.p_type = PT_LOAD;
    oph.p_offset = IMAGE_OFFSET;
    oph.p_vaddr = oph.p_paddr = (Elf32_Addr)ph->p_paddr;
    oph.p_filesz = (Elf32_Word)ph->p_filesz;
    oph.p_memsz = (Elf32_Word)ph->p_memsz;
    oph.p_flags = PF_R | PF_W | PF_X;
    oph.p_align = 0x1000;

    out = fopen(argv[2], "wb");
    if ( !out ||
         fwrite(&oh, sizeof(oh), 1, out) != 1 ||
         fwrite(&oph, sizeof(oph), 1, out) != 1 ||
         fwrite(zero, IMAGE_OFFSET - sizeof(oh) - sizeof(oph), 1, out) != 1 ||
         fwrite(in + ph->p_offset, ph->p_filesz, 1, out) != 1 ||
         fclose(out) )
    {
        perror(argv[2]);
        remove(argv[2]);
        return 1;
    }
    free(in);
    return 0;
}
