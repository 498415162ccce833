/*
 * ELF note emission for the Xen notes (name "Xen"), usable from assembly.
 * Layout of a note (ELF gABI): namesz, descsz, type, name padded to 4,
 * desc padded to 4.
 */
#ifndef PVGUEST_ARCH_X86_ELFNOTE_H
#define PVGUEST_ARCH_X86_ELFNOTE_H

/* Where the builder maps pfn 0; the image is linked at VIRT_BASE + 0. */
#define VIRT_BASE 0xffffffff80000000

#define ELFNOTE(type, desc...)                                          \
        .pushsection .note.Xen, "a", @note;                             \
        .p2align 2;                                                     \
        .long 2f - 1f;                                                  \
        .long 4f - 3f;                                                  \
        .long type;                                                     \
1:      .asciz "Xen";                                                   \
2:      .p2align 2;                                                     \
3:      desc;                                                           \
4:      .p2align 2;                                                     \
        .popsection

#endif /* PVGUEST_ARCH_X86_ELFNOTE_H */
