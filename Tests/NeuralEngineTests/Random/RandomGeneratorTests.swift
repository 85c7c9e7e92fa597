import Testing
@testable import NeuralEngine

struct RandomGeneratorTests {
    @Test func sameSeedSameStream() {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42), c = RandomGenerator(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
    }

    @Test func knownFirstOutput() {
        // SplitMix64(0) expands to the state of the reference implementation's
        // published example; pin the first output so the stream never changes silently.
        var generator = RandomGenerator(seed: 0)
        #expect(generator.next() == 0x99EC_5F36_CB75_F2B4)
    }

    @Test func uniformAndNormalMoments() {
        var generator = RandomGenerator(seed: 1)
        let n = 200_000
        let uniforms = (0..<n).map { _ in generator.uniform() }
        #expect(uniforms.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(uniforms.reduce(0, +) / Double(n) - 0.5) < 0.005)
        let normals = (0..<n).map { _ in generator.normal() }
        let mean = normals.reduce(0, +) / Double(n)
        let variance = normals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.02)
        let ones = (0..<n).filter { _ in generator.bernoulli(0.3) }.count
        #expect(abs(Double(ones) / Double(n) - 0.3) < 0.005)
    }

    @Test func permutationIsAPermutation() {
        var generator = RandomGenerator(seed: 9)
        let permutation = generator.permutation(100)
        #expect(permutation.sorted() == Array(0..<100))
        #expect(permutation != Array(0..<100))
        #expect((0..<1000).allSatisfy { _ in (0..<7).contains(generator.integer(below: 7)) })
    }

    @Test func splitStreamsAreIndependentAndDeterministic() {
        var a = RandomGenerator(seed: 5), b = RandomGenerator(seed: 5)
        var childA = a.split(), childB = b.split()
        #expect(childA.next() == childB.next())
        #expect(a.next() == b.next())
        #expect(childA.next() != a.next())
    }
}
