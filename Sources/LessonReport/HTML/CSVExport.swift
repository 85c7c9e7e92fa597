import LessonSupport
import Experiments
import Foundation

/// The data behind a table or chart as CSV: a file beside the page
/// (``CSVFiles``), or a `data:` link where there is no page to put it beside.
///
/// Numbers keep an ASCII hyphen-minus and full precision where the value is
/// known, so a spreadsheet reads them as numbers.
enum CSVExport {
    /// A column whose cells carry numbers holds those numbers, at full
    /// precision (a percentage as 96.96, its unit in the header), not the
    /// text the page shows ("96.96 ± 0.28 %"); a column of means over seeds
    /// is followed by their standard deviations, "…: mean" and "…: sd". A
    /// cell with no number is its text; a cell that shows nothing
    /// (``ResultTable/Cell/showsNothing``: a missing value) is empty.
    static func csv(_ table: ResultTable) -> String {
        struct Layout {
            var numeric: Bool
            var spread: Bool
        }
        var header: [String] = []
        var layout: [Layout] = []
        for (c, column) in table.columns.enumerated() {
            let cells = table.rows.compactMap { $0.indices.contains(c) ? $0[c] : nil }
            let numeric = cells.contains { $0.value != nil }
            let spread = numeric && cells.contains { $0.spread != nil }
            var title = column.title
            if numeric {
                let unit = cells.first { $0.value != nil && $0.style == .percent }.map { _ in "%" }
                    ?? cells.first { $0.value != nil && !$0.unit.isEmpty }?.unit
                if let unit, !title.contains(unit) { title += " (\(unit))" }
            }
            header += spread ? [title + ": mean", title + ": sd"] : [title]
            layout.append(Layout(numeric: numeric, spread: spread))
        }
        var lines = [header.map(field).joined(separator: ",")]
        for row in table.rows {
            var fields: [String] = []
            // A row longer than the header keeps its extra cells, as text.
            let kinds = layout + Array(repeating: Layout(numeric: false, spread: false), count: max(0, row.count - layout.count))
            for (c, kind) in kinds.enumerated() {
                let cell = row.indices.contains(c) ? row[c] : ResultTable.Cell("")
                guard !cell.showsNothing else {
                    // No value: an empty field, as a spreadsheet reads one.
                    fields.append(contentsOf: Array(repeating: "", count: kind.numeric && kind.spread ? 2 : 1))
                    continue
                }
                guard kind.numeric else {
                    fields.append(field(plainNumber(cell.text)))
                    continue
                }
                if let value = cell.value {
                    fields.append(scaled(value, cell.style))
                } else {
                    fields.append(field(plainNumber(cell.text.trimmingCharacters(in: .whitespaces))))
                }
                if kind.spread { fields.append(cell.value == nil ? "" : cell.spread.map { scaled($0, cell.style) } ?? "") }
            }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A cell's number in its column's unit: a fraction shown as a percentage is a percentage.
    private static func scaled(_ value: Double, _ style: NumberStyle) -> String {
        switch style {
        case .percent: return percentage(value)
        case .integer where value.rounded() == value && abs(value) < 1e15: return String(Int64(value))
        default: return number(value)
        }
    }

    /// Long format, one line per point: series, x (or category), y, and the
    /// spread when the chart has one. For a chart standing for several seeds
    /// the headers say so: y is the mean, low and high span the seeds.
    /// A percent chart's values are percentages, as its axis and y label read.
    static func csv(_ chart: Chart) -> String {
        let percent = chart.yFormat == .percent
        func yNumber(_ y: Double) -> String { percent ? percentage(y) : number(y) }
        let hasSpread = chart.series.contains { $0.yLow != nil || $0.yHigh != nil }
        let xTitle = chart.style == .bar ? "category" : (chart.xLabel.isEmpty ? "x" : chart.xLabel)
        let yTitle = chart.yLabel.isEmpty ? "y" : chart.yLabel
        var header = ["series", xTitle]
        if let runs = chart.seedRuns {
            header += ["\(yTitle): mean over \(runs) seeds"]
            if hasSpread { header += ["low: lowest over the seeds", "high: highest over the seeds"] }
        } else {
            header += [yTitle]
            if hasSpread { header += ["low", "high"] }
        }
        var lines = [header.map(field).joined(separator: ",")]
        for series in chart.series {
            for (i, y) in series.y.enumerated() {
                let x: String
                if chart.style == .bar {
                    x = chart.categories.indices.contains(i) ? chart.categories[i] : String(i + 1)
                } else {
                    x = series.x.isEmpty ? String(i) : series.x.indices.contains(i) ? number(series.x[i]) : ""
                }
                var line = [field(series.name), field(x), yNumber(y)]
                if hasSpread {
                    line.append(series.yLow.flatMap { $0.indices.contains(i) ? yNumber($0[i]) : nil } ?? "")
                    line.append(series.yHigh.flatMap { $0.indices.contains(i) ? yNumber($0[i]) : nil } ?? "")
                }
                lines.append(line.joined(separator: ","))
            }
        }
        for line in chart.referenceLines {
            var row = [field(line.label), "", yNumber(line.y)]
            if hasSpread { row += ["", ""] }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A `data:` URL for `csv` (still to be passed through `HTML.escape`):
    /// every UTF-8 byte other than an ASCII letter, digit or one of
    /// `-_.~!*'(),;:@/` as `%XX`.
    ///
    /// By hand over the bytes rather than with Foundation's
    /// `addingPercentEncoding`, which gives the same text but was a twentieth
    /// of a warm render (the CSV of every chart goes into the page).
    static func dataURL(_ csv: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = Array("data:text/csv;charset=utf-8,".utf8)
        out.reserveCapacity(out.count + csv.utf8.count * 3 / 2)
        for byte in csv.utf8 {
            if byte < 128, keptInURL[Int(byte)] {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The ASCII bytes ``dataURL(_:)`` writes as they are.
    private static let keptInURL: [Bool] = (0..<128).map { code in
        let scalar = Unicode.Scalar(UInt8(code))
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || "-_.~!*'(),;:@/".unicodeScalars.contains(scalar)
    }

    /// A download link for `csv`, named after the block.
    static func link(_ csv: String, fileName: String, label: String) -> String {
        "<a class=\"download-csv\" href=\"\(HTML.escape(dataURL(csv)))\" download=\"\(HTML.escape(fileName))\">\(HTML.escape(label))</a>"
    }

    /// A fraction as a percentage, to 15 significant digits: 0.97 → "97"
    /// (not the "97.00000000000001" that × 100 leaves in binary).
    private static func percentage(_ fraction: Double) -> String {
        let x = fraction * 100
        guard x.isFinite else { return number(x) }
        return String(format: "%.15g", x)
    }

    private static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        return "\(x)"
    }

    /// "−0.25" → "-0.25", "1.2×10⁻⁵" → "1.2e-5", so spreadsheets read numbers.
    static func plainNumber(_ text: String) -> String {
        // Plain ASCII has no minus sign or "×10" to rewrite (most cells).
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var out = text.replacingOccurrences(of: NumberFormat.minus, with: "-")
        if let range = out.range(of: "×10") {
            let exponent = out[range.upperBound...].prefix { "⁻⁰¹²³⁴⁵⁶⁷⁸⁹".contains($0) }
            if let value = TableColumns.NumberText.superscriptValue(exponent) {
                out.replaceSubrange(range.lowerBound..<out.index(range.upperBound, offsetBy: exponent.count), with: "e\(value)")
            }
        }
        return out
    }

    private static func field(_ text: String) -> String {
        // A leading = + - @ (or a tab or carriage return before one, which
        // spreadsheets skip) that is not a number would run as a formula in
        // a spreadsheet; a quote mark makes it text.
        var value = text
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil {
            value = "'" + text
        }
        // On the bytes: all four are ASCII, and no Character needs forming.
        let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}
