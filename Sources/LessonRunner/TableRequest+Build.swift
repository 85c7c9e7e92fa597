import Experiments
import Foundation
import LessonSupport
import LessonResults

extension TableRequest {
    /// The table of the runs' values (one record per seed, or the one run),
    /// or the problems that stop it (a column no row has, a row the runs do
    /// not have, rows that are not records, rows that differ between seeds).
    /// A column some rows lack (`momentum` of a variant that uses Adam) shows
    /// "–" (``ResultTable/Cell/missing``) in those rows. Over seeds each cell is built from its value in
    /// every run (mean ± sd; text the runs disagree on says how often each
    /// came), and the "better" mark goes to the best mean.
    func table(from runs: [Record], defaults: TableDefaults?) -> Result<ResultTable, TableProblems> {
        var chosenByRun: [[(name: String, record: Record)]] = []
        var problems: [Diagnostic] = []
        for values in runs {
            switch chosenRows(from: values, defaults: defaults) {
            case .success(let chosen): chosenByRun.append(chosen.rows)
                if problems.isEmpty { problems = chosen.missing }
            case .failure(let problems): return .failure(problems)
            }
        }
        guard let chosen = chosenByRun.first else { return .success(ResultTable(caption: caption ?? "", columns: [], rows: [])) }
        guard chosenByRun.allSatisfy({ $0.map(\.name) == chosen.map(\.name) }) else {
            return .failure(TableProblems([Diagnostic(.table, "table: the seeds' runs have different rows, so they cannot be shown as one table",
                                                      at: location, notes: [.init("choose the rows with 'rows:'")])]))
        }
        var presenter = Presenter(RunValues(records: runs))
        var columns: [ResultTable.Column] = []
        var cells: [[ResultTable.Cell]] = Array(repeating: [], count: chosen.count)
        for column in self.columns {
            // values[row][run]
            var values: [[ResultValue?]] = []
            var firstError: ExpressionError?
            for r in chosen.indices {
                values.append(chosenByRun.map { rows -> ResultValue? in
                    let row = rows[r]
                    if let labels = nameLabels(column, rows: rows, defaults: defaults), row.record[labels.setting] != nil,
                       let label = row.record[labels.label] {
                        return label
                    }
                    do {
                        return try column.expression.evaluate(in: ValueScope(own: row.record, blocks: [:])).value
                    } catch {
                        firstError = firstError ?? (error as? ExpressionError)
                        return nil
                    }
                })
            }
            if let firstError, !values.joined().contains(where: { $0 != nil }) {
                problems.append(Diagnostic(.table, "table: column '\(Excerpt.clipped(column.text))': \(firstError.message)",
                                           at: column.location, notes: firstError.notes.map { .init($0) }))
                continue
            }
            var columnCells = values.map { runs in
                let each = runs.map { value in value.map { cell($0, column: column) } ?? .missing }
                return Self.counted(each, values: runs) ?? presenter.cell(eachRun: each)
            }
            if let better = column.better ?? defaults?.better[column.text] { Self.markBest(&columnCells, better) }
            let numeric = values.joined().contains { value in value.map { if case .string = $0 { false } else { true } } ?? false }
            columns.append(.init(column.label, numeric: numeric))
            for (r, cell) in columnCells.enumerated() { cells[r].append(cell) }
        }
        if !problems.isEmpty { return .failure(TableProblems(problems)) }
        return .success(ResultTable(caption: caption ?? "", columns: columns, rows: cells))
    }

    /// The rows one run's table shows: the author's `rows:` in their order, or all.
    /// The rows found, and a problem for each row asked for that is not there.
    private func chosenRows(from values: Record, defaults: TableDefaults?)
        -> Result<(rows: [(name: String, record: Record)], missing: [Diagnostic]), TableProblems> {
        let source = from ?? defaults?.rows ?? ""
        let all: [(name: String, record: Record)]
        switch Self.rows(of: source, in: values) {
        case .success(let rows): all = rows
        case .failure(let message):
            return .failure(TableProblems([Diagnostic(.table, "table: \(message.message)", at: fromLocation, notes: message.notes.map { .init($0) })]))
        }
        guard let rows else { return .success((all, [])) }
        var chosen: [(name: String, record: Record)] = []
        var problems: [Diagnostic] = []
        for row in rows {
            if let found = all.first(where: { $0.name == row.name }) {
                chosen.append(found)
            } else {
                problems.append(Diagnostic(.table, "table: no row '\(row.name)' in '\(source)'" + Suggestion.didYouMean(row.name, in: all.map(\.name)),
                                           at: row.location, notes: [.init("rows: " + all.map(\.name).joined(separator: ", "))]))
            }
        }
        return .success((chosen, problems))
    }

    /// For the `name` column: the kind's labels ("batch 32") in place of
    /// the bare setting, unless the table shows the setting itself.
    private func nameLabels(_ column: Column, rows: [(name: String, record: Record)], defaults: TableDefaults?) -> TableDefaults.NameLabels? {
        guard column.text == "name", let labels = defaults?.nameLabels else { return nil }
        let shown = rows.contains { row in row.record[labels.setting].map { setting in columns.contains { $0.text == setting.formatted } } ?? false }
        return shown ? nil : labels
    }

    /// A cell without a number that the seeds disagree on says how often
    /// each text came ("true in 3 of 8", "both in 1 of 2, high variance in
    /// 1 of 2"): nil when the runs agree or hold numbers. Whether they are
    /// yes-or-no is the runs' `values`' to say (a text "true" is a text).
    static func counted(_ cells: [ResultTable.Cell], values: [ResultValue?]) -> ResultTable.Cell? {
        let texts = cells.map(\.text)
        guard cells.count > 1, cells.allSatisfy({ $0.value == nil }), Set(texts).count > 1 else { return nil }
        if values.allSatisfy({ $0?.isBool == true }) {
            return ResultTable.Cell("true in \(values.filter { $0 == .bool(true) }.count) of \(values.count)")
        }
        var distinct: [String] = []
        for text in texts where !distinct.contains(text) { distinct.append(text) }
        let shown = distinct.prefix(3).map { text in "\(text) in \(texts.filter { $0 == text }.count) of \(texts.count)" }
        return ResultTable.Cell(shown.joined(separator: ", ") + (distinct.count > 3 ? ", …" : ""))
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
        if x.isNaN { return .missing }
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

    /// Marks the highest (or lowest) number of a column as its best row by
    /// the rule the kinds' own tables follow (``TableBetter/best(of:)``).
    static func markBest(_ cells: inout [ResultTable.Cell], _ better: TableBetter) {
        guard let best = better.best(of: cells.map(\.value)) else { return }
        cells[best].tone = .good
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
