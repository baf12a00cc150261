#ifndef STOCKTAKE_HINTS_H
#define STOCKTAKE_HINTS_H
/* Compiler and C library hints Swift cannot spell. Header only: nothing to link. */
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

/* Asks the CPU to start loading the cache line at `address` (for reading) without waiting for it. */
static inline void stocktake_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}
/* glibc raises its trim and mmap thresholds as large blocks are freed (up to 32 MiB) and then keeps freed memory
   mapped; fixed thresholds (the defaults, 128 KiB) make it hand freed memory back to the system. */
static inline void stocktake_fixed_malloc_thresholds(void) {
#ifdef M_MMAP_THRESHOLD
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
#endif
}
#endif
