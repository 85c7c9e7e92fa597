import CCmarkGFM
import Foundation
import LessonMarkdown
import LessonRunner
import Testing
@testable import LessonReport

/// Link and image URLs: only allowed schemes, read as a browser reads them,
/// and written exactly as cmark-gfm's own HTML renderer writes them.
@Suite struct LinkURLTests {
    /// The lesson's prose as the page shows it (without the page's own links).
    func page(_ source: String) -> String {
        MarkdownHTML(allowRawHTML: false, references: [:], experiment: { _ in "" })
            .render(LessonLoader.parse(source, path: "lessons/t.md").blocks)
    }

    /// The `href`/`src` values of the lesson's links and images, in order
    /// (heading anchors are the page's own, not the lesson's).
    static func destinations(in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"<(a|img)\b([^>]*)>"#)
        let attribute = try! NSRegularExpression(pattern: #"\b(href|src)="([^"]*)""#)
        var found: [String] = []
        let ns = html as NSString
        for match in pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let attributes = ns.substring(with: match.range(at: 2))
            if attributes.contains("class=\"anchor\"") { continue }
            let a = attributes as NSString
            if let value = attribute.firstMatch(in: attributes, range: NSRange(location: 0, length: a.length)) {
                found.append(a.substring(with: value.range(at: 2)))
            }
        }
        return found
    }

