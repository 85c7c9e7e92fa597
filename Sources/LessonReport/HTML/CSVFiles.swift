import Foundation
import LessonSupport

/// The CSV files of one page's tables and charts, written beside it
/// (`csv/dropout/mc-1.csv`) rather than inlined as `data:` links, which made
/// up 44 % of a page's weight. Each downloads under a name that says where it
/// came from (`dropout-mc-1.csv`), begins with a byte-order mark so that
/// spreadsheet programs read it as UTF-8, and is written by ``ReportWriter``
/// with the other files of the page.
///
/// One per page, filled while that page is laid out (on one thread).
public final class CSVFiles: @unchecked Sendable {
    /// The page's name without `.html`: the folder below `csv/` and the
    /// first part of each download name.
    public let pageStem: String
    /// Paths relative to the output folder → contents, in the order made.
    public private(set) var files: [(path: String, contents: String)] = []

    public init(pageStem: String) {
        self.pageStem = pageStem
    }

    static let byteOrderMark = "\u{FEFF}"

    /// Records `csv` as `csv/PAGE/STEM.csv` and returns the link to it.
    func link(_ csv: String, stem: String, label: String) -> String {
        let path = "csv/\(pageStem)/\(stem).csv"
        if !files.contains(where: { $0.path == path }) { files.append((path, Self.byteOrderMark + csv)) }
        return "<a class=\"download-csv\" href=\"\(HTML.escape(path.slashSeparatedParts.map(HTML.fileHref).joined(separator: "/")))\" download=\"\(HTML.escape("\(pageStem)-\(stem).csv"))\">\(HTML.escape(label))</a>"
    }
}
