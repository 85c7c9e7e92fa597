import LessonSupport
import NeuralEngine
import Experiments
import Foundation
import LessonResults

/// The result of evaluating an expression, with the values it read (for
/// failure messages that show the actual numbers next to the bound).
public struct ExpressionResult: Sendable {
    public var value: ResultValue
    /// Each path read and its value, in order.
    public var reads: [(path: String, value: ResultValue)]
}

/// Resolves names for expressions: a block's own values first, then other
/// blocks of the lesson by id.
public struct ValueScope: Sendable {
    public var own: Record?
    public var blocks: [String: Record]
    /// Shared by every scope of one lesson: see ``Names``.
    let names: Names
    /// Blocks run over several seeds, by id, and the own block's runs: see
    /// `ValueScope+Seeds.swift`.
    var seeded: [String: SeedRuns] = [:]
    var ownRuns: SeedRuns?
    /// The run whose plain values an expectation reads; `nil` reads their summary (the mean).
    var run: Int?
    var tracker: SeedReadTracker?
    /// Explored blocks' positions by id, and the own block's: see
    /// `ValueScope+Explore.swift`.
    var explored: [String: ExploredValues] = [:]
    var ownExplored: ExploredValues?

    public init(own: Record?, blocks: [String: Record]) {
        self.init(own: own, blocks: blocks, names: Names(blocks))
    }

    init(own: Record?, blocks: [String: Record], names: Names) {
        self.own = own
        self.blocks = blocks
        self.names = names
    }

    /// What "unknown value" messages of one lesson share: the sorted block ids
    /// (sorted once, not per message) and a budget of "did you mean" searches.
    ///
    /// Found by hand: a lesson of 10,000 blocks whose expectations and inline
    /// values all named unknown values took 205 s, each message sorting every
    /// id and comparing the name with each.
    final class Names: @unchecked Sendable {
        /// "Did you mean" searches per lesson; later unknown names still list what is available.
        static let suggestionBudget = 1_000
        private let lock = NSLock()
        private let blocks: [String: Record]
        private var sorted: [String]?
        private var suggestionsLeft = Names.suggestionBudget

        init(_ blocks: [String: Record]) {
            self.blocks = blocks
        }

        var sortedIds: [String] {
            lock.lock()
            defer { lock.unlock() }
            if let sorted { return sorted }
            let ids = blocks.keys.sorted()
            sorted = ids
            return ids
        }

        func didYouMean(_ text: String, in known: [String]) -> String {
            lock.lock()
            let allowed = suggestionsLeft > 0
            suggestionsLeft -= allowed ? 1 : 0
            lock.unlock()
            return allowed ? Suggestion.didYouMean(text, in: known) : ""
        }
    }

    func resolve(_ path: [PathComponent], text: String) throws(ExpressionError) -> ResultValue {
        if let value = try resolveExplored(path, text: text) { return value }
        if let ownRuns {
            if let value = try resolve(path[...], in: ownRuns, block: "", text: text) { return value }
        } else if let own, let value = ResultValue.record(own).lookup(path) {
            return value
        }
        if case .key(let first)? = path.first, let runs = seeded[first],
           let value = try resolve(path.dropFirst(), in: runs, block: first, text: text) {
            return value
        }
        if case .key(let first)? = path.first, let record = blocks[first] {
            if let value = ResultValue.record(record).lookup(path.dropFirst()) { return value }
            let known = record.leafPaths(prefix: first)
            throw ExpressionError("unknown value '\(text)'" + names.didYouMean(text, in: known),
                                  notes: [Self.listing(known)])
        }
        var known = own?.leafPaths() ?? []
        known += names.sortedIds
        throw ExpressionError("unknown value '\(text)'" + names.didYouMean(text, in: known),
                              notes: [Self.listing(known)])
    }

    private static func listing(_ names: [String]) -> String {
        let shown = names.prefix(24).joined(separator: ", ")
        return names.isEmpty ? "no values are available here" : "available: " + shown + (names.count > 24 ? ", …" : "")
    }
}

extension Expression {
    /// Evaluates against `scope`.
    public func evaluate(in scope: ValueScope) throws(ExpressionError) -> ExpressionResult {
        var reads: [(String, ResultValue)] = []
        let value = try eval(scope, &reads)
        return ExpressionResult(value: value, reads: reads)
    }

