import LessonSupport
import NeuralEngine
import Foundation

/// Why vectorized code is fast, measured: dot products and matrix products
/// written as plain loops, with several accumulators, with SIMD types and
/// with BLAS, timed on one core against the machine's memory bandwidth.
///
/// Three groups of variants, each compared with its own plain loop:
/// - `dot`: dot products of two vectors far larger than any cache, and a
///   streaming read of the same bytes that measures the memory bandwidth they
///   are bound by;
/// - `cache`: the same number of multiply-adds on vectors that stay in cache,
///   where only the arithmetic counts;
/// - `gemm`: the product of two square matrices.
///
/// Timings vary from run to run by nature; the inputs (seeded) and the values
/// every variant computes do not.
public enum VectorizationKind: ExperimentKind {
    public static let name = "vectorization"
    public static let summary = "Times scalar, multi-accumulator, SIMD and BLAS dot products and matrix products on one core, against the measured memory bandwidth."
    /// Its timing loops are timed sections (``VectorizationBenchmark``).
    public static let timesItself = true

    public static let keys: [KeyDescriptor] = ([
        KeyDescriptor("size", .integerOrWord(["auto"]), type: "integer or auto", described: "auto", range: .closed(1_000, 250_000_000),
                      "Elements of each vector of the dot product from memory (16 bytes per element for the pair). auto: enough for the pair to be 4 times the largest cache this machine reports, at least 10,000,000, within memory_budget; the page says how the size compares with the cache."),
        KeyDescriptor("memory_budget", .integer, default: "2_000_000_000", range: .closed(1_000_000, 4_000_000_000),
                      "Bytes the two vectors of the dot product may take. An explicit size beyond it is an error; size: auto stops at it (and says so when the vectors then fit in fewer than 4 caches)."),
        KeyDescriptor("cache_size", .integer, default: "1024", range: .closed(64, 1_000_000),
                      "Elements of each vector of the in-cache dot product; the default (16 kB for both) fits in the L1 data cache of current cores. It is repeated until it has done `size` multiply-adds (10,000,000 with size: auto)."),
        KeyDescriptor("matrix_size", .integer, default: "512", range: .closed(16, 1_024),
                      "Rows and columns of the square matrices. The naive product takes O(n³) time — seconds per run at 1,024 — so (repeats + 1) × matrix_size³ may be at most 1e10."),
        KeyDescriptor("repeats", .integer, default: "5", range: .closed(1, 50),
                      "Timed runs of each variant after one untimed warm-up run; the tables show their median, minimum and maximum."),
        KeyDescriptor("run", .list(.word(VectorizationVariant.Group.allCases.map(\.rawValue)), count: 0...100_000),
                      type: "list of groups", default: "[dot, cache, gemm]",
                      "Which groups to run: dot (vectors from memory, with the bandwidth), cache (vectors in cache), gemm (matrix product)."),
        KeyDescriptor("variants", .list(.word(VectorizationVariant.allCases.map(\.rawValue)), count: 0...100_000),
                      type: "list of variants", described: "(all)",
                      "Which variants to time: scalar, accumulators, simd, simd_fma, blas (dot products); naive, ikj, blas (matrix product). Speed-ups are over the first one of each group."),
    ]).examples(["size": "100_000", "cache_size": "1024", "matrix_size": "32", "repeats": "1"])

    public struct Spec: Codable, Sendable, Hashable {
        /// `nil`: sized from the measured cache (`size: auto`).
        var size: Int?
        var memoryBudget: Int
        var cacheSize: Int
        var matrixSize: Int
        var repeats: Int
        /// In the order of ``VectorizationVariant/Group/allCases``.
        var groups: [VectorizationVariant.Group]
        var variants: [VectorizationVariant]
    }

    public static func decode(_ reader: SpecReader, context: DecodeContext) -> Spec? {
        // Absent or `auto`: sized from the measured cache when the block runs.
        var size: Int?
        if case .integer(let n)? = reader.read("size") { size = n }
        let memoryBudget = reader.int("memory_budget")
        let groups = reader.words("run", what: "group").compactMap(VectorizationVariant.Group.init(rawValue:))
        if let explicit = size, groups.contains(.dot), 16 * Double(explicit) > Double(memoryBudget) {
            reader.fail("size", "two vectors of \(explicit.grouped) doubles take \(ResultValue.format(16 * Double(explicit), significant: 3)) bytes, "
                        + "more than memory_budget (\(memoryBudget.grouped))",
                        notes: ["lower 'size', raise 'memory_budget', or write 'size: auto'"])
            size = nil
        }
        let cacheSize = reader.int("cache_size")
        let matrixSize = reader.int("matrix_size")
        let repeats = reader.int("repeats")
        let chosen = reader.has("variants")
        let variants = chosen ? reader.words("variants", what: "variant").compactMap(VectorizationVariant.init(rawValue:)) : VectorizationVariant.allCases
        for group in groups where chosen && !group.variants.contains(where: variants.contains) {
            reader.fail("variants", "'variants' leaves nothing to run in group '\(group.rawValue)'",
                        notes: ["add one of \(group.variants.map(\.rawValue).joined(separator: ", ")), or remove '\(group.rawValue)' from 'run'"])
        }
        return Spec(size: size, memoryBudget: memoryBudget, cacheSize: cacheSize, matrixSize: matrixSize, repeats: repeats,
                    groups: groups, variants: variants)
    }

    /// Multiply-adds the naive matrix product may do in one block, warm-up
    /// included: about half a minute at the rate of a cache-thrashing loop.
    static let naiveBudget = 1e10

    /// The ranges bound each key; the naive product also needs a bound on
    /// the two together, because its time grows with repeats × n³.
    public static func work(_ spec: Spec) -> [WorkEstimate] {
        guard spec.groups.contains(.gemm), spec.variants.contains(.naive) else { return [] }
        return [WorkEstimate("the naive matrix product would do", amount: Double(spec.repeats + 1) * pow(Double(spec.matrixSize), 3),
                             unit: "multiply-adds", formula: "(repeats + 1) × matrix_size³", budget: naiveBudget,
                             keys: ["matrix_size"], hint: "lower 'repeats' or 'matrix_size', or leave 'naive' out of 'variants'")]
    }

    public static func run(_ spec: Spec, context: RunContext) throws -> ExperimentOutcome {
        let result = try VectorizationBenchmark(spec: spec, seed: context.seed).run()
        return VectorizationReport(spec: spec, result: result).outcome
    }
}
