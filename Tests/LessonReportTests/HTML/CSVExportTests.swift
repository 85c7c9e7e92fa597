import Testing
import Experiments
@testable import LessonReport

/// The CSV behind a chart says which numbers it holds.
@Suite struct CSVExportTests {
    @Test func aSeededChartsColumnsSayMeanAndSpreadOverTheSeeds() {
        var chart = Chart(title: "loss", xLabel: "epoch", yLabel: "loss",
                          series: [.init(name: "train", x: [1, 2], y: [0.5, 0.25], yLow: [0.4, 0.2], yHigh: [0.6, 0.3])])
        let single = CSVExport.csv(chart)
        #expect(single.hasPrefix("series,epoch,loss,low,high\r\n"))
        chart.seedRuns = 8
        let seeded = CSVExport.csv(chart)
        #expect(seeded.hasPrefix("series,epoch,loss: mean over 8 seeds,low: lowest over the seeds,high: highest over the seeds\r\n"))
        #expect(seeded.contains("train,2.0,0.25,0.2,0.3\r\n"))
    }

    /// Issue 21 (low): a cell starting with a tab or carriage return before
    /// `=` was not neutralized; spreadsheets skip those and run the formula.
    @Test func aCellThatASpreadsheetWouldRunIsText() {
        let table = ResultTable(columns: [.init("name", numeric: false)],
                                rows: [["\t=1+1", "\r=HYPERLINK(1)", "=2", "-3", "ok"].map { ResultTable.Cell($0) }])
        let csv = CSVExport.csv(table)
        #expect(csv == "name\r\n'\t=1+1,\"'\r=HYPERLINK(1)\",'=2,-3,ok\r\n", "\(csv)")
    }

    /// Issue 19: a table's CSV held the page's text ("96.96 ± 0.28 %");
    /// now numbers, the unit in the header, mean and sd in two columns.
    @Test func aTablesNumbersAreNumbersWithMeanAndSdApart() {
        var accuracy = ResultTable.Cell("96.96 ± 0.28 %", value: 0.9696, style: .percent)
        accuracy.spread = 0.0028
        let table = ResultTable(columns: [.init("variant", numeric: false), .init("test accuracy"), .init("steps"), .init("time")],
                                rows: [[ResultTable.Cell("dropout"), accuracy, ResultTable.Cell("120", value: 120, style: .integer),
                                        ResultTable.Cell("−1.5 ms", value: -1.5, unit: "ms")],
                                       [ResultTable.Cell("plain"), .missing, ResultTable.Cell("diverged"),
                                        ResultTable.Cell("2 ms", value: 2, unit: "ms")]])
        let csv = CSVExport.csv(table)
        #expect(csv == "variant,test accuracy (%): mean,test accuracy (%): sd,steps,time (ms)\r\n"
            + "dropout,96.96,0.28,120,-1.5\r\nplain,,,diverged,2.0\r\n", "\(csv)")
    }

    /// A field is empty where the cell has no value (``ResultTable/Cell/isMissing``),
    /// in a column of numbers or of texts; a text that only looks like the
    /// mark ("-", "–" as a value's own text) is written as text ("-" kept
    /// from a spreadsheet's formulas, as any such text is).
    @Test func aMissingCellIsAnEmptyFieldAndALookalikeIsText() {
        let table = ResultTable(columns: [.init("variant", numeric: false), .init("note", numeric: false), .init("loss")],
                                rows: [[ResultTable.Cell("a"), ResultTable.Cell("-"), ResultTable.Cell("0.5", value: 0.5)],
                                       [ResultTable.Cell("b"), .missing, ResultTable.Cell("–")],
                                       [ResultTable.Cell("c"), ResultTable.Cell("–"), .missing]])
        let csv = CSVExport.csv(table)
        #expect(csv == "variant,note,loss\r\na,'-,0.5\r\nb,,–\r\nc,–,\r\n", "\(csv)")
    }

    /// The files beside a page: named after the page and block, with a
    /// byte-order mark, linked instead of a `data:` URL.
    @Test func csvFilesAreLinkedBesideThePage() {
        let files = CSVFiles(pageStem: "drop out")
        let link = files.link("a,b\r\n", stem: "mc-1", label: "table as CSV")
        #expect(link == "<a class=\"download-csv\" href=\"csv/drop%20out/mc-1.csv\" download=\"drop out-mc-1.csv\">table as CSV</a>")
        #expect(files.files.count == 1)
        #expect(files.files.first?.path == "csv/drop out/mc-1.csv")
        #expect(files.files.first?.contents == "\u{FEFF}a,b\r\n")
        #expect(!link.contains("data:"))
    }
}
