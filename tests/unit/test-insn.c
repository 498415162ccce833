/* The instruction decoder (arch/x86/insn.c) on the forms the emulators rely on. */
#include <string.h>
#include <xen/lib.h>
#include <xen/errno.h>
#include <asm/insn.h>
#include "harness.h"
#include "host_stubs.h"

static struct cpu_user_regs regs;
static struct x86_insn in;

static int dec(const char *bytes, unsigned int n)
{
    return x86_decode((const u8 *)bytes, n, &regs, &in);
}

TEST(ptwr_stores)
{
    memset(&regs, 0, sizeof(regs));
    regs.rdi = 0xffff888000123008UL;
    regs.rsi = 0x1234;
    regs.rax = 2;
    regs.rip = 0x1000;

    /* mov %rsi,(%rdi) */
    CHECK_EQ(dec("\x48\x89\x37", 3), 0);
    CHECK_EQ(in.len, 3);
    CHECK_EQ(in.opcode, 0x89);
    CHECK_EQ(in.op_bytes, 8);
    CHECK(in.mem);
    CHECK_EQ(in.ea, regs.rdi);
    CHECK_EQ(in.reg, 6);
    /* xchg %rax,0x10(%rdi,%rax,8)  (SIB with scale 8, disp8) */
    CHECK_EQ(dec("\x48\x87\x44\xc7\x10", 5), 0);
    CHECK_EQ(in.len, 5);
    CHECK_EQ(in.ea, regs.rdi + 2 * 8 + 0x10);
    /* lock cmpxchg %rsi,(%rdi) */
    CHECK_EQ(dec("\xf0\x48\x0f\xb1\x37", 5), 0);
    CHECK(in.lock);
    CHECK_EQ(in.map, 1);
    CHECK_EQ(in.opcode, 0xb1);
    /* lock btr %rax,(%rdi) -- ptep_set_wrprotect */
    CHECK_EQ(dec("\xf0\x48\x0f\xb3\x07", 5), 0);
    CHECK_EQ(in.opcode, 0xb3);
    CHECK_EQ(in.reg, 0);
    /* lock btrq $1,(%rdi) */
    CHECK_EQ(dec("\xf0\x48\x0f\xba\x37\x01", 6), 0);
    CHECK_EQ(in.reg, 6);
    CHECK_EQ(in.imm, 1);
    CHECK_EQ(in.len, 6);
    /* movq $0x0,0x8(%rdi): immediate is 32-bit even with REX.W */
    CHECK_EQ(dec("\x48\xc7\x47\x08\x00\x00\x00\x00", 8), 0);
    CHECK_EQ(in.imm_bytes, 4);
    CHECK_EQ(in.len, 8);
    CHECK_EQ(in.ea, regs.rdi + 8);
    /* mov %r11d,(%r9) with REX.R and REX.B: 32-bit store */
    regs.r9 = 0x5000;
    CHECK_EQ(dec("\x45\x89\x19", 3), 0);
    CHECK_EQ(in.reg, 11);
    CHECK_EQ(in.rm, 9);
    CHECK_EQ(in.op_bytes, 4);
    CHECK_EQ(in.ea, 0x5000);
    /* or %rax,(%rdi); andq $-2,(%rdi) (0x83 with sign-extended imm8) */
    CHECK_EQ(dec("\x48\x09\x07", 3), 0);
    CHECK_EQ(dec("\x48\x83\x27\xfe", 4), 0);
    CHECK_EQ(in.reg, 4);
    CHECK_EQ(in.imm, 0xfe);
}

TEST(addressing_forms)
{
    memset(&regs, 0, sizeof(regs));
    regs.rip = 0x400000;
    regs.rbx = 0x100;
    /* RIP-relative: mov %eax,0x10(%rip) -> ea = next rip + 0x10 */
    CHECK_EQ(dec("\x89\x05\x10\x00\x00\x00", 6), 0);
    CHECK_EQ(in.ea, 0x400000 + 6 + 0x10);
    /* Absolute disp32 via SIB without base or index. */
    CHECK_EQ(dec("\x89\x04\x25\x00\x10\x00\x00", 7), 0);
    CHECK_EQ(in.ea, 0x1000);
    /* [rbp + disp8] needs mod=1 (mod=0 rm=5 would be RIP-relative). */
    regs.rbp = 0x2000;
    CHECK_EQ(dec("\x89\x45\xf8", 3), 0);
    CHECK_EQ(in.ea, 0x2000 - 8);
    /* 67 prefix: 32-bit address wraps. */
    regs.rbx = 0xfffffff8UL;
    CHECK_EQ(dec("\x67\x89\x43\x10", 4), 0);
    CHECK_EQ(in.ea, 0x8);
    /* A register operand: no memory. */
    CHECK_EQ(dec("\x48\x89\xd8", 3), 0);
    CHECK(!in.mem);
    CHECK_EQ(in.rm, 0);
    CHECK_EQ(in.reg, 3);
    /* FS override recorded. */
    CHECK_EQ(dec("\x64\x48\x8b\x03", 4), 0);
    CHECK_EQ(in.seg, 4);
}

