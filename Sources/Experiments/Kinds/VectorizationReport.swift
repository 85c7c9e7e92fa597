import LessonSupport
import Foundation
import NeuralEngine

/// Turns the measurements of a vectorization block into named values, tables
/// and charts.
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

        var items: [PresentationItem] = [.metrics(metrics)]
        if let note = sizingNote { items.append(.note(note)) }
        for group in result.groups { items += presentation(group) }
        items.append(.note(methodNote))
        return ExperimentOutcome(values: values, presentation: items, timingNoise: timingNoise)
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

    /// "L1d 48 KiB, L2 2 MiB, L3 300 MiB"
    private var cacheLine: String {
        let caches = result.processor.caches
        guard !caches.isEmpty else { return "cache sizes not reported" }
        return caches.map { "L\($0.level)\($0.level == 1 ? "d" : "") \(Self.binaryBytes($0.bytes))" }.joined(separator: ", ")
    }

    private var sizingNote: String? {
        guard result.memory != nil else { return nil }
        let sizing = result.sizing
        let pair = Self.bytes(16 * Double(sizing.length))
        guard let cache = sizing.largestCache else {
            return "This system reports no cache sizes, so the vectors (\(pair) for the pair) could not be checked against the cache."
        }
        let multiple = 16 * Double(sizing.length) / Double(cache)
        if sizing.limitedByBudget {
            return "The vectors (\(pair) for the pair) are only \(Self.number(multiple, significant: 2))× the largest cache "
                + "(\(Self.binaryBytes(cache))): \(VectorizationBenchmark.cacheMultiple)× would exceed the memory budget of "
                + "\(Self.bytes(Double(spec.memoryBudget))). Part of each pass may still come from the cache."
        }
        if multiple < Double(VectorizationBenchmark.cacheMultiple) {
            return "The vectors (\(pair) for the pair) are only \(Self.number(multiple, significant: 2))× the largest cache "
                + "(\(Self.binaryBytes(cache))); part of each pass may come from the cache. 'size: auto' sizes them from the cache."
        }
        return nil
    }

    /// Why this block's timings are not to be trusted, if they are not.
    private var timingNoise: String? {
        let noisy = result.groups.filter(\.noisy)
        guard !noisy.isEmpty else { return nil }
        return noisy.map { group in
            "the timings of '\(group.group.rawValue)' stayed noisy: their runs spread by up to "
                + "\(Self.percent(group.spread)) of the median (interquartile range) in the steadiest of "
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

    // MARK: - Presentation

    private var metrics: [Metric] {
        var out: [Metric] = [Metric(
            label: "machine", value: result.processor.model.isEmpty ? "unknown processor" : result.processor.model,
            detail: "OpenBLAS \(result.blasVersion) kernel \(result.blasKernel) (\(result.blasKernelOrigin)); \(cacheLine)")]
        for group in result.groups {
            switch group.group {
            case .dot:
                out.append(Metric(label: "memory bandwidth", value: Self.number(bandwidth) + " GB/s",
                                  detail: "streaming read of \(Self.bytes(result.memoryBytes)), one core"))
                if let best = fastest(group), let limit = limit(group) {
                    out.append(Metric(label: "fastest dot product from memory", value: Self.percent(limit / best.median),
                                      detail: "of the bandwidth limit (\(best.label))"))
                }
            case .cache:
                if let best = group.measurements.first(where: { $0.name == VectorizationVariant.simd.rawValue })
                    ?? fastest(group), group.measurements.count > 1 {
                    out.append(Metric(label: "\(best.label) in cache", value: Self.times(speedup(best, in: group)),
                                      detail: "faster than the \(group.measurements[0].label)"))
                }
            case .gemm:
                if let best = fastest(group), group.measurements.count > 1 {
                    out.append(Metric(label: "\(best.label) vs \(group.measurements[0].label)",
                                      value: Self.times(speedup(best, in: group)),
                                      detail: Self.number(gflops(best, in: group)) + " GFLOPS"))
                }
            }
        }
        return out
    }

    private func presentation(_ group: GroupResult) -> [PresentationItem] {
        var items: [PresentationItem] = [.chart(chart(group)), .table(table(group))]
        if group.noisy {
            items.append(.warning(
                "Noisy timings: the runs of '\(group.group.rawValue)' spread by up to \(Self.percent(group.spread)) of their "
                + "median (interquartile range) in the steadiest of \(group.batches) batches of \(spec.repeats) rounds; "
                + "another process was probably using the machine. Ratios between variants are less certain than usual."))
        }
        if !agree(group) {
            let culprits = group.measurements.filter { !($0.relativeDifference <= group.tolerance) }.map(\.label)
            items.append(.warning(
                "The variants of '\(group.group.rawValue)' disagree: \(culprits.joined(separator: ", ")) differ from the "
                + "\(group.measurements[0].label) by up to \(Self.number(maxDifference(group), significant: 2)) (relative), "
                + "more than rounding can explain (\(Self.number(group.tolerance, significant: 2)))."))
        }
        if let slowdown = fmaSlowdown(group) {
            items.append(.note(slowdown > 2
                ? "SIMD8 addProduct is \(Self.times(slowdown)) slower than SIMD8 × 2: this build's target CPU has no "
                    + "fused multiply-add instruction, so each lane's multiply-add is a call to the C library's fma."
                : "SIMD8 addProduct runs about as fast as SIMD8 × 2 (\(Self.times(slowdown)) the time): this build uses "
                    + "the CPU's fused multiply-add instructions."))
        }
        if let shortest = group.measurements.map(\.median).min(), shortest < 1e-4 {
            items.append(.note("Some runs took less than 0.1 ms; times that short are noisy. A larger size gives steadier figures."))
        }
        return items
    }

    private func chart(_ group: GroupResult) -> Chart {
        let ms = group.measurements
        let what: String
        switch group.group {
        case .dot: what = "Dot product of two \(Self.count(group.length))-element vectors from memory"
        case .cache: what = "Dot product of two \(Self.count(group.length))-element vectors in cache, \(Self.count(group.passes)) times"
        case .gemm: what = "Product of two \(group.length) × \(group.length) matrices"
        }
        var references: [Chart.ReferenceLine] = []
        if let limit = limit(group) {
            references.append(Chart.ReferenceLine(label: "memory-bandwidth limit", y: limit * 1e3))
        }
        let summary = what + ", median time of each variant: "
            + ms.map { "\($0.label) \(Self.number($0.median * 1e3)) ms" }.joined(separator: ", ") + "."
        return Chart(
            title: what, style: .bar, xLabel: "variant", yLabel: "time per run (ms, log scale)",
            yScale: .log, categories: ms.map(\.label),
            series: [Chart.Series(name: "median of \(spec.repeats) runs", y: ms.map { $0.median * 1e3 },
                                  yLow: ms.map { $0.fastest * 1e3 }, yHigh: ms.map { $0.slowest * 1e3 })],
            referenceLines: references, summary: summary)
    }

    private func table(_ group: GroupResult) -> ResultTable {
        typealias Cell = ResultTable.Cell
        var columns: [ResultTable.Column] = [.init("variant", numeric: false), .init("median ms"), .init("min ms"), .init("max ms")]
        switch group.group {
        case .dot: columns += [.init("ns / element"), .init("GB/s"), .init("of bandwidth limit")]
        case .cache: columns += [.init("ns / element"), .init("GFLOPS")]
        case .gemm: columns += [.init("GFLOPS")]
        }
        columns += [.init("speed-up"), .init("rel. difference")]
        let best = fastest(group)?.name
        let rows: [[Cell]] = group.measurements.map { m in
            var row: [Cell] = [
                Cell(m.label, tone: m.name == best ? .good : .plain),
                Cell(Self.number(m.median * 1e3), value: m.median * 1e3, style: .plain, tone: m.name == best ? .good : .plain),
                Cell(Self.number(m.fastest * 1e3), value: m.fastest * 1e3, style: .plain),
                Cell(Self.number(m.slowest * 1e3), value: m.slowest * 1e3, style: .plain),
            ]
            switch group.group {
            case .dot:
                row.append(Cell(Self.number(m.median * 1e9 / group.multiplyAdds), value: m.median * 1e9 / group.multiplyAdds, style: .plain))
                row.append(Cell(Self.number((group.bytes ?? 0) / m.median / 1e9), value: (group.bytes ?? 0) / m.median / 1e9, style: .plain))
                row.append(Cell(limit(group).map { Self.percent($0 / m.median) } ?? "–"))
            case .cache:
                row.append(Cell(Self.number(m.median * 1e9 / group.multiplyAdds), value: m.median * 1e9 / group.multiplyAdds, style: .plain))
                row.append(Cell(Self.number(gflops(m, in: group)), value: gflops(m, in: group), style: .plain))
            case .gemm:
                row.append(Cell(Self.number(gflops(m, in: group)), value: gflops(m, in: group), style: .plain))
            }
            row.append(Cell(Self.times(speedup(m, in: group)), value: speedup(m, in: group), style: .plain, unit: "×"))
            let ok = m.relativeDifference <= group.tolerance
            row.append(Cell(m.relativeDifference == 0 ? "0" : Self.number(m.relativeDifference, significant: 2),
                            tone: ok ? .plain : .bad))
            return row
        }
        var caption: String
        switch group.group {
        case .dot:
            caption = "Vectors of \(Self.count(group.length)) elements (\(Self.bytes(16 * Double(group.length)))), read from memory. "
                + "The limit is the time the streaming read takes for the same bytes."
        case .cache:
            caption = "Vectors of \(Self.count(group.length)) elements (\(Self.bytes(16 * Double(group.length)))), "
                + "summed \(Self.count(group.passes)) times per run: the same multiply-adds as the dot product from memory."
        case .gemm:
            caption = "Matrices of \(group.length) × \(group.length) doubles; GFLOPS counts 2n³ operations."
        }
        caption += " Speed-ups are over the \(group.measurements.first?.label ?? "first variant"); "
            + "differences are relative to its result."
        return ResultTable(caption: caption, columns: columns, rows: rows)
    }

    private var methodNote: String {
        "Measured on \(result.processor.model.isEmpty ? "an unknown processor" : result.processor.model) (\(cacheLine)), "
            + "OpenBLAS \(result.blasVersion) with its \(result.blasKernel) kernel (\(result.blasKernelOrigin)). "
            + "One core (OpenBLAS threads: \(result.blasThreads)). Each variant ran once untimed, then \(spec.repeats) "
            + "time\(spec.repeats == 1 ? "" : "s") in interleaved rounds, measured again (up to "
            + "\(VectorizationBenchmark.maximumBatches) batches) while the runs spread by more than "
            + "\(Self.percent(VectorizationBenchmark.noiseThreshold)) of their median; times are the thread's CPU time, so time given "
            + "to other processes does not count. Bars are medians, whiskers the fastest and slowest run."
    }

    // MARK: - Formatting

    private static func number(_ x: Double, significant: Int = 3) -> String {
        ResultValue.format(x, significant: significant)
    }

    private static func times(_ x: Double) -> String {
        number(x) + "×"
    }

    private static func percent(_ x: Double) -> String {
        NumberFormat.percent(x, decimals: 0)
    }

    private static func count(_ n: Int) -> String { n.grouped }

    /// Cache sizes as the hardware has them: 48 KiB, 2 MiB, 300 MiB.
    private static func binaryBytes(_ b: Int) -> String {
        if b >= 1 << 30, b % (1 << 30) == 0 { return "\(b >> 30) GiB" }
        if b >= 1 << 20 { return number(Double(b) / Double(1 << 20)) + " MiB" }
        if b >= 1 << 10 { return number(Double(b) / Double(1 << 10)) + " KiB" }
        return "\(b) bytes"
    }

    private static func bytes(_ b: Double) -> String {
        if b >= 1e9 { return number(b / 1e9) + " GB" }
        if b >= 1e6 { return number(b / 1e6) + " MB" }
        if b >= 1e3 { return number(b / 1e3) + " kB" }
        return number(b) + " bytes"
    }
}
