import Foundation
import LessonMarkdown
import LessonResults
import LessonSupport

/// Where each lesson's local images go in the output folder.
///
/// Pages all sit in one folder, so `img/plot.png` beside `a/intro.md` and
/// `img/plot.png` beside `b/intro.md` would both be copied to `img/plot.png`
/// and one page would show the other's picture. An image keeps its relative
/// path unless a different file (from another lesson folder) already has it;
/// then it goes under a folder named after its page (`b-intro/img/plot.png`)
/// and the page links there. Lessons are taken in the order given (sorted
/// paths from `lesson render`), so the choice is the same on every run.
struct ImagePlacement {
    /// Per lesson, parallel to the lessons given: image source as written →
    /// its path in the output folder, for every local image inside the
    /// lesson's folder.
    private(set) var destinations: [[String: String]]

    init(lessons: [ExecutedLesson], pageNames: [String]) {
        var owner: [String: String] = [:]  // output path (lower-cased) → source file
        destinations = []
        for (executed, page) in zip(lessons, pageNames) {
            let lesson = executed.lesson
            let folder = (lesson.path as NSString).deletingLastPathComponent
            var placed: [String: String] = [:]
            for image in lesson.images where LocalImage.isLocal(image.source) && placed[image.source] == nil {
                guard let relative = LocalImage.relativePath(image.source) else { continue }
                // An image from a shared folder is one file for every lesson that shows it.
                let located = (try? executed.imageFile(image.source).get())
                    ?? (folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative))
                let file = (located as NSString).standardizingPath
                let pageFolder = (page as NSString).deletingPathExtension
                var candidate = relative
                var n = 1
                // Case-insensitive: the output may live on a file system that is.
                while let taken = owner[candidate.lowercased()], taken != file {
                    candidate = (n == 1 ? pageFolder : "\(pageFolder)-\(n)") + "/" + relative
                    n += 1
                }
                owner[candidate.lowercased()] = file
                placed[image.source] = candidate
            }
            destinations.append(placed)
        }
    }

    /// The `src` to write for each image whose output path differs from
    /// what the lesson wrote (each folder and file name percent-encoded, so a
    /// page named `a: b` cannot start a URL scheme).
    func renamedSources(_ lesson: Int) -> [String: String] {
        var out: [String: String] = [:]
        for (source, destination) in destinations[lesson] where LocalImage.relativePath(source) != destination {
            out[source] = destination.slashSeparatedParts.map(HTML.fileHref).joined(separator: "/")
        }
        return out
    }
}
