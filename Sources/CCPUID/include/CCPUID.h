#ifndef CCPUID_H
#define CCPUID_H

#include <stdbool.h>

/// What the processor says about itself (cpuid), and whether the operating
/// system saves the wide registers on a context switch (xgetbv): a kernel
/// may use AVX or AVX-512 only when both agree.
typedef struct {
    char vendor[13];          ///< "GenuineIntel", "AuthenticAMD", …; empty off x86-64.
    char brand[49];           ///< The processor's model name, e.g. "Intel(R) Xeon(R) Gold 6248 CPU".
    unsigned family;          ///< Family, extended family included.
    unsigned model;           ///< Model, extended model included.
    bool fma, avx2;
    bool avx512f, avx512dq, avx512cd, avx512bw, avx512vl, avx512bf16;
    bool osAVX;               ///< XCR0 has the SSE and AVX state.
    bool osAVX512;            ///< XCR0 also has the opmask and upper-ZMM state.
} ccpuid_info;

/// Fills `info`; everything stays zero on processors other than x86-64.
void ccpuid_read(ccpuid_info *info);

#endif
