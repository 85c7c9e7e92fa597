import Foundation
import LessonResults
import LessonSupport

/// Copies a lesson's local images into the output folder at the same
/// relative path, so `<img src="img/a.png">` works beside the page.
enum LocalImages {
    /// What a copy left undone.
    struct Outcome {
        /// Images not copied because of the lesson that the pipeline has not
        /// already reported at their place (it tells one missing, outside the
        /// lesson's folder after links, not a regular file or misnamed as an
        /// error, and one problem is one annotation, not two).
        var warnings: [Diagnostic] = []
        /// Images the output folder refused (a link planted at `output/img`,
        /// a folder at the image's name): errors at the image's place.
        var errors: [Diagnostic] = []
    }

    /// One image never stops the others or the render.
    /// - Parameter destinations: image source as written → path in the
    ///   output folder (``ImagePlacement``); an image not in it keeps its
    ///   relative path.
    static func copy(for executed: ExecutedLesson, into files: OutputFiles,
                     destinations: [String: String] = [:]) -> Outcome {
        var outcome = Outcome()
        let toldAt = Set(executed.diagnostics.filter { imageCodes.contains($0.code) }.compactMap(\.location))
        for image in executed.lesson.images where LocalImage.isLocal(image.source) {
            guard let relative = LocalImage.relativePath(image.source) else { continue }
            let placed = destinations[image.source] ?? relative
            let shown = Excerpt.clipped(image.source)
            let source: String
            if toldAt.contains(image.location) { continue }
            switch executed.imageFile(image.source) {
            case .success(let path): source = path
            case .failure(let problem):
                outcome.warnings.append(Diagnostic(problem.code, "image '\(shown)' not copied: \(problem.message)", at: image.location, severity: .warning))
                continue
            }
            if let problem = LocalImage.nameProblem(placed) {
                outcome.warnings.append(Diagnostic(.imageName, "image '\(shown)' not copied: \(problem)", at: image.location, severity: .warning))
                continue
            }
            let data: Data
            do {
                data = try Confinement.readRegularFile(source, limit: LocalImage.sizeLimit)
            } catch {
                outcome.warnings.append(Diagnostic(.imageFile, "image '\(shown)' not copied: \(error)", at: image.location, severity: .warning))
                continue
            }
            do {
                try files.write(data, to: placed, for: executed.lesson.path)
            } catch {
                outcome.errors.append(Diagnostic(.refusedOutput, "image '\(shown)' not copied: \(error)", at: image.location))
            }
        }
        return outcome
    }

    /// The codes of the problems ``LocalImage/diagnostics(for:sharedFolders:courseRoot:)``
    /// finds in a lesson's images.
    static let imageCodes: Set<DiagnosticCode> = [.imageOutside, .imageMissing, .imageName, .imageFile]
}
