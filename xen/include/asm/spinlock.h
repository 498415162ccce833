/* Architecture hooks for spinning. */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

static inline void arch_lock_relax(void)
{
    __asm__ __volatile__ ( "pause" ::: "memory" );
}

#endif /* ASM_SPINLOCK_H */