    /// cmark-gfm's own HTML for `markdown`, with the extensions lessons use.
    static func cmarkHTML(_ markdown: String) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        let bytes = Array(markdown.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    // MARK: Scripts

    @Test(arguments: [
        "[a](java&#x09;script:alert(1))",
        "[a](java&#x0D;script:alert(1))",
        "[a](java&#x0A;script:alert(1))",
        "[a](&#x01;javascript:alert(1))",
        "[a](&#x20;javascript:alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        "[a](javascript&#58;alert(1))",
        "[a](<java\tscript:alert(1)>)",
        "[a](vbscript:msgbox(1))",
        "[a](data:text/html;base64,PHNjcmlwdD4=)",
        "[a](file:///etc/passwd)",
        "![a](java&#x09;script:alert(1))",
        "![a](&#x01;javascript:alert(1))",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "[a][r]\n\n[r]: java&#x09;script:alert(1)",
    ])
    func scriptsNeverReachAnAttribute(markdown: String) {
        let html = page(markdown + "\n")
        // A refused destination is text now (issue 21), so there may be no attribute at all.
        let destinations = Self.destinations(in: html)
        for destination in destinations {
            #expect(destination == "", "\(markdown) gave href \(destination)")
        }
    }

    @Test(arguments: [
        ("[a](http://example.com/x?y=1&z=2)", "http://example.com/x?y=1&amp;z=2"),
        ("[a](HTTPS://example.com)", "HTTPS://example.com"),
        ("[a](mailto:me@example.com)", "mailto:me@example.com"),
        ("[a](#section)", "#section"),
        ("[a](other.html#x)", "other.html#x"),
        ("[a](../up/page.html)", "../up/page.html"),
        ("[a](//example.com/x)", "//example.com/x"),
        ("[a](it's)", "it&#x27;s"),
    ])
    func allowedLinksAreKept(markdown: String, href: String) {
        let destinations = Self.destinations(in: page(markdown + "\n"))
        #expect(destinations == [href])
    }

    @Test func browserNormalization() {
        #expect(HTML.browserNormalizedURL("\u{1}\u{20} ja\tva\nscr\ript:x \u{1F}") == "javascript:x")
        #expect(HTML.scheme(of: " \tJavaScript:x") == "javascript")
        #expect(HTML.scheme(of: "a/b:c") == nil)
        #expect(HTML.scheme(of: "1http:x") == nil)
        #expect(HTML.scheme(of: "#x:y") == nil)
        #expect(HTML.isSafeImageURL("data:image/png;base64,AAAA"))
        #expect(!HTML.isSafeLinkURL("data:image/png;base64,AAAA"))
    }

    /// The release URL fuzzer's find: `data:i&#x0D;mage/png` passed the image
    /// check once the CR was removed, then was written as `data:i%0Dmage/png`.
    @Test func dataImageTypeIsCheckedAsWritten() {
        #expect(!HTML.isSafeImageURL("data:i\rmage/png;base)4,AAAA"))
        #expect(!HTML.isSafeImageURL("data:image/\tpng;base64,AAAA"))
        #expect(HTML.isSafeImageURL(" \u{1}data:IMAGE/png;base64,AAAA"))
        #expect(HTML.isSafeImageURL("DATA:image/gif;base64,R0lG"))
    }

    // MARK: Same encoding as cmark-gfm

    /// cmark-gfm spec examples (test/spec.txt, GFM 0.29) whose link
    /// destinations LessonRunner used to write differently from cmark-gfm.
    static let specExamples: [(number: Int, markdown: String)] = [
        (164, "[Foo bar]:\n<my url>\n'title'\n\n[Foo bar]\n"),
        (171, "[foo]: /url\\bar\\*baz \"foo\\\"bar\\baz\"\n\n[foo]\n"),
        (175, "[ΑΓΩ]: /φου\n\n[αγω]\n"),
        (316, "<http://example.com?find=\\*>\n"),
        (328, "[foo](/f&ouml;&ouml; \"f&ouml;&ouml;\")\n"),
        (329, "[foo]\n\n[foo]: /f&ouml;&ouml; \"f&ouml;&ouml;\"\n"),
        (356, "<http://foo.bar.`baz>`\n"),
        (498, "[link](</my uri>)\n"),
        (510, "[link](foo\\bar)\n"),
        (511, "[link](foo%20b&auml;)\n"),
        (512, "[link](\"title\")\n"),
        (515, "[link](/url\u{A0}\"title\")\n"),
        (534, "[foo<http://example.com/?search=](uri)>\n"),
        (546, "[foo<http://example.com/?search=][ref]>\n\n[ref]: /uri\n"),
        (611, "<http://example.com/\\[\\>\n"),
    ]

    @Test func specExamplesMatchCmarkGFM() {
        for example in Self.specExamples {
            let ours = Self.destinations(in: page(example.markdown))
            let theirs = Self.destinations(in: Self.cmarkHTML(example.markdown))
            #expect(!theirs.isEmpty)
            #expect(ours == theirs, "spec example \(example.number)")
        }
    }

    /// Every byte value, alone and in company, encodes as cmark-gfm encodes it.
    @Test func everyASCIIByteEncodesLikeCmarkGFM() {
        for code in 0x21..<0x7F {
            let character = String(UnicodeScalar(UInt8(code)))
            // Markdown syntax in a destination, and `x:y`, whose scheme is not allowed (deliberately).
            if "<>()[]\\`:".contains(character) { continue }
            let markdown = "[a](x\(character)y)\n"
            let theirs = Self.destinations(in: Self.cmarkHTML(markdown))
            let ours = Self.destinations(in: page(markdown))
            #expect(ours == theirs, "byte \(code)")
        }
        #expect(HTML.href("a b\"<>[]\\^`{|}é\u{7F}") == "a%20b%22%3C%3E%5B%5D%5C%5E%60%7B%7C%7D%C3%A9%7F")
    }

    /// With `LESSON_CMARK_SPEC=/path/to/spec.txt`, compares the link
    /// destinations of every example of cmark-gfm's spec and prints how many
    /// differ (the spec itself is not part of this repository).
    @Test func wholeSpecWhenGiven() throws {
        guard let path = ProcessInfo.processInfo.environment["LESSON_CMARK_SPEC"] else { return }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        var differing: [Int] = []
        var number = 0
        var lines = text.components(separatedBy: "\n")[...]
        while let line = lines.popFirst() {
            guard line.hasPrefix(fence + " example") else { continue }
            number += 1
            var markdown = ""
            while let next = lines.popFirst(), next != "." { markdown += next + "\n" }
            while let next = lines.popFirst(), !next.hasPrefix(fence) {}
            markdown = markdown.replacingOccurrences(of: "→", with: "\t")
            if Self.destinations(in: page(markdown)) != Self.destinations(in: Self.cmarkHTML(markdown)) {
                differing.append(number)
            }
        }
        print("cmark-gfm spec: \(number) examples, link destinations differ in \(differing.count): \(differing)")
    }
}
