/*
 * The test domU's kernel (kernel/, built into DOMU_ELF), embedded in this
 * guest's image for the builder.
 */
#include <stdint.h>

__asm__ ( "    .section .rodata.domu, \"a\", @progbits\n"
          "    .p2align 12\n"
          "    .globl domu_image\n"
          "domu_image:\n"
          "    .incbin \"" DOMU_ELF "\"\n"
          "    .globl domu_image_end\n"
          "domu_image_end:\n"
          "    .previous\n" );
