/*
 * VGA text-mode console (80x25 at 0xb8000), enabled with console=vga.
 * Scrolls by copying lines up; the hardware cursor is left alone.
 */
#include <xen/lib.h>
#include <xen/console.h>
#include <xen/init.h>
#include <xen/serial.h>
#include <asm/page.h>

#define VGA_COLS  80
#define VGA_ROWS  25
#define VGA_ATTR  0x07      /* light grey on black */

static volatile u16 *vga_mem;
static unsigned int vga_row, vga_col;
static struct console_device vga_con;

static void vga_scroll(void)
{
    unsigned int i;

    for ( i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++ )
        vga_mem[i] = vga_mem[i + VGA_COLS];
    for ( ; i < VGA_ROWS * VGA_COLS; i++ )
        vga_mem[i] = (VGA_ATTR << 8) | ' ';
}

static void vga_putc(char c)
{
    if ( c == '\n' || vga_col == VGA_COLS )
    {
        vga_col = 0;
        if ( ++vga_row == VGA_ROWS )
        {
            vga_scroll();
            vga_row = VGA_ROWS - 1;
        }
        if ( c == '\n' )
            return;
    }
    if ( c == '\r' )
    {
        vga_col = 0;
        return;
    }
    vga_mem[vga_row * VGA_COLS + vga_col++] = (VGA_ATTR << 8) | (u8)c;
}

static void vga_puts(const char *s, size_t n)
{
    while ( n-- )
        vga_putc(*s++);
}

void __init vga_init(void)
{
    unsigned int i;

    if ( vga_mem )
        return;
    /* The low 1 MiB stays in the direct map (uncached for the VGA window). */
    vga_mem = maddr_to_virt(0xb8000);
    for ( i = 0; i < VGA_ROWS * VGA_COLS; i++ )
        vga_mem[i] = (VGA_ATTR << 8) | ' ';
    vga_con.name = "vga";
    vga_con.puts = vga_puts;
    console_register(&vga_con);
}
