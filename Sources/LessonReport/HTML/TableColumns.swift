import LessonSupport
import Experiments

/// One precision per numeric table column, so decimal points line up
/// (0.659 / 0.2424 / 0.09857 becomes 0.6590 / 0.2424 / 0.0986), and a true
/// minus sign everywhere.
///
/// Cells reach the renderer as text written by the kinds with
/// ``NumberFormat``; this reads the number back only to choose a shared
/// precision, keeping the kind's unit ("%", "×", "ms"). A cell that is not a
/// plain number ("–", "diverged") is left alone, and so is a column whose
/// units disagree.
enum TableColumns {
    /// The cells' texts rewritten with one precision; unchanged when they
    /// are not all numbers with the same unit. A cell's own number
    /// (``ResultTable/Cell/value``) is used when the kind gave one; a
    /// mean ± sd cell keeps the text the seeds runner wrote.
    static func align(_ cells: [ResultTable.Cell]) -> [String] {
        let numbers: [NumberText?] = cells.map { cell in
            let parsed = NumberText(cell.text)
            guard cell.spread == nil else { return nil }
            guard let value = cell.value else { return parsed }
            let percent = cell.style == .percent
            let unit = percent ? " %" : cell.unit.isEmpty ? (parsed?.unit ?? "") : cell.unit == "×" ? "×" : " " + cell.unit
            return NumberText(value: percent ? value * 100 : value, decimals: parsed?.decimals,
                              scientific: parsed?.scientific ?? false, unit: unit)
        }
        return align(cells.map(\.text), numbers)
    }

    /// `texts` rewritten with one precision (see ``align(_:)-cells``).
    static func align(_ texts: [String]) -> [String] {
        align(texts, texts.map(NumberText.init))
    }

    private static func align(_ texts: [String], _ parsed: [NumberText?]) -> [String] {
        let numbers = parsed.compactMap { $0 }
        guard let unit = numbers.first?.unit, numbers.allSatisfy({ $0.unit == unit }) else {
            return texts.map(trueMinus)
        }
        var format = ColumnFormat(fitting: numbers.map(\.value), significant: 3)
        // Never more decimals than the most precise cell had, nor fewer than
        // the least precise: the kind chose those on purpose (97.4 %).
        let shown = numbers.compactMap(\.decimals)
        if case .decimals(let d) = format.style, !numbers.contains(where: \.scientific), let low = shown.min(), let high = shown.max() {
            format = ColumnFormat(.decimals(min(max(d, low), high)))
        }
        return zip(texts, parsed).map { text, number in
            guard let number else { return trueMinus(text) }
            return format.format(number.value) + number.unit
        }
    }

    /// "97.4 %", "12 ms" and "93.2 ± 0.4 %" with no-break spaces, so a line
    /// never ends inside a number with its spread and unit (a unit is a word
    /// of at most four characters after a digit: %, ms, GB/s, ×; "±" joins
    /// the numbers on both its sides).
    static func keepUnits(_ text: String) -> String {
        guard text.contains(" ") else { return text }
        var out = ""
        let characters = Array(text)
        for (i, c) in characters.enumerated() {
            if c == " ", i > 0, i + 1 < characters.count, characters[i - 1] == "±" || characters[i + 1] == "±" {
                out.append("\u{00A0}")
                continue
            }
            if c == " ", i > 0, characters[i - 1].isNumber, i + 1 < characters.count, !characters[i + 1].isNumber {
                let word = characters[(i + 1)...].prefix { $0 != " " }
                if word.count <= 4 {
                    out.append("\u{00A0}")
                    continue
                }
            }
            out.append(c)
        }
        return out
    }

    /// A table cell's text that may wrap only before its "±" (a printout's
    /// narrow column): "0.0101 ±\u{A0}0.0008", a unit joined to its number.
    static func breakBeforeSpread(_ text: String) -> String {
        guard text.contains(" ") else { return text }
        // The count of seeds a cell stands for, "(3 of 8)", may go to a line of its own, whole.
        if let count = text.range(of: #" \(\d+ of \d+\)$"#, options: .regularExpression) {
            let tail = text[count].dropFirst().replacingOccurrences(of: " ", with: "\u{00A0}")
            return breakBeforeSpread(String(text[..<count.lowerBound])) + " " + tail
        }
        return keepUnits(text).replacingOccurrences(of: "\u{00A0}±\u{00A0}", with: " ±\u{00A0}")
    }

    static func trueMinus(_ text: String) -> String {
        guard text.hasPrefix("-"), text.dropFirst().first?.isNumber == true else { return text }
        return NumberFormat.minus + text.dropFirst()
    }

    /// A number as a kind wrote it: "−0.25", "97.4 %", "1.2×10⁻⁵", "3.1e-7", "12×".
    struct NumberText {
        var value: Double
        /// Decimals as written; nil when only the value is known.
        var decimals: Int?
        var scientific: Bool
        /// What followed the number, e.g. " %", "×", " ms" (may be empty).
        var unit: String

        init(value: Double, decimals: Int?, scientific: Bool, unit: String) {
            self.value = value
            self.decimals = decimals
            self.scientific = scientific
            self.unit = unit
        }

        init?(_ text: String) {
            // Most cells that are not numbers are told at their first byte:
            // a number starts with a digit, "-", a space or tab, or a non-ASCII
            // character (the minus sign "−", a Unicode space).
            guard let first = text.utf8.first,
                  (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: "-")
                    || first == UInt8(ascii: " ") || first == 0x09 || first >= 0x80 else { return nil }
            var rest = Substring(text.trimmingCharacters(in: .whitespaces))
            var negative = false
            if rest.hasPrefix("-") || rest.hasPrefix(NumberFormat.minus) {
                negative = true
                rest = rest.dropFirst()
            }
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, digits.first != ".", digits.filter({ $0 == "." }).count <= 1,
                  var mantissa = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let fraction = digits.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first ?? ""
            decimals = fraction.count
            scientific = false
            if rest.hasPrefix("×10") {
                let exponentText = rest.dropFirst(3).prefix { "⁻⁰¹²³⁴⁵⁶⁷⁸⁹".contains($0) }
                guard let exponent = Self.superscriptValue(exponentText) else { return nil }
                mantissa *= NumberFormat.power10(exponent)
                rest = rest.dropFirst(3 + exponentText.count)
                scientific = true
            } else if rest.hasPrefix("e") || rest.hasPrefix("E") {
                let exponentText = rest.dropFirst().prefix { $0 == "-" || $0 == "+" || ($0.isASCII && $0.isNumber) }
                guard let exponent = Int(exponentText) else { return nil }
                mantissa *= NumberFormat.power10(exponent)
                rest = rest.dropFirst(1 + exponentText.count)
                scientific = true
            }
            // Only short units: anything longer is prose, not a number.
            guard rest.count <= 4, !rest.contains(where: { $0.isNumber }) else { return nil }
            value = negative ? -mantissa : mantissa
            unit = String(rest)
        }

        static func superscriptValue(_ text: Substring) -> Int? {
            let digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
            var negative = false
            var value = 0
            var any = false
            for character in text {
                if character == "⁻" { negative = true; continue }
                guard let index = digits.firstIndex(of: character) else { return nil }
                value = value * 10 + digits.distance(from: digits.startIndex, to: index)
                any = true
            }
            return any ? (negative ? -value : value) : nil
        }
    }
}
