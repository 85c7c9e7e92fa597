import Foundation
import LessonMarkdown
import LessonRunner
import Testing
@testable import LessonReport

/// Issue 19: a Vietnamese page wrote 65.6 % where Vietnamese writes 65,6 %.
@Suite struct LocalNumbersTests {
    let vi = LocalNumbers(lang: "vi")

    @Test func numbersSwapTheirMarksAndNothingElseDoes() {
        #expect(vi("65.6 %") == "65,6 %")
        #expect(vi("12,000 steps, 1,234,567.25 ms") == "12.000 steps, 1.234.567,25 ms")
        #expect(vi("96.96 ± 0.28 %") == "96,96 ± 0,28 %")
        #expect(vi("−1.5×10⁻⁵") == "−1,5×10⁻⁵")
        #expect(vi("It ends at 0.5.") == "It ends at 0,5.")
        // Not numbers: a version, a list without spaces, an identifier, a sentence's comma.
        #expect(vi("OpenBLAS 0.3.21") == "OpenBLAS 0.3.21")
        #expect(vi("[1,2]") == "[1,2]")
        #expect(vi("v1.2 and normal_3.5") == "v1.2 and normal_3.5")
        #expect(vi("3, 4 and 5") == "3, 4 and 5")
        #expect(vi("12") == "12")
    }

    @Test func englishAndUnknownLanguagesAreUnchanged() {
        #expect(LocalNumbers(lang: "en")("65.6 %") == "65.6 %")
        #expect(LocalNumbers(lang: nil)("12,000.5") == "12,000.5")
        #expect(LocalNumbers(lang: "vi-VN")("65.6 %") == "65,6 %")
    }

    func page(lang: String) -> String {
        let source = """
        ---
        lang: \(lang)
        ---
        # P

        The probability is `=sm.probabilities[0]:.1%`.

        ```experiment softmax
        id: sm
        logits: [2, 1, 0.1]
        label: 0
        ```

        """
        let executed = Executor(cache: nil).execute(Planner.plan(LessonLoader.parse(source, path: "p.md")))
        return PageRenderer.render(executed)
    }

    /// Text, tables and charts agree: every decimal on a Vietnamese page
    /// that an English page writes with a point has a comma.
    @Test func aVietnamesePageWritesDecimalCommasInTextTablesAndCharts() throws {
        let english = page(lang: "en"), vietnamese = page(lang: "vi")
        func value(_ html: String) -> String? {
            html.range(of: "<span class=\"value\"").flatMap { start in
                html[start.upperBound...].range(of: ">").flatMap { open in
                    html[open.upperBound...].range(of: "</span>").map { String(html[open.upperBound..<$0.lowerBound]) }
                }
            }
        }
        let shown = try #require(value(english))
        #expect(shown.contains("."), "\(shown)")
        #expect(value(vietnamese) == shown.replacingOccurrences(of: ".", with: ","))
        func cells(_ html: String) -> [String] {
            html.components(separatedBy: "<td class=\"num").dropFirst().map { cell in
                String(cell.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
            }
        }
        let englishCells = cells(english), vietnameseCells = cells(vietnamese)
        #expect(!englishCells.isEmpty && englishCells.contains { $0.contains(".") })
        #expect(vietnameseCells == englishCells.map { LocalNumbers(lang: "vi")($0) })
        #expect(!vietnameseCells.contains { $0.contains(".") }, "\(vietnameseCells)")
        // The charts' tick labels.
        func ticks(_ html: String) -> [String] {
            html.components(separatedBy: "\">").compactMap { part -> String? in
                let label = part.prefix { $0 != "<" }
                return label.first.map { $0.isNumber } == true && part.dropFirst(label.count).hasPrefix("</text>") ? String(label) : nil
            }
        }
        #expect(ticks(english).contains { $0.contains(".") }, "\(ticks(english))")
        #expect(!ticks(vietnamese).contains { $0.contains(".") }, "\(ticks(vietnamese))")
        #expect(ticks(vietnamese).contains { $0.contains(",") })
    }
}
