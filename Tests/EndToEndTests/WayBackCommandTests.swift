import Foundation
import LessonTestSupport
import Testing

/// The way back from a page to a run: each block names the command that
/// re-runs it, `check --block` runs just that block, and a page with timings
/// names the machine that measured them.
@Suite struct WayBackCommandTests {
    static let lesson = """
    # Two blocks

    The first is `=a.probabilities[0]:.3f`; see [@b].

    ```experiment softmax
    id: a
    logits: [1, 2]
    label: 1
    ```

    ```experiment softmax
    id: b
    logits: [2, 1]
    label: 1
    expect:
      - "loss < 0.01"
    ```

    """

    @Test func checkBlockRunsOnlyTheNamedBlock() throws {
        let course = try ScratchCourse(["lessons/two.md": Self.lesson])
        defer { course.remove() }
        let dir = course.url
        // Block a alone passes: b's failing claim is not run, and the value
        // and cross-reference that read other blocks are not errors.
        let a = try LessonBinary.run(["check", "lessons/two.md", "--block", "a", "--no-cache"], in: dir)
        #expect(a.status == 0, "\(a.stdout)\(a.stderr)")
        #expect(a.stdout.contains("checked 1 lesson, 1 block: 1 passed, 0 failed"), "\(a.stdout)")
        let b = try LessonBinary.run(["check", "lessons/two.md", "--block", "b", "--no-cache"], in: dir)
        #expect(b.status == 1)
        #expect(b.stdout.contains("checked 1 lesson, 1 block: 0 passed, 1 failed"), "\(b.stdout)")
        let both = try LessonBinary.run(["check", "lessons/two.md", "--block", "a", "--block", "b", "--no-cache"], in: dir)
        #expect(both.stdout.contains("checked 1 lesson, 2 blocks: 1 passed, 1 failed"), "\(both.stdout)")
    }

    /// Found re-running the vectorization lesson's `matmul` block as its page
    /// says: its expectation reads the block `cached`, which `--block matmul`
    /// left out, so the claim failed with "unknown value". The blocks a named
    /// block's expectations read run with it.
    @Test func checkBlockAlsoRunsTheBlocksItsExpectationsRead() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let lesson = Self.lesson + """

        ```experiment softmax
        id: c
        logits: [3, 1]
        label: 0
        expect:
          - "loss < a.loss"
        ```

        """
        try LessonBinary.write(["lessons/three.md": lesson], into: dir)
        let c = try LessonBinary.run(["check", "lessons/three.md", "--block", "c", "--no-cache"], in: dir)
        #expect(c.status == 0, "\(c.stdout)\(c.stderr)")
        #expect(c.stdout.contains("checked 1 lesson, 2 blocks: 2 passed, 0 failed"), "\(c.stdout)")
    }

    @Test func anUnknownBlockIsAUsageErrorWithTheClosestId() throws {
        let course = try ScratchCourse(["lessons/two.md": Self.lesson.replacingOccurrences(of: "id: b", with: "id: mc")])
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(["check", "lessons/two.md", "--block", "mx", "--no-cache"], in: dir)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--block 'mx': lessons/two.md has no block 'mx'; did you mean 'mc'? (blocks: a, mc)"), "\(r.stderr)")
        #expect(!r.stdout.contains("checked"))
    }

    /// Found by a new user: over several lessons the message read "the
    /// lessons named has no block 'nope'".
    @Test func anUnknownBlockInSeveralLessonsSaysNoneHasIt() throws {
        let course = try ScratchCourse(["lessons/two.md": Self.lesson, "lessons/empty.md": "# Empty\n"])
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(["check", "lessons", "--block", "nope", "--no-cache"], in: dir)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--block 'nope': none of the 2 lessons has a block 'nope' (blocks: a, b)"), "\(r.stderr)")
    }

    /// The command on the page is the one that works from where the render ran.
    @Test func eachBlockShowsTheCommandThatReRunsIt() throws {
        let course = try ScratchCourse(["lessons/my two.md": Self.lesson])
        defer { course.remove() }
        let dir = course.url
        let r = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        #expect(r.status == 1)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
            .first { $0.hasSuffix(".html") && $0 != "index.html" })
        let page = try String(contentsOf: dir.appendingPathComponent("out/" + name), encoding: .utf8)
        #expect(page.contains("<p class=\"rerun\">Re-run this block: <code>lesson check &#39;lessons/my two.md&#39; --block a</code></p>")
                || page.contains("<p class=\"rerun\">Re-run this block: <code>lesson check 'lessons/my two.md' --block a</code></p>"), "\(page)")
        let check = try LessonBinary.run(["check", "lessons/my two.md", "--block", "a", "--no-cache"], in: dir)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func aPageWithTimingsNamesTheMachineAndOneWithoutDoesNot() throws {
        let course = try ScratchCourse([
            "lessons/v.md": "# V\n\n```experiment vectorization\nid: v\nrun: [cache]\nrepeats: 1\nsize: 1000\n```\n",
            "lessons/two.md": Self.lesson,
        ])
        defer { course.remove() }
        let dir = course.url
        _ = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        let timed = try String(contentsOf: dir.appendingPathComponent("out/v.html"), encoding: .utf8)
        let footer = try #require(timed.range(of: "<footer class=\"page\">").map { String(timed[$0.lowerBound...]) })
        #expect(footer.contains("<span class=\"machine\">Timings measured on: "), "\(footer)")
        #expect(footer.contains(" · OpenBLAS "), "\(footer)")
        #expect(footer.contains(", kernel "), "\(footer)")
        let untimed = try String(contentsOf: dir.appendingPathComponent("out/two.html"), encoding: .utf8)
        #expect(!untimed.contains("Timings measured on"))
    }

    /// Issue 19: CSVs were `data:` URLs inside the page (44 % of a page's
    /// weight). Now each is a file under `csv/PAGE/`, written with the page.
    @Test func tablesAndChartsAreCSVFilesBesideThePage() throws {
        let course = try ScratchCourse(["lessons/two.md": Self.lesson])
        defer { course.remove() }
        let dir = course.url
        _ = try LessonBinary.run(["render", "lessons", "--out", "out", "--no-cache"], in: dir)
        let page = try String(contentsOf: dir.appendingPathComponent("out/two.html"), encoding: .utf8)
        #expect(!page.contains("data:text/csv"))
        let hrefs = page.components(separatedBy: "class=\"download-csv\" href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(!hrefs.isEmpty)
        for href in hrefs {
            #expect(href.hasPrefix("csv/two/"), "\(href)")
            let data = try Data(contentsOf: dir.appendingPathComponent("out/" + href))
            #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(href)")
            #expect(page.contains("download=\"two-" + (href as NSString).lastPathComponent + "\""), "\(href)")
        }
    }
}
