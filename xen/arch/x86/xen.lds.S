/*
 * Link map of the hypervisor: virtual XEN_VIRT_START + 2 MiB, physical 2 MiB.
 * Text, read-only data and read-write data each start on a page boundary so that
 * arch/x86/mm.c can map them RX, RO and RW+NX.
 */
#include <asm/config.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start)

#define LOAD_ADDR(x) AT(ADDR(x) - XEN_VIRT_START)

PHDRS
{
    image PT_LOAD FLAGS(7);
}

SECTIONS
{
    . = XEN_VIRT_START + XEN_IMG_OFFSET;
    __image_start = .;

    .text : LOAD_ADDR(.text) {
        _stext = .;
        *(.text.header)
        *(.text .text.*)
        *(.fixup)
        _etext = .;
    } :image

    . = ALIGN(PAGE_SIZE);
    .rodata : LOAD_ADDR(.rodata) {
        _srodata = .;
        *(.rodata .rodata.*)
        . = ALIGN(8);
        __start_ex_table = .;
        *(.ex_table)
        __stop_ex_table = .;
        . = ALIGN(8);
        __setup_start = .;
        *(.data.param)
        __setup_end = .;
        . = ALIGN(8);
        __keyhandlers_start = .;
        *(.data.keyhandler)
        __keyhandlers_end = .;
        . = ALIGN(8);
        __initcall_start = .;
        *(.initcall.presmp)
        __presmp_initcall_end = .;
        *(.initcall)
        __initcall_end = .;
        _erodata = .;
    } :image

    . = ALIGN(PAGE_SIZE);
    .data : LOAD_ADDR(.data) {
        _sdata = .;
        *(.data.page_aligned)
        . = ALIGN(PAGE_SIZE);
        __per_cpu_start = .;
        *(.data.percpu)
        __per_cpu_data_end = .;
        . = ALIGN(PAGE_SIZE);
        *(.data .data.*)
        _edata = .;
    } :image

    . = ALIGN(PAGE_SIZE);
    .bss (NOLOAD) : LOAD_ADDR(.bss) {
        __bss_start = .;
        *(.bss.stack_aligned)
        *(.bss.page_aligned)
        *(.bss .bss.* COMMON)
        . = ALIGN(8);
        __bss_end = .;
    } :image
    . = ALIGN(PAGE_SIZE);
    __image_end = .;

    /DISCARD/ : {
        *(.comment) *(.note.*) *(.eh_frame) *(.interp) *(.dynsym) *(.dynstr)
        *(.dynamic) *(.hash) *(.gnu.hash) *(.got) *(.got.plt) *(.plt)
    }

    ASSERT(__image_end - XEN_VIRT_START <= 16 * 1024 * 1024,
           "image too large for the boot mapping of 16 MiB")
    ASSERT((_stext - XEN_VIRT_START) == XEN_IMG_OFFSET, "bad load address")
}
