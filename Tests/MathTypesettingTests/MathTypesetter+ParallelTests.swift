import Foundation
import Testing
@testable import MathTypesetting

/// Cold formulas on several engines at once (`--jobs`): the same result for
/// every formula as on one, and never more engines than allowed.
@Suite struct MathTypesetterParallelTests {
    static let formulas: [(tex: String, display: Bool)] = (0..<40).map { i in
        (i % 7 == 3 ? "\\frac{a_{\(i)}}{b" : "\\sum_{k=1}^{\(i)} x_k^{\(i)} + \\sqrt{\(i)}", i % 2 == 0)
    }

    /// The formulas handed out one at a time, and their results.
    final class Work: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var results: [MathTypesetter.Result?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func take() -> Int? {
            lock.withLock {
                guard next < results.count else { return nil }
                defer { next += 1 }
                return next
            }
        }
    }

    /// Every formula typeset by `typesetter` from `threads` threads at once.
    func typesetAll(_ typesetter: MathTypesetter, threads: Int, count: Int = formulas.count) -> [MathTypesetter.Result] {
        let work = Work(count: count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let index = work.take() {
                let result = typesetter.typeset(Self.formulas[index].tex, display: Self.formulas[index].display)
                work.lock.withLock { work.results[index] = result }
            }
        }
        return work.results.map { $0! }
    }

    @Test(.enabled(if: MathTypesetterTests.katexInstalled)) func twoEnginesGiveWhatOneGives() {
        let serial = MathTypesetter(cacheDirectory: nil)
        let expected = Self.formulas.map { serial.typeset($0.tex, display: $0.display) }
        #expect(expected.contains { if case .failure = $0 { return true } else { return false } })
        let parallel = MathTypesetter(cacheDirectory: nil)
        parallel.maximumEngines = 2
        #expect(typesetAll(parallel, threads: 4) == expected)
        #expect(serial.engineStarts == 1)
        #expect((1...2).contains(parallel.engineStarts), "\(parallel.engineStarts) engines for a limit of 2")
    }

    /// A formula that runs out of its time spoils its engine; the others
    /// still finish (no thread waits forever for an engine that is gone).
    @Test(.enabled(if: MathTypesetterTests.katexInstalled)) func aSpoiledEngineDoesNotStopTheOthers() {
        let typesetter = MathTypesetter(cacheDirectory: nil)
        typesetter.maximumEngines = 2
        typesetter.formulaTimeLimit = 0.000_001
        // Each spoiled engine is replaced (0.2 s to load KaTeX): a few formulas.
        let results = typesetAll(typesetter, threads: 3, count: 5)
        #expect(results.count == 5)
        #expect(typesetter.engineStarts >= 2)
    }
}
