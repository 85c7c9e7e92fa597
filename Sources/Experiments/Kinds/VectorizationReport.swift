import LessonSupport
import Foundation
import NeuralEngine

/// Turns the measurements of a vectorization block into the named values
/// ``VectorizationKind/values`` lists (``VectorizationKind/present(_:_:)`` draws them).
struct VectorizationReport {
    var spec: VectorizationKind.Spec
    var result: VectorizationBenchmark.Result

    typealias Measurement = VectorizationBenchmark.Measurement
    typealias GroupResult = VectorizationBenchmark.GroupResult

    var outcome: ExperimentOutcome {
        let memory = result.memory
        var values = Record(fields: [
            "size": memory != nil ? result.sizing.length : (spec.size ?? VectorizationBenchmark.minimumAutomaticLength),
            "cache_size": spec.cacheSize, "machine": machineRecord, "blas_kernel": result.blasKernel,
            "sizing": memory != nil ? sizingRecord : nil,
            "matrix_size": spec.matrixSize, "repeats": spec.repeats, "blas_threads": result.blasThreads,
            "bandwidth_gbs": memory != nil ? bandwidth : nil,
            "memory": memory.map { memory in
                Record(fields: [
                    "median_ms": memory.median * 1e3, "min_ms": memory.fastest * 1e3, "max_ms": memory.slowest * 1e3,
                    "gbs": bandwidth, "bytes": result.memoryBytes,
                ])
            },
        ])
        var blas = Record()
        for group in result.groups {
            let record = self.record(group)
            values[group.group.rawValue] = .record(record)
            blas[group.group.rawValue] = record["blas"]
        }
        if !blas.fields.isEmpty { values["blas"] = .record(blas) }
        return ExperimentOutcome(values: values, timingNoise: timingNoise)
    }

    // MARK: - Machine and noise

    private var machineRecord: Record {
        let processor = result.processor
        var r = Record(fields: [
            "processor": processor.model.isEmpty ? "unknown processor" : processor.model, "blas_kernel": result.blasKernel,
            "blas_kernel_origin": result.blasKernelOrigin, "blas_version": result.blasVersion,
        ])
        for cache in processor.caches { r["l\(cache.level)_bytes"] = .integer(cache.bytes) }
        r.add(fields: ["largest_cache_bytes": processor.largestCache?.bytes])
        return r
    }

    private var sizingRecord: Record {
        let sizing = result.sizing, bytes = 16 * Double(sizing.length)
        return Record(fields: [
            "automatic": sizing.automatic, "vectors_bytes": bytes, "memory_budget": spec.memoryBudget,
            "limited_by_budget": sizing.limitedByBudget, "largest_cache_bytes": sizing.largestCache,
            "caches": sizing.largestCache.map { bytes / Double($0) },
        ])
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

    /// The time the dot group's reads take at the measured bandwidth.
    private func limit(_ group: GroupResult) -> Double? {
        guard let bytes = group.bytes, result.memory != nil else { return nil }
        return bytes / (bandwidth * 1e9)
    }

    private func fastest(_ group: GroupResult) -> Measurement? {
        TableBetter.lower.leader(of: group.measurements.map(\.median)).map { group.measurements[$0] }
    }

    private func maxDifference(_ group: GroupResult) -> Double {
        // A NaN (a variant that produced garbage) must survive as the worst.
        group.measurements.reduce(0.0) { worst, m in
            worst.isNaN || m.relativeDifference <= worst ? worst : m.relativeDifference
        }
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

    /// A group's record (`dot`, `cache`, `gemm`), with one record per variant.
    private func record(_ group: GroupResult) -> Record {
        let limit = limit(group), best = fastest(group), baseline = group.measurements.first
        var r = Record(fields: [
            "baseline": baseline?.name ?? "", "fastest": best?.name ?? "", "length": group.length,
            "passes": group.group == .cache ? group.passes : nil,
            "limit_ms": limit.map { $0 * 1e3 }, "best_bandwidth_fraction": limit.flatMap { limit in best.map { limit / $0.median } },
            "fma_slowdown": fmaSlowdown(group), "max_relative_difference": maxDifference(group), "tolerance": group.tolerance,
            "agree": maxDifference(group) <= group.tolerance, "spread": group.spread, "batches": group.batches, "noisy": group.noisy,
        ])
        for m in group.measurements {
            r[m.name] = .record(Record(fields: [
                "median_ms": m.median * 1e3, "min_ms": m.fastest * 1e3, "max_ms": m.slowest * 1e3,
                // A speed-up is the median time of the group's first variant (its plain loop) over this one's.
                "speedup": (baseline?.median ?? .nan) / m.median, "gflops": 2 * group.multiplyAdds / m.median / 1e9,
                "ns_per_element": group.group != .gemm ? m.median * 1e9 / group.multiplyAdds : nil,
                "gbs": group.bytes.map { $0 / m.median / 1e9 }, "bandwidth_fraction": limit.map { $0 / m.median },
                "value": m.value, "relative_difference": m.relativeDifference,
            ]))
        }
        return r
    }
}
