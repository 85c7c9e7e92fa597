import Foundation
import LessonRunner
import LessonSupport

/// Copies a lesson's local images into the output folder at the same
/// relative path, so `<img src="img/a.png">` works beside the page.
enum LocalImages {
    /// Returns warnings for images it could not copy (the pipeline already
    /// reported missing ones as errors at their place).
    /// - Parameter destinations: image source as written → path in the
    ///   output folder (``ImagePlacement``); an image not in it keeps its
    ///   relative path.
    static func copy(for executed: ExecutedLesson, into outputDirectory: String,
                     destinations: [String: String] = [:]) throws -> [String] {
        let lesson = executed.lesson
        let folder = (lesson.path as NSString).deletingLastPathComponent
        var warnings: [String] = []
        let fm = FileManager.default
        for image in lesson.images where LocalImage.isLocal(image.source) {
            guard let relative = LocalImage.relativePath(image.source) else { continue }
            let source = folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
            guard let data = fm.contents(atPath: source) else { continue }
            let placed = destinations[image.source] ?? relative
            let destination = (outputDirectory as NSString).appendingPathComponent(placed)
            if placed.lowercased().hasSuffix(".html") || placed.hasPrefix("assets/") {
                warnings.append("\(image.location): image '\(image.source)' would overwrite a page or an asset; not copied")
                continue
            }
            try AtomicFile.writeIfChanged(data, to: destination)
        }
        return warnings
    }
}
