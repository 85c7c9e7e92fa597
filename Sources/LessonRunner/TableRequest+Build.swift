import Experiments
import Foundation
import LessonSupport
import LessonResults

extension TableRequest {
    /// The table of one run's values, or the problems that stop it (a column
    /// no row has, a row the run does not have, rows that are not records).
    /// A column some rows lack (`momentum` of a variant that uses Adam) shows
    /// "–" in those rows.
    func table(from values: Record, defaults: TableDefaults?) -> Result<ResultTable, TableProblems> {
        let source = from ?? defaults?.rows ?? ""
        var problems: [Diagnostic] = []
        let all: [(name: String, record: Record)]
        switch Self.rows(of: source, in: values) {
        case .success(let rows): all = rows
        case .failure(let message):
            return .failure(TableProblems([Diagnostic(.table, "table: \(message.message)", at: fromLocation, notes: message.notes.map { .init($0) })]))
        }
        var chosen: [(name: String, record: Record)] = []
        if let rows {
            for row in rows {
                if let found = all.first(where: { $0.name == row.name }) {
                    chosen.append(found)
                } else {
                    problems.append(Diagnostic(.table, "table: no row '\(row.name)' in '\(source)'" + Suggestion.didYouMean(row.name, in: all.map(\.name)),
                                               at: row.location, notes: [.init("rows: " + all.map(\.name).joined(separator: ", "))]))
                }
            }
        } else {
            chosen = all
        }
        var columns: [ResultTable.Column] = []
        var cells: [[ResultTable.Cell]] = Array(repeating: [], count: chosen.count)
        for column in self.columns {
            var values: [ResultValue?] = []
            var firstError: ExpressionError?
            let labelled = column.text == "name" ? defaults?.nameLabels.flatMap { labels in
                // Unless the table shows the setting itself, "32" alone does not say what it is.
                chosen.contains { row in row.record[labels.setting].map { setting in self.columns.contains { $0.text == setting.formatted } } ?? false } ? nil : labels
            } : nil
            for row in chosen {
                if let labelled, row.record[labelled.setting] != nil, let label = row.record[labelled.label] {
                    values.append(label)
                    continue
                }
                do {
                    values.append(try column.expression.evaluate(in: ValueScope(own: row.record, blocks: [:])).value)
                } catch {
                    firstError = firstError ?? error
                    values.append(nil)
                }
            }
            if let firstError, !values.contains(where: { $0 != nil }) {
                problems.append(Diagnostic(.table, "table: column '\(Excerpt.clipped(column.text))': \(firstError.message)",
                                           at: column.location, notes: firstError.notes.map { .init($0) }))
                continue
            }
            var columnCells = values.map { value in value.map { cell($0, column: column) } ?? ResultTable.Cell("–") }
            if let better = column.better ?? defaults?.better[column.text] { Self.markBest(&columnCells, better) }
            let numeric = values.contains { value in value.map { if case .string = $0 { false } else { true } } ?? false }
            columns.append(.init(column.label, numeric: numeric))
            for (r, cell) in columnCells.enumerated() { cells[r].append(cell) }
        }
        if !problems.isEmpty { return .failure(TableProblems(problems)) }
        return .success(ResultTable(caption: caption ?? "", columns: columns, rows: cells))
    }

    /// The rows of `source`: a list of records, each named by its `name` or
    /// `key` (else its position), or a record of records, named by field.
    static func rows(of source: String, in values: Record) -> Result<[(name: String, record: Record)], ExpressionError> {
        let value: ResultValue
        do {
            value = try Expression.parse(source).evaluate(in: ValueScope(own: values, blocks: [:])).value
        } catch {
            return .failure(error)
        }
        switch value {
        case .list(let items):
            var rows: [(String, Record)] = []
            for (index, item) in items.enumerated() {
                guard case .record(let record) = item else {
                    return .failure(ExpressionError("'\(source)' is a list of \(item.typeName)s, not of records: a table's rows are records"))
                }
                let name = (record["name"] ?? record["key"]).map(\.formatted) ?? String(index)
                rows.append((name, record))
            }
            return .success(rows)
        case .record(let record):
            var rows: [(String, Record)] = []
            for field in record.fields {
                guard case .record(let row) = field.value else { continue }
                rows.append((field.name, row))
            }
            if rows.isEmpty { return .failure(ExpressionError("'\(source)' is a record without records in it: a table's rows are records")) }
            return .success(rows)
        default:
            return .failure(ExpressionError("'\(source)' is \(value.typeNameWithArticle), not a list of records: a table's rows are records"))
        }
    }

    /// A cell that keeps its number, so runs over seeds combine into mean ± sd.
    private func cell(_ value: ResultValue, column: Column) -> ResultTable.Cell {
        guard let x = value.doubleValue, !value.isBool else {
            if case .string(let s) = value { return ResultTable.Cell(s) }
            return ResultTable.Cell(Excerpt.clipped(value.formatted))
        }
        if x.isNaN { return ResultTable.Cell("–") }
        var format = column.format
        if case .automatic = format, Self.looksLikeFraction(column.text), case .number = value { format = .percent(decimals: 1) }
        switch format {
        case .automatic:
            if case .integer(let n) = value { return ResultTable.Cell(n.grouped, value: x, style: .integer) }
            return ResultTable.Cell(ResultValue.format(x, significant: 3), value: x)
        case .percent(let decimals):
            return ResultTable.Cell(NumberFormat.percent(x, decimals: decimals), value: x.isFinite ? x : nil, style: .percent)
        default:
            let text = (try? format.apply(value)) ?? value.formatted
            return ResultTable.Cell(text, value: x)
        }
    }

    /// A field named for an accuracy or a fraction reads as a percentage unless its format says otherwise.
    static func looksLikeFraction(_ text: String) -> Bool {
        let last = text.split(separator: ".").last.map(String.init) ?? text
        guard last.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return false }
        return last.contains("accuracy") || last.hasSuffix("fraction")
    }

    /// Marks the highest (or lowest) number of a column as its best row, as
    /// the kinds' own tables do; nothing to mark when the rows do not differ.
    static func markBest(_ cells: inout [ResultTable.Cell], _ better: TableBetter) {
        let numbers = cells.indices.compactMap { i in cells[i].value.map { (i, $0) } }.filter { !$0.1.isNaN }
        guard numbers.count > 1, let low = numbers.map(\.1).min(), let high = numbers.map(\.1).max(), low < high else { return }
        let best = better == .higher ? numbers.max { $0.1 < $1.1 }! : numbers.min { $0.1 < $1.1 }!
        cells[best.0].tone = .good
    }
}

/// Why an author's table could not be built: located diagnostics.
struct TableProblems: Error {
    var diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

extension ResultValue {
    fileprivate var isBool: Bool { if case .bool = self { true } else { false } }
}
