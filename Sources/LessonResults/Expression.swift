import LessonSupport
import Experiments
import Foundation

/// A parsed `expect:` line or inline reference: a small expression language
/// over a block's named values.
///
/// Grammar, loosest first: `or`, `and`, `not`, comparisons (`< <= > >= == !=`,
/// chainable as in `0 < x < 1`), `+ -`, `* / %`, unary `-`, `^`; paths such as
/// `mc.100.accuracy` or `rows[0].diagnosis`; numbers, 'strings', `true`,
/// `false`; lists `[1, 2, 3]`; subscripts and slices of any list
/// (`curve.train_loss[-1]`, `curve.validation_loss[0:5]`, `[a:]`, `[:b]`);
/// and functions `approx(a, b, rtol)`, `abs`, `min`, `max`, `sum`,
/// `mean`, `len`, `sqrt`, `log`, `exp`, `all`, `any`, `count` (of the true
/// items of a list, or of the seeds for which a condition holds), `argmin`,
/// `argmax`, `isnan`, `isfinite`, `ewa` (the exponentially weighted average).
/// Arithmetic, comparisons, `not`, `abs`, `isnan`… apply element by element
/// to lists (`all(a[0:5] > a[1:6])`).
public indirect enum Expression: Sendable, Hashable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([Expression])
    case path([PathComponent], text: String)
    /// `e[i]` or `e[a:b]` on a value that is not a plain path (a slice of a path,
    /// a call, a list): paths keep their own `[i]` steps so that seeds resolve them.
    case subscripted(Expression, Subscript)
    case unary(String, Expression)
    case binary(String, Expression, Expression)
    case compare([String], [Expression])
    case call(String, [Expression])

    /// Parses `text`; errors carry the 0-based character offset of the problem.
    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser(text)
        return try parser.parseAll()
    }

    static let functions: [String: ClosedRange<Int>] = [
        "approx": 2...3, "abs": 1...1, "min": 1...100, "max": 1...100, "sum": 1...1, "mean": 1...1,
        "len": 1...1, "sqrt": 1...1, "log": 1...1, "log10": 1...1, "exp": 1...1, "all": 1...1, "any": 1...1,
        "round": 1...2, "count": 1...1, "argmin": 1...1, "argmax": 1...1, "isnan": 1...1, "isfinite": 1...1,
        "ewa": 2...3,
    ]

    /// A subscript: one item (negative counts from the end) or a slice, Python's
    /// `[a:b]`: from `a` up to but not including `b`, either omitted.
    public enum Subscript: Sendable, Hashable {
        case index(Int)
        case slice(Int?, Int?)
    }

    /// Every path the expression reads, in order, without repeats.
    public var paths: [String] {
        var out: [String] = []
        for (_, text) in pathNodes where !out.contains(text) { out.append(text) }
        return out
    }

    /// The first name of every path (`a` in `a.loss`): the block ids or own
    /// values the expression depends on.
    public var rootNames: Set<String> {
        Set(pathNodes.compactMap { components, _ in
            if case .key(let name)? = components.first { return name }
            return nil
        })
    }

    private var pathNodes: [([PathComponent], String)] {
        var out: [([PathComponent], String)] = []
        func walk(_ e: Expression) {
            switch e {
            case .path(let components, let text): out.append((components, text))
            case .unary(_, let a): walk(a)
            case .binary(_, let a, let b): walk(a); walk(b)
            case .compare(_, let items): items.forEach(walk)
            case .call(_, let args): args.forEach(walk)
            case .list(let items): items.forEach(walk)
            case .subscripted(let base, _): walk(base)
            default: break
            }
        }
        walk(self)
        return out
    }
}

/// A syntax or evaluation problem in an expression.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 0-based offset in the expression text, if known.
    public var offset: Int?
    public var notes: [String]
    public init(_ message: String, offset: Int? = nil, notes: [String] = []) {
        self.message = message
        self.offset = offset
        self.notes = notes
    }
    public var description: String { message }
}

