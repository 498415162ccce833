/*
 * Ticket spinlocks and reader-writer locks.
 *
 * A CPU takes a ticket (tail++) and spins until 'head' reaches it; unlock advances
 * 'head'.  Arrival order is served, so no CPU starves.  The rwlock lets a waiting
 * writer stop new readers by setting RW_WRITER as soon as the readers drain.
 */
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <asm/processor.h>
#include <asm/current.h>

void spin_lock(spinlock_t *lock)
{
    u16 ticket = __atomic_fetch_add(&lock->tail, 1, __ATOMIC_ACQUIRE);

    while ( __atomic_load_n(&lock->head, __ATOMIC_ACQUIRE) != ticket )
        arch_lock_relax();
}

void spin_unlock(spinlock_t *lock)
{
    __atomic_store_n(&lock->head, lock->head + 1, __ATOMIC_RELEASE);
}

bool spin_trylock(spinlock_t *lock)
{
    u32 old, new;
    u32 *word = (u32 *)lock;    /* head in the low half, tail in the high half */

    old = __atomic_load_n(word, __ATOMIC_RELAXED);
    if ( (old & 0xffff) != (old >> 16) )
        return false;
    new = old + 0x10000;
    return __atomic_compare_exchange_n(word, &old, new, false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

bool spin_is_locked(const spinlock_t *lock)
{
    return lock->head != lock->tail;
}

void spin_lock_irq(spinlock_t *lock)
{
    local_irq_disable();
    spin_lock(lock);
}

void spin_unlock_irq(spinlock_t *lock)
{
    spin_unlock(lock);
    local_irq_enable();
}

unsigned long _spin_lock_irqsave(spinlock_t *lock)
{
    unsigned long flags;

    local_irq_save(flags);
    spin_lock(lock);
    return flags;
}

void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
    spin_unlock(lock);
    local_irq_restore(flags);
}

void spin_lock_recursive(spinlock_t *lock)
{
    unsigned int cpu = smp_processor_id();

    if ( lock->recurse_cpu != cpu )
    {
        spin_lock(lock);
        lock->recurse_cpu = cpu;
    }
    BUG_ON(lock->recurse_cnt == 0xffff);
    lock->recurse_cnt++;
}

void spin_unlock_recursive(spinlock_t *lock)
{
    BUG_ON(lock->recurse_cpu != smp_processor_id() || !lock->recurse_cnt);
    if ( --lock->recurse_cnt == 0 )
    {
        lock->recurse_cpu = SPINLOCK_NO_CPU;
        spin_unlock(lock);
    }
}

void read_lock(rwlock_t *lock)
{
    for ( ;; )
    {
        u32 c = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);

        if ( !(c & RW_WRITER) &&
             __atomic_compare_exchange_n(&lock->cnt, &c, c + 1, false,
                                         __ATOMIC_ACQUIRE, __ATOMIC_RELAXED) )
            return;
        arch_lock_relax();
    }
}

void read_unlock(rwlock_t *lock)
{
    __atomic_fetch_sub(&lock->cnt, 1, __ATOMIC_RELEASE);
}

bool write_trylock(rwlock_t *lock)
{
    u32 zero = 0;

    return __atomic_compare_exchange_n(&lock->cnt, &zero, RW_WRITER, false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void write_lock(rwlock_t *lock)
{
    while ( !write_trylock(lock) )
        arch_lock_relax();
}

void write_unlock(rwlock_t *lock)
{
    __atomic_fetch_and(&lock->cnt, ~RW_WRITER, __ATOMIC_RELEASE);
}
