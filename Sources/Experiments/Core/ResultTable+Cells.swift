extension ResultTable.Cell {
    /// ``ReportFormat/number(_:)`` in a cell that keeps the value (for
    /// combining seeds); a NaN cell is ``missing``.
    static func number(_ x: Double) -> Self {
        x.isNaN ? .missing : Self(ReportFormat.number(x), value: x)
    }

    /// ``ReportFormat/percent(_:decimals:)`` in a cell that keeps the
    /// fraction; a NaN cell is ``missing``, an infinite one holds no value.
    static func percent(_ x: Double) -> Self {
        if x.isNaN { return .missing }
        return x.isFinite ? Self(ReportFormat.percent(x), value: x, style: .percent) : Self(ReportFormat.percent(x))
    }

    /// The row of a network that diverged: its name, "diverged" marked bad,
    /// and ``missing`` in the other `count` − 2 columns.
    static func divergedRow(_ name: String, count: Int) -> [Self] {
        [Self(name), Self("diverged", tone: .bad)] + Array(repeating: .missing, count: max(count - 2, 0))
    }
}
