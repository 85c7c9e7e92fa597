import Testing
@testable import LessonMarkdown

/// The BibTeX reader: what authors write in `.bib` files (braces, quotes,
/// `#`, accents, month macros) read into plain text, and every malformed
/// entry reported at its place without losing the entries after it.
@Suite struct BibTeXReaderTests {
    @Test func readsBracesQuotesNumbersAndConcatenation() {
        let text = """
        % a comment line; write to someone@example.org
        @InProceedings{ioffe2015,
          author    = {Ioffe, Sergey and Szegedy, Christian},
          title     = "Batch {Normalization}: Accelerating {Deep} Training",
          booktitle = {Proc. } # "ICML",
          pages     = {448--456},
          year      = 2015,
          month     = jul,
          eprint    = {1502.03167}, archivePrefix = {arXiv},
        }
        @article(nested, title = {A {B {C}} D}, author = {Erd{\\H o}s, Paul and G{\\"o}del, Kurt and others})
        """
        let (entries, problems) = BibTeXReader.read(text, path: "refs.bib")
        #expect(problems.isEmpty, "\(problems)")
        #expect(entries.map(\.key) == ["ioffe2015", "nested"])
        let first = entries[0]
        #expect(first.type == "inproceedings")
        #expect(first["title"] == "Batch Normalization: Accelerating Deep Training")
        #expect(first["booktitle"] == "Proc. ICML")
        #expect(first["pages"] == "448–456")
        #expect(first["year"] == "2015")
        #expect(first["month"] == "July")
        #expect(first.arXiv == "1502.03167")
        #expect(first.authors == ["Sergey Ioffe", "Christian Szegedy"])
        #expect(first.location == SourceLocation(path: "refs.bib", line: 2, column: 1))
        #expect(entries[1]["title"] == "A B C D")
        #expect(entries[1].authors == ["Paul Erdős", "Kurt Gödel"])
        #expect(entries[1].hasMoreAuthors)
    }

    /// `and` inside braces is part of a name; `First Last` and `Last, Jr, First` read as people write them.
    @Test func namesSplitOnlyOnAWordAndOutsideBraces() {
        let (entries, _) = BibTeXReader.read("@book{b, author = {{Barnes and Noble} and Martin Luther King and King, Jr, Martin}}", path: "r.bib")
        #expect(entries.first?.authors == ["Barnes and Noble", "Martin Luther King", "Martin King, Jr"])
    }

    @Test func malformedEntriesAreLocatedAndTheNextOnesStillRead() {
        let text = """
        @article{a, title = {Open brace, year = 2015
        @article{b, title = {Fine}, year = 2016}
        @article{c, title = {X} year = 2017}
        @article{d, title = jan # feb, note = someMacro}
        @string{name = {Name}}
        @article{b, title = {Again}}
        @article{e, title = {One}, title = {Two}}
        @article{f title = {X}}
        @article{h, title = {No closing brace},
        @article{g, title = {Last}}
        """
        let (entries, problems) = BibTeXReader.read(text, path: "refs.bib")
        #expect(entries.map(\.key) == ["b", "g"])
        let lines = problems.map(\.location.line)
        #expect(lines == [1, 3, 4, 5, 6, 7, 8, 9], "\(problems)")
        #expect(problems[0].message.contains("never closed"))
        #expect(problems[0].location.column == 21)
        #expect(problems[1].message.contains("expected `,` or `}` in entry 'c'"))
        #expect(problems[1].location.column == 25)
        #expect(problems[2].message.contains("'someMacro' is not a value"))
        #expect(problems[3].message.contains("@string"))
        #expect(problems[4].message.contains("duplicate BibTeX key 'b'"))
        #expect(problems[5].message.contains("field 'title' appears twice"))
        #expect(problems[6].message == "expected `,` or `}` in entry 'f', found 't'")
        #expect(problems[7].message == "entry 'h' is not closed: add `}` after its last field")
        #expect(problems[7].location.column == 1)
    }

    @Test func anEntryThatNeverClosesIsReportedAtItsAt() {
        let (entries, problems) = BibTeXReader.read("\n  @misc{k, title = {T},\n", path: "r.bib")
        #expect(entries.isEmpty)
        #expect(problems.map(\.location) == [SourceLocation(path: "r.bib", line: 2, column: 3)])
        #expect(problems.first?.message.contains("not closed") == true)
    }

    @Test func commentAndPreambleAreSkipped() {
        let (entries, problems) = BibTeXReader.read("@comment{anything {here}}\n@preamble{\"\\newcommand\"}\n@misc{k, title={T}}", path: "r.bib")
        #expect(problems.isEmpty)
        #expect(entries.map(\.key) == ["k"])
    }
}
