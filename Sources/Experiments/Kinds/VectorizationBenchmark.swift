import Foundation
import NeuralEngine
import LessonSupport
import HostMachine

/// Runs the groups of a vectorization block: makes the inputs, checks that
/// every variant computes the same thing, and times them.
///
/// Each variant runs once untimed (page faults, caches, clock ramp-up, and the
/// value that is checked), then `repeats` times in interleaved rounds — every
/// variant once per round — so that a burst of load from another process
/// slows all variants of a round rather than all runs of one variant.
struct VectorizationBenchmark {
    /// The timed runs of one variant and what it computed.
    struct Measurement: Sendable {
        var name: String
        /// CPU time of the thread in each timed run, in seconds.
        var seconds: [Double]
        /// The dot product the variant computed; `nil` for matrix products.
        var value: Double?
        /// Largest relative difference from the reference variant's result.
        var relativeDifference: Double

        var median: Double { seconds.median }
        var fastest: Double { seconds.min() ?? .nan }
        var slowest: Double { seconds.max() ?? .nan }
    }

    /// The measurements of one group, with what one run of it does.
    struct GroupResult: Sendable {
        var group: VectorizationVariant.Group
        var measurements: [Measurement]
        /// Length of each vector (dot, cache) or matrix side (gemm).
        var length: Int
        /// How many times one run goes over the vectors (cache group).
        var passes = 1
        /// The timing's spread: the largest interquartile range of a
        /// variant's runs over their median, in the rounds that were kept.
        var spread: Double
        /// Batches of `repeats` rounds measured (more than 1 when the first was noisy).
        var batches: Int

        /// Multiply-adds per run (each counts as two floating-point operations).
        var multiplyAdds: Double {
            group == .gemm ? Double(length) * Double(length) * Double(length) : Double(length * passes)
        }
        /// Bytes one run must read from memory (dot group only).
        var bytes: Double? { group == .dot ? 16 * Double(length) : nil }
        /// Largest relative difference the rounding of the sums can explain:
        /// the worst-case relative rounding error of a sum of `length` positive
        /// products, computed in any order, about `length` units in the last
        /// place. Every input is positive, so no cancellation can make it larger.
        var tolerance: Double { max(1e-12, Double(length + 1) * Double.ulpOfOne) }
        /// Whether the spread stayed above ``VectorizationBenchmark/noiseThreshold``.
        var noisy: Bool { spread > VectorizationBenchmark.noiseThreshold }
    }

    /// How the dot group's vectors were sized.
    struct Sizing: Sendable {
        /// Elements of each vector.
        var length: Int
        /// The largest cache the system reports, in bytes; `nil` if it reports none.
        var largestCache: Int?
        /// Whether `size: auto` chose the length.
        var automatic: Bool
        /// Whether the memory budget kept the vectors below 4 caches.
        var limitedByBudget: Bool
    }

    /// Everything a block measured.
    struct Result: Sendable {
        var groups: [GroupResult]
        /// The streaming read of the dot group's vectors, if that group ran.
        var memory: Measurement?
        /// Bytes the streaming read reads.
        var memoryBytes: Double
        /// OpenBLAS threads during the run.
        var blasThreads: Int
        /// How the dot group's vectors were sized.
        var sizing: Sizing
        /// The machine: processor, caches, BLAS kernel.
        var processor: Processor
        var blasKernel: String
        var blasKernelOrigin: String
        var blasVersion: String
    }

    /// A group whose relative interquartile range stays above this after
    /// ``maximumBatches`` batches is reported as noisy.
    static let noiseThreshold = 0.1
    static let maximumBatches = 3
    /// `size: auto` makes the pair of vectors this many times the largest cache.
    static let cacheMultiple = 4
    /// …and never smaller than this many elements (160 MB for the pair).
    static let minimumAutomaticLength = 10_000_000

    /// The dot group's vector length for `spec` on a machine whose largest
    /// cache has `largestCache` bytes.
    static func sizing(_ spec: VectorizationKind.Spec, largestCache: Int?) -> Sizing {
        if let size = spec.size {
            return Sizing(length: size, largestCache: largestCache, automatic: false, limitedByBudget: false)
        }
        let wanted = max(minimumAutomaticLength, ((largestCache ?? 0) * cacheMultiple + 15) / 16)
        let allowed = max(1_000, spec.memoryBudget / 16)
        return Sizing(length: min(wanted, allowed), largestCache: largestCache, automatic: true,
                      limitedByBudget: wanted > allowed && largestCache.map { 16 * allowed < cacheMultiple * $0 } == true)
    }

    /// Multiply-adds of one run of the cache group: as many as the dot group
    /// does with an explicit size, ten million with `size: auto`.
    var cacheWork: Int { spec.size ?? Self.minimumAutomaticLength }

    var spec: VectorizationKind.Spec
    var seed: UInt64

