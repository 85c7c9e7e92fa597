import Foundation
import LessonMarkdown
import LessonResults

/// `[@top]` that names a heading (figure, table, block) of another lesson
/// of the run rather than of its own.
///
/// A cross-reference reaches only its own page's numbers; between pages the
/// way is a link to the other lesson's Markdown file, which the page turns
/// into a link to its page (``LessonLinkCheck`` checks the anchor). The
/// error said "unknown cross-reference" and left the author to guess that;
/// now it gives the link that works.
public enum CrossLessonReference {
    /// `lessons` with a note on each unknown `[@id]` (or unknown citation key)
    /// whose id another of `lessons` has: the link to write instead.
    public static func noted(_ lessons: [ExecutedLesson]) -> [ExecutedLesson] {
        let unknown = lessons.map { lesson in
            lesson.diagnostics.contains { $0.code == .crossReference || $0.code == .citation }
        }
        guard unknown.contains(true) else { return lessons }
        let targets = lessons.map(\.numbering.targets)
        var out = lessons
        for (index, lesson) in lessons.enumerated() where unknown[index] {
            for reference in lesson.lesson.crossReferences where targets[index][reference.id] == nil {
                guard let other = lessons.indices.first(where: { $0 != index && targets[$0][reference.id] != nil }),
                      let target = targets[other][reference.id],
                      let place = out[index].diagnostics.firstIndex(where: {
                          ($0.code == .crossReference || $0.code == .citation) && $0.location == reference.location
                      }) else { continue }
                let file = relativePath(to: lessons[other].lesson.path, from: lesson.lesson.path)
                out[index].diagnostics[place].notes.append(.init(
                    "'\(reference.id)' is \(article(target.kind)) of \(lessons[other].lesson.path); a cross-reference reaches only this lesson's own, "
                        + "so link to the other lesson: [\(linkText(target))](\(file)#\(target.anchor))"))
            }
        }
        return out
    }

    private static func article(_ kind: Numbering.Kind) -> String {
        switch kind {
        case .section: return "a heading"
        case .figure: return "a figure"
        case .table: return "a table"
        case .experiment: return "an experiment block"
        }
    }

    private static func linkText(_ target: Numbering.Target) -> String {
        target.kind == .section && !target.title.isEmpty ? target.title : "text"
    }

    /// `path` as a link from the lesson at `from` (`../ch2/intro.md`), as
    /// an author writes a link to another lesson's Markdown file.
    static func relativePath(to path: String, from lesson: String) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let folder = URL(fileURLWithPath: lesson).standardizedFileURL.deletingLastPathComponent().pathComponents
        var common = 0
        while common < min(target.count - 1, folder.count), target[common] == folder[common] { common += 1 }
        let ups = Array(repeating: "..", count: folder.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }
}
