import Experiments
import Foundation
import LessonMarkdown
import LessonSupport
import MathTypesetting
import LessonResults

/// Load → validate → execute for a set of lessons; one broken lesson never
/// stops the others.
public struct Pipeline {
    public var executor: Executor
    /// Typesets the lessons' math; its errors become diagnostics.
    public var typesetter: MathTypesetter
    /// The kinds blocks may use.
    public var registry: [AnyExperimentKind] = KindRegistry.all
    /// The language of lessons whose front matter names none (the course's `language:`).
    public var defaultLanguage: String?
    /// The course's BibTeX file, for lessons whose front matter names none.
    public var courseBibliography: Citations.Source?
    /// Runs only the blocks with these ids (`lesson check FILE --block ID`,
    /// the command a page shows for each block); nil runs every block.
    public var onlyBlocks: Set<String>?
    /// The course's `lessons:` list, which places each lesson in the teaching order.
    public var courseOrder: CourseOrder?
    /// Moves every block's seeds by this much (`--reseed K`); 0 runs the seeds the lessons say.
    public var reseed: UInt64 = 0

    public init(executor: Executor, typesetter: MathTypesetter = MathTypesetter(cacheDirectory: nil)) {
        self.executor = executor
        self.typesetter = typesetter
    }

    /// Runs one lesson file. A file that cannot be read becomes a lesson with
    /// a single diagnostic.
    public func run(path: String) -> ExecutedLesson {
        do {
            let lesson = Self.placed(Self.withLanguage(defaultLanguage, try LessonLoader.load(path: path)), in: courseOrder)
            return finishPage(executor.execute(Self.restricted(Planner.plan(lesson, registry: registry, reseed: reseed,
                                                                            sharedDataFolders: executor.sharedDataFolders, courseRoot: executor.courseRoot),
                                                               to: onlyBlocks)))
        } catch {
            let lesson = Lesson(path: path, title: nil, blocks: [], experiments: [], references: [])
            let plan = Plan(lesson: lesson, blocks: [], diagnostics: [
                Diagnostic(.unreadableLesson, "\(error)", at: SourceLocation(path: path, line: 1, column: 1)),
            ])
            return ExecutedLesson(plan: plan, blocks: [], references: [], diagnostics: plan.diagnostics, seconds: 0)
        }
    }

    /// `plan` with only the blocks `ids` names (all of them for nil), and
    /// the blocks their expectations read (`gemm.blas.gflops > cached.…`
    /// needs `cached` to have run, or the expectation could only fail).
    static func restricted(_ plan: Plan, to ids: Set<String>?) -> Plan {
        guard let ids else { return plan }
        var plan = plan
        let wanted = readBy(ids, in: plan.blocks)
        plan.blocks = plan.blocks.filter { wanted.contains($0.id) }
        return plan
    }