    /// Throws ``WorkDeadline/Exceeded`` past `--block-time-limit`: the
    /// limit is checked between groups and between timed rounds, so a block
    /// overruns it by at most one kernel call.
    func run() throws -> Result {
        let previousThreads = BLAS.threadCount
        BLAS.setThreadCount(1)
        defer { BLAS.setThreadCount(previousThreads) }

        var random = SplitMix64(seed: seed)
        let processor = Processor.current
        let sizing = Self.sizing(spec, largestCache: processor.largestCache?.bytes)
        var result = Result(groups: [], memory: nil, memoryBytes: 0, blasThreads: BLAS.threadCount, sizing: sizing,
                            processor: processor, blasKernel: BLASKernel.inUse,
                            blasKernelOrigin: BLASKernelSelection.origin.summary, blasVersion: BLASKernel.libraryVersion)
        for group in spec.groups {
            try WorkDeadline.check()
            let variants = group.variants.filter(spec.variants.contains)
            switch group {
            case .dot:
                let (measured, memory) = try dotGroup(variants, length: sizing.length, random: &random)
                result.groups.append(measured)
                result.memory = memory
                result.memoryBytes = 16 * Double(sizing.length)
            case .cache:
                result.groups.append(try cacheGroup(variants, random: &random))
            case .gemm:
                result.groups.append(try gemmGroup(variants, random: &random))
            }
        }
        return result
    }

    // MARK: - Groups

    private func dotGroup(_ variants: [VectorizationVariant], length n: Int,
                          random: inout SplitMix64) throws -> (GroupResult, Measurement) {
        let x = AlignedDoubles(count: n, random: &random), y = AlignedDoubles(count: n, random: &random)
        // The streaming read is timed in the same rounds as the dot products,
        // so the bandwidth they are compared with is measured under the same load.
        let kernels = variants.map(VectorizationKernels.dot) + [VectorizationKernels.streamingSum]

        let values = kernels.map { $0(x.pointer, y.pointer, n) }
        var results = values
        let runs: [() -> Void] = kernels.enumerated().map { i, kernel in
            { results[i] = kernel(x.pointer, y.pointer, n) }
        }
        let (times, spread, batches) = try Self.timeSteadily(repeats: spec.repeats, runs)

        let measurements = Self.dotMeasurements(variants, values: values, times: times, timed: results, expected: values)
        let memory = Measurement(name: "memory", seconds: times[variants.count],
                                 value: results[variants.count], relativeDifference: 0)
        return (GroupResult(group: .dot, measurements: measurements, length: n, spread: spread, batches: batches), memory)
    }

    private func cacheGroup(_ variants: [VectorizationVariant], random: inout SplitMix64) throws -> GroupResult {
        let n = spec.cacheSize
        // Enough passes for about as many multiply-adds as the dot group
        // does, so that the two groups' times compare directly.
        let passes = max(1, cacheWork / n)
        let x = AlignedDoubles(count: n, random: &random), y = AlignedDoubles(count: n, random: &random)
        let kernels = variants.map(VectorizationKernels.dot)

        let values = kernels.map { $0(x.pointer, y.pointer, n) }
        var results = [Double](repeating: 0, count: kernels.count)
        let runs: [() -> Void] = kernels.enumerated().map { i, kernel in
            {
                var sum = 0.0
                for _ in 0..<passes {
                    // Without the barrier the optimizer may notice that every
                    // pass computes the same value and compute it only once.
                    sum += kernel(VectorizationKernels.opaque(x.pointer), y.pointer, n)
                }
                results[i] = sum
            }
        }
        for run in runs {  // warm-up at full length, as the timed runs
            try WorkDeadline.check()
            run()
        }
        let (times, spread, batches) = try Self.timeSteadily(repeats: spec.repeats, runs)

        let expected = values.map { value in (0..<passes).reduce(0.0) { sum, _ in sum + value } }
        let measurements = Self.dotMeasurements(variants, values: values, times: times, timed: results, expected: expected)
        return GroupResult(group: .cache, measurements: measurements, length: n, passes: passes, spread: spread, batches: batches)
    }

    private func gemmGroup(_ variants: [VectorizationVariant], random: inout SplitMix64) throws -> GroupResult {
        let n = spec.matrixSize
        let a = AlignedDoubles(count: n * n, random: &random), b = AlignedDoubles(count: n * n, random: &random)
        let c = AlignedDoubles(count: n * n), reference = AlignedDoubles(count: n * n)
        let kernels = variants.map(VectorizationKernels.gemm)

        var differences: [Double] = []
        for (i, kernel) in kernels.enumerated() {
            try WorkDeadline.check()
            kernel(a.pointer, b.pointer, c.pointer, n)
            if i == 0 { reference.pointer.update(from: c.pointer, count: n * n) }
            differences.append(Self.maxRelativeDifference(c.pointer, reference.pointer, count: n * n))
        }
        let runs: [() -> Void] = kernels.map { kernel in { kernel(a.pointer, b.pointer, c.pointer, n) } }
        let (times, spread, batches) = try Self.timeSteadily(repeats: spec.repeats, runs)

        let measurements = variants.indices.map { i in
            Measurement(name: variants[i].rawValue, seconds: times[i],
                        value: nil, relativeDifference: differences[i])
        }
        return GroupResult(group: .gemm, measurements: measurements, length: n, spread: spread, batches: batches)
    }