struct ExpressionParser {
    enum Token: Equatable {
        case number(Double), string(String), name(String), symbol(String), end
    }

    private var tokens: [(Token, Int)] = []
    private var position = 0
    private var lexError: ExpressionError?

    /// Operators (and calls) one expression may have. A chain such as
    /// `1 + 1 + … + 1` parses in a loop but builds a tree as deep as it is
    /// long, which evaluating (and freeing) walks recursively: 100,000 terms
    /// overflowed the stack. Real expectations have a handful.
    static let maximumOperators = 1_000
    private var operators = 0

    /// Counts one operator node, refusing more than ``maximumOperators``.
    private mutating func countOperator() throws(ExpressionError) {
        operators += 1
        if operators > Self.maximumOperators {
            throw ExpressionError("expression too long: more than \(Self.maximumOperators.grouped) operators", offset: offset)
        }
    }

    init(_ text: String) {
        let chars = Array(text)
        var i = 0
        func isNameStart(_ c: Character) -> Bool { c.isLetter || c == "_" }
        func isNameChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let start = i
            if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber
                              && !(tokens.last.map { if case .name = $0.0 { return true }; if case .symbol("]") = $0.0 { return true }; return false } ?? false)) {
                // After a '.', digits are a path key (`mc.100.accuracy`), handled below.
                var j = i
                let afterDot = tokens.last?.0 == .symbol(".")
                while j < chars.count, chars[j].isNumber || (!afterDot && chars[j] == ".") { j += 1 }
                if !afterDot, j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    if k < chars.count, chars[k].isNumber {
                        j = k
                        while j < chars.count, chars[j].isNumber { j += 1 }
                    }
                }
                let literal = String(chars[i..<j])
                guard let value = Double(literal) else {
                    lexError = ExpressionError("'\(literal)' is not a number", offset: start)
                    break
                }
                tokens.append((.number(value), start))
                i = j
            } else if isNameStart(c) {
                var j = i
                while j < chars.count, isNameChar(chars[j]) { j += 1 }
                tokens.append((.name(String(chars[i..<j])), start))
                i = j
            } else if c == "'" || c == "\"" {
                var j = i + 1
                while j < chars.count, chars[j] != c { j += 1 }
                guard j < chars.count else {
                    lexError = ExpressionError("unterminated string: add a closing \(c)", offset: start)
                    break
                }
                tokens.append((.string(String(chars[(i + 1)..<j])), start))
                i = j + 1
            } else {
                let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
                if ["<=", ">=", "==", "!=", "**", "&&", "||"].contains(two) {
                    let mapped = ["**": "^", "&&": "and", "||": "or"][two] ?? two
                    tokens.append((mapped == "and" || mapped == "or" ? .name(mapped) : .symbol(mapped), start))
                    i += 2
                } else if "<>+-*/%^()[],.!:".contains(c) {
                    tokens.append((c == "!" ? .name("not") : .symbol(String(c)), start))
                    i += 1
                } else if c == "=" {
                    lexError = ExpressionError("'=' is not a comparison; write '==' to compare", offset: start)
                    break
                } else {
                    lexError = ExpressionError("unexpected character '\(c)'", offset: start)
                    break
                }
            }
        }
        tokens.append((.end, chars.count))
    }

    private var current: Token { tokens[position].0 }
    private var offset: Int { tokens[position].1 }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private mutating func accept(_ symbol: String) -> Bool {
        if current == .symbol(symbol) || current == .name(symbol) { advance(); return true }
        return false
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let x): return "the number \(ResultValue.format(x))"
        case .string(let s): return "the string '\(s)'"
        case .name(let n): return "'\(n)'"
        case .symbol(let s): return "'\(s)'"
        case .end: return "the end of the expression"
        }
    }

    mutating func parseAll() throws(ExpressionError) -> Expression {
        if let lexError { throw lexError }
        if current == .end { throw ExpressionError("empty expression", offset: 0) }
        let e = try parseOr(depth: 0)
        guard current == .end else {
            throw ExpressionError("unexpected \(describe(current)); expected an operator or the end", offset: offset)
        }
        return e
    }

    private mutating func parseOr(depth: Int) throws(ExpressionError) -> Expression {
        guard depth < 200 else { throw ExpressionError("expression nested too deeply", offset: offset) }
        var left = try parseAnd(depth: depth)
        while accept("or") {
            try countOperator()
            left = .binary("or", left, try parseAnd(depth: depth))
        }
        return left
    }

    private mutating func parseAnd(depth: Int) throws(ExpressionError) -> Expression {
        var left = try parseNot(depth: depth)
        while accept("and") {
            try countOperator()
            left = .binary("and", left, try parseNot(depth: depth))
        }
        return left
    }

    private mutating func parseNot(depth: Int) throws(ExpressionError) -> Expression {
        // `not not … not x` nests without passing parseOr or parseUnary.
        guard depth < 200 else { throw ExpressionError("expression nested too deeply", offset: offset) }
        if accept("not") {
            try countOperator()
            return .unary("not", try parseNot(depth: depth + 1))
        }
        return try parseComparison(depth: depth)
    }

    private mutating func parseComparison(depth: Int) throws(ExpressionError) -> Expression {
        let first = try parseAdditive(depth: depth)
        var operators: [String] = []
        var operands = [first]
        while case .symbol(let s) = current, ["<", "<=", ">", ">=", "==", "!="].contains(s) {
            advance()
            try countOperator()
            operators.append(s)
            operands.append(try parseAdditive(depth: depth))
        }
        return operators.isEmpty ? first : .compare(operators, operands)
    }

    private mutating func parseAdditive(depth: Int) throws(ExpressionError) -> Expression {
        var left = try parseMultiplicative(depth: depth)
        while case .symbol(let s) = current, s == "+" || s == "-" {
            advance()
            try countOperator()
            left = .binary(s, left, try parseMultiplicative(depth: depth))
        }
        return left
    }

    private mutating func parseMultiplicative(depth: Int) throws(ExpressionError) -> Expression {
        var left = try parseUnary(depth: depth)
        while case .symbol(let s) = current, s == "*" || s == "/" || s == "%" {
            advance()
            try countOperator()
            left = .binary(s, left, try parseUnary(depth: depth))
        }
        return left
    }

    private mutating func parseUnary(depth: Int) throws(ExpressionError) -> Expression {
        guard depth < 200 else { throw ExpressionError("expression nested too deeply", offset: offset) }
        if accept("-") {
            try countOperator()
            return .unary("-", try parseUnary(depth: depth + 1))
        }
        if accept("+") { return try parseUnary(depth: depth + 1) }
        let base = try parsePostfix(depth: depth)
        if accept("^") {
            try countOperator()
            return .binary("^", base, try parseUnary(depth: depth + 1))
        }
        return base
    }

    private mutating func parsePostfix(depth: Int) throws(ExpressionError) -> Expression {
        var base = try parsePrimary(depth: depth)
        while current == .symbol("[") {
            try countOperator()
            base = .subscripted(base, try parseSubscript())
        }
        return base
    }

    /// `[i]`, `[a:b]`, `[a:]`, `[:b]` or `[:]`, the integers possibly negative.
    private mutating func parseSubscript() throws(ExpressionError) -> Expression.Subscript {
        guard accept("[") else { throw ExpressionError("expected '['", offset: offset) }
        func integer(_ parser: inout ExpressionParser) throws(ExpressionError) -> Int? {
            let negative = parser.accept("-")
            guard case .number(let x) = parser.current else {
                if negative { throw ExpressionError("expected an integer after '-'", offset: parser.offset) }
                return nil
            }
            guard x == x.rounded() else {
                throw ExpressionError("expected an integer index inside [ ], found \(ResultValue.format(x))", offset: parser.offset)
            }
            guard let index = Int(exactly: negative ? -x : x) else {
                throw ExpressionError("the index inside [ ] is too large", offset: parser.offset)
            }
            parser.advance()
            return index
        }
        let first = try integer(&self)
        if accept(":") {
            let second = try integer(&self)
            guard accept("]") else { throw ExpressionError("expected ']' to close the slice", offset: offset) }
            return .slice(first, second)
        }
        guard let first else {
            throw ExpressionError("expected an integer index or a slice such as [0:5] inside [ ]", offset: offset)
        }
        guard accept("]") else { throw ExpressionError("expected ']'", offset: offset) }
        return .index(first)
    }

    private mutating func parsePrimary(depth: Int) throws(ExpressionError) -> Expression {
        let start = offset
        switch current {
        case .symbol("["):
            advance()
            try countOperator()
            var items: [Expression] = []
            if !accept("]") {
                repeat { items.append(try parseOr(depth: depth + 1)) } while accept(",")
                guard accept("]") else { throw ExpressionError("expected ',' or ']' in the list that starts at column \(start + 1)", offset: offset) }
            }
            return .list(items)
        case .number(let x):
            advance()
            return .number(x)
        case .string(let s):
            advance()
            return .string(s)
        case .symbol("("):
            advance()
            let inner = try parseOr(depth: depth + 1)
            guard accept(")") else { throw ExpressionError("expected ')' to close the '(' at column \(start + 1)", offset: offset) }
            return inner
        case .name(let name):
            advance()
            if name == "true" { return .bool(true) }
            if name == "false" { return .bool(false) }
            if current == .symbol("(") {
                guard let arity = Expression.functions[name] else {
                    throw ExpressionError("unknown function '\(name)'" + Suggestion.didYouMean(name, in: Expression.functions.keys.sorted()),
                                          offset: start, notes: ["functions: " + Expression.functions.keys.sorted().joined(separator: ", ")])
                }
                advance()
                try countOperator()
                var args: [Expression] = []
                if !accept(")") {
                    repeat { args.append(try parseOr(depth: depth + 1)) } while accept(",")
                    guard accept(")") else { throw ExpressionError("expected ',' or ')' in the arguments of \(name)", offset: offset) }
                }
                guard arity.contains(args.count) else {
                    let want = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
                    throw ExpressionError("\(name) takes \(want) argument\(arity.upperBound == 1 ? "" : "s"), found \(args.count)", offset: start)
                }
                return .call(name, args)
            }
            var components: [PathComponent] = [.key(name)]
            var text = name
            while true {
                if accept(".") {
                    switch current {
                    case .name(let key):
                        components.append(.key(key)); text += "." + key; advance()
                    case .number(let x) where x == x.rounded() && x >= 0:
                        // `Int(x)` would trap on 1e20 or more digits than an Int holds.
                        guard let number = Int(exactly: x) else {
                            throw ExpressionError("the key after '.' is too large", offset: offset)
                        }
                        let key = String(number); components.append(.key(key)); text += "." + key; advance()
                    default:
                        throw ExpressionError("expected a name after '.', found \(describe(current))", offset: offset)
                    }
                } else if current == .symbol("[") {
                    // An explored value (`explored.keep_prob[0.5]`,
                    // `explored.init['normal 3']`) is a key, not a position.
                    let before = position
                    advance()
                    let negative = accept("-")
                    if case .number(let x) = current, x != x.rounded(), x.isFinite {
                        advance()
                        if accept("]") {
                            let key = "\(negative ? -x : x)"
                            components.append(.key(key)); text += "[\(key)]"
                            continue
                        }
                    } else if !negative, case .string(let key) = current {
                        advance()
                        if accept("]") {
                            components.append(.key(key)); text += "['\(key)']"
                            continue
                        }
                    }
                    position = before
                    switch try parseSubscript() {
                    case .index(let index):
                        components.append(.index(index)); text += "[\(index)]"
                    case .slice:
                        // A slice ends the path; parsePostfix takes it (and what follows) from here.
                        position = before
                        return .path(components, text: text)
                    }
                } else {
                    break
                }
            }
            return .path(components, text: text)
        default:
            throw ExpressionError("expected a value, found \(describe(current))", offset: offset)
        }
    }
}
