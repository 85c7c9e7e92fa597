import Foundation
import LessonRunner
import LessonSupport

/// Copies a lesson's local images into the output folder at the same
/// relative path, so `<img src="img/a.png">` works beside the page.
enum LocalImages {
    /// Returns warnings for images it did not copy (the pipeline already
    /// reported each of them as an error at its place: missing, outside the
    /// lesson's folder after links, not a regular file, misnamed). One image
    /// never stops the others or the render.
    /// - Parameter destinations: image source as written → path in the
    ///   output folder (``ImagePlacement``); an image not in it keeps its
    ///   relative path.
    static func copy(for executed: ExecutedLesson, into outputDirectory: String,
                     destinations: [String: String] = [:]) -> [String] {
        let lesson = executed.lesson
        let folder = (lesson.path as NSString).deletingLastPathComponent
        var warnings: [String] = []
        for image in lesson.images where LocalImage.isLocal(image.source) {
            guard let relative = LocalImage.relativePath(image.source) else { continue }
            let source = folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
            let placed = destinations[image.source] ?? relative
            let shown = Excerpt.clipped(image.source)
            if let problem = LocalImage.nameProblem(placed) ?? LocalImage.fileProblem(source, lessonFolder: folder) {
                warnings.append("\(image.location): image '\(shown)' not copied: \(problem)")
                continue
            }
            do {
                let data = try Confinement.readRegularFile(source, limit: LocalImage.sizeLimit)
                try AtomicFile.writeIfChanged(data, to: (outputDirectory as NSString).appendingPathComponent(placed),
                                              within: outputDirectory)
            } catch {
                warnings.append("\(image.location): image '\(shown)' not copied: \(error)")
            }
        }
        return warnings
    }
}
