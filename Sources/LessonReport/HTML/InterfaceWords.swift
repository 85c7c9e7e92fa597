import LessonMarkdown

/// The words of the page around a lesson, in the lesson's language
/// (front matter `lang:`). English and Vietnamese ship; an unknown language
/// gets English words (and a warning from the loader) but its own `<html lang>`,
/// and the English words are marked `lang="en"` (``wordsAttribute``).
public struct InterfaceWords: Sendable, Equatable {
    /// The page's language.
    public var lang: String
    /// The language the words are in: `lang` when it ships, "en" when the
    /// page's language has no words of its own.
    public var wordsLang = "en"
    public var contents: String
    public var allLessons: String
    public var lessons: String
    public var previous: String
    public var next: String
    public var search: String
    public var searchPlaceholder: String
    public var noResults: String
    public var figure: String
    public var table: String
    public var experiment: String
    public var section: String
    public var footnotes: String
    public var backToText: String
    public var passed: String
    public var failed: String
    public var blockPassed: String
    public var blockFailed: String
    /// "3 blocks passed"
    public var blocksPassed: @Sendable (Int) -> String
    /// "1 of 3 blocks failed"
    public var blocksFailed: @Sendable (Int, Int) -> String
    /// "4 lessons, 4 passing. Every number…"
    public var indexIntro: @Sendable (Int, Int) -> String
    public var experiments: @Sendable (Int) -> String
    /// "2 problems"
    public var problems: @Sendable (Int) -> String
    /// A lesson without blocks, on the index: "no blocks".
    public var noBlocks: String
    /// "6 expectations not met"
    public var expectationsNotMet: @Sendable (Int) -> String
    /// "1 error in inline values or the text"
    public var errorsInText: @Sendable (Int) -> String
    /// An expectation's verdict: "met", "not met".
    public var met: String
    public var notMet: String
    /// The fold with a block's YAML: "block source (YAML, lesson.md:12:1)".
    public var blockSource: @Sendable (String) -> String
    /// Download links: "table as CSV", "chart data as CSV".
    public var tableAsCSV: String
    public var chartDataAsCSV: String
    /// A block's seed: "seed 7".
    public var seed: @Sendable (String) -> String
    /// A block's seeds: "8 seeds: 7–14".
    public var seeds: @Sendable (Int, String) -> String
    /// The copy button on code (reader.js): its label, after a copy, when
    /// the browser refused, and its accessible name.
    public var copy: String
    public var copied: String
    public var selectAndCopy: String
    public var copyThisCode: String
    /// Where a failure is, in the failure summary: "line 12".
    public var line: @Sendable (Int) -> String
    /// "line 12, column 3"
    public var lineColumn: @Sendable (Int, Int) -> String
    /// A failed block's first broken expectation: "expectation not met".
    public var expectationNotMetLabel: String
    /// "(and 2 more)" after it.
    public var andMore: @Sendable (Int) -> String
    /// An inline value nothing computed.
    public var notComputed: String
    /// An inline value computed from a block that failed: "from failed block sm".
    public var fromFailedBlock: @Sendable (String) -> String
    /// A chart with nothing to draw.
    public var noData: String
    /// The skip link, the first thing a keyboard reaches.
    public var skipToText: String = "Skip to the text"
    /// The footer: "Source:" before the lesson's file name.
    public var sourceFile: String = "Source:"
    /// The footer: "Rendered by LessonRunner 0.1.0 on 2026-12-06."
    public var renderedBy: @Sendable (String, String?) -> String = { "Rendered by \($0)" + ($1.map { " on \($0)" } ?? "") + "." }
    /// A block's head: "8 seeds" (the seeds themselves are with its YAML).
    public var seedCount: @Sendable (Int) -> String = { "\($0) seed\($0 == 1 ? "" : "s")" }
    /// A block's folded checks: "14 checks held over 8 seeds".
    public var checksHeld: @Sendable (Int, Int) -> String = { count, seeds in
        "\(count) check\(count == 1 ? "" : "s") held" + (seeds > 1 ? " over \(seeds) seeds" : "")
    }
    /// "2 of 14 checks not met".
    public var checksBroken: @Sendable (Int, Int) -> String = { "\($0) of \($1) check\($1 == 1 ? "" : "s") not met" }
    /// The search's status line ("{n}" is the number): "12 results".
    public var searchCount: String = "{n} results"
    /// The button past the first 12 results: "Show all 30".
    public var searchMore: String = "Show all {n}"
    /// The language switch's name for screen readers.
    public var language: String = "Language"
    /// On the index, after a lesson: "also in".
    public var alsoIn: String = "Also in"
    /// The index's list of pages that are not lessons (the kinds reference).
    public var reference: String = "Reference"
    /// "Lesson 3" in a printout's running header.
    public var lessonNumber: @Sendable (Int) -> String = { "Lesson \($0)" }
    /// The index's language filter: the choice that shows every lesson.
    public var allLanguages: String = "All"
    /// The footer, before the machine a page's timings come from.
    public var timingsMeasuredOn: String = "Timings measured on:"
    /// Before the command that re-runs a block, in its source fold.
    public var rerunBlock: String = "Re-run this block:"
    /// The heading of the cited papers' list at the end of a page.
    public var references: String = "References"