    private func eval(_ scope: ValueScope, _ reads: inout [(String, ResultValue)]) throws(ExpressionError) -> ResultValue {
        switch self {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .list(let items):
            var values: [ResultValue] = []
            for item in items { values.append(try item.eval(scope, &reads)) }
            return .list(values)
        case .subscripted(let base, let step):
            return try Self.apply(step, to: try base.eval(scope, &reads))
        case .path(let components, let text):
            let value = try scope.resolve(components, text: text)
            if !reads.contains(where: { $0.0 == text }) { reads.append((text, value)) }
            return value
        case .unary(let op, let operand):
            return try Self.elementwise(try operand.eval(scope, &reads)) { v throws(ExpressionError) in
                if op == "not" { return .bool(!(try Self.truth(v))) }
                return .number(-(try Self.number(v, op)))
            }
        case .binary("and", let a, let b):
            guard try Self.truth(try a.eval(scope, &reads)) else { return .bool(false) }
            return .bool(try Self.truth(try b.eval(scope, &reads)))
        case .binary("or", let a, let b):
            if try Self.truth(try a.eval(scope, &reads)) { return .bool(true) }
            return .bool(try Self.truth(try b.eval(scope, &reads)))
        case .binary(let op, let a, let b):
            let left = try a.eval(scope, &reads), right = try b.eval(scope, &reads)
            return try Self.pairwise(left, right, op) { l, r throws(ExpressionError) in
                let x = try Self.number(l, op), y = try Self.number(r, op)
                switch op {
                case "+": return .number(x + y)
                case "-": return .number(x - y)
                case "*": return .number(x * y)
                case "/": return .number(x / y)
                case "%": return .number(x.truncatingRemainder(dividingBy: y))
                default: return .number(pow(x, y))
                }
            }
        case .compare(let ops, let operands):
            var values: [ResultValue] = []
            for operand in operands { values.append(try operand.eval(scope, &reads)) }
            // Over lists a comparison is a list of true/false, one per item
            // (a chain holds where every link holds): wrap it in all() or any().
            var result: ResultValue = .bool(true)
            for (index, op) in ops.enumerated() {
                let link = try Self.pairwise(values[index], values[index + 1], op) { l, r throws(ExpressionError) in
                    .bool(try Self.compare(l, op, r))
                }
                result = try Self.pairwise(result, link, "and") { l, r throws(ExpressionError) in
                    let x = try Self.truth(l), y = try Self.truth(r)
                    return .bool(x && y)
                }
            }
            return result
        case .call("count", let args) where args.count == 1:
            return try scope.count(args[0])
        case .call(let name, let args):
            var values: [ResultValue] = []
            for arg in args { values.append(try arg.eval(scope, &reads)) }
            return try Self.call(name, values)
        }
    }

    /// Whether an expectation holds: its value must be true or false. A
    /// number is refused (``truth(_:)`` would take it as "not zero"): `- loss`
    /// with its comparison forgotten must not pass silently.
    static func verdict(_ v: ResultValue) throws(ExpressionError) -> Bool {
        if case .bool(let b) = v { return b }
        if case .list(let items) = v, items.allSatisfy({ if case .bool = $0 { return true } else { return false } }) {
            throw ExpressionError("an expectation must be true or false, and this is a list of \(items.count) true/false values (a comparison over a list)",
                                  notes: ["say which must hold: `all(…)` for every item, `any(…)` for at least one"])
        }
        if v.doubleValue != nil {
            throw ExpressionError("an expectation must be true or false, and this is \(v.typeNameWithArticle) (\(v.formatted))",
                                  notes: ["compare it with something, e.g. `x > 0.5` or `x == 3`"])
        }
        return try truth(v)
    }

    static func truth(_ v: ResultValue) throws(ExpressionError) -> Bool {
        switch v {
        case .bool(let b): return b
        case .number(let x): return x != 0
        case .integer(let n): return n != 0
        default: throw ExpressionError("expected true or false, found \(shown(v))")
        }
    }

    /// A value named in a message: a string quoted, as the text it is, so
    /// that the class name "0" (`classes[0]` of a block without `classes:`)
    /// does not read as the number 0 ("needs numbers, found a string (0)").
    static func shown(_ v: ResultValue) -> String {
        if case .string(let text) = v { return "the text \"\(text)\"" }
        return "\(v.typeNameWithArticle) (\(v.formatted))"
    }

