import LessonMarkdown
import LessonSupport
import LessonResults

/// An expectation that did not hold, with the seeds it failed at: what the
/// closing summary of `lesson check` (and `render`) lists, so an author who
/// moved the seeds (`--reseed`) sees at once which claims were lucky.
public struct FailedExpectation: Sendable, Equatable {
    public var location: SourceLocation
    public var blockId: String
    public var text: String
    /// The seeds of the runs where it failed; for a block run once, its seed.
    public var seeds: [UInt64]
    /// How many runs it was checked over (1 for a block run once).
    public var runs: Int
    /// The seeds of a `seeds:` block whose expectation reads only summaries
    /// (`x.mean`, `x.max`): it failed for the runs together, not at one seed.
    public var summaryOf: [UInt64] = []
    /// It could not be evaluated (a name it reads does not exist, a value of
    /// the wrong type): it failed at no seed, and the error says why.
    public var unevaluated = false
    /// It does not parse: it was never checked, and ``location`` is where
    /// its error is, inside it.
    public var unreadable = false
    /// For `every: "…"`, the explored positions where it failed, of how many.
    public var positions: [String] = []
    public var positionCount = 0

    /// Every failed expectation of `lessons`, in lesson and source order.
    /// An expectation that could not be evaluated (or parsed) is listed too,
    /// without seeds: it did not hold either.
    public static func all(in lessons: [ExecutedLesson]) -> [FailedExpectation] {
        lessons.flatMap { lesson in
            lesson.blocks.flatMap { block in
                block.expectations.filter { !$0.passed }.map { result in
                    let runs = max(1, block.planned.seeds.count)
                    let unevaluated = block.diagnostics.contains { $0.code == .expectationError && $0.location == result.location }
                    let planned = block.planned.expectations.first { $0.location == result.location && $0.text == result.text }
                    let parsed = !unevaluated && planned?.expression != nil
                    // Where it stopped parsing, as its error says.
                    let unreadable = planned?.problem
                    let location = planned?.expression == nil ? unreadable?.location ?? result.location : result.location
                    let seeds = !result.failedSeeds.isEmpty ? result.failedSeeds
                        : parsed && block.planned.seeds.isEmpty && block.outcome != nil ? [block.planned.seed] : []
                    let summary = parsed && seeds.isEmpty && block.outcome != nil ? block.planned.seeds : []
                    return FailedExpectation(location: location, blockId: block.planned.id, text: result.text,
                                             seeds: seeds, runs: runs, summaryOf: summary, unevaluated: unevaluated,
                                             unreadable: planned?.expression == nil && unreadable != nil,
                                             positions: result.failedPositions, positionCount: result.positionCount)
                }
            }.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        }
    }

    /// "lessons/a.md:12:5: block 'bn': `acc > 0.6` failed at seeds 8, 11 (2 of 8 runs)"
    public var line: String {
        var text = "\(location): block '\(blockId)': `\(Excerpt.clipped(self.text))`"
        if !positions.isEmpty {
            // Checked at every position: where it failed is the position, not the seed.
            text += " failed at \(positions.count) of \(positionCount) explored positions (\(Excerpt.listed(positions, separator: "; ")))"
            if runs == 1, let seed = seeds.first { text += " at seed \(seed)" }
            if summaryOf.count > 1 { text += " over the \(summaryOf.count) runs together (seeds \(Self.seedRange(summaryOf)))" }
            return text
        }
        switch seeds.count {
        case 0 where summaryOf.count > 1:
            text += " did not hold over the \(summaryOf.count) runs together (seeds \(Self.seedRange(summaryOf)))"
        case 0 where unevaluated: text += " could not be evaluated (its error above says why)"
        case 0 where unreadable: text += " could not be read, so it was not checked (its error above says why)"
        case 0: text += " did not hold"
        case 1 where runs == 1: text += " failed at seed \(seeds[0])"
        default:
            text += " failed at seed\(seeds.count == 1 ? "" : "s") \(seeds.map(String.init).joined(separator: ", "))"
                + " (\(seeds.count) of \(runs) runs)"
        }
        return text
    }

    /// "8–15" for consecutive seeds, else "3, 9, 27".
    private static func seedRange(_ seeds: [UInt64]) -> String {
        let consecutive = zip(seeds, seeds.dropFirst()).allSatisfy { $1 == $0 + 1 }
        return consecutive ? "\(seeds[0])–\(seeds[seeds.count - 1])" : seeds.map(String.init).joined(separator: ", ")
    }
}
