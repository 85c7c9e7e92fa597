import Foundation
import LessonMarkdown
import LessonSupport

/// The papers a lesson cites: each `[@key]` whose key is an entry of the
/// lesson's BibTeX file (front matter `bibliography: refs.bib`, else the
/// course's `bibliography:`), numbered in order of first citation for the
/// list at the end of the page.
///
/// `[@id]` is also how a lesson points at its own figures, tables, blocks and
/// sections (``Numbering``), so a key that is also such an id is an error
/// rather than a guess; `fig:`, `tbl:` and `sec:` ids are never keys.
public struct Citations: Sendable {
    /// The cited entries, in number order (the first is [1]).
    public private(set) var cited: [BibTeXEntry] = []
    /// Citation number by key.
    public private(set) var numbers: [String: Int] = [:]
    /// Every `[@id]` these citations account for, cited or reported: the
    /// cross-reference check leaves them alone.
    public private(set) var handledIds: Set<String> = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// The BibTeX file read, as a path from the current folder.
    public private(set) var file: String?

    public init() {}

    /// The largest BibTeX file read.
    public static let sizeLimit = 4 << 20

    /// Where a lesson's bibliography comes from.
    public struct Source: Sendable, Equatable {
        /// The file, as a path from the current folder.
        public var path: String
        /// Where it is named (the front-matter value or the course settings).
        public var location: SourceLocation
        /// The folder it must stay inside after links are resolved.
        public var folder: String

        public init(path: String, location: SourceLocation, folder: String) {
            self.path = path
            self.location = location
            self.folder = folder
        }
    }

    /// The file a lesson's citations are resolved against: its front
    /// matter's `bibliography:` (relative to the lesson, inside the lesson's
    /// folder or the course's), else the course's.
    public static func source(for lesson: Lesson, course: Source?, courseRoot: String?) -> Source? {
        guard let entry = lesson.frontMatter?.entries.last(where: { $0.key == "bibliography" }), !entry.value.isEmpty else { return course }
        let folder = (lesson.path as NSString).deletingLastPathComponent
        let path = entry.value.isAbsolutePath || folder.isEmpty ? entry.value : (folder as NSString).appendingPathComponent(entry.value)
        return Source(path: path, location: entry.valueLocation, folder: courseRoot ?? (folder.isEmpty ? "." : folder))
    }

    /// Reads `source` (if any) and resolves the lesson's `[@…]`s against it.
    public static func resolve(_ lesson: Lesson, numbering: Numbering, source: Source?) -> Citations {
        var citations = Citations()
        guard let source else { return citations }
        // A course-wide file is read only for lessons that have something to
        // look up in it; a lesson naming one is told about its problems anyway.
        let namedByLesson = lesson.frontMatter?.value("bibliography") != nil
        guard namedByLesson || lesson.crossReferences.contains(where: { numbering.targets[$0.id] == nil }) else { return citations }
        citations.file = source.path
        let entries: [BibTeXEntry]
        // Entries whose key was read before their error, by key: the first of each.
        var malformed: [String: BibTeXReader.Problem] = [:]
        do {
            guard Confinement.realPath(source.path) != nil else {
                throw Confinement.Violation(path: source.path, reason: "does not exist")
            }
            guard Confinement.isInside(source.path, folder: source.folder) else {
                throw Confinement.Violation(path: source.path, reason: "is outside the folder \(source.folder) (after links are resolved)")
            }
            let data = try Confinement.readRegularFile(source.path, limit: sizeLimit)
            guard let text = String(data: data, encoding: .utf8) else {
                throw Confinement.Violation(path: source.path, reason: "is not UTF-8 text")
            }
            let read = BibTeXReader.read(text, path: source.path)
            entries = read.entries
            citations.diagnostics += read.problems.map { Diagnostic(.bibliography, $0.message, at: $0.location) }
            for problem in read.problems {
                if let key = problem.key, malformed[key] == nil { malformed[key] = problem }
            }
        } catch {
            citations.diagnostics.append(Diagnostic(.bibliography, "cannot read the bibliography: \(error)", at: source.location))
            // Its keys are unknown, not wrong: one error, not one per citation.
            for reference in lesson.crossReferences where numbering.targets[reference.id] == nil && !isCrossReference(reference.id) {
                citations.handledIds.insert(reference.id)
            }
            return citations
        }
        var byKey: [String: BibTeXEntry] = [:]
        for entry in entries { byKey[entry.key] = entry }
        let keys = entries.map(\.key)
        for reference in lesson.crossReferences {
            let id = reference.id
            if let entry = byKey[id] {
                citations.handledIds.insert(id)
                if let target = numbering.targets[id] {
                    citations.diagnostics.append(Diagnostic(.citation,
                        "'[@\(id)]' names both the \(target.kind.rawValue) '\(id)' and the entry '\(id)' in \(source.path); "
                            + "rename the BibTeX key (or the \(target.kind.rawValue))", at: reference.location))
                    continue
                }
                if citations.numbers[id] == nil {
                    citations.cited.append(entry)
                    citations.numbers[id] = citations.cited.count
                }
            } else if numbering.targets[id] == nil, let problem = malformed[id] {
                // The key is there; its entry could not be read (its own error says why).
                citations.handledIds.insert(id)
                citations.diagnostics.append(Diagnostic(.citation,
                    "the entry '\(id)' in \(source.path) could not be read, so '[@\(id)]' is not cited; fix the entry (its error is at \(problem.location))",
                    at: reference.location, notes: [.init("the entry '\(id)' starts here", location: problem.entryLocation ?? problem.location)]))
            } else if numbering.targets[id] == nil, !isCrossReference(id) {
                citations.handledIds.insert(id)
                let close = Suggestion.closest(to: id, in: keys + numbering.targets.keys.sorted())
                citations.diagnostics.append(Diagnostic(.citation,
                    "unknown citation key '[@\(id)]'" + (close.map { "; did you mean '[@\($0)]'?" } ?? "")
                        + " (the keys of \(source.path), or a block id or heading anchor)", at: reference.location))
            }
        }
        return citations
    }

    /// `fig:`, `tbl:` and `sec:` ids are the lesson's own, never BibTeX keys.
    static func isCrossReference(_ id: String) -> Bool {
        ["fig:", "tbl:", "sec:"].contains { id.hasPrefix($0) }
    }
}
