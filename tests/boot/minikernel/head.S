/* Entry and Xen ELF notes of the boot tests' minimal PV kernel. */
        .section .note.Xen, "a", @note
#define NOTE(type, desc_type, desc) \
        .balign 4; .long 2f - 1f; .long 4f - 3f; .long type; 1: .asciz "Xen"; 2: .balign 4; 3: desc_type desc; 4:
        NOTE(6, .asciz, "linux")
        NOTE(7, .asciz, "2.6")
        NOTE(5, .asciz, "xen-3.0")
        NOTE(3, .quad, 0xffffffff80000000)
        NOTE(4, .quad, 0)
        NOTE(1, .quad, _start)
        NOTE(8, .asciz, "generic")
        NOTE(9, .asciz, "yes")
        NOTE(10, .asciz, "!writable_page_tables|pae_pgdir_above_4gb")
        NOTE(17, .long, 0x801)
        .text
        .globl _start
_start:
        lea     stack_top(%rip), %rsp
        mov     %rsi, %rdi
        call    kmain
1:      hlt
        jmp     1b
        .bss
        .balign 4096
        .space 16384
stack_top:
