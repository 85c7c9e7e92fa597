import Foundation
import Testing
@testable import Experiments
import HostMachine
import NeuralEngine

@Suite struct VectorizationKindTests {
    /// Small enough for a debug build; no assertion here is about time.
    static let small = "size: 10_000\ncache_size: 256\nmatrix_size: 32\nrepeats: 1\n"

    func prepare(_ body: String) -> (PreparedExperiment?, [SpecIssue]) {
        let reader = SpecReader(body: body, kind: "vectorization",
                                descriptors: CommonKeys.descriptors + VectorizationKind.keys)
        let prepared = AnyExperimentKind(VectorizationKind.self).prepare(reader, DecodeContext(lessonDirectory: "."))
        return (prepared, reader.issues)
    }

    func run(_ body: String, seed: UInt64 = 1) throws -> ExperimentOutcome {
        let (prepared, issues) = prepare(body)
        #expect(issues.isEmpty, "\(issues)")
        return try #require(prepared).presented(RunContext(seed: seed, decode: DecodeContext(lessonDirectory: ".")))
    }

    func value(_ record: Record, _ path: String) -> ResultValue? {
        ResultValue.record(record).lookup(path.split(separator: ".").map { .key(String($0)) })
    }

    func number(_ record: Record, _ path: String) -> Double {
        value(record, path)?.doubleValue ?? .nan
    }

    @Test func isRegisteredAndRunsAlone() {
        let kind = KindRegistry.kind(named: "vectorization")
        #expect(kind != nil)
        #expect(kind?.timesItself == true)
    }

    @Test func defaultsDecode() throws {
        let (prepared, issues) = prepare("id: vec\n")
        #expect(issues.isEmpty)
        let json = try #require(prepared?.specJSON)
        let spec = try JSONDecoder().decode(VectorizationKind.Spec.self, from: Data(json.utf8))
        #expect(spec.size == nil)  // auto: from the measured cache
        #expect(spec.memoryBudget == 2_000_000_000)
        #expect(spec.cacheSize == 1_024)
        #expect(spec.matrixSize == 512)
        #expect(spec.repeats == 5)
        #expect(spec.groups == [.dot, .cache, .gemm])
        #expect(spec.variants == VectorizationVariant.allCases)
    }

    @Test func namesAreDeduplicatedAndOrdered() throws {
        let (prepared, _) = prepare("run: [gemm, dot, gemm]\nvariants: [blas, scalar, naive]\n")
        let json = try #require(prepared?.specJSON)
        let spec = try JSONDecoder().decode(VectorizationKind.Spec.self, from: Data(json.utf8))
        #expect(spec.groups == [.dot, .gemm])
        #expect(spec.variants == [.scalar, .naive, .blas])
    }

    @Test(arguments: [
        ("size: 100\n", "'size' is 100, outside the allowed range 1,000 ≤ size ≤ 250,000,000"),
        ("size: 300_000_000\n", "'size' is 300_000_000, outside the allowed range 1,000 ≤ size ≤ 250,000,000"),
        ("size: 200_000_000\n", "two vectors of 200,000,000 doubles take 3.2×10⁹ bytes, more than memory_budget (2,000,000,000)"),
        ("size: ten\n", "'size' must be an integer, found 'ten'"),
        ("cache_size: 10\n", "'cache_size' is 10, outside the allowed range 64 ≤ cache_size ≤ 1,000,000"),
        ("matrix_size: 2048\n", "'matrix_size' is 2048, outside the allowed range 16 ≤ matrix_size ≤ 1,024"),
        ("matrix_size: 8\n", "'matrix_size' is 8, outside the allowed range 16 ≤ matrix_size ≤ 1,024"),
        ("repeats: 0\n", "'repeats' is 0, outside the allowed range 1 ≤ repeats ≤ 50"),
        ("repeats: 51\n", "'repeats' is 51, outside the allowed range 1 ≤ repeats ≤ 50"),
        ("run: [dott]\n", "unknown group 'dott' in 'run'; did you mean 'dot'?"),
        ("run: []\n", "'run' must name at least one group: dot, cache, gemm"),
        ("run: [[dot]]\n", "each item of 'run' must be a group name, found a list"),
        ("variants: [simd4]\n", "unknown variant 'simd4' in 'variants'; did you mean 'simd'?"),
        ("run: [gemm]\nvariants: [simd]\n", "'variants' leaves nothing to run in group 'gemm'"),
        ("sise: 1000\n", "unknown key 'sise' for kind 'vectorization'; did you mean 'size'?"),
        ("matrix_size: 1024\nrepeats: 9\n",
         "the naive matrix product would do 1.07×10¹⁰ multiply-adds ((repeats + 1) × matrix_size³), more than the budget of 1×10¹⁰"),
    ])
    func validationErrors(body: String, message: String) {
        let (prepared, issues) = prepare(body)
        #expect(prepared == nil)
        #expect(issues.map(\.message).contains(message), "\(issues.map(\.message))")
    }

    @Test func theNaiveBudgetOnlyAppliesToTheNaiveLoop() {
        #expect(prepare("matrix_size: 1024\nrepeats: 9\nvariants: [ikj, blas]\n").0 != nil)
        #expect(prepare("matrix_size: 1024\nrepeats: 9\nrun: [dot]\n").0 != nil)
        #expect(prepare("matrix_size: 1024\nrepeats: 8\n").0 != nil)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let (_, issues) = prepare("size: 1\nmatrix_size: 1\nrepeats: 100\n")
        #expect(issues.count == 3)
    }

    @Test func smallRunAgreesAndHasTheWholeTree() throws {
        let values = try run(Self.small).values
        for group in ["dot", "cache", "gemm"] {
            #expect(value(values, "\(group).agree") == .bool(true), "\(group)")
            #expect(number(values, "\(group).max_relative_difference") <= 1e-12, "\(group)")
        }
        #expect(value(values, "dot.baseline") == .string("scalar"))
        #expect(value(values, "gemm.baseline") == .string("naive"))
        #expect(value(values, "cache.passes") == .integer(39))
        for variant in ["scalar", "accumulators", "simd", "simd_fma", "blas"] {
            for group in ["dot", "cache"] {
                for field in ["median_ms", "min_ms", "max_ms", "speedup", "gflops", "ns_per_element", "value"] {
                    #expect(number(values, "\(group).\(variant).\(field)").isFinite, "\(group).\(variant).\(field)")
                }
                #expect(number(values, "\(group).\(variant).speedup") > 0)
            }
            #expect(number(values, "dot.\(variant).bandwidth_fraction") > 0)
            #expect(number(values, "dot.\(variant).gbs") > 0)
        }
        for variant in ["naive", "ikj", "blas"] {
            #expect(number(values, "gemm.\(variant).gflops") > 0)
            #expect(number(values, "gemm.\(variant).speedup") > 0)
        }
        #expect(number(values, "dot.scalar.speedup") == 1)
        #expect(number(values, "gemm.naive.speedup") == 1)
        // The naive and i-k-j loops add the same terms in the same order.
        #expect(number(values, "gemm.ikj.relative_difference") == 0)
        #expect(number(values, "bandwidth_gbs") > 0)
        #expect(number(values, "dot.limit_ms") > 0)
        #expect(number(values, "dot.best_bandwidth_fraction") > 0)
        #expect(number(values, "dot.fma_slowdown") > 0)
        // The aliases the issue's example expectation reads.
        #expect(value(values, "blas.gemm") == value(values, "gemm.blas"))
        #expect(value(values, "blas.dot") == value(values, "dot.blas"))
        #expect(number(values, "blas.gemm.speedup") > 0)
        #expect(value(values, "blas_threads") == .integer(1))
    }

