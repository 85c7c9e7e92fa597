import Foundation
import Experiments
import LessonMarkdown
import MathTypesetting

/// The outcome of one `expect:` entry.
public struct ExpectationResult: Sendable {
    public var text: String
    public var location: SourceLocation
    public var passed: Bool
    /// "loss = 0.417, max_gradient_error = 3.1e-11": the values it read.
    public var actual: String
    /// The seeds of the runs where it failed, when it read per-seed values
    /// (a `seeds:` block); empty otherwise.
    public var failedSeeds: [UInt64] = []
}

/// One block after execution.
public struct ExecutedBlock: Sendable {
    public var planned: PlannedBlock
    public var outcome: ExperimentOutcome?
    public var expectations: [ExpectationResult]
    /// Validation, run and expectation failures, in that order.
    public var diagnostics: [Diagnostic]
    public var seconds: Double
    public var fromCache: Bool
    /// A block with `seeds:`: each seed's values, in seed order (its
    /// ``outcome`` then holds their summary). Empty for a block run once.
    public var runs: [SeedRun] = []
    /// A block with `explore:`: every position's run, in the order of
    /// ``ExplorePlan/positions`` (the default one is this block's own
    /// ``outcome`` and ``runs``). Empty for a block that explores nothing.
    public var positions: [ExecutedPosition] = []

    public var passed: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// The run of one explored position of a block.
public struct ExecutedPosition: Sendable {
    public var outcome: ExperimentOutcome
    /// Each seed's values, for a block with `seeds:`.
    public var runs: [SeedRun]
    public var fromCache: Bool
    public var seconds: Double
}

/// The values of one run of a block with `seeds:`.
public struct SeedRun: Codable, Sendable, Equatable {
    public var seed: UInt64
    public var values: Record
    public init(seed: UInt64, values: Record) {
        self.seed = seed
        self.values = values
    }
}

/// An inline `=expr` reference after evaluation.
public struct ResolvedReference: Sendable {
    public var reference: InlineReference
    /// The formatted value, or `nil` when it could not be computed.
    public var text: String?
    public var error: String?
    /// A value that reads an explored block: its text at every position of
    /// that block (``ExplorePlan/positions`` order), for the page to swap.
    public var explored: ExploredTexts? = nil
}

/// An inline value's text at each position of the explored block it reads.
public struct ExploredTexts: Sendable {
    public var block: String
    /// `nil` where it could not be computed at that position.
    public var texts: [String?]
}

/// A lesson after execution: everything the renderer and the checker need.
public struct ExecutedLesson: Sendable {
    public var plan: Plan
    public var blocks: [ExecutedBlock]
    public var references: [ResolvedReference]
    /// Problems outside blocks (inline references, lesson-level issues).
    public var diagnostics: [Diagnostic]
    public var seconds: Double
    /// Every formula typeset by KaTeX, by ``Formula/key(tex:display:)``
    /// (empty when nothing typeset them: the page then shows the TeX).
    public var math: [String: MathTypesetter.Result] = [:]
    /// The papers its `[@key]`s cite (``Citations``), set when the page is finished.
    public var citations = Citations()
    /// Where local images not beside the lesson are looked for: the course's
    /// shared folders, and the course's folder they may not leave.
    public var sharedFolders: [String] = []
    public var courseRoot: String?

    public var lesson: Lesson { plan.lesson }

    /// The file a local image of this lesson names, found and checked as
    /// the pipeline checked it (``LocalImage/locate(_:lessonFolder:sharedFolders:courseRoot:)``).
    public func imageFile(_ source: String) -> Result<String, LocalImage.Problem> {
        LocalImage.locate(source, lessonFolder: (lesson.path as NSString).deletingLastPathComponent,
                          sharedFolders: sharedFolders, courseRoot: courseRoot)
    }

    /// Every diagnostic, in source order.
    public var allDiagnostics: [Diagnostic] {
        (blocks.flatMap(\.diagnostics) + diagnostics).sorted {
            ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0)
        }
    }

    public var passed: Bool { blocks.allSatisfy(\.passed) && !diagnostics.contains { $0.severity == .error } }

    public var failedBlockCount: Int { blocks.filter { !$0.passed }.count }

    /// Errors outside blocks: inline values that could not be computed, lesson-level problems.
    public var errorsOutsideBlocks: Int { diagnostics.filter { $0.severity == .error }.count }

    /// The lesson's status in words, counting every error, for the progress
    /// line and the page badge: "3 blocks passed", "1 of 3 blocks failed",
    /// "3 blocks passed; 1 error in inline values or the text".
    public var statusText: String {
        let n = blocks.count
        let blockWord = "block\(n == 1 ? "" : "s")"
        let failed = failedBlockCount, other = errorsOutsideBlocks
        var parts = [failed == 0 ? "\(n) \(blockWord) passed" : "\(failed) of \(n) \(blockWord) failed"]
        if other > 0 { parts.append("\(other) error\(other == 1 ? "" : "s") in inline values or the text") }
        return parts.joined(separator: "; ")
    }
}
