import Foundation
import LessonMarkdown
import MathTypesetting

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

    public init(plan: Plan, blocks: [ExecutedBlock], references: [ResolvedReference], diagnostics: [Diagnostic], seconds: Double, math: [String: MathTypesetter.Result] = [:], citations: Citations = Citations(), sharedFolders: [String] = [], courseRoot: String? = nil) {
        self.plan = plan
        self.blocks = blocks
        self.references = references
        self.diagnostics = diagnostics
        self.seconds = seconds
        self.math = math
        self.citations = citations
        self.sharedFolders = sharedFolders
        self.courseRoot = courseRoot
    }

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