    @Test func valuesAreDeterministicForASeed() throws {
        let body = "size: 5000\nrun: [dot]\nvariants: [scalar, blas]\nrepeats: 1\n"
        let first = try run(body, seed: 3).values, second = try run(body, seed: 3).values
        let other = try run(body, seed: 4).values
        #expect(value(first, "dot.scalar.value") == value(second, "dot.scalar.value"))
        #expect(value(first, "dot.blas.value") == value(second, "dot.blas.value"))
        #expect(value(first, "dot.scalar.value") != value(other, "dot.scalar.value"))
        // Inputs are uniform in [0, 1), so a product averages 1/4.
        #expect(abs(number(first, "dot.scalar.value") / 5000 - 0.25) < 0.02)
    }

    @Test func onlyTheChosenGroupsAndVariantsRun() throws {
        let outcome = try run("matrix_size: 16\nrepeats: 2\nrun: [gemm]\nvariants: [naive, blas]\n")
        let values = outcome.values
        #expect(value(values, "dot") == nil)
        #expect(value(values, "cache") == nil)
        #expect(value(values, "bandwidth_gbs") == nil)
        #expect(value(values, "gemm.ikj") == nil)
        #expect(value(values, "gemm.naive.median_ms") != nil)
        #expect(value(values, "blas.gemm.speedup") != nil)
        #expect(value(values, "blas.dot") == nil)
        let charts = outcome.presentation.filter { if case .chart = $0 { return true } else { return false } }
        #expect(charts.count == 1)
    }

    /// One variant (or variants that tie) marks no row, yet the key figures
    /// still show the bandwidth and the fastest dot product from memory.
    @Test func oneVariantKeepsTheKeyFigures() throws {
        let outcome = try run("size: 10_000\nrepeats: 1\nrun: [dot]\nvariants: [blas]\n")
        let labels = outcome.presentation.flatMap { item -> [String] in
            if case .metrics(let metrics) = item { return metrics.map(\.label) } else { return [] }
        }
        #expect(labels == ["machine", "memory bandwidth", "fastest dot product from memory"])
    }

    @Test func presentationHasAChartAndATablePerGroup() throws {
        let outcome = try run(Self.small)
        var charts: [Chart] = [], tables: [ResultTable] = []
        for item in outcome.presentation {
            switch item {
            case .chart(let chart): charts.append(chart)
            case .table(let table): tables.append(table)
            case .warning(let text): Issue.record("unexpected warning: \(text)")
            default: break
            }
        }
        #expect(charts.count == 3)
        #expect(tables.count == 3)
        for chart in charts {
            #expect(chart.style == .bar)
            #expect(chart.yScale == .log)
            #expect(chart.series.count == 1)
            #expect(chart.series[0].y.count == chart.categories.count)
            #expect(chart.series[0].yLow?.count == chart.categories.count)
            #expect(chart.series[0].yHigh?.count == chart.categories.count)
        }
        #expect(charts[0].referenceLines.map(\.label) == ["memory-bandwidth limit"])
        #expect(charts[0].categories == ["scalar loop", "4 accumulators", "SIMD8 × 2", "SIMD8 addProduct", "BLAS ddot"])
        #expect(charts[2].categories == ["naive i-j-k", "i-k-j order", "BLAS dgemm"])
        #expect(tables[0].rows.count == 5 && tables[2].rows.count == 3)
        #expect(tables.allSatisfy { table in table.rows.allSatisfy { $0.count == table.columns.count } })
    }

    /// A report of made-up measurements: the plain loop, a SIMD loop whose
    /// result is off by `difference`, and an `addProduct` loop `slowdown`
    /// times slower than the SIMD loop.
    static let madeUp = VectorizationKind.Spec(size: 1_000, memoryBudget: 2_000_000_000, cacheSize: 64, matrixSize: 16, repeats: 3,
                                               groups: [.cache], variants: [.scalar, .simd, .simdFMA])

