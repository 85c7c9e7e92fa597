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
}
