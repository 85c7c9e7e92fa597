import Foundation
import LessonResults

/// The words for how a lesson went, shared by the page, the index and (in
/// English) the command line (`ExecutedLesson.statusText`) so all say the
/// same thing: "2 of 4 blocks failed; 6 expectations not met".
enum StatusWords {
    /// "4 blocks passed", "2 of 4 blocks failed", "no blocks".
    static func blocks(failed: Int, total: Int, words: InterfaceWords = .english) -> String {
        if total == 0 { return words.noBlocks }
        return failed == 0 ? words.blocksPassed(total) : words.blocksFailed(failed, total)
    }

    /// Every count that is not zero, joined with "; ".
    static func problems(failedBlocks: Int, totalBlocks: Int, expectationsNotMet: Int, otherErrors: Int,
                         words: InterfaceWords = .english) -> String {
        var parts: [String] = []
        if failedBlocks > 0 { parts.append(blocks(failed: failedBlocks, total: totalBlocks, words: words)) }
        if expectationsNotMet > 0 { parts.append(words.expectationsNotMet(expectationsNotMet)) }
        if otherErrors > 0 { parts.append(words.errorsInText(otherErrors)) }
        return parts.isEmpty ? blocks(failed: 0, total: totalBlocks, words: words) : parts.joined(separator: "; ")
    }

    /// The page's badge: what the progress line says (`ExecutedLesson.statusText`),
    /// in the page's language.
    static func badge(_ executed: ExecutedLesson, words: InterfaceWords) -> String {
        let total = executed.blocks.count, failed = executed.failedBlockCount, other = executed.errorsOutsideBlocks
        var parts = [failed == 0 ? words.blocksPassed(total) : words.blocksFailed(failed, total)]
        if other > 0 { parts.append(words.errorsInText(other)) }
        return parts.joined(separator: "; ")
    }
}

/// The box at the top of a page with failures: what failed, why, and a link
/// to each failed block, so a problem far down a long page is not missed.
enum FailureSummary {
    static func html(_ executed: ExecutedLesson, words: InterfaceWords = .english) -> String {
        let failed = executed.blocks.filter { !$0.passed }
        let pageErrors = executed.diagnostics.filter { $0.severity == .error }
        guard !failed.isEmpty || !pageErrors.isEmpty else { return "" }
        let notMet = executed.blocks.reduce(0) { $0 + $1.expectations.filter { !$0.passed }.count }
        let headline = StatusWords.problems(failedBlocks: failed.count, totalBlocks: executed.blocks.count,
                                            expectationsNotMet: notMet, otherErrors: pageErrors.count, words: words)
        var out = "<section class=\"failure-summary\" role=\"alert\" aria-labelledby=\"failure-summary-title\">\n"
        out += "<h2 id=\"failure-summary-title\"\(words.wordsAttribute)>\(HTML.escape(headline))</h2>\n<ul>\n"
        for block in failed {
            let planned = block.planned
            let line = planned.block.location.line
            out += "<li><a href=\"#block-\(HTML.escape(planned.id))\"><code>\(HTML.escape(planned.id))</code></a> "
            out += "<span class=\"where\">(\(HTML.escape(planned.block.kind)), \(words.word(words.line(line))))</span>: "
            out += reasonHTML(block, words: words) + "</li>\n"
        }
        for diagnostic in pageErrors {
            let place = diagnostic.location.map { words.lineColumn($0.line, $0.column) } ?? ""
            out += "<li>" + (place.isEmpty ? "" : "<span class=\"where\"\(words.wordsAttribute)>\(HTML.escape(place))</span>: ")
                + words.english(HTML.escape(diagnostic.message)) + "</li>\n"
        }
        out += "</ul>\n</section>\n"
        return out
    }

    /// The first thing a reader should know about a failed block, as HTML:
    /// the page's words around the tool's English messages, marked as such.
    static func reasonHTML(_ block: ExecutedBlock, words: InterfaceWords) -> String {
        let broken = block.expectations.filter { !$0.passed }
        if let error = block.diagnostics.first(where: { $0.severity == .error && !$0.code.isFailedClaim }) {
            return words.english(HTML.escape(error.message))
        }
        if let first = broken.first {
            let more = broken.count > 1 ? " (" + words.word(words.andMore(broken.count - 1)) + ")" : ""
            let actual = first.actual.isEmpty ? "" : " — " + words.english(HTML.escape(first.actual))
            return words.word(words.expectationNotMetLabel) + ": " + HTML.escape(first.text) + actual + more
        }
        if let message = block.diagnostics.first(where: { $0.severity == .error })?.message {
            return words.english(HTML.escape(message))
        }
        return words.word(words.failed)
    }
}
