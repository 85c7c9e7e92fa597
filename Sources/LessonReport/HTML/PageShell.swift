/// The document around every page: head, stylesheets, the math scripts.
/// One place, so the lesson pages and the index load the same assets.
enum PageShell {
    /// - Parameters:
    ///   - title: plain text; escaped here.
    ///   - header: HTML placed before `<main>` (already escaped).
    ///   - main: the page's content (already escaped).
    static func document(title: String, header: String = "", main: String, options: RenderOptions) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="LessonRunner">
        <title>\(HTML.escape(title))</title>
        <link rel="stylesheet" href="\(options.assetsURL)/katex/katex.min.css">
        <link rel="stylesheet" href="\(options.assetsURL)/style.css">
        </head>
        <body>
        \(header)<main>
        \(main)</main>
        <script src="\(options.assetsURL)/katex/katex.min.js"></script>
        <script src="\(options.assetsURL)/render-math.js"></script>
        <script src="\(options.assetsURL)/reader.js"></script>
        </body>
        </html>

        """
    }
}
