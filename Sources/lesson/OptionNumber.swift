import ArgumentParser

/// Reads the number given to an option, so that a wrong one is told with
/// the option, what was written and the range (`--jobs -1`, `--reseed x`).
///
/// The options that take a number are declared with `parsing: .unconditional`:
/// by default ArgumentParser reads `-1` after an option as another option and
/// says only "Missing value for '--jobs <N>'", which hides what was wrong.
/// With it, `--jobs --force` reads `--force` as the number and says so.
enum OptionNumber {
    struct Invalid: Error, CustomStringConvertible {
        var option: String
        var expected: String
        var text: String
        var description: String { "\(option) must be \(expected), found '\(text)'" }
    }

    /// The whole number `text` within `range`.
    /// - Parameter why: said after the range ("(seeds are below 2^53)").
    static func whole<Number: FixedWidthInteger>(_ text: String, option: String, range: ClosedRange<Number>,
                                                 why: String = "") throws -> Number {
        guard let number = Number(text), range.contains(number) else {
            throw Invalid(option: option, expected: "a whole number \(range.lowerBound)…\(range.upperBound)" + why, text: text)
        }
        return number
    }

    /// The number of seconds `text` within `range` (a fraction is fine; NaN and infinities are not).
    static func seconds(_ text: String, option: String, range: ClosedRange<Double>) throws -> Double {
        guard let number = Double(text), range.contains(number) else {
            throw Invalid(option: option, expected: "a number of seconds \(Int(range.lowerBound))…\(Int(range.upperBound))", text: text)
        }
        return number
    }
}
