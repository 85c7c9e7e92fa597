/// One way of computing a dot product or a matrix product that the
/// vectorization experiment times.
///
/// The raw value is the name authors write in `variants:` and the key of the
/// variant's record among the block's named values.
enum VectorizationVariant: String, CaseIterable, Codable, Sendable {
    case scalar
    case accumulators
    case simd
    case simdFMA = "simd_fma"
    case naive
    case ikj
    case blas

    /// A group of variants that compute the same thing and are compared
    /// with each other; the raw value is the name authors write in `run:`.
    enum Group: String, CaseIterable, Codable, Sendable {
        /// Dot products of vectors too large for any cache, against the
        /// measured memory bandwidth.
        case dot
        /// The same dot products on vectors that stay in cache.
        case cache
        /// Products of two square matrices.
        case gemm

        /// The group's variants, the baseline (the plain loop) first.
        var variants: [VectorizationVariant] {
            switch self {
            case .dot, .cache: return [.scalar, .accumulators, .simd, .simdFMA, .blas]
            case .gemm: return [.naive, .ikj, .blas]
            }
        }
    }

    /// The name shown in tables and charts.
    func label(in group: Group) -> String {
        switch self {
        case .scalar: return "scalar loop"
        case .accumulators: return "4 accumulators"
        case .simd: return "SIMD8 × 2"
        case .simdFMA: return "SIMD8 addProduct"
        case .naive: return "naive i-j-k"
        case .ikj: return "i-k-j order"
        case .blas: return group == .gemm ? "BLAS dgemm" : "BLAS ddot"
        }
    }
}
