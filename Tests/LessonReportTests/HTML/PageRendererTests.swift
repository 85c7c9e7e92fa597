import Experiments
import LessonMarkdown
import LessonRunner
import MathTypesetting
import Testing
import Foundation
@testable import LessonReport

@Suite struct PageRendererTests {
    func page(_ source: String, unsafe: Bool = false) -> String {
        let executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "lessons/t.md")))
        return PageRenderer.render(executed, options: RenderOptions(allowRawHTML: unsafe))
    }

    @Test func blockValuesAreEscaped() {
        let html = page("""
        ```experiment softmax
        logits: [1, 2]
        classes: ["<script>alert(1)</script>", "b&c"]
        label: 0
        caption: "<img src=x onerror=alert(1)>"
        ```
        """)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("b&amp;c"))
        #expect(!html.contains("<img src=x"))
    }

    @Test func rawHTMLIsDroppedUnlessAllowed() {
        let source = "<div onclick=\"x()\">hi</div>\n\nText <span style=\"color:red\">red</span>.\n"
        let safe = page(source)
        #expect(!safe.contains("onclick") && !safe.contains("<span style"))
        #expect(safe.contains("<!-- raw HTML omitted -->"))
        let unsafe = page(source, unsafe: true)
        #expect(unsafe.contains("<div onclick=\"x()\">hi</div>") && unsafe.contains("<span style=\"color:red\">"))
    }

    @Test func dangerousAndExternalURLs() {
        let html = page("[x](javascript:alert(1)) ![remote](https://example.com/a.png) ![local](img/a.png)\n")
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("<img src=\"https://"))
        #expect(html.contains("[image: remote]"))
        #expect(html.contains("<img src=\"img/a.png\" alt=\"local\">"))
    }

    @Test func mathNotTypesetShowsItsTeX() {
        let html = page("Inline $a_1 < b_{2}$ and\n\n$$\\frac{x}{y}$$\n")
        #expect(html.contains("<span class=\"math inline\">a_1 &lt; b_{2}</span>"))
        #expect(html.contains("\\frac{x}{y}"))
        #expect(html.contains("assets/katex/katex.min.css"))
        // Math is typeset when the page is written: no KaTeX script.
        #expect(!html.contains("katex.min.js") && !html.contains("render-math.js"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: MathTypesetter.defaultScriptPath)))
    func mathIsTypesetIntoThePageAndErrorsShowTheirTeX() {
        var executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(
            "Inline $a_1 < b_{2}$, broken $\\frac{1}{$ and\n\n$$\\frac{x}{y}$$\n", path: "lessons/t.md")))
        executed.typesetMath(with: MathTypesetter(cacheDirectory: nil))
        let html = PageRenderer.render(executed)
        #expect(html.contains("<span class=\"math inline\"><span class=\"katex\"><span class=\"katex-mathml\"><math"))
        #expect(html.contains("<annotation encoding=\"application/x-tex\">a_1 &lt; b_{2}</annotation>"))
        #expect(html.contains("<div class=\"math display\"><span class=\"katex-display\">"))
        #expect(html.contains("<code class=\"math-error\""))
        #expect(html.contains(">\\frac{1}{</code>"))
        #expect(html.contains("<span class=\"math-error-reason\">"))
    }

    @Test func failedBlocksShowTheirErrorInPlaceAndTheRestRenders() {
        let html = page("""
        # Title

        ```experiment softmax
        logits: [1]
        label: 0
        ```

        After the block.

        ```experiment softmax
        id: ok
        logits: [1, 2]
        label: 0
        ```
        """)
        #expect(html.contains("figure class=\"experiment failed\""))
        #expect(html.contains("t.md:4:9</span> &#39;logits&#39; needs at least 2 classes, found 1"))
        #expect(html.contains("After the block."))
        #expect(html.contains("figure class=\"experiment passed\" id=\"block-ok\""))
        #expect(html.contains("<title>Title</title>"))
    }

    @Test func longLessonsGetAContentsList() {
        let html = page("# T\n\nIntro.\n\n## One\n\na\n\n## Two *x*\n\nb\n\n## One\n\nc\n")
        #expect(html.contains("<nav class=\"toc\" aria-label=\"Contents\"><ol>\n<li><a href=\"#one\">One</a></li>\n<li><a href=\"#two-x\">Two <em>x</em></a></li>\n<li><a href=\"#one-1\">One</a></li>"))
        #expect(html.range(of: "</h1>")!.lowerBound < html.range(of: "<nav")!.lowerBound)
        #expect(!page("# T\n\n## Only\n\ntext\n").contains("<nav"))
    }

    @Test func renderingIsDeterministic() {
        let source = "# T\n\n```experiment softmax\nlogits: [[1, 2], [3, 1]]\nlabel: [0, 1]\n```\n\nValue `=softmax_1.loss`.\n"
        #expect(page(source) == page(source))
    }

    @Test func pageNamesAreUnique() {
        #expect(ReportWriter.pageNames(for: ["a/x.md", "b/x.md", "c/index.md", "y.md"])
                == ["a-x.html", "b-x.html", "index-2.html", "y.html"])
        #expect(ReportWriter.pageNames(for: ["index.md"]) == ["index-2.html"])
    }

    /// Found by the `names` fuzzer: a name ending in a prepending mark
    /// (U+06DD) joined the mark and the dot of ".md" and of ".html" into one
    /// character, so the page was "\u{6DD}.md.html", or did not end in
    /// ".html" for code that compares characters.
    @Test func aPrependingMarkKeepsTheExtensionApart() {
        let names = ReportWriter.pageNames(for: ["lessons/\u{6DD}.md", "lessons/\u{6DD}"])
        #expect(names.allSatisfy { $0.hasSuffix(".html") && !$0.contains(".md") })
        #expect(Set(names.map { $0.lowercased() }).count == 2)
    }

    /// Found by the `names` fuzzer: `\u{6DD}/` is one character, so neither
    /// splitting the path nor replacing `/` saw the slash, and the page name
    /// held one (a file in a folder that does not exist); `.\u{301}` is one
    /// character too, and the page name began with a dot (a hidden file).
    @Test func marksJoinedToSlashesAndDotsDoNotReachPageNames() {
        let names = ReportWriter.pageNames(for: ["lessons/x\u{6DD}/a.md", "lessons/.\u{301}b.md", "lessons/q/\u{6DD}/c.md"])
        for name in names {
            #expect(!name.utf8.contains(UInt8(ascii: "/")), "\(name)")
            #expect(name.utf8.first != UInt8(ascii: "."), "\(name)")
        }
        #expect(names[0] == "a.html")
    }

    /// Found by hand: the index linked `what? #1 100%: ü.md`'s page as
    /// `what? #1 100%: ü.html`, which a browser reads as a query, a fragment
    /// and a broken escape (and `a:b.html` as a URL scheme).
    @Test func indexLinksSurviveOddFileNames() {
        let names = ReportWriter.pageNames(for: ["lessons/what? #1 100%: ü.md", "lessons/with space.md"])
        #expect(names == ["what? #1 100%: ü.html", "with space.html"])
        let index = IndexRenderer.render(names.map { IndexRenderer.Entry(title: $0, href: $0, blocks: 0, failedBlocks: 0, errors: 0) })
        #expect(index.contains("href=\"what%3F%20%231%20100%25%3A%20%C3%BC.html\""))
        #expect(index.contains("href=\"with%20space.html\""))
        #expect(HTML.fileHref("a:b.html") == "a%3Ab.html")
    }

    /// Issue 21 (medium 6): a 235-character name passed `check` and made
    /// `render` fail ("The file name is invalid"); control characters and
    /// `\\` in a name, and a leading `.`, never reach a page's name.
    @Test func pageNamesAreShortAndPlain() {
        let long = String(repeating: "é", count: 200)
        let names = ReportWriter.pageNames(for: ["l/\(long).md", "l/a\nb\\c.md", "l/.hidden.md", "l/\(long)x.md"])
        #expect(names.allSatisfy { $0.utf8.count <= 125 }, "\(names)")
        #expect(names[0] != names[3])
        #expect(names[1] == "a-b-c.html")
        #expect(names[2] == "hidden.html")
    }

    /// Found by the `names` fuzzer: NSString's path calls trap on `//`
    /// before a last component of one non-ASCII character, so naming the
    /// page of `lessons//π` crashed; names no longer go through them.
    @Test func pathsFoundByTheFuzzerGetPageNames() {
        #expect(ReportWriter.pageNames(for: ["lessons//π", "a//é.md", ")\0\0?>.\0\0?>.\u{FFFD}//\u{FFFD}"])
                == ["π.html", "é.html", "\u{FFFD}.html"])
        #expect(ReportWriter.pageNames(for: ["a/intro.md", "b/intro.md", "x/.md", "x/a.b.md"]) == ["a-intro.html", "b-intro.html", "md.html", "a.b.html"])
    }
}

