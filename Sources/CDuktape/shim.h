// Debian's duktape-dev: a small embeddable JavaScript engine, used to run
// KaTeX (libjs-katex) at render time. Only MathTypesetting imports it.
#include <duktape.h>

// Duktape's API is partly macros Swift cannot call; these are the ones we use.
static inline duk_context *lr_duk_create_heap(void) { return duk_create_heap_default(); }
static inline duk_int_t lr_duk_peval_lstring(duk_context *ctx, const char *source, duk_size_t length) {
    return duk_peval_lstring(ctx, source, length);
}
static inline const char *lr_duk_safe_to_string(duk_context *ctx, duk_idx_t index) {
    return duk_safe_to_string(ctx, index);
}

#include <stdlib.h>
#include <time.h>

// A heap with a budget: KaTeX has no limit of its own on the work a formula
// makes (a `\def` that multiplies itself ran past 300 s and 2.3 GB), and
// Debian's Duktape is built without its execution-timeout hook. Every
// allocation goes through these functions, so a formula past its memory or
// CPU-time budget is refused its next allocation; Duktape turns that into an
// error that `duk_pcall` returns, and the engine is then thrown away.
typedef struct {
    size_t used;        // bytes allocated now
    size_t limit;       // most bytes at once
    double deadline;    // thread CPU seconds; 0 = none
    unsigned counter;   // the clock is read every 64 allocations
    int tripped;        // 1 = time, 2 = memory
} lr_duk_budget;

#define LR_DUK_HEADER 16

static inline double lr_thread_cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static inline int lr_duk_refuse(lr_duk_budget *b, size_t growth) {
    if (b->tripped) return 1;
    if (b->used + growth > b->limit) { b->tripped = 2; return 1; }
    if (b->deadline > 0 && (++b->counter & 63) == 0 && lr_thread_cpu_seconds() > b->deadline) { b->tripped = 1; return 1; }
    return 0;
}

static void *lr_duk_alloc(void *udata, duk_size_t size) {
    lr_duk_budget *b = (lr_duk_budget *)udata;
    if (lr_duk_refuse(b, size)) return NULL;
    size_t *h = (size_t *)malloc(size + LR_DUK_HEADER);
    if (!h) return NULL;
    h[0] = size;
    b->used += size;
    return (char *)h + LR_DUK_HEADER;
}

static void lr_duk_free(void *udata, void *ptr) {
    if (!ptr) return;
    lr_duk_budget *b = (lr_duk_budget *)udata;
    size_t *h = (size_t *)((char *)ptr - LR_DUK_HEADER);
    b->used -= h[0];
    free(h);
}

static void *lr_duk_realloc(void *udata, void *ptr, duk_size_t size) {
    lr_duk_budget *b = (lr_duk_budget *)udata;
    if (!ptr) return lr_duk_alloc(udata, size);
    if (size == 0) { lr_duk_free(udata, ptr); return NULL; }
    size_t *h = (size_t *)((char *)ptr - LR_DUK_HEADER);
    size_t old = h[0];
    if (size > old && lr_duk_refuse(b, size - old)) return NULL;
    size_t *n = (size_t *)realloc(h, size + LR_DUK_HEADER);
    if (!n) return NULL;
    n[0] = size;
    b->used = b->used - old + size;
    return (char *)n + LR_DUK_HEADER;
}

static inline duk_context *lr_duk_create_budgeted_heap(lr_duk_budget *budget) {
    return duk_create_heap(lr_duk_alloc, lr_duk_realloc, lr_duk_free, budget, NULL);
}
