/// Numbers as the page's language writes them. The engine and the kinds
/// format numbers once, the English way ("65.6 %", "12,000"); a page in a
/// language with a decimal comma (Vietnamese: "65,6 %", "12.000") swaps the
/// two marks inside each number of its text, tables and charts, so all three
/// agree. Only runs that read as one number are touched: "0.3.21" (a
/// version), "1,2" (a list written without a space) and a number glued to a
/// letter (`v1.2`, an identifier) stay as they are.
struct LocalNumbers: Sendable, Equatable {
    /// Whether the decimal mark is a comma (and the thousands mark a full stop).
    var decimalComma: Bool

    /// The languages that write a decimal comma, of those whose words ship.
    static let decimalCommaLanguages: Set<String> = ["vi"]

    init(lang: String?) {
        let base = lang?.lowercased().split(separator: "-").first.map(String.init) ?? "en"
        decimalComma = Self.decimalCommaLanguages.contains(base)
    }

    /// `text` with each number's marks as the language writes them.
    func callAsFunction(_ text: String) -> String {
        guard decimalComma, text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
        while i < scalars.count {
            guard isDigit(scalars[i]) else {
                out.append(scalars[i])
                i += 1
                continue
            }
            // The run of digits and marks starting here.
            var end = i
            while end < scalars.count, isDigit(scalars[end]) || scalars[end] == "." || scalars[end] == "," { end += 1 }
            // A mark that ends the run is punctuation ("is 65.6.").
            var last = end
            while last > i, !isDigit(scalars[last - 1]) { last -= 1 }
            let run = Array(scalars[i..<last])
            let gluedToWord = i > 0 && (scalars[i - 1].properties.isAlphabetic || scalars[i - 1] == "_")
            if !gluedToWord, Self.isNumber(run) {
                for s in run { out.append(s == "." ? "," : s == "," ? "." : s) }
            } else {
                out.append(contentsOf: run)
            }
            i = last
        }
        return String(out)
    }

    /// "1,234,567.5", "65.6", "12,000": at most one full stop, after any
    /// commas, and commas only between groups of exactly three digits.
    static func isNumber(_ run: [Unicode.Scalar]) -> Bool {
        let text = String(String.UnicodeScalarView(run))
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !(parts.last?.contains(",") ?? false) || parts.count == 1 else { return false }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, !first.isEmpty, first.count <= (groups.count > 1 ? 3 : Int.max) else { return false }
        guard groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return false }
        if parts.count == 2, parts[1].isEmpty || parts[1].contains(",") { return false }
        return groups.count > 1 || parts.count == 2
    }
}
