import LessonSupport

/// How the reports of the kinds write a measured number, so that a loss, an
/// accuracy or a missing value reads the same in every kind's cards, tables
/// and notes (through ``NumberFormat``, the one formatter).
enum ReportFormat {
    /// What a value that could not be measured (NaN) shows.
    static let missing = "–"

    /// Three significant digits: "0.417", "1.39×10⁻¹¹"; "–" for NaN.
    static func number(_ x: Double) -> String {
        x.isNaN ? missing : ResultValue.format(x, significant: 3)
    }

    /// A fraction as a percentage: "97.4 %"; "–" for NaN, "∞" for infinity.
    static func percent(_ x: Double, decimals: Int = 1) -> String {
        x.isNaN ? missing : NumberFormat.percent(x, decimals: decimals)
    }

    /// A duration in milliseconds to three significant digits, with or
    /// without the unit: "12.3 ms"; "–" for NaN.
    static func milliseconds(_ seconds: Double, unit: Bool = true) -> String {
        seconds.isNaN ? missing : ResultValue.format(seconds * 1e3, significant: 3) + (unit ? " ms" : "")
    }
}
