import Experiments
import Foundation
import LessonResults

/// The runs of one block with `seeds:`, as expressions read them.
struct SeedRuns: Sendable {
    var seeds: [UInt64]
    var records: [Record]

    init(_ runs: [SeedRun]) {
        seeds = runs.map(\.seed)
        records = runs.map(\.values)
    }
}

/// Notes which blocks run over seeds an expression read plain (per-seed)
/// values of, and how many runs each has: such an expression is evaluated
/// once per run.
final class SeedReadTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var order: [String] = []

    func note(_ block: String, runs: Int) {
        lock.lock()
        defer { lock.unlock() }
        if counts[block] == nil { order.append(block) }
        counts[block] = runs
    }

    /// The blocks read per seed (`""` is the expectation's own block), in the order first read.
    var blocks: [(id: String, runs: Int)] {
        lock.lock()
        defer { lock.unlock() }
        return order.map { ($0, counts[$0]!) }
    }
}

extension ValueScope {
    /// Resolves `path` inside a block run over several seeds:
    ///
    /// - in an expectation (``run`` set), a plain value is the one of that run;
    /// - otherwise (inline values), a plain value is its summary: the mean of
    ///   numbers, text every run agrees on as it is;
    /// - `x.mean`, `x.sd`, `x.min`, `x.max`, `x.runs` summarise `x` over the
    ///   runs, whatever it is (a number, or a list or record of numbers), and
    ///   the rest of the path reads into that summary (`x.runs[0]`).
    ///
    /// A name the runs really have wins over a statistic of the same name.
    /// Returns `nil` when the path names nothing in the block.
    func resolve(_ path: ArraySlice<PathComponent>, in runs: SeedRuns, block: String, text: String)
        throws(ExpressionError) -> ResultValue? {
        guard let first = runs.records.first else { return nil }
        if ResultValue.record(first).lookup(path) != nil {
            if let run {
                tracker?.note(block, runs: runs.records.count)
                let index = min(run, runs.records.count - 1)
                return ResultValue.record(runs.records[index]).lookup(path)
            }
            let column = try Self.column(path, runs: runs, text: text)
            do {
                return try SeedStatistic.summary(column)
            } catch {
                throw ExpressionError("'\(text)' \(error.message)")
            }
        }
        for (offset, component) in path.enumerated() where offset > 0 {
            guard case .key(let name) = component, let statistic = SeedStatistic(rawValue: name) else { continue }
            let prefix = path.prefix(offset)
            guard ResultValue.record(first).lookup(prefix) != nil else { continue }
            let column = try Self.column(prefix, runs: runs, text: text)
            let summary: ResultValue
            do {
                summary = try statistic.apply(column)
            } catch {
                let name = prefix.map(\.description).joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
                throw ExpressionError("\(statistic.rawValue) over seeds: '\(name)' \(error.message)")
            }
            let rest = path.dropFirst(offset + 1)
            if let value = summary.lookup(rest) { return value }
            throw ExpressionError("unknown value '\(text)': \(statistic.rawValue) of '\(prefix.map(\.description).joined(separator: "."))' has no \(rest.map(\.description).joined(separator: "."))")
        }
        return nil
    }

    /// The value at `path` in every run, in seed order.
    private static func column(_ path: ArraySlice<PathComponent>, runs: SeedRuns, text: String) throws(ExpressionError) -> [ResultValue] {
        var column: [ResultValue] = []
        for (seed, record) in zip(runs.seeds, runs.records) {
            guard let value = ResultValue.record(record).lookup(path) else {
                throw ExpressionError("'\(text)' has no value in the run with seed \(seed)")
            }
            column.append(value)
        }
        return column
    }
}

extension ValueScope {
    /// `count(condition)`: for how many seeds `condition` holds, evaluated per
    /// run like an expectation; `count(list)`: how many items are true.
    func count(_ condition: Expression) throws(ExpressionError) -> ResultValue {
        var inner = self
        let tracker = SeedReadTracker()
        inner.tracker = tracker
        inner.run = 0
        let first = try condition.evaluate(in: inner).value
        let blocks = tracker.blocks
        guard let runs = blocks.first?.runs else {
            if case .list(let items) = first {
                var n = 0
                for item in items where try Expression.truth(item) { n += 1 }
                return .integer(n)
            }
            return .integer(try Expression.truth(first) ? 1 : 0)
        }
        if let other = blocks.first(where: { $0.runs != runs }) {
            throw ExpressionError("count: the condition reads blocks with \(runs) and \(other.runs) seeds, which cannot be paired")
        }
        var n = try Expression.truth(first) ? 1 : 0
        for run in 1..<max(runs, 1) {
            inner.run = run
            if try Expression.truth(try condition.evaluate(in: inner).value) { n += 1 }
        }
        return .integer(n)
    }
}
