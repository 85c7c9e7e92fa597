#include "CCPUID.h"
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static unsigned long long xgetbv0(void) {
    unsigned eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

void ccpuid_read(ccpuid_info *info) {
    memset(info, 0, sizeof *info);
    unsigned a, b, c, d;
    if (!__get_cpuid(0, &a, &b, &c, &d)) return;
    unsigned maxLeaf = a;
    memcpy(info->vendor, &b, 4);
    memcpy(info->vendor + 4, &d, 4);
    memcpy(info->vendor + 8, &c, 4);

    __get_cpuid(1, &a, &b, &c, &d);
    unsigned family = (a >> 8) & 0xf, model = (a >> 4) & 0xf;
    if (family == 0xf) family += (a >> 20) & 0xff;
    if (family == 0x6 || family >= 0xf) model += ((a >> 16) & 0xf) << 4;
    info->family = family;
    info->model = model;
    info->fma = (c >> 12) & 1;
    bool osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (osxsave && avx) {
        unsigned long long xcr0 = xgetbv0();
        info->osAVX = (xcr0 & 0x6) == 0x6;
        info->osAVX512 = info->osAVX && (xcr0 & 0xe0) == 0xe0;
    }
    if (maxLeaf >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        info->avx2 = (b >> 5) & 1;
        info->avx512f = (b >> 16) & 1;
        info->avx512dq = (b >> 17) & 1;
        info->avx512cd = (b >> 28) & 1;
        info->avx512bw = (b >> 30) & 1;
        info->avx512vl = (b >> 31) & 1;
        unsigned subleaves = a;
        if (subleaves >= 1) {
            __cpuid_count(7, 1, a, b, c, d);
            info->avx512bf16 = (a >> 5) & 1;
        }
    }
    if (__get_cpuid(0x80000000, &a, &b, &c, &d) && a >= 0x80000004) {
        unsigned *words = (unsigned *)info->brand;
        for (unsigned leaf = 0; leaf < 3; leaf++) {
            __get_cpuid(0x80000002 + leaf, &a, &b, &c, &d);
            words[4 * leaf] = a; words[4 * leaf + 1] = b; words[4 * leaf + 2] = c; words[4 * leaf + 3] = d;
        }
        info->brand[48] = 0;
    }
}
#else
void ccpuid_read(ccpuid_info *info) { memset(info, 0, sizeof *info); }
#endif
