/*
 * Timers (see xen/timer.h).  Each CPU keeps a binary min-heap of its active timers
 * ordered by expiry, under its own lock.  TIMER_SOFTIRQ runs every expired timer
 * and programs the CPU's one-shot timer for the next; expiries within
 * timer_slop (50 us by default, like Xen) of each other are run together.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/param.h>
#include <xen/timer.h>
#include <xen/time.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <xen/percpu.h>
#include <xen/mm.h>
#include <xen/smp.h>
#include <asm/processor.h>

static unsigned int timer_slop = 50000;     /* ns */
integer_param("timer_slop", timer_slop);

#define HEAP_INIT 64

struct timers {
    spinlock_t lock;
    struct timer **heap;        /* heap[1..size]; heap[0] unused */
    unsigned int size, limit;
    struct timer *running;
    struct timer *initial[HEAP_INIT + 1];
};

static struct timers timers[NR_CPUS];

static void heap_swap(struct timer **h, unsigned int a, unsigned int b)
{
    struct timer *t = h[a];

    h[a] = h[b];
    h[b] = t;
    h[a]->heap_offset = a;
    h[b]->heap_offset = b;
}

static void sift_up(struct timer **h, unsigned int i)
{
    while ( i > 1 && h[i]->expires < h[i / 2]->expires )
    {
        heap_swap(h, i, i / 2);
        i /= 2;
    }
}

static void sift_down(struct timer **h, unsigned int size, unsigned int i)
{
    for ( ;; )
    {
        unsigned int l = 2 * i, r = l + 1, m = i;

        if ( l <= size && h[l]->expires < h[m]->expires )
            m = l;
        if ( r <= size && h[r]->expires < h[m]->expires )
            m = r;
        if ( m == i )
            return;
        heap_swap(h, i, m);
        i = m;
    }
}

/* Remove t from its heap; returns whether the earliest expiry changed. */
static bool heap_remove(struct timers *ts, struct timer *t)
{
    unsigned int i = t->heap_offset;

    ts->heap[i] = ts->heap[ts->size];
    ts->heap[i]->heap_offset = i;
    ts->size--;
    if ( i <= ts->size )
    {
        /* The last element moved into the hole: restore the heap order around it. */
        struct timer *moved = ts->heap[i];

        sift_up(ts->heap, i);
        sift_down(ts->heap, ts->size, moved->heap_offset);
    }
    t->heap_offset = 0;
    return i == 1;
}

/* Add t; returns false if the heap is full and could not grow. */
static bool heap_add(struct timers *ts, struct timer *t)
{
    if ( ts->size == ts->limit )
    {
        unsigned int limit = ts->limit * 2;
        struct timer **h = heap_is_up() ? xmalloc_array(struct timer *, limit + 1) : NULL;

        if ( !h )
            return false;
        memcpy(h, ts->heap, (ts->size + 1) * sizeof(*h));
        if ( ts->heap != ts->initial )
            xfree(ts->heap);
        ts->heap = h;
        ts->limit = limit;
    }
    ts->heap[++ts->size] = t;
    t->heap_offset = ts->size;
    sift_up(ts->heap, ts->size);
    return true;
}

/* Lock the timer's CPU queue; the timer may migrate while we wait. */
static struct timers *lock_timer(struct timer *t, unsigned long *flags)
{
    for ( ;; )
    {
        unsigned int cpu = READ_ONCE(t->cpu);
        struct timers *ts = &timers[cpu];

        spin_lock_irqsave(&ts->lock, *flags);
        if ( t->cpu == cpu )
            return ts;
        spin_unlock_irqrestore(&ts->lock, *flags);
    }
}

static void deactivate(struct timers *ts, struct timer *t)
{
    if ( t->status == TIMER_STATUS_in_heap )
    {
        if ( heap_remove(ts, t) )
            cpu_raise_softirq(t->cpu, TIMER_SOFTIRQ);
        t->status = TIMER_STATUS_inactive;
    }
}

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu)
{
    memset(t, 0, sizeof(*t));
    t->function = fn;
    t->data = data;
    t->cpu = cpu;
    t->status = TIMER_STATUS_inactive;
}

void set_timer(struct timer *t, s_time_t expires)
{
    unsigned long flags;
    struct timers *ts = lock_timer(t, &flags);

    BUG_ON(t->status == TIMER_STATUS_invalid);
    deactivate(ts, t);
    t->expires = expires;
    if ( heap_add(ts, t) )
    {
        t->status = TIMER_STATUS_in_heap;
        if ( t->heap_offset == 1 )
            cpu_raise_softirq(t->cpu, TIMER_SOFTIRQ);
    }
    else
        printk(XENLOG_ERR "CPU%u: timer heap full, timer %p dropped\n", t->cpu, t);
    spin_unlock_irqrestore(&ts->lock, flags);
}

