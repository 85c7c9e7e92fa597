/// Finds TeX math spans (`$…$`, `$$…$$`) in the text of one paragraph,
/// heading or table row, by pandoc's `tex_math_dollars` rules.
///
/// The rules are what keep money from becoming math: an opening `$` must be
/// followed by a non-space, and the formula ends at the next unescaped `$`,
/// which must follow a non-space and must not be followed by a digit — else
/// there is no formula and the opening `$` is a plain dollar ("costs $5 and
/// $10" has no math). `\$` is a literal dollar; `$$…$$` is display math and
/// may contain blanks.
/// Code spans and the insides of autolinks and HTML tags are skipped, as cmark
/// would give those precedence. Every search is a binary search over precomputed
/// candidates, so a line of 100,000 dollars or backticks stays linear.
enum MathScanner {
    /// A math span: byte offsets of the opening `$` and just past the closing one.
    struct Span: Equatable {
        var start: Int
        var end: Int
        var display: Bool

        /// Bytes of the dollar signs on each side.
        var delimiterLength: Int { display ? 2 : 1 }
    }

    private static let dollar = UInt8(ascii: "$")
    private static let backslash = UInt8(ascii: "\\")
    private static let backtick = UInt8(ascii: "`")
    private static let lessThan = UInt8(ascii: "<")
    private static let greaterThan = UInt8(ascii: ">")

    /// The math spans of `text`, in order; lines of the block are joined with `\n`.
    static func spans(in text: [UInt8]) -> [Span] {
        guard text.contains(dollar) else { return [] }
        let candidates = Candidates(text)
        var spans: [Span] = []
        var index = 0
        let count = text.count
        while index < count {
            switch text[index] {
            case backslash:
                index += 2
            case backtick:
                var runEnd = index
                while runEnd < count, text[runEnd] == backtick {
                    runEnd += 1
                }
                if let closer = candidates.backtickRun(length: runEnd - index, atOrAfter: runEnd) {
                    index = closer + (runEnd - index)
                } else {
                    index = runEnd
                }
            case lessThan:
                index = endOfTagOrAutolink(in: text, at: index) ?? index + 1
            case dollar:
                if index + 1 < count, text[index + 1] == dollar {
                    if let closer = candidates.first(candidates.displayClosers, atOrAfter: index + 2), closer > index + 2 {
                        spans.append(Span(start: index, end: closer + 2, display: true))
                        index = closer + 2
                    } else {
                        index += 2
                    }
                } else if index + 1 < count, !isSpace(text[index + 1]),
                          let closer = candidates.first(candidates.dollars, atOrAfter: index + 1),
                          !isSpace(text[closer - 1]), !(closer + 1 < count && isDigit(text[closer + 1])) {
                    spans.append(Span(start: index, end: closer + 1, display: false))
                    index = closer + 1
                } else {
                    index += 1
                }
            default:
                index += 1
            }
        }
        return spans
    }

    /// Where each kind of closing delimiter could be, found in one pass.
    private struct Candidates {
        /// Unescaped `$`.
        var dollars: [Int] = []
        /// Unescaped `$$` (the offset of the first `$`).
        var displayClosers: [Int] = []
        /// Start offsets of maximal backtick runs, by run length.
        var backtickRuns: [Int: [Int]] = [:]

        init(_ text: [UInt8]) {
            var backslashes = 0
            var index = 0
            let count = text.count
            while index < count {
                let byte = text[index]
                if byte == MathScanner.backtick {
                    var runEnd = index
                    while runEnd < count, text[runEnd] == MathScanner.backtick {
                        runEnd += 1
                    }
                    backtickRuns[runEnd - index, default: []].append(index)
                    backslashes = 0
                    index = runEnd
                    continue
                }
                // An odd run of backslashes escapes the dollar (`\$`); an even one is
                // escaped backslashes (`\\$`), leaving the dollar live.
                if byte == MathScanner.dollar, backslashes % 2 == 0 {
                    dollars.append(index)
                    if index + 1 < count, text[index + 1] == MathScanner.dollar {
                        displayClosers.append(index)
                    }
                }
                backslashes = byte == MathScanner.backslash ? backslashes + 1 : 0
                index += 1
            }
        }

        func first(_ sorted: [Int], atOrAfter offset: Int) -> Int? {
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] < offset {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            return low < sorted.count ? sorted[low] : nil
        }

        /// A code span closes on the next backtick run of exactly the same length.
        func backtickRun(length: Int, atOrAfter offset: Int) -> Int? {
            backtickRuns[length].flatMap { first($0, atOrAfter: offset) }
        }
    }

    /// The offset after an autolink (`<https://…>`) or HTML tag starting at
    /// `start`, or `nil` when the `<` starts neither.
    ///
    /// Only a rough shape is checked: a miss merely lets a `$` inside a tag be
    /// scanned, and the loader restores the raw text inside HTML anyway. The scan
    /// stops at the next `<`, which keeps the whole pass linear.
    private static func endOfTagOrAutolink(in text: [UInt8], at start: Int) -> Int? {
        var index = start + 1
        let count = text.count
        guard index < count else { return nil }
        if text[index] == UInt8(ascii: "/") {
            index += 1
        }
        guard index < count, isLetter(text[index]) else { return nil }
        var nameEnd = index
        while nameEnd < count,
              isLetter(text[nameEnd]) || isDigit(text[nameEnd]) || [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: ".")].contains(text[nameEnd]) {
            nameEnd += 1
        }
        guard nameEnd < count else { return nil }
        let next = text[nameEnd]
        let isAutolink = next == UInt8(ascii: ":")
        guard isAutolink || isSpace(next) || next == UInt8(ascii: "/") || next == greaterThan else {
            return nil
        }
        var end = nameEnd
        while end < count, text[end] != greaterThan, text[end] != lessThan {
            if isAutolink, text[end] <= 0x20 {
                return nil
            }
            end += 1
        }
        return end < count && text[end] == greaterThan ? end + 1 : nil
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
