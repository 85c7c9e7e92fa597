import Foundation
import LessonResults
import LessonSupport

/// One render's writes into the output folder, held against the folder's
/// ``OutputRecord``: a file there that the record does not name is never
/// written over, and what the record names but this render no longer
/// writes is removed at the end.
///
/// A folder written by a version before the record (a `lessons.json` but no
/// `files.json`) is adopted once: files at the names this render writes are
/// taken over, and nothing else is touched. A folder with neither is the
/// user's: only names that are free are written.
final class OutputFiles: @unchecked Sendable {
    let root: String
    /// The record as this render found it (empty if there was none).
    let previous: OutputRecord
    /// Whether files at the names this render writes are taken over (see above).
    let adopting: Bool
    /// Written only before the pages are (``announce(_:)``).
    private var owned: Set<String>
    /// Lesson source ("" for shared files) → files written for it by this render.
    private var written: [String: Set<String>] = [:]
    private var writtenNow = Set<String>()
    private let lock = NSLock()

    init(root: String) {
        self.root = root
        let found = OutputRecord.read(in: root)
        if let record = found {
            previous = record
            adopting = false
        } else {
            previous = OutputRecord()
            let manifest = Confinement.contents((root as NSString).appendingPathComponent(IndexManifest.fileName),
                                                limit: IndexManifest.sizeLimit, followLinks: false)
            adopting = manifest.flatMap { try? JSONDecoder().decode(IndexManifest.self, from: $0) } != nil
        }
        owned = previous.allFiles.union(adopting || found != nil ? [OutputRecord.fileName] : [])
    }

    func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    static let notOursReason = "it was not written by lesson; move it away or choose another --out"

    /// Refuses `relative` when a regular file is there that this tool did not
    /// write (links, folders and devices are refused by ``Confinement``).
    func checkOwned(_ relative: String) throws {
        guard !adopting, !owned.contains(relative) else { return }
        // Two lessons beside one image share its copy.
        if lock.withLock({ writtenNow.contains(relative) }) { return }
        var info = stat()
        if lstat(path(relative), &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            throw AtomicFile.WriteError(path: path(relative), reason: Self.notOursReason)
        }
    }

    /// Notes that `relative` was written for `lesson` (nil: shared).
    func claim(_ relative: String, for lesson: String?) {
        lock.withLock {
            written[lesson ?? "", default: []].insert(relative)
            writtenNow.insert(relative)
        }
    }

    /// Writes `data` at `relative` (unless it already holds them) once the
    /// file there is known to be this tool's, and records it.
    @discardableResult
    func write(_ data: Data, to relative: String, for lesson: String?) throws -> Bool {
        try checkOwned(relative)
        let wrote = try AtomicFile.writeIfChanged(data, to: path(relative), within: root)
        claim(relative, for: lesson)
        return wrote
    }

    @discardableResult
    func write(_ text: String, to relative: String, for lesson: String?) throws -> Bool {
        try write(Data(text.utf8), to: relative, for: lesson)
    }

    /// Before the first write: records the files this render is about to
    /// write as well (those it may write), so a render killed halfway leaves
    /// no file of its own that the next one would refuse. A shared file that
    /// is someone else's (`index.html` in a folder of one's own site) stops
    /// the render here, before anything is written.
    func announce(_ planned: [String: [String]]) throws {
        for file in planned[""] ?? [] { try checkOwned(file) }
        var record = previous
        var grows = false
        for (lesson, files) in planned {
            // Only a file not recorded yet needs it, and only if it may be written.
            let mine = files.filter { !owned.contains($0) && (try? checkOwned($0)) != nil }
            grows = grows || !mine.isEmpty
            if lesson.isEmpty {
                record.shared += mine
            } else {
                record.lessons[lesson, default: []] += mine
            }
        }
        guard grows || !owned.contains(OutputRecord.fileName) else { return }
        record.shared.append(OutputRecord.fileName)
        let data = try record.encoded()
        try checkOwned(OutputRecord.fileName)
        try AtomicFile.writeIfChanged(data, to: path(OutputRecord.fileName), within: root)
        owned.insert(OutputRecord.fileName)
    }

    /// Ends the render: removes what the record named and this render no
    /// longer writes, and writes the new record. Returns a warning
    /// (``DiagnosticCode/staleOutput``) for each recorded file that could not be removed.
    ///
    /// - Parameters:
    ///   - rendered: the lessons this render wrote (their sources).
    ///   - kept: the lessons that stay in the folder (nil: every recorded
    ///     one); a recorded lesson not among them has all its files removed.
    ///   - scope: the files this pass writes (pages, or PDFs): a rendered
    ///     lesson's recorded file outside it is kept.
    func finish(rendered: [String], kept: Set<String>?, scope: (String) -> Bool) throws -> [Diagnostic] {
        let written = lock.withLock { self.written }
        var next = OutputRecord()
        next.shared = Array(written[""] ?? []) + previous.shared.filter { !scope($0) } + [OutputRecord.fileName]
        for lesson in Set(rendered) {
            next.lessons[lesson] = Array(written[lesson] ?? []) + (previous.lessons[lesson] ?? []).filter { !scope($0) }
        }
        for (lesson, files) in previous.lessons where next.lessons[lesson] == nil && kept?.contains(lesson) != false {
            next.lessons[lesson] = files
        }
        var warnings: [Diagnostic] = []
        for stale in previous.allFiles.subtracting(next.allFiles).sorted() {
            if let problem = remove(stale) { warnings.append(Diagnostic(.staleOutput, problem, at: nil, severity: .warning)) }
        }
        try checkOwned(OutputRecord.fileName)
        try AtomicFile.writeIfChanged(try next.encoded(), to: path(OutputRecord.fileName), within: root)
        return warnings
    }

    /// Removes a recorded file, never through a link and never anything but
    /// a regular file, then the folders it leaves empty (`csv/PAGE/`).
    private func remove(_ relative: String) -> String? {
        let full = path(relative)
        var info = stat()
        guard lstat(full, &info) == 0 else { return nil }
        do {
            try Confinement.checkOutput(full, root: root)
        } catch let violation as Confinement.Violation {
            return "'\(full)', written by an earlier render, is not removed: it \(violation.reason)"
        } catch {
            return "'\(full)', written by an earlier render, is not removed: \(error)"
        }
        guard unlink(full) == 0 else {
            return "'\(full)', written by an earlier render, is not removed: \(String(cString: strerror(errno)))"
        }
        var folder = (relative as NSString).deletingLastPathComponent
        while !folder.isEmpty, rmdir(path(folder)) == 0 {
            folder = (folder as NSString).deletingLastPathComponent
        }
        return nil
    }
}
