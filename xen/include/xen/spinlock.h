/*
 * Spinlocks (ticket locks, fair in arrival order), recursive spinlocks, and
 * reader-writer locks.  Locks that interrupt handlers also take must be taken
 * with the _irq/_irqsave variants everywhere.
 */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H

#include <xen/types.h>
#include <xen/atomic.h>
#include <asm/spinlock.h>

typedef struct spinlock {
    volatile u16 head;          /* ticket being served */
    volatile u16 tail;          /* next ticket to hand out */
    u16 recurse_cpu;            /* owner, for the recursive variants */
    u16 recurse_cnt;
} spinlock_t;

#define SPINLOCK_NO_CPU 0xffff
#define SPIN_LOCK_UNLOCKED { 0, 0, SPINLOCK_NO_CPU, 0 }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED
#define spin_lock_init(l) (*(l) = (spinlock_t)SPIN_LOCK_UNLOCKED)

void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
bool spin_trylock(spinlock_t *lock);
bool spin_is_locked(const spinlock_t *lock);
void spin_lock_irq(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
unsigned long _spin_lock_irqsave(spinlock_t *lock);
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
#define spin_lock_irqsave(l, f) ((f) = _spin_lock_irqsave(l))

/* Taken again by the CPU that holds it, it just counts. */
void spin_lock_recursive(spinlock_t *lock);
void spin_unlock_recursive(spinlock_t *lock);

typedef struct rwlock {
    volatile u32 cnt;           /* RW_WRITER | number of readers */
} rwlock_t;
#define RW_WRITER 0x80000000u
#define RW_LOCK_UNLOCKED { 0 }
#define DEFINE_RWLOCK(l) rwlock_t l = RW_LOCK_UNLOCKED
#define rwlock_init(l) ((l)->cnt = 0)

void read_lock(rwlock_t *lock);
void read_unlock(rwlock_t *lock);
void write_lock(rwlock_t *lock);
void write_unlock(rwlock_t *lock);
bool write_trylock(rwlock_t *lock);

#endif /* XEN_SPINLOCK_H */
