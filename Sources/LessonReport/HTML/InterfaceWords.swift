import LessonMarkdown

/// The words of the page around a lesson, in the lesson's language
/// (front matter `lang:`). English and Vietnamese ship; an unknown language
/// gets English words (and a warning from the loader) but its own `<html lang>`.
public struct InterfaceWords: Sendable, Equatable {
    public var lang: String
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
        errorsInText: { "\($0) error\($0 == 1 ? "" : "s") in inline values or the text" })

    public static let vietnamese = InterfaceWords(
        lang: "vi", contents: "Mục lục", allLessons: "Tất cả bài học", lessons: "Bài học",
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
        errorsInText: { "\($0) lỗi trong giá trị nội dòng hoặc văn bản" })

    /// The words for a `lang:` value (`vi`, `vi-VN`, `en`); English otherwise.
    public static func forLanguage(_ lang: String?) -> InterfaceWords {
        guard let lang, !lang.isEmpty else { return english }
        let base = lang.lowercased().split(separator: "-").first.map(String.init) ?? ""
        var words = base == "vi" ? vietnamese : english
        words.lang = lang
        return words
    }
}