void stop_timer(struct timer *t)
{
    unsigned long flags;
    struct timers *ts = lock_timer(t, &flags);

    if ( t->status != TIMER_STATUS_invalid )
        deactivate(ts, t);
    spin_unlock_irqrestore(&ts->lock, flags);
}

bool timer_is_active(const struct timer *t)
{
    return t->status == TIMER_STATUS_in_heap;
}

void migrate_timer(struct timer *t, unsigned int new_cpu)
{
    unsigned long flags;
    struct timers *old, *new;
    bool active;

    for ( ;; )
    {
        unsigned int old_cpu = READ_ONCE(t->cpu);

        if ( old_cpu == new_cpu )
            return;
        /* Take both locks in CPU order. */
        old = &timers[old_cpu];
        new = &timers[new_cpu];
        local_irq_save(flags);
        spin_lock(old_cpu < new_cpu ? &old->lock : &new->lock);
        spin_lock(old_cpu < new_cpu ? &new->lock : &old->lock);
        if ( t->cpu == old_cpu )
            break;
        spin_unlock(&old->lock);
        spin_unlock(&new->lock);
        local_irq_restore(flags);
    }
    active = t->status == TIMER_STATUS_in_heap;
    deactivate(old, t);
    t->cpu = new_cpu;
    if ( active && heap_add(new, t) )
    {
        t->status = TIMER_STATUS_in_heap;
        if ( t->heap_offset == 1 )
            cpu_raise_softirq(new_cpu, TIMER_SOFTIRQ);
    }
    spin_unlock(&old->lock);
    spin_unlock(&new->lock);
    local_irq_restore(flags);
}

void kill_timer(struct timer *t)
{
    unsigned long flags;
    struct timers *ts = lock_timer(t, &flags);

    deactivate(ts, t);
    t->status = TIMER_STATUS_invalid;
    spin_unlock_irqrestore(&ts->lock, flags);
    /* Wait for a callback running on another CPU. */
    while ( READ_ONCE(timers[t->cpu].running) == t && t->cpu != smp_processor_id() )
        cpu_relax();
}

static void timer_softirq_action(void)
{
    struct timers *ts = &timers[smp_processor_id()];
    unsigned long flags;
    s_time_t now;

    spin_lock_irqsave(&ts->lock, flags);
    now = NOW();
    while ( ts->size && ts->heap[1]->expires < now + timer_slop )
    {
        struct timer *t = ts->heap[1];

        heap_remove(ts, t);
        t->status = TIMER_STATUS_running;
        ts->running = t;
        spin_unlock_irqrestore(&ts->lock, flags);
        t->function(t->data);
        spin_lock_irqsave(&ts->lock, flags);
        ts->running = NULL;
        if ( t->status == TIMER_STATUS_running )
            t->status = TIMER_STATUS_inactive;
        now = NOW();
    }
    reprogram_timer(ts->size ? ts->heap[1]->expires : 0);
    spin_unlock_irqrestore(&ts->lock, flags);
}

void timer_init_cpu(unsigned int cpu)
{
    struct timers *ts = &timers[cpu];

    spin_lock_init(&ts->lock);
    ts->heap = ts->initial;
    ts->limit = HEAP_INIT;
    ts->size = 0;
}

void __init timer_init(void)
{
    open_softirq(TIMER_SOFTIRQ, timer_softirq_action);
    timer_init_cpu(0);
}

void dump_timerq(void)
{
    unsigned int cpu, i;
    s_time_t now = NOW();

    printk("Dumping timer queues (now %ld ns):\n", (long)now);
    for_each_online_cpu ( cpu )
    {
        struct timers *ts = &timers[cpu];
        unsigned long flags;

        spin_lock_irqsave(&ts->lock, flags);
        printk("CPU%02u: %u pending\n", cpu, ts->size);
        for ( i = 1; i <= ts->size && i <= 16; i++ )
            printk("  ex=%+12ld ns timer=%p cb=%ps(%p)\n",
                   (long)(ts->heap[i]->expires - now), ts->heap[i],
                   ts->heap[i]->function, ts->heap[i]->data);
        spin_unlock_irqrestore(&ts->lock, flags);
    }
}
