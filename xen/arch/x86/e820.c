/*
 * The machine memory map.  The boot loader's map may be unsorted and overlapping;
 * e820_sanitize() turns it into sorted, disjoint entries where, for any byte
 * claimed by several entries, the most restrictive type wins (anything else beats
 * RAM; among the rest the larger type number).
 */
#include <xen/lib.h>
#include <asm/e820.h>

struct e820map e820;

const char *e820_type_name(u32 type)
{
    switch ( type )
    {
    case E820_RAM:      return "usable";
    case E820_RESERVED: return "reserved";
    case E820_ACPI:     return "ACPI data";
    case E820_NVS:      return "ACPI NVS";
    case E820_UNUSABLE: return "unusable";
    case E820_PMEM:     return "persistent (type 7)";
    default:            return "unknown";
    }
}

/* Rank for overlap resolution: higher wins. */
static unsigned int type_rank(u32 type)
{
    return type == E820_RAM ? 0 : type;
}

unsigned int e820_sanitize(const struct e820entry *in, unsigned int nr_in,
                           struct e820entry *out, unsigned int max_out)
{
    /* Boundary sweep: every entry start and end is a point where the type may change. */
    static u64 points[2 * E820MAX];    /* boot only, not reentrant */
    unsigned int nr_points = 0, i, j, nr_out = 0;

    if ( nr_in > E820MAX )
        nr_in = E820MAX;
    for ( i = 0; i < nr_in; i++ )
    {
        if ( !in[i].size || in[i].addr + in[i].size < in[i].addr )
            continue;                   /* empty, or wrapping: ignore */
        points[nr_points++] = in[i].addr;
        points[nr_points++] = in[i].addr + in[i].size;
    }
    /* Insertion sort: at most 2*E820MAX points, boot only. */
    for ( i = 1; i < nr_points; i++ )
    {
        u64 p = points[i];

        for ( j = i; j > 0 && points[j - 1] > p; j-- )
            points[j] = points[j - 1];
        points[j] = p;
    }

    for ( i = 0; i + 1 < nr_points; i++ )
    {
        u64 s = points[i], e = points[i + 1];
        u32 best = 0;

        if ( s == e )
            continue;
        for ( j = 0; j < nr_in; j++ )
        {
            if ( !in[j].size || in[j].addr + in[j].size < in[j].addr )
                continue;
            if ( in[j].addr <= s && in[j].addr + in[j].size >= e &&
                 (!best || type_rank(in[j].type) > type_rank(best)) )
                best = in[j].type;
        }
        if ( !best )
            continue;                   /* a hole */
        if ( nr_out && out[nr_out - 1].type == best &&
             out[nr_out - 1].addr + out[nr_out - 1].size == s )
        {
            out[nr_out - 1].size += e - s;
            continue;
        }
        if ( nr_out == max_out )
            break;
        out[nr_out].addr = s;
        out[nr_out].size = e - s;
        out[nr_out].type = best;
        nr_out++;
    }
    return nr_out;
}

void e820_print(const struct e820map *m)
{
    unsigned int i;

    for ( i = 0; i < m->nr_map; i++ )
        printk(" [%016lx, %016lx] (%s)\n", (unsigned long)m->map[i].addr,
               (unsigned long)(m->map[i].addr + m->map[i].size - 1),
               e820_type_name(m->map[i].type));
}

int e820_change_range_type(struct e820map *m, u64 s, u64 e, u32 orig_type, u32 new_type)
{
    static struct e820entry tmp[E820MAX];
    unsigned int i, n = 0;

    if ( s >= e )
        return 0;
    for ( i = 0; i < m->nr_map && n < E820MAX; i++ )
    {
        const struct e820entry *x = &m->map[i];
        u64 xs = x->addr, xe = x->addr + x->size;

        if ( x->type != orig_type || xe <= s || xs >= e )
        {
            tmp[n++] = *x;
            continue;
        }
        if ( xs < s && n < E820MAX )
            tmp[n++] = (struct e820entry){ xs, s - xs, x->type };
        if ( n < E820MAX )
            tmp[n++] = (struct e820entry){ max(xs, s), min(xe, e) - max(xs, s), new_type };
        if ( xe > e && n < E820MAX )
            tmp[n++] = (struct e820entry){ e, xe - e, x->type };
    }
    m->nr_map = e820_sanitize(tmp, n, m->map, E820MAX);
    return 0;
}

u64 e820_ram_top(const struct e820map *m)
{
    u64 top = 0;
    unsigned int i;

    for ( i = 0; i < m->nr_map; i++ )
        if ( m->map[i].type == E820_RAM )
            top = max(top, m->map[i].addr + m->map[i].size);
    return top;
}

u64 e820_ram_total(const struct e820map *m)
{
    u64 total = 0;
    unsigned int i;

    for ( i = 0; i < m->nr_map; i++ )
        if ( m->map[i].type == E820_RAM )
            total += m->map[i].size;
    return total;
}
