import Foundation
import LessonTestSupport
import Testing

/// What a user sees of `seeds:`, miscounted expectations, default ids, lesson
/// status and the cache key, through the built binary.
extension LessonCommandTests {
    func write(_ text: String, to name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func seedsFailuresNameTheSeedsAndTablesShowTheSpread() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let path = try write("""
        # Seeds

        ```experiment bias-variance
        id: bv
        data: moons
        hidden: [2]
        epochs: 5
        train_size: 40
        validation_size: 100
        seeds: [1, 2, 3, 4]
        expect:
          - "rows[0].validation_error <= rows[0].validation_error.min"
          - "rows[0].validation_error.max < 2"
        ```

        Mean `=bv.rows[0].validation_error.mean`, over `=len(bv.rows[0].validation_error.runs)` runs, best in `=count(bv.rows[0].validation_error == bv.rows[0].validation_error.min)`.
        """, to: "seeds.md", in: dir)
        let r = try lesson(["render", path, "--out", dir.path + "/out", "--cache-dir", dir.path + "/cache"])
        #expect(r.status == 1)
        #expect(r.stderr.range(of: #"seeds\.md:12:5: error: expectation failed for [1-3] of 4 seeds: rows\[0\]\.validation_error <= rows\[0\]\.validation_error\.min"#,
                               options: .regularExpression) != nil, "\(r.stderr)")
        #expect(r.stderr.range(of: #"note: seed [1-4]: rows\[0\]\.validation_error = [0-9.]+, rows\[0\]\.validation_error\.min = "#,
                               options: .regularExpression) != nil, "\(r.stderr)")
        #expect(r.stdout.contains("(0 of 1 block passed)"))
        let page = try String(contentsOfFile: dir.path + "/out/seeds.html", encoding: .utf8)
        #expect(page.contains("4 seeds: 1–4"))
        #expect(page.range(of: #"<td class="num[^"]*">[0-9.]+ ±[ \x{00A0}][0-9.]+[ \x{00A0}]%</td>"#, options: .regularExpression) != nil)
        #expect(page.contains("Over 4 seeds: numbers are the mean ± standard deviation"))
        #expect(page.contains(" runs, best in "))
        // Each seed is cached on its own: a second run takes all four from the cache.
        let again = try lesson(["check", path, "--cache-dir", dir.path + "/cache"])
        #expect(again.stderr.contains("all from cache"), "\(again.stderr)")
    }

    @Test func aMalformedExpectationCountsAsFailedAndTheOthersStillRun() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let path = try write("```experiment softmax\nlogits: [2, 1, 0.1]\nlabel: 0\nexpect: [\"loss > 100\", \"loss >\", \"loss < 1\"]\n```\n",
                             to: "bad.md", in: dir)
        let r = try lesson(["check", path, "--no-cache"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("1 of 3 expectations held"), "\(r.stdout)")
        #expect(r.stderr.contains("bad.md:4:10: error: expectation failed: loss > 100"), "\(r.stderr)")
        #expect(r.stderr.contains("bad.md:4:31: error: invalid expectation 'loss >': expected a value, found the end of the expression"), "\(r.stderr)")
    }

    @Test func defaultIdsSkipExplicitOnesAndHyphensGetADidYouMean() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let path = try write("""
        ```experiment softmax
        id: softmax_2
        logits: [2, 1, 0.1]
        label: 0
        ```

        ```experiment softmax
        logits: [2, 1, 0.1]
        label: 1
        ```

        Losses `=softmax_2.loss` and `=softmax_3.loss`; misspelt `=softmax-3.loss`.
        """, to: "ids.md", in: dir)
        let r = try lesson(["check", path, "--no-cache"])
        #expect(r.status == 1)
        #expect(!r.stderr.contains("duplicate block id"), "\(r.stderr)")
        #expect(r.stderr.contains("ids.md:12:58: error: inline value `=softmax-3.loss`: unexpected 'loss'; expected an operator or the end; did you mean `softmax_3.loss`? (block ids use '_'; '-' subtracts)"), "\(r.stderr)")
    }

    @Test func aLessonWhoseOnlyErrorIsAnInlineValueIsNotReportedAsPassed() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let path = try write("# Status\n\n```experiment softmax\nid: s\nlogits: [2, 1, 0.1]\nlabel: 0\n```\n\nLoss `=s.nope`.\n",
                             to: "status.md", in: dir)
        let r = try lesson(["render", path, "--out", dir.path + "/out", "--no-cache"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("status.md: 1 block passed; 1 error in inline values or the text"), "\(r.stderr)")
        #expect(!r.stderr.contains("all passed"))
        let page = try String(contentsOfFile: dir.path + "/out/status.html", encoding: .utf8)
        #expect(page.contains("<span class=\"badge failed\">1 block passed; 1 error in inline values or the text</span>"))
    }
}
