import LessonSupport
import Foundation
import NeuralEngine

/// Turns the measurements of a vectorization block into named values
/// (``VectorizationKind/present(_:_:)`` draws them).
///
/// The named values form one tree:
/// ```
/// size, cache_size, matrix_size, repeats, blas_threads
/// bandwidth_gbs                         measured by the streaming read
/// memory.{median_ms, min_ms, max_ms, gbs, bytes}
/// dot.{baseline, fastest, limit_ms, best_bandwidth_fraction, fma_slowdown,
///      max_relative_difference, tolerance, agree, length}
/// dot.<variant>.{median_ms, min_ms, max_ms, speedup, gflops, ns_per_element,
///      gbs, bandwidth_fraction, value, relative_difference}
/// cache.{…as dot, without the bandwidth…, passes}
/// gemm.{baseline, fastest, max_relative_difference, tolerance, agree, length}
/// gemm.<variant>.{median_ms, min_ms, max_ms, speedup, gflops, relative_difference}
/// blas.{dot, cache, gemm}                the BLAS variant of each group again
/// ```
/// A speed-up is the median time of the group's first variant (its plain
/// loop) over the variant's median time.
struct VectorizationReport {
    var spec: VectorizationKind.Spec
    var result: VectorizationBenchmark.Result

    typealias Measurement = VectorizationBenchmark.Measurement
    typealias GroupResult = VectorizationBenchmark.GroupResult

    var outcome: ExperimentOutcome {
        var values = Record()
        values["size"] = .integer(result.memory != nil ? result.sizing.length : (spec.size ?? VectorizationBenchmark.minimumAutomaticLength))
        values["cache_size"] = .integer(spec.cacheSize)
        values["machine"] = .record(machineRecord)
        values["blas_kernel"] = .string(result.blasKernel)
        if result.memory != nil { values["sizing"] = .record(sizingRecord) }
        values["matrix_size"] = .integer(spec.matrixSize)
        values["repeats"] = .integer(spec.repeats)
        values["blas_threads"] = .integer(result.blasThreads)
        if let memory = result.memory {
            values["bandwidth_gbs"] = .number(bandwidth)
            values["memory"] = .record(Record([
                "median_ms": .number(memory.median * 1e3),
                "min_ms": .number(memory.fastest * 1e3),
                "max_ms": .number(memory.slowest * 1e3),
                "gbs": .number(bandwidth),
                "bytes": .number(result.memoryBytes),
            ]))
        }
        var blas = Record()
        for group in result.groups {
            let record = self.record(group)
            values[group.group.rawValue] = .record(record)
            if let blasRecord = record["blas"] { blas[group.group.rawValue] = blasRecord }
        }
        if !blas.fields.isEmpty { values["blas"] = .record(blas) }

        return ExperimentOutcome(values: values, presentation: [], timingNoise: timingNoise)
    }

    // MARK: - Machine and noise

    private var machineRecord: Record {
        var r = Record()
        r["processor"] = .string(result.processor.model.isEmpty ? "unknown processor" : result.processor.model)
        r["blas_kernel"] = .string(result.blasKernel)
        r["blas_kernel_origin"] = .string(result.blasKernelOrigin)
        r["blas_version"] = .string(result.blasVersion)
        for cache in result.processor.caches { r["l\(cache.level)_bytes"] = .integer(cache.bytes) }
        if let largest = result.processor.largestCache { r["largest_cache_bytes"] = .integer(largest.bytes) }
        return r
    }

    private var sizingRecord: Record {
        let sizing = result.sizing
        var r = Record()
        r["automatic"] = .bool(sizing.automatic)
        r["vectors_bytes"] = .number(16 * Double(sizing.length))
        r["memory_budget"] = .integer(spec.memoryBudget)
        r["limited_by_budget"] = .bool(sizing.limitedByBudget)
        if let cache = sizing.largestCache {
            r["largest_cache_bytes"] = .integer(cache)
            r["caches"] = .number(16 * Double(sizing.length) / Double(cache))
        }
        return r
    }