extension PageRendererTests {
    /// A kind's table caption is a paragraph above the scrolling box, tied to
    /// the table: as a <caption> it was as wide as the table and cut off
    /// where the table is wider than the page.
    @Test func aResultTablesCaptionIsAboveItsScrollingBox() throws {
        let html = page("""
        ```experiment train
        id: t
        data: linear
        epochs: 2
        ```
        """)
        let caption = try #require(html.range(of: "<p class=\"table-caption\" id=\"t-"))
        let wrap = try #require(html.range(of: "<div class=\"table-wrap\"", range: caption.upperBound..<html.endIndex))
        let tableTag = try #require(html.range(of: "<table class=\"results\" aria-labelledby=\"block-t-table-1\" aria-describedby=\"t-", range: wrap.upperBound..<html.endIndex))
        #expect(caption.lowerBound < wrap.lowerBound && wrap.lowerBound < tableTag.lowerBound)
        #expect(!html.contains("<table class=\"results\">\n<caption>"))
        // Named by its number, which a screen reader's table list reads out.
        #expect(html.contains("<span class=\"table-number\" id=\"block-t-table-1\">"))
        // The id it points to is the paragraph's.
        let id = html[tableTag.upperBound...].prefix { $0 != "\"" }
        #expect(html.contains("<p class=\"table-caption\" id=\"t-\(id)\""))
    }
}
