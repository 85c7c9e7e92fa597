import LessonSupport

extension VectorizationKind {
    fileprivate typealias Group = VectorizationVariant.Group

    /// Key figures, then per group a bar chart of the variants' times, their
    /// table and what to notice, and a note on how and where it was measured.
    /// Over seeds, the fastest variant is the one with the lowest mean time.
    public static func present(_ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        var items: [PresentationItem] = [.metrics(metrics(spec, &p))]
        let sizing = p.text { run in sizingNote(run, spec) ?? "" }
        if !sizing.isEmpty { items.append(.note(sizing)) }
        for group in spec.groups { items += present(group, spec, &p) }
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

    /// The variants a group ran, its baseline (plain loop) first.
    private static func variants(_ group: Group, _ spec: Spec) -> [VectorizationVariant] {
        group.variants.filter(spec.variants.contains)
    }

    /// The variant with the lowest mean of its median times.
    private static func fastest(_ group: Group, _ spec: Spec, _ p: Presenter) -> VectorizationVariant? {
        let g = p[group.rawValue]
        return variants(group, spec).min { g[$0.rawValue]["median_ms"].mean < g[$1.rawValue]["median_ms"].mean }
    }

    private static func metrics(_ spec: Spec, _ p: inout Presenter) -> [Metric] {
        var out = [p.choice("machine") { run in
            (machine(run, "processor"), "OpenBLAS \(machine(run, "blas_version")) kernel \(machine(run, "blas_kernel")) "
                        + "(\(machine(run, "blas_kernel_origin"))); \(cacheLine(run))")
        }]
        for group in spec.groups {
            let g = p[group.rawValue], ran = variants(group, spec)
            guard let best = fastest(group, spec, p), let baseline = ran.first else { continue }
            switch group {
            case .dot:
                let bytes = p["memory"]["bytes"].number ?? .nan
                out.append(p.metric("memory bandwidth", p["bandwidth_gbs"], unit: "GB/s", detail: "streaming read of \(Self.bytes(bytes)), one core") {
                    number($0 ?? .nan) + " GB/s"
                })
                if g["limit_ms"].first != nil {
                    out.append(p.metric("fastest dot product from memory", g[best.rawValue]["bandwidth_fraction"], style: .percent,
                                        detail: "of the bandwidth limit (\(best.label(in: group)))") { percent($0 ?? .nan) })
                }
            case .cache:
                let shown = ran.contains(.simd) ? .simd : best
                if ran.count > 1 {
                    out.append(p.metric("\(shown.label(in: group)) in cache", g[shown.rawValue]["speedup"], unit: "×",
                                        detail: "faster than the \(baseline.label(in: group))") { times($0 ?? .nan) })
                }
            case .gemm:
                if ran.count > 1 {
                    out.append(p.metric("\(best.label(in: group)) vs \(baseline.label(in: group))", g[best.rawValue]["speedup"], unit: "×",
                                        detail: number(g[best.rawValue]["gflops"].mean) + " GFLOPS") { times($0 ?? .nan) })
                }
            }
        }
        return out
    }

    private static func present(_ group: Group, _ spec: Spec, _ p: inout Presenter) -> [PresentationItem] {
        let g = p[group.rawValue], ran = variants(group, spec), name = group.rawValue
        let baseline = ran.first?.label(in: group) ?? "first variant"
        var items = [chart(group, spec, &p), table(group, spec, &p)]
        items += p.warnings { run in
            let r = Runs([.record(run)])[name]
            var raised: [String] = []
            if r["noisy"].bool == true {
                raised.append("Noisy timings: the runs of '\(name)' spread by up to \(percent(r["spread"].number ?? .nan)) of their "
                    + "median (interquartile range) in the steadiest of \(Int(r["batches"].number ?? 0)) batches of \(spec.repeats.grouped) rounds; "
                    + "another process was probably using the machine. Ratios between variants are less certain than usual.")
            }
            let tolerance = r["tolerance"].number ?? .nan
            if r["agree"].bool == false {
                let culprits = ran.filter { !((r[$0.rawValue]["relative_difference"].number ?? .nan) <= tolerance) }.map { $0.label(in: group) }
                raised.append("The variants of '\(name)' disagree: \(culprits.joined(separator: ", ")) differ from the "
                    + "\(baseline) by up to \(number(r["max_relative_difference"].number ?? .nan, significant: 2)) (relative), "
                    + "more than rounding can explain (\(number(tolerance, significant: 2))).")
            }
            return raised
        }
        if g["fma_slowdown"].first != nil {
            items.append(p.note { run in
                let slowdown = Runs([.record(run)])[name]["fma_slowdown"].number ?? .nan
                return slowdown > 2
                    ? "SIMD8 addProduct is \(times(slowdown)) slower than SIMD8 × 2: this build's target CPU has no "
                        + "fused multiply-add instruction, so each lane's multiply-add is a call to the C library's fma."
                    : "SIMD8 addProduct runs about as fast as SIMD8 × 2 (\(times(slowdown)) the time): this build uses "
                        + "the CPU's fused multiply-add instructions."
            })
        }
        if ran.contains(where: { g[$0.rawValue]["median_ms"].min < 0.1 }) {
            items.append(.note("Some runs took less than 0.1 ms; times that short are noisy. A larger size gives steadier figures."))
        }
        return items
    }

    private static func chart(_ group: Group, _ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let g = p[group.rawValue], ran = variants(group, spec)
        let length = Int(g["length"].number ?? 0)
        let what: String
        switch group {
        case .dot: what = "Dot product of two \(length.grouped)-element vectors from memory"
        case .cache: what = "Dot product of two \(length.grouped)-element vectors in cache, \(Int(g["passes"].number ?? 0).grouped) times"
        case .gemm: what = "Product of two \(length) × \(length) matrices"
        }
        // Over seeds the chart's own description gives the means and ranges drawn.
        let summary = p.isSeeded ? "" : what + ", median time of each variant: "
            + ran.map { "\($0.label(in: group)) \(number(g[$0.rawValue]["median_ms"].number ?? .nan)) ms" }.joined(separator: ", ") + "."
        func bars(_ field: String) -> Runs {
            Runs((0..<p.runs.count).map { r in .numbers(ran.map { g[$0.rawValue][field].numbers[r] }) })
        }
        let series = p.series("median of \(spec.repeats.grouped) runs", x: [], y: bars("median_ms"), low: bars("min_ms"), high: bars("max_ms"))
        let limit = g["limit_ms"]
        return p.chart(Chart(
            title: what, style: .bar, xLabel: "variant", yLabel: "time per run (ms, log scale)",
            yScale: .log, categories: ran.map { $0.label(in: group) }, series: [series],
            referenceLines: limit.first == nil ? [] : [Chart.ReferenceLine(label: "memory-bandwidth limit", y: limit.mean)],
            summary: summary))
    }

    private static func table(_ group: Group, _ spec: Spec, _ p: inout Presenter) -> PresentationItem {
        let ran = variants(group, spec), best = fastest(group, spec, p)?.rawValue
        let tolerance = p[group.rawValue]["tolerance"].numbers
        let tone = { (row: Runs) -> ResultTable.Cell.Tone in row["name"].text == best ? .good : .plain }
        var columns: [Presenter.Column] = [
            .init("variant", numeric: false) { _, row in
                ResultTable.Cell(VectorizationVariant(rawValue: row["name"].text ?? "")?.label(in: group) ?? "", tone: tone(row))
            },
            .init("median ms") { p, row in p.cell(row["median_ms"], tone: tone(row), format: Presenter.significant(3)) },
            .number("min ms", "min_ms"), .number("max ms", "max_ms"),
        ]
        switch group {
        case .dot:
            columns += [.number("ns / element", "ns_per_element"), .number("GB/s", "gbs"), .init("of bandwidth limit") { p, row in
                // One run's fraction is written as measured (no number to align); over seeds, their mean and spread.
                let fraction = row["bandwidth_fraction"]
                return p.isSeeded && fraction.allNumbers
                    ? p.cell(fraction, style: .percent) { percent($0 ?? .nan) }
                    : p.textCell(fraction) { $0?.doubleValue.map(percent) ?? "–" }
            }]
        case .cache: columns += [.number("ns / element", "ns_per_element"), .number("GFLOPS", "gflops")]
        case .gemm: columns += [.number("GFLOPS", "gflops")]
        }
        columns += [
            .number("speed-up", "speedup", unit: "×") { times($0 ?? .nan) },
            .init("rel. difference") { p, row in
                let difference = row["relative_difference"]
                let ok = zip(difference.numbers, tolerance).allSatisfy { $0 <= $1 }
                return p.textCell(difference, tone: ok ? .plain : .bad) { value in
                    value?.doubleValue == 0 ? "0" : number(value?.doubleValue ?? .nan, significant: 2)
                }
            },
        ]
        let length = Int(p[group.rawValue]["length"].number ?? 0), passes = Int(p[group.rawValue]["passes"].number ?? 0)
        let caption: String
        switch group {
        case .dot:
            caption = "Vectors of \(length.grouped) elements (\(bytes(16 * Double(length)))), read from memory. "
                + "The limit is the time the streaming read takes for the same bytes."
        case .cache:
            caption = "Vectors of \(length.grouped) elements (\(bytes(16 * Double(length)))), "
                + "summed \(passes.grouped) times per run: the same multiply-adds as the dot product from memory."
        case .gemm:
            caption = "Matrices of \(length) × \(length) doubles; GFLOPS counts 2n³ operations."
        }
        // The group's variants as rows: each one's record, named.
        let rows = Runs(p.runs.records.map { run in
            .list(ran.map { variant in
                guard case .record(var row)? = Runs([.record(run)])[group.rawValue][variant.rawValue].first else { return .record(Record()) }
                row["name"] = .string(variant.rawValue)
                return .record(row)
            })
        })
        return p.table(caption: caption + " Speed-ups are over the \(ran.first?.label(in: group) ?? "first variant"); "
                           + "differences are relative to its result.", rows: rows, columns: columns)
    }

    /// Whether the vectors of the dot group fit fewer than four of the largest cache, and why.
    private static func sizingNote(_ run: Record, _ spec: Spec) -> String? {
        guard case .record(let sizing)? = run["sizing"] else { return nil }
        let pair = bytes(sizing["vectors_bytes"]?.doubleValue ?? .nan)
        guard let cache = sizing["largest_cache_bytes"]?.doubleValue.map(Int.init) else {
            return "This system reports no cache sizes, so the vectors (\(pair) for the pair) could not be checked against the cache."
        }
        let multiple = sizing["caches"]?.doubleValue ?? .nan
        let only = "The vectors (\(pair) for the pair) are only \(number(multiple, significant: 2))× the largest cache (\(binaryBytes(cache)))"
        if sizing["limited_by_budget"] == .bool(true) {
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
        Runs([.record(run)])["machine"][field].text ?? ""
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

    private static func number(_ x: Double, significant: Int = 3) -> String {
        ResultValue.format(x, significant: significant)
    }

    private static func times(_ x: Double) -> String { number(x) + "×" }

    private static func percent(_ x: Double) -> String { NumberFormat.percent(x, decimals: 0) }

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
