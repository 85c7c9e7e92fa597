extension VectorizationKind {
    private static let group = """
    `baseline`, `fastest` (variant names), `length`, `passes` (cache), `limit_ms` and `best_bandwidth_fraction` \
    (dot, with the bandwidth), `fma_slowdown`, `max_relative_difference`, `tolerance`, `agree`, `spread` (largest \
    interquartile range of a variant's runs over their median), `batches` (batches of rounds measured), `noisy` \
    (the spread stayed above 10 %), and one record \
    per variant (`scalar`, `accumulators`, `simd`, `simd_fma`, `blas`; `naive`, `ikj`, `blas`) with `median_ms`, \
    `min_ms`, `max_ms`, `speedup` (the median time of the group's first variant, its plain loop, over this one's), `gflops`, \
    `ns_per_element` (dot and cache), `gbs` and `bandwidth_fraction` (dot, with the bandwidth), `value` (dot and cache: the dot \
    product computed), `relative_difference` (from the reference result)
    """

    public static let values: [ValueDescriptor] = [
        ValueDescriptor("size", type: "integer", "Elements of each vector of the dot product."),
        ValueDescriptor("cache_size", type: "integer", "Elements of each in-cache vector."),
        ValueDescriptor("matrix_size", type: "integer", "Rows and columns of the matrices."),
        ValueDescriptor("repeats", type: "integer", "Timed runs of each variant."),
        ValueDescriptor("blas_threads", type: "integer", "Threads BLAS used (1: every timing is one core)."),
        ValueDescriptor("bandwidth_gbs", type: "number", "Measured memory bandwidth of a streaming read, GB/s.", when: "the `dot` group runs"),
        ValueDescriptor("memory", type: "record", "The streaming read that measures the bandwidth.",
                        access: "`memory.median_ms`, `memory.min_ms`, `memory.max_ms`, `memory.gbs`, `memory.bytes`", when: "the `dot` group runs"),
        ValueDescriptor("dot", type: "record", "The dot products of vectors from memory.", access: "`dot.simd.speedup`; fields: \(group)", when: "`run` has dot"),
        ValueDescriptor("cache", type: "record", "The dot products of vectors in cache.", access: "`cache.blas.gflops`; fields as for `dot`", when: "`run` has cache"),
        ValueDescriptor("gemm", type: "record", "The matrix products.", access: "`gemm.blas.speedup`, `gemm.ikj.median_ms`; fields as for `dot`", when: "`run` has gemm"),
        ValueDescriptor("blas", type: "record", "The BLAS variant of every group that ran.", access: "`blas.gemm.gflops`, `blas.dot.speedup`", when: "a group times BLAS"),
        ValueDescriptor("blas_kernel", type: "string", "The OpenBLAS kernel that ran (`Prescott`, `Haswell`, `SkylakeX`, `Cooperlake`, `Zen`, …)."),
        ValueDescriptor("machine", type: "record", "The machine the timings come from.",
                        access: "`machine.processor`, `machine.blas_kernel`, `machine.blas_kernel_origin`, `machine.blas_version`, "
                            + "`machine.l1_bytes`, `machine.l2_bytes`, `machine.l3_bytes`, `machine.largest_cache_bytes` (the caches the system reports)"),
        ValueDescriptor("sizing", type: "record", "How the dot group's vectors were sized.",
                        access: "`sizing.automatic`, `sizing.vectors_bytes`, `sizing.memory_budget`, `sizing.limited_by_budget`, "
                            + "`sizing.largest_cache_bytes` and `sizing.caches` (the vectors over the largest cache; when it is reported)",
                        when: "the `dot` group runs"),
    ]

    public static let budget = "(repeats + 1) × matrix_size³ ≤ \(ResultValue.format(naiveBudget)) for the naive matrix product, all seeds together; sizes within the key ranges"

    public static let example: KindExample? = KindExample(
        expectation: "dot.agree and gemm.agree",
        inline: "gemm.blas.median_ms:.3f",
        sentence: "BLAS's matrix product takes this many milliseconds:")
}
