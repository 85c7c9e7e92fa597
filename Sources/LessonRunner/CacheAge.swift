/// Parses the age of `lesson cache prune --older-than`: a number and a unit,
/// `90s`, `45m`, `12h`, `7d`, `2w`.
public enum CacheAge {
    public struct Invalid: Error, CustomStringConvertible {
        public var text: String
        public var description: String {
            "--older-than must be a number ≥ 0 with a unit s, m, h, d or w (e.g. 7d, 12h), found '\(text)'"
        }
    }

    public static func seconds(_ text: String) throws -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = text.last, let factor = units[unit], let number = Double(text.dropLast()),
              number.isFinite, number >= 0 else { throw Invalid(text: text) }
        return number * factor
    }
}
