/*
 * Entry from a multiboot1 or multiboot2 loader, in 32-bit protected mode with
 * paging off, at the image's physical load address (2 MiB):
 *
 *   EAX = bootloader magic, EBX = physical address of the boot information.
 *
 * We check for long mode, clear .bss, switch to long mode on the statically built
 * boot page tables (identity map and direct map of the low 4 GiB, the image at
 * XEN_VIRT_START) and call __start_xen(magic, info) on CPU 0's stack.
 */
#include <asm/asm_defns.h>
#include <asm/multiboot.h>
#include <asm/msr-index.h>
#include <asm/processor-flags.h>
#include <asm/asm-offsets.h>

        .section .text.header, "ax", @progbits
        .code32

GLOBAL(start)
        jmp     __start

        .align  4
multiboot1_header:
        .long   MULTIBOOT_HEADER_MAGIC
        .long   MULTIBOOT_HEADER_MODS_ALIGNED | MULTIBOOT_HEADER_WANT_MEMORY
        .long   -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_MODS_ALIGNED + MULTIBOOT_HEADER_WANT_MEMORY)

        .align  8
multiboot2_header:
        .long   MULTIBOOT2_HEADER_MAGIC
        .long   MULTIBOOT2_ARCH_I386
        .long   multiboot2_header_end - multiboot2_header
        .long   -(MULTIBOOT2_HEADER_MAGIC + MULTIBOOT2_ARCH_I386 + (multiboot2_header_end - multiboot2_header))
        /* Information we ask for; ACPI tags are optional (not every loader has them). */
        .align  8
mb2_info_req:
        .short  MB2_HT_INFORMATION_REQUEST, 0
        .long   mb2_info_req_end - mb2_info_req
        .long   MB2_TAG_CMDLINE, MB2_TAG_LOADER_NAME, MB2_TAG_MODULE, MB2_TAG_MMAP
mb2_info_req_end:
        .align  8
mb2_info_opt:
        .short  MB2_HT_INFORMATION_REQUEST, MB2_HT_OPTIONAL
        .long   mb2_info_opt_end - mb2_info_opt
        .long   MB2_TAG_BASIC_MEMINFO, MB2_TAG_ACPI_OLD, MB2_TAG_ACPI_NEW
mb2_info_opt_end:
        .align  8
        .short  MB2_HT_MODULE_ALIGN, 0
        .long   8
        .align  8
        .short  MB2_HT_END, 0
        .long   8
multiboot2_header_end:

        .align  8
boot_gdtr:
        .word   0xe000 + 8 * 8 - 1
        .long   sym_phys(boot_gdt) - 0xe000

err_not_multiboot:
        .asciz  "ERR: not booted by a multiboot loader (bad magic)"
err_no_longmode:
        .asciz  "ERR: this CPU does not support long mode (x86_64); cannot boot"

/*
 * Print the NUL-terminated string at ESI on COM1 and the VGA text screen, then halt.
 * Used only for fatal errors before long mode, so it initialises nothing.
 */
early_error:
        mov     $0xb8000, %edi
1:      lodsb
        test    %al, %al
        jz      3f
        mov     $0x3fd, %dx
2:      inb     %dx, %al
        test    $0x20, %al
        jz      2b
        movb    -1(%esi), %al
        mov     $0x3f8, %dx
        outb    %al, %dx
        mov     $0x4f, %ah
        mov     %ax, (%edi)
        add     $2, %edi
        jmp     1b
3:      cli
        hlt
        jmp     3b

__start:
        cld
        cli
        /* CPUID clobbers EBX: keep the loader's values in .data until the call. */
        mov     %eax, sym_phys(boot_mb_magic)
        mov     %ebx, sym_phys(boot_mb_info)

        mov     $sym_phys(err_not_multiboot), %esi
        cmp     $MULTIBOOT_BOOTLOADER_MAGIC, %eax
        je      1f
        cmp     $MULTIBOOT2_BOOTLOADER_MAGIC, %eax
        jne     early_error
1:
        /* Long mode: extended CPUID leaf 0x80000001, EDX bit 29. */
        mov     $sym_phys(err_no_longmode), %esi
        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        jb      early_error
        mov     $0x80000001, %eax
        cpuid
        bt      $29, %edx
        jnc     early_error
        mov     %edx, %esi                      /* keep the extended features (NX) */

        /* Clear .bss (its bounds are 8-byte aligned, see xen.lds.S). */
        mov     $sym_phys(__bss_start), %edi
        mov     $sym_phys(__bss_end), %ecx
        sub     %edi, %ecx
        shr     $2, %ecx
        xor     %eax, %eax
        rep stosl

        /* Page tables: PAE paging with the boot L4 (built at link time). */
        mov     %cr4, %eax
        or      $(X86_CR4_PAE | X86_CR4_PGE), %eax
        mov     %eax, %cr4
        mov     $sym_phys(idle_pg_table), %eax
        mov     %eax, %cr3

        /* EFER: long mode, and NX when the CPU has it (CPUID 0x80000001 EDX bit 20). */
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        bt      $20, %esi
        jnc     1f
        or      $EFER_NXE, %eax
1:      wrmsr

        lgdt    sym_phys(boot_gdtr)
        mov     %cr0, %eax
        or      $(X86_CR0_PG | X86_CR0_PE | X86_CR0_WP | X86_CR0_NE | X86_CR0_MP), %eax
        mov     %eax, %cr0
        ljmp    $__HYPERVISOR_CS, $sym_phys(start64)

        .code64
start64:
        /* Still running at the physical address: jump to the image's virtual one. */
        movabs  $high_start, %rax
        jmp     *%rax

        .section .text, "ax", @progbits
high_start:
        lgdt    boot_gdtr64(%rip)
        mov     $__HYPERVISOR_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs

        lea     cpu0_stack(%rip), %rsp
        add     $(STACK_SIZE - CPUINFO_sizeof - 8), %rsp  /* 16-byte aligned at the call */
        mov     boot_mb_magic(%rip), %edi
        mov     boot_mb_info(%rip), %esi
        xor     %ebp, %ebp                      /* end of the frame-pointer chain */
        call    __start_xen
        ud2

        .data
        .align  8
boot_mb_magic:
        .long   0
boot_mb_info:
        .long   0
boot_gdtr64:
        .word   0xe000 + 8 * 8 - 1
        .quad   boot_gdt - 0xe000

/*
 * The boot GDT, laid out as the hypervisor part of Xen's GDT (from selector 0xe000).
 * Accessed bits are preset so the CPU never needs to write here.
 */
        .align  16
GLOBAL(boot_gdt)
        .quad   0x0000000000000000      /* 0xe000 null */
        .quad   0x00af9b000000ffff      /* 0xe008 ring 0 code, 64-bit */
        .quad   0x00cf93000000ffff      /* 0xe010 ring 0 data */
        .quad   0x0000000000000000      /* 0xe018 reserved */
        .quad   0x00cffb000000ffff      /* 0xe023 ring 3 code, compatibility */
        .quad   0x00cff3000000ffff      /* 0xe02b ring 3 data */
        .quad   0x00affb000000ffff      /* 0xe033 ring 3 code, 64-bit */
        .quad   0x00cf9b000000ffff      /* 0xe038 ring 0 code, 32-bit */
