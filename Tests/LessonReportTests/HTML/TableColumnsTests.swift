import Experiments
import Foundation
import Testing
@testable import LessonReport

@Suite struct TableColumnsTests {
    let minus = "\u{2212}"

    @Test func decimalsLineUpAndUnitsStay() {
        #expect(TableColumns.align(["0.659", "0.2424", "0.09857"]) == ["0.6590", "0.2424", "0.0986"])
        #expect(TableColumns.align(["97.4 %", "100 %", "–"]) == ["97.4 %", "100.0 %", "–"])
        #expect(TableColumns.align(["12×", "1.5×"]) == ["12.0×", "1.5×"])
        #expect(TableColumns.align(["-0.5", "0.25"]) == ["\(minus)0.50", "0.25"])
        #expect(TableColumns.align(["0.5", "0.123456"]) == ["0.500", "0.123"])
    }

    @Test func mixedUnitsOrWordsAreLeftAlone() {
        #expect(TableColumns.align(["12 ms", "3 %"]) == ["12 ms", "3 %"])
        #expect(TableColumns.align(["diverged", "-3"]) == ["diverged", "\(minus)3"])
    }

    @Test func scientificCellsAreRead() {
        let aligned = TableColumns.align(["1.2×10⁻⁷", "3e-9", "0"])
        #expect(aligned == ["1.20×10⁻⁷", "3.00×10⁻⁹", "0"])
    }

    @Test func numbersKeepTheirUnitOnOneLine() {
        #expect(TableColumns.keepUnits("97.4 % vs 99.1 %") == "97.4\u{00A0}% vs 99.1\u{00A0}%")
        #expect(TableColumns.keepUnits("after 40 epochs") == "after 40 epochs")
        // A mean with its spread and unit is one piece: no break after "±".
        #expect(TableColumns.keepUnits("93.2 ± 0.4 %") == "93.2\u{00A0}±\u{00A0}0.4\u{00A0}%")
        #expect(TableColumns.keepUnits("\(minus)0.52 ± 0.031 after 3 ± 1 epochs") == "\(minus)0.52\u{00A0}±\u{00A0}0.031 after 3\u{00A0}±\u{00A0}1 epochs")
        #expect(TableColumns.keepUnits("NaN ± NaN") == "NaN\u{00A0}±\u{00A0}NaN")
    }

    /// On paper a cell may wrap before its ± and before the count of seeds
    /// it stands for, never inside a number or inside that count.
    @Test func aPrintedCellWrapsBeforeItsSpreadAndItsCount() {
        let nb = "\u{00A0}"
        #expect(TableColumns.breakBeforeSpread("2.14 ± 0.29 (3 of 8)") == "2.14 ±\(nb)0.29 (3\(nb)of\(nb)8)")
        #expect(TableColumns.breakBeforeSpread("17 ± 11 % (3 of 8)") == "17 ±\(nb)11\(nb)% (3\(nb)of\(nb)8)")
        #expect(TableColumns.breakBeforeSpread("high bias (7 of 8)") == "high bias (7\(nb)of\(nb)8)")
        #expect(TableColumns.breakBeforeSpread("93.2 ± 0.4 %") == "93.2 ±\(nb)0.4\(nb)%")
    }

    @Test func csvIsSpreadsheetReady() {
        let table = ResultTable(columns: [.init("name", numeric: false), .init("value")],
                                rows: [[.init("a, b"), .init("\(minus)1.5×10⁻³")], [.init("=cmd"), .init("2")]])
        let csv = CSVExport.csv(table)
        #expect(csv == "name,value\r\n\"a, b\",-1.5e-3\r\n'=cmd,2\r\n")
        let chart = Chart(title: "t", xLabel: "epoch", yLabel: "loss",
                          series: [.init(name: "train", x: [1, 2], y: [0.5, -0.25])])
        #expect(CSVExport.csv(chart) == "series,epoch,loss\r\ntrain,1.0,0.5\r\ntrain,2.0,-0.25\r\n")
        #expect(CSVExport.dataURL("a,b\r\n").hasPrefix("data:text/csv;charset=utf-8,a,b%0D%0A"))
    }

    /// The hand-written percent encoding gives exactly what Foundation's does
    /// with the same allowed characters (what the pages carried before).
    @Test func dataURLMatchesFoundationsPercentEncoding() {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-_.~!*'(),;:@/")
        let every = String(String.UnicodeScalarView((1..<128).compactMap(Unicode.Scalar.init)))
        for text in ["", "a,b\r\n", every, "\(minus)1.5×10⁻³ é 😀 \"q\" 'x' 100% #1 a+b=c [x]{y}|z\\^`<>?&$", "\u{0}\t"] {
            #expect(CSVExport.dataURL(text) == "data:text/csv;charset=utf-8," + (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "?"),
                    "\(text)")
        }
    }
}
