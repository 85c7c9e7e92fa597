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
