/// The document around every page: head, stylesheets, the math scripts.
/// One place, so the lesson pages and the index load the same assets.
/// The markup is `Resources/page.html`.
enum PageShell {
    /// - Parameters:
    ///   - title: plain text; escaped here.
    ///   - header: HTML placed before `<main>` (already escaped).
    ///   - main: the page's content (already escaped).
    static func document(title: String, header: String = "", main: String, options: RenderOptions) -> String {
        PageTemplate.fill(PageTemplate.page, [
            "lang": "en",
            "title": HTML.escape(title),
            "assets": options.assetsURL,
            "header": header,
            "main": main,
            "scripts": """
            <script src="\(options.assetsURL)/katex/katex.min.js"></script>
            <script src="\(options.assetsURL)/render-math.js"></script>
            <script src="\(options.assetsURL)/reader.js"></script>

            """,
        ])
    }
}