    // MARK: - Helpers

    /// Interleaved rounds, measured again (up to ``maximumBatches`` batches
    /// of `repeats` rounds) while their spread says another process got in
    /// the way; keeps the steadiest batch.
    ///
    /// The only part of a block that needs the machine to itself, so it is a
    /// ``TimingGate/timedSection(_:)``; making the inputs and the warm-up runs
    /// share the machine with other blocks.
    private static func timeSteadily(repeats: Int, _ runs: [() -> Void]) throws -> (times: [[Double]], spread: Double, batches: Int) {
        try TimingGate.timedSection {
            var best = try time(repeats: repeats, runs)
            var bestSpread = best.map(relativeSpread).max() ?? 0
            var batches = 1
            while bestSpread > noiseThreshold, batches < maximumBatches {
                let again = try time(repeats: repeats, runs)
                batches += 1
                let spread = again.map(relativeSpread).max() ?? 0
                if spread < bestSpread { (best, bestSpread) = (again, spread) }
            }
            return (best, bestSpread, batches)
        }
    }

    /// The middle of `sorted` (the mean of the middle two for an even count); NaN when empty.
    /// The interquartile range of `times` over their median (0 for fewer than 3).
    static func relativeSpread(_ times: [Double]) -> Double {
        guard times.count >= 3 else { return 0 }
        let sorted = times.sorted(), median = times.median
        let quarter = (sorted.count - 1) / 4
        guard median > 0 else { return 0 }
        return (sorted[sorted.count - 1 - quarter] - sorted[quarter]) / median
    }

    /// Interleaved rounds: round r runs every closure once, in order, timed
    /// by the thread's CPU time (``ThreadCPUClock``: every kernel runs on the
    /// calling thread, OpenBLAS too with one thread, so the slices the OS
    /// gives to other processes, on a busy machine by far the largest source
    /// of noise in wall-clock times, do not count).
    private static func time(repeats: Int, _ runs: [() -> Void]) throws -> [[Double]] {
        var times = Array(repeating: [Double](), count: runs.count)
        for _ in 0..<repeats {
            for (i, run) in runs.enumerated() {
                // Outside the timed span: the check costs nothing measured.
                try WorkDeadline.check()
                times[i].append(ThreadCPUClock.seconds(run).1)
            }
        }
        return times
    }

    /// Each dot product's difference from the first variant's value. Every
    /// kernel is deterministic, so a timed run must reproduce the untimed
    /// one (`expected`) bit for bit; a difference counts against the variant.
    private static func dotMeasurements(_ variants: [VectorizationVariant], values: [Double], times: [[Double]],
                                        timed: [Double], expected: [Double]) -> [Measurement] {
        variants.indices.map { i in
            var difference = relativeDifference(values[i], values.first ?? 0)
            if timed[i] != expected[i] {
                let repeated = relativeDifference(timed[i], expected[i])
                difference = repeated.isNaN ? .nan : max(difference, repeated)
            }
            return Measurement(name: variants[i].rawValue, seconds: times[i], value: values[i], relativeDifference: difference)
        }
    }

    private static func relativeDifference(_ value: Double, _ reference: Double) -> Double {
        let difference = abs(value - reference)
        return reference == 0 ? difference : difference / abs(reference)
    }

    private static func maxRelativeDifference(_ values: UnsafePointer<Double>, _ reference: UnsafePointer<Double>,
                                              count: Int) -> Double {
        var worst = 0.0
        for i in 0..<count {
            let difference = relativeDifference(values[i], reference[i])
            // A NaN is the worst mismatch of all, and `max` would drop it.
            if difference.isNaN { return .nan }
            worst = max(worst, difference)
        }
        return worst
    }
}

/// A 64-byte-aligned array of `Double`s (one cache line, the widest vector
/// load) that frees itself.
private final class AlignedDoubles {
    let pointer: UnsafeMutablePointer<Double>

    /// Zeros; touching every page now keeps page faults out of the timings.
    init(count: Int) {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 8, alignment: 64)
        pointer = raw.initializeMemory(as: Double.self, repeating: 0, count: max(count, 1))
    }

    /// Uniform random numbers in [0, 1). Positive inputs keep every sum well
    /// conditioned, so variants that add in different orders agree to within
    /// a rounding bound that does not depend on the data.
    convenience init(count: Int, random: inout SplitMix64) {
        self.init(count: count)
        for i in 0..<count { pointer[i] = random.nextUnit() }
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }
}

/// Sebastiano Vigna's SplitMix64: tiny, fast, and good enough to fill
/// benchmark inputs deterministically from a seed.
private struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform `Double` in [0, 1) from the top 53 bits.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}