    func report(difference: Double, slowdown: Double, spread: Double = 0.01) -> ExperimentOutcome {
        let spec = Self.madeUp
        func measured(_ name: String, _ seconds: [Double], _ difference: Double) -> VectorizationBenchmark.Measurement {
            .init(name: name, seconds: seconds, value: 1, relativeDifference: difference)
        }
        let group = VectorizationBenchmark.GroupResult(
            group: .cache,
            measurements: [measured("scalar", [4, 5, 6], 0), measured("simd", [1, 1, 1], difference),
                           measured("simd_fma", [slowdown, slowdown, slowdown], 0)],
            length: 100, passes: 10, spread: spread, batches: 3)
        let result = VectorizationBenchmark.Result(
            groups: [group], memory: nil, memoryBytes: 0, blasThreads: 1,
            sizing: .init(length: 1_000, largestCache: nil, automatic: false, limitedByBudget: false),
            processor: Processor(vendor: "GenuineIntel", model: "Test CPU", caches: [.init(level: 1, bytes: 48 << 10, sharedBy: 1)]),
            blasKernel: "Haswell", blasKernelOrigin: "auto-selected", blasVersion: "0.3.21")
        let outcome = VectorizationReport(spec: spec, result: result).outcome
        var presenter = Presenter(RunValues(outcome.values))
        return ExperimentOutcome(values: outcome.values, presentation: VectorizationKind.present(spec, &presenter),
                                 timingNoise: outcome.timingNoise)
    }

    func texts(_ outcome: ExperimentOutcome) -> (warnings: [String], notes: [String]) {
        var warnings: [String] = [], notes: [String] = []
        for item in outcome.presentation {
            if case .warning(let text) = item { warnings.append(text) }
            if case .note(let text) = item { notes.append(text) }
        }
        return (warnings, notes)
    }

