import Foundation
import LessonMarkdown
import LessonTestSupport
import Testing
@testable import LessonRunner
import LessonResults

/// `[@key]` against the lesson's BibTeX file: numbered by first citation,
/// unknown keys and ambiguous ids reported at the reference, a bibliography
/// that cannot be read reported where it is named.
@Suite struct CitationsTests {
    static let bib = """
    @article{ioffe2015, author = {Ioffe, Sergey and Szegedy, Christian}, title = {Batch Normalization}, year = 2015}
    @article{srivastava2014, author = {Srivastava, Nitish}, title = {Dropout}, year = 2014}
    @misc{setup, title = {A key that is also a heading's anchor}}
    """

    func finished(_ path: String, course: Citations.Source? = nil) -> ExecutedLesson {
        var pipeline = Pipeline(executor: Executor(cache: nil))
        pipeline.courseBibliography = course
        return pipeline.run(path: path)
    }

    @Test func keysAreNumberedByFirstCitationAndUnknownOnesAreLocated() throws {
        let scratch = try ScratchFolder("citations")
        defer { scratch.remove() }
        let root = try scratch.write([
            "refs.bib": Self.bib,
            "a.md": "---\nbibliography: refs.bib\n---\n# A\n\nDropout [@srivastava2014], batch norm [@ioffe2015], again [@srivastava2014].\nA typo [@iofe2015], a figure [@fig:none].\n",
        ])
        let lesson = finished(root + "/a.md")
        #expect(lesson.citations.cited.map(\.key) == ["srivastava2014", "ioffe2015"])
        #expect(lesson.citations.numbers == ["srivastava2014": 1, "ioffe2015": 2])
        let texts = lesson.diagnostics.map { "\($0.code.name) \($0.location!.line):\($0.location!.column) \($0.message)" }
        #expect(texts.contains { $0.hasPrefix("citation 7:8 unknown citation key '[@iofe2015]'; did you mean '[@ioffe2015]'?") }, "\(texts)")
        // A `fig:` id stays a cross-reference, with its own message.
        #expect(texts.contains { $0.hasPrefix("cross-reference 7:30 unknown cross-reference '[@fig:none]'") }, "\(texts)")
        #expect(texts.count == 2, "\(texts)")
    }

    /// Without the citations check, an `[@key]` would be an unknown cross-reference.
    @Test func aCitedKeyIsNoCrossReferenceError() throws {
        let scratch = try ScratchFolder("citations")
        defer { scratch.remove() }
        let root = try scratch.write(["refs.bib": Self.bib, "a.md": "---\nbibliography: refs.bib\n---\n# A\n\n[@ioffe2015]\n"])
        #expect(finished(root + "/a.md").diagnostics.isEmpty)
        let bareScratch = try ScratchFolder("citations")
        defer { bareScratch.remove() }
        let bare = try bareScratch.write(["a.md": "# A\n\n[@ioffe2015]\n"])
        #expect(finished(bare + "/a.md").diagnostics.map(\.code) == [.crossReference])
    }

    @Test func aKeyThatIsAlsoAHeadingsAnchorIsAnError() throws {
        let scratch = try ScratchFolder("citations")
        defer { scratch.remove() }
        let root = try scratch.write(["refs.bib": Self.bib, "a.md": "---\nbibliography: refs.bib\n---\n# A\n\n## Setup\n\nSee [@setup].\n"])
        let lesson = finished(root + "/a.md")
        let problem = try #require(lesson.diagnostics.first)
        #expect(lesson.diagnostics.count == 1)
        #expect(problem.code == .citation)
        #expect(problem.message.contains("names both the section 'setup' and the entry 'setup'"), "\(problem.message)")
        #expect(problem.location == SourceLocation(path: root + "/a.md", line: 8, column: 5))
        #expect(lesson.citations.cited.isEmpty)
    }

    @Test func aMalformedEntryIsReportedInTheBibFile() throws {
        let scratch = try ScratchFolder("citations")
        defer { scratch.remove() }
        let root = try scratch.write(["refs.bib": "@article{ok, title = {T}}\n@article{bad, title = {T} year = 1}\n", "a.md": "---\nbibliography: refs.bib\n---\n# A\n\n[@ok]\n"])
        let lesson = finished(root + "/a.md")
        #expect(lesson.diagnostics.map { "\($0.code.name) \($0.location!)" } == ["bibliography \(root)/refs.bib:2:27"])
        #expect(lesson.citations.numbers == ["ok": 1])
    }

