import Foundation

/// A summary of one named value over the runs of a block with `seeds:`:
/// `x.mean`, `x.sd`, `x.min`, `x.max`, `x.runs`.
public enum SeedStatistic: String, CaseIterable, Sendable {
    case mean, sd, min, max, runs

    /// The statistic over `values` (one per seed, in seed order).
    ///
    /// Numbers (integers and booleans count, `true` as 1, so `converged.mean`
    /// is the fraction of runs that converged) are summarised; lists of equal
    /// length element by element and records field by field, so a statistic
    /// applies to numeric leaves at any depth. A non-numeric leaf is kept when
    /// every run agrees on it. `runs` is the list of the values themselves.
    public func apply(_ values: [ResultValue]) throws(SeedStatisticError) -> ResultValue {
        if self == .runs { return .list(values) }
        guard let first = values.first else { throw SeedStatisticError("no runs") }
        switch first {
        case .number, .integer, .bool:
            var numbers: [Double] = []
            for value in values {
                guard let x = value.doubleValue else {
                    throw SeedStatisticError("is a number in one run and \(value.typeNameWithArticle) in another")
                }
                numbers.append(x)
            }
            return number(numbers, integers: values.allSatisfy { if case .integer = $0 { return true } else { return false } })
        case .string:
            if values.allSatisfy({ $0 == first }) { return first }
            throw SeedStatisticError("is text that differs between seeds (\(Self.listing(values))); \(rawValue) needs numbers")
        case .list(let items):
            var lists: [[ResultValue]] = []
            for value in values {
                guard case .list(let other) = value, other.count == items.count else {
                    throw SeedStatisticError("is a list whose length differs between seeds; use .runs")
                }
                lists.append(other)
            }
            var out: [ResultValue] = []
            for i in items.indices { out.append(try apply(lists.map { $0[i] })) }
            return .list(out)
        case .record(let record):
            var result = Record()
            for name in record.names {
                var column: [ResultValue] = []
                for value in values {
                    guard case .record(let other) = value, let field = other[name] else {
                        throw SeedStatisticError("has a field '\(name)' in one run but not in another")
                    }
                    column.append(field)
                }
                result[name] = try apply(column)
            }
            return .record(result)
        }
    }

    private func number(_ xs: [Double], integers: Bool) -> ResultValue {
        switch self {
        case .mean: return .number(Self.mean(xs))
        case .sd: return .number(Self.standardDeviation(xs))
        // A run without a number (NaN: e.g. the accuracy of a network that
        // diverged) has no place in a range: min and max skip it.
        case .min: return integers ? .integer(Int(xs.min()!)) : .number(xs.filter { !$0.isNaN }.min() ?? .nan)
        case .max: return integers ? .integer(Int(xs.max()!)) : .number(xs.filter { !$0.isNaN }.max() ?? .nan)
        case .runs: return .numbers(xs)
        }
    }

    public static func mean(_ xs: [Double]) -> Double {
        xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count)
    }

    /// The mean of several runs' lists index by index, as long as the
    /// longest: at each index over the runs that have a number there (a run
    /// that stopped early, diverged or stopped by early stopping, has none
    /// past its end; NaN counts as none); NaN where no run has one.
    public static func meanByIndex(_ lists: [[Double]]) -> [Double] {
        let length = lists.map(\.count).max() ?? 0
        return (0..<length).map { i in mean(lists.compactMap { i < $0.count && !$0[i].isNaN ? $0[i] : nil }) }
    }

    /// The sample standard deviation (n − 1); 0 for a single run.
    public static func standardDeviation(_ xs: [Double]) -> Double {
        guard xs.count > 1 else { return 0 }
        let m = mean(xs)
        return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
    }

    private static func listing(_ values: [ResultValue]) -> String {
        var distinct: [String] = []
        for value in values where !distinct.contains(value.formatted) { distinct.append(value.formatted) }
        return distinct.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (distinct.count > 3 ? ", …" : "")
    }

    /// What a plain `x` of a block run over several seeds shows inline: the
    /// mean of its numbers; a non-numeric value every run agrees on as it is.
    public static func summary(_ values: [ResultValue]) throws(SeedStatisticError) -> ResultValue {
        guard let first = values.first else { throw SeedStatisticError("no runs") }
        if case .bool = first {
            if values.allSatisfy({ $0 == first }) { return first }
            let count = values.filter { $0 == .bool(true) }.count
            throw SeedStatisticError("is true in \(count) of \(values.count) seeds; write .mean for the fraction or .runs for each")
        }
        return try SeedStatistic.mean.apply(values)
    }

    /// The block's values for display: numeric leaves replaced by their mean,
    /// anything the runs disagree on (text, list lengths) taken from the first.
    public static func meanRecord(_ records: [Record]) -> Record {
        guard let first = records.first else { return Record() }
        func merge(_ values: [ResultValue]) -> ResultValue {
            if let merged = try? SeedStatistic.summary(values) { return merged }
            switch values[0] {
            case .record(let record):
                var out = Record()
                for name in record.names {
                    let column = values.compactMap { value -> ResultValue? in
                        if case .record(let r) = value { return r[name] }
                        return nil
                    }
                    out[name] = column.count == values.count ? merge(column) : record[name]
                }
                return .record(out)
            case .list(let items):
                let lists = values.compactMap { value -> [ResultValue]? in
                    if case .list(let l) = value, l.count == items.count { return l }
                    return nil
                }
                guard lists.count == values.count else { return values[0] }
                return .list(items.indices.map { i in merge(lists.map { $0[i] }) })
            default:
                return values[0]
            }
        }
        var out = Record()
        for name in first.names {
            let column = records.compactMap { $0[name] }
            out[name] = column.count == records.count ? merge(column) : first[name]
        }
        return out
    }
}

/// Why a statistic over seeds could not be computed.
public struct SeedStatisticError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
