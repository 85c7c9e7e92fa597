import Foundation
import Experiments
import LessonMarkdown
import LessonRunner
import Testing
@testable import LessonReport

/// A lesson in a language the tool has no words for (`lang: fr`) is on a
/// page declared French with English interface words: those are marked
/// `lang="en"`, as the kinds' English output is, and the lesson's own words
/// are not.
@Suite struct UnshippedLanguagePageTests {
    let lesson = VietnamesePageTests().lesson.replacingOccurrences(of: "lang: vi", with: "lang: fr") + """


    Voir [@fig:perte], [@tbl:tailles] et [@tot].[^1]

    [^1]: Une note.

    ![Perte selon les époques](img/perte.png){#fig:perte}

    | n | temps |
    |---|-------|
    | 1 | 2 |

    Table: Tailles et temps {#tbl:tailles}
    """

    @Test func theEnglishInterfaceWordsOfAFrenchPageAreMarkedEnglish() throws {
        let executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(lesson, path: "lessons/f.md")))
        let html = PageRenderer.render(executed, navigation: PageNavigation(curriculum: Curriculum(entries: [
            .init(title: "Bias and variance", href: "a.html", sections: []),
            .init(title: "La fonction softmax", href: "f.html", sections: [], lang: "fr"),
            .init(title: "Leçon suivante", href: "b.html", sections: [], lang: "fr-CA"),
        ]), current: 1))
        #expect(html.contains("<html lang=\"fr\">"))
        // The page has what the words are about: a failure summary, seeds,
        // verdicts, values from failed blocks, numbered figures and tables.
        #expect(html.contains("failure-summary") && html.contains("class=\"seed\" lang=\"en\">2 seeds: ") && html.contains("class=\"verdict\""))
        #expect(html.contains("figure-number") && html.contains("table-number") && html.contains("xref experiment"))
        let text = VisibleText(html, attributes: false)
        let left = VietnamesePageTests.englishInterfaceWords.filter { text.containsWord($0) }
        #expect(left.isEmpty, "English interface words not marked English: \(left) in \(text.pieces.filter { piece in left.contains { VisibleText.word($0, in: piece) } })")
        for words in ["block source (YAML, f.md:8:1)", "not met", "All lessons", "Contents", "expectation not met", "Figure 1", "Table 1", "Experiment 1"] {
            #expect(text.english.contains { $0.contains(words) }, "\(words)")
        }
        // The lesson's own words and its French neighbours are the page's language.
        #expect(text.pieces.contains { $0.contains("Một khối chạy với hai hạt giống") })
        #expect(text.pieces.contains("Leçon suivante") && text.pieces.contains("Tailles et temps"))
        #expect(html.components(separatedBy: "lang=\"fr").count == 2)  // <html lang="fr"> only
        // Words scripts show: the search box is marked, the copy buttons are told.
        #expect(html.contains("<form class=\"search\" role=\"search\" lang=\"en\""))
        #expect(html.contains("data-copy=\"Copy\"") && html.contains("data-copy-lang=\"en\""))
        // A footnote's back-link is only its English label and an arrow.
        #expect(html.contains("role=\"doc-backlink\" aria-label=\"Back to the text\" lang=\"en\">↩</a>"))
    }

    @Test func theIndexOfFrenchLessonsMarksItsEnglishWords() {
        let html = IndexRenderer.render([
            .init(title: "La fonction softmax", href: "f.html", blocks: 3, failedBlocks: 2, errors: 1, expectationsNotMet: 1, lang: "fr"),
            .init(title: "Initialisation", href: "i.html", blocks: 2, failedBlocks: 0, errors: 0, lang: "fr"),
        ])
        #expect(html.contains("<html lang=\"fr\">"))
        let text = VisibleText(html, attributes: false)
        let left = VietnamesePageTests.englishInterfaceWords.filter { text.containsWord($0) }
        #expect(left.isEmpty, "English interface words not marked English on the index: \(left)")
        #expect(text.english.contains("2 of 3 blocks failed; 1 expectation not met; 1 error in inline values or the text"))
        #expect(text.pieces.contains("La fonction softmax"))
    }

    /// Shipped words are the page's language: nothing more is marked.
    @Test func shippedWordsAreNotMarked() {
        #expect(InterfaceWords.forLanguage("fr").wordsAttribute == " lang=\"en\"")
        #expect(InterfaceWords.forLanguage("vi-VN").wordsAttribute == "")
        #expect(InterfaceWords.forLanguage("en-GB").wordsAttribute == "")
        #expect(InterfaceWords.forLanguage(nil).word("Next") == "Next")
        #expect(InterfaceWords.forLanguage("de").word("<Next>") == "<span lang=\"en\">&lt;Next&gt;</span>")
    }
}