    static func number(_ v: ResultValue, _ context: String) throws(ExpressionError) -> Double {
        if case .bool = v {
            throw ExpressionError("'\(context)' needs numbers, found the boolean \(v.formatted)")
        }
        guard let x = v.doubleValue else {
            throw ExpressionError("'\(context)' needs numbers, found \(shown(v))")
        }
        return x
    }

    static func compare(_ a: ResultValue, _ op: String, _ b: ResultValue) throws(ExpressionError) -> Bool {
        if op == "==" || op == "!=" {
            let equal: Bool
            switch (a, b) {
            case (.string(let x), .string(let y)): equal = x == y
            case (.bool(let x), .bool(let y)): equal = x == y
            default:
                if let x = a.doubleValue, let y = b.doubleValue, !isBool(a), !isBool(b) {
                    equal = x == y
                } else {
                    throw ExpressionError("cannot compare \(a.typeNameWithArticle) (\(a.formatted)) with \(b.typeNameWithArticle) (\(b.formatted))")
                }
            }
            return op == "==" ? equal : !equal
        }
        let x = try number(a, op), y = try number(b, op)
        switch op {
        case "<": return x < y
        case "<=": return x <= y
        case ">": return x > y
        default: return x >= y
        }
    }

    private static func isBool(_ v: ResultValue) -> Bool {
        if case .bool = v { return true }
        return false
    }

    static func list(_ v: ResultValue, _ name: String) throws(ExpressionError) -> [Double] {
        guard case .list(let items) = v else { return [try number(v, name)] }
        var out: [Double] = []
        // In a list, true counts 1: `sum(converged.runs)` is how many runs converged.
        for item in items { out.append(try item == .bool(true) ? 1 : item == .bool(false) ? 0 : number(item, name)) }
        return out
    }

    /// `f` on a value, or on each item of a list (at any depth).
    static func elementwise(
        _ v: ResultValue, _ f: (ResultValue) throws(ExpressionError) -> ResultValue
    ) throws(ExpressionError) -> ResultValue {
        guard case .list(let items) = v else { return try f(v) }
        var out: [ResultValue] = []
        for item in items { out.append(try elementwise(item, f)) }
        return .list(out)
    }

    /// `f` on two values, item by item when either is a list (a single value
    /// pairs with every item; two lists must have the same length).
    static func pairwise(
        _ a: ResultValue, _ b: ResultValue, _ op: String, _ f: (ResultValue, ResultValue) throws(ExpressionError) -> ResultValue
    ) throws(ExpressionError) -> ResultValue {
        switch (a, b) {
        case (.list(let x), .list(let y)):
            guard x.count == y.count else {
                throw ExpressionError("'\(op)' pairs the items of two lists, and they have \(x.count) and \(y.count) items",
                                      notes: ["slice them to the same length, e.g. a[0:5] \(op) b[1:6]"])
            }
            var out: [ResultValue] = []
            for (l, r) in zip(x, y) { out.append(try pairwise(l, r, op, f)) }
            return .list(out)
        case (.list(let x), _):
            var out: [ResultValue] = []
            for l in x { out.append(try pairwise(l, b, op, f)) }
            return .list(out)
        case (_, .list(let y)):
            var out: [ResultValue] = []
            for r in y { out.append(try pairwise(a, r, op, f)) }
            return .list(out)
        default:
            return try f(a, b)
        }
    }

    /// `list[i]` or `list[a:b]` (Python's rules: negative counts from the end,
    /// a slice's bounds are clamped to the list, an index outside it is an error).
    static func apply(_ step: Subscript, to value: ResultValue) throws(ExpressionError) -> ResultValue {
        guard case .list(let items) = value else {
            throw ExpressionError("only a list can be subscripted, and this is \(value.typeNameWithArticle) (\(value.formatted))")
        }
        let n = items.count
        switch step {
        case .index(let i):
            let resolved = i < 0 ? n + i : i
            guard items.indices.contains(resolved) else {
                throw ExpressionError("index \(i) is outside a list of \(n) item\(n == 1 ? "" : "s")")
            }
            return items[resolved]
        case .slice(let a, let b):
            func clamp(_ x: Int?, _ fallback: Int) -> Int {
                guard let x else { return fallback }
                return min(max(x < 0 ? n + x : x, 0), n)
            }
            let lower = clamp(a, 0), upper = clamp(b, n)
            return .list(lower < upper ? Array(items[lower..<upper]) : [])
        }
    }