    public static func == (a: InterfaceWords, b: InterfaceWords) -> Bool { a.lang == b.lang }

    public static let english = InterfaceWords(
        lang: "en", contents: "Contents", allLessons: "All lessons", lessons: "Lessons",
        previous: "Previous", next: "Next", search: "Search", searchPlaceholder: "Search the lessons",
        noResults: "No results", figure: "Figure", table: "Table", experiment: "Experiment",
        section: "Section", footnotes: "Footnotes", backToText: "Back to the text",
        passed: "passed", failed: "failed", blockPassed: "block passed", blockFailed: "block failed",
        blocksPassed: { "\($0) block\($0 == 1 ? "" : "s") passed" },
        blocksFailed: { "\($0) of \($1) block\($1 == 1 ? "" : "s") failed" },
        indexIntro: { "\($0) lesson\($0 == 1 ? "" : "s"), \($1) passing. Every number on these pages was computed by the experiments in the lesson, with a fixed seed." },
        experiments: { "\($0) experiment\($0 == 1 ? "" : "s")" },
        problems: { "\($0) problem\($0 == 1 ? "" : "s")" },
        noBlocks: "no blocks",
        expectationsNotMet: { "\($0) expectation\($0 == 1 ? "" : "s") not met" },
        errorsInText: { "\($0) error\($0 == 1 ? "" : "s") in inline values or the text" },
        met: "met", notMet: "not met", blockSource: { "block source (YAML, \($0))" },
        tableAsCSV: "table as CSV", chartDataAsCSV: "chart data as CSV",
        seed: { "seed \($0)" }, seeds: { "\($0) seed\($0 == 1 ? "" : "s"): \($1)" },
        copy: "Copy", copied: "Copied", selectAndCopy: "Select and copy", copyThisCode: "Copy this code",
        line: { "line \($0)" }, lineColumn: { "line \($0), column \($1)" },
        expectationNotMetLabel: "expectation not met", andMore: { "and \($0) more" },
        notComputed: "not computed", fromFailedBlock: { "from failed block \($0)" }, noData: "No data")

