import Foundation
import Experiments
import LessonMarkdown
import LessonRunner
import Testing
@testable import LessonReport

/// A `lang: vi` page says every word of its own in Vietnamese; what stays
/// English (the kinds' tables, charts and notes, messages about the source)
/// is marked `lang="en"`.
@Suite struct VietnamesePageTests {
    /// The English words the pages' interface has (or had) written.
    static let englishInterfaceWords = [
        "passed", "failed", "block passed", "block failed", "blocks", "met", "not met", "block source",
        "table as CSV", "chart data as CSV", "seed", "seeds", "Copy", "Copied", "Select and copy", "Copy this code",
        "line", "column", "expectation not met", "more", "not computed", "from failed block", "No data",
        "Figure", "Table", "Experiment", "experiment", "Contents", "All lessons", "Lessons", "Previous", "Next",
        "Search", "Search the lessons", "No results", "Footnotes", "Back to the text", "error", "errors",
    ]

    let lesson = """
    ---
    lang: vi
    ---
    # Hàm softmax

    Một khối chạy với hai hạt giống:

    ```experiment softmax
    id: tot
    logits: [2, 1, 0.1]
    label: 0
    seeds: 2
    expect:
      - "loss < 1"
    ```

    ```experiment softmax
    id: hong
    logits: [1]
    label: 0
    ```

    ```experiment softmax
    id: truot
    logits: [2, 1]
    label: 0
    expect:
      - "loss > 5"
      - "loss < 0.01"
    ```

    Giá trị từ khối không đạt: `=truot.loss`; từ khối không chạy: `=hong.loss`; tốt: `=tot.loss`.

    ```python
    print("mã")
    ```
    """

    @Test func noEnglishInterfaceWordIsLeftOnAVietnamesePage() throws {
        let executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(lesson, path: "lessons/v.md")))
        let html = PageRenderer.render(executed, navigation: PageNavigation(curriculum: Curriculum(entries: [
            .init(title: "Bias and variance", href: "a.html", sections: []),
            .init(title: "Hàm softmax", href: "v.html", sections: [], lang: "vi"),
            .init(title: "Bài tiếp theo", href: "b.html", sections: [], lang: "vi-VN"),
        ]), current: 1))
        #expect(html.contains("<html lang=\"vi\">"))
        // The page has what the words are about: a failure summary, a seeded
        // block, expectations, values from failed blocks, a copy button's words.
        #expect(html.contains("failure-summary"))
        #expect(html.contains("class=\"seed\">2 hạt giống: "))
        #expect(html.contains("class=\"verdict\">không đạt<"))
        #expect(html.contains("class=\"verdict\">đạt<"))
        #expect(html.contains("data-copy=\"Sao chép\""))
        #expect(html.contains("download-csv"))
        let text = VisibleText(html)
        let left = Self.englishInterfaceWords.filter { text.containsWord($0) }
        #expect(left.isEmpty, "English interface words on the page: \(left) in \(text.pieces.filter { piece in left.contains { VisibleText.word($0, in: piece) } })")
        // The walk reads the page's own words, attributes included.
        for words in ["mã nguồn của khối (YAML, v.md:8:1)", "Sao chép đoạn mã này", "tải bảng dạng CSV", "kỳ vọng không đạt", "(từ khối không đạt truot)"] {
            #expect(text.pieces.contains { $0.contains(words) }, "\(words)")
        }
        // What stays English is there, and marked so.
        #expect(text.english.contains { $0.contains("Over 2 seeds") })
        #expect(text.english.contains { $0.contains("needs at least 2 classes") })
        // Another lesson's English title, in the sidebar and the pager, is marked English.
        #expect(text.english.filter { $0 == "Bias and variance" }.count == 2)
        #expect(html.components(separatedBy: "lang=\"vi").count == 2)  // <html lang="vi"> only: the page's own language is not repeated
    }

    @Test func theIndexOfVietnameseLessonsIsInVietnamese() {
        let html = IndexRenderer.render([
            .init(title: "Hàm softmax", href: "v.html", blocks: 3, failedBlocks: 2, errors: 1, expectationsNotMet: 1, lang: "vi"),
            .init(title: "Khởi tạo", href: "k.html", blocks: 2, failedBlocks: 0, errors: 0, lang: "vi"),
        ])
        let text = VisibleText(html)
        let left = Self.englishInterfaceWords.filter { text.containsWord($0) }
        #expect(left.isEmpty, "English interface words on the index: \(left)")
        #expect(html.contains("2 trên 3 khối không đạt"))
    }

    @Test func anEnglishPageMarksNothing() {
        let executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse("# T\n\n```experiment softmax\nid: a\nlogits: [1]\nlabel: 0\n```\n", path: "lessons/e.md")))
        let html = PageRenderer.render(executed)
        #expect(html.components(separatedBy: "lang=\"en\"").count == 2)  // <html lang="en"> only
        #expect(html.contains("data-copy=\"Copy\""))
    }
}

/// The words of a page a reader meets: text and the attributes read aloud or
/// shown (aria-label, title, placeholder, alt, data-… words for scripts),
/// outside `<pre>`, `<code>`, `<script>` and `<style>` (the author's code),
/// split into what is marked `lang="en"` and the rest. With `attributes:
/// false`, only the text: an attribute of an element whose content is the
/// lesson's (a `<nav>`'s aria-label) cannot be marked apart from it.
struct VisibleText {
    var pieces: [String] = []
    var english: [String] = []

    init(_ html: String, attributes: Bool = true) {
        let voids: Set<String> = ["meta", "link", "input", "br", "hr", "img", "source", "wbr", "col"]
        let skipped: Set<String> = ["pre", "code", "script", "style"]
        let read = ["aria-label", "title", "placeholder", "alt", "data-no-results", "data-copy", "data-copied", "data-copy-failed", "data-copy-label"]
        var stack: [(name: String, english: Bool, skipped: Bool)] = []
        var rest = Substring(html)
        func add(_ text: String, english isEnglish: Bool) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return }
            if isEnglish { english.append(trimmed) } else { pieces.append(trimmed) }
        }
        while let open = rest.firstIndex(of: "<") {
            let inEnglish = stack.last?.english ?? false, inSkipped = stack.last?.skipped ?? false
            if !inSkipped { add(String(rest[..<open]), english: inEnglish) }
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                let name = tag.dropFirst().lowercased()
                if let i = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(i...) }
                continue
            }
            let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
            let lang = Self.attribute("lang", in: tag)
            let english = lang.map { $0.hasPrefix("en") } ?? inEnglish
            let skip = inSkipped || skipped.contains(name)
            if !skip, attributes {
                for attribute in read { if let value = Self.attribute(attribute, in: tag) { add(value, english: english) } }
            }
            if !voids.contains(name), !tag.hasSuffix("/") { stack.append((name, english, skip)) }
        }
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        let value = tag[range.upperBound...].prefix { $0 != "\"" }
        return value.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    func containsWord(_ word: String) -> Bool { pieces.contains { Self.word(word, in: $0) } }

    /// `word` in `text` with no letter on either side.
    static func word(_ word: String, in text: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !(before?.isLetter ?? false), !(after?.isLetter ?? false) { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }
}
