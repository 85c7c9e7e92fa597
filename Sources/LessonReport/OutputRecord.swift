import Foundation
import LessonResults
import LessonSupport

/// `files.json` in the output folder: every file the tool wrote there, by
/// the lesson it was written for. A render removes what it wrote before and
/// no longer writes (a renamed block's CSV file, a deleted image, a deleted
/// lesson's page) and refuses to write over anything it did not write.
///
/// The output folder is committed, so a pull request can plant a record:
/// it is read with a size bound, never through a link, and an entry is
/// believed only when it is a name this tool could have written (a plain
/// relative path, nothing hidden, one of the kinds of file a render makes).
/// A removal also goes through ``Confinement/checkOutput(_:root:)``, so a
/// planted entry can at worst remove a regular file of such a name inside
/// the output folder.
struct OutputRecord: Codable, Equatable {
    var version = 1
    /// Files no one lesson owns: assets, `index.html`, `lessons.json`, the
    /// search index, `pdf/course.pdf`.
    var shared: [String] = []
    /// A lesson's source, as ``IndexManifest/Item/source`` names it → the
    /// files written for it (page, source copy, CSV files, images, PDF).
    var lessons: [String: [String]] = [:]

    static let fileName = "files.json"

    /// The largest record read (10,000 lessons of a dozen files fit).
    static let sizeLimit = 32 << 20

    /// Every file the record names.
    var allFiles: Set<String> { Set(shared).union(lessons.values.joined()) }

    /// The record in `directory`, its unbelievable entries dropped; nil when
    /// there is none or it cannot be read as one.
    static func read(in directory: String) -> OutputRecord? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = Confinement.contents(path, limit: sizeLimit, followLinks: false),
              var record = try? JSONDecoder().decode(OutputRecord.self, from: data) else { return nil }
        record.shared = record.shared.filter(isRecordable)
        record.lessons = record.lessons.mapValues { $0.filter(isRecordable) }
        return record
    }

    /// The record as written: sorted, so an unchanged render writes the same bytes.
    func encoded() throws -> Data {
        var sorted = self
        sorted.shared = Array(Set(shared)).sorted()
        sorted.lessons = lessons.mapValues { Array(Set($0)).sorted() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(sorted)
    }

    /// The kinds of file a render writes: pages, source copies, CSV files,
    /// PDFs, the manifests, assets and images.
    static let recordableExtensions = Set(["html", "txt", "csv", "pdf", "json", "js", "css", "woff2"]).union(LocalImage.imageExtensions)

    /// Whether `path` is a name this tool could have written: relative, no
    /// empty, `.` or `..` part, nothing hidden, no control character, and
    /// one of ``recordableExtensions``.
    static func isRecordable(_ path: String) -> Bool {
        guard !path.isEmpty, path.utf8.count <= 4_096, !path.isAbsolutePath else { return false }
        let parts = path.slashSeparatedParts(keepingEmpty: true)
        guard parts.allSatisfy({ !$0.isEmpty && !$0.hasBytePrefix(".") && $0.utf8.count <= 255 }),
              !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        return recordableExtensions.contains((path as NSString).pathExtension.lowercased())
    }
}
