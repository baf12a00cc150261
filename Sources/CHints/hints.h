#ifndef STOCKTAKE_HINTS_H
#define STOCKTAKE_HINTS_H
/* Compiler hints Swift cannot spell. Header only: nothing to link. */

/* Asks the CPU to start loading the cache line at `address` (for reading) without waiting for it. */
static inline void stocktake_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}
#endif
