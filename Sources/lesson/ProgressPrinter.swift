import Foundation
import LessonSupport
import LessonRunner

/// Shows which lesson and block is running: a live line on a terminal, one
/// line per lesson with its time otherwise (CI logs).
/// Blocks report from several threads under `--jobs`, hence the lock.
final class ProgressPrinter: ProgressObserver, @unchecked Sendable {
    private let live = Terminal.stderrIsTerminal
    private let lock = NSLock()

    func lessonStarted(_ path: String, blocks: Int) {
        if live { status("\(name(path)) …") }
    }

    func blockStarted(_ path: String, index: Int, of total: Int, id: String, kind: String) {
        if live { status("\(name(path)) · block \(index + 1)/\(total) · \(id) (\(kind))") }
    }

    func lessonFinished(_ lesson: ExecutedLesson) {
        let cached = lesson.blocks.filter(\.fromCache).count
        var line = "\(lesson.lesson.path): \(lesson.statusText)"
        if cached > 0 {
            let ids = lesson.blocks.filter(\.fromCache).map(\.planned.id)
            line += cached == lesson.blocks.count ? ", all from cache" : ", \(cached) from cache (\(ids.joined(separator: ", ")))"
        }
        line += String(format: " (%.2f s)", lesson.seconds)
        line = TerminalText.neutralizingCommands(TerminalText.escaped(line))
        // One write under the lock: under `--jobs` a block's status line may
        // come from another thread at the same time, and must not split it.
        lock.withLock { FileHandle.standardError.write(Data(((live ? "\r\u{1B}[2K" : "") + line + "\n").utf8)) }
    }

    func finish() {
        if live { status("") }
    }

    private func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    private func status(_ text: String) {
        let width = 100
        let text = TerminalText.escaped(text)
        let clipped = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        lock.withLock { FileHandle.standardError.write(Data(("\r\u{1B}[2K" + clipped).utf8)) }
    }
}
