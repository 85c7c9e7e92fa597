import LessonSupport

extension VectorizationKind {
    /// Key figures, then per group a bar chart of the variants' times, their
    /// table and what to notice, and a note on how and where it was measured.
    /// Over seeds, the fastest variant is the one with the lowest mean time.
    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let groups = spec.groups.map { Shown($0, spec, p) }
        var items: [PresentationItem] = [.metrics(metrics(groups, &p))]
        let sizing = p.text { run in sizingNote(run, spec) ?? "" }
        if !sizing.isEmpty { items.append(.note(sizing)) }
        for group in groups { items += present(group, spec, &p) }
        items.append(p.note { run in
            let repeats = spec.repeats
            let processor = machine(run, "processor")
            return "Measured on \(processor == "unknown processor" ? "an unknown processor" : processor) (\(cacheLine(run))), "
                + "OpenBLAS \(machine(run, "blas_version")) with its \(machine(run, "blas_kernel")) kernel (\(machine(run, "blas_kernel_origin"))). "
                + "One core (OpenBLAS threads: \(Int(run["blas_threads"]?.doubleValue ?? 0))). Each variant ran once untimed, then \(repeats) "
                + "time\(repeats == 1 ? "" : "s") in interleaved rounds, measured again (up to "
                + "\(VectorizationBenchmark.maximumBatches) batches) while the runs spread by more than "
                + "\(percent(VectorizationBenchmark.noiseThreshold)) of their median; times are the thread's CPU time, so time given "
                + "to other processes does not count. Bars are medians, whiskers the fastest and slowest run."
        })
        return items
    }

    /// One group as the page shows it: its values, the variants it ran (the
    /// baseline, its plain loop, first) as table rows, and the fastest.
    private struct Shown {
        let group: VectorizationVariant.Group
        let values: Runs
        let ran: [VectorizationVariant]
        let rows: Runs
        /// The variant with the lowest mean of its median times, marked in
        /// the table when it did better than another (``Presenter/lowestMean(_:_:)``).
        let best: VectorizationVariant?
        /// The variant with the lowest mean of its median times, even when it
        /// ran alone or ties (``Presenter/lowestRow(_:_:)``): the key figures name it.
        let fastest: VectorizationVariant?

        init(_ group: VectorizationVariant.Group, _ spec: Spec, _ p: Presenter) {
            self.group = group
            values = p[group.rawValue]
            let ran = group.variants.filter(spec.variants.contains)
            self.ran = ran
            rows = values.namedRows(ran.map { ($0.rawValue, $0.label(in: group)) })
            best = p.lowestMean(rows, "median_ms").map { ran[$0] }
            fastest = p.lowestRow(rows, "median_ms").map { ran[$0] }
        }

        func label(_ variant: VectorizationVariant) -> String { variant.label(in: group) }
        var baseline: String { ran.first.map(label) ?? "first variant" }

        /// The chart's title and the table's caption.
        var headings: (title: String, caption: String) {
            let n = Int(values["length"].number ?? 0), passes = Int(values["passes"].number ?? 0)
            switch group {
            case .dot:
                return ("Dot product of two \(n.grouped)-element vectors from memory",
                        "Vectors of \(n.grouped) elements (\(bytes(16 * Double(n)))), read from memory. "
                            + "The limit is the time the streaming read takes for the same bytes.")
            case .cache:
                return ("Dot product of two \(n.grouped)-element vectors in cache, \(passes.grouped) times",
                        "Vectors of \(n.grouped) elements (\(bytes(16 * Double(n)))), "
                            + "summed \(passes.grouped) times per run: the same multiply-adds as the dot product from memory.")
            case .gemm:
                return ("Product of two \(n) × \(n) matrices", "Matrices of \(n) × \(n) doubles; GFLOPS counts 2n³ operations.")
            }
        }
    }

    private static func metrics(_ groups: [Shown], _ p: inout Presenter) -> [Metric] {
        var out = [p.choice("machine") { run in
            (machine(run, "processor"), "OpenBLAS \(machine(run, "blas_version")) kernel \(machine(run, "blas_kernel")) "
                        + "(\(machine(run, "blas_kernel_origin"))); \(cacheLine(run))")
        }]
        for s in groups {
            if s.group == .dot {
                let bytes = p["memory"]["bytes"].number ?? .nan
                out.append(p.metric("memory bandwidth", p["bandwidth_gbs"], unit: "GB/s", detail: "streaming read of \(Self.bytes(bytes)), one core") {
                    number($0) + " GB/s"
                })
            }
            guard let fastest = s.fastest else { continue }
            let compared = s.ran.count > 1
            switch s.group {
            case .dot:
                if s.values["limit_ms"].first != nil {
                    out.append(p.metric("fastest dot product from memory", s.values[fastest.rawValue]["bandwidth_fraction"], style: .percent,
                                        detail: "of the bandwidth limit (\(s.label(fastest)))", format: percent))
                }
            case .cache where compared:
                let shown = s.ran.contains(.simd) ? .simd : fastest
                out.append(p.metric("\(s.label(shown)) in cache", s.values[shown.rawValue]["speedup"], unit: "×",
                                    detail: "faster than the \(s.baseline)", format: times))
            case .gemm where compared:
                out.append(p.metric("\(s.label(fastest)) vs \(s.baseline)", s.values[fastest.rawValue]["speedup"], unit: "×",
                                    detail: number(s.values[fastest.rawValue]["gflops"].mean) + " GFLOPS", format: times))
            default: break
            }
        }
        return out
    }

    private static func present(_ s: Shown, _ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let name = s.group.rawValue
        var items = [chart(s, spec, &p), table(s, &p)]
        items += p.warnings { run in
            var raised: [String] = []
            if run.at(name, "noisy") == .bool(true) {
                raised.append("Noisy timings: the runs of '\(name)' spread by up to \(percent(run.number(name, "spread"))) of their "
                    + "median (interquartile range) in the steadiest of \(Int(run.at(name, "batches")?.doubleValue ?? 0)) batches of "
                    + "\(spec.repeats.grouped) rounds; another process was probably using the machine. "
                    + "Ratios between variants are less certain than usual.")
            }
            let tolerance = run.number(name, "tolerance")
            if run.at(name, "agree") == .bool(false) {
                let culprits = s.ran.filter { !(run.number(name, $0.rawValue, "relative_difference") <= tolerance) }.map(s.label)
                raised.append("The variants of '\(name)' disagree: \(culprits.joined(separator: ", ")) differ from the "
                    + "\(s.baseline) by up to \(number(run.number(name, "max_relative_difference"), significant: 2)) (relative), "
                    + "more than rounding can explain (\(number(tolerance, significant: 2))).")
            }
            return raised
        }
        if s.values["fma_slowdown"].first != nil {
            items.append(p.note { run in
                let slowdown = run.number(name, "fma_slowdown")
                return slowdown > 2
                    ? "SIMD8 addProduct is \(times(slowdown)) slower than SIMD8 × 2: this build's target CPU has no "
                        + "fused multiply-add instruction, so each lane's multiply-add is a call to the C library's fma."
                    : "SIMD8 addProduct runs about as fast as SIMD8 × 2 (\(times(slowdown)) the time): this build uses "
                        + "the CPU's fused multiply-add instructions."
            })
        }
        if s.rows.elements.contains(where: { $0["median_ms"].min < 0.1 }) {
            items.append(.note("Some runs took less than 0.1 ms; times that short are noisy. A larger size gives steadier figures."))
        }
        return items
    }

    private static func chart(_ s: Shown, _ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let title = s.headings.title
        // Over seeds the chart's own description gives the means and ranges drawn.
        let summary = p.isSeeded ? "" : title + ", median time of each variant: "
            + s.rows.elements.map { "\($0["label"].text ?? "") \(number($0["median_ms"].number)) ms" }.joined(separator: ", ") + "."
        let series = p.series("median of \(spec.repeats.grouped) runs", x: [], y: s.rows.each("median_ms"),
                              low: s.rows.each("min_ms"), high: s.rows.each("max_ms"))
        let limit = s.values["limit_ms"]
        return p.chart(Chart(
            title: title, style: .bar, xLabel: "variant", yLabel: "time per run (ms, log scale)",
            yScale: .log, categories: s.ran.map(s.label), series: [series],
            referenceLines: limit.first == nil ? [] : [Chart.ReferenceLine(label: "memory-bandwidth limit", y: limit.mean)],
            summary: summary))
    }

    private static func table(_ s: Shown, _ p: inout Presenter) -> PresentationItem {
        let tolerance = s.values["tolerance"].numbers
        let best = { (row: Runs) -> ResultTable.Cell.Tone? in row["name"].text == s.best?.rawValue ? .good : nil }
        let measured: [Presenter.Column] = switch s.group {
        case .dot: [.number("ns / element", "ns_per_element"), .number("GB/s", "gbs"), .init("of bandwidth limit") { p, row in
            // One run's fraction is written as measured (no number to align); over seeds, their mean and spread.
            let fraction = row["bandwidth_fraction"]
            return p.isSeeded && fraction.allNumbers
                ? p.cell(fraction, style: .percent, format: percent)
                : p.textCell(fraction) { percent($0.doubleValue) }
        }]
        case .cache: [.number("ns / element", "ns_per_element"), .number("GFLOPS", "gflops")]
        case .gemm: [.number("GFLOPS", "gflops")]
        }
        let columns: [Presenter.Column] = [
            Presenter.Column.text("variant", "label").tone(best), Presenter.Column.number("median ms", "median_ms").tone(best),
            .number("min ms", "min_ms"), .number("max ms", "max_ms"),
        ] + measured + [
            .number("speed-up", "speedup", unit: "×", format: times),
            Presenter.Column("rel. difference") { p, row in
                p.textCell(row["relative_difference"]) { $0.doubleValue == 0 ? "0" : number($0.doubleValue, significant: 2) }
            }.tone { row in zip(row["relative_difference"].numbers, tolerance).allSatisfy { $0 <= $1 } ? nil : .bad },
        ]
        return p.table(caption: s.headings.caption + " Speed-ups are over the \(s.baseline); differences are relative to its result.",
                       rows: s.rows, columns: columns)
    }

    /// Whether the vectors of the dot group fit fewer than four of the largest cache, and why.
    private static func sizingNote(_ run: Record, _ spec: Spec) -> String? {
        guard case .record? = run["sizing"] else { return nil }
        let pair = bytes(run.number("sizing", "vectors_bytes"))
        guard let cache = run.at("sizing", "largest_cache_bytes")?.doubleValue.map(Int.init) else {
            return "This system reports no cache sizes, so the vectors (\(pair) for the pair) could not be checked against the cache."
        }
        let multiple = run.number("sizing", "caches")
        let only = "The vectors (\(pair) for the pair) are only \(number(multiple, significant: 2))× the largest cache (\(binaryBytes(cache)))"
        if run.at("sizing", "limited_by_budget") == .bool(true) {
            return only + ": \(VectorizationBenchmark.cacheMultiple)× would exceed the memory budget of "
                + "\(bytes(Double(spec.memoryBudget))). Part of each pass may still come from the cache."
        }
        if multiple < Double(VectorizationBenchmark.cacheMultiple) {
            return only + "; part of each pass may come from the cache. 'size: auto' sizes them from the cache."
        }
        return nil
    }

    // MARK: - The machine

    private static func machine(_ run: Record, _ field: String) -> String {
        run.at("machine", field).map(Presenter.plainText) ?? ""
    }

    /// "L1d 48 KiB, L2 2 MiB, L3 300 MiB", from `machine.l<level>_bytes` (in level order).
    private static func cacheLine(_ run: Record) -> String {
        guard case .record(let machine)? = run["machine"] else { return "cache sizes not reported" }
        let caches = machine.fields.compactMap { field -> (level: Int, bytes: Int)? in
            guard field.name.hasPrefix("l"), field.name.hasSuffix("_bytes"),
                  let level = Int(field.name.dropFirst().dropLast("_bytes".count)), let bytes = field.value.doubleValue else { return nil }
            return (level, Int(bytes))
        }
        guard !caches.isEmpty else { return "cache sizes not reported" }
        return caches.map { "L\($0.level)\($0.level == 1 ? "d" : "") \(binaryBytes($0.bytes))" }.joined(separator: ", ")
    }

    // MARK: - Formatting

    private static func number(_ x: Double?, significant: Int = 3) -> String {
        ResultValue.format(x ?? .nan, significant: significant)
    }

    private static func times(_ x: Double?) -> String { number(x) + "×" }

    private static func percent(_ x: Double?) -> String { NumberFormat.percent(x ?? .nan, decimals: 0) }

    /// Cache sizes as the hardware has them: 48 KiB, 2 MiB, 300 MiB.
    private static func binaryBytes(_ b: Int) -> String {
        if b >= 1 << 30, b % (1 << 30) == 0 { return "\(b >> 30) GiB" }
        let unit = [(1 << 20, " MiB"), (1 << 10, " KiB")].first { b >= $0.0 }
        return unit.map { number(Double(b) / Double($0.0)) + $0.1 } ?? "\(b) bytes"
    }

    private static func bytes(_ b: Double) -> String {
        let unit = [(1e9, " GB"), (1e6, " MB"), (1e3, " kB")].first { b >= $0.0 }
        return unit.map { number(b / $0.0) + $0.1 } ?? number(b) + " bytes"
    }
}
