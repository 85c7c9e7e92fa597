import Foundation
import LessonTestSupport
import Testing

/// `--reseed K` through the built binary: every seed moves, the closing list
/// names each failed expectation with its seeds, and the page shows them.
extension LessonCommandTests {
    @Test func reseedMovesEverySeedAndListsTheFailuresWithTheirSeeds() throws {
        let scratch = try ScratchFolder("lesson-e2e")
        defer { scratch.remove() }
        let dir = scratch.url
        let path = try write("""
        # Reseed

        ```experiment softmax
        id: fixed
        seed: 3
        logits: [2, 1, 0.1]
        label: 0
        expect: ["loss > 100"]
        ```

        ```experiment hyperparameter-search
        id: samp
        mode: sampling
        low: 0.0001
        high: 1
        draws: 50
        seeds: [1, 2, 3, 4]
        expect:
          - "uniform.top_decade > 0"
          - "uniform.top_decade > 2"
        ```
        """, to: "reseed.md", in: dir)
        let r = try lesson(["render", path, "--reseed", "1000", "--out", dir.path + "/out", "--cache-dir", dir.path + "/cache"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("""
        2 expectations failed with every seed moved by 1000 (--reseed):
          \(path):8:10: block 'fixed': `loss > 100` failed at seed 1003
          \(path):20:5: block 'samp': `uniform.top_decade > 2` failed at seeds 1001, 1002, 1003, 1004 (4 of 4 runs)
        """), "\(r.stdout)")
        #expect(r.stderr.contains("note: seed 1001: uniform.top_decade = "), "\(r.stderr)")
        let page = try String(contentsOfFile: dir.path + "/out/reseed.html", encoding: .utf8)
        #expect(page.contains("4 seeds: 1001–1004"))

        // Without --reseed the same lesson runs the seeds it names, and says nothing about moving them.
        let plain = try lesson(["check", path, "--cache-dir", dir.path + "/cache"])
        #expect(plain.stdout.contains("2 expectations failed:\n"), "\(plain.stdout)")
        #expect(plain.stdout.contains("failed at seeds 1, 2, 3, 4 (4 of 4 runs)"), "\(plain.stdout)")

        // A run where everything holds says so.
        let passing = try write("```experiment softmax\nlogits: [2, 1, 0.1]\nlabel: 0\nexpect: [\"loss < 1\"]\n```\n", to: "ok.md", in: dir)
        let ok = try lesson(["check", passing, "--reseed", "7919", "--no-cache"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("every expectation held with every seed moved by 7919 (--reseed)"), "\(ok.stdout)")
    }

    @Test func reseedOutsideTheSeedRangeIsAUsageError() throws {
        for bad in ["-1", "9007199254740992", "x"] {
            let r = try lesson(["check", "--reseed", bad, "--no-cache"])
            #expect(r.status == 64, "\(bad): \(r.stderr)")
        }
    }
}
