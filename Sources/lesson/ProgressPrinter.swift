import Foundation
import LessonSupport
import LessonRunner
import LessonResults

/// Shows which lesson and block is running: a live line on a terminal, one
/// line per lesson otherwise (CI logs), each with the lesson's wall time and
/// the run's elapsed time. In a log, a line every ~10 s says what is still
/// running, so a long block does not leave CI silent. The live line and the
/// ~10 s lines count the blocks and say about how long is left
/// (``TimeLeft``); the per-lesson lines stay the same from run to run.
/// Blocks report from several threads under `--jobs`, hence the lock.
final class ProgressPrinter: ProgressObserver, @unchecked Sendable {
    private let live = Terminal.stderrIsTerminal
    private let lock = NSLock()
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    /// When each lesson's first block started (under `--jobs`, lessons overlap).
    private var firstStart: [String: ContinuousClock.Instant] = [:]
    /// The block started last, for the heartbeat line.
    private var running: String?
    private var lastLine: ContinuousClock.Instant
    private var stopped = false
    /// The run's blocks and what is learnt of their rates, once planned.
    private var timeLeft: TimeLeft?
    /// Blocks started so far.
    private var started = 0
    /// Seconds of silence in a log before a heartbeat line.
    static let heartbeat: Double = 10

    init() {
        start = clock.now
        lastLine = start
        if !live {
            let thread = Thread { [self] in beat() }
            thread.stackSize = 1 << 18
            thread.start()
        }
    }

    func runPlanned(_ blocks: [TimeLeft.Item], jobs: Int) {
        lock.withLock { timeLeft = TimeLeft(items: blocks, jobs: jobs) }
    }

    func blockProgress(_ path: String, index: Int, share: Double, seconds: Double, fromCache: Bool) {
        lock.withLock { timeLeft?.progress(lesson: path, index: index, share: share, seconds: seconds, fromCache: fromCache) }
    }

    func lessonStarted(_ path: String, blocks: Int) {
        lock.withLock { if firstStart[path] == nil { firstStart[path] = clock.now } }
        if live { status("\(name(path)) …") }
    }

    func blockStarted(_ path: String, index: Int, of total: Int, id: String, kind: String) {
        let text = "\(name(path)) · \(id) (\(kind))"
        let count: String = lock.withLock {
            if firstStart[path] == nil { firstStart[path] = clock.now }
            running = text
            started += 1
            return timeLeft?.line(started: started) ?? "block \(index + 1)/\(total)"
        }
        if live { status(text + " · " + count + " · " + Self.clockText(elapsed)) }
    }

    func lessonFinished(_ lesson: ExecutedLesson) {
        let cached = lesson.blocks.filter(\.fromCache).count
        var line = "\(lesson.lesson.path): \(lesson.statusText)"
        if cached > 0 {
            let ids = lesson.blocks.filter(\.fromCache).map(\.planned.id)
            line += cached == lesson.blocks.count ? ", all from cache" : ", \(cached) from cache (\(ids.joined(separator: ", ")))"
        }
        // Wall time, from its first block's start: under --jobs the blocks of
        // a lesson overlap, and the sum of their times is not how long it took.
        let now = clock.now
        let began: ContinuousClock.Instant = lock.withLock {
            timeLeft?.finished(lesson: lesson.lesson.path)
            return firstStart[lesson.lesson.path] ?? now
        }
        line += String(format: " (%@ into the run; took %.2f s)", Self.clockText(elapsed), Self.seconds(now - began))
        line = TerminalText.neutralizingCommands(TerminalText.escaped(line))
        // One write under the lock: under `--jobs` a block's status line may
        // come from another thread at the same time, and must not split it.
        lock.withLock {
            lastLine = now
            FileHandle.standardError.write(Data(((live ? "\r\u{1B}[2K" : "") + line + "\n").utf8))
        }
    }

    func finish() {
        lock.withLock { stopped = true }
        if live { status("") }
    }

    private var elapsed: Double { Self.seconds(clock.now - start) }

    /// "0:07", "1:42", "1:02:03".
    static func clockText(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// In a log: after ~10 s without a line, says what is running.
    private func beat() {
        while true {
            Thread.sleep(forTimeInterval: 1)
            let line: String? = lock.withLock {
                if stopped { return nil }
                guard Self.seconds(clock.now - lastLine) >= Self.heartbeat else { return "" }
                lastLine = clock.now
                let count = timeLeft.map { "; " + $0.line(started: started) } ?? ""
                return "… \(Self.clockText(elapsed)) elapsed" + count + (running.map { "; running \($0)" } ?? "")
            }
            guard let line else { return }
            if !line.isEmpty {
                let shown = TerminalText.neutralizingCommands(TerminalText.escaped(line))
                lock.withLock { FileHandle.standardError.write(Data((shown + "\n").utf8)) }
            }
        }
    }

    private func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    private func status(_ text: String) {
        let width = 100
        let text = TerminalText.escaped(text)
        let clipped = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        lock.withLock { FileHandle.standardError.write(Data(("\r\u{1B}[2K" + clipped).utf8)) }
    }
}
