import Foundation
import LessonMarkdown
import LessonRunner
import LessonTestSupport
import Testing
@testable import LessonReport

/// A page's citations: "[1]" linking to a numbered list at the end, with
/// DOI and arXiv links, in the page's language.
@Suite struct BibliographyHTMLTests {
    static let bib = """
    @inproceedings{ioffe2015,
      author = {Ioffe, Sergey and Szegedy, Christian},
      title = {Batch Normalization: Accelerating Deep Network Training},
      booktitle = {Proceedings of ICML}, series = {PMLR}, volume = {37}, pages = {448--456},
      year = {2015}, eprint = {1502.03167}, archivePrefix = {arXiv}}
    @article{doi, author = {A, B and C, D and E, F}, title = {With a DOI?}, journal = {J}, volume = 1, number = 2, year = 2020, doi = {10.1000/xyz}}
    """

    func page(_ source: String) throws -> String {
        let scratch = try ScratchFolder("BibliographyHTMLTests")
        defer { scratch.remove() }
        let root = scratch.path
        try Self.bib.write(toFile: root + "/refs.bib", atomically: true, encoding: .utf8)
        try source.write(toFile: root + "/a.md", atomically: true, encoding: .utf8)
        let executed = Pipeline(executor: Executor(cache: nil)).run(path: root + "/a.md")
        #expect(executed.diagnostics.isEmpty, "\(executed.diagnostics)")
        return PageRenderer.render(executed)
    }

    @Test func citationsLinkToANumberedListAtTheEnd() throws {
        let html = try page("---\nbibliography: refs.bib\n---\n# A\n\nFirst [@doi], then [@ioffe2015] and [@doi] again.\n")
        #expect(html.contains("First <a class=\"cite\" href=\"#ref-doi\" role=\"doc-biblioref\">[1]</a>, then <a class=\"cite\" href=\"#ref-ioffe2015\" role=\"doc-biblioref\">[2]</a> and <a class=\"cite\" href=\"#ref-doi\" role=\"doc-biblioref\">[1]</a> again."), "\(html)")
        #expect(html.contains("<h2 id=\"bibliography\">References</h2>"))
        #expect(html.contains("<li id=\"ref-doi\">B A, D C &amp; F E (2020). With a DOI? <i>J</i> 1(2). <a href=\"https://doi.org/10.1000/xyz\">doi:10.1000/xyz</a></li>"), "\(html)")
        #expect(html.contains("<li id=\"ref-ioffe2015\">Sergey Ioffe &amp; Christian Szegedy (2015). Batch Normalization: Accelerating Deep Network Training. <i>Proceedings of ICML</i>, PMLR 37, 448–456. <a href=\"https://arxiv.org/abs/1502.03167\">arXiv:1502.03167</a></li>"), "\(html)")
        let list = try #require(html.range(of: "role=\"doc-bibliography\""))
        #expect(html[list.lowerBound...].firstRange(of: "ref-doi")!.lowerBound < html[list.lowerBound...].firstRange(of: "ref-ioffe2015")!.lowerBound)
    }

    @Test func aPageThatCitesNothingHasNoList() throws {
        let html = try page("---\nbibliography: refs.bib\n---\n# A\n\nNo citations.\n")
        #expect(!html.contains("doc-bibliography"))
    }

    @Test func theListIsHeadedInThePagesLanguage() throws {
        let html = try page("---\nlang: vi\nbibliography: refs.bib\n---\n# A\n\nTheo [@ioffe2015].\n")
        #expect(html.contains("<h2 id=\"bibliography\">Tài liệu tham khảo</h2>"))
    }
}