    /// `ids` and, transitively, every block of `blocks` that their expectations read.
    static func readBy(_ ids: Set<String>, in blocks: [PlannedBlock]) -> Set<String> {
        let byId = Dictionary(blocks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var wanted = ids, queue = Array(ids)
        while let id = queue.popLast() {
            guard let block = byId[id] else { continue }
            let read = block.expectations.compactMap(\.expression).reduce(into: Set<String>()) { $0.formUnion($1.rootNames) }
            for name in read where name != id && byId[name] != nil && !wanted.contains(name) {
                wanted.insert(name)
                queue.append(name)
            }
        }
        return wanted
    }

    /// The lesson with the course's language when its front matter has no `lang:`.
    static func withLanguage(_ defaultLanguage: String?, _ lesson: Lesson) -> Lesson {
        guard let defaultLanguage, lesson.frontMatter?.lang == nil else { return lesson }
        var lesson = lesson
        var frontMatter = lesson.frontMatter ?? FrontMatter()
        let start = SourceLocation(path: lesson.path, line: 1, column: 1)
        frontMatter.entries.append(FrontMatter.Entry(key: "lang", value: defaultLanguage, keyLocation: start, valueLocation: start))
        lesson.frontMatter = frontMatter
        return lesson
    }

    /// The lesson with its place in the course's list.
    static func placed(_ lesson: Lesson, in order: CourseOrder?) -> Lesson {
        guard let order else { return lesson }
        var lesson = lesson
        lesson.coursePosition = order.position(of: lesson.path)
        return lesson
    }

    /// What the page needs besides the blocks: math typeset (TeX errors as
    /// diagnostics), front matter, local images and `[@id]` references checked.
    func finishPage(_ executed: ExecutedLesson) -> ExecutedLesson {
        var executed = executed
        let lesson = executed.lesson
        executed.sharedFolders = executor.sharedDataFolders
        executed.courseRoot = executor.courseRoot
        let numbering = executed.numbering
        executed.citations = Citations.resolve(lesson, numbering: numbering,
                                               source: Citations.source(for: lesson, course: courseBibliography, courseRoot: executor.courseRoot))
        executed.diagnostics += FrontMatterCheck.diagnostics(for: lesson)
            + LocalImage.diagnostics(for: lesson, sharedFolders: executor.sharedDataFolders, courseRoot: executor.courseRoot)
            + LessonLinkCheck.diagnostics(for: lesson, root: executor.courseRoot ?? ".", lessonFolders: LessonLinkCheck.folders(of: courseOrder))
            + numbering.diagnostics(for: lesson, excluding: executed.citations.handledIds)
            + executed.citations.diagnostics
            + DuplicateAnchors.diagnostics(for: lesson, numbering: numbering,
                                           blocks: executed.blocks.map { ($0.planned.id, $0.planned.block.location.line) })
        executed.diagnostics += lesson.malformedIds.map {
            Diagnostic(.malformedId, "'\(Excerpt.clipped($0.text))' is not \($0.form == .reference ? "a cross-reference" : "an id"): \($0.reason)"
                           + ($0.form == .reference ? "; write [@fig:id], [@tbl:id], [@sec:anchor], a block's id or a citation key" : "; write {#fig:id}, {#tbl:id} or {#anchor}"),
                       at: $0.location)
        }
        if onlyBlocks != nil {
            // The blocks left out did not run: values read from them and
            // references to them are not wrong, only unknown in this run.
            executed.diagnostics.removeAll { [.inlineValue, .crossReference, .citation].contains($0.code) }
        }
        executed.typesetMath(with: typesetter)
        return executed
    }
}

/// The totals `lesson check` prints last.
public struct CheckSummary: Sendable, Equatable {
    public var lessons = 0
    public var blocks = 0
    public var passedBlocks = 0
    public var failedBlocks = 0
    public var expectations = 0
    public var failedExpectations = 0
    /// Expectations evaluated and true; those of a block that could not run are neither held nor failed.
    public var heldExpectations = 0
    public var otherErrors = 0

    public init() {}

    /// - Parameter unread: files and folders the search found but could not
    ///   read (``LessonDiscovery/Found``): errors of the run outside blocks,
    ///   so every command's summary says why such a run failed.
    public init(_ lessons: [ExecutedLesson], unread: Int = 0) {
        self.lessons = lessons.count
        otherErrors = unread
        for lesson in lessons {
            blocks += lesson.blocks.count
            passedBlocks += lesson.blocks.filter(\.passed).count
            failedBlocks += lesson.blocks.filter { !$0.passed }.count
            expectations += lesson.blocks.reduce(0) { $0 + $1.planned.expectations.count }
            failedExpectations += lesson.blocks.reduce(0) { $0 + $1.expectations.filter { !$0.passed }.count }
            heldExpectations += lesson.blocks.reduce(0) { $0 + $1.expectations.filter(\.passed).count }
            otherErrors += lesson.diagnostics.filter { $0.severity == .error }.count
        }
    }

    public var passed: Bool { failedBlocks == 0 && otherErrors == 0 }

    /// "checked 3 lessons, 12 blocks: 12 passed, 0 failed"
    public var line: String {
        "checked \(lessons) lesson\(lessons == 1 ? "" : "s"), \(blocks) block\(blocks == 1 ? "" : "s"): \(passedBlocks) passed, \(failedBlocks) failed"
    }

    /// "rendered 3 lessons into output/ (12 of 12 blocks passed)": what
    /// `render` and `preview` print, which wrote pages rather than only checked.
    /// With errors outside blocks, it ends "; 1 error outside blocks (…)".
    public func renderedLine(into folder: String) -> String {
        let rendered = "rendered \(lessons) lesson\(lessons == 1 ? "" : "s") into \(folder)/ (\(passedBlocks) of \(blocks) block\(blocks == 1 ? "" : "s") passed)"
        return otherErrors > 0 ? rendered + "; " + otherErrorsPart : rendered
    }

    /// "1 error outside blocks (inline values, unreadable files)"
    private var otherErrorsPart: String {
        "\(otherErrors) error\(otherErrors == 1 ? "" : "s") outside blocks (inline values, unreadable files)"
    }

    /// "41 of 42 expectations held; 1 other error" (printed before ``line``).
    public var detailLine: String {
        var parts = ["\(heldExpectations) of \(expectations) expectation\(expectations == 1 ? "" : "s") held"]
        let unevaluated = expectations - heldExpectations - failedExpectations
        if unevaluated > 0 { parts[0] += " (\(unevaluated) not evaluated: their block did not run)" }
        if otherErrors > 0 { parts.append(otherErrorsPart) }
        return parts.joined(separator: "; ")
    }
}
