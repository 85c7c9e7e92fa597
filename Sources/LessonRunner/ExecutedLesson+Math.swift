import Foundation
import LessonResults
import LessonMarkdown
import MathTypesetting
import LessonSupport

extension ExecutedLesson {
    /// Typesets every formula of the lesson; a TeX error becomes a diagnostic
    /// at the character KaTeX stopped at, and the page shows the TeX instead.
    ///
    /// Besides each formula's own limits (``MathTypesetter``), a lesson's
    /// formulas together get `totalSeconds` of CPU time: past it, the
    /// remaining ones not yet typeset show as TeX with an error, so a lesson
    /// of a thousand slow formulas cannot hold a render for hours.
    ///
    /// Formulas not yet known are typeset on up to the typesetter's
    /// ``MathTypesetter/maximumEngines`` threads (`--jobs`); each formula's
    /// result, and so the page, is the same for any number.
    public mutating func typesetMath(with typesetter: MathTypesetter, totalSeconds: Double = Self.mathTimeLimit) {
        var unavailable: String?
        var pendingFormulas: [Formula] = []
        var seen = Set<String>()
        for formula in lesson.formulas {
            let key = Formula.key(tex: formula.tex, display: formula.display)
            if math[key] == nil, seen.insert(key).inserted { pendingFormulas.append(formula) }
        }
        let spent = SpentSeconds()
        let pending = pendingFormulas
        let typeset = ParallelMap.map(pending.count, jobs: typesetter.maximumEngines) { index -> MathTypesetter.Result in
            guard spent.total <= totalSeconds else {
                return .failure(message: "the lesson's math took more than \(Int(totalSeconds)) s to typeset, so this formula was not; make the formulas before it smaller or fewer",
                                position: nil)
            }
            let start = Self.threadCPUSeconds()
            let result = typesetter.typeset(pending[index].tex, display: pending[index].display)
            spent.add(Self.threadCPUSeconds() - start)
            return result
        }
        for (formula, result) in zip(pending, typeset) { math[Formula.key(tex: formula.tex, display: formula.display)] = result }
        for formula in lesson.formulas {
            guard let result = math[Formula.key(tex: formula.tex, display: formula.display)] else { continue }
            switch result {
            case .success:
                break
            case .failure(let message, let position):
                // Every occurrence is reported at its own place.
                let location = position.flatMap { formula.location(ofUTF16Offset: $0) } ?? formula.anchors.first?.location
                diagnostics.append(Diagnostic(.math,
                    "TeX error in \(formula.display ? "display " : "")math: \(Self.plainMessage(message)); fix the TeX between the dollar signs",
                    at: location))
            case .unavailable(let reason):
                unavailable = reason
            }
        }
        if let unavailable {
            diagnostics.append(Diagnostic(.mathUnavailable, "math shows as TeX source: \(unavailable)",
                                          at: lesson.formulas.first?.anchors.first?.location, severity: .warning))
        }
    }

    /// The CPU seconds the threads typesetting a lesson's formulas spent, together.
    final class SpentSeconds: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds = 0.0
        var total: Double { lock.withLock { seconds } }
        func add(_ more: Double) { lock.withLock { seconds += more } }
    }

    /// CPU seconds a lesson's formulas may take together.
    public static let mathTimeLimit: Double = 60

    /// This thread's CPU time: the typesetter is shared, and time spent
    /// waiting for another lesson's formula is not this lesson's.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// KaTeX's message without its "KaTeX parse error: " prefix and the
    /// echo of the TeX it appends (the location says where).
    static func plainMessage(_ message: String) -> String {
        var text = message
        for prefix in ["ParseError: ", "KaTeX parse error: "] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        if let range = text.range(of: " at position ", options: .backwards) {
            text = String(text[..<range.lowerBound])
        } else if let range = text.range(of: " at end of input: ", options: .backwards) {
            text = String(text[..<range.lowerBound]) + " at end of input"
        }
        return text
    }
}
