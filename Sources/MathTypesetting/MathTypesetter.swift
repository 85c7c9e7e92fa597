import Foundation
import LessonSupport

/// Typesets TeX with KaTeX at render time, so pages need no JavaScript for
/// math, and caches every formula on disk by its TeX, display mode and the
/// KaTeX script's bytes: a warm render never starts the JavaScript engine.
///
/// Safe to share between threads: up to ``maximumEngines`` formulas are
/// typeset at once, each in a JavaScript engine of its own (a Duktape heap
/// is single-threaded); the caches are behind one lock.
public final class MathTypesetter: @unchecked Sendable {
    /// KaTeX's output for one formula.
    public enum Result: Sendable, Equatable {
        /// HTML + MathML (KaTeX's `htmlAndMathml`).
        case success(String)
        /// A TeX error: KaTeX's message and, when it knows, the UTF-16 offset
        /// in the TeX where it stopped.
        case failure(message: String, position: Int?)
        /// No KaTeX to run (not installed, or it failed to load).
        case unavailable(reason: String)
    }

    struct EngineError: Error { var message: String }

    /// The KaTeX script found by ``KaTeXLocation`` (Debian's path when none is,
    /// so the error names where to install it).
    public static var defaultScriptPath: String {
        (KaTeXLocation.folder ?? KaTeXLocation.debianFolder) + "/katex.min.js"
    }

    public let scriptPath: String
    /// `<cache>/math`, or nil for no disk cache.
    public let cacheDirectory: String?

    /// The longest formula typeset, in UTF-8 bytes of TeX.
    public static let texLimit = 20_000
    /// The largest typeset formula kept, in bytes of HTML (also the read
    /// bound of a cache file).
    public static let htmlLimit = 2 << 20
    /// CPU seconds one formula may take (KaTeX in Duktape: 1–10 ms usually).
    public var formulaTimeLimit: Double = 5
    /// The JavaScript heap's limit.
    public var memoryLimit = 256 << 20

    /// How many engines may typeset at once (`--jobs`); each is a heap of up
    /// to ``memoryLimit``. A formula's result does not depend on it.
    public var maximumEngines = 1

    /// The caches' lock; a thread waits on it for an engine to come back.
    private let lock = NSCondition()
    /// Engines not typesetting now.
    private var idle: [KaTeXEngine] = []
    /// Engines started and not spoiled (typesetting or idle).
    private var live = 0
    private var engineError: String?
    private var memory: [String: Result] = [:]
    private var scriptKey: String?
    /// Whether the cache folder has been swept of stale temporary files.
    private var swept = false
    /// How many times a JavaScript engine was started (tests read it).
    public private(set) var engineStarts = 0

    /// - Parameter cacheDirectory: the run's cache folder; formulas go in its
    ///   `math/` subfolder. `nil` keeps them in memory only.
    public init(scriptPath: String = MathTypesetter.defaultScriptPath, cacheDirectory: String?) {
        self.scriptPath = scriptPath
        self.cacheDirectory = cacheDirectory.map { ($0 as NSString).appendingPathComponent("math") }
    }

    public func typeset(_ tex: String, display: Bool) -> Result {
        lock.lock()
        defer { lock.unlock() }
        guard let scriptKey = scriptKeyLocked() else {
            return .unavailable(reason: "KaTeX not found at \(scriptPath); install it with: apt-get install libjs-katex")
        }
        let key = Self.cacheKey(tex, display: display, scriptKey: scriptKey)
        if let hit = memory[key] { return hit }
        if tex.utf8.count > Self.texLimit {
            // Not cached: the check is cheaper than a file.
            return .failure(message: "the formula is \(tex.utf8.count) bytes long, more than the limit of \(Self.texLimit); split it", position: nil)
        }
        if let hit = loadLocked(key) {
            memory[key] = hit
            return hit
        }
        guard let engine = checkOutLocked() else {
            let result = Result.unavailable(reason: engineError ?? "KaTeX did not load")
            memory[key] = result
            return result
        }
        // Typeset without the lock: other threads use their own engines.
        lock.unlock()
        var result = engine.typeset(tex, display: display, cpuSeconds: formulaTimeLimit)
        lock.lock()
        if engine.spoiled {
            // Out of its budget mid-formula: the next formula gets a fresh one.
            live -= 1
        } else {
            idle.append(engine)
            if case .success(let html) = result, html.utf8.count > Self.htmlLimit {
                result = .failure(message: "the typeset formula is larger than \(Self.htmlLimit >> 20) MiB; make it smaller or split it", position: nil)
            } else {
                storeLocked(result, key: key)
            }
        }
        lock.signal()
        memory[key] = result
        return result
    }

