import LessonSupport

extension Presenter {
    /// A column of a table whose rows are the records of a list value:
    /// its title and how a row's cell is made from that row's values.
    public struct Column {
        public var title: String
        public var numeric: Bool
        public var cell: (inout Presenter, Runs) -> ResultTable.Cell

        public init(_ title: String, numeric: Bool = true, cell: @escaping (inout Presenter, Runs) -> ResultTable.Cell) {
            self.title = title
            self.numeric = numeric
            self.cell = cell
        }

        /// The row's text field (a name, a label), left-aligned.
        public static func text(_ title: String, _ field: String) -> Column {
            Column(title, numeric: false) { p, row in p.textCell(row[field]) }
        }

        /// A number field, written by `format` (default: three significant digits).
        public static func number(_ title: String, _ field: String, unit: String = "",
                                  format: @escaping (Double) -> String = Presenter.significant(3)) -> Column {
            Column(title) { p, row in p.cell(row[field], unit: unit, format: format) }
        }

        /// A fraction field shown as a percentage ("12.3 %").
        public static func percent(_ title: String, _ field: String,
                                   format: @escaping (Double) -> String = Presenter.percentSignificant(3)) -> Column {
            Column(title) { p, row in p.cell(row[field], style: .percent, format: format) }
        }
    }

    /// A table with a row per record of `rows` (a list value) and the given columns.
    public mutating func table(caption: String, rows: Runs, columns: [Column]) -> PresentationItem {
        table(caption: caption, labels: [], rows: rows.elements.map { Row(values: $0) }, columns: columns)
    }

    /// One line per record of `rows`: its `name` field against `x`, `y` its list field.
    public mutating func lines(rows: Runs, name: String = "label", x: [Double], y: String) -> [Chart.Series] {
        rows.elements.map { row in series(row[name].text ?? "", x: x, y: row[y]) }
    }

    /// Writes a number with `digits` significant digits, "∞", "−∞" and
    /// "NaN" as such (in a cell, one that is not there, or NaN, is the
    /// cell's ``ResultTable/Cell/missing`` before it gets here).
    public static func significant(_ digits: Int) -> (Double) -> String {
        { ResultValue.format($0, significant: digits) }
    }

    /// Writes a fraction as a percentage with `digits` significant digits: "12.3 %".
    public static func percentSignificant(_ digits: Int) -> (Double) -> String {
        { x in ResultValue.format(x * 100, significant: digits) + " %" }
    }
}
