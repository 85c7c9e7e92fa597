import Testing
@testable import LessonSupport

@Suite struct SuggestionTests {
    @Test func closeWordsAreSuggested() {
        #expect(Suggestion.closest(to: "softmx", in: ["softmax", "vectorization"]) == "softmax")
        #expect(Suggestion.closest(to: "zzz", in: ["softmax", "vectorization"]) == nil)
        #expect(Suggestion.closest(to: "tempreature", in: ["temperature", "logits"]) == "temperature")
    }
}

/// The pruned, early-stopping search must pick exactly what comparing every
/// candidate in full picks.
@Suite struct SuggestionSearchTests {
    /// The straightforward search the pruned one replaced.
    static func reference(_ word: String, _ candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = Suggestion.distance(lowered, candidate.lowercased())
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (name, d) = best, d < lowered.count else { return nil }
        let allowed = max(1, min(3, (max(word.count, name.count) + 2) / 4))
        return d <= allowed || name.lowercased().hasPrefix(lowered) && lowered.count >= 3 ? name : nil
    }

    @Test func distances() {
        #expect(Suggestion.distance("kitten", "sitting") == 3)
        #expect(Suggestion.distance("ab", "ba") == 1)
        #expect(Suggestion.distance("", "abc") == 3)
        #expect(Suggestion.distance("Größe", "Grösse") == 2)
    }

    @Test func prunedSearchAgreesWithTheFullOne() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("abcde_1Ä")
        func word() -> String { String((0..<next(9)).map { _ in alphabet[next(alphabet.count)] }) }
        for _ in 0..<2_000 {
            let candidates = (0..<next(30)).map { _ in word() }
            let target = word()
            #expect(Suggestion.closest(to: target, in: candidates) == Self.reference(target, candidates), "\(target) in \(candidates)")
        }
    }
}