    public static let vietnamese = InterfaceWords(
        lang: "vi", wordsLang: "vi", contents: "Mục lục", allLessons: "Tất cả bài học", lessons: "Bài học",
        previous: "Bài trước", next: "Bài sau", search: "Tìm kiếm", searchPlaceholder: "Tìm trong các bài học",
        noResults: "Không có kết quả", figure: "Hình", table: "Bảng", experiment: "Thí nghiệm",
        section: "Mục", footnotes: "Chú thích", backToText: "Quay lại văn bản",
        passed: "đạt", failed: "không đạt", blockPassed: "khối đạt", blockFailed: "khối không đạt",
        blocksPassed: { "\($0) khối đạt" },
        blocksFailed: { "\($0) trên \($1) khối không đạt" },
        indexIntro: { "\($0) bài học, \($1) bài đạt. Mọi con số trên các trang này đều do các thí nghiệm trong bài tính ra, với hạt giống cố định." },
        experiments: { "\($0) thí nghiệm" },
        problems: { "\($0) lỗi" },
        noBlocks: "không có khối nào",
        expectationsNotMet: { "\($0) kỳ vọng không đạt" },
        errorsInText: { "\($0) lỗi trong giá trị nội dòng hoặc văn bản" },
        met: "đạt", notMet: "không đạt", blockSource: { "mã nguồn của khối (YAML, \($0))" },
        tableAsCSV: "tải bảng dạng CSV", chartDataAsCSV: "tải dữ liệu biểu đồ dạng CSV",
        seed: { "hạt giống \($0)" }, seeds: { "\($0) hạt giống: \($1)" },
        copy: "Sao chép", copied: "Đã sao chép", selectAndCopy: "Hãy chọn rồi sao chép", copyThisCode: "Sao chép đoạn mã này",
        line: { "dòng \($0)" }, lineColumn: { "dòng \($0), cột \($1)" },
        expectationNotMetLabel: "kỳ vọng không đạt", andMore: { "và \($0) kỳ vọng khác" },
        notComputed: "chưa được tính", fromFailedBlock: { "từ khối không đạt \($0)" }, noData: "Không có dữ liệu",
        skipToText: "Đến nội dung bài", sourceFile: "Nguồn:",
        renderedBy: { "Tạo bởi \($0)" + ($1.map { " ngày \($0)" } ?? "") + "." },
        seedCount: { "\($0) hạt giống" },
        checksHeld: { "\($0) kiểm tra đạt" + ($1 > 1 ? " trên \($1) hạt giống" : "") },
        checksBroken: { "\($0) trên \($1) kiểm tra không đạt" },
        searchCount: "{n} kết quả", searchMore: "Xem tất cả {n}", language: "Ngôn ngữ", alsoIn: "Bản khác:", reference: "Tham khảo",
        lessonNumber: { "Bài \($0)" }, allLanguages: "Tất cả", timingsMeasuredOn: "Thời gian đo trên máy:", rerunBlock: "Chạy lại khối này:", references: "Tài liệu tham khảo")

    /// The page's numbers as its language writes them (``LocalNumbers``).
    var numbers: LocalNumbers { LocalNumbers(lang: lang) }

    /// ` lang="en"` for an element holding English the tool writes and does
    /// not translate (kinds' tables, charts and notes; messages about the
    /// lesson's source), when the page is in another language; "" otherwise.
    public var englishAttribute: String { langAttribute("en") }

    /// ` lang="…"` for text in `other` (a `lang:` value, nil for English)
    /// when that is not the page's language; "" when it is.
    public func langAttribute(_ other: String?) -> String {
        func base(_ tag: String) -> Substring { tag.lowercased().split(separator: "-").first ?? "" }
        let other = other.flatMap { $0.isEmpty ? nil : $0 } ?? "en"
        return base(other) == base(lang) ? "" : " lang=\"\(HTML.escape(other))\""
    }

    /// ` lang="en"` for an element holding only these words when they are
    /// not in the page's language (`lang: fr` gets English words); ""
    /// otherwise.
    public var wordsAttribute: String { langAttribute(wordsLang) }

    /// `text` escaped, in a `<span lang="en">` when the words are not in the
    /// page's language (see ``wordsAttribute``).
    public func word(_ text: String) -> String {
        wordsAttribute.isEmpty ? HTML.escape(text) : "<span\(wordsAttribute)>" + HTML.escape(text) + "</span>"
    }

    /// `html` (escaped) as it is on an English page, in a `<span lang="en">`
    /// on a page in another language: a message of the tool's that stays English.
    public func english(_ html: String) -> String {
        englishAttribute.isEmpty ? html : "<span\(englishAttribute)>" + html + "</span>"
    }

    /// The words for a `lang:` value (`vi`, `vi-VN`, `en`); English otherwise.
    public static func forLanguage(_ lang: String?) -> InterfaceWords {
        guard let lang, !lang.isEmpty else { return english }
        let base = lang.lowercased().split(separator: "-").first.map(String.init) ?? ""
        var words = base == "vi" ? vietnamese : english
        words.lang = lang
        return words
    }
}