    /// A formula's file name in the cache: 128 bits over the KaTeX script's
    /// key, the display mode and the TeX. FNV is a running hash, so hashing
    /// the parts one after another equals hashing their concatenation; the
    /// keys are the ones this cache has always used.
    static func cacheKey(_ tex: String, display: Bool, scriptKey: String) -> String {
        let a = StableHash.fnv1a64(tex, basis: StableHash.fnv1a64("katex=\(scriptKey)\ndisplay=\(display)\n"))
        let b = StableHash.fnv1a64("\n\(display)\n\(scriptKey)", basis: StableHash.fnv1a64(tex, basis: StableHash.secondBasis))
        return StableHash.hex(a) + StableHash.hex(b)
    }

    // MARK: - Private (lock held)

    /// An idle engine, a new one while fewer than ``maximumEngines`` live,
    /// or, once every one is busy, the next to come back; nil when KaTeX
    /// does not load.
    private func checkOutLocked() -> KaTeXEngine? {
        while true {
            if let engine = idle.popLast() { return engine }
            if engineError != nil { return nil }
            if live < max(1, maximumEngines) {
                live += 1
                engineStarts += 1
                // Loading KaTeX takes 0.2 s: not while holding the caches.
                lock.unlock()
                let started = Swift.Result<KaTeXEngine, Error> { try KaTeXEngine(scriptPath: scriptPath, memoryLimit: memoryLimit) }
                lock.lock()
                switch started {
                case .success(let engine): return engine
                case .failure(let error):
                    live -= 1
                    engineError = "KaTeX failed to load from \(scriptPath): \((error as? EngineError)?.message ?? "\(error)")"
                    lock.broadcast()
                    return nil
                }
            }
            lock.wait()
        }
    }

    /// The script's bytes, hashed once: a KaTeX upgrade (or a Debian patch)
    /// changes every key.
    private func scriptKeyLocked() -> String? {
        if let scriptKey { return scriptKey }
        guard let data = FileManager.default.contents(atPath: scriptPath) else { return nil }
        let key = StableHash.hex(StableHash.fnv1a64(data))
        scriptKey = key
        return key
    }

    /// The cache file of a formula (tests plant entries there).
    func cacheFile(_ tex: String, display: Bool) -> String? {
        lock.withLock { scriptKeyLocked().flatMap { path(Self.cacheKey(tex, display: display, scriptKey: $0)) } }
    }

    private func path(_ key: String) -> String? {
        cacheDirectory.map { ($0 as NSString).appendingPathComponent(key + ".html") }
    }

    /// The first line of a cached formula: the format, the formula's key,
    /// the length of the rest and its checksum over the key and the rest.
    /// A cache folder may come with the course (a pull request can ship one),
    /// so a file is believed only when the line matches its name and bytes,
    /// and a typeset formula only when its HTML is what KaTeX writes
    /// (``MarkupCheck/katex``): no script, link, image or event can come
    /// from the cache.
    static let magic = "lesson-math 2"

    static func entry(_ payload: String, key: String) -> Data {
        var data = Data("\(magic) \(key) \(payload.utf8.count) \(checksum(Data(payload.utf8), key: key))\n".utf8)
        data.append(Data(payload.utf8))
        return data
    }

    static func checksum(_ payload: Data, key: String) -> String {
        StableHash.digest128(Data((key + "\n").utf8) + payload)
    }

    /// `ok\n<html>` or `error <position>\n<message>` after the header; anything else is a miss.
    static func decode(_ data: Data, key: String) -> Result? {
        guard let end = data.prefix(200).firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let fields = String(decoding: data[data.startIndex..<end], as: UTF8.self).split(separator: " ")
        guard fields.count == 5, "\(fields[0]) \(fields[1])" == magic, fields[2] == key, let count = Int(fields[3]) else { return nil }
        let payload = Data(data[(end + 1)...])
        guard payload.count == count, checksum(payload, key: key) == fields[4],
              let newline = payload.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let head = String(decoding: payload[..<newline], as: UTF8.self)
        let body = String(decoding: payload[(newline + 1)...], as: UTF8.self)
        if head == "ok" { return MarkupCheck.katex.allows(body) ? .success(body) : nil }
        if head.hasPrefix("error ") {
            let position = Int(head.dropFirst(6))
            return .failure(message: body, position: position.flatMap { $0 >= 0 ? $0 : nil })
        }
        return nil
    }

    private func loadLocked(_ key: String) -> Result? {
        guard let path = path(key), let data = Confinement.contents(path, limit: Self.htmlLimit + 4096) else { return nil }
        return Self.decode(data, key: key)
    }

    private func storeLocked(_ result: Result, key: String) {
        guard let path = path(key), let directory = cacheDirectory else { return }
        let text: String
        switch result {
        case .success(let html): text = "ok\n" + html
        case .failure(let message, let position): text = "error \(position ?? -1)\n" + message
        case .unavailable: return
        }
        if !swept {
            // What an earlier run killed mid-write (kill -9) left behind.
            swept = true
            TemporaryFiles.sweepStale(in: directory)
        }
        // The cache is an optimisation: failing to write it never fails a render.
        // `AtomicFile` registers its temporary file, so an interrupt removes it.
        try? AtomicFile.write(Self.entry(text, key: key), to: path, within: directory)
    }
}
