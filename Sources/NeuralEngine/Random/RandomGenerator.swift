/// The engine's seeded pseudo-random generator: xoshiro256**, seeded by SplitMix64.
///
/// Every random draw in the engine — initial weights, dropout masks, shuffles,
/// synthetic data — comes from a generator the caller creates from a seed and
/// passes in explicitly, so the same seed gives bit-identical results on every
/// run. It is a value type: copying it forks the stream (both copies produce the
/// same numbers), which is why the engine takes it `inout`.
///
/// xoshiro256** by David Blackman and Sebastiano Vigna: https://prng.di.unimi.it
/// (fast, 256 bits of state, passes BigCrush). SplitMix64 spreads a 64-bit seed
/// over the four state words so that nearby seeds give unrelated streams.
public struct RandomGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    /// Box–Muller makes normals in pairs; the second one waits here.
    private var spareNormal: Double?

    /// Creates a generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        s0 = Self.splitMix64(&splitMix)
        s1 = Self.splitMix64(&splitMix)
        s2 = Self.splitMix64(&splitMix)
        s3 = Self.splitMix64(&splitMix)
        spareNormal = nil
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// A new generator seeded from this one's stream, for a consumer that draws
    /// independently (a dropout layer's masks) without disturbing the order of
    /// the draws made here.
    public mutating func split() -> RandomGenerator {
        RandomGenerator(seed: next())
    }

    /// A uniform double in [0, 1), built from the top 53 bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform double in [`lowerBound`, `upperBound`).
    public mutating func uniform(_ lowerBound: Double, _ upperBound: Double) -> Double {
        lowerBound + (upperBound - lowerBound) * uniform()
    }

    /// A standard normal draw (mean 0, variance 1) by the Box–Muller transform.
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        // 1 - uniform() lies in (0, 1], so the logarithm is finite.
        let radius = (-2 * Math.log(1 - uniform())).squareRoot()
        let angle = 2 * Double.pi * uniform()
        spareNormal = radius * Math.sin(angle)
        return radius * Math.cos(angle)
    }

    /// A normal draw with the given mean and standard deviation.
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * normal()
    }

    /// `true` with probability `probability`.
    public mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// A uniform integer in `0..<upperBound` (0 if `upperBound` ≤ 0), without modulo bias.
    public mutating func integer(below upperBound: Int) -> Int {
        guard upperBound > 0 else { return 0 }
        return Int(next(upperBound: UInt64(upperBound)))
    }

    /// A uniformly random permutation of `0..<count` (Fisher–Yates).
    public mutating func permutation(_ count: Int) -> [Int] {
        var indices = Array(0..<max(0, count))
        shuffle(&indices)
        return indices
    }

    /// Shuffles `elements` in place (Fisher–Yates), using only this generator.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, to: 0, by: -1) {
            let j = integer(below: i + 1)
            elements.swapAt(i, j)
        }
    }

    private static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