TEST(privileged_and_misc)
{
    memset(&regs, 0, sizeof(regs));
    CHECK_EQ(dec("\x0f\xa2", 2), 0);                /* cpuid */
    CHECK_EQ(in.len, 2);
    CHECK_EQ(dec("\x0f\x32", 2), 0);                /* rdmsr */
    CHECK_EQ(dec("\x0f\x30", 2), 0);                /* wrmsr */
    CHECK_EQ(dec("\x0f\x20\xe0", 3), 0);            /* mov %cr4,%rax */
    CHECK_EQ(in.reg, 4);
    CHECK_EQ(in.rm, 0);
    CHECK_EQ(dec("\x0f\x01\xd1", 3), 0);            /* xsetbv */
    CHECK_EQ(in.len, 3);
    CHECK_EQ(dec("\xe4\x61", 2), 0);                /* in $0x61,%al */
    CHECK_EQ(in.imm, 0x61);
    CHECK_EQ(in.op_bytes, 1);
    CHECK_EQ(dec("\x66\xed", 2), 0);                /* in (%dx),%ax */
    CHECK_EQ(in.op_bytes, 2);
    CHECK_EQ(dec("\xf3\x6f", 2), 0);                /* rep outsl */
    CHECK(in.rep);
    CHECK_EQ(dec("\xcd\x80", 2), 0);                /* int $0x80 */
    CHECK_EQ(in.imm, 0x80);
    CHECK_EQ(dec("\xf4", 1), 0);                    /* hlt */
    CHECK_EQ(dec("\x0f\x09", 2), 0);                /* wbinvd */
}

TEST(rejections)
{
    memset(&regs, 0, sizeof(regs));
    CHECK_EQ(dec("\x0f\x0b\x78", 3), 0);            /* ud2 decodes (2 bytes) */
    CHECK_EQ(in.len, 2);
    CHECK_EQ(dec("\xd8\xc0", 2), -EOPNOTSUPP);      /* x87: not ours */
    CHECK_EQ(dec("\x0f\x10\xc0", 3), -EOPNOTSUPP);  /* SSE */
    CHECK_EQ(dec("\x48\x89", 2), -ENODATA);         /* ModRM missing */
    CHECK_EQ(dec("\x48\xc7\x47\x08\x00\x00", 6), -ENODATA);
    CHECK_EQ(dec("\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x90", 16),
             -ENODATA);                             /* longer than 15 bytes */
}

TEST(register_access)
{
    struct x86_insn norex = { 0 }, rex = { .rex = 0x40 };

    memset(&regs, 0, sizeof(regs));
    regs.rax = 0x1122334455667788UL;
    CHECK_EQ(x86_read_reg(&norex, &regs, 4, 1), 0x77);      /* AH */
    CHECK_EQ(x86_read_reg(&rex, &regs, 0, 1), 0x88);        /* AL */
    x86_write_reg(&norex, &regs, 4, 1, 0xab);               /* AH */
    CHECK_EQ(regs.rax, 0x112233445566ab88UL);
    x86_write_reg(&norex, &regs, 0, 4, 0xdeadbeef);         /* EAX zero-extends */
    CHECK_EQ(regs.rax, 0xdeadbeefUL);
    x86_write_reg(&norex, &regs, 0, 2, 0x1234);
    CHECK_EQ(regs.rax, 0xdead1234UL);
    x86_write_reg(&rex, &regs, 12, 8, 42);
    CHECK_EQ(regs.r12, 42);
}

int main(void)
{
    test_suite = "insn";
    RUN(ptwr_stores);
    RUN(addressing_forms);
    RUN(privileged_and_misc);
    RUN(rejections);
    RUN(register_access);
    return test_summary();
}