    /// Why this block's timings are not to be trusted, if they are not.
    private var timingNoise: String? {
        let noisy = result.groups.filter(\.noisy)
        guard !noisy.isEmpty else { return nil }
        return noisy.map { group in
            "the timings of '\(group.group.rawValue)' stayed noisy: their runs spread by up to "
                + "\(NumberFormat.percent(group.spread, decimals: 0)) of the median (interquartile range) in the steadiest of "
                + "\(group.batches) batches of \(spec.repeats) rounds"
        }.joined(separator: "; ")
    }

    // MARK: - Derived figures

    /// Bytes per second of the streaming read, in GB/s.
    private var bandwidth: Double {
        guard let memory = result.memory else { return .nan }
        return result.memoryBytes / memory.median / 1e9
    }

    private func speedup(_ m: Measurement, in group: GroupResult) -> Double {
        (group.measurements.first?.median ?? .nan) / m.median
    }

    private func gflops(_ m: Measurement, in group: GroupResult) -> Double {
        2 * group.multiplyAdds / m.median / 1e9
    }

    /// The time the dot group's reads take at the measured bandwidth.
    private func limit(_ group: GroupResult) -> Double? {
        guard let bytes = group.bytes, result.memory != nil else { return nil }
        return bytes / (bandwidth * 1e9)
    }

    private func fastest(_ group: GroupResult) -> Measurement? {
        group.measurements.min(by: { $0.median < $1.median })
    }

    private func maxDifference(_ group: GroupResult) -> Double {
        // A NaN (a variant that produced garbage) must survive as the worst.
        group.measurements.reduce(0.0) { worst, m in
            worst.isNaN || m.relativeDifference <= worst ? worst : m.relativeDifference
        }
    }

    private func agree(_ group: GroupResult) -> Bool {
        maxDifference(group) <= group.tolerance
    }

    /// How many times slower the `addProduct` loop is than the same loop
    /// written with `*` and `+`.
    private func fmaSlowdown(_ group: GroupResult) -> Double? {
        guard let simd = group.measurements.first(where: { $0.name == VectorizationVariant.simd.rawValue }),
              let fma = group.measurements.first(where: { $0.name == VectorizationVariant.simdFMA.rawValue })
        else { return nil }
        return fma.median / simd.median
    }

    // MARK: - Named values

    private func record(_ group: GroupResult) -> Record {
        var r = Record()
        r["baseline"] = .string(group.measurements.first?.name ?? "")
        r["fastest"] = .string(fastest(group)?.name ?? "")
        r["length"] = .integer(group.length)
        if group.group == .cache { r["passes"] = .integer(group.passes) }
        if let limit = limit(group) {
            r["limit_ms"] = .number(limit * 1e3)
            if let best = fastest(group) { r["best_bandwidth_fraction"] = .number(limit / best.median) }
        }
        if let slowdown = fmaSlowdown(group) { r["fma_slowdown"] = .number(slowdown) }
        r["max_relative_difference"] = .number(maxDifference(group))
        r["tolerance"] = .number(group.tolerance)
        r["agree"] = .bool(agree(group))
        r["spread"] = .number(group.spread)
        r["batches"] = .integer(group.batches)
        r["noisy"] = .bool(group.noisy)
        for m in group.measurements {
            var v = Record()
            v["median_ms"] = .number(m.median * 1e3)
            v["min_ms"] = .number(m.fastest * 1e3)
            v["max_ms"] = .number(m.slowest * 1e3)
            v["speedup"] = .number(speedup(m, in: group))
            v["gflops"] = .number(gflops(m, in: group))
            if group.group != .gemm {
                v["ns_per_element"] = .number(m.median * 1e9 / group.multiplyAdds)
            }
            if let bytes = group.bytes {
                v["gbs"] = .number(bytes / m.median / 1e9)
                if let limit = limit(group) { v["bandwidth_fraction"] = .number(limit / m.median) }
            }
            if let value = m.value { v["value"] = .number(value) }
            v["relative_difference"] = .number(m.relativeDifference)
            r[m.name] = .record(v)
        }
        return r
    }
}
