import LessonSupport

/// A text with its numbers taken out: "1.8 % (training 0.0 %)" is the words
/// "", " % (training ", " %)" around 1.8 and 0.0. The texts several seeds
/// wrote for one card combine number by number, so a card shows the mean
/// its table shows instead of the first seed's values.
struct NumberTemplate: Equatable {
    var words: [String]
    var numbers: [Double]
    /// Decimals as written; nil for a whole number ("degree 5", "256 units").
    var decimals: [Int?]

    init(_ text: String) {
        words = []
        numbers = []
        decimals = []
        var word = ""
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            let signed = (c == "-" || c == "−") && i + 1 < characters.count && characters[i + 1].isASCII && characters[i + 1].isNumber
                && (i == 0 || characters[i - 1] == " " || characters[i - 1] == "(")
            guard (c.isASCII && c.isNumber) || signed else {
                word.append(c)
                i += 1
                continue
            }
            var j = signed ? i + 1 : i
            var digits = ""
            var point: Int? = nil
            while j < characters.count {
                let d = characters[j]
                if d.isASCII && d.isNumber {
                    digits.append(d)
                } else if d == ".", point == nil, j + 1 < characters.count, characters[j + 1].isASCII && characters[j + 1].isNumber {
                    point = digits.count
                    digits.append(d)
                } else {
                    break
                }
                j += 1
            }
            words.append(word)
            word = ""
            numbers.append((signed ? -1 : 1) * (Double(digits) ?? 0))
            decimals.append(point.map { digits.count - $0 - 1 })
            i = j
        }
        words.append(word)
    }

    /// Units that make a whole number a measurement ("191 ms", "3 %").
    static let units = ["%", "ms", "µs", "ns", "s", "×", "GB/s", "MB/s", "GFLOP/s", "MB", "kB", "GB"]

    /// The texts with each number replaced by its mean over the texts, as
    /// many decimals as the most precise of them; nil when the words differ
    /// or a whole number differs (a choice such as "degree 5", whose mean
    /// means nothing), unless a unit follows it ("191 ms", "3 %").
    static func mean(_ texts: [String]) -> String? {
        let templates = texts.map(NumberTemplate.init)
        guard let first = templates.first, !first.numbers.isEmpty,
              templates.allSatisfy({ $0.words == first.words }) else { return nil }
        var out = first.words[0]
        for n in first.numbers.indices {
            let values = templates.map { $0.numbers[n] }
            let shown = templates.compactMap { $0.decimals[n] }
            let after = first.words[n + 1].drop { $0 == " " || $0 == "\u{00A0}" }
            let measured = Self.units.contains { after.hasPrefix($0) && !(after.dropFirst($0.count).first?.isLetter ?? false) }
            if shown.isEmpty, !measured, !values.allSatisfy({ $0 == values[0] }) { return nil }
            let mean = values.reduce(0, +) / Double(values.count)
            out += NumberFormat.decimal(mean, decimals: shown.max() ?? 0) + first.words[n + 1]
        }
        return out
    }
}
