/// The index's choice of language, when the course has lessons (or
/// translations of them) in more than one: "All · English · Tiếng Việt",
/// radio buttons that hide the lessons not in the chosen language. CSS does
/// the hiding (`:has()`), so it works without JavaScript; each lesson's
/// `<li>` lists its languages in `data-langs` (its own and its translations').
struct LanguageFilter {
    /// The languages offered, in order of first appearance (base tags: `vi`, `en`).
    var languages: [String] = []

    init(entries: [IndexRenderer.Entry], all: [IndexRenderer.Entry]) {
        for entry in entries {
            let versions = [entry] + all.filter { $0.translationOf == entry.href }
            for version in versions {
                let lang = Self.base(version.lang ?? "en")
                if !languages.contains(lang) { languages.append(lang) }
            }
        }
    }

    /// `vi-VN` → `vi`: the filter groups regional variants.
    static func base(_ lang: String) -> String {
        lang.lowercased().split(separator: "-").first.map(String.init) ?? "en"
    }

    var isShown: Bool { languages.count > 1 }

    /// The radio buttons ("" for a course in one language).
    func html(words: InterfaceWords) -> String {
        guard isShown else { return "" }
        var out = "<fieldset class=\"language-filter\"><legend\(words.wordsAttribute)>\(HTML.escape(words.language))</legend>"
        out += "<label><input type=\"radio\" name=\"language-filter\" id=\"language-filter-all\" checked> <span\(words.wordsAttribute)>\(HTML.escape(words.allLanguages))</span></label>"
        for (k, lang) in languages.enumerated() {
            out += "<label><input type=\"radio\" name=\"language-filter\" id=\"language-filter-\(k)\">"
                + " <span lang=\"\(HTML.escape(lang))\">\(HTML.escape(Translations.languageName(lang)))</span></label>"
        }
        return out + "</fieldset>\n"
    }

    /// One rule per language: with its button checked, the lessons without
    /// a version in it are hidden ("" for a course in one language).
    var style: String {
        guard isShown else { return "" }
        let rules = languages.enumerated().map { k, lang in
            "body:has(#language-filter-\(k):checked) ol.lessons:not(.references) > li:not([data-langs~=\"\(cssString(lang))\"]) { display: none; }"
        }
        return "<style>\n" + rules.joined(separator: "\n") + "\n</style>\n"
    }

    /// A language tag inside a CSS string: only letters, digits and `-` are kept.
    private func cssString(_ lang: String) -> String {
        String(lang.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-") }.map(Character.init))
    }
}