    /// The exponentially weighted average `v_t = β·v_{t−1} + (1 − β)·θ_t` from
    /// `v_0 = 0`, one per item; with `corrected`, each divided by `1 − β^t`.
    static func exponentiallyWeightedAverage(_ values: [Double], beta: Double, corrected: Bool) -> [Double] {
        var v = 0.0
        var out: [Double] = []
        for (index, theta) in values.enumerated() {
            v = beta * v + (1 - beta) * theta
            out.append(corrected ? v / (1 - pow(beta, Double(index + 1))) : v)
        }
        return out
    }

    static func call(_ name: String, _ args: [ResultValue]) throws(ExpressionError) -> ResultValue {
        switch name {
        case "abs", "sqrt", "log", "log10", "exp", "isnan", "isfinite":
            return try elementwise(args[0]) { v throws(ExpressionError) in
                let x = try number(v, name)
                switch name {
                case "abs": return .number(Swift.abs(x))
                case "sqrt": return .number(x.squareRoot())
                case "log": return .number(Foundation.log(x))
                case "log10": return .number(Foundation.log10(x))
                case "exp": return .number(Foundation.exp(x))
                case "isnan": return .bool(x.isNaN)
                default: return .bool(x.isFinite)
                }
            }
        case "argmin", "argmax":
            let values = try list(args[0], name)
            let candidates = values.indices.filter { !values[$0].isNaN }
            guard let first = candidates.first else {
                throw ExpressionError("\(name) of a list with no number in it (empty, or every item NaN)")
            }
            // The first position of the smallest (largest) item, from 0; NaN items are skipped.
            var best = first
            for i in candidates where name == "argmin" ? values[i] < values[best] : values[i] > values[best] { best = i }
            return .integer(best)
        case "ewa":
            let values = try list(args[0], name)
            let beta = try number(args[1], name)
            guard beta >= 0, beta < 1 else { throw ExpressionError("ewa's β must be in [0, 1), found \(ResultValue.format(beta))") }
            var corrected = false
            if args.count > 2 {
                guard case .bool(let flag) = args[2] else {
                    throw ExpressionError("ewa's third argument says whether to correct the bias: true or false, found \(args[2].formatted)")
                }
                corrected = flag
            }
            return .numbers(exponentiallyWeightedAverage(values, beta: beta, corrected: corrected))
        case "approx":
            let rtol = args.count > 2 ? try number(args[2], name) : 1e-6
            // Item by item over lists, like a comparison: all(approx(a, b, 0.01)).
            return try pairwise(args[0], args[1], name) { l, r throws(ExpressionError) in
                let a = try number(l, name), b = try number(r, name)
                // Relative to the larger magnitude, with an absolute floor of
                // rtol so that approx(x, 0, rtol) still means "close to zero".
                return .bool(abs(a - b) <= rtol * max(abs(a), abs(b), 1e-12) || abs(a - b) <= rtol * 1e-3)
            }
        case "round":
            let x = try number(args[0], name)
            let digits = args.count > 1 ? try number(args[1], name) : 0
            let scale = pow(10, digits)
            return .number((x * scale).rounded() / scale)
        case "len":
            switch args[0] {
            case .list(let items): return .integer(items.count)
            case .string(let s): return .integer(s.count)
            case .record(let r): return .integer(r.fields.count)
            default: throw ExpressionError("len needs a list, found a \(args[0].typeName)")
            }
        case "all", "any":
            guard case .list(let items) = args[0] else { return .bool(try truth(args[0])) }
            var results: [Bool] = []
            for item in items { results.append(try truth(item)) }
            return .bool(name == "all" ? !results.contains(false) : results.contains(true))
        default:
            var values: [Double] = []
            for arg in args { values += try list(arg, name) }
            guard !values.isEmpty else { throw ExpressionError("\(name) of an empty list") }
            switch name {
            case "min": return .number(values.min()!)
            case "max": return .number(values.max()!)
            case "sum": return .number(values.reduce(0, +))
            default: return .number(values.reduce(0, +) / Double(values.count))
            }
        }
    }
}
