import Foundation
import Testing

/// What `lesson render` writes into a page and the index, read as a browser
/// or a validator would.
@Suite struct PageMarkupTests {
    /// Every `id="…"` in `html`, in order.
    static func ids(in html: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(html)
        while let start = rest.range(of: " id=\"") {
            let value = rest[start.upperBound...]
            guard let end = value.firstIndex(of: "\"") else { break }
            ids.append(String(value[..<end]))
            rest = value[end...]
        }
        return ids
    }

    func render(_ files: [String: String], _ arguments: [String] = []) throws -> (dir: URL, result: LessonBinary.Result) {
        let dir = try LessonBinary.temporaryDirectory()
        try LessonBinary.write(files, into: dir)
        let result = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"] + arguments, in: dir)
        return (dir, result)
    }

    func page(_ name: String, in dir: URL) throws -> String {
        try String(contentsOf: dir.appendingPathComponent("out/\(name)"), encoding: .utf8)
    }

    @Test func aFootnoteReferencedSeveralTimesHasAnIdPerReferenceAndABackLinkToEach() throws {
        let (dir, r) = try render(["lessons/notes.md": """
            # Notes

            ## One[^a]

            First[^a], second[^b], third[^a].

            ## Two

            Text.

            ## Three

            Text.

            [^a]: Note A, see also[^b].

            [^b]: Note B.

            """])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(r.status == 0, "\(r.stderr)")
        let html = try page("notes.html", in: dir)
        let ids = Self.ids(in: html)
        #expect(Set(ids).count == ids.count, "repeated ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
        // Three references to note 1 (the heading's, and two in the text), two to note 2 (one from note 1).
        for id in ["fnref-1", "fnref-1-2", "fnref-1-3", "fnref-2", "fnref-2-2"] {
            #expect(ids.contains(id), "\(id) missing")
            #expect(html.contains("href=\"#\(id)\" role=\"doc-backlink\""), "no back-link to \(id)")
        }
        #expect(!ids.contains("fnref-1-4"))
        #expect(html.contains("↩<sup>3</sup></a>"))
        // The sidebar repeats the heading, without its footnote.
        let sections = try #require(html.range(of: "<ol class=\"sections\">")).lowerBound
        let sectionsEnd = try #require(html.range(of: "</ol>", range: sections..<html.endIndex)).lowerBound
        #expect(html[sections..<sectionsEnd].contains("One"))
        #expect(!html[sections..<sectionsEnd].contains("footnote-ref"))
    }

    static func vietnameseLesson(_ title: String) -> String {
        """
        ---
        lang: vi
        ---
        # \(title)

        Xem [@sec:details] và [@sm] để biết thêm.

        ```experiment softmax
        id: sm
        logits: [1, 2]
        label: 0
        ```

        ## Details

        Văn bản, như [@sm].

        """
    }

    @Test func theIndexSpeaksTheLessonsLanguageWhenTheyShareOne() throws {
        let (dir, r) = try render(["lessons/a.md": Self.vietnameseLesson("Bài một"), "lessons/b.md": Self.vietnameseLesson("Bài hai")])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(r.status == 0, "\(r.stderr)")
        let index = try page("index.html", in: dir)
        #expect(index.contains("<html lang=\"vi\""))
        #expect(index.contains("<h1>Bài học</h1>"))
        #expect(index.contains("2 bài học, 2 bài đạt."))
        #expect(index.contains("placeholder=\"Tìm trong các bài học\""))
        #expect(!index.contains("<h1>Lessons</h1>"))
        #expect(index.contains("<div lang=\"vi\"><a href=\"a.html\">Bài một</a>"))
        // The badges too, on the index and on the page.
        #expect(index.contains("<span class=\"badge passed\">1 khối đạt</span>"))
        #expect(try page("a.html", in: dir).contains("<span class=\"badge passed\">1 khối đạt</span>"))
        #expect(!index.contains("passed</span>"))
    }

    /// A Vietnamese page with a failure says so in Vietnamese at the top, on
    /// its badge and on the index (the messages themselves stay English).
    @Test func failuresAreCountedInThePagesLanguage() throws {
        let failing = Self.vietnameseLesson("Bài một").replacingOccurrences(of: "label: 0\n", with: "label: 0\nexpect: [\"loss > 100\"]\n")
            + "Giá trị `=nope`.\n"
        let (dir, r) = try render(["lessons/a.md": failing])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(r.status == 1)
        let html = try page("a.html", in: dir)
        #expect(html.contains("<span class=\"badge failed\">1 trên 1 khối không đạt; 1 lỗi trong giá trị nội dòng hoặc văn bản</span>"), "\(html)")
        #expect(html.contains("<h2 id=\"failure-summary-title\">1 trên 1 khối không đạt; 1 kỳ vọng không đạt; 1 lỗi trong giá trị nội dòng hoặc văn bản</h2>"))
        let index = try page("index.html", in: dir)
        #expect(index.contains("<span class=\"badge failed\">1 trên 1 khối không đạt; 1 kỳ vọng không đạt; 1 lỗi trong giá trị nội dòng hoặc văn bản</span>"))
        // The progress line stays English, like every message.
        #expect(r.stdout.contains("1 of 1 block failed") || r.stderr.contains("1 of 1 block failed"), "\(r.stdout)\n\(r.stderr)")
    }

    @Test func aMixedIndexIsEnglishAndEachEntryCarriesItsLanguage() throws {
        let (dir, r) = try render(["lessons/a.md": Self.vietnameseLesson("Bài một"), "lessons/b.md": "# English\n\nText.\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(r.status == 0, "\(r.stderr)")
        let index = try page("index.html", in: dir)
        #expect(index.contains("<html lang=\"en\""))
        #expect(index.contains("<h1>Lessons</h1>"))
        #expect(index.contains("<div lang=\"vi\"><a href=\"a.html\">Bài một</a>"))
        #expect(index.contains("<div lang=\"en\"><a href=\"b.html\">English</a>"))
    }

    /// Away from the page, `[@id]` reads as its words, in the lesson's
    /// language, without a link: the index summary, the sidebar and the search text.
    @Test func summariesAndSearchShowResolvedCrossReferences() throws {
        let (dir, r) = try render(["lessons/a.md": Self.vietnameseLesson("Bài một")])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(r.status == 0, "\(r.stderr)")
        let index = try page("index.html", in: dir)
        #expect(index.contains("<p class=\"summary\">Xem § Details và Thí nghiệm 1 để biết thêm.</p>"), "\(index)")
        let search = try page("assets/search-index.js", in: dir)
        #expect(search.contains("Xem § Details và Thí nghiệm 1 để biết thêm."), "\(search)")
        #expect(search.contains("Văn bản, như Thí nghiệm 1."), "\(search)")
        for text in [index, search] { #expect(!text.contains("[@")) }
        // On the page itself they stay links.
        let html = try page("a.html", in: dir)
        #expect(html.contains("<a class=\"xref section\" href=\"#details\">§ Details</a>"))
    }
}