    /// Citing an entry that could not be read says so, and points at the
    /// entry, not that the key is unknown: the key is in the file.
    @Test func citingAMalformedEntrySaysTheEntryCouldNotBeRead() throws {
        let scratch = try ScratchFolder("citations")
        defer { scratch.remove() }
        let root = try scratch.write(["refs.bib": "@article{ok, title = {T}}\n@article{bad, title = {T} year = 1}\n", "a.md": "---\nbibliography: refs.bib\n---\n# A\n\n[@ok] and [@bad]\n"])
        let lesson = finished(root + "/a.md")
        #expect(lesson.diagnostics.map { "\($0.code.name) \($0.location!)" } == ["bibliography \(root)/refs.bib:2:27", "citation \(root)/a.md:6:11"])
        let citation = try #require(lesson.diagnostics.last)
        #expect(citation.message == "the entry 'bad' in \(root)/refs.bib could not be read, so '[@bad]' is not cited; fix the entry (its error is at \(root)/refs.bib:2:27)",
                "\(citation.message)")
        #expect(!citation.message.contains("unknown citation key"))
        #expect(citation.notes.map(\.location) == [SourceLocation(path: root + "/refs.bib", line: 2, column: 1)])
        #expect(lesson.citations.numbers == ["ok": 1])
    }

    @Test func aMissingOrOutsideFileIsReportedWhereItIsNamed() throws {
        let scratch = try ScratchFolder("citations")
        defer { scratch.remove() }
        let root = try scratch.write([
            "course/lessons/a.md": "---\nbibliography: nope.bib\n---\n# A\n\n[@k]\n",
            "course/lessons/b.md": "---\nbibliography: ../../outside.bib\n---\n# B\n\n[@k]\n",
            "outside.bib": "@misc{k, title = {T}}",
        ])
        let missing = finished(root + "/course/lessons/a.md")
        #expect(missing.diagnostics.map { "\($0.code.name) \($0.location!.line):\($0.location!.column)" } == ["bibliography 2:15"], "\(missing.diagnostics)")
        #expect(missing.diagnostics.first?.message.contains("does not exist") == true)
        let outside = finished(root + "/course/lessons/b.md")
        #expect(outside.diagnostics.first?.message.contains("is outside the folder") == true, "\(outside.diagnostics)")
        #expect(outside.citations.cited.isEmpty)
    }

    /// The course's file serves lessons that name none; a lesson's own wins.
    @Test func theCoursesBibliographyServesLessonsThatNameNone() throws {
        let scratch = try ScratchFolder("citations")
        defer { scratch.remove() }
        let root = try scratch.write([
            "refs.bib": Self.bib,
            "own.bib": "@misc{mine, title = {Mine}}",
            "a.md": "# A\n\n[@ioffe2015]\n",
            "b.md": "---\nbibliography: own.bib\n---\n# B\n\n[@mine]\n",
        ])
        let course = Citations.Source(path: root + "/refs.bib", location: SourceLocation(path: root + "/course.yml", line: 3, column: 15), folder: root)
        #expect(finished(root + "/a.md", course: course).citations.numbers == ["ioffe2015": 1])
        #expect(finished(root + "/b.md", course: course).citations.numbers == ["mine": 1])
    }

    /// Every shipped lesson's citations resolve against `lessons/refs.bib`
    /// (no block runs: only the text is checked), and the file reads cleanly.
    @Test func theShippedLessonsCitationsResolve() throws {
        let folder = ShippedLessonsPlanTests.lessons.path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
        var cited: Set<String> = []
        for file in files {
            let lesson = try LessonLoader.load(path: folder + "/" + file)
            let plan = Planner.plan(lesson)
            let numbering = Numbering(lesson: lesson, blockIds: plan.blocks.map(\.id))
            let citations = Citations.resolve(lesson, numbering: numbering, source: Citations.source(for: lesson, course: nil, courseRoot: nil))
            #expect(citations.diagnostics.isEmpty, "\(file): \(citations.diagnostics)")
            #expect(numbering.diagnostics(for: lesson, excluding: citations.handledIds).isEmpty, "\(file)")
            cited.formUnion(citations.numbers.keys)
        }
        #expect(cited == ["ioffe2015", "srivastava2014", "glorot2010", "he2015", "kingma2015", "ba2016", "wu2018", "salimans2016", "bergstra2012"])
    }
}
