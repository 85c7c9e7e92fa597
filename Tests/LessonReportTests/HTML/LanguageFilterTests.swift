import Testing
@testable import LessonReport

/// The index offers a choice of language when its lessons (or their
/// translations) are in more than one, and hides the others by CSS alone.
@Suite struct LanguageFilterTests {
    static let english = IndexRenderer.Entry(title: "Dropout", href: "dropout.html", blocks: 1, failedBlocks: 0, errors: 0)
    static let vietnamese = IndexRenderer.Entry(title: "Chuẩn hóa", href: "chuan-hoa.html", blocks: 1, failedBlocks: 0, errors: 0, lang: "vi-VN")
    static let translated = IndexRenderer.Entry(title: "Initialization", href: "initialization.html", blocks: 1, failedBlocks: 0, errors: 0)
    static let translation = IndexRenderer.Entry(title: "Khởi tạo", href: "khoi-tao.html", blocks: 1, failedBlocks: 0, errors: 0,
                                                 lang: "vi", translationOf: "initialization.html")

    @Test func aCourseInTwoLanguagesHasAFilter() {
        let html = IndexRenderer.render([Self.english, Self.vietnamese])
        #expect(html.contains("<fieldset class=\"language-filter\"><legend>Language</legend>"), "\(html)")
        #expect(html.contains("<label><input type=\"radio\" name=\"language-filter\" id=\"language-filter-all\" checked> <span>All</span></label>"))
        #expect(html.contains("id=\"language-filter-0\"> <span lang=\"en\">English</span>"))
        #expect(html.contains("id=\"language-filter-1\"> <span lang=\"vi\">Tiếng Việt</span>"))
        #expect(html.contains("<li data-langs=\"en\"><div lang=\"en\"><a href=\"dropout.html\">"))
        #expect(html.contains("<li data-langs=\"vi\"><div lang=\"vi-VN\"><a href=\"chuan-hoa.html\">"))
        #expect(html.contains("body:has(#language-filter-1:checked) ol.lessons:not(.references) > li:not([data-langs~=\"vi\"]) { display: none; }"))
    }

    /// A lesson with a translation counts in both languages and shows under each.
    @Test func aTranslationMakesItsOriginalShowInItsLanguage() {
        let html = IndexRenderer.render([Self.translated, Self.translation])
        #expect(html.contains("<li data-langs=\"en vi\">"), "\(html)")
        #expect(html.contains("language-filter-1"))
    }

    @Test func aCourseInOneLanguageHasNone() {
        let html = IndexRenderer.render([Self.english, Self.translated])
        #expect(!html.contains("language-filter"))
        // No filter rules (the one style element is the noscript rule for the search box).
        #expect(html.components(separatedBy: "<style>").count == 2)
    }
}
