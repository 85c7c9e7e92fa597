import Foundation
import LessonSupport

/// A run that used a cache folder: `lesson render`, `check` and `preview`
/// each leave a record in its `runs/` folder — when it ended, what it was,
/// and the keys it read or wrote. `lesson cache prune` keeps what any recent
/// run used, not only the last one: rendering one lesson must not make every
/// other lesson's results count as unused.
///
/// One file per process (a preview's renders add to its own), so runs at the
/// same time, or shards' caches restored into one folder, never overwrite
/// each other's record.
public struct CacheRun: Sendable, Equatable {
    /// When the run (a preview: its last render) ended.
    public var time: Date
    /// "lesson check, 12 lessons", "lesson render, 1 lesson (shard 2/4)".
    public var description: String
    public var keys: Set<String>

    public init(time: Date, description: String, keys: Set<String>) {
        self.time = time
        self.description = description
        self.keys = keys
    }

    /// Prune keeps the entries of the last ``keptRuns`` runs…
    public static let keptRuns = 10
    /// …and of every run of the last ``keptDays`` days.
    public static let keptDays = 7
    /// "the last 10 runs, and every run of the last 7 days", as help texts and messages say it.
    public static let keptText = "the last \(keptRuns) runs, and every run of the last \(keptDays) days"

    static let folder = "runs"
    static let fileExtension = "run"
    /// A cache folder may come with a pull request: records read are
    /// bounded, newest first, in number and in bytes all together.
    static let mostRecordsRead = 1_000
    static let largestRecord = 16 << 20
    static let mostBytesRead = 64 << 20

    /// The runs whose entries prune keeps, of `runs` (newest first).
    public static func kept(_ runs: [CacheRun], now: Date = Date()) -> [CacheRun] {
        runs.enumerated().filter { position, run in
            position < keptRuns || now.timeIntervalSince(run.time) <= Double(keptDays) * 86_400
        }.map(\.element)
    }

    /// Every run recorded in the cache folder, newest first. A folder written
    /// before there were records has its `last-run` list, dated by its file.
    public static func all(in directory: String) -> [CacheRun] {
        let fm = FileManager.default
        let folder = (directory as NSString).appendingPathComponent(Self.folder)
        let names = ((try? fm.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { ($0 as NSString).pathExtension == fileExtension && !$0.hasBytePrefix(".") }
            .sorted(by: >).prefix(mostRecordsRead)
        var runs: [CacheRun] = []
        var bytes = 0
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            bytes += ((try? fm.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
            if bytes > mostBytesRead { break }
            if let run = read(path) { runs.append(run) }
        }
        if runs.isEmpty {
            let legacy = (directory as NSString).appendingPathComponent(ResultCache.lastRunFile)
            if let data = Confinement.contents(legacy, limit: largestRecord) {
                let modified = (try? fm.attributesOfItem(atPath: legacy)[.modificationDate] as? Date) ?? .distantPast
                runs = [CacheRun(time: modified, description: "the last run", keys: keys(in: String(decoding: data, as: UTF8.self)))]
            }
        }
        return runs.sorted { $0.time > $1.time }
    }

    /// The header line of a record, then one key a line.
    private struct Header: Codable {
        var time: Double
        var description: String
    }

    static func read(_ path: String) -> CacheRun? {
        guard let data = Confinement.contents(path, limit: largestRecord, followLinks: false) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let firstLine = text.prefix { $0 != "\n" }
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(firstLine.utf8)), header.time.isFinite else { return nil }
        // Printed by `prune --dry-run`: one line, no control characters, bounded.
        let description = Excerpt.clipped(TerminalText.escaped(header.description))
        return CacheRun(time: Date(timeIntervalSince1970: header.time), description: description,
                        keys: keys(in: String(text.dropFirst(firstLine.count))))
    }

    /// One key a line; keys are only compared with the names of entry files.
    static func keys(in text: String) -> Set<String> {
        let lines = text.split(separator: "\n").map(String.init)
        return Set(lines.filter { !$0.isEmpty && $0.utf8.count <= 128 })
    }

    /// This process's record, named by its start: a preview's renders go to one.
    static let processRecord: String = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss"
        return "\(formatter.string(from: Date()))-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).\(fileExtension)"
    }()

    /// Writes this process's record (with the keys it recorded before), then
    /// removes the records prune would no longer keep. Failing to write is
    /// not an error: the cache is an optimisation.
    static func record(_ run: CacheRun, in directory: String, name: String = processRecord) {
        let folder = (directory as NSString).appendingPathComponent(Self.folder)
        let path = (folder as NSString).appendingPathComponent(name)
        var run = run
        if let earlier = read(path) { run.keys.formUnion(earlier.keys) }
        guard let header = try? JSONEncoder().encode(Header(time: run.time.timeIntervalSince1970, description: run.description)) else { return }
        let text = String(decoding: header, as: UTF8.self) + "\n" + run.keys.sorted().map { $0 + "\n" }.joined()
        do {
            try AtomicFile.createDirectory(folder)
            try AtomicFile.write(text, to: path, within: directory)
        } catch {
            return
        }
        // A record listed before the first key-per-line format: now superseded.
        try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(ResultCache.lastRunFile))
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { ($0 as NSString).pathExtension == fileExtension && !$0.hasBytePrefix(".") }
            .sorted(by: >).prefix(mostRecordsRead)
        var dated = names.compactMap { name -> (name: String, time: Date)? in
            let file = (folder as NSString).appendingPathComponent(name)
            return read(file).map { (name, $0.time) }
        }
        dated.sort { $0.time > $1.time }
        let now = Date()
        for (position, record) in dated.enumerated()
        where position >= keptRuns && now.timeIntervalSince(record.time) > Double(keptDays) * 86_400 {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(record.name))
        }
    }
}