    @Test func aMismatchIsAWarning() {
        let outcome = report(difference: 1e-6, slowdown: 10)
        #expect(value(outcome.values, "cache.agree") == .bool(false))
        #expect(number(outcome.values, "cache.max_relative_difference") == 1e-6)
        #expect(texts(outcome).warnings == [
            "The variants of 'cache' disagree: SIMD8 × 2 differ from the scalar loop by up to 1×10⁻⁶ (relative), "
                + "more than rounding can explain (1×10⁻¹²).",
        ])
        #expect(texts(report(difference: 1e-13, slowdown: 10)).warnings.isEmpty)
        #expect(texts(report(difference: .nan, slowdown: 10)).warnings.count == 1)
    }

    /// Over seeds the fastest variant is the one with the lowest mean time,
    /// not the first seed's: its row is marked, and its times are means.
    @Test func overSeedsTheFastestIsTheLowestMean() throws {
        let runs = [report(difference: 0, slowdown: 0.5), report(difference: 0, slowdown: 3)]
        #expect(value(runs[0].values, "cache.fastest") == .string("simd_fma"))
        var presenter = Presenter(RunValues(records: runs.map(\.values), seeds: [1, 2]))
        let items = VectorizationKind.present(Self.madeUp, &presenter)
        let table = try #require(items.lazy.compactMap { item -> ResultTable? in
            if case .table(let table) = item { return table } else { return nil }
        }.first)
        #expect(table.rows.map { $0[0].tone } == [.plain, .good, .plain])
        #expect(table.rows.map { $0[1].tone } == [.plain, .good, .plain])
        #expect(table.rows[2][1].value == 1_750)
        #expect(table.rows[2][1].spread != nil)
    }

    @Test func speedupsAreOverTheFirstVariant() {
        let values = report(difference: 0, slowdown: 10).values
        #expect(number(values, "cache.scalar.speedup") == 1)
        #expect(number(values, "cache.simd.speedup") == 5)
        #expect(number(values, "cache.simd_fma.speedup") == 0.5)
        #expect(number(values, "cache.fma_slowdown") == 10)
        #expect(value(values, "cache.fastest") == .string("simd"))
        #expect(number(values, "cache.simd.ns_per_element") == 1e9 / 1_000)
    }

    @Test func theFMANoteSaysWhichBuildThisIs() {
        let slow = texts(report(difference: 0, slowdown: 10)).notes
        let fast = texts(report(difference: 0, slowdown: 1.05)).notes
        #expect(slow.contains { $0.hasPrefix("SIMD8 addProduct is 10× slower") && $0.contains("no fused multiply-add") })
        #expect(fast.contains { $0.hasPrefix("SIMD8 addProduct runs about as fast") })
    }

    @Test func noisyTimingsAreAWarningAndMarkTheOutcome() {
        let steady = report(difference: 0, slowdown: 10, spread: 0.02)
        #expect(steady.timingNoise == nil)
        #expect(value(steady.values, "cache.noisy") == .bool(false))
        let noisy = report(difference: 0, slowdown: 10, spread: 0.35)
        #expect(value(noisy.values, "cache.noisy") == .bool(true))
        #expect(number(noisy.values, "cache.spread") == 0.35)
        #expect(noisy.timingNoise?.contains("spread by up to 35 %") == true, "\(noisy.timingNoise ?? "nil")")
        #expect(texts(noisy).warnings.contains { $0.hasPrefix("Noisy timings: the runs of 'cache' spread by up to 35 %") })
    }

    @Test func theMachineIsShown() {
        let outcome = report(difference: 0, slowdown: 10)
        #expect(value(outcome.values, "machine.processor") == .string("Test CPU"))
        #expect(value(outcome.values, "machine.blas_kernel") == .string("Haswell"))
        #expect(value(outcome.values, "machine.l1_bytes") == .integer(48 << 10))
        #expect(texts(outcome).notes.contains { $0.hasPrefix("Measured on Test CPU (L1d 48 KiB), OpenBLAS 0.3.21 with its Haswell kernel (auto-selected).") })
    }

    @Test func spreadIsTheInterquartileRangeOverTheMedian() {
        #expect(VectorizationBenchmark.relativeSpread([1, 1]) == 0)
        #expect(VectorizationBenchmark.relativeSpread([1, 2, 4]) == 1.5)
        // Nine runs: one outlier at each end does not count.
        #expect(abs(VectorizationBenchmark.relativeSpread([0.1, 1, 1, 1, 1, 1, 1.1, 1.1, 50]) - 0.1) < 1e-12)
    }

    func spec(_ body: String) throws -> VectorizationKind.Spec {
        let (prepared, issues) = prepare(body)
        #expect(issues.isEmpty, "\(issues)")
        let json = try #require(prepared?.specJSON)
        return try JSONDecoder().decode(VectorizationKind.Spec.self, from: Data(json.utf8))
    }

    @Test func automaticSizeIsFourCachesWithinTheBudget() throws {
        let auto = try spec("run: [dot]\n")
        let mib = 1 << 20
        // A 32 MiB cache: the 10,000,000-element minimum (160 MB) is already 4 caches.
        var sizing = VectorizationBenchmark.sizing(auto, largestCache: 32 * mib)
        #expect(sizing.length == 10_000_000 && sizing.automatic && !sizing.limitedByBudget)
        // 256 MiB: 4 caches are 64 Mi elements, 1 GiB, within the 2 GB budget.
        sizing = VectorizationBenchmark.sizing(auto, largestCache: 256 * mib)
        #expect(sizing.length == 4 * 256 * mib / 16 && !sizing.limitedByBudget)
        // 1 GiB of cache: the budget stops it, and says so.
        sizing = VectorizationBenchmark.sizing(auto, largestCache: 1024 * mib)
        #expect(sizing.length == 2_000_000_000 / 16 && sizing.limitedByBudget)
        // No cache reported: the minimum.
        #expect(VectorizationBenchmark.sizing(auto, largestCache: nil).length == 10_000_000)
        // An explicit size is taken as written.
        let explicit = try spec("size: 5_000\n")
        #expect(VectorizationBenchmark.sizing(explicit, largestCache: 1024 * mib).length == 5_000)
    }
}
