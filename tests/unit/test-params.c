/* Command-line parsing (common/params.c) and dom0_mem= (arch/x86/dom0_mem.c). */
#include <string.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <asm/dom0_build.h>
#include "harness.h"
#include "host_stubs.h"

static bool opt_flag;
static unsigned int opt_num = 7;
static u8 opt_small;
static unsigned long opt_size;
static char opt_str[8];
static char custom_seen[32];
static int custom_rc;

static int custom_fn(const char *s)
{
    strcpy(custom_seen, s);
    return custom_rc;
}

static const struct kernel_param params[] = {
    { .name = "flag", .type = OPT_BOOL, .len = sizeof(opt_flag), .par.var = &opt_flag },
    { .name = "num", .type = OPT_UINT, .len = sizeof(opt_num), .par.var = &opt_num },
    { .name = "small", .type = OPT_UINT, .len = sizeof(opt_small), .par.var = &opt_small },
    { .name = "size", .type = OPT_SIZE, .len = sizeof(opt_size), .par.var = &opt_size },
    { .name = "str", .type = OPT_STR, .len = sizeof(opt_str), .par.var = opt_str },
    { .name = "custom", .type = OPT_CUSTOM, .par.func = custom_fn },
};

static int parse(const char *cmdline)
{
    char buf[256];

    strcpy(buf, cmdline);
    printk_reset();
    return parse_params(buf, params, params + sizeof(params) / sizeof(params[0]));
}

TEST(booleans)
{
    CHECK_EQ(parse("flag"), 0);
    CHECK(opt_flag);
    CHECK_EQ(parse("no-flag"), 0);
    CHECK(!opt_flag);
    CHECK_EQ(parse("flag=yes"), 0);
    CHECK(opt_flag);
    CHECK_EQ(parse("flag=off"), 0);
    CHECK(!opt_flag);
    CHECK_EQ(parse("flag=enable"), 0);
    CHECK(opt_flag);
    CHECK_EQ(parse("no-flag=0"), 0);      /* double negative */
    CHECK(opt_flag);
    CHECK_EQ(parse("flag=maybe"), 1);
    CHECK(strstr(printk_buf, "parameter \"flag\" has invalid value \"maybe\""));
}

TEST(integers)
{
    CHECK_EQ(parse("num=42"), 0);
    CHECK_EQ(opt_num, 42);
    CHECK_EQ(parse("num=0x10"), 0);
    CHECK_EQ(opt_num, 16);
    CHECK_EQ(parse("num=010"), 0);
    CHECK_EQ(opt_num, 8);
    CHECK_EQ(parse("num=12abc"), 1);
    CHECK_EQ(opt_num, 8);                 /* unchanged on error */
    CHECK_EQ(parse("num="), 1);
    CHECK_EQ(parse("num"), 1);
    CHECK_EQ(parse("small=255"), 0);
    CHECK_EQ(opt_small, 255);
    CHECK_EQ(parse("small=256"), 1);      /* does not fit a u8 */
    CHECK_EQ(opt_small, 255);
    CHECK_EQ(parse("num=4294967296"), 1); /* does not fit a u32 */
}

TEST(sizes)
{
    CHECK_EQ(parse("size=4"), 0);
    CHECK_EQ(opt_size, 4096);             /* no unit: KiB */
    CHECK_EQ(parse("size=512M"), 0);
    CHECK_EQ(opt_size, 512UL << 20);
    CHECK_EQ(parse("size=2g"), 0);
    CHECK_EQ(opt_size, 2UL << 30);
    CHECK_EQ(parse("size=100b"), 0);
    CHECK_EQ(opt_size, 100);
    CHECK_EQ(parse("size=1Q"), 1);
    CHECK_EQ(parse("size=99999999999T"), 1);  /* overflows 64 bits */
}

TEST(strings_and_custom)
{
    CHECK_EQ(parse("str=credit"), 0);
    CHECK_STR(opt_str, "credit");
    CHECK_EQ(parse("str=toolongvalue"), 1);
    CHECK_STR(opt_str, "credit");
    custom_rc = 0;
    CHECK_EQ(parse("custom=115200,8n1"), 0);
    CHECK_STR(custom_seen, "115200,8n1");
    CHECK_EQ(parse("no-custom"), 0);
    CHECK_STR(custom_seen, "no");
    custom_rc = -22;
    CHECK_EQ(parse("custom=bad"), 1);
}

TEST(unknown_and_several)
{
    CHECK_EQ(parse("  flag   num=3 bogus=1 str=x  nosuch "), 2);
    CHECK(opt_flag);
    CHECK_EQ(opt_num, 3);
    CHECK_STR(opt_str, "x");
    CHECK(strstr(printk_buf, "parameter \"bogus\" unknown!"));
    CHECK(strstr(printk_buf, "parameter \"nosuch\" unknown!"));
    CHECK_EQ(parse(""), 0);
    CHECK_EQ(parse("no-num"), 1);         /* "no-" only for booleans and custom */
}

TEST(bool_words)
{
    CHECK_EQ(parse_bool("true", NULL), 1);
    CHECK_EQ(parse_bool("disable", NULL), 0);
    CHECK_EQ(parse_bool("onx", NULL), -1);
    CHECK_EQ(parse_bool("onx", "onx" + 2), 1);        /* just "on" */
}

TEST(dom0_mem)
{
    struct dom0_mem_opt o;

    CHECK_EQ(parse_dom0_mem_str("512M", &o), 0);
    CHECK_EQ(o.amt.kind, DOM0_SIZE_ABS);
    CHECK_EQ(o.amt.value, 512UL << 20);
    CHECK_EQ(o.min.kind, DOM0_SIZE_NONE);

    CHECK_EQ(parse_dom0_mem_str("min:256M,max:2G,1G", &o), 0);
    CHECK_EQ(o.min.value, 256UL << 20);
    CHECK_EQ(o.max.value, 2UL << 30);
    CHECK_EQ(o.amt.value, 1UL << 30);

    CHECK_EQ(parse_dom0_mem_str("-256M", &o), 0);
    CHECK_EQ(o.amt.kind, DOM0_SIZE_NEG);
    CHECK_EQ(dom0_size_resolve(&o.amt, 1UL << 30), 768UL << 20);
    CHECK_EQ(dom0_size_resolve(&o.amt, 128UL << 20), 0);

    CHECK_EQ(parse_dom0_mem_str("40%", &o), 0);
    CHECK_EQ(o.amt.kind, DOM0_SIZE_PCT);
    CHECK_EQ(dom0_size_resolve(&o.amt, 1000UL << 20), 400UL << 20);

    CHECK(parse_dom0_mem_str("", &o) < 0);
    CHECK(parse_dom0_mem_str("lots", &o) < 0);
    CHECK(parse_dom0_mem_str("512X", &o) < 0);
    CHECK(parse_dom0_mem_str("101%", &o) < 0);
    CHECK(parse_dom0_mem_str("0%", &o) < 0);
    CHECK(parse_dom0_mem_str("-10%", &o) < 0);
    CHECK(parse_dom0_mem_str("min:,1G", &o) < 0);
    CHECK(parse_dom0_mem_str("99999999999999T", &o) < 0);
}

int main(void)
{
    test_suite = "params";
    RUN(booleans);
    RUN(integers);
    RUN(sizes);
    RUN(strings_and_custom);
    RUN(unknown_and_several);
    RUN(bool_words);
    RUN(dom0_mem);
    return test_summary();
}
